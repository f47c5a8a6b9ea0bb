/**
 * The hand-written ZIA tools against the simulated tenant: geo search, URL lookup batches,
 * incremental URL category edits, predefined categories, GRE tunnels, cloud app control,
 * settings objects, URL lists, shadow IT, sandbox reports, users, DLP readers, VPN credentials
 * and the argument mappings of network services and SSL rules. Bad input is refused by the
 * schema before any request.
 */

import assert from "node:assert/strict";
import type { SimServer } from "../../lib/sim/mod.ts";
import { REDACTED } from "../../lib/tools/zia/secrets.ts";
import { ZIA_NOT_LIVE_NOTE } from "../../lib/tools/zia/resource.ts";
import { ZscalerApiError, ZscalerRequestError } from "../../lib/zscaler/mod.ts";
import { call, describeTarget, record, refusal, tool, withSim } from "./_sim.ts";

const ZIA = "/zia/api/v1";

interface Seen {
  line: string;
  query: Record<string, string>;
  body: unknown;
}

/** Runs `fn` and returns it with the API requests the simulator received meanwhile. */
async function watch<T>(
  sim: SimServer,
  fn: () => Promise<T>,
): Promise<{ result: T; seen: Seen[] }> {
  const start = sim.tenant.requests.length;
  const result = await fn();
  const seen = sim.tenant.requests.slice(start).filter((r) => r.service !== "token")
    .map((r) => ({ line: `${r.method} ${r.path}`, query: r.query, body: r.body }));
  return { result, seen };
}

Deno.test("zia_geo_search: each lookup goes to its endpoint; arguments must fit the action", async () => {
  await withSim(async ({ sim, ctx }) => {
    const prefix = await watch(
      sim,
      () => call("zia_geo_search", { action: "city_prefix_search", prefix: "San" }, ctx),
    );
    assert.deepEqual(prefix.seen.map((s) => [s.line, s.query]), [
      [`GET ${ZIA}/region/search`, { prefix: "San" }],
    ]);
    assert.ok(
      (prefix.result.data as { cityName: string }[]).some((c) => c.cityName === "San Jose"),
    );
    const byIp = await watch(
      sim,
      () => call("zia_geo_search", { action: "geo_by_ip", ip: "203.0.113.10" }, ctx),
    );
    assert.deepEqual(byIp.seen.map((s) => s.line), [`GET ${ZIA}/region/byIPAddress/203.0.113.10`]);
    const byCoordinates = await watch(sim, () =>
      call(
        "zia_geo_search",
        { action: "geo_by_coordinates", latitude: 37.3382, longitude: -121.8863 },
        ctx,
      ));
    assert.deepEqual(byCoordinates.seen.map((s) => [s.line, s.query]), [
      [`GET ${ZIA}/region/byGeoCoordinates`, { latitude: "37.3382", longitude: "-121.8863" }],
    ]);
  });
  assert.deepEqual(refusal("zia_geo_search", { action: "geo_by_ip" }), ["ip: geo_by_ip needs ip"]);
  assert.deepEqual(refusal("zia_geo_search", { action: "geo_by_ip", ip: "1.2.3.4", prefix: "x" }), [
    "prefix: geo_by_ip takes no prefix",
  ]);
  assert.match(refusal("zia_geo_search", { action: "geo_by_ip", ip: "1.2.3.4/../x" })[0], /^ip: /);
  assert.match(
    refusal("zia_geo_search", { action: "geo_by_coordinates", latitude: 91, longitude: 0 })[0],
    /^latitude: /,
  );
  assert.match(refusal("zia_geo_search", { action: "near_me" })[0], /^action: /);
});

