import {
  buildThumbnailSpriteArgs,
  buildThumbnailsVtt,
  planThumbnails,
  vttTimestamp,
} from './thumbnails';
import { probeOf } from './test-fixtures';

describe('planThumbnails', () => {
  it.each([
    // duration, display, interval, count, columns, rows, thumb size
    [7.734, [720, 1280], 1, 8, 8, 1, [90, 160]],
    [3, [1280, 720], 1, 3, 3, 1, [160, 90]],
    [0.1, [7680, 4320], 1, 1, 1, 1, [160, 90]],
    [42, [640, 480], 1, 42, 10, 5, [160, 120]],
    [600, [1280, 720], 6, 100, 10, 10, [160, 90]],
    [601, [1280, 720], 7, 86, 10, 9, [160, 90]],
    [2, [320, 240], 1, 2, 2, 1, [160, 120]],
    [30, [100, 60], 1, 30, 10, 3, [100, 60]],
  ] as const)(
    '%p s at %p',
    (duration, [width, height], interval, count, columns, rows, [tw, th]) => {
      expect(planThumbnails(duration, { width, height })).toEqual({
        durationSeconds: duration,
        intervalSeconds: interval,
        count,
        columns,
        rows,
        thumbWidth: tw,
        thumbHeight: th,
      });
    },
  );
});

describe('buildThumbnailsVtt', () => {
  it('indexes a portrait sprite, the last cue ending at the clip end', () => {
    const plan = planThumbnails(2.5, { width: 720, height: 1280 });
    expect(buildThumbnailsVtt(plan)).toBe(
      [
        'WEBVTT',
        '',
        '00:00:00.000 --> 00:00:01.000',
        'sprite.jpg#xywh=0,0,90,160',
        '',
        '00:00:01.000 --> 00:00:02.000',
        'sprite.jpg#xywh=90,0,90,160',
        '',
        '00:00:02.000 --> 00:00:02.500',
        'sprite.jpg#xywh=180,0,90,160',
        '',
      ].join('\n'),
    );
  });

  it('wraps to a new row after the last column', () => {
    const plan = planThumbnails(12, { width: 1280, height: 720 });
    const cues = buildThumbnailsVtt(plan)
      .split('\n')
      .filter((l) => l.includes('#xywh='));
    expect(cues).toHaveLength(12);
    expect(cues[9]).toBe('sprite.jpg#xywh=1440,0,160,90');
    expect(cues[10]).toBe('sprite.jpg#xywh=0,90,160,90');
    expect(cues[11]).toBe('sprite.jpg#xywh=160,90,160,90');
  });

  it.each([
    [0, '00:00:00.000'],
    [61.5, '00:01:01.500'],
    [3723.004, '01:02:03.004'],
    [-1, '00:00:00.000'],
  ])('timestamp %p', (seconds, text) => {
    expect(vttTimestamp(seconds)).toBe(text);
  });
});

describe('buildThumbnailSpriteArgs', () => {
  it('samples, scales and tiles into one JPEG', () => {
    const probe = probeOf('welsh-speech');
    const plan = planThumbnails(3.807, { width: 1280, height: 720 });
    const args = buildThumbnailSpriteArgs(probe, plan, {
      input: '/work/720p.mp4',
      output: '/work/sprite.jpg.part',
      threads: 1,
    });
    expect(args[args.indexOf('-vf') + 1]).toBe(
      'fps=1/1,scale=160:90:out_range=tv,format=yuv420p,setsar=1,tile=4x1',
    );
    expect(args[args.indexOf('-frames:v') + 1]).toBe('1');
    expect(args.at(-1)).toBe('file:/work/sprite.jpg.part');
  });
});
