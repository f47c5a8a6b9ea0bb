import assert from "node:assert/strict";
import { type Api, api, obj, withSim, ZPA, ZPA2 } from "./_helpers.ts";

const SG_ENG = "216196257331440002";
const SG_CORP = "216196257331440001";
const SRVG_SJC = "216196257331430001";
const ACCESS_SET = "216196257331281925";

function list(reply: { json: unknown }): Record<string, unknown>[] {
  const body = reply.json as { list?: Record<string, unknown>[] };
  return body.list ?? [];
}

const newSegment = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  description: `${name} segment`,
  enabled: true,
  domainNames: [`${name.toLowerCase()}.acme-sim.example`],
  segmentGroupId: SG_CORP,
  serverGroups: [{ id: SRVG_SJC }],
  tcpPortRanges: ["8080", "8081"],
  ...extra,
});

Deno.test("zpa: list envelope with string counters and ids, default page size", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    for (
      const [name, count] of [
        ["application", 6],
        ["segmentGroup", 4],
        ["serverGroup", 4],
        ["appConnectorGroup", 4],
        ["server", 4],
        ["connector", 4],
      ] as const
    ) {
      const reply = await client.get(`${ZPA}/${name}`);
      assert.equal(reply.status, 200, name);
      assert.deepEqual(
        reply.json,
        { totalPages: "1", totalCount: String(count), list: list(reply) },
        name,
      );
      for (const item of list(reply)) {
        assert.equal(typeof item.id, "string", name);
        assert.match(item.creationTime as string, /^\d+$/, name);
        assert.equal(typeof item.modifiedTime, "string", name);
      }
    }
    const app = obj(await client.get(`${ZPA}/application/216196257331450004`));
    assert.equal(app.segmentGroupName, "Finance Apps");
    assert.deepEqual(app.tcpPortRanges, ["8443", "8444"]);
    assert.deepEqual(app.tcpPortRange, [{ from: "8443", to: "8444" }]);
    assert.deepEqual(app.udpPortRange, [{ from: "5000", to: "5010" }]);
    assert.equal((app.serverGroups as { name: string }[])[0].name, "FRA Server Group");
    const group = obj(await client.get(`${ZPA}/segmentGroup/${SG_ENG}`));
    assert.deepEqual(
      (group.applications as { id: string }[]).map((a) => a.id),
      ["216196257331450001", "216196257331450003"],
    );
    const connector = obj(await client.get(`${ZPA}/connector/216196257331415003`));
    assert.equal(connector.appConnectorGroupName, "FRA-DC2 Connectors");
  });
});

Deno.test("zpa: page/pagesize (lower case), max 500, empty page omits list", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const first = await client.get(`${ZPA}/application?page=1&pagesize=4`);
    assert.deepEqual(
      { ...(first.json as object), list: undefined },
      { totalPages: "2", totalCount: "6", list: undefined },
    );
    assert.equal(list(first).length, 4);
    const second = await client.get(`${ZPA}/application?page=2&pagesize=4`);
    assert.equal(list(second).length, 2);
    const beyond = await client.get(`${ZPA}/application?page=3&pagesize=4`);
    assert.deepEqual(beyond.json, { totalPages: "2", totalCount: "6" });
    assert.equal((await client.get(`${ZPA}/application?pagesize=500`)).status, 200);
    for (const query of ["pagesize=501", "page=0", "pagesize=x"]) {
      const reply = await client.get(`${ZPA}/application?${query}`);
      assert.equal(reply.status, 400, query);
      assert.equal(typeof obj(reply).id, "string", query);
      assert.equal(typeof obj(reply).reason, "string", query);
    }
    // camelCase pageSize is not a ZPA parameter: the default (20) applies.
    assert.equal(list(await client.get(`${ZPA}/application?pageSize=2`)).length, 6);
    // No match at all.
    const none = await client.get(`${ZPA}/application?search=name%2BEQ%2Bnothing`);
    assert.deepEqual(none.json, { totalPages: "0", totalCount: "0" });
  });
});

