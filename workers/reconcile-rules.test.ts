import {
  decideOwedFollowUp,
  decideOwedWork,
  decideQueuedRedaction,
  multipartAbortAgeMs,
  ownerIds,
  ownerOfKey,
  selectAbandonedUploads,
  selectOrphans,
} from './reconcile-rules';

const A = '0b8f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';
const B = '9d1e2f3a-4b5c-4d6e-8f7a-1b2c3d4e5f60';
const P = 'c0ffee00-1234-4abc-8def-0123456789ab';
const E = 'e0e0e0e0-1234-4abc-8def-0123456789ab';
const HOUR = 3600 * 1000;
const now = new Date('2026-12-04T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('decideOwedWork', () => {
  it.each([
    ['waiting', 'leave'],
    ['waiting-children', 'leave'],
    ['active', 'leave'],
    ['delayed', 'leave'],
    ['prioritized', 'leave'],
    ['failed', 'fail'],
    ['missing', 'requeue'],
    ['completed', 'requeue'],
    ['unknown', 'requeue'],
  ])('finalise %s -> %s', (state, action) => {
    expect(decideOwedWork(state)).toBe(action);
  });
});

describe('decideOwedFollowUp', () => {
  it.each([
    ['waiting', 'leave'],
    ['active', 'leave'],
    ['delayed', 'leave'],
    ['failed', 'leave'],
    ['completed', 'leave'],
    ['missing', 'requeue'],
  ])('follow-up job %s -> %s', (state, action) => {
    expect(decideOwedFollowUp(state)).toBe(action);
  });
});

describe('decideQueuedRedaction', () => {
  it.each([
    ['waiting', 'leave'],
    ['waiting-children', 'leave'],
    ['active', 'leave'],
    ['delayed', 'leave'],
    ['prioritized', 'leave'],
    ['missing', 'requeue'],
    ['unknown', 'requeue'],
    ['failed', 'fail'],
    ['completed', 'fail'],
  ])('redact job %s -> %s', (state, action) => {
    expect(decideQueuedRedaction(state)).toBe(action);
  });
});

describe('ownerOfKey', () => {
  it.each([
    [`originals/${A}/1`, { kind: 'submission', id: A }],
    [`originals/${A}/1.info`, { kind: 'submission', id: A }],
    [`media/${A}/2/720p.mp4`, { kind: 'submission', id: A }],
    [`exports/${P}/${E}.mp4`, { kind: 'playlist', id: P }],
    [`originals/${A.toUpperCase()}/1`, { kind: 'unknown' }],
    [`originals/${A}/`, { kind: 'unknown' }],
    [`originals/${A}`, { kind: 'unknown' }],
    ['originals/../etc/passwd', { kind: 'unknown' }],
    [`other/${A}/1`, { kind: 'unknown' }],
    [`${A}/1`, { kind: 'unknown' }],
    ['', { kind: 'unknown' }],
  ])('%s', (key, owner) => {
    expect(ownerOfKey(key)).toEqual(owner);
  });
});

describe('selectOrphans', () => {
  const objects = [
    { key: `originals/${A}/1`, lastModified: ago(48 * HOUR) }, // row exists
    { key: `originals/${B}/1`, lastModified: ago(48 * HOUR) }, // no row, old: orphan
    { key: `media/${B}/1/720p.mp4`, lastModified: ago(30 * HOUR) }, // no row, old: orphan
    { key: `originals/${B}/2`, lastModified: ago(HOUR) }, // no row, within grace: in flight
    { key: `exports/${P}/${E}.mp4`, lastModified: ago(48 * HOUR) }, // playlist gone
    { key: 'stray/file', lastModified: ago(48 * HOUR) }, // not ours to judge
  ];
  const existing = { submissions: new Set([A]), playlists: new Set<string>() };

  it('takes old objects whose row is gone, and nothing within the grace period', () => {
    expect(
      selectOrphans(objects, existing, {
        now,
        graceMs: 24 * HOUR,
        ownersKnown: { submission: true, playlist: true },
      }),
    ).toEqual([`originals/${B}/1`, `media/${B}/1/720p.mp4`, `exports/${P}/${E}.mp4`]);
  });

  it('leaves export objects alone when playlists cannot be checked', () => {
    expect(
      selectOrphans(objects, existing, {
        now,
        graceMs: 24 * HOUR,
        ownersKnown: { submission: true, playlist: false },
      }),
    ).toEqual([`originals/${B}/1`, `media/${B}/1/720p.mp4`]);
  });

  it('keeps an object just inside the grace period', () => {
    const edge = [{ key: `originals/${B}/1`, lastModified: ago(24 * HOUR - 1) }];
    expect(
      selectOrphans(edge, existing, {
        now,
        graceMs: 24 * HOUR,
        ownersKnown: { submission: true, playlist: true },
      }),
    ).toEqual([]);
  });

  it('lists each owner once per kind', () => {
    expect(ownerIds(objects)).toEqual({ submissions: [A, B], playlists: [P] });
  });
});

describe('selectAbandonedUploads', () => {
  const uploads = [
    { key: `originals/${A}/1`, uploadId: 'old', initiated: ago(30 * HOUR) },
    { key: `originals/${B}/1`, uploadId: 'young', initiated: ago(HOUR) },
    { key: `originals/${B}/2`, uploadId: 'undated' },
  ];
  it('takes only uploads older than the threshold with a known start', () => {
    expect(
      selectAbandonedUploads(uploads, { now, olderThanMs: 24 * HOUR }).map((u) => u.uploadId),
    ).toEqual(['old']);
  });
  it('takes every dated upload at a zero threshold', () => {
    expect(selectAbandonedUploads(uploads, { now, olderThanMs: 0 }).map((u) => u.uploadId)).toEqual(
      ['old', 'young'],
    );
  });
});

describe('multipartAbortAgeMs', () => {
  it.each([
    [24, 24, 24 * HOUR],
    [6, 24, 24 * HOUR],
    [48, 24, 48 * HOUR],
  ])('abort %d h, resumable %d h -> %d ms', (multipartAbortHours, resumableExpiryHours, ms) => {
    expect(multipartAbortAgeMs({ multipartAbortHours, resumableExpiryHours })).toBe(ms);
  });
});