Deno.test("zia_url_lookup: one POST per 100 URLs, results in order", async () => {
  await withSim(async ({ sim, ctx }) => {
    const urls = Array.from({ length: 150 }, (_, i) => `host${i}.example.com`);
    urls[0] = "google.com";
    urls[120] = "secure-login-update.example";
    const { result, seen } = await watch(sim, () => call("zia_url_lookup", { urls }, ctx));
    assert.deepEqual(seen.map((s) => s.line), [`POST ${ZIA}/urlLookup`, `POST ${ZIA}/urlLookup`]);
    assert.deepEqual(seen.map((s) => (s.body as string[]).length), [100, 50]);
    const rows = result.data as { url: string; urlClassifications: string[] }[];
    assert.equal(rows.length, 150);
    assert.deepEqual(rows[0].urlClassifications, ["WEB_SEARCH"]);
    assert.equal(rows[120].url, "secure-login-update.example");
    assert.equal(result.list, true);
  });
  assert.ok(refusal("zia_url_lookup", { urls: [] }).length > 0);
  assert.ok(refusal("zia_url_lookup", { urls: ["has space.example"] }).length > 0);
});

Deno.test("add and remove URLs: the category's name is read, then one PUT with the action", async () => {
  await withSim(async ({ sim, ctx }) => {
    const added = await watch(
      sim,
      () =>
        call("zia_add_urls_to_category", { category_id: "CUSTOM_01", urls: ["notion.so"] }, ctx),
    );
    assert.deepEqual(added.seen.map((s) => [s.line, s.query]), [
      [`GET ${ZIA}/urlCategories/CUSTOM_01`, {}],
      [`PUT ${ZIA}/urlCategories/CUSTOM_01`, { action: "ADD_TO_LIST" }],
    ]);
    assert.deepEqual(added.seen[1].body, { configuredName: "Approved SaaS", urls: ["notion.so"] });
    assert.deepEqual(sim.tenant.zia.get("urlCategories", "CUSTOM_01")!.urls, [
      ".salesforce.com",
      ".atlassian.net",
      "slack.com",
      "notion.so",
    ]);
    assert.equal(added.result.note, ZIA_NOT_LIVE_NOTE);
    assert.equal(sim.tenant.zia.status, "PENDING");

    const removed = await watch(sim, () =>
      call("zia_remove_urls_from_category", {
        category_id: "CUSTOM_01",
        urls: ["slack.com"],
        configured_name: "Approved SaaS",
      }, ctx));
    assert.deepEqual(removed.seen.map((s) => [s.line, s.query]), [
      [`PUT ${ZIA}/urlCategories/CUSTOM_01`, { action: "REMOVE_FROM_LIST" }],
    ], "a given name is not read again");
    assert.deepEqual(sim.tenant.zia.get("urlCategories", "CUSTOM_01")!.urls, [
      ".salesforce.com",
      ".atlassian.net",
      "notion.so",
    ]);
  });
  assert.match(
    refusal("zia_add_urls_to_category", { category_id: "../CUSTOM_01", urls: ["a.com"] })[0],
    /^category_id: /,
  );
  assert.match(
    refusal("zia_add_urls_to_category", { category_id: "CUSTOM_01", urls: [] })[0],
    /^urls/,
  );
});

