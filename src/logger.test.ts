import { redactUrl } from './logger';

describe('redactUrl', () => {
  it.each([
    ['/r/abcDEF123_-xyz', '/r/[token]'],
    ['/r/abcDEF/media/720p.mp4', '/r/[token]/media/720p.mp4'],
    ['/watch/tok?lang=cy', '/watch/[token]?lang=cy'],
    ['/x?token=secret&lang=cy', '/x?token=[token]&lang=cy'],
    ['/c/demo?lang=cy', '/c/demo?lang=cy'],
  ])('%s → %s', (input, out) => expect(redactUrl(input)).toBe(out));
});
