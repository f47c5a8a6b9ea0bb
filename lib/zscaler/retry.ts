/**
 * Retry timing: reading the upstream's "wait this long" signals in every recorded form,
 * exponential backoff with jitter, and an abort-aware sleep.
 *
 * @module
 */

import type { ClientEventListener } from "./events.ts";

/**
 * Waits `ms` milliseconds, or rejects with `signal.reason` as soon as `signal` aborts. Injected
 * into the client and token provider so tests can record waits instead of sleeping.
 */
export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real, abort-aware sleep (setTimeout based; the timer is cleared on abort). */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Where a wait came from. */
export type RetryAfterSource = "retry-after" | "body" | "x-ratelimit-reset" | "ratelimit-reset";

/** A wait the upstream asked for. */
export interface RetryAfter {
  /** Seconds to wait (≥ 0). */
  seconds: number;
  /** Which header or body field said so. */
  source: RetryAfterSource;
}

const SECONDS = /^\s*(\d+(?:\.\d+)?)\s*(?:s|sec|secs|second|seconds)?\s*$/i;
// Anything above this is an absolute epoch-seconds timestamp rather than a delta.
const EPOCH_THRESHOLD = 1_000_000_000;

/**
 * Parse one `Retry-After` value: delta seconds with an optional unit (`1`, `4s`, `10s`,
 * `"1 seconds"`) or an HTTP date. Returns seconds from `nowMs` (never negative), or undefined
 * when the value is not understood.
 */
export function parseRetryAfterValue(value: unknown, nowMs: number): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = SECONDS.exec(value);
  if (match) return Number(match[1]);
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - nowMs) / 1000);
}

/**
 * Parse a rate-limit reset header (`x-ratelimit-reset`, `RateLimit-Reset`). Values may be
 * comma-joined (one per policy: the largest wins) and may be epoch seconds (converted to a
 * delta from `nowMs`).
 */
export function parseResetValue(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  let best: number | undefined;
  for (const part of value.split(",")) {
    const match = SECONDS.exec(part.split(";")[0] ?? "");
    if (!match) continue;
    let seconds = Number(match[1]);
    if (seconds > EPOCH_THRESHOLD) seconds = Math.max(0, seconds - nowMs / 1000);
    best = best === undefined ? seconds : Math.max(best, seconds);
  }
  return best;
}

/**
 * The wait an error response asks for, in this order: the `Retry-After` header; the ZIA body
 * field `"Retry-After": "1 seconds"`; `x-ratelimit-reset`; `RateLimit-Reset`. Undefined when
 * none is present or readable (the caller then backs off exponentially).
 */
export function retryAfterFromResponse(
  headers: Headers,
  body: unknown,
  nowMs: number,
): RetryAfter | undefined {
  const header = parseRetryAfterValue(headers.get("retry-after"), nowMs);
  if (header !== undefined) return { seconds: header, source: "retry-after" };
  if (body !== null && typeof body === "object" && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key.toLowerCase() !== "retry-after") continue;
      const seconds = parseRetryAfterValue(value, nowMs);
      if (seconds !== undefined) return { seconds, source: "body" };
    }
  }
  const xReset = parseResetValue(headers.get("x-ratelimit-reset"), nowMs);
  if (xReset !== undefined) return { seconds: xReset, source: "x-ratelimit-reset" };
  const reset = parseResetValue(headers.get("ratelimit-reset"), nowMs);
  if (reset !== undefined) return { seconds: reset, source: "ratelimit-reset" };
  return undefined;
}

/**
 * Exponential backoff with jitter: attempt 1 waits between `base/2` and `base`, attempt 2
 * between `base` and `2·base`, and so on, never more than `capMs`.
 *
 * @param attempt 1 for the first retry.
 * @param baseMs Base delay in milliseconds.
 * @param capMs Upper bound in milliseconds.
 * @param random Source of randomness in [0, 1).
 */
export function backoffMs(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const raw = baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30));
  const jittered = raw / 2 + (random() * raw) / 2;
  return Math.max(0, Math.min(capMs, Math.round(jittered)));
}

/** Timeouts, retries and injectables shared by the token provider and the API client. */
export interface RequestPolicyOptions {
  /** Per-attempt timeout in ms; default 30000. */
  timeoutMs?: number;
  /** Retries after the first attempt; default 3 (so at most 4 attempts). */
  maxRetries?: number;
  /**
   * Longest wait accepted from the upstream (Retry-After and reset headers) and cap of the
   * backoff, in ms; default 60000. A longer requested wait fails fast with an error that names it.
   */
  maxRetryWaitMs?: number;
  /** Base of the exponential backoff in ms; default 500. */
  backoffBaseMs?: number;
  /** User-Agent header; default `zscaler-mcp/<version>`. */
  userAgent?: string;
  /** Receives retry and token events (never secrets). */
  onEvent?: ClientEventListener;
  /** Injectable sleep (tests record waits instead of sleeping). */
  sleep?: SleepFn;
  /** Injectable clock in epoch ms (tests). */
  now?: () => number;
  /** Injectable randomness for jitter (tests). */
  random?: () => number;
}
