/**
 * Service edge groups, service edges, app connectors, provisioning keys and enrollment
 * certificates over real HTTP: round trips, PUT semantics, bulk deletes (all or nothing) and
 * the references that block deletes.
 */

import assert from "node:assert/strict";
import { type Api, api, assertRefused, list, obj, withSim, ZPA, ZPA2 } from "./_helpers.ts";

const SEG_SJC = "216196257331470001";
const SEG_FRA = "216196257331470002";
const SEG_LAB = "216196257331470003";
const EDGE_SJC1 = "216196257331475001";
const EDGE_SJC2 = "216196257331475002";
const EDGE_FRA1 = "216196257331475003";
const ACG_SJC = "216196257331410001";
const KEYS = `${ZPA}/associationType/CONNECTOR_GRP/provisioningKey`;
const EDGE_KEYS = `${ZPA}/associationType/SERVICE_EDGE_GRP/provisioningKey`;

Deno.test("zpa service edge groups: create 201, get, PUT merges (204), delete 204, then 404", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const created = await client.post(`${ZPA}/serviceEdgeGroup`, {
      name: "DUB Edges",
      description: "Dublin",
      location: "Dublin, Ireland",
      latitude: "53.3498",
      longitude: "-6.2603",
      isPublic: "FALSE",
      trustedNetworks: [{ id: "216196257331369930" }],
    });
    assert.equal(created.status, 201, created.text);
    const group = obj(created);
    const id = group.id as string;
    assert.match(id, /^\d+$/);
    assert.equal(group.upgradeDay, "SUNDAY");
    assert.equal(group.enabled, true);
    assert.match(group.creationTime as string, /^\d+$/);
    assert.deepEqual(group.trustedNetworks, [{
      id: "216196257331369930",
      name: "Acme Branch WiFi (zscaler.net)",
      networkId: "3f9b6a2e-0c4d-4d7e-8b1a-6a0f2c9d2002",
    }]);
    assert.deepEqual(group.serviceEdges, []);

    // The recorded PUT sends only the name; everything else stays.
    const put = await client.put(`${ZPA}/serviceEdgeGroup/${id}`, { name: "DUB Edges 2" });
    assert.equal(put.status, 204);
    assert.equal(put.text, "");
    const after = obj(await client.get(`${ZPA}/serviceEdgeGroup/${id}`));
    assert.equal(after.name, "DUB Edges 2");
    assert.equal(after.description, "Dublin");
    assert.equal(after.location, "Dublin, Ireland");
    assert.equal(after.creationTime, group.creationTime);

    assert.equal((await client.del(`${ZPA}/serviceEdgeGroup/${id}`)).status, 204);
    const gone = await client.get(`${ZPA}/serviceEdgeGroup/${id}`);
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.json, {
      id: "resource.not.found",
      reason: `No resource exists with the given id/name :${id}`,
      params: [id],
    });
  });
});

Deno.test("zpa service edge groups: validation and references", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const post = (body: unknown) => client.post(`${ZPA}/serviceEdgeGroup`, body);
    assertRefused(await post({ description: "no name" }), 400, "api.payload.invalid");
    assertRefused(await post({ name: "X", upgradeDay: "FUNDAY" }), 400, "api.payload.invalid");
    assertRefused(await post({ name: "X", isPublic: true }), 400, "api.payload.invalid");
    assertRefused(
      await post({ name: "X", trustedNetworks: [{ id: "999" }] }),
      400,
      "api.payload.invalid",
      /trustedNetworks: 999 does not exist/,
    );
    assertRefused(await post({ name: "sjc private service edges" }), 400, "duplicate.name");
    assert.equal(sim.tenant.zpa.collection("serviceEdgeGroup").length, 3);

    const group = obj(await client.get(`${ZPA}/serviceEdgeGroup/${SEG_SJC}`));
    assert.deepEqual((group.serviceEdges as { id: string }[]).map((e) => e.id), [
      EDGE_SJC1,
      EDGE_SJC2,
    ]);
    // In use by service edges, then by provisioning keys; the unused lab group goes.
    assertRefused(
      await client.del(`${ZPA}/serviceEdgeGroup/${SEG_SJC}`),
      400,
      "resource.in.use",
      /service edges/,
    );
    assert.equal((await client.del(`${ZPA}/serviceEdge/${EDGE_SJC1}`)).status, 204);
    assert.equal((await client.del(`${ZPA}/serviceEdge/${EDGE_SJC2}`)).status, 204);
    assertRefused(
      await client.del(`${ZPA}/serviceEdgeGroup/${SEG_SJC}`),
      400,
      "resource.in.use",
      /provisioning keys/,
    );
    assert.equal((await client.del(`${EDGE_KEYS}/58201`)).status, 204);
    assert.equal((await client.del(`${ZPA}/serviceEdgeGroup/${SEG_SJC}`)).status, 204);
    assert.equal((await client.del(`${ZPA}/serviceEdgeGroup/${SEG_LAB}`)).status, 204);
  });
});

