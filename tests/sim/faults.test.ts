import assert from "node:assert/strict";
import {
  CLIENT_CLOSED_STATUS,
  FaultInjector,
  SimConnectionDropped,
  SimTenant,
} from "../../lib/sim/mod.ts";
import { api, call, obj, read, token, tokenRequest, withSim, ZIA, ZPA } from "./_helpers.ts";

/** Polls `predicate` every few milliseconds (no deadline assertion: the test runner's own). */
async function waitFor(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
}

Deno.test("faults: ZIA rate limit uses the recorded 429 body and retry-after header", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    sim.tenant.faults.add({ kind: "rate-limit" });
    const limited = await client.get(`${ZIA}/users`);
    assert.equal(limited.status, 429);
    assert.deepEqual(limited.json, {
      message: "Rate Limit (2/SECOND) exceeded",
      "Retry-After": "1 seconds",
    });
    assert.equal(limited.headers.get("retry-after"), "1");
    assert.equal(limited.headers.get("x-zscaler-mode"), "read-write");
    assert.equal(limited.headers.get("x-ratelimit-limit"), "5000, 5000;w=60");
    assert.equal((await client.get(`${ZIA}/users`)).status, 200);

    sim.tenant.faults.add({ kind: "rate-limit", retryAfter: "3", match: { method: "POST" } });
    assert.equal((await client.get(`${ZIA}/users`)).status, 200);
    const post = await client.post(`${ZIA}/ruleLabels`, { name: "Limited" });
    assert.equal(post.status, 429);
    assert.deepEqual(post.json, {
      message: "Rate Limit (1/SECOND) exceeded",
      "Retry-After": "3 seconds",
    });
    assert.equal(post.headers.get("retry-after"), "3");
  });
});

Deno.test("faults: ZPA rate limit uses the recorded body and an 's'-suffixed retry-after", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    sim.tenant.faults.add({ kind: "rate-limit", match: { pathPrefix: "/zpa/" } });
    assert.equal((await client.get(`${ZIA}/status`)).status, 200);
    const limited = await client.get(`${ZPA}/policySet/policyType/ACCESS_POLICY`);
    assert.equal(limited.status, 429);
    assert.deepEqual(limited.json, {
      exception: "invalid.toomanyrequests",
      id: "invalid.toomanyrequests",
      reason: "Exceeded the number of requests allowed.",
    });
    assert.equal(limited.headers.get("retry-after"), "1s");
    sim.tenant.faults.add({ kind: "rate-limit", retryAfter: "4s" });
    assert.equal((await client.get(`${ZPA}/application`)).headers.get("retry-after"), "4s");
  });
});

Deno.test("faults: server errors in each service's form", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    sim.tenant.faults.add({ kind: "server-error" });
    const zia500 = await client.get(`${ZIA}/locations`);
    assert.equal(zia500.status, 500);
    assert.equal(obj(zia500).code, "UNEXPECTED_ERROR");
    assert.equal(typeof obj(zia500).message, "string");
    assert.equal(zia500.headers.get("retry-after"), null);

    sim.tenant.faults.add({ kind: "server-error", status: 503 });
    const zpa503 = await client.get(`${ZPA}/application`);
    assert.equal(zpa503.status, 503);
    assert.equal(obj(zpa503).id, "retryable.server.error");
    assert.equal(zpa503.headers.get("retry-after"), "10s");

    sim.tenant.faults.add({ kind: "server-error" });
    const zpa500 = await client.get(`${ZPA}/application`);
    assert.equal(zpa500.status, 500);
    assert.equal(zpa500.headers.get("retry-after"), null);

    for (const status of [502, 504]) {
      sim.tenant.faults.add({ kind: "server-error", status });
      assert.equal((await client.get(`${ZIA}/status`)).status, status);
    }
    assert.throws(() => sim.tenant.faults.add({ kind: "server-error", status: 418 }), TypeError);
  });
});

