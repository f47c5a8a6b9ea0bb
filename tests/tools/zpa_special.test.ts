/**
 * The hand-written ZPA tools against the simulated tenant: bulk deletes, provisioning keys by
 * association type, BA and PRA application segments, applications by type, reference lookups
 * by id or exact name, IdP-scoped SAML/SCIM tools, and the LSS catalogs. Each refuses bad input
 * before any request.
 */

import assert from "node:assert/strict";
import { WITHHELD } from "../../lib/tools/zpa/secrets.ts";
import { ZscalerApiError, ZscalerRequestError } from "../../lib/zscaler/mod.ts";
import {
  call,
  describeTarget,
  record,
  recording,
  refusal,
  type SimRun,
  tool,
  withSim,
} from "./_sim.ts";

const IDP = "216196257331285825";
const JUMP_HOSTS = "216196257331450006";
const CORPORATE_APPS = "216196257331440001";
const SJC_SERVERS = "216196257331430001";
const HR_CERT = "216196257331281958";

type Row = Record<string, unknown>;
const rows = (data: unknown) => data as Row[];
const names = (data: unknown) => rows(data).map((row) => row.name);

async function idOf(run: SimRun, list: string, name: string, args: Row = {}): Promise<string> {
  const out = await call(list, args, run.ctx);
  const found = rows(out.data).find((row) => row.name === name);
  assert.ok(found, `${name} is in ${list}`);
  return String(found.id);
}

Deno.test("bulk deletes refuse bad id lists before any request", () => {
  for (
    const connector_ids of [
      [],
      ["1", "1"],
      ["1", "x"],
      "1",
      Array.from({ length: 101 }, (_, i) => String(i + 1)),
    ]
  ) {
    assert.ok(refusal("zpa_bulk_delete_app_connectors", { connector_ids }).length > 0);
  }
  assert.match(
    refusal("zpa_bulk_delete_service_edges", { service_edge_ids: ["7", "7"] })[0],
    /ids must not repeat/,
  );
  assert.equal(tool("zpa_bulk_delete_app_connectors").kind, "delete");
  assert.ok(tool("zpa_bulk_delete_service_edges").confirmation);
});

Deno.test("bulk delete: the prompt names every connector; one POST bulkDelete with {ids}", async () => {
  await withSim(async (run) => {
    const { sim, ctx, zpaBase } = run;
    const fra = await idOf(run, "zpa_list_app_connectors", "fra-ac-01");
    const aws = await idOf(run, "zpa_list_app_connectors", "aws-ac-01");
    assert.deepEqual(
      await describeTarget("zpa_bulk_delete_app_connectors", { connector_ids: [fra, aws] }, ctx),
      {
        operation: "Delete",
        resourceType: "ZPA app connectors",
        name: "fra-ac-01, aws-ac-01",
        id: `${fra}, ${aws}`,
        detail: "2 app connectors: Each must enroll again with a provisioning key to come back.",
      },
    );
    const { result, sent, lines } = await recording(
      sim,
      () => call("zpa_bulk_delete_app_connectors", { connector_ids: [fra, aws] }, ctx),
    );
    assert.equal(lines.at(-1), `POST ${zpaBase}/connector/bulkDelete`);
    assert.ok(lines.slice(0, -1).every((line) => line.startsWith(`GET ${zpaBase}/connector`)));
    assert.deepEqual(sent.at(-1)!.body, { ids: [fra, aws] });
    assert.deepEqual(result.data, {
      deleted: true,
      count: 2,
      app_connectors: [{ id: fra, name: "fra-ac-01" }, { id: aws, name: "aws-ac-01" }],
    });
    assert.deepEqual(names((await call("zpa_list_app_connectors", {}, ctx)).data), [
      "sjc-ac-01",
      "sjc-ac-02",
    ]);
  });
});

Deno.test("bulk delete: an unknown id is named in the prompt and nothing is deleted", async () => {
  await withSim(async (run) => {
    const { sim, ctx } = run;
    const edge = await idOf(run, "zpa_list_service_edges", "sjc-pse-02");
    const target = await describeTarget("zpa_bulk_delete_service_edges", {
      service_edge_ids: [edge, "999"],
    }, ctx);
    assert.equal(target.name, "sjc-pse-02, (unknown id 999)");
    const { lines } = await recording(sim, () =>
      assert.rejects(
        call("zpa_bulk_delete_service_edges", { service_edge_ids: [edge, "999"] }, ctx),
        (error) => error instanceof ZscalerRequestError && /999/.test(error.message),
      ));
    assert.ok(lines.every((line) => line.startsWith("GET ")), "no write was sent");
    assert.ok(names((await call("zpa_list_service_edges", {}, ctx)).data).includes("sjc-pse-02"));
  });
});

