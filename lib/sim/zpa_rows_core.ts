/**
 * Catalog rows of the core ZPA configuration: application segments (plain, browser access,
 * PRA and inspection kinds share one collection), segment groups, server groups, application
 * servers, app connector groups and app connectors.
 *
 * Facts (API-FACTS §2 "ZPA", samples `zpa_application_*`, `zpa_serverGroup_*`, …): ports are
 * flattened `["from","to",…]` strings and also rendered as `[{from,to}]`; a server group
 * renders its connector groups and servers expanded; PUT replaces the whole object.
 *
 * @module
 */

import { isObject, type JsonObject } from "./http.ts";
import { seedZpa } from "./seed.ts";
import { idsOf, invalidPayload as invalid } from "./zpa_common.ts";
import type { ZpaCollectionSpec, ZpaContext } from "./zpa_spec.ts";

/** `applicationType` values of `GET /application/getAppsByType`. */
export const APP_TYPES = ["BROWSER_ACCESS", "SECURE_REMOTE_ACCESS", "INSPECT"] as const;

const DEFAULT_MICROTENANT = { readOnly: false, zscalerManaged: false, microtenantName: "Default" };

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

/** Checks a `certificateId` of a browser-access or inspection sub-app. */
function checkCertificate(config: JsonObject, ctx: ZpaContext): void {
  const id = config.certificateId;
  if (id === undefined || id === null) return;
  if (typeof id !== "string" || ctx.stored("certificate", id) === undefined) {
    throw invalid(`certificateId ${String(id)} does not exist`, [String(id)]);
  }
}

function normalizeApplication(item: JsonObject, selfId: string, ctx: ZpaContext): JsonObject {
  const domains = item.domainNames;
  if (
    !Array.isArray(domains) || domains.length === 0 ||
    domains.some((d) => typeof d !== "string" || d.trim() === "")
  ) {
    throw invalid("domainNames must be a non-empty list of domain names");
  }
  const tcp = normalizePorts(item.tcpPortRanges, item.tcpPortRange, "tcp");
  const udp = normalizePorts(item.udpPortRanges, item.udpPortRange, "udp");
  if (tcp.length === 0 && udp.length === 0) {
    throw invalid("At least one TCP or UDP port range is required");
  }
  const out: JsonObject = { ...item, tcpPortRanges: tcp, udpPortRanges: udp };
  delete out.tcpPortRange;
  delete out.udpPortRange;
  if (out.clientlessApps !== undefined && !Array.isArray(out.clientlessApps)) {
    throw invalid("clientlessApps must be a list");
  }
  if (Array.isArray(out.clientlessApps)) {
    out.clientlessApps = out.clientlessApps.map((ba) => {
      if (!isObject(ba)) throw invalid("clientlessApps entries must be objects");
      checkCertificate(ba, ctx);
      return { ...ba, id: typeof ba.id === "string" ? ba.id : ctx.newId(), appId: selfId };
    });
  }
  if (isObject(out.commonAppsDto) && Array.isArray(out.commonAppsDto.appsConfig)) {
    out.commonAppsDto = {
      ...out.commonAppsDto,
      appsConfig: out.commonAppsDto.appsConfig.map((config) => {
        if (!isObject(config)) return config;
        checkCertificate(config, ctx);
        const next: JsonObject = { ...config, appId: selfId };
        const types = Array.isArray(config.appTypes) ? config.appTypes : [];
        if (types.includes("SECURE_REMOTE_ACCESS") && typeof config.praAppId !== "string") {
          next.praAppId = ctx.newId();
        }
        if (types.includes("INSPECT") && typeof config.inspectAppId !== "string") {
          next.inspectAppId = ctx.newId();
        }
        return next;
      }),
    };
  }
  return out;
}

/** Certificates used by the sub-apps of an application segment. */
function applicationCertificates(item: JsonObject): { target: "certificate"; id: string }[] {
  const configs = [
    ...(Array.isArray(item.clientlessApps) ? item.clientlessApps : []),
    ...(isObject(item.commonAppsDto) && Array.isArray(item.commonAppsDto.appsConfig)
      ? item.commonAppsDto.appsConfig
      : []),
  ];
  return configs.flatMap((config) =>
    isObject(config) && typeof config.certificateId === "string"
      ? [{ target: "certificate" as const, id: config.certificateId }]
      : []
  );
}

const application: ZpaCollectionSpec = {
  name: "application",
  label: "Application segment",
  plural: "application segments",
  seed: () => seedZpa().application,
  update: "replace",
  defaults: {
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
    ...DEFAULT_MICROTENANT,
  },
  enums: {
    bypassType: ["NEVER", "ALWAYS", "ON_NET"],
    healthReporting: ["NONE", "ON_ACCESS", "CONTINUOUS"],
    icmpAccessType: ["NONE", "PING", "PING_TRACEROUTING"],
    healthCheckType: ["DEFAULT", "NONE"],
  },
  refs: [
    {
      field: "segmentGroupId",
      target: "segmentGroup",
      required: true,
      nameField: "segmentGroupName",
    },
    {
      field: "serverGroups",
      target: "serverGroup",
      many: true,
      required: true,
      expand: [
        "name",
        "enabled",
        "description",
        "configSpace",
        "extranetEnabled",
        "dynamicDiscovery",
      ],
    },
  ],
  policyRef: { kind: "operand", objectType: "APP", force: true },
  normalize: (item, selfId, ctx) => normalizeApplication(item, selfId, ctx),
  render: (out) => {
    out.tcpPortRange = rangeObjects(out.tcpPortRanges);
    if (Array.isArray(out.udpPortRanges) && out.udpPortRanges.length > 0) {
      out.udpPortRange = rangeObjects(out.udpPortRanges);
    }
  },
  nestedRefs: applicationCertificates,
};

