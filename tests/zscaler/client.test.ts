import assert from "node:assert/strict";
import {
  apiPath,
  buildQuery,
  serviceFromPath,
  ZscalerApiError,
  ZscalerAuthError,
  ZscalerClient,
  ZscalerConfigError,
  ZscalerNetworkError,
  ZscalerRequestError,
  ZscalerTimeoutError,
} from "../../lib/zscaler/mod.ts";
import { harness, recordingSleep, rejection, SECRET } from "./_helpers.ts";
import { ClosingServer, ScriptedServer, serveTokens } from "./scripted_server.ts";

const RULES = "/zia/api/v1/urlFilteringRules";

Deno.test("request sends bearer, accept, user-agent; content-type only with a body", async () => {
  const h = harness({ userAgent: "test-agent/1" });
  try {
    h.server.script("GET", RULES, { json: [{ id: 1 }] });
    h.server.script("POST", RULES, { json: { id: 2 } });
    const got = await h.client.request<Array<{ id: number }>>({
      method: "GET",
      path: apiPath`/zia/api/v1/urlFilteringRules`,
    });
    assert.equal(got.status, 200);
    assert.deepEqual(got.data, [{ id: 1 }]);
    const created = await h.client.request({ method: "POST", path: RULES, body: { name: "r" } });
    assert.deepEqual(created.data, { id: 2 });

    const [get, post] = h.server.requestsTo(RULES);
    assert.equal(get!.headers.get("authorization"), "Bearer tok-1");
    assert.equal(get!.headers.get("accept"), "application/json");
    assert.equal(get!.headers.get("user-agent"), "test-agent/1");
    assert.equal(get!.headers.get("content-type"), null);
    assert.equal(get!.body, "");
    assert.equal(post!.headers.get("content-type"), "application/json");
    assert.deepEqual(JSON.parse(post!.body), { name: "r" });
    assert.equal(h.tokenCount(), 1, "the token is cached between requests");
  } finally {
    await h.close();
  }
});

Deno.test("query: arrays become repeated keys, undefined is skipped, booleans and numbers are strings", async () => {
  const h = harness();
  try {
    h.server.script("GET", "/zdx/v1/devices", { json: { devices: [] } });
    await h.client.request({
      method: "GET",
      path: "/zdx/v1/devices",
      query: { "loc[]": [1, 2], search: "a b&c", flag: true, skip: undefined, from: 0 },
    });
    const [req] = h.server.requests.filter((r) => r.path === "/zdx/v1/devices");
    assert.deepEqual(req!.query.getAll("loc[]"), ["1", "2"]);
    assert.equal(req!.query.get("search"), "a b&c");
    assert.equal(req!.query.get("flag"), "true");
    assert.equal(req!.query.get("from"), "0");
    assert.equal(req!.query.has("skip"), false);
  } finally {
    await h.close();
  }
});

Deno.test("buildQuery and serviceFromPath", () => {
  assert.equal(buildQuery({ a: [1, "x"], b: undefined }), "a=1&a=x");
  assert.equal(buildQuery(undefined), "");
  assert.throws(() => buildQuery({ n: Number.NaN }), ZscalerRequestError);
  assert.throws(() => buildQuery({ o: {} as unknown as string }), ZscalerRequestError);
  assert.equal(serviceFromPath("/zia/api/v1/users"), "zia");
  assert.equal(serviceFromPath("/ziam/admin/api/v1/users"), "zid");
  assert.equal(serviceFromPath("/easm/easm-ui/v1/organizations"), "zeasm");
  assert.equal(serviceFromPath("/other"), undefined);
});

