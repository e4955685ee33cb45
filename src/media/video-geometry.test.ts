import { fitEven, gopFrames, outputFrameRate } from './video-geometry';
import { syntheticProbe } from './test-fixtures';

describe('fitEven', () => {
  it.each([
    [[1920, 1080], 1280, [1280, 720]],
    [[1080, 1920], 1280, [720, 1280]],
    [[7680, 4320], 1280, [1280, 720]],
    [[4320, 7680], 640, [360, 640]],
    [[321, 241], 1280, [320, 240]],
    [[241, 321], 1280, [240, 320]],
    [[640, 480], 1280, [640, 480]],
    [[1920, 1920], 1280, [1280, 1280]],
    [[2560, 1080], 1280, [1280, 540]],
    [[1, 1], 1280, [2, 2]],
    [[1920, 1080], 640, [640, 360]],
  ] as Array<[[number, number], number, [number, number]]>)(
    '%p in %p -> %p',
    ([width, height], longSide, [w, h]) => {
      expect(fitEven({ width, height }, longSide)).toEqual({ width: w, height: h });
    },
  );
});

describe('outputFrameRate', () => {
  it('falls back to 30 fps without a video stream', () => {
    expect(outputFrameRate(null)).toEqual({ num: 30, den: 1 });
  });

  it.each([
    ['48/1', { num: 24, den: 1 }],
    ['240/1', { num: 30, den: 1 }],
    ['90/1', { num: 30, den: 1 }],
    ['15/1', { num: 15, den: 1 }],
  ])('%s', (rate, expected) => {
    expect(outputFrameRate(syntheticProbe({ frameRate: rate }).video)).toEqual(expected);
  });

  it.each([
    [{ num: 30, den: 1 }, 60],
    [{ num: 25, den: 1 }, 50],
    [{ num: 30000, den: 1001 }, 60],
  ])('GOP of about 2 s at %p', (rate, frames) => {
    expect(gopFrames(rate)).toBe(frames);
  });
});