Deno.test("provisioning keys: key_type picks the association type path; refusals", async () => {
  assert.match(refusal("zpa_list_provisioning_keys", { key_type: "CONNECTOR_GRP" })[0], /key_type/);
  assert.match(refusal("zpa_get_provisioning_key", { key_type: "connector" })[0], /^key_id: /);
  assert.deepEqual(
    refusal("zpa_create_provisioning_key", {
      key_type: "connector",
      name: "k",
      max_usage: 1,
      component_id: "1",
    }),
    [": key_type connector needs enrollment_cert_id."],
  );
  assert.match(
    refusal("zpa_update_provisioning_key", { key_type: "connector", key_id: "1" })[0],
    /Nothing to change/,
  );
  await withSim(async (run) => {
    const { sim, ctx, zpaBase } = run;
    const edges = await recording(
      sim,
      () => call("zpa_list_provisioning_keys", { key_type: "service_edge" }, ctx),
    );
    assert.deepEqual(edges.lines, [
      `GET ${zpaBase}/associationType/SERVICE_EDGE_GRP/provisioningKey`,
    ]);
    assert.deepEqual(names(edges.result.data), ["sjc-pse-key"]);

    const group = await idOf(run, "zpa_list_app_connector_groups", "SJC-DC1 Connectors");
    const cert = await idOf(run, "get_zpa_enrollment_certificate", "Connector");
    const created = await recording(sim, () =>
      call("zpa_create_provisioning_key", {
        key_type: "connector",
        name: "sjc-new-key",
        max_usage: 3,
        component_id: group,
        enrollment_cert_id: cert,
      }, ctx));
    assert.deepEqual(created.lines, [
      `POST ${zpaBase}/associationType/CONNECTOR_GRP/provisioningKey`,
    ]);
    assert.deepEqual(created.sent[0].body, {
      name: "sjc-new-key",
      maxUsage: "3",
      zcomponentId: group,
      enrollmentCertId: cert,
    });
    const key = record(created.result);
    if ("provisioningKey" in key) assert.equal(key.provisioningKey, WITHHELD);

    const id = String(key.id);
    const path = `${zpaBase}/associationType/CONNECTOR_GRP/provisioningKey/${id}`;
    const updated = await recording(
      sim,
      () =>
        call(
          "zpa_update_provisioning_key",
          { key_type: "connector", key_id: id, max_usage: 5 },
          ctx,
        ),
    );
    assert.deepEqual(updated.lines, [`GET ${path}`, `PUT ${path}`, `GET ${path}`]);
    assert.equal((updated.sent[1].body as Row).maxUsage, "5");
    assert.equal((updated.sent[1].body as Row).name, "sjc-new-key");

    assert.deepEqual(
      await describeTarget(
        "zpa_delete_provisioning_key",
        { key_type: "connector", key_id: id },
        ctx,
      ),
      {
        operation: "Delete",
        resourceType: "ZPA connector provisioning key",
        name: "sjc-new-key",
        id,
      },
    );
    const removed = await recording(
      sim,
      () => call("zpa_delete_provisioning_key", { key_type: "connector", key_id: id }, ctx),
    );
    assert.deepEqual(removed.lines, [`GET ${path}`, `DELETE ${path}`]);
    assert.deepEqual(removed.result.data, { deleted: true, id, name: "sjc-new-key" });
    // The same id under the other association type is another key: not found there.
    await assert.rejects(
      call("zpa_get_provisioning_key", { key_type: "service_edge", key_id: id }, ctx),
      (error) => error instanceof ZscalerApiError && error.status === 404,
    );
  });
});

