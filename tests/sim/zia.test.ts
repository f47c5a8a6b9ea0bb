import assert from "node:assert/strict";
import { api, arr, obj, withSim, ZIA } from "./_helpers.ts";

Deno.test("zia: lists are bare arrays with integer ids (URL categories: string ids)", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const expected: Record<string, number> = {
      urlFilteringRules: 8,
      firewallFilteringRules: 7,
      locations: 5,
      urlCategories: 17,
      users: 12,
      groups: 6,
      departments: 6,
      ruleLabels: 3,
      ipSourceGroups: 3,
      networkServices: 8,
    };
    for (const [name, count] of Object.entries(expected)) {
      const reply = await client.get(`${ZIA}/${name}`);
      assert.equal(reply.status, 200, name);
      const list = arr(reply);
      assert.equal(list.length, count, name);
      for (const item of list) {
        assert.equal(typeof item.id, name === "urlCategories" ? "string" : "number", name);
      }
    }
    const rule = obj(await client.get(`${ZIA}/urlFilteringRules/1690001`));
    assert.equal(rule.name, "Block Social Media");
    assert.deepEqual(rule.urlCategories, ["SOCIAL_NETWORKING"]);
    const category = obj(await client.get(`${ZIA}/urlCategories/SOCIAL_NETWORKING`));
    assert.equal(category.customCategory, false);
    const user = obj(await client.get(`${ZIA}/users/165300003`));
    assert.deepEqual(user.department, { id: 24326901, name: "Engineering" });
  });
});

Deno.test("zia: page/pageSize on users, locations and firewall rules", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const page3 = arr(await client.get(`${ZIA}/users?page=3&pageSize=5`));
    assert.deepEqual(page3.map((u) => u.id), [165300011, 165300012]);
    assert.deepEqual(arr(await client.get(`${ZIA}/users?page=4&pageSize=5`)), []);
    assert.equal(arr(await client.get(`${ZIA}/users?pageSize=10000`)).length, 12);
    assert.equal(arr(await client.get(`${ZIA}/locations?pageSize=2`)).length, 2);
    assert.deepEqual(
      arr(await client.get(`${ZIA}/locations?page=2&pageSize=2`)).map((l) => l.id),
      [149870003, 149870004],
    );
    assert.equal(arr(await client.get(`${ZIA}/firewallFilteringRules?pageSize=3`)).length, 3);
    // urlFilteringRules returns everything; paging parameters are ignored.
    assert.equal(arr(await client.get(`${ZIA}/urlFilteringRules?pageSize=2`)).length, 8);

    for (
      const path of [
        `${ZIA}/users?pageSize=10001`,
        `${ZIA}/locations?pageSize=1001`,
        `${ZIA}/users?page=0`,
        `${ZIA}/users?pageSize=abc`,
      ]
    ) {
      const reply = await client.get(path);
      assert.equal(reply.status, 400, path);
      assert.equal(obj(reply).code, "INVALID_INPUT_ARGUMENT", path);
    }
  });
});

Deno.test("zia: documented filters and lite lists", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const names = async (path: string) => arr(await client.get(path)).map((i) => i.name);
    assert.deepEqual(await names(`${ZIA}/locations?search=LONDON`), ["London Office"]);
    assert.deepEqual(await names(`${ZIA}/locations?xffEnabled=true`), ["Ottawa Branch"]);
    assert.deepEqual(await names(`${ZIA}/users?name=chen`), ["Chen Wei"]);
    assert.deepEqual(await names(`${ZIA}/users?dept=Legal`), ["Hannah Schmidt"]);
    assert.deepEqual(await names(`${ZIA}/users?group=contractors`), [
      "Ivan Petrov",
      "Laura Smith",
    ]);
    assert.deepEqual(await names(`${ZIA}/firewallFilteringRules?ruleName=smb`), [
      "Block Outbound SMB",
    ]);
    const custom = arr(await client.get(`${ZIA}/urlCategories?customOnly=true`));
    assert.deepEqual(custom.map((c) => c.id), ["CUSTOM_01", "CUSTOM_02", "CUSTOM_03", "CUSTOM_04"]);
    const counts = arr(await client.get(`${ZIA}/urlCategories?includeOnlyUrlKeywordCounts=true`));
    assert.equal(counts[0].urls, undefined);
    assert.equal(
      typeof (counts[0].urlKeywordCounts as Record<string, number>).totalUrlCount,
      "number",
    );

    const liteCats = arr(await client.get(`${ZIA}/urlCategories/lite`));
    assert.equal(liteCats.length, 17);
    assert.equal(liteCats.find((c) => c.id === "CUSTOM_01")?.configuredName, "Approved SaaS");
    assert.equal(liteCats[0].urls, undefined);
    const liteLocations = arr(await client.get(`${ZIA}/locations/lite`));
    assert.deepEqual(Object.keys(liteLocations[0]).sort(), ["id", "name", "parentId", "tz"]);
  });
});

