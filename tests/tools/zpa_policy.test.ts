/**
 * ZPA policy rules against the simulated tenant: the policy set is looked up by type first (once
 * per call), reads and deletes go through v1, creates and updates through v2 with conditions in
 * the v2 form, updates that leave the conditions alone send them back converted from the v1 form
 * — and bad ids, actions and condition operands are refused before any request.
 */

import assert from "node:assert/strict";
import { toV2Conditions, v1ToV2Conditions } from "../../lib/tools/zpa/policy_conditions.ts";
import { call, describeTarget, record, recording, refusal, withSim } from "./_sim.ts";

const ACCESS_SET = "216196257331281925";
const FORWARDING_SET = "216196257331281929";
const TIMEOUT_SET = "216196257331281926";
const ALLOW_ENGINEERING = "216196257331460001";
const DENY_CONTRACTORS = "216196257331460003";
const ENGINEERING_APPS = "216196257331440002";
const FINANCE_ERP = "216196257331450004";
const IDP = "216196257331285825";
const SJC_CONNECTORS = "216196257331410001";

Deno.test("policy rule arguments are refused before any request", () => {
  for (const rule_id of ["x1", "1/2", "", 5]) {
    assert.ok(refusal("zpa_get_access_policy_rule", { rule_id }).length > 0);
    assert.ok(refusal("zpa_delete_isolation_policy_rule", { rule_id }).length > 0);
  }
  assert.match(
    refusal("zpa_create_access_policy_rule", { name: "x", action_type: "ISOLATE" })[0],
    /^action_type: Invalid option: expected one of "ALLOW"\|"DENY"\|"REQUIRE_APPROVAL"/,
  );
  assert.match(refusal("zpa_create_access_policy_rule", { name: "x" })[0], /^action_type: /);
  assert.match(
    refusal("zpa_create_forwarding_policy_rule", { name: "x", action_type: "ALLOW" })[0],
    /^action_type: /,
  );
  assert.match(
    refusal("zpa_update_timeout_policy_rule", { rule_id: "1", action_type: "ALLOW" })[0],
    /^action_type: /,
  );
  assert.deepEqual(
    refusal("zpa_create_isolation_policy_rule", { name: "x", action_type: "ISOLATE" }),
    [": action_type ISOLATE needs zpn_isolation_profile_id."],
  );
  assert.deepEqual(
    refusal("zpa_create_app_protection_rule", { name: "x", action_type: "INSPECT" }),
    [": action_type INSPECT needs zpn_inspection_profile_id."],
  );
  assert.match(
    refusal("zpa_create_timeout_policy_rule", { name: "x", reauth_timeout: 10 })[0],
    /^reauth_timeout: /,
  );
});

Deno.test("condition operands: the right value form per object type, ids as digits", () => {
  const create = (operands: unknown[]) =>
    refusal("zpa_create_access_policy_rule", {
      name: "x",
      action_type: "ALLOW",
      conditions: [{ operands }],
    });
  assert.deepEqual(create([{ object_type: "SCIM_GROUP", values: ["1"] }]), [
    "conditions.0.operands.0.entry_values: SCIM_GROUP operands take entry_values, not values",
  ]);
  assert.deepEqual(create([{ object_type: "APP", entry_values: [{ lhs: "id", rhs: "1" }] }]), [
    "conditions.0.operands.0.values: APP operands take values, not entry_values",
  ]);
  assert.deepEqual(create([{ object_type: "APP", values: ["12", "jira"] }]), [
    "conditions.0.operands.0.values.1: APP values must be ZPA ids (digits only)",
  ]);
  assert.match(create([{ object_type: "USERNAME", values: ["a"] }])[0], /object_type: Invalid/);
  assert.match(create([])[0], /^conditions\.0\.operands: /);
  assert.match(
    create([{ object_type: "CLIENT_TYPE", values: ["zpn_client_type_zapp"], extra: 1 }])[0],
    /Unrecognized key: "extra"/,
  );
  assert.match(
    refusal("zpa_create_access_policy_rule", {
      name: "x",
      action_type: "ALLOW",
      conditions: [{ operator: "XOR", operands: [{ object_type: "APP", values: ["1"] }] }],
    })[0],
    /^conditions\.0\.operator: /,
  );
});

