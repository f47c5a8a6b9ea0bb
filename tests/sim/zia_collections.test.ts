/**
 * Behaviour of the catalog collections of the simulated ZIA API over real HTTP: paging,
 * filters, `/lite`, 404 bodies, create → get → replace → delete round trips for every
 * writable collection, read-only collections, scoped Cloud App Control rules, undeletable
 * objects, immutable fields, write-only secrets and cross-object checks.
 */

import assert from "node:assert/strict";
import { ZIA_COLLECTION_NAMES, ZIA_COLLECTIONS } from "../../lib/sim/mod.ts";
import { api, arr, obj, withSim, ZIA } from "./_helpers.ts";

const CAC = `${ZIA}/webApplicationRules`;

/** A valid create body for each writable collection added by the catalog. */
const BODIES: Record<string, Record<string, unknown>> = {
  ipDestinationGroups: { name: "RT dst", type: "DSTN_FQDN", addresses: ["a.example"] },
  networkServiceGroups: { name: "RT svcs", services: [{ id: 774003 }] },
  networkApplicationGroups: { name: "RT apps", networkApplications: ["RDP", "SSH"] },
  firewallDnsRules: { name: "RT dns", action: "ALLOW", destIpGroups: [{ id: 10196001 }] },
  firewallIpsRules: { name: "RT ips", action: "BYPASS_IPS", timeWindows: [{ id: 2531 }] },
  ipsSignatureRules: { name: "RT sig", ruleText: "alert tcp any any -> any 2 (sid:2;)" },
  sslInspectionRules: { name: "RT ssl", action: { type: "BLOCK" }, platforms: ["SCAN_IOS"] },
  fileTypeRules: { name: "RT ft", filteringAction: "CAUTION", operation: "UPLOAD" },
  sandboxRules: { name: "RT sb", baRuleAction: "ALLOW", firstTimeOperation: "ALLOW_SCAN" },
  webDlpRules: { name: "RT dlp", action: "ALLOW", dlpEngines: [{ id: 1592004 }] },
  dlpDictionaries: { name: "RT dict", phrases: [{ action: "PHRASE_COUNT_TYPE_ALL", phrase: "x" }] },
  dlpEngines: { name: "RT engine", engineExpression: "((D1591001.S > 3))" },
  timeIntervals: { name: "RT window", startTime: 0, endTime: 59, daysOfWeek: ["EVERYDAY"] },
  workloadGroups: { name: "RT workloads", expression: "(ec2.tag.Env == 'rt')" },
  staticIP: { ipAddress: "192.0.2.77", comment: "round trip" },
  vpnCredentials: { type: "IP", ipAddress: "198.51.100.20", comments: "round trip" },
  greTunnels: { sourceIp: "198.51.100.20", primaryDestVip: { id: 99031 }, comment: "rt" },
};

Deno.test("zia collections: every catalog row routes its list (and only documented writes)", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    for (const name of ZIA_COLLECTION_NAMES) {
      const spec = ZIA_COLLECTIONS[name];
      const base = `${ZIA}/${spec.path ?? name}${spec.scope ? "/STREAMING_MEDIA" : ""}`;
      const list = await client.get(base);
      assert.equal(list.status, 200, `${name}: ${list.text}`);
      assert.ok(arr(list).length > 0, `${name} has seeded objects`);
      if (!spec.ops.create) {
        const post = await client.post(base, { name: "nope" });
        assert.equal(post.status, 405, name);
        assert.equal(post.headers.get("allow"), "GET", name);
        assert.equal(obj(post).code, "METHOD_NOT_ALLOWED", name);
      }
    }
    assert.equal(sim.tenant.zia.status, "ACTIVE");
  });
});