Deno.test("zia: CRUD with 200/200/204, PENDING after writes, ACTIVE after activation", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    assert.deepEqual((await client.get(`${ZIA}/status`)).json, { status: "ACTIVE" });

    const created = await client.post(`${ZIA}/urlFilteringRules`, {
      name: "Block News",
      action: "BLOCK",
      order: 9,
      urlCategories: ["NEWS_AND_MEDIA"],
      groups: [{ id: 24327003 }],
      id: 1,
    });
    assert.equal(created.status, 200);
    const rule = obj(created);
    assert.equal(typeof rule.id, "number");
    assert.notEqual(rule.id, 1);
    assert.deepEqual(rule.groups, [{ id: 24327003, name: "Sales-EMEA" }]);
    assert.equal(rule.state, "ENABLED");
    assert.equal(typeof rule.lastModifiedTime, "number");
    assert.deepEqual((await client.get(`${ZIA}/status`)).json, { status: "PENDING" });
    assert.equal(sim.tenant.zia.status, "PENDING");

    const id = rule.id as number;
    assert.deepEqual(obj(await client.get(`${ZIA}/urlFilteringRules/${id}`)).name, "Block News");

    // PUT replaces the whole object: fields left out are gone.
    const put = await client.put(`${ZIA}/urlFilteringRules/${id}`, {
      name: "Block News (all)",
      action: "BLOCK",
      urlCategories: ["NEWS_AND_MEDIA"],
    });
    assert.equal(put.status, 200);
    assert.equal(obj(put).name, "Block News (all)");
    assert.equal(obj(put).groups, undefined);
    assert.equal(obj(put).order, 9);
    assert.equal(sim.tenant.zia.get("urlFilteringRules", id)?.name, "Block News (all)");

    const activated = await client.post(`${ZIA}/status/activate`);
    assert.equal(activated.status, 200);
    assert.deepEqual(activated.json, { status: "ACTIVE" });
    assert.deepEqual((await client.get(`${ZIA}/status`)).json, { status: "ACTIVE" });

    const deleted = await client.del(`${ZIA}/urlFilteringRules/${id}`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.text, "");
    assert.equal(sim.tenant.zia.status, "PENDING");
    const gone = await client.get(`${ZIA}/urlFilteringRules/${id}`);
    assert.equal(gone.status, 404);
    assert.equal(obj(gone).code, "RESOURCE_NOT_FOUND");
    assert.equal(typeof obj(gone).message, "string");
  });
});

