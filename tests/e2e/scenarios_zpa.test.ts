/**
 * ZPA operator scenario (issue 9), told as an operator would do it and checked against the
 * simulated tenant (the oracle), not only against what the tools say: publish a private
 * application — a segment group, a server group on an app connector group, an application
 * segment (domain and TCP port range) in both — and let one SCIM group reach it with an access
 * policy rule whose conditions name the segment. Then tear it down in dependency order, each
 * delete approved by name, after showing that removing the segment group first is refused
 * cleanly and removes nothing.
 *
 * One simulated tenant and one real server process, 2026-07-28 era.
 */

import assert from "node:assert/strict";
import {
  approvedDelete,
  deletePrompt,
  type ExpectedDelete,
  Operator,
  oracle,
  received,
  type Row,
  type Stage,
  startStage,
  textOf,
} from "../helpers/scenario.ts";

const SEGMENT_GROUP = "Scenario Payroll Apps";
const SERVER_GROUP = "Scenario Payroll Servers";
const SEGMENT = "Scenario Payroll";
const RULE = "Scenario Allow Finance to Payroll";
const DOMAIN = "payroll.acme-sim.example";

/** The v1 management base of the simulated customer. */
function v1(stage: Stage): string {
  return `/zpa/mgmtconfig/v1/admin/customers/${stage.sim.tenant.options.customerId}`;
}

/** Deletes with the human's approval; the prompt names it; the tenant got one DELETE (204). */
/** An approved delete: named, one DELETE, and the result says what went. */
async function deleteNamed(
  operator: Operator,
  stage: Stage,
  tool: string,
  args: Row,
  expected: ExpectedDelete & { id: string },
) {
  const { data } = await approvedDelete(operator, stage, tool, args, expected);
  assert.deepEqual(data, { deleted: true, id: expected.id, name: expected.name });
}

