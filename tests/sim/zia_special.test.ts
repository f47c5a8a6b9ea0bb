/**
 * The simulated ZIA endpoints that are lookups or actions rather than collections, over real
 * HTTP: Sandbox reports and quota, region lookups, free GRE internal ranges, the shadow-IT
 * bulk update and Cloud App Control `availableActions`.
 */

import assert from "node:assert/strict";
import { SANDBOX_DAILY_QUOTA } from "../../lib/sim/mod.ts";
import { api, arr, obj, withSim, ZIA } from "./_helpers.ts";

const EICAR = "44d88612fea8a8f36de82e1278abb02f";

Deno.test("zia special: Sandbox reports (summary, full, unknown) count against the quota", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const quota = async () => arr(await client.get(`${ZIA}/sandbox/report/quota`))[0];
    assert.deepEqual(await quota(), {
      startTime: -1,
      used: 0,
      allowed: SANDBOX_DAILY_QUOTA,
      scale: "DAYS",
      unused: SANDBOX_DAILY_QUOTA,
    });

    const summary = obj(await client.get(`${ZIA}/sandbox/report/${EICAR}?details=summary`));
    const inner = summary.Summary as Record<string, Record<string, unknown>>;
    assert.equal(inner.Classification.Type, "MALICIOUS");
    assert.equal(inner.FileProperties.MD5, EICAR);
    assert.equal(inner["System Summary"], undefined);

    const full = obj(await client.get(`${ZIA}/sandbox/report/${EICAR.toUpperCase()}?details=full`));
    const details = full["Full Details"] as Record<string, unknown>;
    assert.ok(Array.isArray(details["System Summary"]));
    assert.equal((details.Summary as Record<string, unknown>).Status, "COMPLETED");

    const defaulted = obj(await client.get(`${ZIA}/sandbox/report/${EICAR}`));
    assert.ok(defaulted.Summary !== undefined, "details defaults to summary");

    const unknown = await client.get(`${ZIA}/sandbox/report/${"0".repeat(32)}?details=full`);
    assert.equal(unknown.status, 200);
    assert.deepEqual(unknown.json, {
      Summary: { Summary: { Status: "CONTENT_NOTFOUND", Message: "Content lookup failed." } },
    });
    assert.deepEqual(await quota(), {
      startTime: -1,
      used: 4,
      allowed: SANDBOX_DAILY_QUOTA,
      scale: "DAYS",
      unused: SANDBOX_DAILY_QUOTA - 4,
    });

    for (const path of [`${EICAR}x`, `${EICAR}?details=verbose`, "not-a-hash"]) {
      const reply = await client.get(`${ZIA}/sandbox/report/${path}`);
      assert.equal(reply.status, 400, path);
      assert.equal(obj(reply).code, "INVALID_INPUT_ARGUMENT", path);
    }
    assert.equal((await quota()).used, 4, "refused lookups do not count");
    assert.equal((await client.post(`${ZIA}/sandbox/report/quota`, {})).status, 405);
    assert.equal(sim.tenant.zia.status, "ACTIVE", "lookups are not configuration changes");
  });
});

Deno.test("zia special: region lookups by IP, name prefix and coordinates", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const byIp = obj(await client.get(`${ZIA}/region/byIPAddress/198.51.100.20`));
    assert.equal(byIp.cityName, "London");
    assert.equal(byIp.countryCode, "GB");
    assert.deepEqual(Object.keys(byIp).sort(), [
      "cityGeoId",
      "cityName",
      "continentCode",
      "countryCode",
      "countryName",
      "latitude",
      "longitude",
      "postalCode",
      "stateGeoId",
      "stateName",
    ]);
    assert.equal(
      obj(await client.get(`${ZIA}/region/byIPAddress/8.8.8.8`)).cityName,
      "Mountain View",
    );
    const unknownIp = await client.get(`${ZIA}/region/byIPAddress/100.64.0.1`);
    assert.equal(unknownIp.status, 404);
    assert.equal(obj(unknownIp).code, "RESOURCE_NOT_FOUND");
    assert.equal((await client.get(`${ZIA}/region/byIPAddress/1.2.3`)).status, 400);

    const cities = async (query: string) =>
      arr(await client.get(`${ZIA}/region/search${query}`)).map((c) => c.cityName);
    assert.deepEqual(await cities("?prefix=san"), ["San Jose", "San Francisco"]);
    assert.deepEqual(await cities("?prefix=San&pageSize=1&page=2"), ["San Francisco"]);
    assert.equal((await cities("")).length, 9);
    assert.deepEqual(await cities("?prefix=Atlantis"), []);

    const near = obj(
      await client.get(`${ZIA}/region/byGeoCoordinates?latitude=50.1&longitude=8.7`),
    );
    assert.equal(near.cityName, "Frankfurt am Main");
    for (
      const query of [
        "",
        "?latitude=50.1",
        "?latitude=91&longitude=0",
        "?latitude=0&longitude=-181",
        "?latitude=north&longitude=8",
      ]
    ) {
      const reply = await client.get(`${ZIA}/region/byGeoCoordinates${query}`);
      assert.equal(reply.status, 400, query);
      assert.equal(obj(reply).code, "INVALID_INPUT_ARGUMENT", query);
    }
  });
});