Deno.test("zia collections: create -> get -> replace -> delete for every new writable collection", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    for (const [name, body] of Object.entries(BODIES)) {
      await client.post(`${ZIA}/status/activate`);
      const created = await client.post(`${ZIA}/${name}`, body);
      assert.equal(created.status, 200, `${name}: ${created.text}`);
      assert.equal(sim.tenant.zia.status, "PENDING", name);
      const id = obj(created).id;
      assert.equal(typeof id, "number", name);
      const got = await client.get(`${ZIA}/${name}/${id}`);
      assert.equal(got.status, 200, name);
      assert.deepEqual(got.json, created.json, name);

      await client.post(`${ZIA}/status/activate`);
      const replaced = await client.put(`${ZIA}/${name}/${id}`, { ...obj(got), comments: "v2" });
      assert.equal(replaced.status, 200, `${name}: ${replaced.text}`);
      assert.equal(obj(replaced).comments, "v2", name);
      assert.equal(sim.tenant.zia.status, "PENDING", name);

      await client.post(`${ZIA}/status/activate`);
      const deleted = await client.del(`${ZIA}/${name}/${id}`);
      assert.equal(deleted.status, 204, `${name}: ${deleted.text}`);
      assert.equal(sim.tenant.zia.status, "PENDING", name);
      const gone = await client.get(`${ZIA}/${name}/${id}`);
      assert.equal(gone.status, 404, name);
      assert.equal(obj(gone).code, "RESOURCE_NOT_FOUND", name);
    }
  });
});

Deno.test("zia collections: server-owned fields, defaults and audit stamps on create", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const rule = obj(
      await client.post(`${ZIA}/firewallIpsRules`, {
        name: "Owned",
        action: "ALLOW",
        id: 5,
        predefined: true,
        defaultRule: true,
        lastModifiedTime: 1,
      }),
    );
    assert.notEqual(rule.id, 5);
    assert.equal(rule.predefined, false);
    assert.equal(rule.defaultRule, false);
    assert.equal(rule.accessControl, "READ_WRITE");
    assert.equal(rule.rank, 7);
    assert.equal(rule.state, "ENABLED");
    assert.equal(rule.order, 3, "after the two ordered seeded rules");
    assert.ok((rule.lastModifiedTime as number) > 1767603600);
    assert.deepEqual(rule.lastModifiedBy, { id: 117810400, name: "sim-client-id" });

    const ip = obj(await client.post(`${ZIA}/staticIP`, { ipAddress: "192.0.2.88" }));
    assert.equal(ip.routableIP, true);
    assert.equal(typeof ip.lastModificationTime, "number");
    assert.equal(ip.lastModifiedTime, undefined);

    const dict = obj(await client.post(`${ZIA}/dlpDictionaries`, { name: "Mine", custom: false }));
    assert.equal(dict.custom, true, "a created dictionary is always custom");
    const engine = obj(await client.post(`${ZIA}/dlpEngines`, { name: "E", engineExpression: "" }));
    assert.equal(engine.code, "INVALID_INPUT_ARGUMENT");

    const tunnel = obj(await client.post(`${ZIA}/greTunnels`, { sourceIp: "198.51.100.20" }));
    assert.equal(tunnel.internalIpRange, "172.17.0.16", "the first free /29");
  });
});

Deno.test("zia collections: page/pageSize and pageNumber/limit paging", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const ids = async (path: string) => arr(await client.get(path)).map((i) => i.id);
    assert.deepEqual(await ids(`${ZIA}/timeIntervals?page=2&pageSize=2`), [2533]);
    assert.deepEqual(await ids(`${ZIA}/timeIntervals?page=3&pageSize=2`), []);
    assert.deepEqual(await ids(`${ZIA}/vpnCredentials?pageSize=1&page=5`), [29340006]);
    assert.deepEqual(await ids(`${ZIA}/cloudApplications/lite?pageNumber=0&limit=2`), [671, 672]);
    assert.deepEqual(await ids(`${ZIA}/cloudApplications/lite?pageNumber=3&limit=2`), [677]);
    assert.equal((await ids(`${ZIA}/cloudApplications/lite`)).length, 7);
    for (
      const path of [
        `${ZIA}/staticIP?pageSize=1001`,
        `${ZIA}/staticIP?page=0`,
        `${ZIA}/deviceGroups/devices?pageSize=x`,
        `${ZIA}/cloudApplications/lite?limit=0`,
        `${ZIA}/cloudApplications/lite?pageNumber=-1`,
      ]
    ) {
      const reply = await client.get(path);
      assert.equal(reply.status, 400, path);
      assert.equal(obj(reply).code, "INVALID_INPUT_ARGUMENT", path);
    }
  });
});

