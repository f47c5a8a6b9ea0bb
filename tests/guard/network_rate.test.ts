import assert from "node:assert/strict";
import { RateLimiter } from "../../lib/guard/network.ts";

function clock(start = 0) {
  const state = { now: start };
  return { state, now: () => state.now };
}

Deno.test("RateLimiter: N pass, then refused until the window ends", () => {
  const { state, now } = clock(5_000);
  const limiter = new RateLimiter({ limit: 2, now });
  assert.deepEqual(limiter.take("a"), { ok: true });
  assert.deepEqual(limiter.take("a"), { ok: true });
  assert.deepEqual(limiter.take("a"), { ok: false, retryAfterSeconds: 60 });
  state.now += 30_001;
  assert.deepEqual(limiter.take("a"), { ok: false, retryAfterSeconds: 30 });
  state.now += 29_998;
  assert.deepEqual(limiter.take("a"), { ok: false, retryAfterSeconds: 1 });
  state.now += 1;
  assert.deepEqual(limiter.take("a"), { ok: true });
  assert.deepEqual(limiter.take("a"), { ok: true });
  assert.equal(limiter.take("a").ok, false);
});

Deno.test("RateLimiter: keys are independent", () => {
  const limiter = new RateLimiter({ limit: 1, now: () => 0 });
  assert.equal(limiter.take("a").ok, true);
  assert.equal(limiter.take("a").ok, false);
  assert.equal(limiter.take("b").ok, true);
  assert.equal(limiter.take("b").ok, false);
});

Deno.test("RateLimiter: the number of tracked keys is bounded; the oldest goes first", () => {
  const { state, now } = clock();
  const limiter = new RateLimiter({ limit: 1, maxKeys: 100, now });
  for (let i = 0; i < 10_000; i++) {
    state.now += 1;
    assert.equal(limiter.take(`10.0.${i >> 8}.${i & 255}`).ok, true);
    assert.ok(limiter.size <= 100);
  }
  assert.equal(limiter.size, 100);
  assert.equal(limiter.take("10.0.39.15").ok, false); // the newest key is still tracked
  assert.equal(limiter.take("10.0.0.0").ok, true); // the oldest was evicted
});

Deno.test("RateLimiter: the default cap is 10 000 keys", () => {
  const limiter = new RateLimiter({ limit: 1, now: () => 0 });
  for (let i = 0; i < 12_000; i++) limiter.take(`k${i}`);
  assert.equal(limiter.size, 10_000);
});

Deno.test("RateLimiter: expired windows are dropped", () => {
  const { state, now } = clock();
  const limiter = new RateLimiter({ limit: 1, now });
  for (let i = 0; i < 50; i++) limiter.take(`k${i}`);
  assert.equal(limiter.size, 50);
  state.now += 60_000;
  limiter.take("other");
  assert.equal(limiter.size, 1);
});

Deno.test("RateLimiter: a clock that goes backwards starts a fresh window", () => {
  const { state, now } = clock(100_000);
  const limiter = new RateLimiter({ limit: 1, now });
  assert.equal(limiter.take("a").ok, true);
  state.now -= 50_000;
  assert.equal(limiter.take("a").ok, true);
  const refused = limiter.take("a");
  assert.deepEqual(refused, { ok: false, retryAfterSeconds: 60 });
});

Deno.test("RateLimiter: invalid options throw", () => {
  for (
    const options of [{ limit: 0 }, { limit: 1.5 }, { limit: 1, maxKeys: 0 }, {
      limit: 1,
      windowMs: 0,
    }]
  ) {
    assert.throws(() => new RateLimiter(options), RangeError);
  }
});