const segmentGroup: ZpaCollectionSpec = {
  name: "segmentGroup",
  label: "Segment group",
  plural: "application segments",
  seed: () => seedZpa().segmentGroup,
  update: "replace",
  defaults: {
    enabled: true,
    configSpace: "DEFAULT",
    tcpKeepAliveEnabled: "0",
    ...DEFAULT_MICROTENANT,
  },
  policyRef: { kind: "operand", objectType: "APP_GROUP" },
  derived: ["applications"],
  render: (out, ctx) => {
    out.applications = ctx.backrefs("application", (a) => a.segmentGroupId === out.id, [
      "name",
      "enabled",
      "domainNames",
    ]);
  },
};

const serverGroup: ZpaCollectionSpec = {
  name: "serverGroup",
  label: "Server group",
  plural: "server groups",
  seed: () => seedZpa().serverGroup,
  update: "replace",
  defaults: {
    enabled: true,
    ipAnchored: false,
    configSpace: "DEFAULT",
    extranetEnabled: false,
    dynamicDiscovery: true,
    ...DEFAULT_MICROTENANT,
  },
  refs: [
    {
      field: "appConnectorGroups",
      target: "appConnectorGroup",
      many: true,
      required: true,
      expand: [
        "name",
        "enabled",
        "description",
        "location",
        "cityCountry",
        "countryCode",
        "connectorGroupType",
      ],
    },
    { field: "servers", target: "server", many: true, expand: ["name", "address", "enabled"] },
  ],
  policyRef: { kind: "group", field: "appServerGroups" },
  derived: ["applications"],
  normalize: (item) => {
    if (item.dynamicDiscovery === false && idsOf(item.servers).length === 0) {
      throw invalid("servers are required when dynamicDiscovery is false");
    }
    return item;
  },
  render: (out, ctx) => {
    out.applications = ctx.backrefs(
      "application",
      (a) => idsOf(a.serverGroups).includes(String(out.id)),
      ["name"],
    );
  },
};

const appConnectorGroup: ZpaCollectionSpec = {
  name: "appConnectorGroup",
  label: "App connector group",
  plural: "app connector groups",
  seed: () => seedZpa().appConnectorGroup,
  update: "replace",
  defaults: {
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
    ...DEFAULT_MICROTENANT,
    lssAppConnectorGroup: false,
  },
  enums: {
    upgradeDay: ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"],
    dnsQueryType: ["IPV4", "IPV6", "IPV4_IPV6"],
  },
  policyRef: { kind: "group", field: "appConnectorGroups" },
  derived: ["connectors", "serverGroups"],
  render: (out, ctx) => {
    out.connectors = ctx.backrefs("connector", (c) => c.appConnectorGroupId === out.id, [
      "name",
      "enabled",
      "controlChannelStatus",
      "currentVersion",
    ]);
    out.serverGroups = ctx.backrefs(
      "serverGroup",
      (g) => idsOf(g.appConnectorGroups).includes(String(out.id)),
      ["name"],
    );
  },
};

const server: ZpaCollectionSpec = {
  name: "server",
  label: "Server",
  plural: "servers",
  seed: () => seedZpa().server,
  update: "replace",
  defaults: { enabled: true, configSpace: "DEFAULT", ...DEFAULT_MICROTENANT },
  required: ["address"],
  derived: ["appServerGroupIds"],
  render: (out, ctx) => {
    out.appServerGroupIds = ctx.backrefs(
      "serverGroup",
      (g) => idsOf(g.servers).includes(String(out.id)),
      [],
    ).map((g) => g.id);
  },
};

const connector: ZpaCollectionSpec = {
  name: "connector",
  label: "App connector",
  plural: "app connectors",
  seed: () => seedZpa().connector,
  update: ["name", "description", "enabled"],
  refs: [{
    field: "appConnectorGroupId",
    target: "appConnectorGroup",
    required: true,
    nameField: "appConnectorGroupName",
  }],
};

/** The core rows, in catalog order (order decides which refusal a delete reports first). */
export const CORE_ROWS: readonly ZpaCollectionSpec[] = Object.freeze([
  application,
  segmentGroup,
  serverGroup,
  appConnectorGroup,
  server,
  connector,
]);

/** Application sub-apps of one type (`getAppsByType`), as flat entries. */
export function appsByType(ctx: ZpaContext, type: typeof APP_TYPES[number]): JsonObject[] {
  const out: JsonObject[] = [];
  for (const app of ctx.all("application")) {
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
