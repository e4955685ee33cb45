/**
 * A short-lived, single-flight cache of reads that many requests repeat: session lookups (keyed by
 * the cookie's value) and review-queue pages (keyed by scope and filters). Many requests within
 * `ttlMs` share one PostgreSQL round trip. An entry is used only while `generation` (a count of
 * this process's relevant writes) is the one it was filled at, so a write in this process takes
 * effect at once; the same write made by another process takes effect within `ttlMs`.
 */
export class ReadCache<T> {
  private readonly entries = new Map<
    string,
    { at: number; generation: number; value: Promise<T | undefined> }
  >();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, generation: number, load: () => Promise<T | undefined>) {
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation && t - hit.at < this.ttlMs) return hit.value;
    const value = load();
    if (this.ttlMs <= 0) return value;
    if (this.entries.size >= this.maxEntries) this.sweep(t);
    const entry = { at: t, generation, value };
    this.entries.set(key, entry);
    // A failed lookup (PostgreSQL down) is not remembered: the next request asks again.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops expired entries; if all are live (a flood of made-up cookies), drops them all. */
  private sweep(t: number) {
    for (const [k, e] of this.entries) if (t - e.at >= this.ttlMs) this.entries.delete(k);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
  }
}