Deno.test("unsafe paths and bad methods are refused before anything is sent", async () => {
  const h = harness();
  try {
    for (
      const path of [
        "/zia/../admin",
        "/zia/%2e%2e/x",
        "zia/api",
        "/zia?x=1",
        "/zia#f",
        "/zia//x",
        "/a b",
        "/a%2Fb",
      ]
    ) {
      const error = await rejection(h.client.request({ method: "GET", path }));
      assert.ok(error instanceof ZscalerRequestError, `${path}: ${error}`);
    }
    const bad = await rejection(h.client.request({ method: "TRACE" as "GET", path: RULES }));
    assert.ok(bad instanceof ZscalerRequestError);
    const nan = await rejection(
      h.client.request({ method: "GET", path: RULES, query: { page: NaN } }),
    );
    assert.ok(nan instanceof ZscalerRequestError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const body = await rejection(h.client.request({ method: "POST", path: RULES, body: cyclic }));
    assert.ok(body instanceof ZscalerRequestError);
    assert.equal(h.server.requests.length, 0);
  } finally {
    await h.close();
  }
});

Deno.test("config: http only on loopback, credentials required", () => {
  const base = {
    tokenUrl: "https://acme.zslogin.net/oauth2/v1/token",
    apiBaseUrl: "https://api.zsapi.net",
  };
  assert.throws(
    () =>
      new ZscalerClient({
        ...base,
        apiBaseUrl: "http://api.zsapi.net",
        credentials: { clientId: "a", clientSecret: "b" },
      }),
    ZscalerConfigError,
  );
  assert.throws(
    () =>
      new ZscalerClient({
        ...base,
        tokenUrl: "http://evil.example/t",
        credentials: { clientId: "a", clientSecret: "b" },
      }),
    ZscalerConfigError,
  );
  assert.throws(
    () => new ZscalerClient({ ...base, credentials: { clientId: "a" } }),
    ZscalerConfigError,
  );
  assert.throws(
    () => new ZscalerClient({ ...base, credentials: { clientId: "", clientSecret: "b" } }),
    ZscalerConfigError,
  );
  assert.throws(
    () =>
      new ZscalerClient({
        ...base,
        credentials: { clientId: "a", clientSecret: "b" },
        maxRetries: -1,
      }),
    ZscalerConfigError,
  );
  const ok = new ZscalerClient({ ...base, credentials: { clientId: "a", clientSecret: "b" } });
  assert.equal(ok.tokens.authMethod, "client_secret");
});

Deno.test("response bodies: 204 and empty are undefined, text stays text, malformed JSON fails", async () => {
  const h = harness();
  try {
    h.server.script(
      "DELETE",
      `${RULES}/1`,
      { status: 204 },
    );
    h.server.script("PUT", `${RULES}/1`, { status: 200, text: "" });
    h.server.script("GET", "/zcc/papi/public/v1/downloadDevices", {
      text: "a,b\n1,2\n",
      headers: { "content-type": "text/csv" },
    });
    h.server.script("GET", `${RULES}/2`, {
      text: "{not json",
      headers: { "content-type": "application/json" },
    });

    assert.equal(
      (await h.client.request({ method: "DELETE", path: `${RULES}/1` })).data,
      undefined,
    );
    assert.equal(
      (await h.client.request({ method: "PUT", path: `${RULES}/1`, body: {} })).data,
      undefined,
    );
    assert.equal(
      (await h.client.request({ method: "GET", path: "/zcc/papi/public/v1/downloadDevices" })).data,
      "a,b\n1,2\n",
    );
    const error = await rejection(
      h.client.request({ method: "GET", path: apiPath`/zia/api/v1/urlFilteringRules/${2}` }),
    );
    assert.ok(error instanceof ZscalerApiError);
    assert.equal(error.status, 200);
    assert.match(error.message, /malformed JSON response/);
    assert.equal(h.server.requestsTo(`${RULES}/2`).length, 1, "a malformed body is not retried");
  } finally {
    await h.close();
  }
});

Deno.test("oversized responses fail with a clear error", async () => {
  const h = harness({ maxResponseBytes: 100 });
  try {
    h.server.script("GET", RULES, { json: Array.from({ length: 50 }, (_, i) => ({ id: i })) });
    const error = await rejection(h.client.request({ method: "GET", path: RULES }));
    assert.ok(error instanceof ZscalerApiError);
    assert.match(error.message, /larger than 100 bytes/);
    assert.equal(error.status, 200);
  } finally {
    await h.close();
  }
});

Deno.test("API 401 -> exactly one token refresh and one retry", async () => {
  const h = harness();
  try {
    h.server.script("GET", RULES, {
      status: 401,
      json: { detail: "unauthorized", type: "", title: "", status: "" },
    }, {
      json: [],
    });
    const got = await h.client.request({ method: "GET", path: RULES });
    assert.deepEqual(got.data, []);
    assert.equal(h.tokenCount(), 2);
    const reqs = h.server.requestsTo(RULES);
    assert.equal(reqs.length, 2);
    assert.equal(reqs[0]!.headers.get("authorization"), "Bearer tok-1");
    assert.equal(reqs[1]!.headers.get("authorization"), "Bearer tok-2");
    assert.deepEqual(h.waits, [], "the token refresh retry does not wait");
    assert.ok(h.events.some((e) => e.type === "token_invalidated"));
    assert.ok(
      h.events.some((e) => e.type === "retry" && e.reason === "unauthorized" && e.status === 401),
    );
  } finally {
    await h.close();
  }
});

Deno.test("API 401 twice -> ZscalerApiError 401 with a credentials hint, one refresh only", async () => {
  const h = harness();
  try {
    h.server.fallback("POST", RULES, {
      status: 401,
      json: { detail: "unauthorized", type: "", title: "", status: "" },
    });
    const error = await rejection(
      h.client.request({ method: "POST", path: RULES, body: { a: 1 } }),
    );
    assert.ok(error instanceof ZscalerApiError);
    assert.equal(error.status, 401);
    assert.equal(error.upstreamMessage, "unauthorized");
    assert.match(error.message, /HTTP 401/);
    assert.match(error.message, /client id and secret/);
    assert.match(error.message, /scopes/);
    assert.equal(h.tokenCount(), 2);
    assert.equal(h.server.requestsTo(RULES).length, 2);
  } finally {
    await h.close();
  }
});

Deno.test("concurrent 401s with the same stale token cause a single refresh", async () => {
  const h = harness();
  try {
    h.server.fallback(
      "GET",
      RULES,
      (req) =>
        req.headers.get("authorization") === "Bearer tok-1"
          ? { status: 401, json: { detail: "unauthorized" } }
          : { json: [] },
    );
    await h.client.tokens.getToken();
    await Promise.all(
      Array.from({ length: 5 }, () => h.client.request({ method: "GET", path: RULES })),
    );
    assert.equal(h.tokenCount(), 2);
  } finally {
    await h.close();
  }
});

const TOO_MANY = { message: "Rate Limit (1/SECOND) exceeded", "Retry-After": "1 seconds" };

Deno.test("429 Retry-After forms: '1', '4s', '10s', ZIA body, HTTP date, reset headers", async () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  const cases: Array<{ headers: Record<string, string>; json: unknown; wait: number }> = [
    { headers: { "retry-after": "1" }, json: TOO_MANY, wait: 1000 },
    {
      headers: { "retry-after": "4s" },
      json: {
        exception: "invalid.toomanyrequests",
        id: "invalid.toomanyrequests",
        reason: "Exceeded",
      },
      wait: 4000,
    },
    { headers: { "retry-after": "10s" }, json: {}, wait: 10_000 },
    { headers: {}, json: TOO_MANY, wait: 1000 },
    { headers: { "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }, json: {}, wait: 5000 },
    { headers: { "x-ratelimit-reset": "3" }, json: {}, wait: 3000 },
    { headers: { "RateLimit-Reset": String(now / 1000 + 7) }, json: {}, wait: 7000 },
    { headers: { "RateLimit-Reset": "2" }, json: {}, wait: 2000 },
  ];
  for (const c of cases) {
    const h = harness({ now: () => now });
    try {
      h.server.script("GET", RULES, { status: 429, headers: c.headers, json: c.json }, {
        json: [],
      });
      const got = await h.client.request({ method: "GET", path: RULES });
      assert.deepEqual(got.data, []);
      assert.deepEqual(h.waits, [c.wait], JSON.stringify(c.headers));
      const retry = h.events.find((e) => e.type === "retry");
      assert.ok(
        retry && retry.type === "retry" && retry.reason === "rate_limited" && retry.status === 429,
      );
    } finally {
      await h.close();
    }
  }
});

Deno.test("429 without any hint -> exponential backoff with jitter, bounded by maxRetries", async () => {
  const h = harness({ maxRetries: 3, backoffBaseMs: 100, random: () => 0.5 });
  try {
    h.server.fallback("GET", RULES, { status: 429, json: { message: "slow down" } });
    const error = await rejection(h.client.request({ method: "GET", path: RULES }));
    assert.ok(error instanceof ZscalerApiError);
    assert.equal(error.status, 429);
    assert.match(error.message, /Rate limited/);
    assert.equal(h.server.requestsTo(RULES).length, 4);
    assert.deepEqual(h.waits, [75, 150, 300]);
  } finally {
    await h.close();
  }
});

Deno.test("429 is retried for writes too (the request was not processed)", async () => {
  const h = harness();
  try {
    h.server.script(
      "POST",
      RULES,
      { status: 429, headers: { "retry-after": "1" }, json: TOO_MANY },
      {
        json: { id: 9 },
      },
    );
    const got = await h.client.request({ method: "POST", path: RULES, body: { name: "x" } });
    assert.deepEqual(got.data, { id: 9 });
    assert.equal(h.server.requestsTo(RULES).length, 2);
  } finally {
    await h.close();
  }
});

Deno.test("429 exhausted -> ZscalerApiError naming the wait", async () => {
  const h = harness({ maxRetries: 1 });
  try {
    h.server.fallback("GET", RULES, {
      status: 429,
      headers: { "retry-after": "1" },
      json: TOO_MANY,
    });
    const error = await rejection(h.client.request({ method: "GET", path: RULES }));
    assert.ok(error instanceof ZscalerApiError);
    assert.equal(error.retryAfterSeconds, 1);
    assert.equal(error.upstreamMessage, "Rate Limit (1/SECOND) exceeded");
    assert.match(error.toSafeString(), /retry after 1 s/);
    assert.equal(h.server.requestsTo(RULES).length, 2);
  } finally {
    await h.close();
  }
});

Deno.test("Retry-After above maxRetryWaitMs fails fast without waiting", async () => {
  const h = harness({ maxRetryWaitMs: 60_000 });
  try {
    h.server.fallback("GET", RULES, { status: 429, headers: { "retry-after": "120" }, json: {} });
    const error = await rejection(h.client.request({ method: "GET", path: RULES }));
    assert.ok(error instanceof ZscalerApiError);
    assert.equal(error.retryAfterSeconds, 120);
    assert.match(error.message, /asked to wait 120 s/);
    assert.match(error.message, /limit of 60 s/);
    assert.deepEqual(h.waits, []);
    assert.equal(h.server.requestsTo(RULES).length, 1);
  } finally {
    await h.close();
  }
});

Deno.test("5xx: a GET is retried and then succeeds; 503 Retry-After is honoured", async () => {
  const h = harness();
  try {
    h.server.script(
      "GET",
      RULES,
      { status: 500, json: { code: "UNEXPECTED_ERROR", message: "boom" } },
      {
        status: 503,
        headers: { "retry-after": "10s", "x-ratelimit-reset": "45" },
        json: { id: "retryable.server.error" },
      },
      { json: [{ id: 1 }] },
    );
    const got = await h.client.request({ method: "GET", path: RULES });
    assert.deepEqual(got.data, [{ id: 1 }]);
    assert.equal(h.server.requestsTo(RULES).length, 3);
    assert.equal(h.waits.length, 2);
    assert.ok(h.waits[0]! >= 5 && h.waits[0]! <= 10, `backoff ${h.waits[0]}`);
    assert.equal(h.waits[1], 10_000);
  } finally {
    await h.close();
  }
});

Deno.test("5xx: a GET that keeps failing stops after maxRetries", async () => {
  const h = harness({ maxRetries: 2 });
  try {
    h.server.fallback("GET", RULES, {
      status: 502,
      text: "Bad Gateway",
      headers: { "content-type": "text/plain" },
    });
    const error = await rejection(h.client.request({ method: "GET", path: RULES }));
    assert.ok(error instanceof ZscalerApiError);
    assert.equal(error.status, 502);
    assert.equal(error.body, "Bad Gateway");
    assert.equal(error.outcomeUnknown, false);
    assert.match(error.message, /retry later/);
    assert.equal(h.server.requestsTo(RULES).length, 3);
  } finally {
    await h.close();
  }
});

Deno.test("5xx: a POST is never re-sent and says the outcome is unknown", async () => {
  for (const method of ["POST", "PUT", "DELETE", "PATCH"] as const) {
    const h = harness();
    try {
      h.server.fallback(method, RULES, {
        status: 500,
        json: { code: "UNEXPECTED_ERROR", message: "boom" },
      });
      const error = await rejection(h.client.request({ method, path: RULES, body: { a: 1 } }));
      assert.ok(error instanceof ZscalerApiError);
      assert.equal(error.status, 500);
      assert.equal(error.code, "UNEXPECTED_ERROR");
      assert.equal(error.outcomeUnknown, true);
      assert.match(error.message, /may or may not have been applied/);
      assert.match(error.message, /check the tenant before retrying/);
      assert.equal(h.server.requestsTo(RULES).length, 1, `${method} reached the server once`);
      assert.deepEqual(h.waits, []);
    } finally {
      await h.close();
    }
  }
});

Deno.test("5xx: a write marked idempotent is retried", async () => {
  const h = harness();
  try {
    h.server.script("PUT", `${RULES}/1`, { status: 502, json: {} }, { json: { id: 1 } });
    const got = await h.client.request({
      method: "PUT",
      path: `${RULES}/1`,
      body: {},
      idempotent: true,
    });
    assert.deepEqual(got.data, { id: 1 });
    assert.equal(h.server.requestsTo(`${RULES}/1`).length, 2);
  } finally {
    await h.close();
  }
});

Deno.test("network error: a GET is retried up to maxRetries, a POST is sent once", async () => {
  const tokens = ScriptedServer.start();
  serveTokens(tokens);
  const closing = new ClosingServer();
  try {
    const { sleep, waits } = recordingSleep();
    const client = new ZscalerClient({
      tokenUrl: `${tokens.url}/oauth2/v1/token`,
      apiBaseUrl: closing.url,
      credentials: { clientId: "c", clientSecret: SECRET },
      maxRetries: 2,
      backoffBaseMs: 10,
      sleep,
    });
    const getError = await rejection(client.request({ method: "GET", path: RULES }));
    assert.ok(getError instanceof ZscalerNetworkError, String(getError));
    assert.equal(getError.outcomeUnknown, false);
    assert.match(getError.message, /network error \(3 attempts\)/);
    assert.equal(closing.connections, 3);
    assert.equal(waits.length, 2);

    const postError = await rejection(
      client.request({ method: "POST", path: RULES, body: { a: 1 } }),
    );
    assert.ok(postError instanceof ZscalerNetworkError);
    assert.equal(postError.outcomeUnknown, true);
    assert.match(postError.message, /check the tenant before retrying/);
    assert.equal(closing.connections, 4, "the POST was attempted exactly once");
    assert.ok(!postError.message.includes(SECRET) && !postError.message.includes("tok-"));
  } finally {
    await closing.close();
    await tokens.close();
  }
});

Deno.test("timeout: a GET is retried, a POST is not", async () => {
  const h = harness({ timeoutMs: 150 });
  try {
    h.server.script("GET", RULES, { delayMs: 5000, json: [] }, { json: [{ id: 1 }] });
    const got = await h.client.request({ method: "GET", path: RULES });
    assert.deepEqual(got.data, [{ id: 1 }]);
    assert.equal(h.server.requestsTo(RULES).length, 2);
    assert.ok(h.events.some((e) => e.type === "retry" && e.reason === "timeout"));

    h.server.script("POST", RULES, { delayMs: 5000, json: {} }, { json: {} });
    const error = await rejection(h.client.request({ method: "POST", path: RULES, body: {} }));
    assert.ok(error instanceof ZscalerTimeoutError, String(error));
    assert.equal(error.outcomeUnknown, true);
    assert.match(error.message, /timed out after 0\.2 s/);
    assert.match(error.message, /may or may not have been applied/);
    assert.equal(
      h.server.requests.filter((r) => r.method === "POST" && r.path === RULES).length,
      1,
    );
  } finally {
    await h.close();
  }
});

Deno.test("caller abort is rethrown at once and never retried", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", RULES, { delayMs: 10_000, json: [] });
    const controller = new AbortController();
    const seen = h.server.nextRequest((r) => r.path === RULES);
    const pending = h.client.request({ method: "GET", path: RULES, signal: controller.signal });
    await seen;
    controller.abort();
    const error = await rejection(pending);
    assert.ok(error instanceof DOMException, String(error));
    assert.equal(error.name, "AbortError");
    assert.equal(h.server.requestsTo(RULES).length, 1);
    assert.deepEqual(h.waits, []);

    const already = AbortSignal.abort(new Error("caller gave up"));
    const early = await rejection(
      h.client.request({ method: "GET", path: RULES, signal: already }),
    );
    assert.equal((early as Error).message, "caller gave up");
    assert.equal(h.server.requestsTo(RULES).length, 1);
  } finally {
    await h.close();
  }
});

