/**
 * LSS over real HTTP: configurations under the customer (v2), and the reference data outside
 * it (`/zpa/mgmtconfig/v2/admin/lssConfig/…`): client types, log formats, status codes.
 */

import assert from "node:assert/strict";
import { LSS_CLIENT_TYPES, LSS_LOG_TYPES } from "../../lib/sim/zpa_lss.ts";
import { api, CID, list, obj, withSim, ZPA, ZPA2 } from "./_helpers.ts";

const LSS = "/zpa/mgmtconfig/v2/admin/lssConfig";

Deno.test("zpa LSS configs: v2 list and get, connector groups expanded, search on the config", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const all = await client.get(`${ZPA2}/lssConfig`);
    assert.equal((all.json as { totalCount: string }).totalCount, "2");
    const first = list(all)[0] as {
      id: string;
      config: Record<string, unknown>;
      connectorGroups: unknown;
    };
    assert.equal(first.config.name, "Splunk User Activity");
    assert.equal(first.config.sourceLogType, "zpn_trans_log");
    assert.deepEqual(first.connectorGroups, [{
      id: "216196257331410001",
      name: "SJC-DC1 Connectors",
    }]);
    const one = obj(await client.get(`${ZPA2}/lssConfig/216196257331495002`));
    assert.equal((one.config as { lssPort: string }).lssPort, "11000");

    const byName = await client.get(
      `${ZPA2}/lssConfig?search=${encodeURIComponent("name+EQ+SIEM App Connector Status")}`,
    );
    assert.deepEqual(list(byName).map((c) => c.id), ["216196257331495002"]);
    const byType = await client.get(
      `${ZPA2}/lssConfig?search=${encodeURIComponent("sourceLogType+EQ+zpn_trans_log")}`,
    );
    assert.deepEqual(list(byType).map((c) => c.id), ["216196257331495001"]);
    assert.equal(
      (await client.get(`${ZPA2}/lssConfig?search=${encodeURIComponent("format+EQ+x")}`)).status,
      400,
    );
    assert.equal((await client.get(`${ZPA2}/lssConfig/1`)).status, 404);
    assert.equal((await client.get(`${ZPA}/lssConfig`)).status, 404);
    assert.equal((await client.del(`${ZPA2}/lssConfig/216196257331495001`)).status, 405);
  });
});

Deno.test("zpa LSS configs keep their connector group from being deleted", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const fra = "216196257331410002";
    // Free the FRA group from its server group and connector; the LSS config still uses it.
    const moved = await client.put(`${ZPA}/serverGroup/216196257331430002`, {
      name: "FRA Server Group",
      dynamicDiscovery: false,
      appConnectorGroups: [{ id: "216196257331410001" }],
      servers: [{ id: "216196257331420002" }],
    });
    assert.equal(moved.status, 204, moved.text);
    assert.equal((await client.del(`${ZPA}/connector/216196257331415003`)).status, 204);
    const refused = await client.del(`${ZPA}/appConnectorGroup/${fra}`);
    assert.equal(refused.status, 400);
    assert.equal(obj(refused).id, "resource.in.use");
    assert.match(String(obj(refused).reason), /LSS configurations/);
    assert.ok(sim.tenant.zpa.get("appConnectorGroup", fra));
  });
});

Deno.test("zpa LSS reference data: client types, formats, status codes", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    // Client types: the Python SDK's customer path and the Go SDK's customer-less path.
    const types = await client.get(`${LSS}/customers/${CID}/clientTypes`);
    assert.equal(types.status, 200);
    assert.deepEqual(types.json, LSS_CLIENT_TYPES);
    assert.equal(obj(types).zpn_client_type_zapp, "Client Connector");
    assert.deepEqual((await client.get(`${LSS}/clientTypes`)).json, LSS_CLIENT_TYPES);
    const other = await client.get(`${LSS}/customers/123/clientTypes`);
    assert.equal(other.status, 401);
    assert.equal(obj(other).id, "access.denied");

    const all = obj(await client.get(`${LSS}/logType/formats`));
    assert.deepEqual(Object.keys(all), [...LSS_LOG_TYPES]);
    const trans = all.zpn_trans_log as { csv: string; tsv: string; json: string };
    assert.match(trans.csv, /%s\{LogTimestamp\},/);
    assert.match(trans.json, /^\{"LogTimestamp":%j\{LogTimestamp\}/);
    const one = await client.get(`${ZPA2}/lssConfig/logType/formats?logType=zpn_auth_log`);
    assert.deepEqual(one.json, all.zpn_auth_log);
    assert.deepEqual(
      (await client.get(`${LSS}/logType/formats?logType=zpn_auth_log`)).json,
      all.zpn_auth_log,
    );
    for (const query of ["", "?logType=zpn_nothing"]) {
      const bad = await client.get(`${ZPA2}/lssConfig/logType/formats${query}`);
      assert.equal(bad.status, 400, query);
      assert.equal(obj(bad).id, "bad.request");
    }
    assert.equal((await client.get(`${LSS}/logType/formats?logType=x`)).status, 400);

    const codes = obj(await client.get(`${LSS}/statusCodes`));
    assert.deepEqual(Object.keys(codes).sort(), [
      "zpn_ast_auth_log",
      "zpn_auth_log",
      "zpn_sys_auth_log",
      "zpn_trans_log",
    ]);
    for (const byCode of Object.values(codes)) assert.ok(Object.keys(byCode as object).length > 0);
    assert.equal((await client.get(`${LSS}/nothing`)).status, 404);
    assert.equal((await client.post(`${LSS}/statusCodes`, {})).status, 405);
  });
});
