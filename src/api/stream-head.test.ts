import { Readable } from 'node:stream';
import { peekAndLimit } from './stream-head';

const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

async function drain(r: Readable): Promise<string> {
  let s = '';
  for await (const c of r) s += (c as Buffer).toString();
  return s;
}

describe('peekAndLimit', () => {
  it('returns the head and replays every byte', async () => {
    const { head, body } = await peekAndLimit(chunks('abc', 'def', 'ghi'), 4, 100);
    expect(head.toString()).toBe('abcd');
    expect(await drain(body)).toBe('abcdefghi');
  });

  it('copes with a stream shorter than the head', async () => {
    const { head, body } = await peekAndLimit(chunks('ab'), 10, 100);
    expect(head.toString()).toBe('ab');
    expect(await drain(body)).toBe('ab');
  });

  it('fails with too_large as soon as the limit is passed', async () => {
    const { body } = await peekAndLimit(chunks('abcd', 'efgh', 'ijkl'), 2, 6);
    await expect(drain(body)).rejects.toMatchObject({ code: 'too_large' });
  });

  it('fails at once when the head alone is too large', async () => {
    await expect(peekAndLimit(chunks('abcdefgh'), 8, 4)).rejects.toMatchObject({
      code: 'too_large',
    });
  });
});
