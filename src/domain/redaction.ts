import { AppError } from './errors';

/**
 * Pure rules for a moderator's edit of a clip: keep the part between the in and out points,
 * and blur rectangles over time ranges (a face of someone who has not agreed, a house number,
 * a number plate, a letter or a medication label). Times are seconds on the current version's
 * timeline; rectangles are fractions (0-1) of the picture as it is shown (upright), so a
 * portrait phone clip is measured the way the moderator sees it.
 */
export interface BlurRegion {
  start: number;
  end: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RedactionRequest {
  trim?: { start: number; end: number } | undefined;
  blurs?: BlurRegion[] | undefined;
}

/** A checked edit: the trim always present (the whole clip when none was asked for). */
export interface RedactionSpec {
  trim: { start: number; end: number };
  blurs: BlurRegion[];
}

export const MAX_BLURS = 20;
/** Shortest clip an edit may leave. */
export const MIN_KEPT_SECONDS = 1;
/** Smallest side of a blur rectangle, as a fraction of the picture. */
export const MIN_BLUR_FRACTION = 0.01;
/** Rounding slack for times entered against a duration the probe measured. */
const TIME_SLACK = 0.05;
const FRACTION_SLACK = 1e-6;

/**
 * Why an edit was refused: the API sends the English message, the staff page shows the
 * catalogue's words for `reason` (staff.redact.error.*), with `area` and `seconds` filled in.
 */
export const redactionRefusals = [
  'nothing',
  'no_duration',
  'trim_start',
  'trim_past_end',
  'trim_order',
  'trim_too_short',
  'trim_whole',
  'blur_audio',
  'blur_too_many',
  'blur_order',
  'blur_past_end',
  'blur_outside_trim',
  'blur_position',
  'blur_size',
  'blur_edge',
] as const;
export type RedactionRefusal = (typeof redactionRefusals)[number];

const bad = (
  field: string,
  reason: RedactionRefusal,
  message: string,
  params: { area?: number; seconds?: number } = {},
) => new AppError('bad_request', message, { field, reason, ...params });

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * Checks an edit against the clip it applies to and returns it normalised, or throws a
 * bad_request naming the field and saying what is wrong in words a moderator can act on.
 */
export function checkRedaction(
  req: RedactionRequest,
  clip: { durationSeconds: number | null; kind: 'video' | 'audio' | null },
): RedactionSpec {
  const duration = clip.durationSeconds;
  if (!finite(duration) || duration <= 0) {
    throw bad('trim', 'no_duration', 'This clip has no known length yet, so it cannot be edited.');
  }
  const blurs = req.blurs ?? [];
  if (!req.trim && blurs.length === 0) {
    throw bad('trim', 'nothing', 'Set new start and end points, or add at least one area to blur.');
  }

  const start = req.trim?.start ?? 0;
  const end = Math.min(req.trim?.end ?? duration, duration);
  if (!finite(start) || !finite(end) || start < 0) {
    throw bad('trim.start', 'trim_start', 'The start point must be a time of 0 seconds or more.');
  }
  if (req.trim && req.trim.end > duration + TIME_SLACK) {
    throw bad(
      'trim.end',
      'trim_past_end',
      `The end point is after the end of the clip (${duration.toFixed(1)} s).`,
      { seconds: Math.floor(duration * 10) / 10 },
    );
  }
  if (end <= start) {
    throw bad('trim.end', 'trim_order', 'The end point must be after the start point.');
  }
  if (end - start < MIN_KEPT_SECONDS) {
    throw bad(
      'trim.end',
      'trim_too_short',
      `Keep at least ${MIN_KEPT_SECONDS} second of the clip.`,
      {
        seconds: MIN_KEPT_SECONDS,
      },
    );
  }
  const wholeClip = start <= 0 && end >= duration - TIME_SLACK;
  if (blurs.length === 0 && wholeClip) {
    throw bad(
      'trim',
      'trim_whole',
      'These start and end points keep the whole clip: nothing would change.',
    );
  }

  if (blurs.length > 0 && clip.kind !== 'video') {
    throw bad('blurs', 'blur_audio', 'An audio story has no picture to blur.');
  }
  if (blurs.length > MAX_BLURS) {
    throw bad('blurs', 'blur_too_many', `Blur at most ${MAX_BLURS} areas in one edit.`, {
      area: MAX_BLURS,
    });
  }
  const checked = blurs.map((b, i) => {
    const f = (name: keyof BlurRegion) => `blurs.${i}.${name}`;
    const n = i + 1;
    const area = { area: n };
    if (!(b.end > b.start) || b.start < 0) {
      throw bad(f('end'), 'blur_order', `Area ${n}: the blur must end after it starts.`, area);
    }
    if (b.start > duration + TIME_SLACK || b.end > duration + TIME_SLACK) {
      throw bad(
        f('end'),
        'blur_past_end',
        `Area ${n}: the blur runs past the end of the clip.`,
        area,
      );
    }
    if (b.end <= start || b.start >= end) {
      throw bad(
        f('start'),
        'blur_outside_trim',
        `Area ${n}: the blur is outside the part of the clip that is kept.`,
        area,
      );
    }
    for (const k of ['x', 'y'] as const) {
      if (!(b[k] >= 0 && b[k] < 1)) {
        throw bad(
          f(k),
          'blur_position',
          `Area ${n}: the position must be inside the picture (0 to 100%).`,
          area,
        );
      }
    }
    for (const k of ['width', 'height'] as const) {
      if (!(b[k] >= MIN_BLUR_FRACTION && b[k] <= 1)) {
        throw bad(
          f(k),
          'blur_size',
          `Area ${n}: the ${k} must be between 1% and 100% of the picture.`,
          area,
        );
      }
    }
    if (b.x + b.width > 1 + FRACTION_SLACK || b.y + b.height > 1 + FRACTION_SLACK) {
      throw bad(
        f('width'),
        'blur_edge',
        `Area ${n}: the area reaches past the edge of the picture.`,
        area,
      );
    }
    return {
      ...b,
      end: Math.min(b.end, duration),
      width: Math.min(b.width, 1 - b.x),
      height: Math.min(b.height, 1 - b.y),
    };
  });
  return { trim: { start, end }, blurs: checked };
}

/** Whether an edit cuts anything off (captions then move with it). */
export const isTrimmed = (spec: RedactionSpec, durationSeconds: number): boolean =>
  spec.trim.start > 0 || spec.trim.end < durationSeconds - TIME_SLACK;