Deno.test("predefined categories: found by id or display name; custom ones refused", async () => {
  await withSim(async ({ sim, ctx }) => {
    const got = await watch(
      sim,
      () => call("zia_get_url_category_predefined", { name: "social_networking" }, ctx),
    );
    assert.deepEqual(got.seen.map((s) => s.line), [`GET ${ZIA}/urlCategories`]);
    assert.equal(record(got.result).id, "SOCIAL_NETWORKING");
    await assert.rejects(
      call("zia_get_url_category_predefined", { name: "Approved SaaS" }, ctx),
      (e) => e instanceof ZscalerRequestError && /custom URL category/.test(e.message),
    );
    await assert.rejects(
      call("zia_get_url_category_predefined", { name: "No Such Category" }, ctx),
      (e) => e instanceof ZscalerRequestError && /No URL category/.test(e.message),
    );
    const before = sim.tenant.zia.get("urlCategories", "GAMBLING")!;
    const updated = await watch(
      sim,
      () =>
        call(
          "zia_update_url_category_predefined",
          { name: "GAMBLING", urls: ["bets.example"] },
          ctx,
        ),
    );
    assert.deepEqual(updated.seen.map((s) => s.line), [
      `GET ${ZIA}/urlCategories`,
      `PUT ${ZIA}/urlCategories/GAMBLING`,
    ]);
    const after = sim.tenant.zia.get("urlCategories", "GAMBLING")!;
    assert.deepEqual(after.urls, ["bets.example"]);
    assert.equal(after.superCategory, before.superCategory);
    const refused = await watch(sim, () =>
      assert.rejects(
        call("zia_update_url_category_predefined", { name: "CUSTOM_02", keywords: ["x"] }, ctx),
        /custom URL category/,
      ));
    assert.deepEqual(refused.seen.map((s) => s.line), [`GET ${ZIA}/urlCategories`]);
  });
  assert.match(refusal("zia_update_url_category_predefined", { name: "GAMBLING" })[0], /Nothing/);
});

Deno.test("GRE tunnels: a numbered tunnel takes the first free range; delete names the tunnel", async () => {
  await withSim(async ({ sim, ctx }) => {
    const created = await watch(
      sim,
      () =>
        call("zia_create_gre_tunnel", { static_ip_address: "198.51.100.20", comment: "Lab" }, ctx),
    );
    assert.deepEqual(created.seen.map((s) => [s.line, s.query]), [
      [`GET ${ZIA}/greTunnels/availableInternalIpRanges`, { staticIp: "198.51.100.20" }],
      [`POST ${ZIA}/greTunnels`, {}],
    ]);
    assert.deepEqual(created.seen[1].body, {
      sourceIp: "198.51.100.20",
      ipUnnumbered: false,
      internalIpRange: "172.17.0.16",
      comment: "Lab",
    });
    const id = record(created.result).id as number;
    assert.equal(created.result.note, ZIA_NOT_LIVE_NOTE);

    assert.deepEqual(await describeTarget("zia_delete_gre_tunnel", { tunnel_id: id }, ctx), {
      operation: "Delete",
      resourceType: "ZIA GRE tunnel",
      name: "198.51.100.20",
      id: String(id),
    });
    const removed = await watch(
      sim,
      () => call("zia_delete_gre_tunnel", { tunnel_id: id, static_ip_id: 1596002 }, ctx),
    );
    assert.deepEqual(removed.seen.map((s) => s.line), [
      `GET ${ZIA}/greTunnels/${id}`,
      `DELETE ${ZIA}/greTunnels/${id}`,
      `DELETE ${ZIA}/staticIP/1596002`,
    ]);
    assert.deepEqual(removed.result.data, {
      deleted: true,
      id,
      name: "198.51.100.20",
      static_ip_deleted: 1596002,
    });
    assert.equal(sim.tenant.zia.get("staticIP", 1596002), undefined);

    const unnumbered = await watch(
      sim,
      () =>
        call(
          "zia_create_gre_tunnel",
          { static_ip_address: "198.51.100.77", ip_unnumbered: true },
          ctx,
        )
          .catch((e) => e),
    );
    assert.deepEqual(unnumbered.seen.map((s) => s.line), [`POST ${ZIA}/greTunnels`]);
    assert.deepEqual(unnumbered.seen[0].body, { sourceIp: "198.51.100.77", ipUnnumbered: true });
  });
  assert.deepEqual(
    refusal("zia_create_gre_tunnel", {
      static_ip_address: "198.51.100.20",
      ip_unnumbered: true,
      internal_ip_range: "172.17.0.16",
    }),
    ["internal_ip_range: An unnumbered tunnel takes no internal_ip_range."],
  );
  assert.ok(refusal("zia_delete_gre_tunnel", { tunnel_id: "1597001" }).length > 0);
  assert.ok(refusal("zia_delete_gre_tunnel", { tunnel_id: 1, static_ip_id: -1 }).length > 0);
});

