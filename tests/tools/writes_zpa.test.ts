/**
 * ZPA write tools against the simulated tenant: POST 201, PUT 204 (so updates read again), the v2
 * segment group update path, DELETE 204, and referential refusals.
 */

import assert from "node:assert/strict";
import { ZscalerApiError } from "../../lib/zscaler/mod.ts";
import { call, describeTarget, record, recording, refusal, withSim } from "./_sim.ts";

const ENGINEERING_APPS = "216196257331440002";
const CORPORATE_APPS = "216196257331440001";
const WEB_SERVERS = "216196257331430001";
const AWS_SERVERS = "216196257331430003";
const JIRA = "216196257331450001";
const SSH_BASTION = "216196257331450003";
const SJC_CONNECTORS = "216196257331410001";

Deno.test("zpa_create_application_segment posts both port range shapes and returns the segment", async () => {
  await withSim(async ({ sim, ctx, zpaBase }) => {
    const { result, sent, lines } = await recording(
      sim,
      () =>
        call("zpa_create_application_segment", {
          name: "Grafana",
          description: "Dashboards",
          domain_names: ["grafana.acme-sim.example"],
          segment_group_id: ENGINEERING_APPS,
          server_group_ids: [WEB_SERVERS, AWS_SERVERS],
          tcp_port_ranges: [{ from: 3000, to: 3000 }, { from: 8443, to: 8445 }],
          bypass_type: "NEVER",
          health_reporting: "ON_ACCESS",
        }, ctx),
    );
    assert.deepEqual(lines, [`POST ${zpaBase}/application`]);
    assert.deepEqual(sent[0].body, {
      name: "Grafana",
      description: "Dashboards",
      domainNames: ["grafana.acme-sim.example"],
      segmentGroupId: ENGINEERING_APPS,
      serverGroups: [{ id: WEB_SERVERS }, { id: AWS_SERVERS }],
      tcpPortRange: [{ from: "3000", to: "3000" }, { from: "8443", to: "8445" }],
      tcpPortRanges: ["3000", "3000", "8443", "8445"],
      bypassType: "NEVER",
      healthReporting: "ON_ACCESS",
    });
    const created = record(result);
    assert.match(String(created.id), /^\d+$/);
    assert.equal(result.note, undefined, "ZPA has no activation step");
    const stored = sim.tenant.zpa.get("application", created.id as string)!;
    assert.equal(stored.name, "Grafana");
    assert.equal(stored.segmentGroupName, "Engineering Apps");
    assert.deepEqual(stored.tcpPortRanges, ["3000", "3000", "8443", "8445"]);
    assert.deepEqual(created, stored);
  });
});

Deno.test("zpa_update_application_segment merges, puts (204) and reads the result back", async () => {
  await withSim(async ({ sim, ctx, zpaBase }) => {
    const before = sim.tenant.zpa.get("application", JIRA)!;
    const { result, sent, lines } = await recording(
      sim,
      () =>
        call("zpa_update_application_segment", {
          segment_id: JIRA,
          description: "Issue tracking (moved)",
          tcp_port_ranges: [{ from: 443, to: 443 }, { from: 8080, to: 8080 }],
        }, ctx),
    );
    assert.deepEqual(lines, [
      `GET ${zpaBase}/application/${JIRA}`,
      `PUT ${zpaBase}/application/${JIRA}`,
      `GET ${zpaBase}/application/${JIRA}`,
    ]);
    const put = sent[1].body as Record<string, unknown>;
    assert.deepEqual(put.tcpPortRanges, ["443", "443", "8080", "8080"]);
    assert.deepEqual(put.tcpPortRange, [{ from: "443", to: "443" }, { from: "8080", to: "8080" }]);
    const after = sim.tenant.zpa.get("application", JIRA)!;
    assert.equal(after.description, "Issue tracking (moved)");
    assert.deepEqual(after.tcpPortRanges, ["443", "443", "8080", "8080"]);
    assert.equal(after.name, before.name);
    assert.deepEqual(after.domainNames, before.domainNames);
    assert.equal(after.segmentGroupId, before.segmentGroupId);
    assert.deepEqual(after.serverGroups, before.serverGroups);
    assert.equal(after.creationTime, before.creationTime);
    assert.deepEqual(result.data, after);

    await call("zpa_update_application_segment", { segment_id: JIRA, enabled: false }, ctx);
    const disabled = sim.tenant.zpa.get("application", JIRA)!;
    assert.equal(disabled.enabled, false);
    assert.deepEqual(disabled.tcpPortRanges, ["443", "443", "8080", "8080"], "ports kept");
  });
});

