/**
 * Every ZIA SDK call the reference server's tools make (`tests/fixtures/endpoints.tsv`, lines
 * starting with `zia.`) is issued over real HTTP against a started simulator: each must be
 * routed (2xx), must be recorded with its method, path and query, and the same path with a
 * misspelt first segment must 404.
 */

import assert from "node:assert/strict";
import { type SimServer } from "../../lib/sim/mod.ts";
import { call, obj, type Reply, token, withSim, ZIA } from "./_helpers.ts";

interface Endpoint {
  call: string;
  method: string;
  /** Path template after the ZIA base, with `{placeholders}` and maybe a query. */
  template: string;
}

const FIXTURE = new URL("../fixtures/endpoints.tsv", import.meta.url);

async function ziaEndpoints(): Promise<Endpoint[]> {
  const text = await Deno.readTextFile(FIXTURE);
  return text.split("\n").filter((line) => line.startsWith("zia.")).map((line) => {
    const [name, , method, path] = line.split("\t");
    const base = "{self._zia_base_endpoint}";
    assert.ok(path.startsWith(base), `${name}: ${path}`);
    // `[?action=A|B]` marks an optional query; the plain PUT is the call without it.
    const template = path.slice(base.length).replace(/\[\?[^\]]*\]$/, "");
    return { call: name, method, template };
  });
}

/** Builds a valid create body for each collection (by collection path); `n` keeps it unique. */
const CREATE: Record<string, (n: number) => Record<string, unknown>> = {
  firewallFilteringRules: (n) => ({ name: `EP fw ${n}`, action: "ALLOW" }),
  firewallDnsRules: (n) => ({ name: `EP dns ${n}`, action: "BLOCK" }),
  firewallIpsRules: (n) => ({ name: `EP ips ${n}`, action: "BLOCK_DROP" }),
  ipDestinationGroups: (n) => ({ name: `EP dst ${n}`, type: "DSTN_IP", addresses: ["192.0.2.10"] }),
  ipSourceGroups: (n) => ({ name: `EP src ${n}`, ipAddresses: ["10.9.9.9"] }),
  networkApplicationGroups: (n) => ({ name: `EP apps ${n}`, networkApplications: ["SSH"] }),
  networkServices: (n) => ({ name: `EP svc ${n}`, destTcpPorts: [{ start: 8443 }] }),
  networkServiceGroups: (n) => ({ name: `EP svcs ${n}`, services: [{ id: 774001 }] }),
  "webApplicationRules/STREAMING_MEDIA": (n) => ({
    name: `EP cac ${n}`,
    actions: ["BLOCK_STREAMING_UPLOAD"],
    applications: ["YOUTUBE"],
  }),
  webDlpRules: (n) => ({ name: `EP dlp ${n}`, action: "BLOCK", dlpEngines: [{ id: 1592001 }] }),
  fileTypeRules: (n) => ({
    name: `EP ft ${n}`,
    filteringAction: "BLOCK",
    fileTypes: ["FTCATEGORY_ZIP"],
  }),
  ipsSignatureRules: (n) => ({ name: `EP sig ${n}`, ruleText: "alert tcp any any -> any 1" }),
  locations: (n) => ({ name: `EP site ${n}`, country: "FRANCE", tz: "FRANCE_EUROPE_PARIS" }),
  ruleLabels: (n) => ({ name: `EP label ${n}` }),
  sandboxRules: (n) => ({ name: `EP sandbox ${n}`, baRuleAction: "BLOCK" }),
  sslInspectionRules: (n) => ({ name: `EP ssl ${n}`, action: { type: "DECRYPT" } }),
  timeIntervals: (n) => ({
    name: `EP hours ${n}`,
    startTime: 60,
    endTime: 120,
    daysOfWeek: ["MON"],
  }),
  staticIP: (n) => ({ ipAddress: `198.51.100.${100 + n}`, comment: "EP" }),
  vpnCredentials: (n) => ({
    type: "UFQDN",
    fqdn: `ep${n}@acme-sim.example`,
    preSharedKey: "not-a-real-psk-123",
  }),
  urlCategories: (n) => ({ configuredName: `EP category ${n}`, urls: ["ep.example"] }),
  urlFilteringRules: (n) => ({ name: `EP url ${n}`, action: "BLOCK", urlCategories: ["GAMBLING"] }),
};

