/**
 * A fixed-window rate limiter keyed by client address, with bounded memory.
 *
 * @module
 */

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Requests allowed per window and key; a positive integer. */
  limit: number;
  /** Window length in milliseconds (default 60 000). */
  windowMs?: number;
  /** Most keys tracked at once (default 10 000); the oldest window is dropped to make room. */
  maxKeys?: number;
  /** Clock in milliseconds (default `performance.now`, which does not jump with the wall clock). */
  now?: () => number;
}

/** The outcome of {@link RateLimiter.take}. */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Window {
  start: number;
  count: number;
}

/** Default number of tracked keys. */
export const DEFAULT_MAX_KEYS = 10_000;

/**
 * Counts requests per key in fixed windows that start at a key's first request. A burst at a
 * window boundary can reach twice the limit; that is the accepted cost of keeping one counter per
 * key instead of a log of timestamps.
 *
 * Memory is bounded: windows are kept in a `Map` in the order they started, expired ones are
 * dropped from the front on every call, and when `maxKeys` are live the oldest is evicted. An
 * attacker cycling through addresses can therefore reset other keys' counters but not grow memory.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, Window>();

  constructor(options: RateLimiterOptions) {
    const { limit, windowMs = 60_000, maxKeys = DEFAULT_MAX_KEYS } = options;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new RangeError("rate limit must be a positive integer");
    }
    if (!(Number.isFinite(windowMs) && windowMs > 0)) {
      throw new RangeError("rate window must be a positive number of milliseconds");
    }
    if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) {
      throw new RangeError("maxKeys must be a positive integer");
    }
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#maxKeys = maxKeys;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Number of keys currently tracked. */
  get size(): number {
    return this.#windows.size;
  }

  /** Counts one request for `key`; refused once the key has used its window's allowance. */
  take(key: string): RateDecision {
    const now = this.#now();
    this.#dropExpired(now);
    let window = this.#windows.get(key);
    if (window !== undefined && !this.#live(window, now)) {
      // Only reachable when the clock went backwards; start over rather than trust the entry.
      this.#windows.delete(key);
      window = undefined;
    }
    if (window === undefined) {
      while (this.#windows.size >= this.#maxKeys) {
        const oldest = this.#windows.keys().next().value as string;
        this.#windows.delete(oldest);
      }
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    if (window.count >= this.#limit) {
      const remainingMs = Math.min(window.start + this.#windowMs - now, this.#windowMs);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
    }
    window.count++;
    return { ok: true };
  }

  #live(window: Window, now: number): boolean {
    return now >= window.start && now < window.start + this.#windowMs;
  }

  #dropExpired(now: number): void {
    for (const [key, window] of this.#windows) {
      if (this.#live(window, now)) break;
      this.#windows.delete(key);
    }
  }
}