Deno.test("zpa_delete_application_segment: confirmation, delete, and no forced delete", async () => {
  await withSim(async ({ sim, ctx, zpaBase }) => {
    assert.deepEqual(
      await describeTarget("zpa_delete_application_segment", { segment_id: JIRA }, ctx),
      { operation: "Delete", resourceType: "ZPA application segment", name: "Jira", id: JIRA },
    );
    assert.deepEqual(
      await describeTarget("zpa_delete_application_segment", { segment_id: "999" }, ctx),
      { operation: "Delete", resourceType: "ZPA application segment", id: "999" },
    );
    const { result, lines } = await recording(
      sim,
      () => call("zpa_delete_application_segment", { segment_id: JIRA }, ctx),
    );
    assert.deepEqual(lines, [
      `GET ${zpaBase}/application/${JIRA}`,
      `DELETE ${zpaBase}/application/${JIRA}`,
    ]);
    assert.deepEqual(result.data, { deleted: true, id: JIRA, name: "Jira" });
    assert.equal(sim.tenant.zpa.get("application", JIRA), undefined);

    const refused = await recording(sim, () =>
      assert.rejects(
        call("zpa_delete_application_segment", { segment_id: SSH_BASTION }, ctx),
        (error) => error instanceof ZscalerApiError && error.status === 400,
      ));
    const deletes = sim.tenant.requests.filter((r) => r.method === "DELETE");
    assert.deepEqual(deletes.at(-1)?.query, {}, "never ?forceDelete=true");
    assert.equal(refused.lines.at(-1), `DELETE ${zpaBase}/application/${SSH_BASTION}`);
    assert.ok(sim.tenant.zpa.get("application", SSH_BASTION), "still referenced by a rule");
  });
});

Deno.test("segment groups: create (v1), update through v2, delete", async () => {
  await withSim(async ({ sim, ctx, zpaBase, zpaBaseV2 }) => {
    const created = await recording(
      sim,
      () => call("zpa_create_segment_group", { name: "QA Apps", enabled: true }, ctx),
    );
    assert.deepEqual(created.lines, [`POST ${zpaBase}/segmentGroup`]);
    assert.deepEqual(created.sent[0].body, { name: "QA Apps", enabled: true });
    const id = record(created.result).id as string;
    assert.equal(sim.tenant.zpa.get("segmentGroup", id)?.name, "QA Apps");

    const before = sim.tenant.zpa.get("segmentGroup", CORPORATE_APPS)!;
    const updated = await recording(sim, () =>
      call("zpa_update_segment_group", {
        group_id: CORPORATE_APPS,
        description: "Everything company-wide",
      }, ctx));
    assert.deepEqual(updated.lines, [
      `GET ${zpaBase}/segmentGroup/${CORPORATE_APPS}`,
      `PUT ${zpaBaseV2}/segmentGroup/${CORPORATE_APPS}`,
      `GET ${zpaBase}/segmentGroup/${CORPORATE_APPS}`,
    ]);
    const after = sim.tenant.zpa.get("segmentGroup", CORPORATE_APPS)!;
    assert.equal(after.description, "Everything company-wide");
    assert.equal(after.name, before.name);
    assert.equal(after.enabled, before.enabled);
    assert.deepEqual(after.applications, before.applications, "its segments stay in it");
    assert.deepEqual(updated.result.data, after);

    assert.deepEqual(
      await describeTarget("zpa_delete_segment_group", { group_id: id }, ctx),
      { operation: "Delete", resourceType: "ZPA segment group", name: "QA Apps", id },
    );
    const removed = await recording(
      sim,
      () => call("zpa_delete_segment_group", { group_id: id }, ctx),
    );
    assert.deepEqual(removed.lines, [
      `GET ${zpaBase}/segmentGroup/${id}`,
      `DELETE ${zpaBase}/segmentGroup/${id}`,
    ]);
    assert.deepEqual(removed.result.data, { deleted: true, id, name: "QA Apps" });
    assert.equal(sim.tenant.zpa.get("segmentGroup", id), undefined);

    await assert.rejects(
      call("zpa_delete_segment_group", { group_id: CORPORATE_APPS }, ctx),
      (error) => error instanceof ZscalerApiError && error.status === 400,
    );
    assert.ok(sim.tenant.zpa.get("segmentGroup", CORPORATE_APPS), "a group in use stays");
  });
});

Deno.test("an application segment naming a missing segment group is refused by ZPA", async () => {
  await withSim(async ({ sim, ctx }) => {
    const count = sim.tenant.zpa.collection("application").length;
    await assert.rejects(
      call("zpa_create_application_segment", {
        name: "Orphan",
        domain_names: ["orphan.acme-sim.example"],
        segment_group_id: "216196257331449999",
        server_group_ids: [WEB_SERVERS],
        udp_port_ranges: [{ from: 53, to: 53 }],
      }, ctx),
      (error) => error instanceof ZscalerApiError && error.status === 400,
    );
    assert.equal(sim.tenant.zpa.collection("application").length, count);
  });
});

