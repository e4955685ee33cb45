import { isImageFormat, parseDurationTag, parseProbe, parseRational } from './parse-probe';
import { probeResultSchema, selectedAudio } from './probe-result';
import { editedFixture, probeOf, streamOf } from './test-fixtures';

describe('parseProbe on recorded ffprobe output', () => {
  it.each([
    // fixture, container, duration, source, video codec, stored WxH, rotation, display WxH, hdr, vfr
    [
      'iphone-portrait-hevc',
      'mov',
      7.734,
      'format',
      'hevc',
      [1920, 1080],
      270,
      [1080, 1920],
      null,
      false,
    ],
    ['iphone-hdr-hlg', 'mov', 3, 'format', 'hevc', [1280, 720], 270, [720, 1280], 'hlg', false],
    ['android-vfr', 'mov', 5.898, 'format', 'h264', [1280, 720], 0, [1280, 720], null, true],
    ['browser-recording', 'matroska', null, null, 'vp8', [640, 480], 0, [640, 480], null, false],
    ['silent-no-audio', 'mov', 3, 'format', 'h264', [1280, 720], 0, [1280, 720], null, false],
    ['welsh-speech', 'mov', 3.807, 'format', 'h264', [1280, 720], 0, [1280, 720], null, false],
    ['odd-size-upside-down', 'mov', 2, 'format', 'h264', [321, 241], 180, [321, 241], null, false],
    ['two-audio-tracks', 'mov', 3, 'format', 'h264', [1280, 720], 0, [1280, 720], null, false],
    ['generated-hdr-pq', 'mov', 1, 'format', 'hevc', [1280, 720], 0, [1280, 720], 'pq', false],
    ['generated-60fps', 'mov', 1, 'format', 'h264', [1920, 1080], 0, [1920, 1080], null, false],
    [
      'generated-anamorphic',
      'mov',
      1,
      'format',
      'h264',
      [1440, 1080],
      0,
      [1920, 1080],
      null,
      false,
    ],
    ['generated-8k', 'mov', 0.1, 'format', 'h264', [7680, 4320], 0, [7680, 4320], null, false],
    [
      'generated-tagged-duration',
      'matroska',
      1.008,
      'format',
      'vp8',
      [640, 360],
      0,
      [640, 360],
      null,
      false,
    ],
  ] as const)(
    '%s',
    (name, container, duration, source, codec, stored, rotation, display, hdr, vfr) => {
      const probe = parseProbe(editedFixture(name, () => undefined));
      expect(probe.formatName.split(',')[0]).toBe(container);
      expect(probe.durationSeconds).toBe(duration);
      expect(probe.durationSource).toBe(source);
      expect(probe.video).toMatchObject({
        codec,
        width: stored[0],
        height: stored[1],
        rotation,
        displayWidth: display[0],
        displayHeight: display[1],
        hdr,
        vfr,
      });
      // What parseProbe returns is what a stored probe is validated against.
      expect(probeResultSchema.parse(probe)).toEqual(probe);
    },
  );

  it('keeps colour facts of an HLG clip for tone mapping', () => {
    expect(probeOf('iphone-hdr-hlg').video).toMatchObject({
      pixelFormat: 'yuv420p10le',
      colorTransfer: 'arib-std-b67',
      colorPrimaries: 'bt2020',
      colorSpace: 'bt2020nc',
      colorRange: 'tv',
    });
  });

  it('keeps the sample aspect ratio of an odd-sized clip', () => {
    expect(probeOf('odd-size-upside-down').video?.sampleAspectRatio).toEqual({
      num: 964,
      den: 963,
    });
  });

  it('reads real and average frame rates; they differ for variable-rate phone video', () => {
    const video = probeOf('android-vfr').video;
    expect(video?.realFrameRate).toEqual({ num: 30, den: 1 });
    expect(video?.avgFrameRate).toEqual({ num: 885, den: 41 });
  });

  it.each([
    // fixture, audio streams as [typeIndex, channels, sampleRate, language, isDefault], selected
    ['iphone-portrait-hevc', [[0, 2, 44100, null, true]], 0],
    ['silent-no-audio', [], null],
    ['browser-recording', [[0, 1, 48000, null, false]], 0],
    [
      'two-audio-tracks',
      [
        [0, 1, 22050, null, true],
        [1, 1, 44100, null, false],
      ],
      0,
    ],
    [
      'generated-surround-second-default',
      [
        [0, 6, 44100, 'eng', false],
        [1, 1, 44100, 'cym', true],
      ],
      1,
    ],
    ['audio-only', [[0, 1, 22050, null, true]], 0],
  ] as const)('audio streams of %s', (name, expected, selected) => {
    const probe = probeOf(name);
    expect(
      probe.audio.map((a) => [a.typeIndex, a.channels, a.sampleRate, a.language, a.isDefault]),
    ).toEqual(expected);
    expect(probe.selectedAudioTypeIndex).toBe(selected);
    expect(selectedAudio(probe)?.typeIndex ?? null).toBe(selected);
  });

  it('ignores cover art: an m4a with a picture is audio only', () => {
    const probe = probeOf('generated-cover-art');
    expect(probe.video).toBeNull();
    expect(probe.audio).toHaveLength(1);
    expect(probe.ignoredStreams).toEqual([
      { index: 1, codecType: 'video', codec: 'png', reason: 'attached_pic' },
    ]);
  });

  it('treats a picture file as no video at all', () => {
    const probe = probeOf('generated-png-image');
    expect(isImageFormat(probe.formatName)).toBe(true);
    expect(probe.video).toBeNull();
    expect(probe.ignoredStreams.map((s) => s.reason)).toEqual(['still_image']);
  });

  it('finds the location and device tags an iPhone writes', () => {
    expect(probeOf('iphone-portrait-hevc').privacyTags).toEqual({
      'format:com.apple.quicktime.model': 'iPhone 15',
      'format:com.apple.quicktime.location.ISO6709': '+51.4816-003.1791+012.000/',
      'format:com.apple.quicktime.make': 'Apple',
      'format:location-eng': '+51.4816-003.1791/',
      'format:location': '+51.4816-003.1791/',
    });
  });

  it('finds Android location tags and ignores technical ones', () => {
    expect(Object.keys(probeOf('android-vfr').privacyTags)).toEqual([
      'format:location-eng',
      'format:location',
    ]);
    expect(probeOf('welsh-speech').privacyTags).toEqual({});
  });

  it('finds creation time, make and model on streams too', () => {
    const raw = editedFixture('welsh-speech', (r) => {
      streamOf(r, 0).tags = { creation_time: '2026-11-02T08:15:00Z', handler_name: 'VideoHandler' };
      r.format.tags = {
        ...r.format.tags,
        make: 'samsung',
        model: 'SM-A536B',
        'com.android.version': '14',
      };
    });
    expect(parseProbe(raw).privacyTags).toEqual({
      'format:make': 'samsung',
      'format:model': 'SM-A536B',
      'format:com.android.version': '14',
      'stream0:creation_time': '2026-11-02T08:15:00Z',
    });
  });
});