Deno.test("caller abort interrupts a retry wait (real sleep)", async () => {
  const h = harness({ sleep: undefined });
  try {
    h.server.fallback("GET", RULES, { status: 429, headers: { "retry-after": "30" }, json: {} });
    const controller = new AbortController();
    const seen = h.server.nextRequest((r) => r.path === RULES);
    const pending = h.client.request({ method: "GET", path: RULES, signal: controller.signal });
    await seen;
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const error = await rejection(pending);
    assert.equal((error as Error).name, "AbortError");
    assert.equal(h.server.requestsTo(RULES).length, 1);
  } finally {
    await h.close();
  }
});

Deno.test("409 EDIT_LOCK_NOT_AVAILABLE is retried with backoff for writes; other 409s are not", async () => {
  const h = harness({ backoffBaseMs: 10 });
  try {
    const lock = { status: 409, json: { code: "EDIT_LOCK_NOT_AVAILABLE" } };
    h.server.script("PUT", "/zia/api/v1/timeIntervals/2535", lock, lock, { json: { id: 2535 } });
    const got = await h.client.request({
      method: "PUT",
      path: apiPath`/zia/api/v1/timeIntervals/${2535}`,
      body: {},
    });
    assert.deepEqual(got.data, { id: 2535 });
    assert.equal(h.server.requestsTo("/zia/api/v1/timeIntervals/2535").length, 3);
    assert.deepEqual(h.waits, [75, 150]);
    assert.ok(h.events.every((e) => e.type !== "retry" || e.reason === "edit_lock"));

    h.server.script("POST", RULES, {
      status: 409,
      json: { code: "DUPLICATE_ITEM", message: "dup" },
    });
    const error = await rejection(h.client.request({ method: "POST", path: RULES, body: {} }));
    assert.ok(error instanceof ZscalerApiError);
    assert.equal(error.code, "DUPLICATE_ITEM");
    assert.match(error.message, /already exists/);
    assert.equal(h.server.requestsTo(RULES).length, 1);
  } finally {
    await h.close();
  }
});