Deno.test("BA segments: apps go in commonAppsDto as BROWSER_ACCESS; HTTPS needs a certificate", async () => {
  const base = {
    name: "Payroll",
    domain_names: ["payroll.acme-sim.example"],
    segment_group_id: CORPORATE_APPS,
    server_group_ids: [SJC_SERVERS],
    tcp_port_ranges: [{ from: 443, to: 443 }],
  };
  assert.deepEqual(
    refusal("zpa_create_application_segment_ba", {
      ...base,
      clientless_apps: [{
        domain: "payroll.acme-sim.example",
        application_port: 443,
        application_protocol: "HTTPS",
      }],
    }),
    ["clientless_apps.0.certificate_id: HTTPS apps need certificate_id"],
  );
  assert.match(refusal("zpa_create_application_segment_ba", base)[0], /^clientless_apps: /);
  await withSim(async ({ sim, ctx, zpaBase }) => {
    const { result, sent, lines } = await recording(
      sim,
      () =>
        call("zpa_create_application_segment_ba", {
          ...base,
          clientless_apps: [{
            domain: "payroll.acme-sim.example",
            application_port: 443,
            application_protocol: "HTTPS",
            certificate_id: HR_CERT,
          }],
        }, ctx),
    );
    assert.deepEqual(lines, [`POST ${zpaBase}/application`]);
    assert.deepEqual((sent[0].body as Row).commonAppsDto, {
      appsConfig: [{
        name: "payroll.acme-sim.example",
        domain: "payroll.acme-sim.example",
        applicationPort: "443",
        applicationProtocol: "HTTPS",
        certificateId: HR_CERT,
        enabled: true,
        appTypes: ["BROWSER_ACCESS"],
      }],
    });
    const id = String(record(result).id);
    const listed = await call("zpa_list_application_segments_ba", {}, ctx);
    assert.deepEqual(names(listed.data), ["HR Portal", "Payroll"]);
    const stored = structuredClone(sim.tenant.zpa.get("application", id)!.commonAppsDto);
    const updated = await recording(
      sim,
      () => call("zpa_update_application_segment_ba", { segment_id: id, description: "Pay" }, ctx),
    );
    assert.deepEqual(
      (updated.sent[1].body as Row).commonAppsDto,
      stored,
      "apps not given are sent back as they are",
    );
  });
});

Deno.test("PRA segments: new apps get the segment's appId, kept apps their praAppId, gone apps are deleted", async () => {
  assert.deepEqual(
    refusal("zpa_update_application_segment_pra", {
      segment_id: JUMP_HOSTS,
      pra_apps: [{
        domain: "jump01.acme-sim.example",
        application_port: 22,
        application_protocol: "SSH",
        connection_security: "NLA",
      }],
    }),
    ["pra_apps.0.connection_security: connection_security applies to RDP apps only"],
  );
  await withSim(async ({ sim, ctx }) => {
    const before = sim.tenant.zpa.get("application", JUMP_HOSTS)!;
    const oldApp = (before.commonAppsDto as { appsConfig: Row[] }).appsConfig[0];
    const { sent } = await recording(sim, () =>
      call("zpa_update_application_segment_pra", {
        segment_id: JUMP_HOSTS,
        domain_names: ["jump01.acme-sim.example", "jump03.acme-sim.example"],
        pra_apps: [
          {
            domain: "jump01.acme-sim.example",
            application_port: 3389,
            application_protocol: "RDP",
            connection_security: "NLA",
          },
          { domain: "jump03.acme-sim.example", application_port: 22, application_protocol: "SSH" },
        ],
      }, ctx));
    const dto = (sent[1].body as Row).commonAppsDto as { appsConfig: Row[] };
    assert.deepEqual(dto.appsConfig.map((app) => [app.domain, app.appId, app.praAppId]), [
      ["jump01.acme-sim.example", JUMP_HOSTS, oldApp.praAppId],
      ["jump03.acme-sim.example", JUMP_HOSTS, ""],
    ]);
    assert.equal(dto.appsConfig[0].connectionSecurity, "NLA");
    assert.deepEqual(dto.appsConfig[1].appTypes, ["SECURE_REMOTE_ACCESS"]);

    const dropped = await recording(sim, () =>
      call("zpa_update_application_segment_pra", {
        segment_id: JUMP_HOSTS,
        pra_apps: [{
          domain: "jump03.acme-sim.example",
          application_port: 22,
          application_protocol: "SSH",
        }],
      }, ctx));
    const after = (dropped.sent[1].body as Row).commonAppsDto as Row;
    assert.deepEqual(after.deletedPraApps, [oldApp.praAppId]);
  });
});

