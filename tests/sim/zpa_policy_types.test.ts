/**
 * The policy types the ZPA tools use — access, timeout, client forwarding, isolation and app
 * protection (inspection) — over real HTTP: recorded set ids, type-specific rule fields
 * (`reauthTimeout`, `zpnIsolationProfileId`, `zpnInspectionProfileId`), v1 vs v2 rule paths,
 * and operands that must name objects that exist.
 */

import assert from "node:assert/strict";
import { ZpaWriteError } from "../../lib/sim/zpa_common.ts";
import { type Api, api, list, obj, type Reply, withSim, ZPA, ZPA2 } from "./_helpers.ts";

const IDP = "216196257331285825";
const TIMEOUT_SET = "216196257331281926";
const ISOLATION_SET = "216196257331286609";
const FORWARDING_SET = "216196257331281929";
const ACCESS_SET = "216196257331281925";
const INSPECTION_PROFILE = "216196257331490001";
const ISOLATION_PROFILE = "216196257331370022";
const CLIENT = {
  operator: "OR",
  operands: [{ objectType: "CLIENT_TYPE", values: ["zpn_client_type_zapp"] }],
};

async function setId(client: Api, type: string): Promise<string> {
  return obj(await client.get(`${ZPA}/policySet/policyType/${type}`)).id as string;
}

function refused(reply: Reply, reason: RegExp): void {
  assert.equal(reply.status, 400, reply.text);
  assert.equal(obj(reply).id, "api.payload.invalid");
  assert.match(String(obj(reply).reason), reason);
}

Deno.test("zpa policy types: recorded timeout and isolation sets", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const timeout = obj(await client.get(`${ZPA}/policySet/policyType/TIMEOUT_POLICY`));
    assert.deepEqual([timeout.id, timeout.name, timeout.policyType], [
      TIMEOUT_SET,
      "ReAuth_Policy",
      "2",
    ]);
    assert.equal(
      obj(await client.get(`${ZPA}/policySet/policyType/REAUTH_POLICY`)).id,
      TIMEOUT_SET,
    );
    const isolation = obj(await client.get(`${ZPA}/policySet/policyType/ISOLATION_POLICY`));
    assert.deepEqual([isolation.id, isolation.name, isolation.policyType], [
      ISOLATION_SET,
      "Isolation_Policy",
      "5",
    ]);
    const inspection = obj(await client.get(`${ZPA}/policySet/policyType/INSPECTION_POLICY`));
    assert.notEqual(inspection.policyType, isolation.policyType);
  });
});

Deno.test("zpa timeout rules: the recorded v2 body (numeric SCIM rhs) keeps the reauth fields", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const created = await client.post(`${ZPA2}/policySet/${TIMEOUT_SET}/rule`, {
      name: "Reauth daily",
      description: "Integration test Access Rule V2",
      customMsg: null,
      action: "RE_AUTH",
      conditions: [
        {
          operator: "OR",
          operands: [{
            objectType: "CLIENT_TYPE",
            values: ["zpn_client_type_exporter", "zpn_client_type_zapp"],
          }],
        },
        {
          operator: "OR",
          operands: [{
            objectType: "SCIM_GROUP",
            entryValues: [{ lhs: IDP, rhs: 3251059 }, { lhs: IDP, rhs: 3251058 }],
          }],
        },
      ],
      reauthTimeout: "3456000",
      reauthIdleTimeout: 2592000,
    });
    assert.equal(created.status, 201, created.text);
    const rule = obj(created);
    assert.equal(rule.policyType, "2");
    assert.equal(rule.reauthTimeout, "3456000");
    assert.equal(rule.reauthIdleTimeout, "2592000");
    const scim = (rule.conditions as { operands: Record<string, string>[] }[])[1].operands;
    assert.deepEqual(scim.map((o) => [o.lhs, o.rhs, o.name]), [
      [IDP, "3251059", "Engineering-All"],
      [IDP, "3251058", "Finance-Users"],
    ]);
    const read = obj(await client.get(`${ZPA}/policySet/${TIMEOUT_SET}/rule/${rule.id}`));
    assert.equal(read.reauthTimeout, "3456000");
    const listed = await client.get(`${ZPA}/policySet/rules/policyType/TIMEOUT_POLICY`);
    // The seeded re-authentication rule, then the new one.
    assert.deepEqual(list(listed).map((r) => r.id), ["216196257331460201", rule.id]);

    const post = (body: Record<string, unknown>) =>
      client.post(`${ZPA2}/policySet/${TIMEOUT_SET}/rule`, {
        name: "T2",
        action: "RE_AUTH",
        ...body,
      });
    refused(await post({ reauthTimeout: "1h" }), /reauthTimeout/);
    refused(await post({ reauthIdleTimeout: 1.5 }), /reauthIdleTimeout/);
    refused(await post({ action: "ALLOW" }), /action must be one of RE_AUTH/);
    // Fields of other policy types are not kept on a timeout rule.
    const other = obj(await post({ zpnIsolationProfileId: ISOLATION_PROFILE }));
    assert.equal(other.zpnIsolationProfileId, undefined);
  });
});

