/**
 * The read-only ZPA collections over real HTTP: IdPs, SAML and SCIM attributes (by IdP), SCIM
 * groups on the userconfig API (numbers, as recorded), posture profiles, trusted networks,
 * inspection, isolation and cloud-browser-isolation profiles — their list shapes, paging,
 * search, 404s, and the write methods they do not have.
 */

import assert from "node:assert/strict";
import { api, CID, list, obj, type Reply, withSim, ZPA, ZPA2 } from "./_helpers.ts";

const IDP = "216196257331285825";
const IDP_ZS = "216196257331372701";
const USERCONFIG = `/zpa/userconfig/v1/customers/${CID}`;
const CBI = `/zpa/cbiconfig/cbi/api/customers/${CID}`;

function ids(reply: Reply): unknown[] {
  return list(reply).map((item) => item.id);
}

Deno.test("zpa IdPs and SAML attributes: v2 lists, by-IdP lists, v1 reads", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const idps = await client.get(`${ZPA2}/idp`);
    assert.deepEqual(ids(idps), [IDP, IDP_ZS]);
    assert.equal(list(idps)[0].scimEnabled, true);
    assert.equal(obj(await client.get(`${ZPA}/idp/${IDP}`)).name, "Acme Okta");
    assert.equal((await client.get(`${ZPA}/idp/123`)).status, 404);
    assert.equal((await client.get(`${ZPA}/idp`)).status, 404);

    const saml = await client.get(`${ZPA2}/samlAttribute`);
    assert.equal((saml.json as { totalCount: string }).totalCount, "5");
    assert.equal(list(saml)[0].idpName, "Acme Okta");
    const byIdp = await client.get(`${ZPA2}/samlAttribute/idp/${IDP_ZS}`);
    assert.deepEqual(ids(byIdp), ["216196257331372703"]);
    assert.equal(list(byIdp)[0].idpName, `ZSlogin_${CID}`);
    const email = await client.get(
      `${ZPA2}/samlAttribute/idp/${IDP}?search=${encodeURIComponent("samlName+EQ+Email")}`,
    );
    assert.deepEqual(ids(email), ["216196257331285828"]);
    assert.equal(
      obj(await client.get(`${ZPA}/samlAttribute/216196257331285827`)).samlName,
      "DepartmentName",
    );
    // An unknown IdP is a 404, a non-numeric one a 400.
    assert.equal((await client.get(`${ZPA2}/samlAttribute/idp/999`)).status, 404);
    assert.equal((await client.get(`${ZPA2}/samlAttribute/idp/okta`)).status, 400);
  });
});

Deno.test("zpa SCIM attributes: listed and read under their IdP only", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const attrs = await client.get(`${ZPA}/idp/${IDP}/scimattribute?pagesize=3`);
    assert.deepEqual({ ...(attrs.json as object), list: undefined }, {
      totalPages: "2",
      totalCount: "4",
      list: undefined,
    });
    assert.equal(list(attrs)[0].dataType, "Boolean");
    const active = obj(await client.get(`${ZPA}/idp/${IDP}/scimattribute/216196257331285839`));
    assert.equal(active.name, "active");
    assert.equal(
      (await client.get(`${ZPA}/idp/${IDP_ZS}/scimattribute/216196257331285839`)).status,
      404,
    );
    assert.deepEqual((await client.get(`${ZPA}/idp/${IDP_ZS}/scimattribute`)).json, {
      totalPages: "0",
      totalCount: "0",
    });
    assert.equal((await client.get(`${ZPA}/idp/1/scimattribute`)).status, 404);
  });
});

Deno.test("zpa SCIM groups: userconfig answers with numbers, exact 18-digit idpId", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const page = await client.get(`${USERCONFIG}/scimgroup/idpId/${IDP}?page=1&pagesize=2`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("content-type"), "application/json");
    const body = page.json as { totalPages: unknown; totalCount: unknown; list: { id: unknown }[] };
    assert.equal(body.totalPages, 2);
    assert.equal(body.totalCount, 4);
    assert.deepEqual(body.list.map((g) => g.id), [3251055, 3251058]);
    // The recorded wire form: a bare 18-digit number (beyond a double's precision).
    assert.ok(page.text.includes(`"idpId":${IDP},`), page.text);
    assert.ok(page.text.includes('"creationTime":1767'), page.text);

    const one = await client.get(`${USERCONFIG}/scimgroup/3251059`);
    assert.equal(obj(one).id, 3251059);
    assert.equal(obj(one).name, "Engineering-All");
    assert.ok(one.text.includes(`"idpId":${IDP},`));
    const searched = await client.get(
      `${USERCONFIG}/scimgroup/idpId/${IDP}?search=${encodeURIComponent("name+EQ+Contractors")}`,
    );
    assert.deepEqual((searched.json as { list: { id: number }[] }).list.map((g) => g.id), [
      3251055,
    ]);
    const zs = await client.get(`${USERCONFIG}/scimgroup/idpId/${IDP_ZS}`);
    assert.deepEqual((zs.json as { list: { name: string }[] }).list.map((g) => g.name), [
      "ZS-Admins",
    ]);
    assert.equal((await client.get(`${USERCONFIG}/scimgroup/1`)).status, 404);
    assert.equal((await client.get(`${USERCONFIG}/scimgroup/idpId/1`)).status, 404);
    assert.equal((await client.get(`${USERCONFIG}/scimgroup`)).status, 404);
    assert.equal(
      (await client.post(`${USERCONFIG}/scimgroup/idpId/${IDP}`, { name: "x" })).status,
      405,
    );
    assert.equal(
      (await client.get(`/zpa/userconfig/v1/customers/123/scimgroup/3251059`)).status,
      401,
    );
  });
});