Deno.test("zia: every simulated collection supports create, get, replace, delete", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const bodies: Record<string, Record<string, unknown>> = {
      firewallFilteringRules: { name: "FW new", action: "ALLOW", nwServices: [{ id: 774003 }] },
      locations: { name: "Paris Office", country: "FRANCE", tz: "FRANCE_EUROPE_PARIS" },
      urlCategories: { configuredName: "New Cat", urls: ["new.example"] },
      users: { name: "Zoe New", email: "zoe@acme-sim.example", password: "Secr3t!pass" },
      groups: { name: "New Group" },
      departments: { name: "New Department" },
      ruleLabels: { name: "New Label" },
      ipSourceGroups: { name: "New IPs", ipAddresses: ["10.1.1.1"] },
      networkServices: { name: "New Service", destTcpPorts: [{ start: 8080 }] },
    };
    for (const [name, body] of Object.entries(bodies)) {
      const created = await client.post(`${ZIA}/${name}`, body);
      assert.equal(created.status, 200, `${name}: ${created.text}`);
      const id = obj(created).id;
      assert.equal(obj(created).password, undefined, name);
      const got = await client.get(`${ZIA}/${name}/${id}`);
      assert.equal(got.status, 200, name);
      const replaced = await client.put(`${ZIA}/${name}/${id}`, { ...body, description: "upd" });
      assert.equal(replaced.status, 200, `${name}: ${replaced.text}`);
      assert.equal(obj(replaced).description, "upd");
      assert.equal((await client.del(`${ZIA}/${name}/${id}`)).status, 204, name);
      assert.equal((await client.get(`${ZIA}/${name}/${id}`)).status, 404, name);
    }
  });
});

Deno.test("zia: URL categories get CUSTOM_nn ids and incremental URL edits", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const created = obj(
      await client.post(`${ZIA}/urlCategories`, {
        configuredName: "TestCategory",
        superCategory: "USER_DEFINED",
        customCategory: false,
        type: "URL_CATEGORY",
        urls: ["one.example.com", "two.example.com"],
      }),
    );
    assert.equal(created.id, "CUSTOM_05");
    assert.equal(created.customCategory, true);
    assert.equal(created.customUrlsCount, 2);
    const added = await client.put(`${ZIA}/urlCategories/CUSTOM_05?action=ADD_TO_LIST`, {
      configuredName: "TestCategory",
      urls: ["three.example.com"],
    });
    assert.equal(added.status, 200);
    assert.deepEqual(obj(added).urls, ["one.example.com", "two.example.com", "three.example.com"]);
    const removed = await client.put(`${ZIA}/urlCategories/CUSTOM_05?action=REMOVE_FROM_LIST`, {
      configuredName: "TestCategory",
      urls: ["one.example.com"],
    });
    assert.deepEqual(obj(removed).urls, ["two.example.com", "three.example.com"]);
    assert.equal(obj(removed).customUrlsCount, 2);
    const badAction = await client.put(`${ZIA}/urlCategories/CUSTOM_05?action=NOPE`, {
      urls: [],
    });
    assert.equal(badAction.status, 400);

    // Predefined categories cannot be deleted.
    const predefined = await client.del(`${ZIA}/urlCategories/SOCIAL_NETWORKING`);
    assert.equal(predefined.status, 400);
    assert.equal(obj(predefined).code, "INVALID_INPUT_ARGUMENT");
    assert.equal((await client.get(`${ZIA}/urlCategories/SOCIAL_NETWORKING`)).status, 200);
    // Neither can the default firewall rule.
    assert.equal((await client.del(`${ZIA}/firewallFilteringRules/1583099`)).status, 400);
  });
});