Deno.test("zpa service edges: list, search, PUT changes only name/description/enabled", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const all = await client.get(`${ZPA}/serviceEdge`);
    assert.deepEqual(
      { ...(all.json as object), list: undefined },
      { totalPages: "1", totalCount: "3", list: undefined },
    );
    assert.equal(list(all)[0].serviceEdgeGroupName, "SJC Private Service Edges");
    const fra = await client.get(
      `${ZPA}/serviceEdge?search=${encodeURIComponent("name+EQ+fra-pse-01")}`,
    );
    assert.deepEqual(list(fra).map((e) => e.id), [EDGE_FRA1]);
    const paged = await client.get(`${ZPA}/serviceEdge?page=2&pagesize=2`);
    assert.deepEqual(list(paged).map((e) => e.id), [EDGE_FRA1]);
    // A field outside the collection's searchable fields is refused.
    assertRefused(
      await client.get(`${ZPA}/serviceEdge?search=${encodeURIComponent("fingerprint+EQ+x")}`),
      400,
      "bad.request",
    );

    const put = await client.put(`${ZPA}/serviceEdge/${EDGE_FRA1}`, {
      name: "fra-pse-01b",
      enabled: false,
      serviceEdgeGroupId: SEG_SJC,
      privateIp: "1.2.3.4",
    });
    assert.equal(put.status, 204, put.text);
    const edge = obj(await client.get(`${ZPA}/serviceEdge/${EDGE_FRA1}`));
    assert.equal(edge.name, "fra-pse-01b");
    assert.equal(edge.enabled, false);
    assert.equal(edge.serviceEdgeGroupId, SEG_FRA);
    assert.equal(edge.privateIp, "10.30.5.11");
    assertRefused(
      await client.put(`${ZPA}/serviceEdge/${EDGE_FRA1}`, { enabled: "no" }),
      400,
      "api.payload.invalid",
    );
    // Service edges enroll themselves: no POST.
    const post = await client.post(`${ZPA}/serviceEdge`, { name: "x" });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET");
  });
});

async function bulkCases(
  client: Api,
  path: string,
  ids: [string, string],
  count: () => number,
): Promise<void> {
  const before = count();
  for (
    const body of [
      {},
      { ids: [] },
      { ids: "1,2" },
      { ids: [Number(ids[0])] },
      { ids: ["x"] },
      { ids: Array.from({ length: 1001 }, (_, i) => String(i + 1)) },
    ]
  ) {
    assertRefused(await client.post(path, body), 400, "api.payload.invalid");
  }
  assert.equal((await client.post(path, "ids=1", { "content-type": "text/plain" })).status, 415);
  // One unknown id: nothing is deleted.
  assertRefused(await client.post(path, { ids: [ids[0], "123"] }), 404, "resource.not.found");
  assert.equal(count(), before);
  const done = await client.post(path, { ids: [...ids, ids[0]] });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.text, "");
  assert.equal(count(), before - 2);
}