Deno.test("cloud app control: the rule type is in every path; create sends it as type", async () => {
  await withSim(async ({ sim, ctx }) => {
    const actions = await watch(
      sim,
      () =>
        call("zia_list_cloud_app_control_actions", {
          rule_type: "WEBMAIL",
          cloud_apps: ["GOOGLE_WEBMAIL"],
        }, ctx),
    );
    assert.deepEqual(actions.seen.map((s) => [s.line, s.body]), [
      [`POST ${ZIA}/webApplicationRules/WEBMAIL/availableActions`, {
        cloudApps: ["GOOGLE_WEBMAIL"],
      }],
    ]);
    assert.ok((actions.result.data as string[]).includes("BLOCK_WEBMAIL_ATTACHMENT_SEND"));

    const created = await watch(sim, () =>
      call("zia_create_cloud_app_control_rule", {
        rule_type: "WEBMAIL",
        name: "Block Attachments",
        actions: ["BLOCK_WEBMAIL_ATTACHMENT_SEND"],
        group_ids: [24327005],
      }, ctx));
    assert.deepEqual(created.seen.map((s) => s.line), [`POST ${ZIA}/webApplicationRules/WEBMAIL`]);
    assert.deepEqual(created.seen[0].body, {
      name: "Block Attachments",
      actions: ["BLOCK_WEBMAIL_ATTACHMENT_SEND"],
      rank: 7,
      groups: [{ id: 24327005 }],
      type: "WEBMAIL",
    });
    const id = record(created.result).id as number;

    const updated = await watch(
      sim,
      () =>
        call("zia_update_cloud_app_control_rule", {
          rule_type: "WEBMAIL",
          rule_id: id,
          state: "DISABLED",
        }, ctx),
    );
    assert.deepEqual(updated.seen.map((s) => s.line), [
      `GET ${ZIA}/webApplicationRules/WEBMAIL/${id}`,
      `PUT ${ZIA}/webApplicationRules/WEBMAIL/${id}`,
    ]);
    assert.deepEqual((updated.seen[1].body as { actions: string[] }).actions, [
      "BLOCK_WEBMAIL_ATTACHMENT_SEND",
    ]);

    assert.deepEqual(
      await describeTarget("zia_delete_cloud_app_control_rule", {
        rule_type: "WEBMAIL",
        rule_id: id,
      }, ctx),
      {
        operation: "Delete",
        resourceType: "ZIA cloud app control rule (WEBMAIL)",
        name: "Block Attachments",
        id: String(id),
      },
    );
    const removed = await call("zia_delete_cloud_app_control_rule", {
      rule_type: "WEBMAIL",
      rule_id: id,
    }, ctx);
    assert.deepEqual(removed.data, { deleted: true, id, name: "Block Attachments" });
    await assert.rejects(
      call("zia_get_cloud_app_control_rule", { rule_type: "WEBMAIL", rule_id: id }, ctx),
      (e) => e instanceof ZscalerApiError && e.status === 404,
    );
  });
  assert.match(
    refusal("zia_list_cloud_app_control_rules", { rule_type: "webmail" })[0],
    /^rule_type: /,
  );
  assert.match(
    refusal("zia_list_cloud_app_control_rules", { rule_type: "../x" })[0],
    /^rule_type: /,
  );
  assert.match(
    refusal("zia_create_cloud_app_control_rule", { rule_type: "WEBMAIL", name: "x" })[0],
    /^actions: /,
  );
  assert.match(
    refusal("zia_update_cloud_app_control_rule", { rule_type: "WEBMAIL", rule_id: 1 })[0],
    /Nothing to change/,
  );
});