Deno.test("conditions convert between the v2 request form and the v1 read form", () => {
  assert.deepEqual(
    toV2Conditions([
      { operands: [{ object_type: "APP", values: ["1", "2"] }] },
      {
        operator: "AND",
        negated: true,
        operands: [{ object_type: "SCIM_GROUP", entry_values: [{ lhs: IDP, rhs: "7" }] }],
      },
    ]),
    [
      { operator: "OR", operands: [{ objectType: "APP", values: ["1", "2"] }] },
      {
        operator: "AND",
        negated: true,
        operands: [{ objectType: "SCIM_GROUP", entryValues: [{ lhs: IDP, rhs: "7" }] }],
      },
    ],
  );
  const v1 = [
    {
      id: "9",
      operator: "OR",
      negated: false,
      operands: [
        { id: "1", objectType: "APP", lhs: "id", rhs: "11", name: "A" },
        { id: "2", objectType: "APP_GROUP", lhs: "id", rhs: "22", name: "G" },
        { id: "3", objectType: "APP", lhs: "id", rhs: "12", name: "B" },
        { id: "4", objectType: "POSTURE", lhs: "udid-1", rhs: "true", name: "P" },
      ],
    },
    { id: "10", operator: "AND", operands: [] },
    "junk",
  ];
  assert.deepEqual(v1ToV2Conditions(v1), [{
    operator: "OR",
    negated: false,
    operands: [
      { objectType: "APP", values: ["11", "12"] },
      { objectType: "APP_GROUP", values: ["22"] },
      { objectType: "POSTURE", entryValues: [{ lhs: "udid-1", rhs: "true" }] },
    ],
  }]);
  assert.deepEqual(v1ToV2Conditions(undefined), []);
});

Deno.test("list and get: by policy type (v1), the set looked up before the rule", async () => {
  await withSim(async ({ sim, ctx, zpaBase }) => {
    const listed = await recording(sim, () => call("zpa_list_access_policy_rules", {}, ctx));
    assert.deepEqual(listed.lines, [`GET ${zpaBase}/policySet/rules/policyType/ACCESS_POLICY`]);
    assert.deepEqual(
      (listed.result.data as { name: string }[]).map((r) => r.name),
      ["Allow Engineering Apps", "Allow Finance ERP", "Deny Contractors SSH"],
    );
    const forwarding = await call("zpa_list_forwarding_policy_rules", {}, ctx);
    assert.deepEqual(
      (forwarding.data as { name: string }[]).map((r) => r.name),
      ["Intercept Client Connector Traffic"],
    );
    const got = await recording(
      sim,
      () => call("zpa_get_access_policy_rule", { rule_id: ALLOW_ENGINEERING }, ctx),
    );
    assert.deepEqual(got.lines, [
      `GET ${zpaBase}/policySet/policyType/ACCESS_POLICY`,
      `GET ${zpaBase}/policySet/${ACCESS_SET}/rule/${ALLOW_ENGINEERING}`,
    ]);
    assert.equal(record(got.result).name, "Allow Engineering Apps");
  });
});

Deno.test("create: set lookup, then POST v2 with v2 conditions and group references", async () => {
  await withSim(async ({ sim, ctx, zpaBase, zpaBaseV2 }) => {
    const { result, sent, lines } = await recording(
      sim,
      () =>
        call("zpa_create_access_policy_rule", {
          name: "Allow Finance to Engineering",
          action_type: "ALLOW",
          description: "Cross-team access",
          conditions: [
            { operands: [{ object_type: "APP_GROUP", values: [ENGINEERING_APPS] }] },
            {
              operands: [{
                object_type: "SCIM_GROUP",
                entry_values: [{ lhs: IDP, rhs: "3251058" }],
              }],
            },
          ],
          app_connector_group_ids: [SJC_CONNECTORS],
        }, ctx),
    );
    assert.deepEqual(lines, [
      `GET ${zpaBase}/policySet/policyType/ACCESS_POLICY`,
      `POST ${zpaBaseV2}/policySet/${ACCESS_SET}/rule`,
    ]);
    assert.deepEqual(sent[1].body, {
      name: "Allow Finance to Engineering",
      description: "Cross-team access",
      action: "ALLOW",
      conditions: [
        { operator: "OR", operands: [{ objectType: "APP_GROUP", values: [ENGINEERING_APPS] }] },
        {
          operator: "OR",
          operands: [{ objectType: "SCIM_GROUP", entryValues: [{ lhs: IDP, rhs: "3251058" }] }],
        },
      ],
      appConnectorGroups: [{ id: SJC_CONNECTORS }],
    });
    const created = record(result);
    assert.match(String(created.id), /^\d+$/);
    assert.equal(created.action, "ALLOW");

    const timeout = await recording(
      sim,
      () => call("zpa_create_timeout_policy_rule", { name: "Short Sessions" }, ctx),
    );
    assert.deepEqual(timeout.sent[1].body, {
      name: "Short Sessions",
      action: "RE_AUTH",
      reauthTimeout: "172800",
      reauthIdleTimeout: "600",
    });
    assert.equal(timeout.lines[1], `POST ${zpaBaseV2}/policySet/${TIMEOUT_SET}/rule`);
  });
});