Deno.test("zpa: search grammar field OP value with '+' or space separators", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const names = async (search: string) =>
      list(await client.get(`${ZPA}/application?search=${encodeURIComponent(search)}`))
        .map((a) => a.name);
    assert.deepEqual(await names("name+EQ+Jira"), ["Jira"]);
    assert.deepEqual(await names("name EQ jira"), ["Jira"]);
    // A raw '+' in the query string decodes to a space: also accepted.
    assert.deepEqual(
      list(await client.get(`${ZPA}/application?search=name+EQ+Jira`)).map((a) => a.name),
      ["Jira"],
    );
    assert.deepEqual(await names("name+LIKE+wiki"), ["Internal Wiki"]);
    assert.deepEqual(await names("name+CONTAINS+ERP"), ["Finance ERP"]);
    assert.deepEqual(await names("name+STARTSWITH+Windows"), ["Windows Jump Hosts"]);
    assert.deepEqual(await names("name+ENDSWITH+portal"), ["HR Portal"]);
    assert.equal((await names("name+NE+Jira")).length, 5);
    assert.deepEqual(await names("domainNames+EQ+bastion.acme-sim.example"), ["SSH Bastion"]);
    assert.deepEqual(await names("creationTime+GE+1767772800"), [
      "Finance ERP",
      "HR Portal",
      "Windows Jump Hosts",
    ]);
    assert.deepEqual(await names("creationTime+LE+1767765600"), ["Jira", "Internal Wiki"]);
    assert.deepEqual(await names("creationTime+GT+1767772800"), [
      "HR Portal",
      "Windows Jump Hosts",
    ]);
    assert.deepEqual(await names("creationTime+LT+1767765600"), ["Jira"]);
    assert.deepEqual(await names("id+EQ+216196257331450002"), ["Internal Wiki"]);
    // Text outside the grammar: a name substring.
    assert.deepEqual(await names("bastion"), ["SSH Bastion"]);
    // Search and paging combine.
    const paged = await client.get(
      `${ZPA}/application?search=${encodeURIComponent("name+NE+Jira")}&pagesize=2&page=3`,
    );
    assert.deepEqual({ ...(paged.json as object), list: undefined }, {
      totalPages: "3",
      totalCount: "5",
      list: undefined,
    });
    assert.equal(list(paged).length, 1);
  });
});

Deno.test("zpa: application segment POST 201, PUT 204, DELETE 204", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const created = await client.post(`${ZPA}/application`, newSegment("Grafana"));
    assert.equal(created.status, 201, created.text);
    assert.equal(created.headers.get("content-type"), "application/json;charset=utf-8");
    const app = obj(created);
    const id = app.id as string;
    assert.match(id, /^\d+$/);
    assert.equal(app.segmentGroupName, "Corporate Apps");
    assert.deepEqual(app.tcpPortRange, [{ from: "8080", to: "8081" }]);
    assert.match(app.creationTime as string, /^\d+$/);

    const put = await client.put(
      `${ZPA}/application/${id}`,
      newSegment("Grafana", { tcpPortRange: [{ from: "3000", to: "3000" }], description: "v2" }),
    );
    assert.equal(put.status, 204);
    assert.equal(put.text, "");
    const after = obj(await client.get(`${ZPA}/application/${id}`));
    assert.equal(after.description, "v2");
    assert.deepEqual(after.tcpPortRanges, ["3000", "3000"]);
    assert.equal(after.creationTime, app.creationTime);
    assert.equal(sim.tenant.zpa.get("application", id)?.description, "v2");

    const deleted = await client.del(`${ZPA}/application/${id}`);
    assert.equal(deleted.status, 204);
    const gone = await client.get(`${ZPA}/application/${id}`);
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.json, {
      id: "resource.not.found",
      reason: `No resource exists with the given id/name :${id}`,
      params: [id],
    });
  });
});

