import assert from "node:assert/strict";
import {
  PLANTED_PAYLOADS,
  SimTenant,
  ZIA_COLLECTION_NAMES,
  ZPA_COLLECTION_NAMES,
} from "../../lib/sim/mod.ts";
import { seedZia, seedZpa } from "../../lib/sim/seed.ts";
import { api, arr, withSim, ZIA, ZPA } from "./_helpers.ts";

const ACCESS_SET = "216196257331281925";

function pathOf(where: string): { path: string; field: string } {
  const match = /^(zia|zpa)\.(\w+)\[([^\]]+)\]\.(\w+)$/.exec(where);
  if (!match) throw new Error(`bad where: ${where}`);
  const [, service, collection, id, field] = match;
  if (service === "zia") return { path: `${ZIA}/${collection}/${id}`, field };
  if (collection === "policyRules") {
    return { path: `${ZPA}/policySet/${ACCESS_SET}/rule/${id}`, field };
  }
  return { path: `${ZPA}/${collection}/${id}`, field };
}

Deno.test("seed: every planted payload is served raw by the API", async () => {
  assert.ok(PLANTED_PAYLOADS.length >= 8);
  await withSim({}, async (sim) => {
    const client = await api(sim);
    for (const { where, marker } of PLANTED_PAYLOADS) {
      const { path, field } = pathOf(where);
      const reply = await client.get(path);
      assert.equal(reply.status, 200, where);
      const escaped = JSON.stringify(marker).slice(1, -1);
      assert.ok(reply.text.includes(marker) || reply.text.includes(escaped), where);
      const value = (reply.json as Record<string, unknown>)[field];
      assert.equal(typeof value, "string", where);
      assert.ok((value as string).includes(marker), where);
    }
    // The payloads are in list responses too.
    const users = arr(await client.get(`${ZIA}/users`));
    assert.ok(users.some((u) => String(u.comments ?? "").includes("\u001b[")));
    const locations = await client.get(`${ZIA}/locations?search=frankfurt`);
    assert.ok(locations.text.includes("\u202E"));
  });
});

Deno.test("seed: the seed is deterministic and reset() restores it", async () => {
  assert.deepEqual(seedZia(), seedZia());
  assert.deepEqual(seedZpa(), seedZpa());
  const a = new SimTenant();
  const b = new SimTenant();
  for (const name of ZIA_COLLECTION_NAMES) {
    assert.deepEqual(a.zia.collection(name), b.zia.collection(name), name);
  }
  for (const name of ZPA_COLLECTION_NAMES) {
    assert.deepEqual(a.zpa.collection(name), b.zpa.collection(name), name);
  }
  assert.deepEqual(a.zpa.rulesOfType("ACCESS_POLICY"), b.zpa.rulesOfType("ACCESS_POLICY"));

  await withSim({}, async (sim) => {
    const client = await api(sim);
    await client.del(`${ZIA}/ruleLabels/4338001`);
    await client.post(`${ZPA}/segmentGroup`, { name: "Temporary" });
    await client.del(`${ZPA}/policySet/${ACCESS_SET}/rule/216196257331460001`);
    sim.tenant.faults.add({ kind: "drop" });
    sim.tenant.reset();
    assert.equal(sim.tenant.faults.pending(), 0);
    assert.equal(sim.tenant.requests.length, 0);
    for (const name of ZIA_COLLECTION_NAMES) {
      assert.deepEqual(sim.tenant.zia.collection(name), a.zia.collection(name), name);
    }
    for (const name of ZPA_COLLECTION_NAMES) {
      assert.deepEqual(sim.tenant.zpa.collection(name), a.zpa.collection(name), name);
    }
    assert.equal(sim.tenant.zpa.rulesOfType("GLOBAL_POLICY").length, 3);
    // New objects after a reset get the same ids as on a fresh tenant.
    const created = await client.post(`${ZPA}/segmentGroup`, { name: "Again" });
    assert.equal((created.json as { id: string }).id, "216196257331500001");
  });
});

Deno.test("seed: state accessors return copies", () => {
  const tenant = new SimTenant();
  const rules = tenant.zia.collection("urlFilteringRules");
  rules[0].name = "mutated";
  assert.equal(tenant.zia.collection("urlFilteringRules")[0].name, "Block Social Media");
  const app = tenant.zpa.get("application", "216196257331450001");
  assert.ok(app);
  app.name = "mutated";
  assert.equal(tenant.zpa.get("application", "216196257331450001")?.name, "Jira");
  assert.equal(tenant.zpa.policySet("ACCESS_POLICY")?.name, "Global_Policy");
});