Deno.test("zpa bulk deletes: app connectors and service edges, all or nothing", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    await bulkCases(
      client,
      `${ZPA}/connector/bulkDelete`,
      ["216196257331415001", "216196257331415002"],
      () => sim.tenant.zpa.collection("connector").length,
    );
    assert.equal((await client.get(`${ZPA}/connector/216196257331415001`)).status, 404);
    assert.equal((await client.get(`${ZPA}/connector/216196257331415003`)).status, 200);
    await bulkCases(
      client,
      `${ZPA}/serviceEdge/bulkDelete`,
      [EDGE_SJC1, EDGE_SJC2],
      () => sim.tenant.zpa.collection("serviceEdge").length,
    );
    assert.deepEqual(sim.tenant.zpa.collection("serviceEdge").map((e) => e.id), [EDGE_FRA1]);
    // bulkDelete is POST only; a GET of it is not an id.
    assert.equal((await client.get(`${ZPA}/serviceEdge/bulkDelete`)).status, 405);
  });
});

Deno.test("zpa provisioning keys: per association type, 200 on create, merge PUT, delete", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const connectorKeys = await client.get(KEYS);
    assert.deepEqual(list(connectorKeys).map((k) => k.id), ["58101", "58102"]);
    assert.equal(list(connectorKeys)[0].zcomponentName, "SJC-DC1 Connectors");
    assert.equal(list(connectorKeys)[0].enrollmentCertName, "Connector");
    assert.equal(list(connectorKeys)[0].associationType, undefined);
    assert.deepEqual(list(await client.get(EDGE_KEYS)).map((k) => k.id), ["58201"]);

    const created = await client.post(EDGE_KEYS, {
      enrollmentCertId: "6574",
      componentId: SEG_FRA,
      name: "fra-pse-key",
      maxUsage: 2,
      zcomponentId: SEG_FRA,
    });
    assert.equal(created.status, 200, created.text);
    const key = obj(created);
    assert.equal(key.maxUsage, "2");
    assert.equal(key.usageCount, "0");
    assert.equal(key.zcomponentName, "FRA Private Service Edges");
    assert.equal(key.componentId, undefined);
    assert.match(key.provisioningKey as string, /^3\|api\.private\.zscaler\.com\|SIM-NOT-A-REAL/);
    const id = key.id as string;

    // The key lives under its association type only.
    assert.equal((await client.get(`${KEYS}/${id}`)).status, 404);
    assert.equal((await client.put(`${KEYS}/${id}`, { name: "x" })).status, 404);
    assert.equal((await client.del(`${KEYS}/${id}`)).status, 404);
    assert.equal((await client.get(`${EDGE_KEYS}/${id}`)).status, 200);

    assert.equal((await client.put(`${EDGE_KEYS}/${id}`, { name: "fra-pse-key 2" })).status, 204);
    const after = obj(await client.get(`${EDGE_KEYS}/${id}`));
    assert.equal(after.name, "fra-pse-key 2");
    assert.equal(after.maxUsage, "2");
    assert.equal(after.provisioningKey, key.provisioningKey);
    assert.equal((await client.del(`${EDGE_KEYS}/${id}`)).status, 204);
    assert.equal((await client.get(`${EDGE_KEYS}/${id}`)).status, 404);
  });
});