Deno.test("409 edit lock that never clears fails with the edit-lock hint", async () => {
  const h = harness({ maxRetries: 1 });
  try {
    h.server.fallback("DELETE", `${RULES}/5`, {
      status: 409,
      json: { code: "EDIT_LOCK_NOT_AVAILABLE" },
    });
    const error = await rejection(h.client.request({ method: "DELETE", path: `${RULES}/5` }));
    assert.ok(error instanceof ZscalerApiError);
    assert.equal(error.code, "EDIT_LOCK_NOT_AVAILABLE");
    assert.match(error.message, /edit lock/);
    assert.equal(h.server.requestsTo(`${RULES}/5`).length, 2);
  } finally {
    await h.close();
  }
});

Deno.test("error bodies: ZIA, ZPA, ZCC, gateway and plain-text shapes", async () => {
  const h = harness();
  const zpaPath = "/zpa/mgmtconfig/v1/admin/customers/216196257331281920/segmentGroup/0";
  try {
    h.server.script("GET", `${RULES}/404`, {
      status: 404,
      json: { code: "RESOURCE_NOT_FOUND", message: "Resource not found" },
      headers: { "x-oneapi-request-id": "req-123" },
    });
    h.server.script("GET", zpaPath, {
      status: 400,
      json: {
        id: "resource.not.found",
        reason: "No resource exists with the given id/name :0",
        params: ["0"],
      },
    });
    h.server.script("GET", "/zcc/papi/public/v1/getOtp", {
      status: 400,
      json: { title: "INVALID_FIELD_VALUE", errorCode: null, errorMessage: "udid is invalid" },
    });
    h.server.script("GET", "/zdx/v1/apps", {
      status: 403,
      json: { detail: "forbidden", type: "", title: "", status: "" },
    });
    h.server.script("GET", "/zcc/papi/public/v1/nothing", {
      status: 404,
      text: "404 Not Found",
      headers: { "content-type": "text/plain" },
    });

    const zia = await rejection(h.client.request({ method: "GET", path: `${RULES}/404` }));
    assert.ok(zia instanceof ZscalerApiError);
    assert.equal(zia.status, 404);
    assert.equal(zia.code, "RESOURCE_NOT_FOUND");
    assert.equal(zia.upstreamMessage, "Resource not found");
    assert.equal(zia.requestId, "req-123");
    assert.equal(zia.service, "zia");
    assert.equal(zia.method, "GET");
    assert.equal(zia.path, `${RULES}/404`);
    assert.match(
      zia.message,
      /^ZIA GET \/zia\/api\/v1\/urlFilteringRules\/404 failed: HTTP 404 RESOURCE_NOT_FOUND: Resource not found/,
    );
    assert.match(zia.message, /Check the id/);

    const zpa = await rejection(h.client.request({ method: "GET", path: zpaPath }));
    assert.ok(zpa instanceof ZscalerApiError);
    assert.equal(zpa.code, "resource.not.found");
    assert.equal(zpa.upstreamMessage, "No resource exists with the given id/name :0");
    assert.deepEqual((zpa.body as { params: string[] }).params, ["0"]);

    const zcc = await rejection(
      h.client.request({ method: "GET", path: "/zcc/papi/public/v1/getOtp" }),
    );
    assert.ok(zcc instanceof ZscalerApiError);
    assert.equal(zcc.code, "INVALID_FIELD_VALUE");
    assert.equal(zcc.upstreamMessage, "udid is invalid");

    const gw = await rejection(h.client.request({ method: "GET", path: "/zdx/v1/apps" }));
    assert.ok(gw instanceof ZscalerApiError);
    assert.equal(gw.code, undefined);
    assert.equal(gw.upstreamMessage, "forbidden");
    assert.match(gw.message, /not entitled to this service/);

    const text = await rejection(
      h.client.request({ method: "GET", path: "/zcc/papi/public/v1/nothing" }),
    );
    assert.ok(text instanceof ZscalerApiError);
    assert.equal(text.body, "404 Not Found");
    assert.equal(text.upstreamMessage, "404 Not Found");

    for (const e of [zia, zpa, zcc, gw, text]) {
      const s = (e as ZscalerApiError).toSafeString();
      assert.ok(!s.includes("tok-") && !s.includes(SECRET) && !s.includes("    at "), s);
      assert.ok(!JSON.stringify(e).includes("tok-"));
    }
  } finally {
    await h.close();
  }
});