Deno.test("zia special: free GRE internal ranges skip the ones tunnels use", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const path = `${ZIA}/greTunnels/availableInternalIpRanges`;
    const first = arr(await client.get(`${path}?limit=2`));
    assert.deepEqual(first, [
      { startIPAddress: "172.17.0.16", endIPAddress: "172.17.0.23" },
      { startIPAddress: "172.17.0.24", endIPAddress: "172.17.0.31" },
    ]);
    assert.equal(arr(await client.get(path)).length, 10);
    await client.post(`${ZIA}/greTunnels`, { sourceIp: "198.51.100.20" });
    assert.equal(arr(await client.get(`${path}?limit=1`))[0].startIPAddress, "172.17.0.24");
    assert.equal((await client.get(`${path}?limit=0`)).status, 400);
    assert.equal((await client.post(path, {})).status, 405);
  });
});

Deno.test("zia special: shadow-IT bulk update sets sanction state and tags", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const apps = () => sim.tenant.zia.collection("shadowItApps");
    const reply = await client.put(`${ZIA}/cloudApplications/bulkUpdate`, {
      applicationIds: [672, 675],
      sanctionedState: "SANCTIONED",
      customTags: [{ id: 2 }],
    });
    assert.equal(reply.status, 204);
    assert.equal(reply.text, "");
    assert.equal(sim.tenant.zia.status, "PENDING");
    const byId = Object.fromEntries(apps().map((a) => [a.id, a]));
    assert.equal(byId[672].sanctionedState, "SANCTIONED");
    assert.deepEqual(byId[675].customTags, [{ id: 2, name: "Under-Review" }]);
    assert.equal(byId[673].sanctionedState, "SANCTIONED", "others untouched");
    assert.deepEqual(byId[671].customTags, [{ id: 1, name: "Approved-by-Legal" }]);

    await client.post(`${ZIA}/status/activate`);
    const before = JSON.stringify(apps());
    for (
      const body of [
        {},
        { applicationIds: [] },
        { applicationIds: ["672"] },
        { applicationIds: [9999] },
        { applicationIds: [672], sanctionedState: "maybe" },
        { applicationIds: [672], customTags: [{ id: 99 }] },
        { applicationIds: [672], customTags: "tag" },
      ]
    ) {
      const bad = await client.put(`${ZIA}/cloudApplications/bulkUpdate`, body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(obj(bad).code, "INVALID_INPUT_ARGUMENT", JSON.stringify(body));
    }
    assert.equal(JSON.stringify(apps()), before);
    assert.equal(sim.tenant.zia.status, "ACTIVE");
    assert.equal((await client.post(`${ZIA}/cloudApplications/bulkUpdate`, {})).status, 405);
    assert.deepEqual(
      arr(await client.get(`${ZIA}/customTags`)).map((t) => t.name),
      ["Approved-by-Legal", "Under-Review", "Data-Residency-EU"],
    );
  });
});

Deno.test("zia special: Cloud App Control availableActions per rule type", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const path = (type: string) => `${ZIA}/webApplicationRules/${type}/availableActions`;
    const streaming = await client.post(path("STREAMING_MEDIA"), {
      type: "STREAMING_MEDIA",
      cloudApps: [{ val: 1, name: "YOUTUBE" }],
    });
    assert.equal(streaming.status, 200);
    const actions = streaming.json as string[];
    assert.ok(actions.includes("BLOCK_STREAMING_UPLOAD"));
    assert.ok(actions.includes("ISOLATE_STREAMING_VIEW_LISTEN"));
    assert.ok(!actions.some((a) => a.includes("WEBMAIL")));
    assert.ok((await client.post(path("LEGAL"), {})).json instanceof Array);

    const mismatch = await client.post(path("WEBMAIL"), { type: "STREAMING_MEDIA" });
    assert.equal(mismatch.status, 400);
    assert.equal((await client.post(path("NOPE"), {})).status, 400);
    assert.equal((await client.get(path("WEBMAIL"))).status, 405);
    assert.equal(
      (await client.post(path("WEBMAIL"), "x", { "content-type": "text/plain" })).status,
      415,
    );
    assert.equal(sim.tenant.zia.status, "ACTIVE", "a lookup is not a configuration change");
  });
});
