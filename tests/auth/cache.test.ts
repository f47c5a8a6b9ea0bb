import assert from "node:assert/strict";
import { BoundedTtlCache, SlidingWindowLimiter } from "../../lib/auth/cache.ts";

Deno.test("BoundedTtlCache: entries expire at their time", () => {
  const cache = new BoundedTtlCache<number>(10);
  cache.set("a", 1, 1000);
  assert.equal(cache.get("a", 999), 1);
  assert.equal(cache.get("a", 1000), undefined);
  assert.equal(cache.size, 0, "an expired entry is dropped when looked up");
});

Deno.test("BoundedTtlCache: the oldest entry is evicted when full; set refreshes order", () => {
  const cache = new BoundedTtlCache<string>(3);
  cache.set("a", "A", 10);
  cache.set("b", "B", 10);
  cache.set("c", "C", 10);
  cache.set("a", "A2", 10);
  cache.set("d", "D", 10);
  assert.equal(cache.size, 3);
  assert.equal(cache.get("b", 0), undefined, "b was the oldest");
  assert.equal(cache.get("a", 0), "A2");
  assert.equal(cache.get("d", 0), "D");
  cache.delete("a");
  assert.equal(cache.get("a", 0), undefined);
  for (let i = 0; i < 5000; i++) cache.set(`k${i}`, "v", 10);
  assert.equal(cache.size, 3);
  assert.throws(() => new BoundedTtlCache(0), RangeError);
});

Deno.test("SlidingWindowLimiter: at most `limit` per window; Retry-After until a slot frees", () => {
  const limiter = new SlidingWindowLimiter(3, 10_000);
  assert.equal(limiter.tryAcquire(0), true);
  assert.equal(limiter.tryAcquire(4_000), true);
  assert.equal(limiter.tryAcquire(5_000), true);
  assert.equal(limiter.tryAcquire(5_001), false);
  assert.equal(limiter.retryAfterSeconds(5_001), 5);
  assert.equal(limiter.tryAcquire(9_999), false);
  assert.equal(limiter.retryAfterSeconds(9_999), 1);
  assert.equal(limiter.tryAcquire(10_000), true, "the first event left the window");
  assert.equal(limiter.tryAcquire(10_001), false);
  assert.equal(limiter.retryAfterSeconds(20_000), 1);
  assert.throws(() => new SlidingWindowLimiter(0, 1), RangeError);
});