Deno.test("zia: error bodies for bad ids, missing fields, duplicates, media type, bad JSON", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const badId = await client.get(`${ZIA}/locations/abc`);
    assert.equal(badId.status, 400);
    assert.equal(obj(badId).code, "INVALID_INPUT_ARGUMENT");

    const missingName = await client.post(`${ZIA}/locations`, { country: "FRANCE" });
    assert.equal(missingName.status, 400);
    assert.equal(obj(missingName).code, "INVALID_INPUT_ARGUMENT");

    const duplicate = await client.post(`${ZIA}/locations`, { name: "london office" });
    assert.equal(duplicate.status, 409);
    assert.equal(obj(duplicate).code, "DUPLICATE_ITEM");

    const dupPut = await client.put(`${ZIA}/ruleLabels/4338001`, { name: "SOC-Reviewed" });
    assert.equal(dupPut.status, 409);

    const badRef = await client.post(`${ZIA}/urlFilteringRules`, {
      name: "Ref",
      action: "BLOCK",
      urlCategories: ["NOT_A_CATEGORY"],
    });
    assert.equal(badRef.status, 400);
    const badGroup = await client.post(`${ZIA}/urlFilteringRules`, {
      name: "Ref",
      action: "BLOCK",
      groups: [{ id: 42 }],
    });
    assert.equal(badGroup.status, 400);
    const badEnum = await client.post(`${ZIA}/urlFilteringRules`, {
      name: "Enum",
      action: "EXPLODE",
    });
    assert.equal(badEnum.status, 400);

    const media = await client.post(`${ZIA}/locations`, "name=x", {
      "content-type": "text/plain",
    });
    assert.equal(media.status, 415);
    const mediaPut = await client.put(`${ZIA}/locations/149870001`, "x", {
      "content-type": "application/x-www-form-urlencoded",
    });
    assert.equal(mediaPut.status, 415);

    const badJson = await client.post(`${ZIA}/locations`, '{"name":');
    assert.equal(badJson.status, 400);
    assert.deepEqual(badJson.json, { message: "Request body is invalid." });
    const arrayBody = await client.post(`${ZIA}/locations`, [{ name: "x" }]);
    assert.deepEqual(arrayBody.json, { message: "Request body is invalid." });

    const missing = await client.put(`${ZIA}/locations/999`, { name: "x" });
    assert.equal(missing.status, 404);
    assert.equal(obj(missing).code, "RESOURCE_NOT_FOUND");
    assert.equal((await client.del(`${ZIA}/locations/999`)).status, 404);

    // None of the failed writes changed anything.
    assert.equal(sim.tenant.zia.status, "ACTIVE");
    assert.equal(sim.tenant.zia.collection("locations").length, 5);
    assert.equal(sim.tenant.zia.collection("urlFilteringRules").length, 8);
  });
});

Deno.test("zia: POST /urlLookup classifies from the seeded categories", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const reply = await client.post(`${ZIA}/urlLookup`, [
      "google.com",
      "https://www.facebook.com/groups/x",
      "api.slack.com",
      "slack.com",
      "sub.pastebin.com",
      "paste.acme-sim.example/raw/abc",
      "login.secure-login-update.example",
      "unknown-site.example",
    ]);
    assert.equal(reply.status, 200);
    const results = arr(reply);
    const byUrl = Object.fromEntries(results.map((r) => [r.url, r]));
    assert.deepEqual(byUrl["google.com"], {
      url: "google.com",
      urlClassifications: ["WEB_SEARCH"],
      urlClassificationsWithSecurityAlert: [],
    });
    assert.deepEqual(byUrl["https://www.facebook.com/groups/x"].urlClassifications, [
      "SOCIAL_NETWORKING",
    ]);
    // "slack.com" (no leading dot) matches only that host.
    assert.deepEqual(byUrl["api.slack.com"].urlClassifications, ["MISCELLANEOUS_OR_UNKNOWN"]);
    assert.deepEqual(byUrl["slack.com"].urlClassifications, ["CUSTOM_01"]);
    assert.deepEqual(byUrl["sub.pastebin.com"].urlClassifications, ["CUSTOM_02"]);
    assert.deepEqual(byUrl["paste.acme-sim.example/raw/abc"].urlClassifications, ["CUSTOM_02"]);
    assert.deepEqual(byUrl["login.secure-login-update.example"], {
      url: "login.secure-login-update.example",
      urlClassifications: [],
      urlClassificationsWithSecurityAlert: ["PHISHING"],
    });
    assert.deepEqual(byUrl["unknown-site.example"].urlClassifications, [
      "MISCELLANEOUS_OR_UNKNOWN",
    ]);

    const tooMany = await client.post(
      `${ZIA}/urlLookup`,
      Array.from({ length: 101 }, (_, i) => `site${i}.example`),
    );
    assert.equal(tooMany.status, 400);
    assert.equal(obj(tooMany).code, "INVALID_INPUT_ARGUMENT");
    assert.equal(
      (await client.post(`${ZIA}/urlLookup`, Array.from({ length: 100 }, () => "a.example")))
        .status,
      200,
    );
    assert.equal((await client.post(`${ZIA}/urlLookup`, { url: "x" })).status, 400);
    // A lookup is not a configuration change.
    assert.equal(sim.tenant.zia.status, "ACTIVE");
  });
});