Deno.test("faults: times, Infinity, pending(), clear() and matching", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    sim.tenant.faults.add({
      kind: "rate-limit",
      times: 2,
      match: { pathPrefix: `${ZIA}/locations` },
    });
    assert.equal(sim.tenant.faults.pending(), 1);
    assert.equal((await client.get(`${ZIA}/users`)).status, 200);
    assert.equal((await client.get(`${ZIA}/locations`)).status, 429);
    assert.equal((await client.get(`${ZIA}/locations/149870001`)).status, 429);
    assert.equal((await client.get(`${ZIA}/locations`)).status, 200);
    assert.equal(sim.tenant.faults.pending(), 0);

    sim.tenant.faults.add({ kind: "server-error", times: Infinity, match: { method: "delete" } });
    for (let i = 0; i < 3; i++) {
      assert.equal((await client.del(`${ZIA}/ruleLabels/4338001`)).status, 500);
    }
    assert.equal(sim.tenant.faults.pending(), 1);
    sim.tenant.faults.clear();
    assert.equal(sim.tenant.faults.pending(), 0);
    assert.equal((await client.get(`${ZIA}/status`)).status, 200);

    // A request that fails authentication does not use up a fault.
    sim.tenant.faults.add({ kind: "server-error" });
    assert.equal((await call(sim, undefined, "GET", `${ZIA}/status`)).status, 401);
    assert.equal(sim.tenant.faults.pending(), 1);
    sim.tenant.faults.clear();
  });
});

Deno.test("faults: the token endpoint is only faulted when named by pathPrefix", async () => {
  await withSim({}, async (sim) => {
    sim.tenant.faults.add({ kind: "server-error", status: 503 });
    const bearer = await token(sim);
    assert.equal(sim.tenant.faults.pending(), 1);
    assert.equal((await call(sim, bearer, "GET", `${ZIA}/status`)).status, 503);

    sim.tenant.faults.add({ kind: "rate-limit", match: { pathPrefix: "/oauth2/v1/token" } });
    const limited = await tokenRequest(sim, {
      grant_type: "client_credentials",
      client_id: "sim-client-id",
      client_secret: "sim-client-secret",
      audience: "https://api.zscaler.com",
    });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "1");
    assert.equal(sim.tenant.requests.filter((r) => r.service === "token").at(-1)?.status, 429);
  });
});

Deno.test("faults: latency delays, then serves normally", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    sim.tenant.faults.add({ kind: "latency", delayMs: 30 });
    const reply = await client.get(`${ZIA}/status`);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { status: "ACTIVE" });
    sim.tenant.faults.add({ kind: "latency", delayMs: 20, match: { method: "POST" } });
    const created = await client.post(`${ZIA}/ruleLabels`, { name: "Slow label" });
    assert.equal(created.status, 200);
    assert.equal(sim.tenant.zia.collection("ruleLabels").length, 4);
  });
});

Deno.test("faults: a client timeout during latency aborts the server-side wait", async () => {
  await withSim({}, async (sim) => {
    const bearer = await token(sim);
    sim.tenant.faults.add({ kind: "latency", delayMs: 60_000 });
    const controller = new AbortController();
    const pending = fetch(`${sim.url}${ZIA}/status`, {
      headers: { authorization: `Bearer ${bearer}` },
      signal: controller.signal,
    });
    await waitFor(() => sim.tenant.requests.some((r) => r.path === `${ZIA}/status`));
    controller.abort();
    await assert.rejects(pending);
    const record = sim.tenant.requests.find((r) => r.path === `${ZIA}/status`);
    await waitFor(() => record?.status === CLIENT_CLOSED_STATUS);
  });
});

Deno.test("faults: in process, latency honours the request's abort signal", async () => {
  const tenant = new SimTenant();
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: "sim-client-id",
    client_secret: "sim-client-secret",
    audience: "https://api.zscaler.com",
  });
  const tokenReply = await tenant.fetch(
    new Request("http://sim.test/oauth2/v1/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    }),
  );
  const bearer = ((await tokenReply.json()) as { access_token: string }).access_token;
  tenant.faults.add({ kind: "latency", delayMs: 60_000 });
  const controller = new AbortController();
  const pending = tenant.fetch(
    new Request(`http://sim.test${ZIA}/status`, {
      headers: { authorization: `Bearer ${bearer}` },
      signal: controller.signal,
    }),
  );
  await waitFor(() => tenant.requests.length === 2);
  controller.abort(new Error("client gave up"));
  await assert.rejects(pending, /client gave up/);
  assert.equal(tenant.requests[1].status, CLIENT_CLOSED_STATUS);

  tenant.faults.add({ kind: "drop" });
  await assert.rejects(
    tenant.fetch(
      new Request(`http://sim.test${ZIA}/status`, {
        headers: { authorization: `Bearer ${bearer}` },
      }),
    ),
    SimConnectionDropped,
  );
});