Deno.test("settings objects: named settings are merged; unknown names and wrong types write nothing", async () => {
  await withSim(async ({ sim, ctx }) => {
    const before = (await call("zia_get_advanced_settings", {}, ctx)).data as Record<
      string,
      unknown
    >;
    const changed = await watch(sim, () =>
      call("zia_update_advanced_settings", {
        settings: {
          enable_dns_resolution_on_transparent_proxy: false,
          authBypassUrls: [".x.example"],
        },
      }, ctx));
    assert.deepEqual(changed.seen.map((s) => s.line), [
      `GET ${ZIA}/advancedSettings`,
      `PUT ${ZIA}/advancedSettings`,
    ]);
    const put = changed.seen[1].body as Record<string, unknown>;
    assert.equal(put.enableDnsResolutionOnTransparentProxy, false, "snake_case name accepted");
    assert.deepEqual(put.authBypassUrls, [".x.example"]);
    assert.deepEqual(
      Object.keys(put).sort(),
      Object.keys(before).sort(),
      "the whole object is sent",
    );
    assert.equal(changed.result.note, ZIA_NOT_LIVE_NOTE);

    for (
      const settings of [
        { noSuchSetting: true },
        { enableDnsResolutionOnTransparentProxy: "yes" },
        { authBypassUrls: true },
      ]
    ) {
      const refused = await watch(sim, () =>
        assert.rejects(
          call("zia_update_advanced_settings", { settings }, ctx),
          (e) => e instanceof ZscalerRequestError && /^Nothing was changed: /.test(e.message),
        ));
      assert.deepEqual(
        refused.seen.map((s) => s.line),
        [`GET ${ZIA}/advancedSettings`],
        JSON.stringify(settings),
      );
    }

    const policy = await watch(
      sim,
      () => call("zia_update_atp_malware_policy", { block_unscannable_files: true }, ctx),
    );
    assert.deepEqual(policy.seen[1].body, {
      blockUnscannableFiles: true,
      blockPasswordProtectedArchiveFiles: true,
    });
  });
  assert.match(refusal("zia_update_advanced_settings", { settings: {} })[0], /^settings: /);
  assert.match(refusal("zia_update_advanced_settings", { settings: { "a.b": 1 } })[0], /^settings/);
  assert.match(
    refusal("zia_update_advanced_settings", { settings: { x: { y: 1 } } })[0],
    /^settings/,
  );
  assert.match(refusal("zia_update_atp_malware_policy", {})[0], /Nothing to change/);
  assert.match(
    refusal("zia_update_atp_malware_policy", { block_unscannable_files: "yes" })[0],
    /^block_/,
  );
});

Deno.test("URL lists: add and remove send the action; removal is confirmed with what is on the list", async () => {
  await withSim(async ({ sim, ctx }) => {
    const added = await watch(
      sim,
      () => call("zia_add_atp_malicious_urls", { malicious_urls: ["bad.example.net"] }, ctx),
    );
    assert.deepEqual(added.seen.map((s) => [s.line, s.query, s.body]), [
      [`PUT ${ZIA}/cyberThreatProtection/maliciousUrls`, { action: "ADD_TO_LIST" }, {
        maliciousUrls: ["bad.example.net"],
      }],
    ]);
    const listed = await call("zia_list_atp_malicious_urls", { search: "bad.example" }, ctx);
    assert.deepEqual(listed.data, ["bad.example.net"]);

    const target = await describeTarget(
      "zia_delete_atp_malicious_urls",
      { malicious_urls: ["bad.example.net", "never.example"] },
      ctx,
    );
    assert.deepEqual(target, {
      operation: "Remove",
      resourceType: "entries of the ZIA ATP malicious URL denylist",
      name: "bad.example.net, never.example",
      detail: "2 URL(s), 1 of them on the list now.",
    });
    const exempt = await watch(
      sim,
      () => call("zia_delete_auth_exempt_urls", { exempt_urls: [".okta.com"] }, ctx),
    );
    assert.deepEqual(exempt.seen.map((s) => [s.line, s.query, s.body]), [
      [`POST ${ZIA}/authSettings/exemptedUrls`, { action: "REMOVE_FROM_LIST" }, {
        urls: [".okta.com"],
      }],
    ]);
    assert.deepEqual((await call("zia_list_auth_exempt_urls", {}, ctx)).data, [
      "login.microsoftonline.com",
    ]);
  });
  assert.ok(refusal("zia_add_auth_exempt_urls", { exempt_urls: [] }).length > 0);
  assert.ok(refusal("zia_add_auth_exempt_urls", { urls: ["a.com"] }).length > 0);
});