Deno.test("zpa: create, replace and delete groups, servers; connectors are GET/PUT/DELETE", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const acg = obj(await client.post(`${ZPA}/appConnectorGroup`, { name: "New ACG" }));
    const server = obj(
      await client.post(`${ZPA}/server`, { name: "new-srv", address: "10.0.0.9" }),
    );
    const srvGroup = await client.post(`${ZPA}/serverGroup`, {
      name: "New SG",
      dynamicDiscovery: false,
      appConnectorGroups: [{ id: acg.id }],
      servers: [{ id: server.id }],
    });
    assert.equal(srvGroup.status, 201, srvGroup.text);
    assert.equal((obj(srvGroup).appConnectorGroups as { name: string }[])[0].name, "New ACG");
    const segGroup = obj(await client.post(`${ZPA}/segmentGroup`, { name: "New Seg" }));
    assert.equal(segGroup.tcpKeepAliveEnabled, "0");

    // Referenced objects cannot go.
    const acgInUse = await client.del(`${ZPA}/appConnectorGroup/${acg.id}`);
    assert.equal(acgInUse.status, 400);
    assert.equal(obj(acgInUse).id, "resource.in.use");
    assert.equal((await client.del(`${ZPA}/server/${server.id}`)).status, 400);

    assert.equal(
      (await client.put(`${ZPA}/connector/216196257331415001`, { name: "sjc-ac-01b" })).status,
      204,
    );
    assert.equal(sim.tenant.zpa.get("connector", "216196257331415001")?.name, "sjc-ac-01b");
    assert.equal((await client.del(`${ZPA}/connector/216196257331415004`)).status, 204);

    assert.equal((await client.del(`${ZPA}/serverGroup/${obj(srvGroup).id}`)).status, 204);
    assert.equal((await client.del(`${ZPA}/appConnectorGroup/${acg.id}`)).status, 204);
    assert.equal((await client.del(`${ZPA}/server/${server.id}`)).status, 204);
    assert.equal((await client.del(`${ZPA}/segmentGroup/${segGroup.id}`)).status, 204);
  });
});

Deno.test("zpa: segment group updates through v1 and v2 PUT", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const v2 = await client.put(`${ZPA2}/segmentGroup/${SG_ENG}`, {
      id: SG_ENG,
      name: "Engineering Apps",
      description: "updated through v2",
      enabled: true,
    });
    assert.equal(v2.status, 204);
    assert.equal(
      obj(await client.get(`${ZPA}/segmentGroup/${SG_ENG}`)).description,
      "updated through v2",
    );
    const v1 = await client.put(`${ZPA}/segmentGroup/${SG_ENG}`, {
      name: "Engineering Apps",
      description: "updated through v1",
    });
    assert.equal(v1.status, 204);
    assert.equal(sim.tenant.zpa.get("segmentGroup", SG_ENG)?.description, "updated through v1");
    assert.equal((await client.get(`${ZPA2}/segmentGroup/${SG_ENG}`)).status, 405);
  });
});

