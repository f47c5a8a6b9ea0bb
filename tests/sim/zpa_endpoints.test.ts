/**
 * Every ZPA endpoint the reference server's tools call (`tests/fixtures/endpoints.tsv`, lines
 * `zpa.*`) is served by the simulator over real HTTP: the method + path of each line, with
 * seeded ids and realistic bodies, answers 2xx and is recorded with exactly that method and
 * path; the same path with a bogus segment inserted answers 404.
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { simAccessToken, startTestSim, type TestSim } from "../helpers/sim.ts";

const FIXTURE = fileURLToPath(new URL("../fixtures/endpoints.tsv", import.meta.url));

/** One `zpa.*` line of the fixture, one alternative path each. */
interface Endpoint {
  call: string;
  method: string;
  template: string;
}

function zpaEndpoints(): Endpoint[] {
  const out: Endpoint[] = [];
  for (const line of Deno.readTextFileSync(FIXTURE).split("\n")) {
    if (!line.startsWith("zpa.")) continue;
    const [call, , method, paths] = line.split("\t");
    // "…/path  (note)" carries a note; "a | b" lists alternative paths of one call.
    for (const alternative of paths.replace(/\s+\(.*\)\s*$/, "").split(" | ")) {
      out.push({ call, method, template: alternative.trim() });
    }
  }
  return out;
}

/**
 * Base placeholders. The first five are spelled out in the fixture's header; the three LSS
 * bases are the Python SDK's (`zscaler/zpa/lss.py`): the customer tree, the customer-less
 * `lssConfig` tree, and `lssConfig/customers/{cid}`.
 */
function bases(cid: string): Record<string, string> {
  return {
    "{self._zpa_base_endpoint}": `/zpa/mgmtconfig/v1/admin/customers/${cid}`,
    "{self._zpa_base_endpoint_v1}": `/zpa/mgmtconfig/v1/admin/customers/${cid}`,
    "{self._zpa_base_endpoint_v2}": `/zpa/mgmtconfig/v2/admin/customers/${cid}`,
    "{self._zpa_base_endpoint_userconfig}": `/zpa/userconfig/v1/customers/${cid}`,
    "{self._cbi_base_endpoint}": `/zpa/cbiconfig/cbi/api/customers/${cid}`,
    "{self._zpa_lss_base_endpoint_v2}": `/zpa/mgmtconfig/v2/admin/customers/${cid}`,
    "{self._zpa_base_lss_url_v2}": "/zpa/mgmtconfig/v2/admin/lssConfig",
    "{self._zpa_lss_endpoint_v2}": `/zpa/mgmtconfig/v2/admin/lssConfig/customers/${cid}`,
  };
}

/** What to send for one SDK call: path parameters, query, body, and what must come back. */
interface Recipe {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  status?: number;
  /** Creates what the call needs (an unreferenced object, a rule) and returns parameters. */
  setup?: (api: Api) => Promise<Record<string, string>>;
}

interface Api {
  cid: string;
  send(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  v1: string;
  v2: string;
}

const ACG_SJC = "216196257331410001";
const ACG_FRA = "216196257331410002";
const SG_CORP = "216196257331440001";
const SRVG_SJC = "216196257331430001";
const APP_JIRA = "216196257331450001";
const BA_HR = "216196257331281958";
const BA_PRA = "216196257331480002";
const IDP = "216196257331285825";
const ACCESS_SET = "216196257331281925";

const segment = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  description: `${name} segment`,
  enabled: true,
  domainNames: [`${name.toLowerCase().replaceAll(" ", "-")}.acme-sim.example`],
  segmentGroupId: SG_CORP,
  serverGroups: [{ id: SRVG_SJC }],
  tcpPortRanges: ["443", "443"],
  ...extra,
});

const baSegment = (name: string) =>
  segment(name, {
    clientlessApps: [{
      name: `${name.toLowerCase()}.acme-sim.example`,
      enabled: true,
      applicationPort: "443",
      applicationProtocol: "HTTPS",
      certificateId: BA_HR,
      domain: `${name.toLowerCase()}.acme-sim.example`,
      trustUntrustedCert: false,
    }],
  });