Deno.test("shadow IT: the catalog pages by pageNumber; bulk sanctioning maps states and is confirmed", async () => {
  await withSim(async ({ sim, ctx }) => {
    const listed = await watch(sim, () => call("zia_list_shadow_it_apps", {}, ctx));
    assert.deepEqual(listed.seen.map((s) => [s.line, s.query]), [
      [`GET ${ZIA}/cloudApplications/lite`, { pageNumber: "0", limit: "1000" }],
    ]);
    assert.ok((listed.result.data as unknown[]).length >= 2);

    const target = await describeTarget(
      "zia_bulk_update_shadow_it_apps",
      { sanction_state: "unsanctioned", application_ids: [674, 676], custom_tag_ids: [2] },
      ctx,
    );
    assert.deepEqual(target, {
      operation: "Set sanction state",
      resourceType: "ZIA shadow IT applications",
      detail: "2 application(s) (ids 674, 676) become unsanctioned with custom tags 2.",
    });
    const bulk = await watch(sim, () =>
      call("zia_bulk_update_shadow_it_apps", {
        sanction_state: "unsanctioned",
        application_ids: [674, 676],
        custom_tag_ids: [2],
      }, ctx));
    assert.deepEqual(bulk.seen.map((s) => [s.line, s.body]), [
      [`PUT ${ZIA}/cloudApplications/bulkUpdate`, {
        sanctionedState: "UN_SANCTIONED",
        applicationIds: [674, 676],
        customTags: [{ id: 2 }],
      }],
    ]);
    const state = (id: number) => sim.tenant.zia.get("shadowItApps", id)?.sanctionedState;
    assert.equal(state(674), "UN_SANCTIONED");
    assert.equal(state(676), "UN_SANCTIONED");
    assert.equal(state(671), "SANCTIONED", "others untouched");
  });
  assert.match(
    refusal("zia_bulk_update_shadow_it_apps", {
      sanction_state: "SANCTIONED",
      application_ids: [1],
    })[0],
    /^sanction_state: /,
  );
  assert.match(
    refusal("zia_bulk_update_shadow_it_apps", { sanction_state: "any", application_ids: [] })[0],
    /^application_ids: /,
  );
});

Deno.test("sandbox reports: an MD5 hash and a detail level, nothing else", async () => {
  await withSim(async ({ sim, ctx }) => {
    const report = await watch(
      sim,
      () =>
        call("zia_get_sandbox_report", {
          md5_hash: "D41D8CD98F00B204E9800998ECF8427E",
          report_details: "full",
        }, ctx),
    );
    assert.deepEqual(report.seen.map((s) => [s.line, s.query]), [
      [`GET ${ZIA}/sandbox/report/d41d8cd98f00b204e9800998ecf8427e`, { details: "full" }],
    ]);
  });
  assert.equal(tool("zia_get_sandbox_report").untrusted, true);
  for (const md5_hash of ["", "xyz", "d41d8cd98f00b204e9800998ecf8427e0", "../quota"]) {
    assert.match(refusal("zia_get_sandbox_report", { md5_hash })[0], /^md5_hash: /);
  }
  assert.match(
    refusal("zia_get_sandbox_report", {
      md5_hash: "d41d8cd98f00b204e9800998ecf8427e",
      report_details: "all",
    })[0],
    /^report_details: /,
  );
});

