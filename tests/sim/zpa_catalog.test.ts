/**
 * The ZPA catalog and route table as data: every row is served by a route, every reference
 * in a row points at a row, the seed is deterministic and referentially whole (every seeded
 * reference and every seeded policy operand names an object that exists), and the route
 * matcher prefers literal segments. Pure functions plus one real-HTTP pass over the seeded
 * rules.
 */

import assert from "node:assert/strict";
import {
  matchZpaRoute,
  SimTenant,
  ZPA_CATALOG,
  ZPA_COLLECTION_NAMES,
  ZPA_ROUTES,
} from "../../lib/sim/mod.ts";
import { idsOf } from "../../lib/sim/zpa_common.ts";
import { invalidIdParam } from "../../lib/sim/zpa_routes.ts";
import { ASSOCIATION_TYPES } from "../../lib/sim/zpa_rows_more.ts";
import type { ZpaResourceName } from "../../lib/sim/zpa_spec.ts";
import { api, obj, withSim, ZPA } from "./_helpers.ts";

Deno.test("zpa catalog: unique rows, each served by a route, references point at rows", () => {
  assert.equal(new Set(ZPA_COLLECTION_NAMES).size, ZPA_CATALOG.length);
  const served = new Set(
    ZPA_ROUTES.flatMap((r) => r.collection === undefined ? [] : [r.collection]),
  );
  assert.deepEqual(ZPA_COLLECTION_NAMES.filter((name) => !served.has(name)), []);
  const names = new Set<string>(ZPA_COLLECTION_NAMES);
  for (const row of ZPA_CATALOG) {
    for (const ref of row.refs ?? []) {
      if (typeof ref.target === "string") {
        assert.ok(names.has(ref.target), `${row.name}.${ref.field}`);
      }
    }
  }
  for (const target of Object.values(ASSOCIATION_TYPES)) assert.ok(names.has(target));
  // Every route's methods are real handlers and patterns have no empty segment.
  for (const route of ZPA_ROUTES) {
    assert.ok(Object.keys(route.methods).length > 0, route.pattern.join("/"));
    assert.ok(route.pattern.every((part) => part !== "" && part !== ":"), route.pattern.join("/"));
  }
});

Deno.test("zpa catalog: the seed is deterministic and every seeded reference resolves", () => {
  const a = new SimTenant().zpa;
  const b = new SimTenant().zpa;
  for (const row of ZPA_CATALOG) {
    const items = a.collection(row.name);
    assert.ok(items.length >= 2, `${row.name} seeds at least two objects`);
    assert.deepEqual(items, b.collection(row.name), row.name);
    const ids = items.map((item) => item.id);
    assert.equal(new Set(ids).size, ids.length, `${row.name} ids are unique`);
    for (const id of ids) assert.match(String(id), /^[0-9a-f-]+$/, row.name);
    for (const item of items) {
      const stored = a.stored(row.name, String(item.id));
      assert.ok(stored, `${row.name} ${item.id}`);
      for (const ref of row.refs ?? []) {
        const target: ZpaResourceName = typeof ref.target === "function"
          ? ref.target(stored)
          : ref.target;
        const value = stored[ref.field];
        const refs = ref.many ? idsOf(value) : value === undefined ? [] : [String(value)];
        if (ref.required) assert.ok(refs.length > 0, `${row.name} ${item.id} ${ref.field}`);
        for (const id of refs) {
          assert.ok(a.stored(target, id), `${row.name} ${item.id} ${ref.field} -> ${target} ${id}`);
        }
      }
      for (const nested of row.nestedRefs?.(stored) ?? []) {
        assert.ok(a.stored(nested.target, nested.id), `${row.name} ${item.id} -> ${nested.id}`);
      }
      if (row.scope !== undefined) {
        const scope = String(stored[row.scope.field]);
        if (row.name === "provisioningKey") assert.ok(Object.hasOwn(ASSOCIATION_TYPES, scope));
        else assert.ok(a.stored("idp", scope), `${row.name} ${item.id} idp ${scope}`);
      }
    }
  }
});

Deno.test("zpa catalog: every seeded policy rule passes the operand checks (v1 PUT of itself)", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    let checked = 0;
    for (const type of ["ACCESS_POLICY", "CLIENT_FORWARDING_POLICY"]) {
      for (const rule of sim.tenant.zpa.rulesOfType(type)) {
        const path = `${ZPA}/policySet/${rule.policySetId}/rule/${rule.id}`;
        const before = obj(await client.get(path));
        const reply = await client.put(path, before);
        assert.equal(reply.status, 204, `${type} ${rule.id}: ${reply.text}`);
        const after = obj(await client.get(path));
        assert.equal(after.name, before.name);
        assert.equal(after.ruleOrder, before.ruleOrder);
        checked += 1;
      }
    }
    assert.equal(checked, 4);
  });
});

Deno.test("zpa routes: literal segments win, parameters are captured, ids are checked", () => {
  const bulk = matchZpaRoute("v1", ["connector", "bulkDelete"]);
  assert.deepEqual(bulk?.route.pattern, ["connector", "bulkDelete"]);
  assert.deepEqual(bulk?.params, {});
  const one = matchZpaRoute("v1", ["connector", "42"]);
  assert.deepEqual(one?.route.pattern, ["connector", ":id"]);
  assert.deepEqual(one?.params, { id: "42" });
  assert.deepEqual(
    matchZpaRoute("v1", ["application", "getAppsByType"])?.route.pattern,
    ["application", "getAppsByType"],
  );
  const key = matchZpaRoute("v1", ["associationType", "SERVICE_EDGE_GRP", "provisioningKey", "7"]);
  assert.deepEqual(key?.params, { associationType: "SERVICE_EDGE_GRP", id: "7" });
  assert.deepEqual(
    matchZpaRoute("v1", ["policySet", "rules", "policyType", "ACCESS_POLICY"])?.params,
    { policyType: "ACCESS_POLICY" },
  );
  // The same path under another base, or with an extra segment, matches nothing.
  assert.equal(matchZpaRoute("v2", ["connector", "42"]), undefined);
  assert.equal(matchZpaRoute("v1", ["connector", "42", "x"]), undefined);
  assert.equal(matchZpaRoute("v1", ["Connector"]), undefined);
  assert.equal(matchZpaRoute("lss", ["statusCodes"])?.route.api, "lss");

  assert.equal(invalidIdParam({ id: "216196257331450001" }), undefined);
  assert.equal(invalidIdParam({ id: "abc" }), "abc");
  assert.equal(invalidIdParam({ idpId: "1e5" }), "1e5");
  assert.equal(invalidIdParam({ id: "1".repeat(21) }), "1".repeat(21));
  assert.equal(
    invalidIdParam({ policyType: "ACCESS_POLICY", associationType: "X", order: "y" }),
    undefined,
  );
});
