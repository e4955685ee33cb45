/**
 * Dynamic time warping between two feature sequences, restricted to a Sakoe-Chiba band around
 * the diagonal (scaled when the lengths differ), so time and memory are O(N × band) rather
 * than O(N × M). Steps: match (i-1, j-1), insertion (i-1, j), deletion (i, j-1).
 */

export interface Sequence {
  /** frames × dims, row-major. */
  data: Float32Array;
  frames: number;
  dims: number;
}

export interface WarpPath {
  /** Pairs (a[k], b[k]) from (0, 0) to (N-1, M-1), monotonic in both. */
  a: Int32Array;
  b: Int32Array;
  cost: number;
}

function distance(x: Sequence, i: number, y: Sequence, j: number): number {
  let sum = 0;
  const xo = i * x.dims;
  const yo = j * y.dims;
  for (let d = 0; d < x.dims; d++) {
    const diff = x.data[xo + d]! - y.data[yo + d]!;
    sum += diff * diff;
  }
  return Math.sqrt(sum);
}

const DIAG = 0;
const UP = 1; // from (i-1, j)
const LEFT = 2; // from (i, j-1)

/**
 * `band` is the half-width in frames of B around the scaled diagonal. It is widened where
 * needed so the end cell (N-1, M-1) is always reachable.
 */
export function dtw(x: Sequence, y: Sequence, band: number): WarpPath {
  const n = x.frames;
  const m = y.frames;
  if (n === 0 || m === 0) throw new Error('DTW needs two non-empty sequences');
  if (x.dims !== y.dims) throw new Error('DTW sequences differ in dimensions');
  const slope = n > 1 ? (m - 1) / (n - 1) : 0;
  // Adjacent rows' windows must overlap, or the path could not move between them.
  const w = Math.max(1, Math.ceil(band), Math.ceil(slope) + 1);
  const width = 2 * w + 1;
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.round(i * slope);
    lo[i] = Math.max(0, c - w);
    hi[i] = Math.min(m - 1, c + w);
  }
  const cost = new Float64Array(n * width).fill(Infinity);
  const move = new Uint8Array(n * width);
  const at = (i: number, j: number) =>
    j < lo[i]! || j > hi[i]! ? Infinity : cost[i * width + (j - lo[i]!)]!;

  for (let i = 0; i < n; i++) {
    for (let j = lo[i]!; j <= hi[i]!; j++) {
      const d = distance(x, i, y, j);
      let best: number;
      let step = DIAG;
      if (i === 0 && j === 0) best = 0;
      else {
        const diag = i > 0 && j > 0 ? at(i - 1, j - 1) : Infinity;
        const up = i > 0 ? at(i - 1, j) : Infinity;
        const left = j > 0 ? at(i, j - 1) : Infinity;
        best = diag;
        if (up < best) [best, step] = [up, UP];
        if (left < best) [best, step] = [left, LEFT];
      }
      cost[i * width + (j - lo[i]!)] = best + d;
      move[i * width + (j - lo[i]!)] = step;
    }
  }
  const total = at(n - 1, m - 1);
  if (!Number.isFinite(total)) throw new Error('DTW band too narrow to reach the end');

  const pa: number[] = [];
  const pb: number[] = [];
  let i = n - 1;
  let j = m - 1;
  for (;;) {
    pa.push(i);
    pb.push(j);
    if (i === 0 && j === 0) break;
    const step = move[i * width + (j - lo[i]!)];
    if (step === DIAG) {
      i--;
      j--;
    } else if (step === UP) i--;
    else j--;
  }
  return { a: Int32Array.from(pa.reverse()), b: Int32Array.from(pb.reverse()), cost: total };
}

/** For each frame of B, the first and last frame of A the path pairs with it. */
export function spansOfB(path: WarpPath, framesB: number): { first: Int32Array; last: Int32Array } {
  const first = new Int32Array(framesB).fill(-1);
  const last = new Int32Array(framesB).fill(-1);
  for (let k = 0; k < path.a.length; k++) {
    const j = path.b[k]!;
    if (first[j] === -1) first[j] = path.a[k]!;
    last[j] = path.a[k]!;
  }
  return { first, last };
}