Deno.test("zia collections: documented filters", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const names = async (path: string) =>
      arr(await client.get(path)).map((i) => i.name ?? i.id ?? i.appName);
    assert.deepEqual(await names(`${ZIA}/ipDestinationGroups?excludeType=DSTN_IP`), [
      "SaaS Update Servers",
      "Embargoed Countries",
    ]);
    assert.deepEqual(await names(`${ZIA}/networkApplications?search=remote`), [
      "RDP",
      "TEAMVIEWER",
    ]);
    assert.deepEqual(await names(`${ZIA}/networkServiceGroups?search=web`), ["Web Services"]);
    assert.deepEqual(await names(`${ZIA}/dlpDictionaries?search=codename`), [
      "Project Codenames",
    ]);
    assert.deepEqual(await names(`${ZIA}/timeIntervals?search=week`), ["Weekend"]);
    assert.deepEqual(await names(`${ZIA}/vpnCredentials?type=IP`), [29340001, 29340003]);
    assert.deepEqual(await names(`${ZIA}/vpnCredentials?locationId=149870002`), [29340002]);
    assert.deepEqual(await names(`${ZIA}/vpnCredentials?includeOnlyWithoutLocation=true`), [
      29340006,
    ]);
    assert.equal((await names(`${ZIA}/vpnCredentials?includeOnlyWithoutLocation=false`)).length, 5);
    assert.deepEqual(await names(`${ZIA}/staticIP?availableForGreTunnel=true`), [
      1596002,
      1596003,
    ]);
    assert.deepEqual(await names(`${ZIA}/locations/groups?groupType=STATIC_GROUP`), [
      "EMEA Offices",
    ]);
    assert.deepEqual(await names(`${ZIA}/locations/groups?locationId=149870004`), [
      "Server Traffic Group",
      "EMEA Offices",
    ]);
    assert.deepEqual(await names(`${ZIA}/deviceGroups/devices?owner=chen&osType=IOS`), [
      "CHEN-IPHONE",
    ]);
    assert.deepEqual(await names(`${ZIA}/deviceGroups/devices?search_all=fin-lt`), [
      "BOB-LAPTOP",
    ]);
    assert.deepEqual(await names(`${ZIA}/cloudApplications/policy?appClass=AI_ML`), [
      "ChatGPT",
      "Google Gemini",
    ]);
    assert.deepEqual(await names(`${ZIA}/fileTypeCategories?enums=FTCATEGORY_ZIP,FTCATEGORY_7Z`), [
      "FTCATEGORY_ZIP",
      "FTCATEGORY_7Z",
    ]);
    assert.equal(
      (await names(`${ZIA}/fileTypeCategories?excludeCustomFileTypes=true`)).length,
      11,
    );
    assert.deepEqual(await names(`${ZIA}/firewallFilteringRules?ruleLabel=soc`), [
      "Block Tor and Anonymizers",
    ]);
    assert.deepEqual(await names(`${CAC}/WEBMAIL?search=read`), ["Webmail Read Only"]);
    assert.deepEqual(await names(`${CAC}/WEBMAIL?search=streaming`), []);
  });
});