Deno.test("zpa posture profiles and trusted networks: v2 list, v1 get, search fields", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const postures = await client.get(`${ZPA2}/posture`);
    assert.equal((postures.json as { totalCount: string }).totalCount, "3");
    assert.ok(list(postures).every((p) => typeof p.postureUdid === "string"));
    const crowdstrike = await client.get(`${ZPA}/posture/216196257331285221`);
    assert.equal(obj(crowdstrike).name, "CrowdStrike ZTA >= 40 (zscaler.net)");
    const byUdid = await client.get(
      `${ZPA2}/posture?search=${
        encodeURIComponent("postureUdid+EQ+7d7ef1a4-4b0c-4d3a-9a51-3c0c4f9e1002")
      }`,
    );
    assert.deepEqual(ids(byUdid), ["216196257331285222"]);
    const refused = await client.get(
      `${ZPA2}/posture?search=${encodeURIComponent("crlCheckEnabled+EQ+true")}`,
    );
    assert.equal(refused.status, 400);
    assert.equal(obj(refused).id, "bad.request");

    const networks = await client.get(`${ZPA2}/network?pagesize=1&page=2`);
    assert.deepEqual(ids(networks), ["216196257331369930"]);
    assert.equal(
      obj(await client.get(`${ZPA}/network/216196257331372849`)).networkId,
      "3f9b6a2e-0c4d-4d7e-8b1a-6a0f2c9d2001",
    );
    const missing = await client.get(`${ZPA}/network/42`);
    assert.deepEqual(missing.json, {
      id: "resource.not.found",
      reason: "No resource exists with the given id/name :42",
      params: ["42"],
    });
    // Listing is a v2 path and reading one a v1 path; the crossed paths do not exist.
    assert.equal((await client.get(`${ZPA}/network`)).status, 404);
    assert.equal((await client.get(`${ZPA2}/network/216196257331372849`)).status, 404);
    for (
      const [method, path] of [
        ["POST", `${ZPA2}/posture`],
        ["PUT", `${ZPA}/posture/216196257331285221`],
        ["DELETE", `${ZPA}/network/216196257331372849`],
      ] as const
    ) {
      const reply = method === "POST"
        ? await client.post(path, { name: "x" })
        : method === "PUT"
        ? await client.put(path, { name: "x" })
        : await client.del(path);
      assert.equal(reply.status, 405, `${method} ${path}`);
      assert.equal(reply.headers.get("allow"), "GET");
    }
  });
});

Deno.test("zpa profiles: inspection (v1), isolation (v1) and CBI (bare array)", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const inspection = await client.get(`${ZPA}/inspectionProfile`);
    assert.deepEqual(ids(inspection), ["216196257331490001", "216196257331490002"]);
    assert.equal(
      obj(await client.get(`${ZPA}/inspectionProfile/216196257331490002`)).paranoiaLevel,
      "3",
    );
    const strict = await client.get(
      `${ZPA}/inspectionProfile?search=${encodeURIComponent("name+CONTAINS+strict")}`,
    );
    assert.deepEqual(ids(strict), ["216196257331490002"]);

    const isolation = await client.get(`${ZPA}/isolation/profiles`);
    assert.deepEqual(ids(isolation), ["216196257331370022", "216196257331370024"]);
    const cbi = await client.get(`${CBI}/profiles`);
    assert.equal(cbi.status, 200);
    assert.ok(Array.isArray(cbi.json));
    const profiles = cbi.json as { id: string; isDefault: boolean; regions: unknown[] }[];
    assert.equal(profiles.length, 2);
    assert.match(profiles[0].id, /^[0-9a-f-]{36}$/);
    assert.equal(profiles[0].isDefault, true);
    // Every isolation profile is backed by a CBI profile.
    for (const profile of list(isolation)) {
      assert.ok(profiles.some((p) => p.id === profile.isolationProfileId));
    }
    assert.equal((await client.get(`${CBI}/profiles/x`)).status, 404);
    assert.equal((await client.get(`/zpa/cbiconfig/cbi/api/customers/1/profiles`)).status, 401);
    assert.equal((await client.post(`${ZPA}/inspectionProfile`, { name: "x" })).status, 405);
  });
});
