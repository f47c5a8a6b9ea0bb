/**
 * ZIA write tools against the simulated tenant: the requests they send, the state they leave,
 * merged updates, confirmations that name their target, and activation.
 */

import assert from "node:assert/strict";
import { ZscalerApiError, ZscalerRequestError } from "../../lib/zscaler/mod.ts";
import { ZIA_NOT_LIVE_NOTE } from "../../lib/tools/zia/writes.ts";
import { call, describeTarget, record, recording, withSim } from "./_sim.ts";

const ZIA = "/zia/api/v1";

Deno.test("zia_create_url_filtering_rule posts camelCase fields and leaves the change pending", async () => {
  await withSim(async ({ sim, ctx }) => {
    assert.equal(sim.tenant.zia.status, "ACTIVE");
    const { result, sent, lines } = await recording(
      sim,
      () =>
        call("zia_create_url_filtering_rule", {
          name: "Block Betting Sites",
          description: "No betting at work",
          action: "BLOCK",
          url_categories: ["GAMBLING", "CUSTOM_02"],
          protocols: ["HTTPS_RULE", "HTTP_RULE"],
          group_ids: [24327001],
          department_ids: [24326902],
          state: "ENABLED",
        }, ctx),
    );
    assert.deepEqual(lines, [`POST ${ZIA}/urlFilteringRules`]);
    assert.deepEqual(sent[0].body, {
      name: "Block Betting Sites",
      description: "No betting at work",
      rank: 7,
      state: "ENABLED",
      groups: [{ id: 24327001 }],
      departments: [{ id: 24326902 }],
      action: "BLOCK",
      urlCategories: ["GAMBLING", "CUSTOM_02"],
      protocols: ["HTTPS_RULE", "HTTP_RULE"],
    });
    const created = record(result);
    assert.equal(typeof created.id, "number");
    assert.equal(result.note, ZIA_NOT_LIVE_NOTE);
    assert.match(result.note!, /zia_activate_configuration/);
    const stored = sim.tenant.zia.get("urlFilteringRules", created.id as number);
    assert.ok(stored);
    assert.equal(stored.name, "Block Betting Sites");
    assert.deepEqual(stored.groups, [{ id: 24327001, name: "Engineering-All" }]);
    assert.deepEqual(stored.urlCategories, ["GAMBLING", "CUSTOM_02"]);
    assert.equal(sim.tenant.zia.status, "PENDING");
  });
});

Deno.test("zia_update_url_filtering_rule reads, merges only the given fields, and puts", async () => {
  await withSim(async ({ sim, ctx }) => {
    const before = sim.tenant.zia.get("urlFilteringRules", 1690001)!;
    const { result, sent, lines } = await recording(sim, () =>
      call(
        "zia_update_url_filtering_rule",
        { rule_id: 1690001, description: "Reviewed", state: "DISABLED", location_ids: [] },
        ctx,
      ));
    assert.deepEqual(lines, [
      `GET ${ZIA}/urlFilteringRules/1690001`,
      `PUT ${ZIA}/urlFilteringRules/1690001`,
    ]);
    const put = sent[1].body as Record<string, unknown>;
    assert.equal(put.action, "BLOCK", "fields not given are sent as they were");
    assert.deepEqual(put.departments, before.departments);
    assert.deepEqual(put.locations, []);
    const after = sim.tenant.zia.get("urlFilteringRules", 1690001)!;
    assert.equal(after.description, "Reviewed");
    assert.equal(after.state, "DISABLED");
    assert.equal(after.name, before.name);
    assert.equal(after.action, before.action);
    assert.deepEqual(after.urlCategories, before.urlCategories);
    assert.deepEqual(after.departments, before.departments);
    assert.equal(after.order, before.order);
    assert.equal(record(result).description, "Reviewed");
    assert.equal(result.note, ZIA_NOT_LIVE_NOTE);
    assert.equal(sim.tenant.zia.status, "PENDING");
  });
});