Deno.test("users, groups, departments: list with filters or read one by id; all untrusted", async () => {
  await withSim(async ({ sim, ctx }) => {
    const users = await watch(sim, () => call("get_zia_users", { dept: "Eng", name: "Al" }, ctx));
    assert.deepEqual(users.seen.map((s) => [s.line, s.query.dept, s.query.name, s.query.page]), [
      [`GET ${ZIA}/users`, "Eng", "Al", "1"],
    ]);
    const one = await watch(sim, () => call("get_zia_users", { user_id: 165300001 }, ctx));
    assert.deepEqual(one.seen.map((s) => s.line), [`GET ${ZIA}/users/165300001`]);
    assert.equal((one.result.data as { id: number }[])[0].id, 165300001);
    assert.equal(one.result.list, true);

    const groups = await call("get_zia_user_groups", { name: "ENGINEERING" }, ctx);
    assert.deepEqual((groups.data as { name: string }[]).map((g) => g.name), ["Engineering-All"]);
    const lite = await watch(
      sim,
      () => call("get_zia_user_departments", { action: "read_lite", department_id: 24326902 }, ctx),
    );
    assert.deepEqual(lite.seen.map((s) => s.line), [`GET ${ZIA}/departments/lite/24326902`]);
  });
  for (const name of ["get_zia_users", "get_zia_user_groups", "get_zia_user_departments"]) {
    assert.equal(tool(name).untrusted, true, name);
  }
  assert.deepEqual(refusal("get_zia_user_departments", { action: "read_lite" }), [
    "department_id: read_lite needs department_id",
  ]);
  assert.match(refusal("get_zia_users", { user_id: "165300001" })[0], /^user_id: /);
  assert.match(refusal("get_zia_user_groups", { sort_by: "email" })[0], /^sort_by: /);
});

Deno.test("DLP dictionaries and engines: full list, lite list, or one by id", async () => {
  await withSim(async ({ sim, ctx }) => {
    const full = await watch(sim, () => call("get_zia_dlp_engines", { search: "pci" }, ctx));
    assert.deepEqual(full.seen.map((s) => s.line), [`GET ${ZIA}/dlpEngines`]);
    assert.ok((full.result.data as { name: string }[]).every((e) => /pci/i.test(e.name)));
    const lite = await watch(
      sim,
      () => call("get_zia_dlp_dictionaries", { action: "read_lite" }, ctx),
    );
    assert.deepEqual(lite.seen.map((s) => s.line), [`GET ${ZIA}/dlpDictionaries/lite`]);
    const id = (lite.result.data as { id: number }[])[0].id;
    const one = await watch(sim, () => call("get_zia_dlp_dictionaries", { dict_id: id }, ctx));
    assert.deepEqual(one.seen.map((s) => s.line), [`GET ${ZIA}/dlpDictionaries/${id}`]);
  });
  assert.match(refusal("get_zia_dlp_engines", { engine_id: "x" })[0], /^engine_id: /);
  assert.match(refusal("get_zia_dlp_dictionaries", { action: "write" })[0], /^action: /);
});

Deno.test("VPN credentials: the pre-shared key is sent but never returned; type rules apply", async () => {
  await withSim(async ({ sim, ctx }) => {
    const psk = "s3cret-psk-value";
    const created = await watch(sim, () =>
      call("zia_create_vpn_credential", {
        credential_type: "UFQDN",
        fqdn: "lab@acme-sim.example",
        pre_shared_key: psk,
      }, ctx));
    assert.deepEqual(created.seen[0].body, {
      type: "UFQDN",
      fqdn: "lab@acme-sim.example",
      preSharedKey: psk,
    });
    const id = record(created.result).id as number;
    const updated = await watch(
      sim,
      () => call("zia_update_vpn_credential", { credential_id: id, comments: "rotated" }, ctx),
    );
    const stored = sim.tenant.zia.get("vpnCredentials", id)!;
    assert.equal(stored.comments, "rotated");
    for (
      const out of [
        created.result,
        updated.result,
        await call("zia_get_vpn_credential", { credential_id: id }, ctx),
      ]
    ) {
      const text = JSON.stringify(out.data);
      assert.ok(!text.includes(psk), "the key never reaches a result");
      const key = (out.data as { preSharedKey?: unknown }).preSharedKey;
      assert.ok(key === undefined || key === REDACTED);
    }
  });
  assert.deepEqual(
    refusal("zia_create_vpn_credential", { credential_type: "IP", pre_shared_key: "abcdefgh" }),
    [": A credential of type IP needs ip_address."],
  );
  assert.match(
    refusal("zia_create_vpn_credential", { credential_type: "CN", pre_shared_key: "abcdefgh" })[0],
    /^credential_type: /,
  );
  assert.match(
    refusal("zia_create_vpn_credential", {
      credential_type: "UFQDN",
      fqdn: "a@b.c",
      pre_shared_key: "short",
    })[0],
    /^pre_shared_key: /,
  );
  assert.match(
    refusal("zia_update_vpn_credential", { credential_id: 1, fqdn: "a@b.c" })[0],
    /fqdn/,
  );
});