Deno.test("zia collections: lite lists, lite by id, views and derived fields", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const lite = arr(await client.get(`${ZIA}/dlpEngines/lite`));
    assert.deepEqual(lite[0], { id: 1592001, name: "PCI", predefinedEngineName: "PCI" });
    assert.deepEqual(obj(await client.get(`${ZIA}/departments/lite/24326906`)), {
      id: 24326906,
      name: "Legal",
    });
    assert.equal((await client.get(`${ZIA}/departments/lite/1`)).status, 404);
    assert.deepEqual(Object.keys(arr(await client.get(`${ZIA}/webDlpRules/lite`))[0]).sort(), [
      "action",
      "id",
      "name",
      "order",
      "rank",
      "state",
    ]);
    // Collections without /lite treat "lite" as an id.
    assert.equal((await client.get(`${ZIA}/timeIntervals/lite`)).status, 400);
    // The shadow-IT list shows only {id, name}; the model keeps the sanction state.
    assert.deepEqual(arr(await client.get(`${ZIA}/cloudApplications/lite?limit=1`)), [
      { id: 671, name: "Dropbox" },
    ]);
    // Cloud app policy entries carry no id on the wire.
    assert.deepEqual(arr(await client.get(`${ZIA}/cloudApplications/sslPolicy?search=slack`)), [
      {
        app: "SLACK",
        appName: "Slack",
        parent: "ENTERPRISE_COLLABORATION",
        parentName: "Collaboration & Online Meetings",
      },
    ]);
    const groups = arr(await client.get(`${ZIA}/deviceGroups`));
    assert.deepEqual(groups.map((g) => [g.name, g.deviceCount]), [
      ["IOS", 1],
      ["Android", 1],
      ["Windows", 2],
      ["Mac", 1],
      ["Linux", 1],
    ]);
    // Dynamic location groups follow the location profile.
    const server = obj(await client.get(`${ZIA}/locations/groups/24326829`));
    assert.deepEqual(server.locations, [{
      id: 149870004,
      name: sim.tenant.zia.get("locations", 149870004)?.name,
    }]);
    await client.put(`${ZIA}/locations/149870003`, { name: "Ottawa Branch", profile: "SERVER" });
    const after = obj(await client.get(`${ZIA}/locations/groups/24326829`));
    assert.deepEqual((after.locations as { id: number }[]).map((l) => l.id), [
      149870003,
      149870004,
    ]);
  });
});

Deno.test("zia collections: Cloud App Control rules are scoped by rule type", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    assert.deepEqual(arr(await client.get(`${CAC}/STREAMING_MEDIA`)).map((r) => r.id), [1593001]);
    assert.deepEqual(arr(await client.get(`${CAC}/LEGAL`)), []);
    assert.equal((await client.get(`${CAC}/STREAMING_MEDIA/1593001`)).status, 200);
    const wrongType = await client.get(`${CAC}/WEBMAIL/1593001`);
    assert.equal(wrongType.status, 404);
    assert.equal(obj(wrongType).code, "RESOURCE_NOT_FOUND");
    assert.equal((await client.del(`${CAC}/WEBMAIL/1593001`)).status, 404);
    const badType = await client.get(`${CAC}/NOT_A_TYPE`);
    assert.equal(badType.status, 400);
    assert.equal(obj(badType).code, "INVALID_INPUT_ARGUMENT");
    assert.equal((await client.get(CAC)).status, 404);

    const created = obj(
      await client.post(`${CAC}/WEBMAIL`, {
        name: "Typed",
        type: "STREAMING_MEDIA",
        actions: ["BLOCK_WEBMAIL_SEND"],
      }),
    );
    assert.equal(created.type, "WEBMAIL", "the path's type wins");
    const retyped = obj(
      await client.put(`${CAC}/WEBMAIL/${created.id}`, {
        name: "Typed",
        type: "AI_ML",
        actions: ["ALLOW_WEBMAIL_VIEW"],
      }),
    );
    assert.equal(retyped.type, "WEBMAIL", "the type is kept on replace");
    const badAction = await client.post(`${CAC}/WEBMAIL`, {
      name: "Bad",
      actions: ["BLOCK_STREAMING_UPLOAD"],
    });
    assert.equal(badAction.status, 400);
    assert.match(obj(badAction).message as string, /not available for rule type WEBMAIL/);
  });
});

