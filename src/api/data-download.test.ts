import { entryNameFor } from './data-download';

const ID = '0b9c2f3e-6f0a-4a55-9d7e-2f6a8c1b5e11';

describe('entryNameFor', () => {
  it.each([
    [`originals/${ID}/1`, 'video/mp4', 'media/original-v1.mp4'],
    [`originals/${ID}/2`, 'video/quicktime', 'media/original-v2.mov'],
    [`originals/${ID}/1`, 'audio/mp4; codecs=mp4a', 'media/original-v1.m4a'],
    [`originals/${ID}/1`, 'application/x-unknown', 'media/original-v1.bin'],
    [`media/${ID}/1/720p.mp4`, 'video/mp4', 'media/v1/720p.mp4'],
    [`media/${ID}/3/captions.cy.vtt`, '', 'media/v3/captions.cy.vtt'],
    // Anything our key builders would not have written stays out of the zip.
    [`media/${ID}/1/../../etc`, '', undefined],
    [`media/${ID}/1/sub/dir.mp4`, '', undefined],
    [`exports/${ID}/x.mp4`, '', undefined],
    [`originals/${ID}/1/extra`, 'video/mp4', undefined],
  ])('%s (%s) -> %s', (key, type, name) => {
    expect(entryNameFor(key, type)).toBe(name);
  });
});