Deno.test("zia_delete_url_filtering_rule: the confirmation names the rule; the delete returns it", async () => {
  await withSim(async ({ sim, ctx }) => {
    const described = await recording(
      sim,
      () => describeTarget("zia_delete_url_filtering_rule", { rule_id: 1690001 }, ctx),
    );
    assert.deepEqual(described.result, {
      operation: "Delete",
      resourceType: "ZIA URL filtering rule",
      name: "Block Social Media",
      id: "1690001",
    });
    assert.deepEqual(described.lines, [`GET ${ZIA}/urlFilteringRules/1690001`], "only a read");
    assert.equal(sim.tenant.zia.status, "ACTIVE");

    const missing = await describeTarget(
      "zia_delete_url_filtering_rule",
      { rule_id: 424242 },
      ctx,
    );
    assert.deepEqual(missing, {
      operation: "Delete",
      resourceType: "ZIA URL filtering rule",
      id: "424242",
    });

    const { result, lines } = await recording(
      sim,
      () => call("zia_delete_url_filtering_rule", { rule_id: 1690001 }, ctx),
    );
    assert.deepEqual(lines, [
      `GET ${ZIA}/urlFilteringRules/1690001`,
      `DELETE ${ZIA}/urlFilteringRules/1690001`,
    ]);
    assert.deepEqual(result.data, { deleted: true, id: 1690001, name: "Block Social Media" });
    assert.equal(result.note, ZIA_NOT_LIVE_NOTE);
    assert.equal(sim.tenant.zia.get("urlFilteringRules", 1690001), undefined);
    assert.equal(sim.tenant.zia.status, "PENDING");

    await assert.rejects(
      call("zia_delete_url_filtering_rule", { rule_id: 1690001 }, ctx),
      (error) => error instanceof ZscalerApiError && error.status === 404,
    );
  });
});

Deno.test("cloud firewall rules: create, merged update, delete; default rules stay", async () => {
  await withSim(async ({ sim, ctx }) => {
    const created = await recording(sim, () =>
      call("zia_create_cloud_firewall_rule", {
        name: "Block Exfil Hosts",
        action: "BLOCK_DROP",
        order: 1,
        src_ips: ["192.168.100.0/24", "192.168.200.1"],
        dest_addresses: ["3.217.228.0-3.217.231.255", "paste.example.com"],
        dest_countries: ["COUNTRY_KP"],
        location_ids: [149870001],
        user_ids: [],
      }, ctx));
    assert.deepEqual(created.lines, [`POST ${ZIA}/firewallFilteringRules`]);
    assert.deepEqual(created.sent[0].body, {
      name: "Block Exfil Hosts",
      order: 1,
      rank: 7,
      locations: [{ id: 149870001 }],
      users: [],
      action: "BLOCK_DROP",
      srcIps: ["192.168.100.0/24", "192.168.200.1"],
      destAddresses: ["3.217.228.0-3.217.231.255", "paste.example.com"],
      destCountries: ["COUNTRY_KP"],
    });
    const id = record(created.result).id as number;
    assert.equal(created.result.note, ZIA_NOT_LIVE_NOTE);

    sim.tenant.zia.activate();
    const updated = await recording(
      sim,
      () => call("zia_update_cloud_firewall_rule", { rule_id: id, rank: 3 }, ctx),
    );
    assert.deepEqual(updated.lines, [
      `GET ${ZIA}/firewallFilteringRules/${id}`,
      `PUT ${ZIA}/firewallFilteringRules/${id}`,
    ]);
    const stored = sim.tenant.zia.get("firewallFilteringRules", id)!;
    assert.equal(stored.rank, 3);
    assert.deepEqual(stored.srcIps, ["192.168.100.0/24", "192.168.200.1"]);
    assert.deepEqual(stored.locations, [{ id: 149870001, name: "HQ - San Jose" }]);
    assert.equal(stored.action, "BLOCK_DROP");
    assert.equal(sim.tenant.zia.status, "PENDING");

    assert.deepEqual(
      await describeTarget("zia_delete_cloud_firewall_rule", { rule_id: id }, ctx),
      {
        operation: "Delete",
        resourceType: "ZIA cloud firewall rule",
        name: "Block Exfil Hosts",
        id: String(id),
      },
    );
    const removed = await call("zia_delete_cloud_firewall_rule", { rule_id: id }, ctx);
    assert.deepEqual(removed.data, { deleted: true, id, name: "Block Exfil Hosts" });
    assert.equal(sim.tenant.zia.get("firewallFilteringRules", id), undefined);

    await assert.rejects(
      call("zia_delete_cloud_firewall_rule", { rule_id: 1583099 }, ctx),
      (error) => error instanceof ZscalerApiError && error.status === 400,
    );
    assert.ok(sim.tenant.zia.get("firewallFilteringRules", 1583099), "the default rule stays");
  });
});

