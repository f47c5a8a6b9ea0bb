/**
 * The simulated ZIA settings objects: one object per path, read with GET and changed with PUT
 * (advanced settings, ATP, malware, mobile threat, Sandbox hash blocklist), and the two URL
 * lists changed incrementally with `?action=ADD_TO_LIST|REMOVE_FROM_LIST`
 * (`cyberThreatProtection/maliciousUrls` by PUT, `authSettings/exemptedUrls` by POST).
 *
 * Seeds: `samples/zia_advancedSettings.json` and `samples/zia_atp_settings.json` as recorded;
 * the others use the field lists of the ZIA API reference models. A PUT changes the fields it
 * names; each must keep its JSON type; names the object does not have are ignored.
 *
 * @module
 */

import { isObject, type JsonObject } from "./http.ts";
import { invalid } from "./zia_error.ts";
import { isMd5 } from "./zia_checks.ts";

/** How a URL-list setting is edited. */
export interface ZiaListAction {
  /** The list field. */
  field: string;
  /** The method carrying `?action=`. */
  method: "PUT" | "POST";
  /** Whether `action` must be present (otherwise a PUT without it replaces the list). */
  actionRequired: boolean;
}

/** One settings object. */
export interface ZiaSettingSpec {
  /** Fresh seed value. */
  seed: () => JsonObject;
  /** URL-list editing, for the list endpoints. */
  list?: ZiaListAction;
  /** Extra checks of the merged object. */
  validate?: (value: JsonObject) => string | undefined;
}

/** Entries the Sandbox MD5 blocklist holds at most. */
export const MD5_BLOCKLIST_LIMIT = 10000;

const bools = (names: string[], value = true) => Object.fromEntries(names.map((n) => [n, value]));

const none = () => ["NONE"];

function advancedSettings(): JsonObject {
  return {
    authBypassUrlCategories: none(),
    domainFrontingBypassUrlCategories: none(),
    authBypassUrls: [".windowsupdate.com", "ocsp.acme-sim.example"],
    authBypassApps: [],
    kerberosBypassUrlCategories: none(),
    kerberosBypassUrls: [],
    kerberosBypassApps: [],
    basicBypassUrlCategories: none(),
    basicBypassApps: none(),
    httpRangeHeaderRemoveUrlCategories: none(),
    digestAuthBypassUrlCategories: none(),
    digestAuthBypassUrls: [],
    digestAuthBypassApps: [],
    enableDnsResolutionOnTransparentProxy: true,
    enableIPv6DnsResolutionOnTransparentProxy: false,
    enableIPv6DnsOptimizationOnAllTransparentProxy: false,
    enableEvaluatePolicyOnGlobalSSLBypass: false,
    dnsResolutionOnTransparentProxyExemptUrlCategories: none(),
    dnsResolutionOnTransparentProxyIPv6ExemptUrlCategories: none(),
    dnsResolutionOnTransparentProxyExemptUrls: [],
    dnsResolutionOnTransparentProxyExemptApps: none(),
    dnsResolutionOnTransparentProxyIPv6ExemptApps: none(),
    dnsResolutionOnTransparentProxyUrlCategories: none(),
    dnsResolutionOnTransparentProxyIPv6UrlCategories: none(),
    dnsResolutionOnTransparentProxyUrls: [],
    dnsResolutionOnTransparentProxyApps: none(),
    dnsResolutionOnTransparentProxyIPv6Apps: none(),
    blockDomainFrontingApps: none(),
    preferSniOverConnHostApps: none(),
    enableOffice365: true,
    logInternalIp: true,
    enforceSurrogateIpForWindowsApp: true,
    trackHttpTunnelOnHttpPorts: true,
    blockHttpTunnelOnNonHttpPorts: false,
    blockDomainFrontingOnHostHeader: false,
    zscalerClientConnector1AndPacRoadWarriorInFirewall: false,
    cascadeUrlFiltering: true,
    enablePolicyForUnauthenticatedTraffic: false,
    blockNonCompliantHttpRequestOnHttpPorts: true,
    enableAdminRankAccess: false,
    uiSessionTimeout: 36000,
    http2NonbrowserTrafficEnabled: false,
    ecsForAllEnabled: false,
    dynamicUserRiskEnabled: false,
    blockConnectHostSniMismatch: false,
    preferSniOverConnHost: false,
    sipaXffHeaderEnabled: false,
    blockNonHttpOnHttpPortEnabled: false,
    sniDnsOptimizationBypassUrlCategories: none(),
  };
}

