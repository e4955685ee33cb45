import { isAppError } from './errors';
import {
  checkRedaction,
  isTrimmed,
  MAX_BLURS,
  redactionRefusals,
  type RedactionRequest,
} from './redaction';

const video = { durationSeconds: 7.7, kind: 'video' as const };
const blur = { start: 2, end: 4, x: 0.5, y: 0.1, width: 0.25, height: 0.2 };

function refusal(req: RedactionRequest, clip: Parameters<typeof checkRedaction>[1] = video) {
  try {
    checkRedaction(req, clip);
  } catch (e) {
    if (isAppError(e)) {
      return {
        code: e.code,
        field: e.details?.field,
        reason: e.details?.reason,
        message: e.message,
      };
    }
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('checkRedaction', () => {
  it('fills in the whole clip when only blurs are asked for', () => {
    expect(checkRedaction({ blurs: [blur] }, video)).toEqual({
      trim: { start: 0, end: 7.7 },
      blurs: [blur],
    });
  });

  it('accepts a trim alone, and an end a hair past the duration is clamped', () => {
    expect(checkRedaction({ trim: { start: 1, end: 7.72 } }, video)).toEqual({
      trim: { start: 1, end: 7.7 },
      blurs: [],
    });
  });

  it('clamps a rectangle that overshoots an edge by rounding only', () => {
    const spec = checkRedaction({ blurs: [{ ...blur, x: 0.7, width: 0.3000000001 }] }, video);
    expect(spec.blurs[0]!.width).toBeCloseTo(0.3, 9);
  });

  it.each<[string, RedactionRequest, string, RegExp]>([
    ['nothing asked', {}, 'trim', /start and end points, or add at least one area/],
    ['blurs empty', { blurs: [] }, 'trim', /start and end points/],
    ['whole clip kept', { trim: { start: 0, end: 7.7 } }, 'trim', /nothing would change/],
    ['end before start', { trim: { start: 5, end: 4 } }, 'trim.end', /after the start point/],
    ['end equals start', { trim: { start: 4, end: 4 } }, 'trim.end', /after the start point/],
    ['negative start', { trim: { start: -1, end: 4 } }, 'trim.start', /0 seconds or more/],
    [
      'end past the clip',
      { trim: { start: 1, end: 9 } },
      'trim.end',
      /after the end of the clip \(7.7 s\)/,
    ],
    ['too short', { trim: { start: 1, end: 1.5 } }, 'trim.end', /at least 1 second/],
    [
      'blur backwards',
      { blurs: [{ ...blur, start: 4, end: 2 }] },
      'blurs.0.end',
      /Area 1: the blur must end after/,
    ],
    [
      'blur past the end',
      { blurs: [{ ...blur, end: 9 }] },
      'blurs.0.end',
      /past the end of the clip/,
    ],
    [
      'blur in the part cut off',
      { trim: { start: 3, end: 7 }, blurs: [{ ...blur, start: 0, end: 2 }] },
      'blurs.0.start',
      /outside the part of the clip that is kept/,
    ],
    ['x outside', { blurs: [{ ...blur, x: 1.2 }] }, 'blurs.0.x', /inside the picture/],
    ['y negative', { blurs: [{ ...blur, y: -0.1 }] }, 'blurs.0.y', /inside the picture/],
    ['zero width', { blurs: [{ ...blur, width: 0 }] }, 'blurs.0.width', /between 1% and 100%/],
    ['too tall', { blurs: [{ ...blur, height: 1.5 }] }, 'blurs.0.height', /between 1% and 100%/],
    [
      'over the edge',
      { blurs: [{ ...blur, x: 0.9, width: 0.2 }] },
      'blurs.0.width',
      /past the edge/,
    ],
    [
      'second area named',
      { blurs: [blur, { ...blur, y: 0.95, height: 0.1 }] },
      'blurs.1.width',
      /^Area 2:/,
    ],
    [
      'too many',
      { blurs: Array.from({ length: MAX_BLURS + 1 }, () => blur) },
      'blurs',
      /at most 20/,
    ],
  ])('refuses %s', (_name, req, field, message) => {
    const r = refusal(req);
    expect(r).toMatchObject({ code: 'bad_request', field });
    expect(r.message).toMatch(message);
    // The staff page shows the catalogue's words for the reason, not this English message.
    expect(redactionRefusals).toContain(r.reason);
  });

  it('refuses a blur on an audio story and an edit of a clip with no known length', () => {
    expect(refusal({ blurs: [blur] }, { durationSeconds: 7, kind: 'audio' }).message).toMatch(
      /no picture to blur/,
    );
    expect(
      refusal({ trim: { start: 1, end: 2 } }, { durationSeconds: null, kind: 'video' }),
    ).toMatchObject({ field: 'trim' });
  });

  it('accepts a trim of an audio story', () => {
    expect(
      checkRedaction({ trim: { start: 1, end: 5 } }, { durationSeconds: 7.7, kind: 'audio' }).trim,
    ).toEqual({ start: 1, end: 5 });
  });
});

describe('isTrimmed', () => {
  it.each([
    [{ start: 0, end: 7.7 }, false],
    [{ start: 0, end: 7.68 }, false],
    [{ start: 0.5, end: 7.7 }, true],
    [{ start: 0, end: 6 }, true],
  ])('%j -> %s', (trim, expected) => {
    expect(isTrimmed({ trim, blurs: [] }, 7.7)).toBe(expected);
  });
});