Deno.test("zpa: errors — bad id 400, missing 404, bad references 400, in use 400, wrong customer 401", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const bad = await client.get(`${ZPA}/application/not-an-id`);
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(obj(bad)).sort(), ["id", "params", "reason"]);
    assert.equal((await client.get(`${ZPA}/application/123`)).status, 404);
    assert.equal((await client.put(`${ZPA}/application/123`, newSegment("X"))).status, 404);
    assert.equal((await client.del(`${ZPA}/application/123`)).status, 404);

    const noGroup = await client.post(
      `${ZPA}/application`,
      newSegment("NoGroup", { segmentGroupId: "999" }),
    );
    assert.equal(noGroup.status, 400);
    assert.equal(obj(noGroup).id, "api.payload.invalid");
    const noServerGroup = await client.post(
      `${ZPA}/application`,
      newSegment("NoSrv", { serverGroups: [{ id: "999" }] }),
    );
    assert.equal(noServerGroup.status, 400);
    const badPorts = await client.post(
      `${ZPA}/application`,
      newSegment("Ports", { tcpPortRanges: ["70000", "70001"] }),
    );
    assert.equal(badPorts.status, 400);
    const noName = await client.post(`${ZPA}/segmentGroup`, { description: "x" });
    assert.equal(noName.status, 400);
    const dup = await client.post(`${ZPA}/segmentGroup`, { name: "finance apps" });
    assert.equal(dup.status, 400);
    assert.equal(obj(dup).id, "duplicate.name");
    const media = await client.post(`${ZPA}/segmentGroup`, "name=x", {
      "content-type": "text/plain",
    });
    assert.equal(media.status, 415);
    const badJson = await client.post(`${ZPA}/segmentGroup`, "{oops");
    assert.equal(badJson.status, 400);

    const inUse = await client.del(`${ZPA}/segmentGroup/${SG_ENG}`);
    assert.equal(inUse.status, 400);
    assert.equal(obj(inUse).id, "resource.in.use");
    assert.equal((await client.del(`${ZPA}/serverGroup/${SRVG_SJC}`)).status, 400);

    const otherCustomer = await client.get(
      "/zpa/mgmtconfig/v1/admin/customers/123456789/application",
    );
    assert.equal(otherCustomer.status, 401);
    assert.equal(obj(otherCustomer).id, "access.denied");

    assert.equal(sim.tenant.zpa.collection("application").length, 6);
    assert.equal(sim.tenant.zpa.collection("segmentGroup").length, 4);
  });
});

Deno.test("zpa: getAppsByType", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const ba = list(
      await client.get(`${ZPA}/application/getAppsByType?applicationType=BROWSER_ACCESS`),
    );
    assert.deepEqual(ba.map((a) => a.appId), ["216196257331450005"]);
    const sra = list(
      await client.get(`${ZPA}/application/getAppsByType?applicationType=SECURE_REMOTE_ACCESS`),
    );
    assert.deepEqual(sra.map((a) => a.appId), ["216196257331450006"]);
    const inspect = await client.get(`${ZPA}/application/getAppsByType?applicationType=INSPECT`);
    assert.deepEqual(inspect.json, { totalPages: "0", totalCount: "0" });
    assert.equal(
      (await client.get(`${ZPA}/application/getAppsByType?applicationType=X`)).status,
      400,
    );
    assert.equal((await client.get(`${ZPA}/application/getAppsByType`)).status, 400);
  });
});

async function accessRuleIds(client: Api): Promise<string[]> {
  const reply = await client.get(`${ZPA}/policySet/rules/policyType/ACCESS_POLICY`);
  return list(reply).map((r) => r.id as string);
}