Deno.test("zpa isolation and app protection rules: their profile is required and must exist", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const isolate = (body: Record<string, unknown>) =>
      client.post(`${ZPA2}/policySet/${ISOLATION_SET}/rule`, { conditions: [CLIENT], ...body });
    refused(await isolate({ name: "I1", action: "ISOLATE" }), /zpnIsolationProfileId is required/);
    refused(
      await isolate({ name: "I1", action: "ISOLATE", zpnIsolationProfileId: "123" }),
      /zpnIsolationProfileId 123 does not exist/,
    );
    refused(
      await isolate({ name: "I1", action: "ISOLATE", zpnIsolationProfileId: "abc" }),
      /numeric string/,
    );
    const isolated = await isolate({
      name: "I1",
      action: "ISOLATE",
      zpnIsolationProfileId: ISOLATION_PROFILE,
    });
    assert.equal(isolated.status, 201, isolated.text);
    assert.equal(obj(isolated).policyType, "5");
    assert.equal(obj(isolated).zpnIsolationProfileId, ISOLATION_PROFILE);
    assert.equal((await isolate({ name: "I2", action: "BYPASS_ISOLATE" })).status, 201);
    // v2 PUT switches the profile; v1 GET shows it.
    const id = obj(isolated).id as string;
    const put = await client.put(`${ZPA2}/policySet/${ISOLATION_SET}/rule/${id}`, {
      name: "I1",
      action: "ISOLATE",
      zpnIsolationProfileId: "216196257331370024",
      conditions: [CLIENT],
    });
    assert.equal(put.status, 204, put.text);
    assert.equal(
      obj(await client.get(`${ZPA}/policySet/${ISOLATION_SET}/rule/${id}`)).zpnIsolationProfileId,
      "216196257331370024",
    );

    const inspectionSet = await setId(client, "INSPECTION_POLICY");
    const inspect = (body: Record<string, unknown>) =>
      client.post(`${ZPA2}/policySet/${inspectionSet}/rule`, { name: "P1", ...body });
    refused(await inspect({ action: "INSPECT" }), /zpnInspectionProfileId is required/);
    refused(await inspect({ action: "INSPECT", zpnInspectionProfileId: "1" }), /does not exist/);
    refused(await inspect({ action: "ISOLATE" }), /action must be one of INSPECT, BYPASS_INSPECT/);
    const inspected = obj(
      await inspect({ action: "INSPECT", zpnInspectionProfileId: INSPECTION_PROFILE }),
    );
    assert.equal(inspected.zpnInspectionProfileName, "OWASP Default Protection");
    // A profile a rule uses cannot be deleted; an unused one can.
    assert.throws(
      () => sim.tenant.zpa.remove("inspectionProfile", INSPECTION_PROFILE),
      (error: unknown) => error instanceof ZpaWriteError && error.id === "resource.in.use",
    );
    sim.tenant.zpa.remove("inspectionProfile", "216196257331490002");
    assert.equal(sim.tenant.zpa.get("inspectionProfile", "216196257331490002"), undefined);
  });
});

