import assert from "node:assert/strict";
import { call, obj, read, token, withSim, ZIA } from "./_helpers.ts";

Deno.test("control: /__sim/* does not exist unless enabled", async () => {
  await withSim({}, async (sim) => {
    const anonymous = await fetch(`${sim.url}/__sim/requests`).then(read);
    assert.equal(anonymous.status, 401);
    const bearer = await token(sim);
    const authed = await call(sim, bearer, "GET", "/__sim/requests");
    assert.equal(authed.status, 404);
    const reset = await call(sim, bearer, "POST", "/__sim/reset");
    assert.equal(reset.status, 404);
  });
});

Deno.test("control: requests, faults, reset and expire-tokens when enabled", async () => {
  await withSim({ control: true }, async (sim) => {
    const bearer = await token(sim);
    await call(sim, bearer, "POST", `${ZIA}/ruleLabels`, { name: "Via control test" });

    const requests = await fetch(`${sim.url}/__sim/requests`).then(read);
    assert.equal(requests.status, 200);
    const recorded = requests.json as { service: string; path: string; status: number }[];
    assert.deepEqual(recorded.map((r) => [r.service, r.status]), [["token", 200], ["zia", 200]]);
    assert.ok(!requests.text.includes("sim-client-secret"));

    const armed = await fetch(`${sim.url}/__sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "rate-limit", times: "Infinity", match: { method: "GET" } }),
    }).then(read);
    assert.equal(armed.status, 201);
    assert.deepEqual(armed.json, { pending: 1 });
    const listed = await fetch(`${sim.url}/__sim/faults`).then(read);
    assert.deepEqual(listed.json, [
      { kind: "rate-limit", times: "Infinity", match: { method: "GET" } },
    ]);
    assert.equal((await call(sim, bearer, "GET", `${ZIA}/status`)).status, 429);
    assert.equal((await call(sim, bearer, "GET", `${ZIA}/status`)).status, 429);
    const bad = await fetch(`${sim.url}/__sim/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "meteor" }),
    }).then(read);
    assert.equal(bad.status, 400);
    assert.equal(typeof obj(bad).error, "string");
    const cleared = await fetch(`${sim.url}/__sim/faults`, { method: "DELETE" }).then(read);
    assert.equal(cleared.status, 204);
    const status = await call(sim, bearer, "GET", `${ZIA}/status`);
    assert.equal(status.status, 200);
    assert.deepEqual(status.json, { status: "PENDING" });
    assert.equal(sim.tenant.zia.status, "PENDING");

    const reset = await fetch(`${sim.url}/__sim/reset`, { method: "POST" }).then(read);
    assert.equal(reset.status, 204);
    assert.equal(sim.tenant.requests.length, 0);
    assert.equal(sim.tenant.zia.status, "ACTIVE");
    assert.equal(sim.tenant.zia.collection("ruleLabels").length, 3);
    // Tokens survive a reset.
    assert.equal((await call(sim, bearer, "GET", `${ZIA}/status`)).status, 200);

    const expire = await fetch(`${sim.url}/__sim/expire-tokens`, { method: "POST" }).then(read);
    assert.equal(expire.status, 204);
    assert.equal((await call(sim, bearer, "GET", `${ZIA}/status`)).status, 401);

    assert.equal((await fetch(`${sim.url}/__sim/reset`).then(read)).status, 405);
    assert.equal((await fetch(`${sim.url}/__sim/nope`).then(read)).status, 404);
  });
});
