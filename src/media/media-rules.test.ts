import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sniffHead } from './file-signature';
import {
  assessMedia,
  classifyProbeFailure,
  findIncompleteSignal,
  refusalError,
  refusalMessageKey,
} from './media-rules';
import { parseProbe } from './parse-probe';
import type { ProbeResult } from './probe-result';
import { editedFixture, FIXTURE_DIR, probeOf, streamOf } from './test-fixtures';

const limits = { maxDurationSeconds: 600, sizeBytes: 1000 };

const withDuration = (probe: ProbeResult, seconds: number | null): ProbeResult => ({
  ...probe,
  durationSeconds: seconds,
});

describe('assessMedia', () => {
  it.each([
    ['iphone-portrait-hevc', { accepted: true, kind: 'video' }],
    ['iphone-hdr-hlg', { accepted: true, kind: 'video' }],
    ['android-vfr', { accepted: true, kind: 'video' }],
    ['silent-no-audio', { accepted: true, kind: 'video' }],
    ['welsh-speech', { accepted: true, kind: 'video' }],
    ['odd-size-upside-down', { accepted: true, kind: 'video' }],
    ['two-audio-tracks', { accepted: true, kind: 'video' }],
    ['audio-only', { accepted: true, kind: 'audio' }],
    ['generated-cover-art', { accepted: true, kind: 'audio' }],
    ['generated-8k', { accepted: true, kind: 'video' }],
    ['generated-hdr-pq', { accepted: true, kind: 'video' }],
    ['generated-png-image', { accepted: false, reason: 'not_media' }],
  ])('%s -> %j', (name, expected) => {
    expect(assessMedia(probeOf(name), limits)).toEqual(expected);
  });

  it.each([
    ['an empty upload', null, 0, { accepted: false, reason: 'empty' }],
    [
      'an empty upload even if probed',
      probeOf('welsh-speech'),
      0,
      { accepted: false, reason: 'empty' },
    ],
    ['no probe result', null, 1000, { accepted: false, reason: 'unreadable' }],
  ])('%s', (_label, probe, sizeBytes, expected) => {
    expect(assessMedia(probe, { maxDurationSeconds: 600, sizeBytes })).toEqual(expected);
  });

  it.each([
    [600, { accepted: true, kind: 'video' }],
    [600.9, { accepted: true, kind: 'video' }],
    [601.5, { accepted: false, reason: 'too_long' }],
    [3600, { accepted: false, reason: 'too_long' }],
    [null, { accepted: false, reason: 'unreadable' }],
    [0, { accepted: false, reason: 'unreadable' }],
  ])('a clip of %p seconds against a 600 s limit', (seconds, expected) => {
    expect(assessMedia(withDuration(probeOf('welsh-speech'), seconds), limits)).toEqual(expected);
  });

  it('refuses a file with neither picture nor sound (data or subtitles only)', () => {
    const probe = parseProbe(
      editedFixture('welsh-speech', (r) => {
        streamOf(r, 0).codec_type = 'data';
        streamOf(r, 1).codec_type = 'subtitle';
      }),
    );
    expect(assessMedia(probe, limits)).toEqual({ accepted: false, reason: 'no_usable_stream' });
  });

  it('refuses audio with no channels and no picture', () => {
    const probe = parseProbe(
      editedFixture('audio-only', (r) => {
        streamOf(r, 0).channels = 0;
      }),
    );
    expect(assessMedia(probe, limits)).toEqual({ accepted: false, reason: 'no_usable_stream' });
  });
});

interface RecordedFailure {
  source: string;
  stderr: string;
  headBase64: string;
}
const failures = JSON.parse(
  readFileSync(path.join(FIXTURE_DIR, 'probe-failures.json'), 'utf8'),
) as RecordedFailure[];

