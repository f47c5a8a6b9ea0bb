/**
 * The catalog of simulated ZIA collections: one row per collection under `/zia/api/v1`, built
 * from the recorded facts (API-FACTS §2 "ZIA", `endpoints.tsv`, `sdk-endpoints.txt`) and the
 * ZIA API reference models. Adding a collection is adding a row here (and its name to
 * `ZIA_COLLECTION_NAMES`); routing, paging, filters, `/lite`, validation, references, audit
 * fields and activation state all follow from the row.
 *
 * @module
 */

import type { JsonObject } from "./http.ts";
import {
  checkDestinationGroup,
  checkDlpDictionary,
  checkDlpEngine,
  checkGreTunnel,
  checkNetworkApplicationGroup,
  checkSslAction,
  checkStaticIp,
  checkTimeInterval,
  checkUser,
  checkVpnCredential,
  checkWebApplicationRule,
  dictionaryInUse,
  nextGreRange,
  staticIpInUse,
  stringList,
  vpnCredentialInUse,
} from "./zia_checks.ts";
import {
  seedCloudAppPolicy,
  seedCloudAppSslPolicy,
  seedCustomTags,
  seedShadowItApps,
} from "./zia_seed_apps.ts";
import {
  seedFirewallDnsRules,
  seedFirewallIpsRules,
  seedIpDestinationGroups,
  seedIpsSignatureRules,
  seedNetworkApplicationGroups,
  seedNetworkApplications,
  seedNetworkServiceGroups,
} from "./zia_seed_firewall.ts";
import {
  seedDlpDictionaries,
  seedDlpEngines,
  seedFileTypeCategories,
  seedFileTypeRules,
  seedSandboxRules,
  seedSslInspectionRules,
  seedTimeIntervals,
  seedWebApplicationRules,
  seedWebDlpRules,
  seedWorkloadGroups,
  WEB_APPLICATION_RULE_TYPES,
} from "./zia_seed_policy.ts";
import {
  seedDeviceGroups,
  seedDevices,
  seedGreTunnels,
  seedLocationGroups,
  seedStaticIps,
  seedVpnCredentials,
} from "./zia_seed_traffic.ts";
import {
  ACCOUNT_REFS,
  contains,
  equals,
  flag,
  MODIFICATION_AUDIT,
  namedSpec,
  oneOf,
  onlyIf,
  POLICY_REFS,
  readOnlySpec,
  type RefSpec,
  ruleSpec,
  STD_AUDIT,
  type ZiaCollectionName,
  type ZiaCollectionSpec,
} from "./zia_spec.ts";

const ID_NAME = ["id", "name"] as const;
const PAGE_100 = { defaultSize: 100, maxSize: 1000 } as const;
const PAGE_USERS = { defaultSize: 100, maxSize: 10000 } as const;
const search = { search: contains("name") };

/** The `/lite` projection of a location (recorded field set). */
function locationLite(item: JsonObject): JsonObject {
  return { id: item.id, name: item.name, parentId: item.parentId ?? 0, tz: item.tz };
}

/** The `/lite` projection of a URL category. */
function categoryLite(item: JsonObject): JsonObject {
  return {
    id: item.id,
    ...(item.configuredName === undefined ? {} : { configuredName: item.configuredName }),
    superCategory: item.superCategory,
    customCategory: item.customCategory,
    type: item.type,
    val: item.val,
  };
}

/** `includeOnlyUrlKeywordCounts=true`: counts instead of URL and keyword lists. */
function keywordCounts(items: JsonObject[], query: Record<string, string>): JsonObject[] {
  if (query.includeOnlyUrlKeywordCounts?.toLowerCase() !== "true") return items;
  return items.map(({ urls, keywords, dbCategorizedUrls, ...rest }) => ({
    ...rest,
    urlKeywordCounts: {
      totalUrlCount: Array.isArray(urls) ? urls.length : 0,
      retainParentUrlCount: Array.isArray(dbCategorizedUrls) ? dbCategorizedUrls.length : 0,
      totalKeywordCount: Array.isArray(keywords) ? keywords.length : 0,
      retainParentKeywordCount: 0,
    },
  }));
}

const FIREWALL_REFS: readonly RefSpec[] = [
  ...POLICY_REFS,
  { field: "srcIpGroups", target: "ipSourceGroups" },
  { field: "destIpGroups", target: "ipDestinationGroups" },
  { field: "nwServices", target: "networkServices" },
  { field: "nwServiceGroups", target: "networkServiceGroups" },
  { field: "nwApplicationGroups", target: "networkApplicationGroups" },
  { field: "workloadGroups", target: "workloadGroups" },
];

