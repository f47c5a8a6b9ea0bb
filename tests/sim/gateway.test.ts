import assert from "node:assert/strict";
import * as jose from "jose";
import { startSimServer } from "../../lib/sim/mod.ts";
import { isEntitled, productOf, RateWindow } from "../../lib/sim/gateway.ts";
import { api, call, CID, obj, token, withSim, ZIA, ZPA } from "./_helpers.ts";

const UNAUTHORIZED = { detail: "unauthorized", type: "", title: "", status: "" };

Deno.test("gateway: missing, malformed and foreign tokens get the recorded 401", async () => {
  await withSim({}, async (sim) => {
    const missing = await call(sim, undefined, "GET", `${ZIA}/status`);
    assert.equal(missing.status, 401);
    assert.deepEqual(missing.json, UNAUTHORIZED);
    assert.equal(missing.headers.get("x-oneapi-api-category"), "public");

    const garbage = await call(sim, "not-a-token", "GET", `${ZPA}/application`);
    assert.equal(garbage.status, 401);
    assert.deepEqual(garbage.json, UNAUTHORIZED);

    // A well-formed JWT signed by someone else.
    const forged = await new jose.SignJWT({ "service-info": [{ prd: "ZIA" }] })
      .setProtectedHeader({ alg: "HS256" }).setIssuer("https://sandbox.zslogin.net")
      .setSubject("sim-client-id").setAudience("https://api.zscaler.com").setJti("x")
      .setExpirationTime("5m").sign(new Uint8Array(32));
    assert.equal((await call(sim, forged, "GET", `${ZIA}/status`)).status, 401);

    // A token from another tenant is not valid here.
    const other = await startSimServer();
    try {
      const foreign = await token(other);
      assert.equal((await call(sim, foreign, "GET", `${ZIA}/status`)).status, 401);
    } finally {
      await other.close();
    }
    // Basic auth is not a bearer token.
    const basic = await call(sim, undefined, "GET", `${ZIA}/status`, undefined, {
      authorization: `Basic ${btoa("sim-client-id:sim-client-secret")}`,
    });
    assert.equal(basic.status, 401);
  });
});

Deno.test("gateway: expireTokens() makes every minted token fail until a new one", async () => {
  await withSim({}, async (sim) => {
    const first = await token(sim);
    const second = await token(sim);
    assert.equal((await call(sim, first, "GET", `${ZIA}/status`)).status, 200);
    sim.tenant.expireTokens();
    for (const t of [first, second]) {
      const reply = await call(sim, t, "GET", `${ZIA}/status`);
      assert.equal(reply.status, 401);
      assert.deepEqual(reply.json, UNAUTHORIZED);
    }
    const fresh = await token(sim);
    assert.equal((await call(sim, fresh, "GET", `${ZIA}/status`)).status, 200);
    assert.equal(sim.tenant.tokenRequests(), 3);
  });
});

Deno.test("gateway: 403 when the token is not entitled to the product", async () => {
  await withSim({
    clients: [
      { clientId: "zia-only", clientSecret: "a", services: ["ZIA"] },
      { clientId: "ztw", clientSecret: "b", services: ["CLOUD_CONNECTOR"] },
    ],
  }, async (sim) => {
    const ziaOnly = await token(sim, "zia-only", "a");
    assert.equal((await call(sim, ziaOnly, "GET", `${ZIA}/status`)).status, 200);
    const denied = await call(sim, ziaOnly, "GET", `${ZPA}/application`);
    assert.equal(denied.status, 403);
    assert.match(String(obj(denied).detail), /not entitled to ZPA/);
    assert.equal(denied.headers.get("x-ratelimit-limit"), "5000, 5000;w=60");
    // CLOUD_CONNECTOR is the ztw alias: entitled, but not simulated -> 404, not 403.
    const ztw = await token(sim, "ztw", "b");
    assert.equal((await call(sim, ztw, "GET", "/ztw/api/v1/adminRoles")).status, 404);
    assert.equal((await call(sim, ztw, "GET", `${ZIA}/status`)).status, 403);
  });
});