const praSegment = (name: string) =>
  segment(name, {
    tcpPortRanges: ["3389", "3389"],
    commonAppsDto: {
      appsConfig: [{
        enabled: true,
        applicationPort: "3389",
        applicationProtocol: "RDP",
        connectionSecurity: "ANY",
        domain: `${name.toLowerCase()}.acme-sim.example`,
        appTypes: ["SECURE_REMOTE_ACCESS"],
      }],
    },
  });

const acgBody = (name: string) => ({
  name,
  description: `${name} connectors`,
  enabled: true,
  latitude: "37.33874",
  longitude: "-121.8852525",
  location: "San Jose, CA, USA",
  upgradeDay: "SUNDAY",
  upgradeTimeInSecs: "66600",
  dnsQueryType: "IPV4_IPV6",
});

async function created(api: Api, path: string, body: unknown): Promise<string> {
  const reply = await api.send("POST", path, body);
  if (reply.status !== 201 && reply.status !== 200) {
    throw new Error(`setup POST ${path}: ${reply.status} ${JSON.stringify(reply.json)}`);
  }
  return (reply.json as { id: string }).id;
}

async function setOf(api: Api, type: string): Promise<string> {
  const reply = await api.send("GET", `${api.v1}/policySet/policyType/${type}`);
  return (reply.json as { id: string }).id;
}

/** A v2 rule in the set of `type`, created for the update recipes. */
function ruleIn(
  type: string,
  body: Record<string, unknown>,
): (api: Api) => Promise<Record<string, string>> {
  return async (api) => {
    const setId = await setOf(api, type);
    const ruleId = await created(api, `${api.v2}/policySet/${setId}/rule`, body);
    return { policy_set_id: setId, rule_id: ruleId };
  };
}

function policySet(type: string): (api: Api) => Promise<Record<string, string>> {
  return async (api) => ({ policy_set_id: await setOf(api, type) });
}

const CLIENT_ZAPP = {
  operator: "OR",
  operands: [{ objectType: "CLIENT_TYPE", values: ["zpn_client_type_zapp"] }],
};
const APP_JIRA_COND = { operator: "OR", operands: [{ objectType: "APP", values: [APP_JIRA] }] };
const SCIM_NUMERIC = {
  operator: "OR",
  operands: [{ objectType: "SCIM_GROUP", entryValues: [{ lhs: IDP, rhs: 3251059 }] }],
};
const RULES = {
  access: { name: "EP access", action: "ALLOW", conditions: [APP_JIRA_COND] },
  protection: {
    name: "EP inspect",
    action: "INSPECT",
    zpnInspectionProfileId: "216196257331490001",
    conditions: [APP_JIRA_COND],
  },
  forwarding: { name: "EP forward", action: "INTERCEPT", conditions: [CLIENT_ZAPP] },
  isolation: {
    name: "EP isolate",
    action: "ISOLATE",
    zpnIsolationProfileId: "216196257331370022",
    conditions: [CLIENT_ZAPP],
  },
  timeout: {
    name: "EP reauth",
    action: "RE_AUTH",
    reauthTimeout: "3456000",
    reauthIdleTimeout: "2592000",
    conditions: [SCIM_NUMERIC],
  },
};

