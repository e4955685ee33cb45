import { generateLinkToken, hashLinkToken, isWellFormedToken } from './link-token';

describe('link tokens', () => {
  it('are 32 random bytes in base64url and differ each time', () => {
    const a = generateLinkToken();
    const b = generateLinkToken();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(isWellFormedToken(a)).toBe(true);
  });

  it.each(['', 'short', 'a'.repeat(44), `${'a'.repeat(42)}=`, `${'a'.repeat(42)}/`])(
    'rejects malformed %p',
    (t) => expect(isWellFormedToken(t)).toBe(false),
  );

  it('hashes to a stable SHA-256', () => {
    expect(hashLinkToken('abc').toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