Deno.test("gateway: every response carries the rate-limit and request-id headers", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const a = await client.get(`${ZIA}/status`);
    const b = await client.get(`${ZPA}/segmentGroup`);
    for (const reply of [a, b]) {
      assert.equal(reply.headers.get("x-ratelimit-limit"), "5000, 5000;w=60");
      assert.match(reply.headers.get("x-ratelimit-remaining") ?? "", /^\d+$/);
      assert.match(reply.headers.get("x-ratelimit-reset") ?? "", /^\d+$/);
      assert.ok(reply.headers.get("x-oneapi-request-id"));
    }
    assert.ok(
      Number(b.headers.get("x-ratelimit-remaining")) <
        Number(a.headers.get("x-ratelimit-remaining")),
    );
    assert.notEqual(a.headers.get("x-oneapi-request-id"), b.headers.get("x-oneapi-request-id"));
    assert.equal(a.headers.get("x-zscaler-mode"), "read-write");
    assert.equal(b.headers.get("x-zscaler-mode"), null);
    assert.equal(a.headers.get("content-type"), "application/json");
    assert.equal(b.headers.get("content-type"), "application/json;charset=utf-8");
    const unauthorized = await call(sim, undefined, "GET", `${ZIA}/status`);
    assert.equal(unauthorized.headers.get("x-ratelimit-limit"), "5000, 5000;w=60");
  });
});

Deno.test("gateway: unknown paths are 404 JSON, wrong methods 405", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    for (const path of ["/nope", `${ZIA}/nope`, `${ZIA}/locations/1/2`, `${ZPA}/nope`, "/zia/x"]) {
      const reply = await client.get(path);
      assert.equal(reply.status, 404, path);
      assert.equal(typeof reply.json, "object", path);
    }
    assert.equal(obj(await client.get(`${ZIA}/nope`)).code, "RESOURCE_NOT_FOUND");
    assert.equal(obj(await client.get(`${ZPA}/nope`)).id, "resource.not.found");
    // A trailing slash or an empty segment is not the same path.
    assert.equal((await client.get(`${ZIA}/locations/`)).status, 404);
    assert.equal((await client.get(`${ZIA}//locations`)).status, 404);

    const zia405 = await client.del(`${ZIA}/status`);
    assert.equal(zia405.status, 405);
    assert.equal(zia405.headers.get("allow"), "GET");
    const zpa405 = await client.post(`${ZPA}/connector`, { name: "x" });
    assert.equal(zpa405.status, 405);
    assert.equal(obj(zpa405).id, "method.not.allowed");
  });
});

Deno.test("gateway: requests are recorded with method, path, query, body, service, status", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    await client.get(`${ZIA}/locations?search=london&pageSize=10`);
    await client.post(`${ZIA}/ruleLabels`, { name: "Recorded" });
    await call(sim, undefined, "GET", `${ZPA}/application`);
    const [tok, list, post, denied] = sim.tenant.requests;
    assert.equal(tok.service, "token");
    assert.deepEqual(
      { ...list, at: 0 },
      {
        method: "GET",
        path: `${ZIA}/locations`,
        query: { search: "london", pageSize: "10" },
        body: null,
        service: "zia",
        status: 200,
        at: 0,
      },
    );
    assert.equal(typeof list.at, "number");
    assert.deepEqual(post.body, { name: "Recorded" });
    assert.equal(post.status, 200);
    assert.equal(denied.service, "zpa");
    assert.equal(denied.status, 401);
    assert.equal(denied.path, `/zpa/mgmtconfig/v1/admin/customers/${CID}/application`);
  });
});

Deno.test("gateway: the fixed 5000-per-minute window", () => {
  const window = new RateWindow();
  const start = 1_000_000;
  let state = window.hit(start);
  assert.deepEqual(state, { remaining: 4999, reset: 60, exceeded: false });
  for (let i = 1; i < 5000; i++) state = window.hit(start + 10);
  assert.equal(state.remaining, 0);
  assert.equal(state.exceeded, false);
  state = window.hit(start + 30_500);
  assert.equal(state.exceeded, true);
  assert.equal(state.reset, 30);
  state = window.hit(start + 60_000);
  assert.deepEqual(state, { remaining: 4999, reset: 60, exceeded: false });
});

Deno.test("gateway: product and entitlement mapping", () => {
  assert.equal(productOf("/zia/api/v1/status"), "zia");
  assert.equal(productOf("/easm/easm-ui/v1/organizations"), "easm");
  assert.equal(productOf("/oauth2/v1/token"), undefined);
  assert.equal(productOf("/__proto__/x"), undefined);
  assert.ok(isEntitled("ztw", ["CLOUD_CONNECTOR"]));
  assert.ok(isEntitled("ziam", ["ZIAM"]));
  assert.ok(isEntitled("zins", ["ZINSIGHTS"]));
  assert.ok(!isEntitled("zpa", ["ZIA", "ZDX"]));
});
