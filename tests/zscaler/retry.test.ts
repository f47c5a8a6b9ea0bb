import assert from "node:assert/strict";
import {
  backoffMs,
  defaultSleep,
  parseResetValue,
  parseRetryAfterValue,
  retryAfterFromResponse,
} from "../../lib/zscaler/mod.ts";

const NOW = Date.parse("2026-03-01T12:00:00Z");

Deno.test("parseRetryAfterValue: every recorded form", () => {
  assert.equal(parseRetryAfterValue("1", NOW), 1);
  assert.equal(parseRetryAfterValue("4s", NOW), 4);
  assert.equal(parseRetryAfterValue("10s", NOW), 10);
  assert.equal(parseRetryAfterValue("1 seconds", NOW), 1);
  assert.equal(parseRetryAfterValue(" 2.5 ", NOW), 2.5);
  assert.equal(parseRetryAfterValue(3, NOW), 3);
  assert.equal(parseRetryAfterValue("Sun, 01 Mar 2026 12:00:30 GMT", NOW), 30);
  assert.equal(
    parseRetryAfterValue("Sun, 01 Mar 2026 11:00:00 GMT", NOW),
    0,
    "a past date means now",
  );
  assert.equal(parseRetryAfterValue("soon", NOW), undefined);
  assert.equal(parseRetryAfterValue("-1", NOW), undefined);
  assert.equal(parseRetryAfterValue(null, NOW), undefined);
  assert.equal(parseRetryAfterValue(-5, NOW), undefined);
});

Deno.test("parseResetValue: deltas, comma-joined values, epoch seconds", () => {
  assert.equal(parseResetValue("45", NOW), 45);
  assert.equal(parseResetValue("1, 13", NOW), 13);
  assert.equal(parseResetValue(String(NOW / 1000 + 20), NOW), 20);
  assert.equal(parseResetValue(String(NOW / 1000 - 20), NOW), 0);
  assert.equal(parseResetValue("x", NOW), undefined);
  assert.equal(parseResetValue(null, NOW), undefined);
});

Deno.test("retryAfterFromResponse: header, then ZIA body, then x-ratelimit-reset, then RateLimit-Reset", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  const zia = { message: "Rate Limit (2/SECOND) exceeded", "Retry-After": "1 seconds" };
  assert.deepEqual(
    retryAfterFromResponse(h({ "retry-after": "4s", "x-ratelimit-reset": "48" }), zia, NOW),
    { seconds: 4, source: "retry-after" },
  );
  assert.deepEqual(retryAfterFromResponse(h({ "x-ratelimit-reset": "45" }), zia, NOW), {
    seconds: 1,
    source: "body",
  });
  assert.deepEqual(
    retryAfterFromResponse(h({ "x-ratelimit-reset": "45", "ratelimit-reset": "2" }), {}, NOW),
    {
      seconds: 45,
      source: "x-ratelimit-reset",
    },
  );
  assert.deepEqual(
    retryAfterFromResponse(h({ "RateLimit-Reset": String(NOW / 1000 + 9) }), undefined, NOW),
    {
      seconds: 9,
      source: "ratelimit-reset",
    },
  );
  assert.equal(retryAfterFromResponse(h({}), { message: "x" }, NOW), undefined);
  assert.equal(retryAfterFromResponse(h({ "retry-after": "garbage" }), [], NOW), undefined);
});

Deno.test("backoffMs: exponential, jittered between half and full, capped", () => {
  assert.equal(backoffMs(1, 500, 60_000, () => 0), 250);
  assert.equal(backoffMs(1, 500, 60_000, () => 0.999999), 500);
  assert.equal(backoffMs(3, 500, 60_000, () => 0), 1000);
  assert.equal(backoffMs(20, 500, 60_000, () => 0.5), 60_000);
  assert.equal(backoffMs(1, 0, 60_000), 0);
  for (let i = 0; i < 50; i++) {
    const v = backoffMs(2, 100, 1000);
    assert.ok(v >= 100 && v <= 200, String(v));
  }
});

Deno.test("defaultSleep resolves, and rejects with the abort reason when aborted", async () => {
  await defaultSleep(1);
  const controller = new AbortController();
  const pending = defaultSleep(60_000, controller.signal);
  controller.abort(new Error("stop"));
  await assert.rejects(pending, /stop/);
  await assert.rejects(defaultSleep(10, AbortSignal.abort(new Error("early"))), /early/);
});