describe('classifyProbeFailure on recorded ffprobe failures', () => {
  it.each([
    ['truncated.mp4', 'unreadable'],
    ['not-a-video.mp4', 'not_media'],
    ['generated: PNG renamed .mp4', 'not_media'],
    ['generated: PDF renamed .mp4', 'not_media'],
    ['generated: first 4000 bytes of audio-only.m4a', 'unreadable'],
  ])('%s -> %s', (source, expected) => {
    const failure = failures.find((f) => f.source === source);
    expect(failure).toBeDefined();
    const head = Buffer.from(failure?.headBase64 ?? '', 'base64');
    expect(classifyProbeFailure({ stderr: failure?.stderr ?? '', head })).toBe(expected);
  });

  it.each([
    ['[mov] moov atom not found\nx: Invalid data found when processing input', 'unreadable'],
    ['[matroska,webm] File ended prematurely', 'unreadable'],
    ["[png_pipe] Format not on whitelist 'mov'", 'not_media'],
    ['x: Invalid data found when processing input', 'not_media'],
    ['x: Permission denied', 'unreadable'],
  ])('without the head bytes, falls back to the message: %p', (stderr, expected) => {
    expect(classifyProbeFailure({ stderr })).toBe(expected);
  });
});

describe('sniffHead', () => {
  const bytes = (...values: Array<number | string>): Uint8Array =>
    Uint8Array.from(
      values.flatMap((v) => (typeof v === 'string' ? Array.from(Buffer.from(v, 'latin1')) : [v])),
    );
  it.each([
    ['MP4', bytes(0, 0, 0, 0x20, 'ftypisom'), 'media'],
    ['QuickTime', bytes(0, 0, 0, 0x14, 'ftypqt  '), 'media'],
    ['HEIC photo', bytes(0, 0, 0, 0x18, 'ftypheic'), 'image'],
    ['WebM', bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f), 'media'],
    ['WAV', bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt '), 'media'],
    ['WebP', bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '), 'image'],
    ['MP3 with ID3', bytes('ID3', 4, 0), 'media'],
    ['MP3 frame', bytes(0xff, 0xfb, 0x90), 'media'],
    ['Ogg', bytes('OggS', 0), 'media'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'image'],
    ['PNG', bytes(0x89, 'PNG', 0x0d, 0x0a), 'image'],
    ['PDF', bytes('%PDF-1.7'), 'document'],
    ['ZIP', bytes('PK', 3, 4), 'document'],
    ['HTML', bytes('<html><body>hi</body></html>\n'), 'text'],
    ['Welsh text cut mid-character', Uint8Array.from(Buffer.from('Siân ŵ').subarray(0, 8)), 'text'],
    ['random binary', bytes(0x00, 0x13, 0x37, 0x00, 0x99), 'unknown'],
    ['nothing', bytes(), 'unknown'],
  ])('%s -> %s', (_label, head, expected) => {
    expect(sniffHead(head)).toBe(expected);
  });
});

interface RecordedLog {
  source: string;
  stderr: string;
}
const demuxLogs = JSON.parse(
  readFileSync(path.join(FIXTURE_DIR, 'demux-logs.json'), 'utf8'),
) as RecordedLog[];

describe('findIncompleteSignal on recorded demux logs', () => {
  it.each([
    ['generated: faststart copy of welsh-speech.mp4 cut to 600000 bytes', /partial file/],
    ['generated: first 60000 bytes of browser-recording.webm', /File ended prematurely/],
    ['android-vfr.mp4', null],
  ])('%s', (source, expected) => {
    const log = demuxLogs.find((l) => l.source === source);
    expect(log).toBeDefined();
    const signal = findIncompleteSignal(log?.stderr ?? '');
    if (expected === null) expect(signal).toBeNull();
    else expect(signal).toMatch(expected);
  });
});

describe('refusal codes for other layers', () => {
  it.each([
    ['empty', 'unreadable_media', 422],
    ['not_media', 'unsupported_type', 415],
    ['unreadable', 'unreadable_media', 422],
    ['too_long', 'unreadable_media', 422],
    ['no_usable_stream', 'unreadable_media', 422],
  ] as const)('%s', (reason, code, status) => {
    const error = refusalError(reason);
    expect([error.code, error.status]).toEqual([code, status]);
    expect(error.details).toEqual({ reason, messageKey: `media.refusal.${reason}` });
    expect(refusalMessageKey(reason)).toBe(`media.refusal.${reason}`);
  });
});