Deno.test("zpa rules: v1 and v2 paths take their own shapes and methods", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const rule = "216196257331460101";
    const v1 = `${ZPA}/policySet/${FORWARDING_SET}/rule/${rule}`;
    const v2 = `${ZPA2}/policySet/${FORWARDING_SET}/rule/${rule}`;
    const v1put = await client.put(v1, {
      name: "Intercept Client Connector Traffic",
      action: "BYPASS",
      conditions: [{
        operands: [{ objectType: "CLIENT_TYPE", lhs: "id", rhs: "zpn_client_type_exporter" }],
      }],
    });
    assert.equal(v1put.status, 204, v1put.text);
    assert.equal(obj(await client.get(v1)).action, "BYPASS");
    // v1 bodies on v2 and v2 bodies on v1 are refused.
    refused(
      await client.put(v2, {
        name: "Intercept Client Connector Traffic",
        action: "INTERCEPT",
        conditions: [{
          operands: [{ objectType: "CLIENT_TYPE", lhs: "id", rhs: "zpn_client_type_zapp" }],
        }],
      }),
      /values/,
    );
    refused(
      await client.put(v1, {
        name: "Intercept Client Connector Traffic",
        action: "INTERCEPT",
        conditions: [CLIENT],
      }),
      /v1 operands/,
    );
    assert.equal(
      (await client.put(v2, {
        name: "Intercept Client Connector Traffic",
        action: "INTERCEPT",
        conditions: [CLIENT],
      }))
        .status,
      204,
    );
    // Reading and deleting are v1 only; creating is v2 only.
    assert.equal((await client.get(v2)).status, 405);
    assert.equal((await client.del(v2)).status, 405);
    assert.equal(
      (await client.post(`${ZPA}/policySet/${FORWARDING_SET}/rule`, {
        name: "x",
        action: "BYPASS",
      })).status,
      405,
    );
    assert.equal((await client.get(`${ZPA2}/policySet/policyType/ACCESS_POLICY`)).status, 404);
    assert.equal((await client.del(v1)).status, 204);
    assert.equal((await client.get(v1)).status, 404);
  });
});

Deno.test("zpa rule operands must name objects that exist", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    let n = 0;
    const post = (operand: Record<string, unknown>) =>
      client.post(`${ZPA2}/policySet/${ACCESS_SET}/rule`, {
        name: `Operand ${++n}`,
        action: "ALLOW",
        conditions: [{ operator: "OR", operands: [operand] }],
      });
    const entry = (objectType: string, lhs: unknown, rhs: unknown) => ({
      objectType,
      entryValues: [{ lhs, rhs }],
    });
    const accepted: Record<string, unknown>[] = [
      { objectType: "IDP", values: [IDP] },
      entry("SCIM_GROUP", IDP, "3251060"),
      entry("SAML", "216196257331285828", "alice@acme-sim.example"),
      entry("SCIM", "216196257331285842", "CC-100"),
      entry("POSTURE", "7d7ef1a4-4b0c-4d3a-9a51-3c0c4f9e1001", "true"),
      entry("TRUSTED_NETWORK", "3f9b6a2e-0c4d-4d7e-8b1a-6a0f2c9d2001", "false"),
      entry("COUNTRY_CODE", "US", "true"),
      { objectType: "CLIENT_TYPE", values: ["zpn_client_type_machine_tunnel"] },
    ];
    for (const operand of accepted) {
      const reply = await post(operand);
      assert.equal(reply.status, 201, `${JSON.stringify(operand)}: ${reply.text}`);
    }
    const posture = obj(
      await post(entry("POSTURE", "7d7ef1a4-4b0c-4d3a-9a51-3c0c4f9e1002", "false")),
    );
    const operand = (posture.conditions as { operands: Record<string, string>[] }[])[0].operands[0];
    assert.equal(operand.name, "Domain Joined (zscaler.net)");

    const rejected: [Record<string, unknown>, RegExp][] = [
      [{ objectType: "IDP", values: ["999"] }, /IDP 999 does not exist/],
      [entry("SCIM_GROUP", IDP, "3251101"), /SCIM_GROUP 3251101 does not exist for IdP/],
      [entry("SCIM_GROUP", "216196257331372701", "3251059"), /SCIM_GROUP/],
      [entry("SAML", "1", "x"), /SAML 1 does not exist/],
      [entry("SCIM", "1", "x"), /SCIM 1 does not exist/],
      [entry("POSTURE", "nope", "true"), /POSTURE nope does not exist/],
      [entry("POSTURE", "7d7ef1a4-4b0c-4d3a-9a51-3c0c4f9e1001", "yes"), /"true" or "false"/],
      [entry("TRUSTED_NETWORK", "nope", "true"), /TRUSTED_NETWORK nope does not exist/],
      [{ objectType: "CLIENT_TYPE", values: ["zpn_client_type_toaster"] }, /not a client type/],
      [entry("SCIM_GROUP", IDP, { id: 1 }), /entryValues entries need lhs and rhs/],
      [{ objectType: "APP", values: [4.5] }, /values/],
    ];
    for (const [operand, reason] of rejected) refused(await post(operand), reason);
    assert.equal(sim.tenant.zpa.rulesOfType("ACCESS_POLICY").length, 3 + accepted.length + 1);
  });
});
