/**
 * The simulated ZIA settings objects over real HTTP: GET and PUT of every settings path,
 * type checks, ignored unknown fields, the `?action=` URL lists, the Sandbox MD5 blocklist and
 * its hash count, and the activation status each write leaves behind.
 */

import assert from "node:assert/strict";
import { ZIA_SETTINGS } from "../../lib/sim/mod.ts";
import { api, obj, withSim, ZIA } from "./_helpers.ts";

const ATP = `${ZIA}/cyberThreatProtection`;

Deno.test("zia settings: every settings path reads and writes back, leaving PENDING", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    assert.ok(Object.keys(ZIA_SETTINGS).length >= 11);
    for (const [path, spec] of Object.entries(ZIA_SETTINGS)) {
      const got = await client.get(`${ZIA}/${path}`);
      assert.equal(got.status, 200, path);
      assert.ok(Object.keys(obj(got)).length > 0, path);
      if (spec.list !== undefined) continue;
      await client.post(`${ZIA}/status/activate`);
      const put = await client.put(`${ZIA}/${path}`, obj(got));
      assert.equal(put.status, 200, `${path}: ${put.text}`);
      assert.deepEqual(put.json, got.json, path);
      assert.equal(sim.tenant.zia.status, "PENDING", path);
    }
  });
});

Deno.test("zia settings: recorded shapes of advanced and ATP settings", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const advanced = obj(await client.get(`${ZIA}/advancedSettings`));
    assert.equal(advanced.uiSessionTimeout, 36000);
    assert.deepEqual(advanced.kerberosBypassUrlCategories, ["NONE"]);
    assert.equal(advanced.enableOffice365, true);
    const atp = obj(await client.get(`${ATP}/advancedThreatSettings`));
    assert.equal(atp.riskTolerance, 75);
    assert.equal(atp.cmdCtlServerBlocked, true);
    assert.equal(atp.cookieStealingPCAPEnabled, false);
    assert.deepEqual(obj(await client.get(`${ATP}/atpMalwareProtocols`)), {
      inspectHttp: true,
      inspectFtpOverHttp: true,
      inspectFtp: false,
    });
    assert.equal(Object.keys(obj(await client.get(`${ATP}/malwareSettings`))).length, 16);
    assert.equal(
      Object.keys(obj(await client.get(`${ZIA}/mobileAdvanceThreatSettings`))).length,
      8,
    );
  });
});

Deno.test("zia settings: PUT changes named fields, checks types, ignores unknown names", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const put = await client.put(`${ATP}/malwarePolicy`, {
      blockUnscannableFiles: true,
      notAField: "dropped",
    });
    assert.equal(put.status, 200);
    assert.deepEqual(put.json, {
      blockUnscannableFiles: true,
      blockPasswordProtectedArchiveFiles: true,
    });
    assert.deepEqual((await client.get(`${ATP}/malwarePolicy`)).json, put.json);

    await client.post(`${ZIA}/status/activate`);
    const refusals: [string, Record<string, unknown>][] = [
      [`${ATP}/malwarePolicy`, { blockUnscannableFiles: "yes" }],
      [`${ZIA}/advancedSettings`, { uiSessionTimeout: "36000" }],
      [`${ZIA}/advancedSettings`, { authBypassUrls: "a.example" }],
      [`${ZIA}/advancedSettings`, { authBypassUrls: [1, 2] }],
      [`${ATP}/advancedThreatSettings`, { riskTolerance: null }],
      [`${ATP}/securityExceptions`, { bypassUrls: [{ url: "x" }] }],
    ];
    for (const [path, body] of refusals) {
      const reply = await client.put(path, body);
      assert.equal(reply.status, 400, `${path} ${JSON.stringify(body)}`);
      assert.equal(obj(reply).code, "INVALID_INPUT_ARGUMENT");
    }
    assert.equal(sim.tenant.zia.status, "ACTIVE", "refused writes change nothing");
    assert.equal(obj(await client.get(`${ZIA}/advancedSettings`)).uiSessionTimeout, 36000);

    const media = await client.put(`${ZIA}/advancedSettings`, "x=1", {
      "content-type": "text/plain",
    });
    assert.equal(media.status, 415);
    const array = await client.put(`${ZIA}/advancedSettings`, [true]);
    assert.deepEqual(array.json, { message: "Request body is invalid." });
    const post = await client.post(`${ZIA}/advancedSettings`, {});
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET, PUT");
    assert.equal((await client.del(`${ATP}/malwareSettings`)).status, 405);
  });
});

