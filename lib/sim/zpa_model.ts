/**
 * The simulated ZPA configuration: application segments, segment groups, server groups, app
 * connector groups, servers and connectors, with referential integrity; policy sets and rules
 * live in `zpa_policy.ts`. Routing and HTTP shapes live in `zpa.ts`.
 *
 * Facts (API-FACTS §2 "ZPA"): every id, time and counter is a string; times are epoch seconds.
 *
 * @module
 */

import { isObject, type JsonObject } from "./http.ts";
import { seedZpa, type ZpaCollectionName } from "./seed.ts";
import { Collection } from "./store.ts";
import {
  assertUniqueName,
  idsOf,
  invalidPayload as invalid,
  resourceNotFound as notFound,
  zpaTimes,
  ZpaWriteError,
} from "./zpa_common.ts";
import { ZpaPolicies } from "./zpa_policy.ts";

/** All simulated ZPA collection names. */
export const ZPA_COLLECTION_NAMES: readonly ZpaCollectionName[] = Object.freeze([
  "application",
  "segmentGroup",
  "serverGroup",
  "appConnectorGroup",
  "server",
  "connector",
]);

/** True for a ZPA collection name. */
export function isZpaCollection(name: string): name is ZpaCollectionName {
  return (ZPA_COLLECTION_NAMES as readonly string[]).includes(name);
}

/** `applicationType` values of `GET /application/getAppsByType`. */
export const APP_TYPES = ["BROWSER_ACCESS", "SECURE_REMOTE_ACCESS", "INSPECT"] as const;

const ENUMS: Partial<Record<ZpaCollectionName, Record<string, readonly string[]>>> = {
  application: {
    bypassType: ["NEVER", "ALWAYS", "ON_NET"],
    healthReporting: ["NONE", "ON_ACCESS", "CONTINUOUS"],
    icmpAccessType: ["NONE", "PING", "PING_TRACEROUTING"],
    healthCheckType: ["DEFAULT", "NONE"],
  },
  appConnectorGroup: {
    upgradeDay: ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"],
    dnsQueryType: ["IPV4", "IPV6", "IPV4_IPV6"],
  },
};

/** Server-owned fields stripped from client bodies. */
const SERVER_FIELDS = [
  "id",
  "creationTime",
  "modifiedTime",
  "modifiedBy",
  "segmentGroupName",
  "applications",
  "connectors",
  "appServerGroupIds",
  "appConnectorGroupName",
  "readOnly",
  "zscalerManaged",
];

const inUse = (what: string, id: string, by: string) =>
  new ZpaWriteError(400, "resource.in.use", `${what} ${id} is still referenced by ${by}`, [id]);

/** Validates and normalizes port ranges given as flat strings or `{from,to}` objects. */
function normalizePorts(flat: unknown, objects: unknown, label: string): string[] {
  let pairs: [unknown, unknown][] = [];
  if (objects !== undefined && objects !== null) {
    if (!Array.isArray(objects)) throw invalid(`${label}PortRange must be a list of {from,to}`);
    pairs = objects.map((entry) => {
      if (!isObject(entry)) throw invalid(`${label}PortRange entries must be {from,to}`);
      return [entry.from, entry.to];
    });
  } else if (flat !== undefined && flat !== null) {
    if (!Array.isArray(flat) || flat.length % 2 !== 0) {
      throw invalid(`${label}PortRanges must be a flat list of from/to pairs`);
    }
    for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  }
  const out: string[] = [];
  for (const [from, to] of pairs) {
    const a = Number(from);
    const b = Number(to);
    const valid = [from, to].every((v) =>
      (typeof v === "string" && /^\d{1,5}$/.test(v)) || Number.isInteger(v)
    );
    if (!valid || a < 1 || b > 65535 || a > b) {
      throw invalid(`Invalid ${label} port range ${String(from)}-${String(to)}`, [
        String(from),
        String(to),
      ]);
    }
    out.push(String(a), String(b));
  }
  return out;
}

function rangeObjects(flat: unknown): JsonObject[] {
  if (!Array.isArray(flat)) return [];
  const out: JsonObject[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ from: flat[i], to: flat[i + 1] });
  return out;
}