Deno.test("zpa: policy set lookup by type and alias, rule listing", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const set = obj(await client.get(`${ZPA}/policySet/policyType/ACCESS_POLICY`));
    assert.equal(set.id, ACCESS_SET);
    assert.equal(set.name, "Global_Policy");
    assert.equal(set.policyType, "1");
    assert.equal(set.enabled, true);
    const alias = obj(await client.get(`${ZPA}/policySet/policyType/GLOBAL_POLICY`));
    assert.equal(alias.id, ACCESS_SET);
    const bypass = obj(await client.get(`${ZPA}/policySet/policyType/BYPASS_POLICY`));
    assert.equal(bypass.id, "216196257331281929");
    for (
      const type of [
        "TIMEOUT_POLICY",
        "REAUTH_POLICY",
        "CLIENT_FORWARDING_POLICY",
        "INSPECTION_POLICY",
        "ISOLATION_POLICY",
        "SIEM_POLICY",
        "CAPABILITIES_POLICY",
        "CREDENTIAL_POLICY",
        "CLIENTLESS_SESSION_PROTECTION_POLICY",
        "PRIVILEGED_PORTAL_POLICY",
        "REDIRECTION_POLICY",
      ]
    ) {
      assert.equal((await client.get(`${ZPA}/policySet/policyType/${type}`)).status, 200, type);
    }
    assert.equal((await client.get(`${ZPA}/policySet/policyType/NOPE`)).status, 400);

    const rules = await client.get(`${ZPA}/policySet/rules/policyType/ACCESS_POLICY`);
    assert.equal((rules.json as { totalCount: string }).totalCount, "3");
    assert.deepEqual(list(rules).map((r) => r.ruleOrder), ["1", "2", "3"]);
    const paged = await client.get(
      `${ZPA}/policySet/rules/policyType/ACCESS_POLICY?pagesize=2&page=2`,
    );
    assert.deepEqual(list(paged).map((r) => r.name), ["Deny Contractors SSH"]);
    const searched = await client.get(
      `${ZPA}/policySet/rules/policyType/ACCESS_POLICY?search=action%2BEQ%2BDENY`,
    );
    assert.deepEqual(list(searched).map((r) => r.name), ["Deny Contractors SSH"]);

    const rule = obj(await client.get(`${ZPA}/policySet/${ACCESS_SET}/rule/216196257331460002`));
    assert.equal(rule.policySetId, ACCESS_SET);
    const conditions = rule.conditions as { operands: Record<string, string>[] }[];
    assert.deepEqual(conditions[0].operands[0].objectType, "APP");
    assert.deepEqual(conditions[0].operands[0].rhs, "216196257331450004");
    // A rule of another set is not found under this set.
    assert.equal(
      (await client.get(`${ZPA}/policySet/216196257331281929/rule/216196257331460002`)).status,
      404,
    );
  });
});

Deno.test("zpa: v2 rule POST 201 / PUT 204, v1 GET/PUT/DELETE, reorder", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const created = await client.post(`${ZPA2}/policySet/${ACCESS_SET}/rule`, {
      name: "Allow Jira",
      description: "v2 rule",
      action: "ALLOW",
      ruleOrder: null,
      conditions: [
        {
          operator: "OR",
          operands: [
            { objectType: "APP", values: ["216196257331450001"] },
            { objectType: "APP_GROUP", values: [SG_CORP] },
          ],
        },
        {
          operator: "OR",
          operands: [
            {
              objectType: "SCIM_GROUP",
              entryValues: [{ lhs: "216196257331285825", rhs: "3251059" }],
            },
          ],
        },
      ],
    });
    assert.equal(created.status, 201, created.text);
    const rule = obj(created);
    const id = rule.id as string;
    assert.equal(rule.ruleOrder, "4");
    assert.equal(rule.policyType, "1");
    assert.equal(rule.operator, "AND");
    assert.equal(rule.disabled, "0");
    const operands = (rule.conditions as { operands: Record<string, string>[] }[])[0].operands;
    assert.deepEqual(
      operands.map((o) => [o.objectType, o.lhs, o.rhs, o.name]),
      [["APP", "id", "216196257331450001", "Jira"], ["APP_GROUP", "id", SG_CORP, "Corporate Apps"]],
    );
    assert.equal(typeof operands[0].id, "string");
    assert.deepEqual(await accessRuleIds(client), [
      "216196257331460001",
      "216196257331460002",
      "216196257331460003",
      id,
    ]);

    const v2put = await client.put(`${ZPA2}/policySet/${ACCESS_SET}/rule/${id}`, {
      name: "Allow Jira",
      action: "DENY",
      conditions: [{ operands: [{ objectType: "APP", values: ["216196257331450002"] }] }],
    });
    assert.equal(v2put.status, 204, v2put.text);
    const afterV2 = obj(await client.get(`${ZPA}/policySet/${ACCESS_SET}/rule/${id}`));
    assert.equal(afterV2.action, "DENY");
    assert.equal(afterV2.ruleOrder, "4");

    const v1put = await client.put(`${ZPA}/policySet/${ACCESS_SET}/rule/${id}`, {
      name: "Allow Jira v1",
      action: "ALLOW",
      conditions: [{ operands: [{ objectType: "APP", lhs: "id", rhs: "216196257331450001" }] }],
    });
    assert.equal(v1put.status, 204, v1put.text);
    assert.equal(
      sim.tenant.zpa.rule(ACCESS_SET, id)?.name,
      "Allow Jira v1",
    );

    const reorder = await client.put(`${ZPA}/policySet/${ACCESS_SET}/rule/${id}/reorder/1`);
    assert.equal(reorder.status, 204);
    assert.equal((await accessRuleIds(client))[0], id);

    const deleted = await client.del(`${ZPA}/policySet/${ACCESS_SET}/rule/${id}`);
    assert.equal(deleted.status, 204);
    assert.equal((await client.get(`${ZPA}/policySet/${ACCESS_SET}/rule/${id}`)).status, 404);
    assert.deepEqual(
      sim.tenant.zpa.rulesOfType("ACCESS_POLICY").map((r) => r.ruleOrder),
      ["1", "2", "3"],
    );
  });
});