/** Bodies of the endpoints that are not collection writes (by method and template). */
const SPECIAL: Record<string, unknown> = {
  "PUT /cyberThreatProtection/maliciousUrls?action=ADD_TO_LIST": {
    maliciousUrls: ["ep-bad.example"],
  },
  "PUT /cyberThreatProtection/maliciousUrls?action=REMOVE_FROM_LIST": {
    maliciousUrls: ["ep-bad.example"],
  },
  "POST /authSettings/exemptedUrls?action=ADD_TO_LIST": { urls: ["ep-sso.example"] },
  "POST /authSettings/exemptedUrls?action=REMOVE_FROM_LIST": { urls: ["ep-sso.example"] },
  "POST /urlLookup": ["google.com"],
  "PUT /cloudApplications/bulkUpdate": { applicationIds: [672], sanctionedState: "SANCTIONED" },
  "POST /webApplicationRules/{rule_type}/availableActions": { type: "STREAMING_MEDIA" },
  "PUT /urlCategories/{category_id}?action=ADD_TO_LIST": { urls: ["ep2.example"] },
  "PUT /urlCategories/{category_id}?action=REMOVE_FROM_LIST": { urls: ["ep2.example"] },
};

/** Query parameters the API requires that the fixture's paths do not show. */
const REQUIRED_QUERY: Record<string, string> = {
  "/region/byGeoCoordinates": "?latitude=37.33&longitude=-121.88",
  "/region/search": "?prefix=San",
};

/** Fixed values of the placeholders that are not ids of listed objects. */
const FIXED: Record<string, string> = {
  rule_type: "STREAMING_MEDIA",
  ip: "203.0.113.10",
  md5_hash: "44d88612fea8a8f36de82e1278abb02f",
  report_details: "full",
};

class Runner {
  #created = 0;

  constructor(readonly sim: SimServer, readonly bearer: string) {}

  send(method: string, path: string, body?: unknown): Promise<Reply> {
    return call(this.sim, this.bearer, method, `${ZIA}${path}`, body);
  }

  async firstId(listPath: string): Promise<string> {
    const reply = await this.send("GET", listPath);
    assert.equal(reply.status, 200, `GET ${listPath}: ${reply.text}`);
    const list = reply.json as { id: unknown }[];
    assert.ok(Array.isArray(list) && list.length > 0, `GET ${listPath} is empty`);
    return String(list[0].id);
  }