Deno.test("server groups: dynamic discovery by default; pinned servers need server_ids", async () => {
  assert.deepEqual(
    refusal("zpa_create_server_group", {
      name: "x",
      app_connector_group_ids: ["1"],
      dynamic_discovery: false,
    }),
    [": Give server_ids when dynamic_discovery is false."],
  );
  assert.match(
    refusal("zpa_create_server_group", { name: "x", app_connector_group_ids: [] })[0],
    /^app_connector_group_ids: /,
  );
  await withSim(async ({ sim, ctx, zpaBase }) => {
    const { result, sent, lines } = await recording(sim, () =>
      call("zpa_create_server_group", {
        name: "QA Servers",
        app_connector_group_ids: [SJC_CONNECTORS],
      }, ctx));
    assert.deepEqual(lines, [`POST ${zpaBase}/serverGroup`]);
    assert.deepEqual(sent[0].body, {
      name: "QA Servers",
      appConnectorGroups: [{ id: SJC_CONNECTORS }],
      dynamicDiscovery: true,
    });
    assert.equal(record(result).name, "QA Servers");
  });
});

Deno.test("connector and service edge groups: coordinates, countries and windows are checked and sent as ZPA stores them", async () => {
  for (const latitude of ["91", "north", "37,3", ""]) {
    assert.match(
      refusal("zpa_create_app_connector_group", { name: "x", latitude })[0],
      /^latitude: /,
      latitude,
    );
  }
  assert.match(
    refusal("zpa_create_app_connector_group", { name: "x", country_code: "usa" })[0],
    /^country_code: must be an ISO alpha-2 country code/,
  );
  assert.match(
    refusal("zpa_create_app_connector_group", { name: "x", upgrade_day: "Sunday" })[0],
    /^upgrade_day: /,
  );
  assert.match(
    refusal("zpa_create_service_edge_group", { name: "x", location: "y" })[0],
    /^latitude: /,
  );
  await withSim(async ({ sim, ctx, zpaBase }) => {
    const acg = await recording(sim, () =>
      call("zpa_create_app_connector_group", {
        name: "MAN-DC4 Connectors",
        location: "London, UK",
        latitude: "51.5072",
        longitude: "-0.1276",
        country_code: "GB",
        upgrade_day: "SATURDAY",
        upgrade_time_in_secs: 3600,
      }, ctx));
    assert.deepEqual(acg.lines, [`POST ${zpaBase}/appConnectorGroup`]);
    assert.deepEqual(acg.sent[0].body, {
      name: "MAN-DC4 Connectors",
      location: "London, UK",
      latitude: "51.5072",
      longitude: "-0.1276",
      countryCode: "GB",
      upgradeDay: "SATURDAY",
      upgradeTimeInSecs: "3600",
    });
    const edges = await recording(sim, () =>
      call("zpa_create_service_edge_group", {
        name: "MAN Service Edges",
        location: "London, UK",
        latitude: "51.5072",
        longitude: "-0.1276",
        is_public: false,
        grace_distance_enabled: true,
        grace_distance_value: 25,
        grace_distance_value_unit: "MILES",
      }, ctx));
    assert.deepEqual(edges.lines, [`POST ${zpaBase}/serviceEdgeGroup`]);
    const body = edges.sent[0].body as Record<string, unknown>;
    assert.equal(body.isPublic, "FALSE");
    assert.equal(body.graceDistanceValue, "25");
    assert.equal(body.graceDistanceValueUnit, "MILES");
  });
});

Deno.test("application servers, BA certificates and PRA portals: addresses, PEM text and required links", async () => {
  assert.match(
    refusal("zpa_create_application_server", { name: "x", address: "10.0.0.1/24" })[0],
    /^address: must be a host name or IP address/,
  );
  assert.match(
    refusal("zpa_create_ba_certificate", { name: "x", cert_blob: "not a certificate" })[0],
    /^cert_blob: must be PEM text/,
  );
  assert.match(
    refusal("zpa_create_pra_portal", { name: "x", domain: "pra.example.com" })[0],
    /^certificate_id: /,
  );
  await withSim(async ({ sim, ctx, zpaBase }) => {
    const server = await recording(sim, () =>
      call("zpa_create_application_server", {
        name: "qa-build-01",
        address: "10.10.1.40",
        app_server_group_ids: [WEB_SERVERS],
      }, ctx));
    assert.deepEqual(server.lines, [`POST ${zpaBase}/server`]);
    assert.deepEqual(server.sent[0].body, {
      name: "qa-build-01",
      address: "10.10.1.40",
      appServerGroupIds: [WEB_SERVERS],
    });
  });
});