Deno.test("PRA credentials: the type cannot change, and nothing is written when asked to", async () => {
  assert.deepEqual(
    refusal("zpa_create_pra_credential", { name: "x", credential_type: "SSH_KEY" }),
    [": SSH_KEY credentials need username and private_key."],
  );
  await withSim(async (run) => {
    const { sim, ctx } = run;
    const id = await idOf(run, "zpa_list_pra_credentials", "svc-jump-admin");
    const { lines } = await recording(sim, () =>
      assert.rejects(
        call("zpa_update_pra_credential", { credential_id: id, credential_type: "SSH_KEY" }, ctx),
        (error) => error instanceof ZscalerRequestError && /cannot change/.test(error.message),
      ));
    assert.ok(lines.every((line) => line.startsWith("GET ")), "no PUT was sent");
  });
});

Deno.test("applications by type: the type is an enum and is sent as applicationType", async () => {
  assert.match(
    refusal("get_zpa_app_segments_by_type", { application_type: "browser_access" })[0],
    /^application_type: /,
  );
  await withSim(async ({ sim, ctx, zpaBase }) => {
    const { result, lines } = await recording(sim, () =>
      call("get_zpa_app_segments_by_type", {
        application_type: "SECURE_REMOTE_ACCESS",
        expand_all: true,
      }, ctx));
    assert.deepEqual(lines, [`GET ${zpaBase}/application/getAppsByType`]);
    const query = sim.tenant.requests.filter((r) => r.service === "zpa").at(-1)!.query;
    assert.equal(query.applicationType, "SECURE_REMOTE_ACCESS");
    assert.equal(query.expandAll, "true");
    assert.ok(rows(result.data).length > 0);
  });
});

Deno.test("lookups: all, by id (v1 path), by exact name (v2 search), unknown name is an error", async () => {
  assert.deepEqual(refusal("get_zpa_posture_profile", { profile_id: "1", name: "x" }), [
    ": Give profile_id or name, not both.",
  ]);
  assert.match(refusal("get_zpa_trusted_network", { network_id: "abc" })[0], /^network_id: /);
  await withSim(async ({ sim, ctx, zpaBase, zpaBaseV2 }) => {
    const all = await recording(sim, () => call("get_zpa_posture_profile", {}, ctx));
    assert.deepEqual(all.lines, [`GET ${zpaBaseV2}/posture`]);
    const first = rows(all.result.data)[0];
    const byId = await recording(
      sim,
      () => call("get_zpa_posture_profile", { profile_id: String(first.id) }, ctx),
    );
    assert.deepEqual(byId.lines, [`GET ${zpaBase}/posture/${first.id}`]);
    assert.deepEqual(names(byId.result.data), [first.name]);
    const byName = await recording(
      sim,
      () => call("get_zpa_posture_profile", { name: String(first.name).toUpperCase() }, ctx),
    );
    assert.deepEqual(names(byName.result.data), [first.name], "case-insensitive exact name");
    assert.equal(
      sim.tenant.requests.filter((r) => r.service === "zpa").at(-1)!.query.search,
      `name+EQ+${String(first.name).toUpperCase()}`,
    );
    await assert.rejects(
      call("get_zpa_trusted_network", { name: "No Such Network" }, ctx),
      (error) =>
        error instanceof ZscalerRequestError && /No ZPA trusted networks named/.test(error.message),
    );
    const isolation = await recording(
      sim,
      () => call("get_zpa_isolation_profile", { name: "Acme Isolation" }, ctx),
    );
    assert.deepEqual(isolation.lines, [
      `GET /zpa/cbiconfig/cbi/api/customers/${ctx.customerId}/profiles`,
    ]);
    assert.deepEqual(names(isolation.result.data), ["Acme Isolation"]);
    const certs = await call("get_zpa_enrollment_certificate", { name: "connector" }, ctx);
    assert.deepEqual(names(certs.data), ["Connector"]);
    for (const cert of rows((await call("get_zpa_enrollment_certificate", {}, ctx)).data)) {
      for (const secret of ["privateKey", "zrsaencryptedprivatekey", "zrsaencryptedsessionkey"]) {
        if (typeof cert[secret] === "string" && cert[secret] !== "") {
          assert.equal(cert[secret], WITHHELD);
        }
      }
    }
  });
});