Deno.test("argument mappings: network service ports, SSL actions, file type and sandbox actions", async () => {
  await withSim(async ({ sim, ctx }) => {
    const service = await watch(sim, () =>
      call("zia_create_network_service", {
        name: "Admin",
        ports: [
          { direction: "dest", protocol: "tcp", start: 8443 },
          { direction: "dest", protocol: "udp", start: 5000, end: 5100 },
          { direction: "src", protocol: "tcp", start: 1024, end: 65535 },
        ],
      }, ctx));
    assert.deepEqual(service.seen[0].body, {
      name: "Admin",
      srcTcpPorts: [{ start: 1024, end: 65535 }],
      destTcpPorts: [{ start: 8443 }],
      srcUdpPorts: [],
      destUdpPorts: [{ start: 5000, end: 5100 }],
      type: "CUSTOM",
    });
    const ssl = await watch(
      sim,
      () =>
        call("zia_create_ssl_inspection_rule", { name: "Bypass", action: "DO_NOT_DECRYPT" }, ctx),
    );
    assert.deepEqual((ssl.seen[0].body as { action: unknown }).action, { type: "DO_NOT_DECRYPT" });
    const fileType = await watch(
      sim,
      () => call("zia_create_file_type_control_rule", { name: "Exe", action: "BLOCK" }, ctx),
    );
    assert.equal((fileType.seen[0].body as { filteringAction: string }).filteringAction, "BLOCK");
    const sandbox = await watch(
      sim,
      () => call("zia_create_sandbox_rule", { name: "Sbx", action: "BLOCK" }, ctx),
    );
    assert.equal((sandbox.seen[0].body as { baRuleAction: string }).baRuleAction, "BLOCK");
    await assert.rejects(
      call("zia_update_network_service", { service_id: 774001, description: "x" }, ctx),
      (e) => e instanceof ZscalerRequestError && /only custom services/.test(e.message),
    );
  });
  assert.deepEqual(
    refusal("zia_create_network_service", {
      name: "x",
      ports: [{ direction: "dest", protocol: "tcp", start: 90, end: 80 }],
    }),
    ["ports.0.end: end must not be smaller than start"],
  );
  assert.match(
    refusal("zia_create_network_service", {
      name: "x",
      ports: [{ direction: "in", protocol: "tcp", start: 1 }],
    })[0],
    /^ports\.0\.direction: /,
  );
  assert.match(
    refusal("zia_create_ssl_inspection_rule", { name: "x", action: "SKIP" })[0],
    /^action: /,
  );
  assert.match(
    refusal("zia_create_ip_destination_group", { name: "x", type: "DSTN_FQDN" })[0],
    /needs at least one entry in addresses/,
  );
  assert.match(
    refusal("zia_create_time_interval", {
      name: "x",
      start_time: 0,
      end_time: 1440,
      days_of_week: ["MON"],
    })[0],
    /^end_time: /,
  );
});