Deno.test("redirects are not followed", async () => {
  const h = harness();
  try {
    h.server.script("GET", RULES, { status: 302, headers: { location: "https://evil.example/" } });
    const error = await rejection(h.client.request({ method: "GET", path: RULES }));
    assert.ok(error instanceof ZscalerApiError);
    assert.equal(error.status, 302);
    assert.match(error.message, /redirect/);
  } finally {
    await h.close();
  }
});

Deno.test("events carry no token or secret", async () => {
  const h = harness();
  try {
    h.server.script("GET", RULES, { status: 401, json: {} }, {
      status: 429,
      headers: { "retry-after": "0" },
    }, {
      json: [],
    });
    await h.client.request({ method: "GET", path: RULES, query: { search: "q" } });
    const text = JSON.stringify(h.events);
    assert.ok(!text.includes("tok-") && !text.includes(SECRET), text);
    assert.ok(h.events.some((e) => e.type === "token_request" && e.reason === "initial"));
    assert.ok(h.events.some((e) => e.type === "token_request" && e.reason === "invalidated"));
    assert.ok(h.events.some((e) => e.type === "token_issued" && e.expiresInSeconds === 3600));
  } finally {
    await h.close();
  }
});

Deno.test("a throwing onEvent listener does not break requests", async () => {
  const h = harness({
    onEvent: () => {
      throw new Error("logger down");
    },
  });
  try {
    h.server.script("GET", RULES, { status: 429, headers: { "retry-after": "0" } }, { json: [] });
    assert.deepEqual((await h.client.request({ method: "GET", path: RULES })).data, []);
  } finally {
    await h.close();
  }
});

