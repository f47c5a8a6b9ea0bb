/**
 * The credential cache and the upstream limiter used by `zscaler` mode: a bounded TTL map that
 * evicts the oldest entry, and a sliding-window counter. Both take the time as an argument, so
 * they follow whatever clock their owner uses.
 *
 * @module
 */

/** A map whose entries expire, holding at most `maxEntries` (the oldest is evicted first). */
export class BoundedTtlCache<V> {
  readonly #maxEntries: number;
  readonly #entries = new Map<string, { value: V; expiresAtMs: number }>();

  /** A cache of at most `maxEntries` entries. */
  constructor(maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError("maxEntries must be a positive integer");
    }
    this.#maxEntries = maxEntries;
  }

  /** Entries currently held (expired ones included until they are looked up or evicted). */
  get size(): number {
    return this.#entries.size;
  }

  /** The value stored under `key`, unless it has expired at `nowMs` (it is then dropped). */
  get(key: string, nowMs: number): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Store `value` under `key` until `expiresAtMs`, evicting the oldest entries when full. */
  set(key: string, value: V, expiresAtMs: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAtMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  /** Forget `key`. */
  delete(key: string): void {
    this.#entries.delete(key);
  }
}

/** At most `limit` events in any `windowMs` (a sliding window of event times). */
export class SlidingWindowLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  #events: number[] = [];

  /** A limiter of `limit` events per `windowMs`. */
  constructor(limit: number, windowMs: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be >= 1");
    if (!(windowMs > 0)) throw new RangeError("windowMs must be > 0");
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Record an event at `nowMs` if the window has room; false (nothing recorded) otherwise. */
  tryAcquire(nowMs: number): boolean {
    this.#prune(nowMs);
    if (this.#events.length >= this.#limit) return false;
    this.#events.push(nowMs);
    return true;
  }

  /** Seconds until the window has room again (at least 1). */
  retryAfterSeconds(nowMs: number): number {
    this.#prune(nowMs);
    if (this.#events.length < this.#limit) return 1;
    const freeAt = this.#events[0]! + this.#windowMs;
    return Math.max(1, Math.ceil((freeAt - nowMs) / 1000));
  }

  #prune(nowMs: number): void {
    const since = nowMs - this.#windowMs;
    let drop = 0;
    while (drop < this.#events.length && this.#events[drop]! <= since) drop++;
    if (drop > 0) this.#events = this.#events.slice(drop);
  }
}