const ATP_CLASSES = [
  "cmdCtlServer",
  "cmdCtlTraffic",
  "malwareSites",
  "activeX",
  "browserExploits",
  "fileFormatVunerabilites",
  "knownPhishingSites",
  "suspectedPhishingSites",
  "suspectAdwareSpywareSites",
  "webspam",
  "ircTunnelling",
  "anonymizer",
  "potentialMaliciousRequests",
  "bitTorrent",
  "tor",
  "googleTalk",
  "sshTunnelling",
  "cryptoMining",
  "adSpywareSites",
];

function advancedThreatSettings(): JsonObject {
  const out: JsonObject = { riskTolerance: 75, riskToleranceCapture: false };
  for (const name of ATP_CLASSES) {
    out[`${name}Blocked`] = true;
    out[`${name}Capture`] = false;
  }
  return {
    ...out,
    cookieStealingBlocked: true,
    cookieStealingPCAPEnabled: false,
    blockCountriesCapture: false,
    blockedCountries: ["KP", "IR"],
    dgaDomainsBlocked: true,
    dgaDomainsCapture: false,
    wpadBlocked: false,
    alertForUnknownOrSuspiciousC2Traffic: false,
    maliciousUrlsCapture: false,
  };
}

const MALWARE_CLASSES = [
  "virus",
  "unwantedApplications",
  "trojan",
  "worm",
  "adware",
  "spyware",
  "ransomware",
  "remoteAccessTool",
];

function malwareSettings(): JsonObject {
  const out: JsonObject = {};
  for (const name of MALWARE_CLASSES) {
    out[`${name}Blocked`] = name !== "adware";
    out[`${name}Capture`] = false;
  }
  return out;
}

function checkMd5List(value: JsonObject): string | undefined {
  const list = value.md5HashValueList;
  if (!Array.isArray(list)) return "md5HashValueList must be a list";
  if (list.length > MD5_BLOCKLIST_LIMIT) {
    return `At most ${MD5_BLOCKLIST_LIMIT} MD5 hashes can be blocked`;
  }
  for (const entry of list) {
    if (!isObject(entry) || !isMd5(entry.url)) {
      return "md5HashValueList entries need a url holding an MD5 hash (32 hex digits)";
    }
  }
  return undefined;
}

/** Every simulated settings object, keyed by path under `/zia/api/v1`. */
export const ZIA_SETTINGS: Readonly<Record<string, ZiaSettingSpec>> = Object.freeze({
  advancedSettings: { seed: advancedSettings },
  "cyberThreatProtection/advancedThreatSettings": { seed: advancedThreatSettings },
  "cyberThreatProtection/securityExceptions": {
    seed: () => ({ bypassUrls: ["update.acme-sim.example", "crl.acme-sim.example"] }),
  },
  "cyberThreatProtection/maliciousUrls": {
    seed: () => ({ maliciousUrls: ["secure-login-update.example", "dropper-cdn.example"] }),
    list: { field: "maliciousUrls", method: "PUT", actionRequired: false },
  },
  "cyberThreatProtection/malwarePolicy": {
    seed: () => ({ blockUnscannableFiles: false, blockPasswordProtectedArchiveFiles: true }),
  },
  "cyberThreatProtection/malwareSettings": { seed: malwareSettings },
  "cyberThreatProtection/atpMalwareInspection": {
    seed: () => ({ inspectInbound: true, inspectOutbound: true }),
  },
  "cyberThreatProtection/atpMalwareProtocols": {
    seed: () => ({ inspectHttp: true, inspectFtpOverHttp: true, inspectFtp: false }),
  },
  mobileAdvanceThreatSettings: {
    seed: () => ({
      ...bools([
        "blockAppsWithMaliciousActivity",
        "blockAppsWithKnownVulnerabilities",
        "blockAppsSendingUnencryptedUserCredentials",
      ]),
      ...bools([
        "blockAppsSendingLocationInfo",
        "blockAppsSendingPersonallyIdentifiableInfo",
        "blockAppsSendingDeviceIdentifier",
        "blockAppsCommunicatingWithAdWebsites",
        "blockAppsCommunicatingWithRemoteUnknownServers",
      ], false),
    }),
  },
  behavioralAnalysisAdvancedSettings: {
    seed: () => ({
      md5HashValueList: [
        {
          url: "44d88612fea8a8f36de82e1278abb02f",
          urlComment: "EICAR test file",
          type: "CUSTOM_FILEHASH_DENY",
        },
        {
          url: "b3b13c2fe5710507612106cb11ceced3",
          urlComment: "Banload dropper (IR-2291)",
          type: "CUSTOM_FILEHASH_DENY",
        },
      ],
    }),
    validate: checkMd5List,
  },
  "authSettings/exemptedUrls": {
    seed: () => ({ urls: [".okta.com", "login.microsoftonline.com"] }),
    list: { field: "urls", method: "POST", actionRequired: true },
  },
});