describe('rotation', () => {
  it.each([
    // display matrix angle as ffprobe prints it -> clockwise turn a player applies
    [90, 270],
    [-90, 90],
    [180, 180],
    [-180, 180],
    [270, 90],
    [0, 0],
    [89.99, 270],
  ])('display matrix %p -> %p', (matrix, expected) => {
    const raw = editedFixture('iphone-portrait-hevc', (r) => {
      streamOf(r, 0).side_data_list = [{ side_data_type: 'Display Matrix', rotation: matrix }];
    });
    const video = parseProbe(raw).video;
    expect(video?.rotation).toBe(expected);
    const sideways = expected === 90 || expected === 270;
    expect([video?.displayWidth, video?.displayHeight]).toEqual(
      sideways ? [1080, 1920] : [1920, 1080],
    );
  });

  it.each([
    ['90', 90],
    ['270', 270],
    ['180', 180],
    ['-90', 270],
  ])('legacy rotate tag %p -> %p', (tag, expected) => {
    const raw = editedFixture('iphone-portrait-hevc', (r) => {
      delete streamOf(r, 0).side_data_list;
      streamOf(r, 0).tags = { rotate: tag };
    });
    expect(parseProbe(raw).video?.rotation).toBe(expected);
  });

  it('prefers the display matrix over a stale rotate tag', () => {
    const raw = editedFixture('iphone-portrait-hevc', (r) => {
      streamOf(r, 0).tags = { rotate: '180' };
    });
    expect(parseProbe(raw).video?.rotation).toBe(270);
  });
});

describe('duration without a container duration', () => {
  it('falls back to the streams', () => {
    const raw = editedFixture('browser-recording', (r) => {
      streamOf(r, 0).duration = '2.966000';
      streamOf(r, 1).duration = '3.001000';
    });
    expect(parseProbe(raw)).toMatchObject({ durationSeconds: 3.001, durationSource: 'stream' });
  });

  it('falls back to Matroska DURATION tags', () => {
    const raw = editedFixture('generated-tagged-duration', (r) => {
      delete r.format.duration;
    });
    expect(parseProbe(raw)).toMatchObject({ durationSeconds: 1.008, durationSource: 'tag' });
  });

  it('leaves it unknown for the caller to measure when nothing states it', () => {
    expect(probeOf('browser-recording')).toMatchObject({
      durationSeconds: null,
      durationSource: null,
    });
  });
});

describe('colour', () => {
  it.each([
    ['smpte2084', 'bt2020', 'bt2020nc', 'pq'],
    ['arib-std-b67', 'bt2020', 'bt2020nc', 'hlg'],
    ['bt2020-10', 'bt2020', 'bt2020nc', 'bt2020'],
    ['bt709', 'bt709', 'bt709', null],
    [undefined, undefined, undefined, null],
  ])('transfer %p primaries %p space %p -> %p', (transfer, primaries, space, expected) => {
    const raw = editedFixture('welsh-speech', (r) => {
      Object.assign(streamOf(r, 0), {
        color_transfer: transfer,
        color_primaries: primaries,
        color_space: space,
      });
    });
    expect(parseProbe(raw).video?.hdr).toBe(expected);
  });
});

describe('value readers', () => {
  it.each([
    ['30/1', { num: 30, den: 1 }],
    ['30000/1001', { num: 30000, den: 1001 }],
    ['60/2', { num: 30, den: 1 }],
    ['964:963', { num: 964, den: 963 }],
    ['0/0', null],
    ['N/A', null],
    [undefined, null],
  ])('rational %p', (text, expected) => {
    expect(parseRational(text)).toEqual(expected);
  });

  it.each([
    ['00:00:03.001000000', 3.001],
    ['01:02:03.5', 3723.5],
    ['garbage', null],
    ['00:00:00.000000000', null],
  ])('duration tag %p', (text, expected) => {
    expect(parseDurationTag(text)).toBe(expected);
  });

  it('rejects JSON that is not ffprobe output', () => {
    expect(() => parseProbe({ hello: 'world' })).toThrow();
    expect(() => parseProbe(null)).toThrow();
  });
});