/** One recipe per `zpa.*` SDK call of the fixture. */
const RECIPES: Record<string, Recipe> = {
  "zpa.app_connector_groups.add_connector_group": { body: acgBody("EP ACG") },
  "zpa.app_connector_groups.delete_connector_group": {
    setup: async (api) => ({
      group_id: await created(api, `${api.v1}/appConnectorGroup`, acgBody("Spare")),
    }),
  },
  "zpa.app_connector_groups.get_connector_group": { params: { group_id: ACG_SJC } },
  "zpa.app_connector_groups.list_connector_groups": {},
  "zpa.app_connector_groups.update_connector_group": {
    params: { group_id: ACG_FRA },
    body: acgBody("FRA-DC2 Connectors"),
  },
  "zpa.app_connectors.bulk_delete_connectors": {
    body: { ids: ["216196257331415001", "216196257331415002"] },
    status: 200,
  },
  "zpa.app_connectors.delete_connector": { params: { connector_id: "216196257331415004" } },
  "zpa.app_connectors.get_connector": { params: { connector_id: "216196257331415003" } },
  "zpa.app_connectors.list_connectors": {},
  "zpa.app_connectors.update_connector": {
    params: { connector_id: "216196257331415003" },
    body: { name: "fra-ac-01", description: "Frankfurt connector", enabled: false },
  },
  "zpa.app_protection.list_profiles": {},
  "zpa.app_segment_by_type.get_segments_by_type": { query: { applicationType: "BROWSER_ACCESS" } },
  "zpa.app_segments_ba_v2.add_segment_ba": { body: baSegment("Payroll") },
  "zpa.app_segments_ba_v2.delete_segment_ba": { params: { segment_id: "216196257331450005" } },
  "zpa.app_segments_ba_v2.get_segment_ba": { params: { segment_id: "216196257331450005" } },
  "zpa.app_segments_ba_v2.list_segments_ba": {},
  "zpa.app_segments_ba_v2.update_segment_ba": {
    params: { segment_id: "216196257331450005" },
    body: baSegment("HR Portal"),
  },
  "zpa.app_segments_pra.add_segment_pra": { body: praSegment("Jump02") },
  "zpa.app_segments_pra.delete_segment_pra": { params: { segment_id: "216196257331450006" } },
  "zpa.app_segments_pra.get_segment_pra": { params: { segment_id: "216196257331450006" } },
  "zpa.app_segments_pra.list_segments_pra": {},
  "zpa.app_segments_pra.update_segment_pra": {
    params: { segment_id: "216196257331450006" },
    body: praSegment("Windows Jump Hosts"),
  },
  "zpa.application_segment.add_segment": { body: segment("Grafana") },
  "zpa.application_segment.delete_segment": { params: { segment_id: APP_JIRA } },
  "zpa.application_segment.get_segment": { params: { segment_id: APP_JIRA } },
  "zpa.application_segment.list_segments": {},
  "zpa.application_segment.update_segment": {
    params: { segment_id: APP_JIRA },
    body: segment("Jira", { description: "Issue tracking (updated)" }),
  },
  "zpa.cbi_profile.list_cbi_profiles": {},
  "zpa.certificates.add_certificate": {
    body: {
      name: "grafana.acme-sim.example",
      description: "Grafana",
      certBlob: "-----BEGIN CERTIFICATE-----\nU0lN\n-----END CERTIFICATE-----\n" +
        "-----BEGIN PRIVATE KEY-----\nU0lN\n-----END PRIVATE KEY-----\n",
    },
  },
  "zpa.certificates.delete_certificate": { params: { certificate_id: "216196257331480003" } },
  "zpa.certificates.get_certificate": { params: { certificate_id: BA_HR } },
  "zpa.certificates.list_issued_certificates": {},
  "zpa.enrollment_certificates.get_enrolment": { params: { certificate_id: "6573" } },
  "zpa.enrollment_certificates.list_enrolment": {},
  "zpa.idp.list_idps": {},
  "zpa.lss.get_all_log_formats": { query: { logType: "zpn_trans_log" } },
  "zpa.lss.get_client_types": {},
  "zpa.lss.get_config": { params: { lss_config_id: "216196257331495001" } },
  "zpa.lss.get_status_codes": {},
  "zpa.lss.list_configs": {},
  "zpa.policies.add_access_rule_v2": { setup: policySet("ACCESS_POLICY"), body: RULES.access },
  "zpa.policies.add_app_protection_rule_v2": {
    setup: policySet("INSPECTION_POLICY"),
    body: RULES.protection,
  },
  "zpa.policies.add_client_forwarding_rule_v2": {
    setup: policySet("CLIENT_FORWARDING_POLICY"),
    body: RULES.forwarding,
  },
  "zpa.policies.add_isolation_rule_v2": {
    setup: policySet("ISOLATION_POLICY"),
    body: RULES.isolation,
  },
  "zpa.policies.add_timeout_rule_v2": { setup: policySet("TIMEOUT_POLICY"), body: RULES.timeout },
  "zpa.policies.delete_rule": {
    params: { policy_set_id: ACCESS_SET, rule_id: "216196257331460001" },
  },
  "zpa.policies.get_rule": { params: { policy_set_id: ACCESS_SET, rule_id: "216196257331460002" } },
  "zpa.policies.list_rules": { params: { mapped_policy_type: "ACCESS_POLICY" } },
  "zpa.policies.update_access_rule_v2": {
    params: { policy_set_id: ACCESS_SET, rule_id: "216196257331460001" },
    body: { ...RULES.access, name: "Allow Engineering Apps" },
  },
  "zpa.policies.update_app_protection_rule_v2": {
    setup: ruleIn("INSPECTION_POLICY", RULES.protection),
    body: { ...RULES.protection, action: "BYPASS_INSPECT", zpnInspectionProfileId: undefined },
  },
  "zpa.policies.update_client_forwarding_rule_v2": {
    params: { policy_set_id: "216196257331281929", rule_id: "216196257331460101" },
    body: { ...RULES.forwarding, name: "Intercept Client Connector Traffic" },
  },
  "zpa.policies.update_isolation_rule_v2": {
    setup: ruleIn("ISOLATION_POLICY", RULES.isolation),
    body: { ...RULES.isolation, zpnIsolationProfileId: "216196257331370024" },
  },
  "zpa.policies.update_timeout_rule_v2": {
    setup: ruleIn("TIMEOUT_POLICY", RULES.timeout),
    body: { ...RULES.timeout, reauthTimeout: "86400" },
  },
  "zpa.posture_profiles.get_profile": { params: { profile_id: "216196257331285221" } },
  "zpa.posture_profiles.list_posture_profiles": {},
  "zpa.pra_credential.add_credential": {
    body: {
      name: "svc-backup",
      description: "Backup operator",
      credentialType: "USERNAME_PASSWORD",
      userName: "svc-backup",
      userDomain: "corp.acme-sim.example",
      password: "not-a-real-password-1",
    },
  },
  "zpa.pra_credential.delete_credential": { params: { credential_id: "18102" } },
  "zpa.pra_credential.get_credential": { params: { credential_id: "18101" } },
  "zpa.pra_credential.list_credentials": {},
  "zpa.pra_credential.update_credential": {
    params: { credential_id: "18101" },
    body: { name: "svc-jump-admin", description: "Rotated", password: "not-a-real-password-2" },
  },
  "zpa.pra_portal.add_portal": {
    body: {
      name: "Ops Portal",
      description: "Operations",
      enabled: true,
      domain: "ops.pra.acme-sim.example",
      certificateId: BA_PRA,
      userNotificationEnabled: true,
      userNotification: "Sessions are recorded",
    },
  },
  "zpa.pra_portal.delete_portal": { params: { portal_id: "216196257331485002" } },
  "zpa.pra_portal.get_portal": { params: { portal_id: "216196257331485001" } },
  "zpa.pra_portal.list_portals": {},
  "zpa.pra_portal.update_portal": {
    params: { portal_id: "216196257331485002" },
    body: { name: "Vendor Access Portal", description: "Updated", enabled: false },
  },
  "zpa.provisioning.add_provisioning_key": {
    body: {
      name: "fra-connectors-key",
      maxUsage: 2,
      enrollmentCertId: "6573",
      zcomponentId: ACG_FRA,
    },
    status: 200,
  },
  "zpa.provisioning.delete_provisioning_key": { params: { key_id: "58102" } },
  "zpa.provisioning.get_provisioning_key": { params: { key_id: "58101" } },
  "zpa.provisioning.list_provisioning_keys": {},
  "zpa.provisioning.update_provisioning_key": {
    params: { key_id: "58101" },
    body: { name: "sjc-connectors-key (rotated)" },
  },
  "zpa.saml_attributes.list_saml_attributes": {},
  "zpa.saml_attributes.list_saml_attributes_by_idp": { params: { idp_id: IDP } },
  "zpa.scim_attributes.get_scim_attribute": {
    params: { idp_id: IDP, attribute_id: "216196257331285839" },
  },
  "zpa.scim_attributes.list_scim_attributes": { params: { idp_id: IDP } },
  "zpa.scim_groups.get_scim_group": { params: { group_id: "3251059" } },
  "zpa.scim_groups.list_scim_groups": { params: { idp_id: IDP } },
  "zpa.segment_groups.add_group": { body: { name: "EP Segment Group", enabled: true } },
  "zpa.segment_groups.delete_group": {
    setup: async (api) => ({
      group_id: await created(api, `${api.v1}/segmentGroup`, { name: "Spare" }),
    }),
  },
  "zpa.segment_groups.get_group": { params: { group_id: SG_CORP } },
  "zpa.segment_groups.list_groups": {},
  "zpa.segment_groups.update_group_v2": {
    params: { group_id: SG_CORP },
    body: { id: SG_CORP, name: "Corporate Apps", description: "Updated through v2", enabled: true },
  },
  "zpa.server_groups.add_group": {
    body: {
      name: "EP Server Group",
      dynamicDiscovery: true,
      appConnectorGroups: [{ id: ACG_SJC }],
    },
  },
  "zpa.server_groups.delete_group": {
    setup: async (api) => ({
      group_id: await created(api, `${api.v1}/serverGroup`, {
        name: "Spare SG",
        appConnectorGroups: [{ id: ACG_SJC }],
      }),
    }),
  },
  "zpa.server_groups.get_group": { params: { group_id: SRVG_SJC } },
  "zpa.server_groups.list_groups": {},
  "zpa.server_groups.update_group": {
    params: { group_id: SRVG_SJC },
    body: {
      name: "SJC Server Group",
      dynamicDiscovery: true,
      appConnectorGroups: [{ id: ACG_SJC }],
    },
  },
  "zpa.servers.add_server": { body: { name: "grafana-01", address: "10.10.1.40", enabled: true } },
  "zpa.servers.delete_server": {
    setup: async (api) => ({
      server_id: await created(api, `${api.v1}/server`, { name: "spare", address: "10.0.0.9" }),
    }),
  },
  "zpa.servers.get_server": { params: { server_id: "216196257331420001" } },
  "zpa.servers.list_servers": {},
  "zpa.servers.update_server": {
    params: { server_id: "216196257331420001" },
    body: { name: "jira-app-01", address: "10.10.1.22", description: "moved" },
  },
  "zpa.service_edge_group.add_service_edge_group": {
    body: {
      name: "EP Edges",
      location: "San Jose, CA, USA",
      upgradeDay: "SUNDAY",
      isPublic: "FALSE",
    },
  },
  "zpa.service_edge_group.delete_service_edge_group": {
    params: { group_id: "216196257331470003" },
  },
  "zpa.service_edge_group.get_service_edge_group": { params: { group_id: "216196257331470001" } },
  "zpa.service_edge_group.list_service_edge_groups": {},
  "zpa.service_edge_group.update_service_edge_group": {
    params: { group_id: "216196257331470001" },
    body: { name: "SJC Private Service Edges (primary)" },
  },
  "zpa.service_edges.bulk_delete_service_edges": {
    body: { ids: ["216196257331475001", "216196257331475002"] },
    status: 200,
  },
  "zpa.service_edges.delete_service_edge": { params: { service_edge_id: "216196257331475003" } },
  "zpa.service_edges.get_service_edge": { params: { service_edge_id: "216196257331475001" } },
  "zpa.service_edges.list_service_edges": {},
  "zpa.service_edges.update_service_edge": {
    params: { service_edge_id: "216196257331475001" },
    body: { name: "sjc-pse-01", enabled: false },
  },
  "zpa.trusted_networks.get_network": { params: { network_id: "216196257331372849" } },
  "zpa.trusted_networks.list_trusted_networks": {},
};

