import { parseTarget } from './s3rver-compat';
import { decodeToken, encodeToken } from './s3rver-list';
import { compareKeys } from './s3rver-http';

describe('s3rver compat helpers', () => {
  it.each([
    ['/', undefined],
    ['', undefined],
    ['/bucket', { bucket: 'bucket', key: undefined }],
    ['/bucket/', { bucket: 'bucket', key: undefined }],
    ['/bucket/a/b/c', { bucket: 'bucket', key: 'a/b/c' }],
    ['/bucket/a%20b/%C5%B5', { bucket: 'bucket', key: 'a b/ŵ' }],
    ['/bucket/dir/', { bucket: 'bucket', key: 'dir/' }],
    ['/bucket/%E0%A4%A', undefined],
  ])('parseTarget(%j)', (urlPath, expected) => {
    expect(parseTarget(urlPath)).toEqual(expected);
  });

  it.each(['', 'media/x/1/720p.mp4', 'ŵ/ü'])('round-trips a continuation token for %j', (key) => {
    expect(decodeToken(encodeToken(key))).toBe(key);
  });

  it.each(['nope', '', Buffer.from('other:x').toString('base64url')])(
    'rejects token %j',
    (token) => {
      expect(decodeToken(token)).toBeUndefined();
    },
  );

  it('orders keys by UTF-8 bytes, as S3 does', () => {
    // U+FF5E sorts below U+1F600 in UTF-8 but above its surrogate pair in UTF-16.
    const keys = ['\u{1F600}', '\uFF5E', 'a', 'a/', 'a-'];
    expect([...keys].sort(compareKeys)).toEqual(['a', 'a-', 'a/', '\uFF5E', '\u{1F600}']);
  });
});
