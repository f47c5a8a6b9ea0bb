import assert from "node:assert/strict";
import { isLoopbackHostname, SimTenant, startSimServer } from "../../lib/sim/mod.ts";
import { call, token, ZIA } from "./_helpers.ts";

Deno.test("server: refuses non-loopback hostnames", async () => {
  for (const hostname of ["0.0.0.0", "192.168.1.10", "example.com", "::", "10.0.0.1"]) {
    await assert.rejects(startSimServer({ hostname }), /non-loopback/, hostname);
  }
  for (const hostname of ["127.0.0.1", "127.8.9.10", "localhost", "::1", "[::1]"]) {
    assert.ok(isLoopbackHostname(hostname), hostname);
  }
  assert.ok(!isLoopbackHostname("127.0.0.1.example.com"));
  assert.ok(!isLoopbackHostname("128.0.0.1"));
});

Deno.test("server: URLs, an explicit loopback host, close() is idempotent", async () => {
  const sim = await startSimServer({ hostname: "127.0.0.1", vanity: "acme" });
  try {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sim.tokenUrl, `${sim.url}/oauth2/v1/token`);
    assert.equal(sim.apiBaseUrl, sim.url);
    assert.equal(sim.tenant.options.vanity, "acme");
    const bearer = await token(sim);
    assert.equal((await call(sim, bearer, "GET", `${ZIA}/status`)).status, 200);
  } finally {
    await sim.close();
    await sim.close();
  }
  await assert.rejects(fetch(`${sim.url}/zia/api/v1/status`), TypeError);
});

Deno.test("server: bodies over 1 MiB are refused with 413", async () => {
  const sim = await startSimServer();
  try {
    const bearer = await token(sim);
    const big = JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) });
    const reply = await call(sim, bearer, "POST", `${ZIA}/ruleLabels`, big);
    assert.equal(reply.status, 413);
    assert.equal(sim.tenant.zia.collection("ruleLabels").length, 3);
  } finally {
    await sim.close();
  }
});

Deno.test("server: two servers are independent tenants", async () => {
  const a = await startSimServer();
  const b = await startSimServer();
  try {
    assert.notEqual(a.url, b.url);
    const bearer = await token(a);
    await call(a, bearer, "POST", `${ZIA}/status/activate`);
    await call(a, bearer, "DELETE", `${ZIA}/ruleLabels/4338001`);
    assert.equal(a.tenant.zia.collection("ruleLabels").length, 2);
    assert.equal(b.tenant.zia.collection("ruleLabels").length, 3);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

Deno.test("tenant: options are resolved and validated", () => {
  const tenant = new SimTenant();
  assert.equal(tenant.options.vanity, "sandbox");
  assert.equal(tenant.options.customerId, "216196257331281920");
  assert.equal(tenant.options.tokenTtlSeconds, 3600);
  assert.equal(tenant.options.control, false);
  assert.deepEqual(tenant.options.clients.map((c) => c.clientId), ["sim-client-id"]);
  assert.equal(tenant.options.clients[0].services.length, 9);
  assert.throws(() => new SimTenant({ vanity: "acme.zsapi.net" }), TypeError);
  assert.throws(() => new SimTenant({ customerId: "abc" }), TypeError);
  assert.throws(() => new SimTenant({ tokenTtlSeconds: 0 }), TypeError);
  assert.throws(() => new SimTenant({ clients: [] }), TypeError);
  assert.throws(() => new SimTenant({ clients: [{ clientId: "x" }] }), TypeError);
  assert.throws(
    () =>
      new SimTenant({
        clients: [{ clientId: "x", clientSecret: "a" }, { clientId: "x", clientSecret: "b" }],
      }),
    TypeError,
  );
});

Deno.test("tenant: a custom customer id moves the ZPA paths", async () => {
  const sim = await startSimServer({ customerId: "72057594037928000" });
  try {
    const bearer = await token(sim);
    const ok = await call(
      sim,
      bearer,
      "GET",
      "/zpa/mgmtconfig/v1/admin/customers/72057594037928000/segmentGroup",
    );
    assert.equal(ok.status, 200);
    const old = await call(
      sim,
      bearer,
      "GET",
      "/zpa/mgmtconfig/v1/admin/customers/216196257331281920/segmentGroup",
    );
    assert.equal(old.status, 401);
  } finally {
    await sim.close();
  }
});
