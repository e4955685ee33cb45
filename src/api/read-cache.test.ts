import { ReadCache } from './read-cache';

const clock = () => {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('ReadCache', () => {
  it('shares one lookup between requests within the time to live', async () => {
    const c = clock();
    const cache = new ReadCache<string>(1000, c.now);
    const load = jest.fn(async () => 'alice');
    const [a, b] = await Promise.all([cache.get('k', 0, load), cache.get('k', 0, load)]);
    c.advance(999);
    const later = await cache.get('k', 0, load);
    expect([a, b, later]).toEqual(['alice', 'alice', 'alice']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('looks up again once the time to live has passed', async () => {
    const c = clock();
    const cache = new ReadCache<string>(1000, c.now);
    const load = jest.fn().mockResolvedValueOnce('alice').mockResolvedValueOnce(undefined);
    expect(await cache.get('k', 0, load)).toBe('alice');
    c.advance(1000);
    expect(await cache.get('k', 0, load)).toBeUndefined();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('looks up again as soon as the generation changes (a sign-out in this process)', async () => {
    const cache = new ReadCache<string>(1000, clock().now);
    const load = jest.fn().mockResolvedValueOnce('alice').mockResolvedValueOnce(undefined);
    expect(await cache.get('k', 0, load)).toBe('alice');
    expect(await cache.get('k', 1, load)).toBeUndefined();
  });

  it('does not remember a failed lookup', async () => {
    const cache = new ReadCache<string>(1000, clock().now);
    const load = jest
      .fn()
      .mockRejectedValueOnce(new Error('database down'))
      .mockResolvedValueOnce('alice');
    await expect(cache.get('k', 0, load)).rejects.toThrow('database down');
    expect(await cache.get('k', 0, load)).toBe('alice');
  });

  it('keeps nothing when the time to live is zero', async () => {
    const cache = new ReadCache<string>(0, clock().now);
    const load = jest.fn(async () => 'alice');
    await cache.get('k', 0, load);
    await cache.get('k', 0, load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it('stays bounded under a flood of different cookies', async () => {
    const c = clock();
    const cache = new ReadCache<string>(1000, c.now, 3);
    const load = async () => undefined;
    for (const k of ['a', 'b', 'c']) await cache.get(k, 0, load);
    c.advance(1000);
    await cache.get('d', 0, load);
    expect(cache.size).toBe(1);
    for (const k of ['e', 'f', 'g']) await cache.get(k, 0, load);
    expect(cache.size).toBeLessThanOrEqual(3);
  });
});