Deno.test("zia settings: malicious URLs by PUT ?action=, replace without action", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const path = `${ATP}/maliciousUrls`;
    const added = await client.put(`${path}?action=ADD_TO_LIST`, {
      maliciousUrls: ["evil-one.example", "dropper-cdn.example", "evil-one.example"],
    });
    assert.equal(added.status, 200);
    assert.deepEqual(obj(added).maliciousUrls, [
      "secure-login-update.example",
      "dropper-cdn.example",
      "evil-one.example",
    ]);
    assert.equal(sim.tenant.zia.status, "PENDING");
    const removed = await client.put(`${path}?action=REMOVE_FROM_LIST`, {
      maliciousUrls: ["secure-login-update.example", "not-there.example"],
    });
    assert.deepEqual(obj(removed).maliciousUrls, ["dropper-cdn.example", "evil-one.example"]);
    const replaced = await client.put(path, { maliciousUrls: ["only.example"] });
    assert.deepEqual(replaced.json, { maliciousUrls: ["only.example"] });
    assert.deepEqual((await client.get(path)).json, { maliciousUrls: ["only.example"] });

    await client.post(`${ZIA}/status/activate`);
    for (
      const [query, body] of [
        ["?action=SHUFFLE", { maliciousUrls: ["x.example"] }],
        ["?action=ADD_TO_LIST", { maliciousUrls: "x.example" }],
        ["?action=ADD_TO_LIST", { maliciousUrls: [""] }],
        ["?action=ADD_TO_LIST", { urls: ["x.example"] }],
        ["", { maliciousUrls: [42] }],
      ] as const
    ) {
      const reply = await client.put(`${path}${query}`, body);
      assert.equal(reply.status, 400, `${query} ${JSON.stringify(body)}`);
      assert.equal(obj(reply).code, "INVALID_INPUT_ARGUMENT");
    }
    assert.equal(
      (await client.post(`${path}?action=ADD_TO_LIST`, { maliciousUrls: [] })).status,
      405,
    );
    assert.equal(sim.tenant.zia.status, "ACTIVE");
  });
});

Deno.test("zia settings: cookie-auth exempt URLs by POST with a required action", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const path = `${ZIA}/authSettings/exemptedUrls`;
    assert.deepEqual((await client.get(path)).json, {
      urls: [".okta.com", "login.microsoftonline.com"],
    });
    const added = await client.post(`${path}?action=ADD_TO_LIST`, {
      urls: ["sso.acme-sim.example"],
    });
    assert.equal(added.status, 200);
    assert.deepEqual(obj(added).urls, [
      ".okta.com",
      "login.microsoftonline.com",
      "sso.acme-sim.example",
    ]);
    assert.equal(sim.tenant.zia.status, "PENDING");
    const removed = await client.post(`${path}?action=REMOVE_FROM_LIST`, { urls: [".okta.com"] });
    assert.deepEqual(obj(removed).urls, ["login.microsoftonline.com", "sso.acme-sim.example"]);

    await client.post(`${ZIA}/status/activate`);
    const noAction = await client.post(path, { urls: ["x.example"] });
    assert.equal(noAction.status, 400);
    assert.match(obj(noAction).message as string, /action is required/);
    const put = await client.put(`${path}?action=ADD_TO_LIST`, { urls: ["x.example"] });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get("allow"), "GET, POST");
    assert.equal(sim.tenant.zia.status, "ACTIVE");
  });
});

Deno.test("zia settings: the Sandbox MD5 blocklist and its hash count", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const path = `${ZIA}/behavioralAnalysisAdvancedSettings`;
    const count = async () => (await client.get(`${path}/fileHashCount`)).json;
    assert.deepEqual(await count(), { blockedFileHashesCount: 2, remainingFileHashes: 9998 });
    const entry = (url: string) => ({ url, urlComment: "", type: "CUSTOM_FILEHASH_DENY" });
    const put = await client.put(path, {
      md5HashValueList: [entry("8350ded6d39df158e51d6cfbe36fb012")],
    });
    assert.equal(put.status, 200);
    assert.deepEqual(await count(), { blockedFileHashesCount: 1, remainingFileHashes: 9999 });
    assert.equal(sim.tenant.zia.status, "PENDING");

    await client.post(`${ZIA}/status/activate`);
    for (
      const list of [
        [entry("not-an-md5")],
        [{ urlComment: "no url" }],
        Array.from({ length: 10001 }, (_, i) => entry(i.toString(16).padStart(32, "0"))),
      ]
    ) {
      const reply = await client.put(path, { md5HashValueList: list });
      assert.equal(reply.status, 400);
      assert.equal(obj(reply).code, "INVALID_INPUT_ARGUMENT");
    }
    assert.deepEqual(await count(), { blockedFileHashesCount: 1, remainingFileHashes: 9999 });
    assert.equal(sim.tenant.zia.status, "ACTIVE");
    const cleared = await client.put(path, { md5HashValueList: [] });
    assert.deepEqual(cleared.json, { md5HashValueList: [] });
    assert.deepEqual(await count(), { blockedFileHashesCount: 0, remainingFileHashes: 10000 });
  });
});

Deno.test("zia settings: reset restores every settings object", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    await client.put(`${ATP}/atpMalwareInspection`, { inspectInbound: false });
    await client.put(`${ATP}/securityExceptions`, { bypassUrls: [] });
    sim.tenant.reset();
    assert.deepEqual(sim.tenant.zia.settings.get("cyberThreatProtection/atpMalwareInspection"), {
      inspectInbound: true,
      inspectOutbound: true,
    });
    assert.equal(
      (sim.tenant.zia.settings.get("cyberThreatProtection/securityExceptions")?.bypassUrls as [])
        .length,
      2,
    );
    assert.equal(sim.tenant.zia.status, "ACTIVE");
  });
});