/** Fills the template's base and parameters. */
function expand(template: string, cid: string, params: Record<string, string>): string {
  let path = template;
  for (const [placeholder, base] of Object.entries(bases(cid))) {
    path = path.replace(placeholder, base);
  }
  path = path
    .replace("{simplify_key_type(key_type)}", "CONNECTOR_GRP")
    .replace("{CONNECTOR_GRP|SERVICE_EDGE_GRP}", "CONNECTOR_GRP");
  path = path.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for ${whole} in ${template}`);
    return encodeURIComponent(value);
  });
  assert.doesNotMatch(path, /[{}]/, `unexpanded placeholder in ${path}`);
  return path;
}

function successStatus(method: string, recipe: Recipe): number {
  if (recipe.status !== undefined) return recipe.status;
  return method === "GET" ? 200 : method === "POST" ? 201 : 204;
}

async function apiFor(sim: TestSim): Promise<Api> {
  const token = await simAccessToken(sim);
  const cid = sim.tenant.options.customerId;
  return {
    cid,
    v1: `/zpa/mgmtconfig/v1/admin/customers/${cid}`,
    v2: `/zpa/mgmtconfig/v2/admin/customers/${cid}`,
    async send(method, path, body) {
      const response = await fetch(new URL(path, sim.apiBaseUrl), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text === "" ? undefined : JSON.parse(text) };
    },
  };
}

Deno.test("zpa endpoints: the fixture lists the ZPA calls and every one has a recipe", () => {
  const calls = new Set(zpaEndpoints().map((e) => e.call));
  assert.ok(calls.size >= 100, `only ${calls.size} zpa.* calls in the fixture`);
  assert.deepEqual([...calls].filter((c) => !(c in RECIPES)), [], "calls without a recipe");
  assert.deepEqual(Object.keys(RECIPES).filter((c) => !calls.has(c)), [], "recipes without a call");
});

Deno.test("zpa endpoints: every fixture line is routed, answers 2xx and is recorded as sent", async (t) => {
  const sim = await startTestSim();
  try {
    const api = await apiFor(sim);
    for (const endpoint of zpaEndpoints()) {
      await t.step(`${endpoint.method} ${endpoint.template} (${endpoint.call})`, async () => {
        sim.tenant.reset();
        const recipe = RECIPES[endpoint.call];
        const params = { ...(recipe.params ?? {}), ...(await recipe.setup?.(api) ?? {}) };
        const query = new URLSearchParams(recipe.query ?? {}).toString();
        const path = expand(endpoint.template, api.cid, params);
        const url = query === "" ? path : `${path}?${query}`;
        const reply = await api.send(endpoint.method, url, recipe.body);
        assert.equal(
          reply.status,
          successStatus(endpoint.method, recipe),
          JSON.stringify(reply.json),
        );
        const recorded = sim.tenant.requests.at(-1);
        assert.ok(recorded);
        assert.equal(recorded.service, "zpa");
        assert.equal(recorded.method, endpoint.method);
        assert.equal(recorded.path, path);
        assert.equal(recorded.status, reply.status);
        assert.deepEqual(recorded.query, recipe.query ?? {});

        // The same path with one bogus segment before the last one is not served.
        const segments = path.split("/");
        segments.splice(segments.length - 1, 0, "nope");
        const wrong = await api.send(endpoint.method, segments.join("/"), recipe.body);
        assert.equal(wrong.status, 404, `${endpoint.method} ${segments.join("/")}`);
        assert.equal((wrong.json as { id: string }).id, "resource.not.found");
        assert.equal(sim.tenant.requests.at(-1)?.status, 404);
      });
    }
  } finally {
    await sim.close();
  }
});