Deno.test("zpa: rule validation and version-specific bodies", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const post = (body: unknown) => client.post(`${ZPA2}/policySet/${ACCESS_SET}/rule`, body);
    // v1 creation is not routed: creation is a v2 operation.
    assert.equal(
      (await client.post(`${ZPA}/policySet/${ACCESS_SET}/rule`, { name: "x", action: "ALLOW" }))
        .status,
      405,
    );
    assert.equal((await post({ action: "ALLOW" })).status, 400);
    assert.equal((await post({ name: "Bad action", action: "INTERCEPT" })).status, 400);
    assert.equal(
      (await post({
        name: "Missing app",
        action: "ALLOW",
        conditions: [{ operands: [{ objectType: "APP", values: ["999"] }] }],
      })).status,
      400,
    );
    // v2 SCIM_GROUP operands need entryValues; v1 lhs/rhs operands are not v2 bodies.
    assert.equal(
      (await post({
        name: "Wrong shape",
        action: "ALLOW",
        conditions: [{ operands: [{ objectType: "SCIM_GROUP", values: ["1"] }] }],
      })).status,
      400,
    );
    assert.equal(
      (await post({
        name: "v1 shape",
        action: "ALLOW",
        conditions: [{ operands: [{ objectType: "APP", lhs: "id", rhs: "216196257331450001" }] }],
      })).status,
      400,
    );
    assert.equal((await post({ name: "Allow Finance ERP", action: "ALLOW" })).status, 400);
    assert.equal(
      (await client.post(`${ZPA2}/policySet/123/rule`, { name: "x", action: "ALLOW" })).status,
      404,
    );
    assert.equal(
      (await client.post(`${ZPA2}/policySet/216196257331281929/rule`, {
        name: "Bypass",
        action: "BYPASS",
      })).status,
      201,
    );
    assert.equal(sim.tenant.zpa.rulesOfType("ACCESS_POLICY").length, 3);
  });
});

Deno.test("zpa: deleting a segment used by rules needs forceDelete=true", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const erp = "216196257331450004";
    const refused = await client.del(`${ZPA}/application/${erp}`);
    assert.equal(refused.status, 400);
    assert.equal(obj(refused).id, "resource.in.use");
    assert.equal((await client.del(`${ZPA}/application/${erp}?forceDelete=true`)).status, 204);
    const rule = sim.tenant.zpa.rule(ACCESS_SET, "216196257331460002");
    const json = JSON.stringify(rule);
    assert.ok(!json.includes(erp));
    assert.ok(json.includes("SCIM_GROUP"));
  });
});