Deno.test("zia collections: read-only collections refuse writes; unknown ids 404", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const put = await client.put(`${ZIA}/networkApplications/TOR`, { description: "x" });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get("allow"), "GET");
    assert.equal((await client.del(`${ZIA}/locations/groups/24326840`)).status, 405);
    assert.equal(
      obj(await client.get(`${ZIA}/networkApplications/TOR`)).parentCategory,
      "ANONYMIZER",
    );
    const missing = await client.get(`${ZIA}/networkApplications/NOPE`);
    assert.equal(missing.status, 404);
    assert.deepEqual(Object.keys(obj(missing)).sort(), ["code", "message"]);
    // Collections without get-by-id have no item route at all.
    const noItem = await client.get(`${ZIA}/deviceGroups/24410001`);
    assert.equal(noItem.status, 404);
    assert.match(obj(noItem).message as string, /No API endpoint/);
    const unknown = await client.get(`${ZIA}/sslInspectionRules/424242`);
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.json, {
      code: "RESOURCE_NOT_FOUND",
      message: "sslInspectionRules with id 424242 not found",
    });
    assert.equal((await client.get(`${ZIA}/staticIP/abc`)).status, 400);
    assert.equal(sim.tenant.zia.status, "ACTIVE");
  });
});

Deno.test("zia collections: default, predefined and in-use objects cannot be deleted", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const refusals = [
      `${ZIA}/firewallDnsRules/1584099`,
      `${ZIA}/firewallIpsRules/1585099`,
      `${ZIA}/sslInspectionRules/1587099`,
      `${ZIA}/sandboxRules/1589099`,
      `${ZIA}/dlpDictionaries/1591001`,
      `${ZIA}/dlpEngines/1592002`,
      `${ZIA}/staticIP/1596001`, // a GRE tunnel's source IP
      `${ZIA}/staticIP/1596003`, // an IP VPN credential's address
      `${ZIA}/vpnCredentials/29340002`, // assigned to a location
      `${ZIA}/dlpDictionaries/1591005`, // in a custom engine's expression
    ];
    for (const path of refusals) {
      const reply = await client.del(path);
      assert.equal(reply.status, 400, path);
      assert.equal(obj(reply).code, "INVALID_INPUT_ARGUMENT", path);
      assert.equal((await client.get(path)).status, 200, path);
    }
    assert.equal(sim.tenant.zia.status, "ACTIVE");
    // Free ones can go.
    assert.equal((await client.del(`${ZIA}/vpnCredentials/29340006`)).status, 204);
    assert.equal((await client.del(`${ZIA}/staticIP/1596002`)).status, 204);
    assert.equal((await client.del(`${ZIA}/dlpEngines/1592004`)).status, 204);
    assert.equal((await client.del(`${ZIA}/dlpDictionaries/1591005`)).status, 204);
  });
});

Deno.test("zia collections: VPN credentials keep their type and never return the key", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const secret = "psk-that-must-not-echo-42";
    const created = await client.post(`${ZIA}/vpnCredentials`, {
      type: "UFQDN",
      fqdn: "new-branch@acme-sim.example",
      preSharedKey: secret,
    });
    assert.equal(created.status, 200, created.text);
    assert.ok(!created.text.includes(secret));
    const id = obj(created).id;
    assert.ok(!(await client.get(`${ZIA}/vpnCredentials/${id}`)).text.includes(secret));
    assert.ok(!(await client.get(`${ZIA}/vpnCredentials`)).text.includes(secret));
    assert.ok(!JSON.stringify(sim.tenant.zia.collection("vpnCredentials")).includes(secret));

    const retype = await client.put(`${ZIA}/vpnCredentials/${id}`, {
      type: "IP",
      ipAddress: "198.51.100.20",
    });
    assert.equal(retype.status, 400);
    assert.match(obj(retype).message as string, /type cannot be changed/);
    const keep = await client.put(`${ZIA}/vpnCredentials/${id}`, {
      fqdn: "new-branch@acme-sim.example",
      comments: "type omitted: kept",
    });
    assert.equal(obj(keep).type, "UFQDN");

    const cases: [Record<string, unknown>, RegExp][] = [
      [{ type: "UFQDN", fqdn: "nokey@acme-sim.example" }, /preSharedKey/],
      [{ type: "UFQDN", fqdn: "not-an-email", preSharedKey: secret }, /user@domain/],
      [{ type: "IP", ipAddress: "203.0.113.99" }, /not a provisioned static IP/],
      [{ type: "IP", ipAddress: "999.1.1.1" }, /IPv4/],
      [{ type: "UFQDN", fqdn: "LONDON-GW@acme-sim.example", preSharedKey: secret }, /exists/],
      [{ type: "PSK" }, /type must be one of/],
      [{ fqdn: "x@acme-sim.example" }, /type is required/],
    ];
    for (const [body, message] of cases) {
      const reply = await client.post(`${ZIA}/vpnCredentials`, body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.match(obj(reply).message as string, message, JSON.stringify(body));
    }
  });
});