Deno.test("locations: create, merged update, delete", async () => {
  await withSim(async ({ sim, ctx }) => {
    const created = await recording(sim, () =>
      call("zia_create_location", {
        name: "Berlin Office",
        description: "Sales office",
        country: "GERMANY",
        tz: "GERMANY_EUROPE_BERLIN",
        ip_addresses: ["198.51.100.20"],
        auth_required: true,
        ssl_scan_enabled: true,
        xff_forward_enabled: false,
        up_bandwidth: 10_000,
        dn_bandwidth: 50_000,
      }, ctx));
    assert.deepEqual(created.lines, [`POST ${ZIA}/locations`]);
    assert.deepEqual(created.sent[0].body, {
      name: "Berlin Office",
      description: "Sales office",
      country: "GERMANY",
      tz: "GERMANY_EUROPE_BERLIN",
      ipAddresses: ["198.51.100.20"],
      authRequired: true,
      sslScanEnabled: true,
      xffForwardEnabled: false,
      upBandwidth: 10_000,
      dnBandwidth: 50_000,
    });
    const id = record(created.result).id as number;
    assert.equal(created.result.note, ZIA_NOT_LIVE_NOTE);

    const updated = await recording(
      sim,
      () => call("zia_update_location", { location_id: id, ssl_scan_enabled: false }, ctx),
    );
    assert.deepEqual(updated.lines, [`GET ${ZIA}/locations/${id}`, `PUT ${ZIA}/locations/${id}`]);
    const stored = sim.tenant.zia.get("locations", id)!;
    assert.equal(stored.sslScanEnabled, false);
    assert.equal(stored.authRequired, true);
    assert.deepEqual(stored.ipAddresses, ["198.51.100.20"]);
    assert.equal(stored.upBandwidth, 10_000);

    assert.deepEqual(
      await describeTarget("zia_delete_location", { location_id: 149870001 }, ctx),
      { operation: "Delete", resourceType: "ZIA location", name: "HQ - San Jose", id: "149870001" },
    );
    const removed = await recording(
      sim,
      () => call("zia_delete_location", { location_id: id }, ctx),
    );
    assert.deepEqual(removed.lines, [
      `GET ${ZIA}/locations/${id}`,
      `DELETE ${ZIA}/locations/${id}`,
    ]);
    assert.deepEqual(removed.result.data, { deleted: true, id, name: "Berlin Office" });
    assert.equal(sim.tenant.zia.get("locations", id), undefined);
    assert.equal(sim.tenant.zia.status, "PENDING");
  });
});

Deno.test("URL categories: custom ones are created, merged and deleted", async () => {
  await withSim(async ({ sim, ctx }) => {
    const created = await recording(sim, () =>
      call("zia_create_url_category", {
        configured_name: "Lab Sites",
        description: "Test lab hosts",
        urls: [".lab.example.com", "tools.example.net/path"],
        keywords: ["lab-only"],
      }, ctx));
    assert.deepEqual(created.lines, [`POST ${ZIA}/urlCategories`]);
    assert.deepEqual(created.sent[0].body, {
      configuredName: "Lab Sites",
      description: "Test lab hosts",
      superCategory: "USER_DEFINED",
      urls: [".lab.example.com", "tools.example.net/path"],
      keywords: ["lab-only"],
      type: "URL_CATEGORY",
      customCategory: true,
    });
    const category = record(created.result);
    assert.match(String(category.id), /^CUSTOM_\d+$/);
    assert.equal(created.result.note, ZIA_NOT_LIVE_NOTE);
    const id = category.id as string;

    const before = sim.tenant.zia.get("urlCategories", "CUSTOM_01")!;
    const updated = await recording(sim, () =>
      call("zia_update_url_category", {
        category_id: "CUSTOM_01",
        urls: [...(before.urls as string[]), "notion.so"],
      }, ctx));
    assert.deepEqual(updated.lines, [
      `GET ${ZIA}/urlCategories/CUSTOM_01`,
      `PUT ${ZIA}/urlCategories/CUSTOM_01`,
    ]);
    const after = sim.tenant.zia.get("urlCategories", "CUSTOM_01")!;
    assert.deepEqual(after.urls, [".salesforce.com", ".atlassian.net", "slack.com", "notion.so"]);
    assert.equal(after.configuredName, "Approved SaaS");
    assert.equal(after.description, before.description);

    assert.deepEqual(
      await describeTarget("zia_delete_url_category", { category_id: id }, ctx),
      { operation: "Delete", resourceType: "ZIA URL category", name: "Lab Sites", id },
    );
    const removed = await call("zia_delete_url_category", { category_id: id }, ctx);
    assert.deepEqual(removed.data, { deleted: true, id, name: "Lab Sites" });
    assert.equal(sim.tenant.zia.get("urlCategories", id), undefined);
  });
});