Deno.test("identity tools: the IdP resolved by exact name first, results labelled untrusted", async () => {
  for (const name of ["get_zpa_saml_attribute", "get_zpa_scim_attribute", "get_zpa_scim_group"]) {
    assert.equal(tool(name).untrusted, true, name);
  }
  assert.deepEqual(refusal("get_zpa_scim_group", {}), [": Give either scim_group_id or idp_name."]);
  assert.deepEqual(
    refusal("get_zpa_scim_group", { scim_group_id: "1", idp_name: "Acme Okta" }),
    [": Give either scim_group_id or idp_name."],
  );
  assert.match(refusal("get_zpa_scim_attribute", {})[0], /^idp_name: /);
  await withSim(async ({ sim, ctx, zpaBase, zpaBaseV2 }) => {
    const userconfig = `/zpa/userconfig/v1/customers/${ctx.customerId}`;
    const groups = await recording(
      sim,
      () => call("get_zpa_scim_group", { idp_name: "Acme Okta" }, ctx),
    );
    assert.deepEqual(groups.lines, [
      `GET ${zpaBaseV2}/idp`,
      `GET ${userconfig}/scimgroup/idpId/${IDP}`,
    ]);
    const idpQuery = sim.tenant.requests.find((r) => r.path === `${zpaBaseV2}/idp`)!.query;
    assert.equal(idpQuery.search, "name+EQ+Acme Okta");
    assert.ok(names(groups.result.data).includes("Engineering-All"));
    const one = await recording(
      sim,
      () => call("get_zpa_scim_group", { scim_group_id: "3251059" }, ctx),
    );
    assert.deepEqual(one.lines, [`GET ${userconfig}/scimgroup/3251059`]);
    assert.deepEqual(names(one.result.data), ["Engineering-All"]);

    const attrs = await call("get_zpa_scim_attribute", { idp_name: "Acme Okta" }, ctx);
    const attr = rows(attrs.data)[0];
    const byId = await recording(sim, () =>
      call("get_zpa_scim_attribute", {
        idp_name: "Acme Okta",
        attribute_id: String(attr.id),
      }, ctx));
    assert.deepEqual(byId.lines, [
      `GET ${zpaBaseV2}/idp`,
      `GET ${zpaBase}/idp/${IDP}/scimattribute/${attr.id}`,
    ]);
    const saml = await recording(
      sim,
      () => call("get_zpa_saml_attribute", { idp_name: "Acme Okta" }, ctx),
    );
    assert.deepEqual(saml.lines, [
      `GET ${zpaBaseV2}/idp`,
      `GET ${zpaBaseV2}/samlAttribute/idp/${IDP}`,
    ]);
    assert.ok(rows(saml.result.data).every((row) => row.idpId === IDP));
    await assert.rejects(
      call("get_zpa_scim_group", { idp_name: "Acme" }, ctx),
      (error) =>
        error instanceof ZscalerRequestError &&
        /No ZPA identity providers named "Acme"/.test(error.message),
    );
  });
});

Deno.test("LSS catalogs: log types named as the reference names them, formats, codes, clients", async () => {
  assert.match(refusal("zpa_get_lss_log_format", { log_type: "zpn_trans_log" })[0], /^log_type: /);
  assert.match(refusal("zpa_list_lss_status_codes", { log_type: "nope" })[0], /^log_type: /);
  await withSim(async ({ sim, ctx, zpaBaseV2 }) => {
    const types = await recording(sim, () => call("zpa_list_lss_log_types", {}, ctx));
    assert.deepEqual(types.lines, ["GET /zpa/mgmtconfig/v2/admin/lssConfig/logType/formats"]);
    const userActivity = rows(types.result.data).find((row) => row.log_type === "user_activity");
    assert.deepEqual(userActivity?.source_log_type, "zpn_trans_log");

    const format = await recording(
      sim,
      () => call("zpa_get_lss_log_format", { log_type: "user_activity" }, ctx),
    );
    assert.deepEqual(format.lines, [`GET ${zpaBaseV2}/lssConfig/logType/formats`]);
    assert.equal(
      sim.tenant.requests.filter((r) => r.service === "zpa").at(-1)!.query.logType,
      "zpn_trans_log",
    );
    assert.equal(record(format.result).source_log_type, "zpn_trans_log");

    const codes = await call("zpa_list_lss_status_codes", { log_type: "user_status" }, ctx);
    assert.ok(rows(codes.data).length > 0);
    assert.ok(rows(codes.data).every((row) => (row.log_types as string[]).includes("user_status")));
    const clients = await recording(sim, () => call("zpa_list_lss_client_types", {}, ctx));
    assert.deepEqual(clients.lines, [
      `GET /zpa/mgmtconfig/v2/admin/lssConfig/customers/${ctx.customerId}/clientTypes`,
    ]);
    assert.ok(
      rows(clients.result.data).some((row) =>
        row.client_type === "zpn_client_type_zapp" && typeof row.name === "string"
      ),
    );
  });
});