Deno.test("zia collections: GRE tunnels, static IPs and other cross-object checks", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const refusals: [string, Record<string, unknown>, RegExp][] = [
      [`${ZIA}/greTunnels`, { sourceIp: "192.0.2.200" }, /not a provisioned static IP/],
      [
        `${ZIA}/greTunnels`,
        { sourceIp: "198.51.100.20", internalIpRange: "172.17.0.0" },
        /already used/,
      ],
      [`${ZIA}/greTunnels`, { sourceIp: "198.51.100.20", primaryDestVip: "x" }, /primaryDestVip/],
      [`${ZIA}/staticIP`, { ipAddress: "10.0.0" }, /IPv4/],
      [`${ZIA}/staticIP`, { ipAddress: "192.0.2.9", geoOverride: true }, /latitude/],
      [
        `${ZIA}/timeIntervals`,
        { name: "T", startTime: 0, endTime: 1440, daysOfWeek: ["MON"] },
        /endTime/,
      ],
      [
        `${ZIA}/timeIntervals`,
        { name: "T", startTime: 0, endTime: 10, daysOfWeek: ["MONDAY"] },
        /daysOfWeek/,
      ],
      [
        `${ZIA}/networkApplicationGroups`,
        { name: "G", networkApplications: ["NOPE"] },
        /Unknown network application/,
      ],
      [
        `${ZIA}/dlpEngines`,
        { name: "E", engineExpression: "((D999.S > 1))" },
        /Unknown DLP dictionary/,
      ],
      [`${ZIA}/dlpDictionaries`, { name: "D", phrases: ["bare string"] }, /phrases/],
      [`${ZIA}/sslInspectionRules`, { name: "S", action: { type: "INSPECT" } }, /action/],
      [`${ZIA}/firewallIpsRules`, { name: "I", action: "DROP" }, /action must be one of/],
      [
        `${ZIA}/firewallDnsRules`,
        { name: "D", action: "ALLOW", locationGroups: [{ id: 1 }] },
        /locationGroups/,
      ],
      [`${ZIA}/webDlpRules`, { name: "W", dlpEngines: [{ id: 42 }] }, /dlpEngines/],
      [`${ZIA}/fileTypeRules`, { name: "F", operation: "COPY" }, /operation/],
      [`${ZIA}/ipDestinationGroups`, { name: "X", addresses: "10.0.0.1" }, /addresses/],
    ];
    for (const [path, body, message] of refusals) {
      const reply = await client.post(path, body);
      assert.equal(reply.status, 400, `${path} ${JSON.stringify(body)}: ${reply.text}`);
      assert.match(obj(reply).message as string, message, `${path} ${JSON.stringify(body)}`);
    }
    const dupIp = await client.post(`${ZIA}/staticIP`, { ipAddress: "203.0.113.10" });
    assert.equal(dupIp.status, 409);
    assert.equal(obj(dupIp).code, "DUPLICATE_ITEM");
    const dupTunnel = await client.post(`${ZIA}/greTunnels`, { sourceIp: "203.0.113.10" });
    assert.equal(dupTunnel.status, 409);
    const moveIp = await client.put(`${ZIA}/staticIP/1596002`, { ipAddress: "198.51.100.21" });
    assert.equal(moveIp.status, 400);
    assert.match(obj(moveIp).message as string, /ipAddress cannot be changed/);
    assert.equal(sim.tenant.zia.status, "ACTIVE", "no refused write changed anything");
  });
});
