import {
  assText,
  assTime,
  buildClipLoudnessArgs,
  buildExportArgs,
  buildExportGraph,
  captionsAss,
  cleanTitleLine,
  clipGainDb,
  EXPORT_FPS,
  exportDurationSeconds,
  layoutCard,
  parseClipLoudness,
  type PlannedClip,
  TITLE_CARD_SECONDS,
  wrapText,
} from './playlist-export-args';

const clip = (over: Partial<PlannedClip> = {}): PlannedClip => ({
  inputPath: '/data/a/720p.mp4',
  durationSeconds: 12.5,
  hasAudio: true,
  card: layoutCard(['Intro', 'Name'], 0, 720),
  gainDb: 0,
  ...over,
});

const argAfter = (args: string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

describe('title cards', () => {
  it('wraps on words and splits a word longer than a line', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('abcdefghij xy', 4)).toEqual(['abcd', 'efgh', 'ij', 'xy']);
    expect(wrapText('   ', 5)).toEqual([]);
  });

  it('cleans control, format and bidi-override characters out of a title line', () => {
    expect(cleanTitleLine(' Siân\u202e  ap\nRhys\u0000 ')).toBe('Siân ap Rhys');
    expect(Array.from(cleanTitleLine('x'.repeat(1000)))).toHaveLength(300);
  });

  it('lays out the intro bold and larger, the name regular, centred, in numbered files', () => {
    const lines = layoutCard(['Our Tuesday club', 'Siân'], 3, 720);
    expect(lines.map((l) => [l.file, l.text, l.bold, l.fontSize])).toEqual([
      ['card-3-0.txt', 'Our Tuesday club', true, 48],
      ['card-3-1.txt', 'Siân', false, 36],
    ]);
    const [first, second] = lines;
    expect(first && second && first.y < second.y).toBe(true);
    // Centred: the block's middle is within a line of the frame's middle.
    expect(Math.abs(((first?.y ?? 0) + (second?.y ?? 0) + 36) / 2 - 360)).toBeLessThan(48);
  });

  it('scales the card to 1080p and drops empty lines', () => {
    expect(layoutCard(['', 'Name'], 0, 1080).map((l) => [l.text, l.fontSize])).toEqual([
      ['Name', 72],
    ]);
    expect(layoutCard([], 0, 720)).toEqual([]);
  });

  it('wraps a long intro and cuts beyond six lines with an ellipsis', () => {
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const lines = layoutCard([long], 0, 720);
    expect(lines).toHaveLength(6);
    expect(lines.every((l) => Array.from(l.text).length <= 40)).toBe(true);
    expect(lines[5]?.text.endsWith('…')).toBe(true);
  });
});

describe('captions as ASS', () => {
  it('formats ASS times in centiseconds', () => {
    expect(assTime(0)).toBe('0:00:00.00');
    expect(assTime(3723.456)).toBe('1:02:03.46');
  });

  it('keeps braces and backslashes literal and turns newlines into hard breaks', () => {
    expect(assText('a {b}\nc \\N d')).toBe('a \\{b\\}\\Nc \\\u2060N d');
  });

  it('sizes the style to the output frame and lists one event per cue', () => {
    const ass = captionsAss(
      [
        { start: 0, end: 2.5, text: 'Hello' },
        { start: 3, end: 3, text: 'empty span dropped' },
      ],
      1080,
    );
    expect(ass).toContain('PlayResX: 1920\nPlayResY: 1080');
    // 5.5% of the height, white text, opaque-box border style (3), bottom centre (2).
    expect(ass).toMatch(/^Style: Default,DejaVu Sans,59,&H00FFFFFF,.*,3,9,0,2,/m);
    expect(ass.match(/^Dialogue:/gm)).toHaveLength(1);
    expect(ass).toContain('Dialogue: 0,0:00:00.00,0:00:02.50,Default,,0,0,0,,Hello');
  });
});

describe('loudness', () => {
  const report = [
    'frame:0    pts:0       pts_time:0',
    'lavfi.r128.I=-70.000',
    'lavfi.r128.true_peak=0.010',
    'frame:1    pts:4800    pts_time:0.1',
    'lavfi.r128.I=-17.25',
    'lavfi.r128.true_peak=0.5',
  ].join('\n');

  it('reads the last integrated loudness and true peak of an ebur128 report', () => {
    const m = parseClipLoudness(report);
    expect(m?.integrated).toBe(-17.25);
    expect(m?.truePeakDb).toBeCloseTo(-6.02, 2);
    expect(parseClipLoudness('nothing here')).toBeNull();
  });

  it('gains a clip to -16 LUFS, within the true-peak ceiling, and leaves silence alone', () => {
    expect(clipGainDb({ integrated: -17.25, truePeakDb: -6 })).toBe(1.25);
    expect(clipGainDb({ integrated: -14, truePeakDb: -1 })).toBe(-2);
    // Boosting 6 dB would take a -3 dBTP peak past -1.5: only 1.5 dB is allowed.
    expect(clipGainDb({ integrated: -22, truePeakDb: -3 })).toBe(1.5);
    expect(clipGainDb({ integrated: -Infinity, truePeakDb: -Infinity })).toBe(0);
    expect(clipGainDb({ integrated: -80, truePeakDb: -60 })).toBe(0);
    expect(clipGainDb({ integrated: -50, truePeakDb: -45 })).toBe(20);
    expect(clipGainDb(null)).toBe(0);
  });

  it('measures through a report file named in the graph, never stderr', () => {
    const args = buildClipLoudnessArgs('/x/720p.mp4', 'loudness-2.txt', 2);
    expect(argAfter(args, '-i')).toBe('file:/x/720p.mp4');
    expect(argAfter(args, '-map')).toBe('0:a:0');
    expect(argAfter(args, '-af')).toBe(
      'ebur128=metadata=1:peak=true,ametadata=mode=print:file=loudness-2.txt',
    );
    expect(() => buildClipLoudnessArgs('/x', 'a b.txt', 2)).toThrow(/not safe/);
  });
});