Deno.test("URL categories: predefined ones are refused before anything is written", async () => {
  await withSim(async ({ sim, ctx }) => {
    const update = await recording(sim, () =>
      assert.rejects(
        call("zia_update_url_category", { category_id: "SOCIAL_NETWORKING", urls: ["x.com"] }, ctx),
        (error) => error instanceof ZscalerRequestError && /predefined/.test(error.message),
      ));
    assert.deepEqual(update.lines, [`GET ${ZIA}/urlCategories/SOCIAL_NETWORKING`]);
    const remove = await recording(sim, () =>
      assert.rejects(
        call("zia_delete_url_category", { category_id: "SOCIAL_NETWORKING" }, ctx),
        (error) => error instanceof ZscalerRequestError && /predefined/.test(error.message),
      ));
    assert.deepEqual(remove.lines, [`GET ${ZIA}/urlCategories/SOCIAL_NETWORKING`]);
    assert.ok(sim.tenant.zia.get("urlCategories", "SOCIAL_NETWORKING"));
    assert.equal(sim.tenant.zia.status, "ACTIVE");
  });
});

Deno.test("an update refused by the API leaves the object as it was", async () => {
  await withSim(async ({ sim, ctx }) => {
    const before = sim.tenant.zia.get("urlFilteringRules", 1690002)!;
    await assert.rejects(
      call(
        "zia_update_url_filtering_rule",
        { rule_id: 1690002, name: "Block Social Media" },
        ctx,
      ),
      (error) => error instanceof ZscalerApiError && error.status === 409,
    );
    assert.deepEqual(sim.tenant.zia.get("urlFilteringRules", 1690002), before);
    assert.equal(sim.tenant.zia.status, "ACTIVE");
  });
});

Deno.test("zia_activate_configuration reads the status, activates, and says what happened", async () => {
  await withSim(async ({ sim, ctx }) => {
    await call("zia_update_location", { location_id: 149870002, description: "London" }, ctx);
    assert.equal(sim.tenant.zia.status, "PENDING");

    const described = await recording(
      sim,
      () => describeTarget("zia_activate_configuration", {}, ctx),
    );
    assert.deepEqual(described.result, {
      operation: "Activate",
      resourceType: "ZIA configuration",
      detail: "Current status: PENDING. Every saved ZIA change, by any administrator, goes " +
        "live; activation cannot be undone or cancelled.",
    });
    assert.deepEqual(described.lines, [`GET ${ZIA}/status`]);
    assert.equal(sim.tenant.zia.status, "PENDING", "describing changes nothing");

    const activated = await recording(sim, () => call("zia_activate_configuration", {}, ctx));
    assert.deepEqual(activated.lines, [`GET ${ZIA}/status`, `POST ${ZIA}/status/activate`]);
    assert.deepEqual(activated.result.data, { before: "PENDING", after: "ACTIVE" });
    assert.match(activated.result.note!, /now live/);
    assert.equal(sim.tenant.zia.status, "ACTIVE");

    const again = await call("zia_activate_configuration", {}, ctx);
    assert.deepEqual(again.data, { before: "ACTIVE", after: "ACTIVE" });
    assert.match(again.note!, /Nothing was pending/);
    assert.match(
      (await describeTarget("zia_activate_configuration", {}, ctx)).detail!,
      /^Current status: ACTIVE\. /,
    );
  });
});

Deno.test("confirmations never throw: an unreadable target is described by what is known", async () => {
  await withSim(async ({ sim, ctx }) => {
    sim.tenant.addFault({
      kind: "server-error",
      status: 500,
      times: Infinity,
      match: { method: "GET", pathPrefix: ZIA },
    });
    const activation = await describeTarget("zia_activate_configuration", {}, ctx);
    assert.equal(activation.operation, "Activate");
    assert.match(activation.detail!, /^Current status: unknown/);
    assert.deepEqual(
      await describeTarget("zia_delete_location", { location_id: 149870001 }, ctx),
      { operation: "Delete", resourceType: "ZIA location", id: "149870001" },
    );
  });
});