async function publishPrivateApp(operator: Operator, stage: Stage) {
  const { sim } = stage;
  const zpa = sim.tenant.zpa;
  const base = v1(stage);

  // 1. A segment group to hold the payroll application.
  const segmentGroup = await operator.ok("zpa_create_segment_group", {
    name: SEGMENT_GROUP,
    description: "Payroll and HR applications",
    enabled: true,
  });
  const segmentGroupId = segmentGroup.data.id as string;
  assert.equal(zpa.get("segmentGroup", segmentGroupId)?.name, SEGMENT_GROUP);
  assert.equal(zpa.get("segmentGroup", segmentGroupId)?.enabled, true);

  // 2. A server group served by the data center's app connector group (looked up by name).
  const connectors = await operator.ok("zpa_list_app_connector_groups", {
    search: "SJC-DC1 Connectors",
  });
  assert.equal(connectors.data.count, 1);
  const connectorGroupId = (connectors.data.items as Row[])[0].id as string;
  const serverGroup = await operator.ok("zpa_create_server_group", {
    name: SERVER_GROUP,
    description: "Payroll servers in SJC",
    app_connector_group_ids: [connectorGroupId],
    dynamic_discovery: true,
  });
  const serverGroupId = serverGroup.data.id as string;
  const storedServers = zpa.get("serverGroup", serverGroupId)!;
  assert.equal(storedServers.name, SERVER_GROUP);
  assert.equal(storedServers.dynamicDiscovery, true);
  assert.deepEqual(
    (storedServers.appConnectorGroups as Row[]).map((group) => group.id),
    [connectorGroupId],
  );

  // 3. The application segment: the payroll domain on TCP 8443-8445, in both groups.
  const segment = await operator.ok("zpa_create_application_segment", {
    name: SEGMENT,
    description: "Payroll web application",
    domain_names: [DOMAIN],
    segment_group_id: segmentGroupId,
    server_group_ids: [serverGroupId],
    tcp_port_ranges: [{ from: 8443, to: 8445 }],
    enabled: true,
  });
  const segmentId = segment.data.id as string;
  const storedSegment = zpa.get("application", segmentId)!;
  assert.deepEqual(storedSegment.domainNames, [DOMAIN]);
  assert.equal(storedSegment.segmentGroupId, segmentGroupId);
  assert.equal(storedSegment.segmentGroupName, SEGMENT_GROUP);
  assert.deepEqual((storedSegment.serverGroups as Row[]).map((group) => group.id), [
    serverGroupId,
  ]);
  assert.deepEqual(storedSegment.tcpPortRange, [{ from: "8443", to: "8445" }]);
  assert.deepEqual(storedSegment.tcpPortRanges, ["8443", "8445"]);
  const got = await operator.ok("zpa_get_application_segment", { segment_id: segmentId });
  assert.deepEqual(got.data, await oracle(sim, `${base}/application/${segmentId}`));

  // 4. The users: the Finance-Users SCIM group pushed by the Acme Okta IdP. A SCIM_GROUP
  //    condition names the group by its IdP's id and its own, so both come from this lookup.
  //    The userconfig API sends the 18-digit IdP id as a JSON number, beyond a JavaScript
  //    number's precision: the tool must hand it over digit for digit.
  const groups = await operator.ok("get_zpa_scim_group", {
    idp_name: "Acme Okta",
    search: "Finance-Users",
  });
  assert.equal(groups.data.count, 1);
  const scimGroup = (groups.data.items as Row[])[0];
  const scimGroupId = String(scimGroup.id);
  const idpId = String(scimGroup.idpId);
  assert.equal(
    idpId,
    zpa.get("scimGroup", scimGroupId)?.idpId,
    "get_zpa_scim_group returns the SCIM group's IdP id exactly as the tenant holds it",
  );
  assert.equal(zpa.get("idp", idpId)?.name, "Acme Okta");

  // 5. The access policy rule: Finance-Users may reach the payroll segment.
  const setId = String(zpa.policySet("ACCESS_POLICY")!.id);
  const rulesBefore = zpa.rulesOfType("ACCESS_POLICY").length;
  const created = await operator.ok("zpa_create_access_policy_rule", {
    name: RULE,
    description: "Finance reaches payroll",
    action_type: "ALLOW",
    conditions: [
      { operands: [{ object_type: "APP", values: [segmentId] }] },
      {
        operands: [{
          object_type: "SCIM_GROUP",
          entry_values: [{ lhs: idpId, rhs: scimGroupId }],
        }],
      },
    ],
  });
  const ruleId = created.data.id as string;
  assert.equal(zpa.rulesOfType("ACCESS_POLICY").length, rulesBefore + 1);

  // 6. Read the rule back; the tenant holds operands that name the segment and the group.
  const rulePath = `${base}/policySet/${setId}/rule/${ruleId}`;
  const readBack = await operator.ok("zpa_get_access_policy_rule", { rule_id: ruleId });
  assert.deepEqual(readBack.data, await oracle(sim, rulePath));
  const stored = zpa.rule(setId, ruleId)!;
  assert.equal(stored.name, RULE);
  assert.equal(stored.action, "ALLOW");
  const operands = (stored.conditions as Row[]).flatMap((condition) => condition.operands as Row[])
    .map(({ objectType, lhs, rhs }) => ({ objectType, lhs, rhs }));
  assert.deepEqual(operands, [
    { objectType: "APP", lhs: "id", rhs: segmentId },
    { objectType: "SCIM_GROUP", lhs: idpId, rhs: scimGroupId },
  ]);

  // 7. Removing the segment group first is refused by ZPA (the segment is in it): the human
  //    approved, the tenant said no, the agent gets a clear error, and everything is still there.
  const groupPath = `${base}/segmentGroup/${segmentGroupId}`;
  const early = await operator.confirmed("zpa_delete_segment_group", { group_id: segmentGroupId });
  assert.equal(
    early.prompt.split("\n")[0],
    deletePrompt("ZPA segment group", SEGMENT_GROUP, segmentGroupId),
  );
  assert.equal(early.result.isError, true);
  assert.match(
    textOf(early.result),
    new RegExp(`DELETE ${groupPath} failed: HTTP 400 .*still referenced`),
  );
  assert.equal(received(sim, "DELETE", groupPath).map((r) => r.status).join(), "400");
  assert.ok(zpa.get("segmentGroup", segmentGroupId), "the segment group is still there");
  assert.ok(zpa.get("application", segmentId), "the segment is still there");
  assert.ok(zpa.get("serverGroup", serverGroupId), "the server group is still there");
  assert.ok(zpa.rule(setId, ruleId), "the rule is still there");

  // 8. Tear down in dependency order, each approved by name: rule, segment, server group,
  //    segment group.
  await deleteNamed(operator, stage, "zpa_delete_access_policy_rule", { rule_id: ruleId }, {
    type: "ZPA access policy rule",
    name: RULE,
    id: ruleId,
    path: rulePath,
  });
  assert.equal(zpa.rule(setId, ruleId), undefined);
  assert.equal(zpa.rulesOfType("ACCESS_POLICY").length, rulesBefore);

  await deleteNamed(operator, stage, "zpa_delete_application_segment", { segment_id: segmentId }, {
    type: "ZPA application segment",
    name: SEGMENT,
    id: segmentId,
    path: `${base}/application/${segmentId}`,
  });
  assert.equal(zpa.get("application", segmentId), undefined);

  await deleteNamed(operator, stage, "zpa_delete_server_group", { group_id: serverGroupId }, {
    type: "ZPA server group",
    name: SERVER_GROUP,
    id: serverGroupId,
    path: `${base}/serverGroup/${serverGroupId}`,
  });
  assert.equal(zpa.get("serverGroup", serverGroupId), undefined);

  await deleteNamed(operator, stage, "zpa_delete_segment_group", { group_id: segmentGroupId }, {
    type: "ZPA segment group",
    name: SEGMENT_GROUP,
    id: segmentGroupId,
    path: groupPath,
  });
  assert.equal(zpa.get("segmentGroup", segmentGroupId), undefined);

  // 9. Nothing of the scenario is left, as the tools see it.
  const left = await operator.ok("zpa_list_application_segments", { search: SEGMENT });
  assert.equal(left.data.count, 0);
}

Deno.test("ZPA operator scenario against the simulated tenant", async (t) => {
  const stage = await startStage();
  try {
    await t.step("publish a private app with an access policy rule, then remove it", async () => {
      const operator = await Operator.connect(stage.server.url, "2026-07-28");
      try {
        await publishPrivateApp(operator, stage);
      } finally {
        await operator.close();
      }
    });
  } finally {
    await stage.close();
  }
});