Deno.test("single flight: 10 concurrent requests share one token request", async () => {
  const server = ScriptedServer.start();
  const tokens = serveTokens(server, 3600, 50);
  try {
    const client = new ZscalerClient({
      tokenUrl: `${server.url}/oauth2/v1/token`,
      apiBaseUrl: server.url,
      credentials: { clientId: "c", clientSecret: SECRET },
    });
    server.fallback("GET", RULES, { json: [] });
    await Promise.all(
      Array.from({ length: 10 }, () => client.request({ method: "GET", path: RULES })),
    );
    assert.equal(tokens.count(), 1);
    assert.equal(server.requestsTo(RULES).length, 10);
    assert.ok(
      server.requestsTo(RULES).every((r) => r.headers.get("authorization") === "Bearer tok-1"),
    );
  } finally {
    await server.close();
  }
});

Deno.test("a token failure surfaces as ZscalerAuthError from request()", async () => {
  const server = ScriptedServer.start();
  server.fallback("POST", "/oauth2/v1/token", { status: 401, json: { error: "invalid_client" } });
  try {
    const client = new ZscalerClient({
      tokenUrl: `${server.url}/oauth2/v1/token`,
      apiBaseUrl: server.url,
      credentials: { clientId: "c", clientSecret: SECRET },
    });
    const error = await rejection(client.request({ method: "GET", path: RULES }));
    assert.ok(error instanceof ZscalerAuthError);
    assert.ok(!error.message.includes(SECRET));
    assert.equal(server.requestsTo(RULES).length, 0);
  } finally {
    await server.close();
  }
});