/** The in-memory ZPA tenant. */
export class ZpaModel {
  #collections = new Map<ZpaCollectionName, Collection>();
  #nextId = 0n;
  /** Policy sets and rules (they reference this model's objects). */
  readonly policies: ZpaPolicies = new ZpaPolicies({
    nameOf: (collection, id) => {
      const found = this.#col(collection).get(id);
      return found === undefined ? undefined : String(found.name);
    },
    newId: () => this.#newId(),
  });

  /** Creates a freshly seeded model. */
  constructor() {
    this.reset();
  }

  /** Reseeds everything. */
  reset(): void {
    const seed = seedZpa();
    this.#collections.clear();
    for (const name of ZPA_COLLECTION_NAMES) {
      this.#collections.set(name, new Collection(seed[name]));
    }
    this.policies.reset();
    this.#nextId = 216196257331500001n;
  }

  #col(name: ZpaCollectionName): Collection {
    const col = this.#collections.get(name);
    if (!col) throw new Error(`sim: unknown ZPA collection ${name}`);
    return col;
  }

  #newId(): string {
    const id = this.#nextId;
    this.#nextId += 1n;
    return String(id);
  }

  // ---- reading ----------------------------------------------------------------------------

  /** Every object of `name`, rendered as the API returns them, in order. */
  collection(name: ZpaCollectionName): JsonObject[] {
    return this.#col(name).list().map((item) => this.render(name, item));
  }

  /** One object of `name`, rendered, or undefined. */
  get(name: ZpaCollectionName, id: string): JsonObject | undefined {
    const item = this.#col(name).get(id);
    return item === undefined ? undefined : this.render(name, item);
  }

  #summary(name: ZpaCollectionName, id: string, fields: string[]): JsonObject | undefined {
    const item = this.#col(name).get(id);
    if (item === undefined) return undefined;
    const out: JsonObject = { id };
    for (const field of fields) if (item[field] !== undefined) out[field] = item[field];
    return out;
  }

  #expand(name: ZpaCollectionName, value: unknown, fields: string[]): JsonObject[] {
    return idsOf(value).flatMap((id) => {
      const summary = this.#summary(name, id, fields);
      return summary === undefined ? [] : [summary];
    });
  }

  /** Adds derived and expanded fields (names of references, back-references). */
  render(name: ZpaCollectionName, item: JsonObject): JsonObject {
    const out = structuredClone(item);
    const id = String(item.id);
    switch (name) {
      case "application": {
        const group = this.#col("segmentGroup").get(String(item.segmentGroupId));
        if (group !== undefined) out.segmentGroupName = group.name;
        out.serverGroups = this.#expand("serverGroup", item.serverGroups, [
          "name",
          "enabled",
          "description",
          "configSpace",
          "extranetEnabled",
          "dynamicDiscovery",
        ]);
        out.tcpPortRange = rangeObjects(item.tcpPortRanges);
        if (Array.isArray(item.udpPortRanges) && item.udpPortRanges.length > 0) {
          out.udpPortRange = rangeObjects(item.udpPortRanges);
        }
        break;
      }
      case "segmentGroup":
        out.applications = this.#backrefs("application", (a) => a.segmentGroupId === id, [
          "name",
          "enabled",
          "domainNames",
        ]);
        break;
      case "serverGroup":
        out.appConnectorGroups = this.#expand("appConnectorGroup", item.appConnectorGroups, [
          "name",
          "enabled",
          "description",
          "location",
          "cityCountry",
          "countryCode",
          "connectorGroupType",
        ]);
        out.servers = this.#expand("server", item.servers, ["name", "address", "enabled"]);
        out.applications = this.#backrefs(
          "application",
          (a) => idsOf(a.serverGroups).includes(id),
          ["name"],
        );
        break;
      case "appConnectorGroup":
        out.connectors = this.#backrefs("connector", (c) => c.appConnectorGroupId === id, [
          "name",
          "enabled",
          "controlChannelStatus",
          "currentVersion",
        ]);
        out.serverGroups = this.#backrefs(
          "serverGroup",
          (g) => idsOf(g.appConnectorGroups).includes(id),
          ["name"],
        );
        break;
      case "server":
        out.appServerGroupIds = this.#backrefs(
          "serverGroup",
          (g) => idsOf(g.servers).includes(id),
          [],
        ).map((g) => g.id);
        break;
      case "connector": {
        const group = this.#col("appConnectorGroup").get(String(item.appConnectorGroupId));
        if (group !== undefined) out.appConnectorGroupName = group.name;
        break;
      }
    }
    return out;
  }

  #backrefs(
    name: ZpaCollectionName,
    predicate: (item: JsonObject) => boolean,
    fields: string[],
  ): JsonObject[] {
    const out: JsonObject[] = [];
    for (const item of this.#col(name).values()) {
      if (!predicate(item)) continue;
      const summary: JsonObject = { id: item.id };
      for (const field of fields) {
        if (item[field] !== undefined) summary[field] = structuredClone(item[field]);
      }
      out.push(summary);
    }
    return out;
  }

  /** Application sub-apps of one type (`getAppsByType`), as flat entries. */
  appsByType(type: typeof APP_TYPES[number]): JsonObject[] {
    const out: JsonObject[] = [];
    for (const app of this.#col("application").values()) {
      const base = { appId: app.id, microtenantName: app.microtenantName ?? "Default" };
      if (type === "BROWSER_ACCESS" && Array.isArray(app.clientlessApps)) {
        for (const ba of app.clientlessApps) {
          if (isObject(ba)) out.push({ ...structuredClone(ba), ...base });
        }
      }
      const configs = isObject(app.commonAppsDto) && Array.isArray(app.commonAppsDto.appsConfig)
        ? app.commonAppsDto.appsConfig
        : [];
      for (const config of configs) {
        if (!isObject(config) || !Array.isArray(config.appTypes)) continue;
        if (!config.appTypes.includes(type)) continue;
        out.push({
          ...structuredClone(config),
          id: config.praAppId ?? config.inspectAppId ?? app.id,
          ...base,
        });
      }
    }
    return out;
  }

  // ---- writing ----------------------------------------------------------------------------

  /** Creates an object from a client body; returns it rendered. */
  create(name: ZpaCollectionName, body: JsonObject): JsonObject {
    if (name === "connector") {
      throw new ZpaWriteError(405, "method.not.allowed", "App connectors enroll themselves");
    }
    const id = this.#newId();
    const item = this.#normalize(name, { ...this.#defaults(name), ...strip(body) }, id);
    const stored = { id, ...zpaTimes(), ...item };
    this.#col(name).put(stored);
    return this.render(name, stored);
  }

  /** Replaces the object `id` with a client body (PUT, 204). */
  replace(name: ZpaCollectionName, id: string, body: JsonObject): void {
    const col = this.#col(name);
    const existing = col.get(id);
    if (existing === undefined) throw notFound(id);
    let merged: JsonObject;
    if (name === "connector") {
      merged = { ...existing };
      for (const field of ["name", "description", "enabled"]) {
        if (body[field] !== undefined) merged[field] = structuredClone(body[field]);
      }
    } else {
      merged = { ...this.#defaults(name), ...strip(body) };
    }
    const item = this.#normalize(name, merged, id);
    col.put({ ...item, id, ...zpaTimes(existing) });
  }

  /** Deletes the object `id`; `force` lets an application go even if rules reference it. */
  remove(name: ZpaCollectionName, id: string, force = false): void {
    const col = this.#col(name);
    if (!col.has(id)) throw notFound(id);
    const apps = [...this.#col("application").values()];
    const serverGroups = [...this.#col("serverGroup").values()];
    switch (name) {
      case "segmentGroup":
        if (apps.some((a) => a.segmentGroupId === id)) {
          throw inUse("Segment group", id, "application segments");
        }
        if (this.policies.referencesOperand("APP_GROUP", id)) {
          throw inUse("Segment group", id, "policy rules");
        }
        break;
      case "serverGroup":
        if (apps.some((a) => idsOf(a.serverGroups).includes(id))) {
          throw inUse("Server group", id, "application segments");
        }
        if (this.policies.referencesGroup("appServerGroups", id)) {
          throw inUse("Server group", id, "policy rules");
        }
        break;
      case "appConnectorGroup":
        if (serverGroups.some((g) => idsOf(g.appConnectorGroups).includes(id))) {
          throw inUse("App connector group", id, "server groups");
        }
        if ([...this.#col("connector").values()].some((c) => c.appConnectorGroupId === id)) {
          throw inUse("App connector group", id, "app connectors");
        }
        if (this.policies.referencesGroup("appConnectorGroups", id)) {
          throw inUse("App connector group", id, "policy rules");
        }
        break;
      case "server":
        if (serverGroups.some((g) => idsOf(g.servers).includes(id))) {
          throw inUse("Server", id, "server groups");
        }
        break;
      case "application":
        if (this.policies.referencesOperand("APP", id)) {
          if (!force) throw inUse("Application segment", id, "policy rules (use forceDelete)");
          this.policies.dropOperands("APP", id);
        }
        break;
    }
    col.delete(id);
  }

  #defaults(name: ZpaCollectionName): JsonObject {
    switch (name) {
      case "application":
        return {
          enabled: true,
          passiveHealthEnabled: true,
          doubleEncrypt: false,
          configSpace: "DEFAULT",
          bypassType: "NEVER",
          healthCheckType: "DEFAULT",
          icmpAccessType: "NONE",
          isCnameEnabled: true,
          ipAnchored: false,
          healthReporting: "ON_ACCESS",
          tcpKeepAlive: "0",
          matchStyle: "EXCLUSIVE",
          readOnly: false,
          zscalerManaged: false,
          microtenantName: "Default",
        };
      case "segmentGroup":
        return {
          enabled: true,
          configSpace: "DEFAULT",
          tcpKeepAliveEnabled: "0",
          readOnly: false,
          zscalerManaged: false,
          microtenantName: "Default",
        };
      case "serverGroup":
        return {
          enabled: true,
          ipAnchored: false,
          configSpace: "DEFAULT",
          extranetEnabled: false,
          dynamicDiscovery: true,
          readOnly: false,
          zscalerManaged: false,
          microtenantName: "Default",
        };
      case "appConnectorGroup":
        return {
          enabled: true,
          versionProfileId: "0",
          overrideVersionProfile: false,
          versionProfileName: "Default",
          upgradeTimeInSecs: "66600",
          upgradeDay: "SUNDAY",
          dnsQueryType: "IPV4_IPV6",
          praEnabled: false,
          useInDrMode: false,
          connectorGroupType: "APP",
          wafDisabled: false,
          readOnly: false,
          zscalerManaged: false,
          microtenantName: "Default",
          lssAppConnectorGroup: false,
        };
      case "server":
        return {
          enabled: true,
          configSpace: "DEFAULT",
          readOnly: false,
          zscalerManaged: false,
          microtenantName: "Default",
        };
      default:
        return {};
    }
  }

  /** Validates one object of `name` (with id `selfId`) and returns its stored form. */
  #normalize(name: ZpaCollectionName, item: JsonObject, selfId: string): JsonObject {
    if (typeof item.name !== "string" || item.name.trim() === "") throw invalid("name is required");
    assertUniqueName(this.#col(name).values(), item.name, selfId);
    for (const [field, allowed] of Object.entries(ENUMS[name] ?? {})) {
      const value = item[field];
      if (value !== undefined && (typeof value !== "string" || !allowed.includes(value))) {
        throw invalid(`${field} must be one of ${allowed.join(", ")}`, [String(value)]);
      }
    }
    if (item.enabled !== undefined && typeof item.enabled !== "boolean") {
      throw invalid("enabled must be a boolean");
    }
    switch (name) {
      case "application":
        return this.#normalizeApplication(item, selfId);
      case "serverGroup": {
        const acgs = this.#refList(
          item.appConnectorGroups,
          "appConnectorGroup",
          "appConnectorGroups",
        );
        if (acgs.length === 0) throw invalid("appConnectorGroups must name at least one group");
        const servers = this.#refList(item.servers ?? [], "server", "servers");
        if (item.dynamicDiscovery === false && servers.length === 0) {
          throw invalid("servers are required when dynamicDiscovery is false");
        }
        return { ...item, appConnectorGroups: acgs, servers };
      }
      case "server":
        if (typeof item.address !== "string" || item.address.trim() === "") {
          throw invalid("address is required");
        }
        return item;
      default:
        return item;
    }
  }

  #normalizeApplication(item: JsonObject, selfId: string): JsonObject {
    const domains = item.domainNames;
    if (
      !Array.isArray(domains) || domains.length === 0 ||
      domains.some((d) => typeof d !== "string" || d.trim() === "")
    ) {
      throw invalid("domainNames must be a non-empty list of domain names");
    }
    const groupId = item.segmentGroupId;
    if (typeof groupId !== "string" || !this.#col("segmentGroup").has(groupId)) {
      throw invalid(`segmentGroupId ${String(groupId)} does not exist`, [String(groupId)]);
    }
    const serverGroups = this.#refList(item.serverGroups, "serverGroup", "serverGroups");
    if (serverGroups.length === 0) throw invalid("serverGroups must name at least one group");
    const tcp = normalizePorts(item.tcpPortRanges, item.tcpPortRange, "tcp");
    const udp = normalizePorts(item.udpPortRanges, item.udpPortRange, "udp");
    if (tcp.length === 0 && udp.length === 0) {
      throw invalid("At least one TCP or UDP port range is required");
    }
    const out: JsonObject = { ...item, serverGroups, tcpPortRanges: tcp, udpPortRanges: udp };
    delete out.tcpPortRange;
    delete out.udpPortRange;
    if (Array.isArray(out.clientlessApps)) {
      out.clientlessApps = out.clientlessApps.map((ba) =>
        isObject(ba)
          ? { ...ba, id: typeof ba.id === "string" ? ba.id : this.#newId(), appId: selfId }
          : ba
      );
    }
    if (isObject(out.commonAppsDto) && Array.isArray(out.commonAppsDto.appsConfig)) {
      out.commonAppsDto = {
        ...out.commonAppsDto,
        appsConfig: out.commonAppsDto.appsConfig.map((config) => {
          if (!isObject(config)) return config;
          const next: JsonObject = { ...config, appId: selfId };
          const types = Array.isArray(config.appTypes) ? config.appTypes : [];
          if (types.includes("SECURE_REMOTE_ACCESS") && typeof config.praAppId !== "string") {
            next.praAppId = this.#newId();
          }
          if (types.includes("INSPECT") && typeof config.inspectAppId !== "string") {
            next.inspectAppId = this.#newId();
          }
          return next;
        }),
      };
    }
    return out;
  }

  #refList(value: unknown, target: ZpaCollectionName, field: string): JsonObject[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw invalid(`${field} must be a list of {id}`);
    return value.map((entry) => {
      const id = isObject(entry) ? entry.id : undefined;
      if (typeof id !== "string" || !/^\d+$/.test(id)) {
        throw invalid(`${field} entries need a string id`);
      }
      if (!this.#col(target).has(id)) throw invalid(`${field}: ${id} does not exist`, [id]);
      return { id };
    });
  }

  // ---- policy conveniences --------------------------------------------------------------

  /** The policy set of a type (or alias), or undefined. */
  policySet(typeOrAlias: string): JsonObject | undefined {
    return this.policies.policySet(typeOrAlias);
  }

  /** The rules of the policy set of a type (or alias), ordered by `ruleOrder`. */
  rulesOfType(typeOrAlias: string): JsonObject[] {
    return this.policies.rulesOfType(typeOrAlias);
  }

  /** One policy rule, or undefined. */
  rule(setId: string, ruleId: string): JsonObject | undefined {
    return this.policies.rule(setId, ruleId);
  }
}

function strip(body: JsonObject): JsonObject {
  const out = structuredClone(body);
  for (const field of SERVER_FIELDS) delete out[field];
  return out;
}