type Kind = "boolean" | "number" | "string" | "strings" | "objects" | "object" | "null";

function kindOf(value: unknown): Kind {
  if (value === null) return "null";
  if (Array.isArray(value)) {
    return value.length > 0 && value.every(isObject) ? "objects" : "strings";
  }
  if (isObject(value)) return "object";
  return typeof value as "boolean" | "number" | "string";
}

function matchesKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "strings":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "objects":
      return Array.isArray(value) && value.every(isObject);
    case "object":
      return isObject(value);
    case "null":
      return true;
    case "boolean":
      return typeof value === "boolean";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "string":
      return typeof value === "string";
  }
}

/** Checks and normalizes a list of URLs sent to a list endpoint. */
export function urlList(value: unknown, field: string): string[] {
  if (
    !Array.isArray(value) ||
    value.some((u) => typeof u !== "string" || u.trim() === "" || u.length > 1024)
  ) {
    throw invalid(`${field} must be a list of non-empty strings`);
  }
  return value as string[];
}

/** The state of every settings object. */
export class ZiaSettings {
  #values = new Map<string, JsonObject>();

  /** Creates freshly seeded settings. */
  constructor() {
    this.reset();
  }

  /** Reseeds every settings object. */
  reset(): void {
    this.#values.clear();
    for (const [path, spec] of Object.entries(ZIA_SETTINGS)) this.#values.set(path, spec.seed());
  }

  /** A copy of the settings object at `path`, or undefined. */
  get(path: string): JsonObject | undefined {
    const value = this.#values.get(path);
    return value === undefined ? undefined : structuredClone(value);
  }

  /** Applies a PUT body to the object at `path`; returns the new object. */
  put(path: string, body: JsonObject): JsonObject {
    const spec = ZIA_SETTINGS[path];
    const current = this.#values.get(path);
    if (spec === undefined || current === undefined) throw new Error(`sim: no setting ${path}`);
    const next = structuredClone(current);
    for (const [field, value] of Object.entries(body)) {
      if (!Object.hasOwn(current, field)) continue;
      const kind = kindOf(current[field]);
      if (!matchesKind(value, kind)) {
        throw invalid(`${field} must be ${kind === "strings" ? "a list of strings" : `a ${kind}`}`);
      }
      next[field] = structuredClone(value);
    }
    const problem = spec.validate?.(next);
    if (problem !== undefined) throw invalid(problem);
    this.#values.set(path, next);
    return structuredClone(next);
  }

  /** Adds (`add`) or removes URLs of the list at `path`; returns the new object. */
  editList(path: string, urls: string[], add: boolean): JsonObject {
    const spec = ZIA_SETTINGS[path];
    const current = this.#values.get(path);
    if (spec?.list === undefined || current === undefined) {
      throw new Error(`sim: no list setting ${path}`);
    }
    const field = spec.list.field;
    const list = current[field] as string[];
    const next = add
      ? [...list, ...urls.filter((u, i) => !list.includes(u) && urls.indexOf(u) === i)]
      : list.filter((u) => !urls.includes(u));
    const value = { ...current, [field]: next };
    this.#values.set(path, value);
    return structuredClone(value);
  }
}