Deno.test("update: conditions kept (sent back in v2 form) unless given, then replaced", async () => {
  await withSim(async ({ sim, ctx, zpaBase, zpaBaseV2 }) => {
    const before = record(
      await call("zpa_get_access_policy_rule", { rule_id: ALLOW_ENGINEERING }, ctx),
    );
    // A fresh context per call, as the server makes one (the set id is cached per call).
    const kept = await recording(sim, () =>
      call("zpa_update_access_policy_rule", {
        rule_id: ALLOW_ENGINEERING,
        description: "Engineers only",
      }, { ...ctx }));
    assert.deepEqual(kept.lines, [
      `GET ${zpaBase}/policySet/policyType/ACCESS_POLICY`,
      `GET ${zpaBase}/policySet/${ACCESS_SET}/rule/${ALLOW_ENGINEERING}`,
      `PUT ${zpaBaseV2}/policySet/${ACCESS_SET}/rule/${ALLOW_ENGINEERING}`,
      `GET ${zpaBase}/policySet/${ACCESS_SET}/rule/${ALLOW_ENGINEERING}`,
    ]);
    const put = kept.sent[2].body as Record<string, unknown>;
    assert.deepEqual(put.conditions, v1ToV2Conditions(before.conditions));
    assert.equal(put.description, "Engineers only");
    assert.equal(put.name, before.name);
    const after = record(kept.result);
    assert.equal(after.description, "Engineers only");
    const operands = (rule: Record<string, unknown>) =>
      (rule.conditions as { operands: { objectType: string; rhs: string }[] }[])
        .flatMap((c) => c.operands.map((o) => `${o.objectType}:${o.rhs}`));
    assert.deepEqual(operands(after), operands(before), "the conditions survive the update");

    const replaced = await call("zpa_update_access_policy_rule", {
      rule_id: ALLOW_ENGINEERING,
      conditions: [{ operands: [{ object_type: "APP", values: [FINANCE_ERP] }] }],
    }, ctx);
    assert.deepEqual(operands(record(replaced)), [`APP:${FINANCE_ERP}`]);
  });
});

Deno.test("delete: confirmation names the rule; set looked up once; v1 delete", async () => {
  await withSim(async ({ sim, ctx, zpaBase }) => {
    assert.deepEqual(
      await describeTarget("zpa_delete_access_policy_rule", { rule_id: DENY_CONTRACTORS }, ctx),
      {
        operation: "Delete",
        resourceType: "ZPA access policy rule",
        name: "Deny Contractors SSH",
        id: DENY_CONTRACTORS,
      },
    );
    const { result, lines } = await recording(
      sim,
      () => call("zpa_delete_access_policy_rule", { rule_id: DENY_CONTRACTORS }, { ...ctx }),
    );
    assert.deepEqual(lines, [
      `GET ${zpaBase}/policySet/policyType/ACCESS_POLICY`,
      `GET ${zpaBase}/policySet/${ACCESS_SET}/rule/${DENY_CONTRACTORS}`,
      `DELETE ${zpaBase}/policySet/${ACCESS_SET}/rule/${DENY_CONTRACTORS}`,
    ]);
    assert.deepEqual(result.data, {
      deleted: true,
      id: DENY_CONTRACTORS,
      name: "Deny Contractors SSH",
    });
    const left = await call("zpa_list_access_policy_rules", {}, ctx);
    assert.equal((left.data as unknown[]).length, 2);
    // A rule of another policy type is not found in this one's set.
    await assert.rejects(
      call("zpa_delete_forwarding_policy_rule", { rule_id: ALLOW_ENGINEERING }, ctx),
    );
    assert.equal(
      sim.tenant.requests.filter((r) => r.method === "DELETE").at(-1)?.path,
      `${zpaBase}/policySet/${FORWARDING_SET}/rule/${ALLOW_ENGINEERING}`,
    );
  });
});