  /** A valid, unique create body; a GRE tunnel gets a fresh static IP first. */
  async createBody(collection: string): Promise<Record<string, unknown>> {
    this.#created += 1;
    if (collection === "greTunnels") {
      const ip = await this.send("POST", "/staticIP", CREATE.staticIP(this.#created));
      assert.equal(ip.status, 200, `POST staticIP: ${ip.text}`);
      return { sourceIp: obj(ip).ipAddress, primaryDestVip: { id: 99021 }, comment: "EP" };
    }
    const build = CREATE[collection];
    assert.ok(build !== undefined, `no create body for ${collection}`);
    return build(this.#created);
  }

  async createdId(collection: string): Promise<string> {
    const reply = await this.send("POST", `/${collection}`, await this.createBody(collection));
    assert.equal(reply.status, 200, `POST ${collection}: ${reply.text}`);
    return String(obj(reply).id);
  }

  /** Fills the placeholders: fresh objects for writes, listed ones for reads. */
  async resolve(ep: Endpoint): Promise<string> {
    let path = ep.template + (REQUIRED_QUERY[ep.template] ?? "");
    for (const [name, value] of Object.entries(FIXED)) path = path.replace(`{${name}}`, value);
    const match = /\{(\w+)\}/.exec(path);
    if (match === null) return path;
    const collection = path.slice(1, match.index - 1);
    const id = ep.method === "GET" && !path.includes("?action=")
      ? await this.firstId(`/${collection}`)
      : await this.createdId(collection);
    return path.replace(match[0], encodeURIComponent(id));
  }

  /**
   * The request body: the fixed special ones, a fresh create body, or for a PUT what GET
   * returns with a changed description (tools GET before they replace).
   */
  async body(ep: Endpoint, path: string): Promise<unknown> {
    const special = SPECIAL[`${ep.method} ${ep.template}`];
    if (special !== undefined) return special;
    if (ep.method === "POST" && ep.template !== "/status/activate") {
      return await this.createBody(path.slice(1));
    }
    if (ep.method !== "PUT") return undefined;
    const current = await this.send("GET", path);
    assert.equal(current.status, 200, `GET ${path}: ${current.text}`);
    const collection = path.replace(/\/[^/]+$/, "").slice(1);
    return CREATE[collection] === undefined
      ? current.json
      : { ...obj(current), description: "updated by the endpoint test" };
  }
}

function recorded(sim: SimServer, method: string, path: string): boolean {
  const url = new URL(`${ZIA}${path}`, "http://sim");
  const query = Object.fromEntries(url.searchParams);
  return sim.tenant.requests.some((r) =>
    r.method === method && r.path === url.pathname &&
    Object.entries(query).every(([k, v]) => r.query[k] === v)
  );
}

Deno.test("zia endpoints: the fixture lists every ZIA call the tools make", async () => {
  const endpoints = await ziaEndpoints();
  assert.equal(endpoints.length, 174);
  const methods = new Set(endpoints.map((e) => e.method));
  assert.deepEqual([...methods].sort(), ["DELETE", "GET", "POST", "PUT"]);
});

Deno.test("zia endpoints: every zia.* call is routed, recorded, and a misspelt path 404s", async () => {
  const endpoints = await ziaEndpoints();
  await withSim({}, async (sim) => {
    const runner = new Runner(sim, await token(sim));
    const misspelt = new Set<string>();
    for (const ep of endpoints) {
      const path = await runner.resolve(ep);
      const body = await runner.body(ep, path);
      const reply = await runner.send(ep.method, path, body);
      assert.ok(
        reply.status >= 200 && reply.status < 300,
        `${ep.call}: ${ep.method} ${path} -> ${reply.status} ${reply.text.slice(0, 300)}`,
      );
      assert.ok(recorded(sim, ep.method, path), `${ep.call}: ${ep.method} ${path} not recorded`);

      const wrong = path.replace(/^\/([^/?]+)/, "/$1x");
      if (misspelt.has(`${ep.method} ${wrong}`)) continue;
      misspelt.add(`${ep.method} ${wrong}`);
      const bad = await runner.send(ep.method, wrong, body);
      assert.equal(bad.status, 404, `${ep.call}: ${ep.method} ${wrong} -> ${bad.status}`);
      assert.equal(obj(bad).code, "RESOURCE_NOT_FOUND", `${ep.call}: ${wrong}`);
      assert.ok(recorded(sim, ep.method, wrong), `${ep.call}: ${wrong} not recorded`);
    }
    // The writes left the configuration pending; the fixture's activate call ran before
    // some of them, so activate once more and check the status settles.
    assert.equal(sim.tenant.zia.status, "PENDING");
    assert.deepEqual((await runner.send("POST", "/status/activate")).json, { status: "ACTIVE" });
    assert.deepEqual((await runner.send("GET", "/status")).json, { status: "ACTIVE" });
  });
});