Deno.test("faults: drop makes a real fetch() fail with a network error", async () => {
  await withSim({}, async (sim) => {
    const bearer = await token(sim);
    sim.tenant.faults.add({ kind: "drop" });
    await assert.rejects(
      fetch(`${sim.url}${ZIA}/status`, { headers: { authorization: `Bearer ${bearer}` } }),
      TypeError,
    );
    const record = sim.tenant.requests.at(-1);
    assert.equal(record?.status, 0);
    // Exactly one attempt reached the server (no transparent retry), and the next works.
    assert.equal(sim.tenant.requests.filter((r) => r.path === `${ZIA}/status`).length, 1);
    assert.equal((await call(sim, bearer, "GET", `${ZIA}/status`)).status, 200);

    sim.tenant.faults.add({ kind: "drop", times: 2 });
    for (let i = 0; i < 2; i++) {
      await assert.rejects(
        fetch(`${sim.url}${ZPA}/application`, { headers: { authorization: `Bearer ${bearer}` } }),
        TypeError,
      );
    }
  });
});

Deno.test("faults: malformed-json is a 200 JSON response that does not parse", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    sim.tenant.faults.add({ kind: "malformed-json" });
    const zia = await client.get(`${ZIA}/urlFilteringRules`);
    assert.equal(zia.status, 200);
    assert.equal(zia.headers.get("content-type"), "application/json");
    assert.ok(zia.text.length > 0);
    assert.throws(() => JSON.parse(zia.text), SyntaxError);

    sim.tenant.faults.add({ kind: "malformed-json" });
    const bearer = await token(sim);
    const raw = await fetch(`${sim.url}${ZPA}/application`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    assert.equal(raw.status, 200);
    await assert.rejects(raw.json(), SyntaxError);
  });
});

Deno.test("faults: edit-lock is ZIA's recorded 409 on writes", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    sim.tenant.faults.add({ kind: "edit-lock" });
    // Reads and ZPA writes are not edit-locked.
    assert.equal((await client.get(`${ZIA}/locations/149870001`)).status, 200);
    assert.equal(
      (await client.put(`${ZPA}/connector/216196257331415001`, { name: "renamed" })).status,
      204,
    );
    assert.equal(sim.tenant.faults.pending(), 1);
    const locked = await client.put(`${ZIA}/locations/149870001`, { name: "HQ renamed" });
    assert.equal(locked.status, 409);
    assert.deepEqual(locked.json, { code: "EDIT_LOCK_NOT_AVAILABLE" });
    assert.equal(locked.headers.get("x-zscaler-mode"), "read-write");
    assert.equal(sim.tenant.zia.get("locations", 149870001)?.name, "HQ - San Jose");
    assert.equal(sim.tenant.zia.status, "ACTIVE");
    assert.equal(
      (await client.put(`${ZIA}/locations/149870001`, { name: "HQ renamed" })).status,
      200,
    );
  });
});

Deno.test("faults: a fault that applies never mutates state", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const bearer = await token(sim);
    const before = {
      labels: sim.tenant.zia.collection("ruleLabels"),
      apps: sim.tenant.zpa.collection("application"),
    };
    sim.tenant.faults.add({ kind: "rate-limit" });
    assert.equal((await client.post(`${ZIA}/ruleLabels`, { name: "A" })).status, 429);
    sim.tenant.faults.add({ kind: "edit-lock" });
    assert.equal((await client.del(`${ZIA}/ruleLabels/4338001`)).status, 409);
    sim.tenant.faults.add({ kind: "malformed-json" });
    assert.equal((await client.post(`${ZIA}/ruleLabels`, { name: "B" })).status, 200);
    sim.tenant.faults.add({ kind: "server-error", status: 503 });
    assert.equal(
      (await client.del(`${ZPA}/application/216196257331450001`)).status,
      503,
    );
    sim.tenant.faults.add({ kind: "drop" });
    await assert.rejects(
      fetch(`${sim.url}${ZIA}/ruleLabels`, {
        method: "POST",
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "C" }),
      }).then(read),
      TypeError,
    );
    assert.deepEqual(sim.tenant.zia.collection("ruleLabels"), before.labels);
    assert.deepEqual(sim.tenant.zpa.collection("application"), before.apps);
    assert.equal(sim.tenant.zia.status, "ACTIVE");
  });
});

Deno.test("faults: invalid specs are rejected", () => {
  const faults = new FaultInjector();
  const bad: unknown[] = [
    { kind: "meteor" },
    { kind: "rate-limit", times: 0 },
    { kind: "rate-limit", times: 1.5 },
    { kind: "rate-limit", retryAfter: "soon" },
    { kind: "latency", delayMs: -1 },
    { kind: "drop", status: 500 },
    { kind: "drop", match: { pathPrefix: "zia" } },
    { kind: "drop", match: { method: "GET /" } },
  ];
  for (const spec of bad) {
    assert.throws(() => faults.add(spec as never), TypeError, JSON.stringify(spec));
  }
  assert.equal(faults.pending(), 0);
});