Deno.test("zpa provisioning keys: refusals", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const body = { name: "k", maxUsage: 1, enrollmentCertId: "6573", zcomponentId: ACG_SJC };
    assertRefused(
      await client.get(`${ZPA}/associationType/EDGE/provisioningKey`),
      400,
      "bad.request",
    );
    assertRefused(
      await client.post(`${ZPA}/associationType/connector/provisioningKey`, body),
      400,
      "bad.request",
    );
    // A connector group is not a service edge group, and vice versa.
    assertRefused(await client.post(EDGE_KEYS, body), 400, "api.payload.invalid", /zcomponentId/);
    assertRefused(
      await client.post(KEYS, { ...body, zcomponentId: SEG_FRA }),
      400,
      "api.payload.invalid",
    );
    assertRefused(
      await client.post(KEYS, { ...body, enrollmentCertId: "1" }),
      400,
      "api.payload.invalid",
    );
    assertRefused(
      await client.post(KEYS, { ...body, zcomponentId: undefined }),
      400,
      "api.payload.invalid",
    );
    for (const maxUsage of [0, -1, "x", 1.5, undefined]) {
      assertRefused(await client.post(KEYS, { ...body, maxUsage }), 400, "api.payload.invalid");
    }
    assert.equal(sim.tenant.zpa.collection("provisioningKey").length, 3);

    // A connector group enrolled through a key cannot be deleted until the key is.
    const acg = obj(await client.post(`${ZPA}/appConnectorGroup`, { name: "Spare ACG" }));
    const key = obj(await client.post(KEYS, { ...body, zcomponentId: acg.id }));
    assertRefused(
      await client.del(`${ZPA}/appConnectorGroup/${acg.id}`),
      400,
      "resource.in.use",
      /provisioning keys/,
    );
    assert.equal((await client.del(`${KEYS}/${key.id}`)).status, 204);
    assert.equal((await client.del(`${ZPA}/appConnectorGroup/${acg.id}`)).status, 204);
  });
});

Deno.test("zpa enrollment certificates: v2 list with the recorded search, v1 get, read-only", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const all = await client.get(`${ZPA2}/enrollmentCert`);
    assert.deepEqual(list(all).map((c) => c.name), ["Root", "Client", "Connector", "Service Edge"]);
    const connector = await client.get(`${ZPA2}/enrollmentCert?search=name%2BEQ%2BConnector`);
    assert.deepEqual(list(connector).map((c) => c.id), ["6573"]);
    const edge = await client.get(`${ZPA2}/enrollmentCert?search=name%2BEQ%2BService+Edge`);
    assert.deepEqual(list(edge).map((c) => c.id), ["6574"]);
    const one = obj(await client.get(`${ZPA}/enrollmentCert/6573`));
    assert.equal(one.parentCertName, "Root");
    assert.match(one.certificate as string, /^-----BEGIN CERTIFICATE-----\n/);
    assert.equal((await client.get(`${ZPA}/enrollmentCert/1`)).status, 404);
    assert.equal((await client.get(`${ZPA}/enrollmentCert`)).status, 404);
    assert.equal((await client.get(`${ZPA2}/enrollmentCert/6573`)).status, 404);
    assert.equal((await client.del(`${ZPA}/enrollmentCert/6573`)).status, 405);
    assert.equal((await client.post(`${ZPA2}/enrollmentCert`, { name: "x" })).status, 405);
  });
});

Deno.test("zpa app connectors: each reference to a connector group blocks its delete in turn", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const aws = "216196257331410003";
    const del = () => client.del(`${ZPA}/appConnectorGroup/${aws}`);
    assertRefused(await del(), 400, "resource.in.use", /server groups/);
    // Move the AWS server group to the SJC connectors.
    const moved = await client.put(`${ZPA}/serverGroup/216196257331430003`, {
      name: "AWS Server Group",
      dynamicDiscovery: false,
      appConnectorGroups: [{ id: ACG_SJC }],
      servers: [{ id: "216196257331420001" }, { id: "216196257331420003" }],
    });
    assert.equal(moved.status, 204, moved.text);
    assertRefused(await del(), 400, "resource.in.use", /app connectors/);
    assert.equal((await client.del(`${ZPA}/connector/216196257331415004`)).status, 204);
    assertRefused(await del(), 400, "resource.in.use", /provisioning keys/);
    assert.equal((await client.del(`${KEYS}/58102`)).status, 204);
    assert.equal((await del()).status, 204);
    assert.equal((await client.get(`${ZPA}/appConnectorGroup/${aws}`)).status, 404);
  });
});