describe('the export render', () => {
  it('adds a title card to each clip for the export duration', () => {
    expect(exportDurationSeconds([{ durationSeconds: 10 }, { durationSeconds: 2.5 }])).toBe(
      12.5 + 2 * TITLE_CARD_SECONDS,
    );
  });

  it('concatenates card, clip, card, clip with audio for each', () => {
    const graph = buildExportGraph([clip(), clip({ hasAudio: false, card: [] })], {
      height: 720,
      output: '/out.mp4',
      threads: 2,
    });
    expect(graph).toMatch(/\[cv0\]\[ca0\]\[v0\]\[a0\]\[cv1\]\[ca1\]\[v1\]\[a1\]concat=n=4:v=1:a=1/);
    // Cards: the background at the frame size and rate, then one drawtext per line.
    expect(graph).toContain(`color=c=0x1f3a4d:s=1280x720:r=${EXPORT_FPS}:d=4.000`);
    expect(graph).toContain('textfile=card-0-0.txt:expansion=none');
    expect(graph).toContain('DejaVuSans-Bold.ttf');
    // Clips: fitted and padded (never stretched), square pixels, constant rate, exact length.
    expect(graph).toContain(
      '[0:v:0]setpts=PTS-STARTPTS,scale=1280:720:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=1280:720:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,fps=25,tpad=stop=-1:stop_mode=clone,trim=duration=12.500',
    );
    // The clip without audio gets silence as long as its picture.
    expect(graph).toContain('anullsrc=r=48000:cl=stereo,atrim=duration=12.500[a1]');
    expect(graph).toMatch(/\[0:a:0\]aresample=48000.*apad,atrim=duration=12\.500/);
    expect(graph).not.toContain('volume=');
    expect(graph).not.toContain('ass=');
  });

  it('burns captions from a numbered ASS file and applies the clip gain', () => {
    const graph = buildExportGraph([clip({ captionsFile: 'captions-0.ass', gainDb: -0.4 })], {
      height: 1080,
      output: '/out.mp4',
      threads: 2,
    });
    expect(graph).toContain(
      'trim=duration=12.500,setpts=PTS-STARTPTS,ass=filename=captions-0.ass:fontsdir=/usr/share/fonts/truetype/dejavu,format=yuv420p[v0]',
    );
    expect(graph).toContain('scale=1920:1080');
    expect(graph).toContain(',volume=-0.40dB,');
  });

  it('refuses file names that would need escaping inside the graph', () => {
    const unsafe = clip({ captionsFile: "c'; movie=/etc/passwd.ass" });
    expect(() => buildExportGraph([unsafe], { height: 720, output: '/o', threads: 0 })).toThrow(
      /not safe/,
    );
  });

  it('encodes one H.264 High BT.709 CFR video and one AAC stereo track, without metadata', () => {
    const args = buildExportArgs([clip(), clip({ inputPath: '/data/b/720p.mp4' })], {
      height: 720,
      output: '/exports/x.mp4',
      threads: 2,
    });
    expect(args.filter((a) => a === '-i')).toHaveLength(2);
    expect(args).toContain('file:/data/b/720p.mp4');
    expect(args.filter((a) => a === '-map')).toHaveLength(2);
    expect(argAfter(args, '-c:v')).toBe('libx264');
    expect(argAfter(args, '-profile:v')).toBe('high');
    expect(argAfter(args, '-pix_fmt')).toBe('yuv420p');
    expect(argAfter(args, '-colorspace')).toBe('bt709');
    expect(argAfter(args, '-fps_mode')).toBe('cfr');
    expect(argAfter(args, '-c:a')).toBe('aac');
    expect(argAfter(args, '-ar')).toBe('48000');
    expect(argAfter(args, '-ac')).toBe('2');
    expect(argAfter(args, '-map_metadata')).toBe('-1');
    expect(argAfter(args, '-map_chapters')).toBe('-1');
    expect(argAfter(args, '-movflags')).toBe('+faststart');
    expect(argAfter(args, '-filter_complex_threads')).toBe('2');
    expect(args.at(-1)).toBe('file:/exports/x.mp4');
    expect(() => buildExportArgs([], { height: 720, output: '/o', threads: 0 })).toThrow();
  });
});