const APP_POLICY_FILTERS = {
  search: contains("appName", "app"),
  appClass: oneOf("parent"),
};

/** The behaviour of every simulated ZIA collection. */
export const ZIA_COLLECTIONS: Readonly<Record<ZiaCollectionName, ZiaCollectionSpec>> = {
  urlFilteringRules: ruleSpec((core) => core.urlFilteringRules, {
    required: ["action"],
    refs: ACCOUNT_REFS,
    defaultRule: false,
    enums: { action: ["ALLOW", "BLOCK", "CAUTION", "ISOLATE", "ICAP_RESPONSE"] },
  }),
  firewallFilteringRules: ruleSpec((core) => core.firewallFilteringRules, {
    required: ["action"],
    refs: FIREWALL_REFS,
    paging: { defaultSize: 5000, maxSize: 5000 },
    enums: { action: ["ALLOW", "BLOCK_DROP", "BLOCK_RESET", "BLOCK_ICMP", "EVAL_NWAPP"] },
    filters: {
      ruleName: contains("name"),
      ruleAction: equals("action"),
      ruleState: equals("state"),
      ruleLabel: contains("labels[].name"),
      location: contains("locations[].name"),
      department: contains("departments[].name"),
      group: contains("groups[].name"),
      user: contains("users[].name"),
    },
  }),
  locations: namedSpec((core) => core.locations, {
    paging: PAGE_100,
    enums: { profile: ["NONE", "CORPORATE", "SERVER", "GUESTWIFI", "IOT", "WORKLOAD"] },
    lite: locationLite,
    filters: {
      search: contains("name"),
      xffEnabled: flag((i) => i.xffForwardEnabled === true),
      authRequired: flag((i) => i.authRequired === true),
      sslScanEnabled: flag((i) => i.sslScanEnabled === true),
      bwEnforced: flag((i) => Number(i.upBandwidth) > 0 || Number(i.dnBandwidth) > 0),
    },
  }),
  urlCategories: namedSpec((core) => core.urlCategories, {
    idType: "string",
    keyField: "configuredName",
    lite: categoryLite,
    filters: { customOnly: onlyIf((i) => i.customCategory === true) },
    transform: keywordCounts,
    undeletable: (item) =>
      item.customCategory === true
        ? undefined
        : `Predefined URL category ${String(item.id)} cannot be deleted`,
  }),
  users: namedSpec((core) => core.users, {
    keyField: "email",
    required: ["name"],
    paging: PAGE_USERS,
    refs: [
      { field: "groups", target: "groups" },
      { field: "department", target: "departments", single: true },
    ],
    createDefaults: () => ({
      adminUser: false,
      isNonEditable: false,
      deleted: false,
      pilotUser: false,
    }),
    writeOnly: ["password"],
    validate: checkUser,
    filters: {
      name: contains("name"),
      dept: contains("department.name"),
      group: contains("groups[].name"),
    },
  }),
  groups: namedSpec((core) => core.groups, { paging: PAGE_USERS, filters: search, lite: ID_NAME }),
  departments: namedSpec((core) => core.departments, {
    paging: PAGE_USERS,
    filters: search,
    lite: ID_NAME,
  }),
  ruleLabels: namedSpec((core) => core.ruleLabels, {
    audit: STD_AUDIT,
    paging: PAGE_100,
    onCreate: (item, ctx) => {
      item.createdBy = ctx.actor;
      item.referencedRuleCount = 0;
    },
  }),
  ipSourceGroups: namedSpec((core) => core.ipSourceGroups, {
    createDefaults: () => ({ creatorContext: "ZIA", isNonEditable: false }),
    filters: search,
    lite: ID_NAME,
    validate: (item) => stringList(item, "ipAddresses"),
  }),
  networkServices: namedSpec((core) => core.networkServices, {
    enums: { type: ["STANDARD", "PREDEFINED", "CUSTOM"] },
    createForced: { type: "CUSTOM" },
    kept: ["type"],
    filters: search,
    lite: ID_NAME,
    undeletable: (item) =>
      item.type === "CUSTOM"
        ? undefined
        : `Network service ${String(item.id)} is predefined and cannot be deleted`,
  }),
  ipDestinationGroups: namedSpec(seedIpDestinationGroups, {
    enums: { type: ["DSTN_IP", "DSTN_FQDN", "DSTN_DOMAIN", "DSTN_OTHER"] },
    createDefaults: () => ({
      type: "DSTN_IP",
      addresses: [],
      countries: [],
      ipCategories: [],
      isNonEditable: false,
    }),
    filters: { excludeType: (item, value) => item.type !== value },
    lite: ["id", "name", "type"],
    validate: checkDestinationGroup,
  }),
  networkServiceGroups: namedSpec(seedNetworkServiceGroups, {
    refs: [{ field: "services", target: "networkServices" }],
    filters: search,
    lite: ID_NAME,
  }),
  networkApplicationGroups: namedSpec(seedNetworkApplicationGroups, {
    filters: search,
    lite: ID_NAME,
    validate: checkNetworkApplicationGroup,
  }),
  networkApplications: readOnlySpec(seedNetworkApplications, {
    idType: "string",
    filters: { search: contains("id", "description") },
  }),
  firewallDnsRules: ruleSpec(seedFirewallDnsRules, {
    required: ["action"],
    refs: FIREWALL_REFS,
    validate: (item) => stringList(item, "srcIps", "destAddresses", "dnsRuleRequestTypes"),
  }),
  firewallIpsRules: ruleSpec(seedFirewallIpsRules, {
    required: ["action"],
    refs: FIREWALL_REFS,
    enums: { action: ["ALLOW", "BLOCK_DROP", "BLOCK_RESET", "BYPASS_IPS"] },
    validate: (item) => stringList(item, "srcIps", "destAddresses"),
  }),
  ipsSignatureRules: namedSpec(seedIpsSignatureRules, {
    required: ["ruleText"],
    createDefaults: () => ({ enabled: true, deleted: false }),
  }),
  sslInspectionRules: ruleSpec(seedSslInspectionRules, {
    required: ["action"],
    validate: checkSslAction,
  }),
  fileTypeRules: ruleSpec(seedFileTypeRules, {
    defaultRule: false,
    enums: {
      filteringAction: ["ALLOW", "CAUTION", "BLOCK"],
      operation: ["UPLOAD", "DOWNLOAD", "UPLOAD_DOWNLOAD"],
    },
    lite: ["id", "name", "order", "rank", "state", "description"],
    validate: (item) => stringList(item, "fileTypes", "protocols"),
  }),
  fileTypeCategories: readOnlySpec(seedFileTypeCategories, {
    item: false,
    filters: {
      enums: oneOf("name"),
      excludeCustomFileTypes: onlyIf((i) => i.parent !== "CUSTOM_FILE_TYPE"),
    },
  }),
  sandboxRules: ruleSpec(seedSandboxRules, {
    enums: {
      baRuleAction: ["ALLOW", "BLOCK"],
      firstTimeOperation: ["ALLOW_SCAN", "QUARANTINE", "ALLOW_NOSCAN", "QUARANTINE_ISOLATE"],
    },
    validate: (item) => stringList(item, "baPolicyCategories", "fileTypes", "protocols"),
  }),
  webDlpRules: ruleSpec(seedWebDlpRules, {
    defaultRule: false,
    refs: [...POLICY_REFS, { field: "dlpEngines", target: "dlpEngines" }],
    lite: ["id", "name", "order", "rank", "state", "action"],
    validate: (item) => stringList(item, "protocols", "fileTypes", "cloudApplications"),
  }),
  dlpDictionaries: namedSpec(seedDlpDictionaries, {
    createDefaults: () => ({
      confidenceThreshold: "CONFIDENCE_LEVEL_MEDIUM",
      customPhraseMatchType: "MATCH_ALL_CUSTOM_PHRASE_PATTERN_DICTIONARY",
      dictionaryType: "PATTERNS_AND_PHRASES",
      phrases: [],
      patterns: [],
    }),
    createForced: { custom: true, nameL10nTag: false },
    kept: ["custom", "nameL10nTag"],
    filters: search,
    lite: ["id", "name", "custom", "dictionaryType"],
    validate: checkDlpDictionary,
    undeletable: dictionaryInUse,
  }),
  dlpEngines: namedSpec(seedDlpEngines, {
    createForced: { customDlpEngine: true },
    kept: ["customDlpEngine", "predefinedEngineName"],
    lite: ["id", "name", "predefinedEngineName"],
    validate: checkDlpEngine,
    undeletable: (item) =>
      item.customDlpEngine === true
        ? undefined
        : `DLP engine ${String(item.id)} is predefined and cannot be deleted`,
  }),
  webApplicationRules: ruleSpec(seedWebApplicationRules, {
    defaultRule: false,
    scope: { field: "type", values: WEB_APPLICATION_RULE_TYPES },
    filters: search,
    validate: checkWebApplicationRule,
  }),
  timeIntervals: namedSpec(seedTimeIntervals, {
    required: ["startTime", "endTime", "daysOfWeek"],
    paging: PAGE_100,
    filters: search,
    validate: checkTimeInterval,
  }),
  workloadGroups: namedSpec(seedWorkloadGroups, { audit: STD_AUDIT, paging: PAGE_100 }),
  staticIP: namedSpec(seedStaticIps, {
    keyField: "ipAddress",
    audit: MODIFICATION_AUDIT,
    paging: PAGE_100,
    createDefaults: () => ({ geoOverride: false, routableIP: true }),
    immutable: ["ipAddress"],
    validate: checkStaticIp,
    undeletable: staticIpInUse,
    filters: {
      ipAddress: contains("ipAddress"),
      availableForGreTunnel: (item, value, lookup) =>
        value.toLowerCase() !== "true" ||
        !lookup.all("greTunnels").some((t) => t.sourceIp === item.ipAddress),
    },
  }),
  vpnCredentials: namedSpec(seedVpnCredentials, {
    keyField: undefined,
    required: ["type"],
    paging: PAGE_100,
    enums: { type: ["IP", "UFQDN", "XAUTH", "CN"] },
    immutable: ["type"],
    writeOnly: ["preSharedKey"],
    refs: [{ field: "location", target: "locations", single: true }],
    validate: checkVpnCredential,
    undeletable: vpnCredentialInUse,
    filters: {
      search: contains("fqdn", "ipAddress", "comments"),
      type: equals("type"),
      locationId: equals("location.id"),
      includeOnlyWithoutLocation: onlyIf((i) => i.location === undefined),
    },
  }),
  greTunnels: namedSpec(seedGreTunnels, {
    keyField: "sourceIp",
    audit: MODIFICATION_AUDIT,
    paging: PAGE_100,
    createDefaults: () => ({ withinCountry: false, ipUnnumbered: false }),
    validate: checkGreTunnel,
    onCreate: (item, ctx) => {
      if (item.internalIpRange === undefined) {
        const range = nextGreRange(ctx);
        if (range !== undefined) item.internalIpRange = range;
      }
    },
  }),
  locationGroups: readOnlySpec(seedLocationGroups, {
    path: "locations/groups",
    paging: PAGE_100,
    lite: ID_NAME,
    filters: {
      name: contains("name"),
      groupType: equals("groupType"),
      comments: contains("comments"),
      locationId: equals("locations[].id"),
      lastModUser: contains("lastModUser.name"),
    },
    decorate: (item, lookup) => {
      const criteria = item.dynamicLocationGroupCriteria as JsonObject | undefined;
      if (item.groupType !== "DYNAMIC_GROUP" || criteria === undefined) return;
      const profiles = Array.isArray(criteria.profiles) ? criteria.profiles : [];
      item.locations = lookup.all("locations")
        .filter((l) => profiles.includes(l.profile))
        .map((l) => ({ id: l.id, name: l.name }));
    },
  }),
  deviceGroups: readOnlySpec(seedDeviceGroups, {
    item: false,
    decorate: (item, lookup) => {
      item.deviceCount = lookup.all("devices").filter((d) => d.osType === item.osType).length;
    },
  }),
  devices: readOnlySpec(seedDevices, {
    path: "deviceGroups/devices",
    item: false,
    paging: PAGE_100,
    lite: ["id", "name", "ownerUserId", "ownerName", "osType"],
    filters: {
      name: contains("name"),
      model: contains("deviceModel"),
      owner: contains("ownerName"),
      osType: equals("osType"),
      osVersion: contains("osVersion"),
      userIds: oneOf("ownerUserId"),
      search_all: contains("name", "hostName", "ownerName", "deviceModel"),
      deviceGroupId: (item, value, lookup) =>
        lookup.all("deviceGroups").some((g) => String(g.id) === value && g.osType === item.osType),
    },
  }),
  cloudAppPolicy: readOnlySpec(seedCloudAppPolicy, {
    path: "cloudApplications/policy",
    idType: "string",
    item: false,
    hideId: true,
    paging: PAGE_100,
    filters: APP_POLICY_FILTERS,
  }),
  cloudAppSslPolicy: readOnlySpec(seedCloudAppSslPolicy, {
    path: "cloudApplications/sslPolicy",
    idType: "string",
    item: false,
    hideId: true,
    paging: PAGE_100,
    filters: APP_POLICY_FILTERS,
  }),
  shadowItApps: readOnlySpec(seedShadowItApps, {
    path: "cloudApplications/lite",
    item: false,
    view: ID_NAME,
    paging: { defaultSize: 1000, maxSize: 1000, style: "pageNumber" },
  }),
  customTags: readOnlySpec(seedCustomTags, { item: false }),
};

/** The URL path of a collection under `/zia/api/v1`. */
export function collectionPath(name: ZiaCollectionName): string {
  return ZIA_COLLECTIONS[name].path ?? name;
}
