/**
 * Seed data of the ZIA policies beyond URL filtering and the firewall: SSL inspection, file
 * type control, sandbox, web DLP (with dictionaries and engines), Cloud App Control, time
 * intervals and workload groups. Field names follow the ZIA API reference models ([HELP]
 * `zia/ssl-inspection-policy`, `file-type-control-policy`, `sandbox-policy-settings`,
 * `data-loss-prevention`, `cloud-app-control-policy`, `time-intervals`, `workload-groups`).
 *
 * @module
 */

import type { JsonObject } from "./http.ts";
import { seedAdmin, seedTime } from "./zia_seed_firewall.ts";
import {
  DLP_DICTIONARY_PAYLOAD,
  SSL_RULE_PAYLOAD,
  WORKLOAD_GROUP_PAYLOAD,
} from "./zia_payloads.ts";

const WEB_PROTOCOLS = ["FOHTTP_RULE", "FTP_RULE", "HTTPS_RULE", "HTTP_RULE"];

function rule(fields: JsonObject): JsonObject {
  return {
    accessControl: "READ_WRITE",
    rank: 7,
    state: "ENABLED",
    locations: [],
    groups: [],
    departments: [],
    users: [],
    labels: [],
    predefined: false,
    lastModifiedBy: seedAdmin(),
    ...fields,
  };
}

/** Fresh SSL inspection rules, with the undeletable default rule last. */
export function seedSslInspectionRules(): JsonObject[] {
  const decrypt = {
    type: "DECRYPT",
    showEUN: false,
    showEUNATP: false,
    overrideDefaultCertificate: false,
    decryptSubActions: {
      serverCertificates: "BLOCK",
      ocspCheck: true,
      blockSslTrafficWithNoSniEnabled: false,
      minClientTLSVersion: "CLIENT_TLS_1_0",
      minServerTLSVersion: "SERVER_TLS_1_0",
      blockUndecrypt: false,
      http2Enabled: false,
    },
  };
  const noDecrypt = {
    type: "DO_NOT_DECRYPT",
    showEUN: false,
    showEUNATP: false,
    overrideDefaultCertificate: false,
    doNotDecryptSubActions: {
      bypassOtherPolicies: false,
      serverCertificates: "ALLOW",
      ocspCheck: true,
      blockSslTrafficWithNoSniEnabled: false,
      minTLSVersion: "SERVER_TLS_1_0",
    },
  };
  return [
    rule({
      id: 1587001,
      name: "Inspect All Corporate Traffic",
      order: 1,
      action: decrypt,
      platforms: ["SCAN_IOS", "SCAN_ANDROID", "SCAN_MACOS", "SCAN_WINDOWS", "SCAN_LINUX"],
      roadWarriorForKerberos: false,
      defaultRule: false,
      description: "Full inspection for managed devices",
      lastModifiedTime: seedTime(40),
    }),
    rule({
      id: 1587002,
      name: "Do Not Decrypt Banking",
      order: 2,
      action: noDecrypt,
      urlCategories: ["PROFESSIONAL_SERVICES"],
      roadWarriorForKerberos: false,
      defaultRule: false,
      description: SSL_RULE_PAYLOAD,
      labels: [{ id: 4338001, name: "PCI-Scope" }],
      lastModifiedTime: seedTime(41),
    }),
    rule({
      id: 1587099,
      name: "Default SSL Inspection Rule",
      order: -1,
      action: noDecrypt,
      roadWarriorForKerberos: false,
      defaultRule: true,
      description: "Default rule",
      lastModifiedTime: seedTime(0),
    }),
  ];
}

/** Fresh file type control rules. */
export function seedFileTypeRules(): JsonObject[] {
  const ftRule = (fields: JsonObject) =>
    rule({
      protocols: WEB_PROTOCOLS,
      activeContent: false,
      unscannable: false,
      passwordProtected: false,
      capturePCAP: false,
      minSize: 0,
      maxSize: 0,
      sizeQuota: 0,
      timeQuota: 0,
      ...fields,
    });
  return [
    ftRule({
      id: 1588001,
      name: "Block Executable Downloads",
      order: 1,
      filteringAction: "BLOCK",
      operation: "DOWNLOAD",
      fileTypes: ["FTCATEGORY_WINDOWS_EXECUTABLES", "FTCATEGORY_MSI"],
      description: "No executables from the internet",
      lastModifiedTime: seedTime(42),
    }),
    ftRule({
      id: 1588002,
      name: "Caution Archive Uploads",
      order: 2,
      filteringAction: "CAUTION",
      operation: "UPLOAD",
      fileTypes: ["FTCATEGORY_ZIP", "FTCATEGORY_RAR", "FTCATEGORY_7Z"],
      groups: [{ id: 24327005, name: "Contractors" }],
      description: "Warn contractors before uploading archives",
      lastModifiedTime: seedTime(43),
    }),
  ];
}

/** Fresh file type categories (read-only). */
export function seedFileTypeCategories(): JsonObject[] {
  const rows: [number, string, string][] = [
    [1, "FTCATEGORY_WINDOWS_EXECUTABLES", "EXECUTABLE"],
    [2, "FTCATEGORY_MSI", "EXECUTABLE"],
    [3, "FTCATEGORY_ZIP", "ARCHIVE"],
    [4, "FTCATEGORY_RAR", "ARCHIVE"],
    [5, "FTCATEGORY_7Z", "ARCHIVE"],
    [6, "FTCATEGORY_PDF_DOCUMENT", "DOCUMENT"],
    [7, "FTCATEGORY_MS_WORD", "DOCUMENT"],
    [8, "FTCATEGORY_MS_EXCEL", "DOCUMENT"],
    [9, "FTCATEGORY_PYTHON", "SOURCE_CODE"],
    [10, "FTCATEGORY_JAVASCRIPT", "SOURCE_CODE"],
    [11, "FTCATEGORY_MP4", "MULTIMEDIA"],
    [1001, "Acme Design Files (.acd)", "CUSTOM_FILE_TYPE"],
  ];
  return rows.map(([id, name, parent]) => ({ id, name, parent }));
}

/** Fresh sandbox (behavioural analysis) rules, with the undeletable default rule last. */
export function seedSandboxRules(): JsonObject[] {
  return [
    rule({
      id: 1589001,
      name: "Quarantine Unknown Executables",
      order: 1,
      baRuleAction: "BLOCK",
      firstTimeEnable: true,
      firstTimeOperation: "QUARANTINE",
      mlActionEnabled: true,
      byThreatScore: 70,
      baPolicyCategories: ["ADWARE_BLOCK", "BOTMAL_BLOCK", "ANONYP2P_BLOCK", "RANSOMWARE_BLOCK"],
      fileTypes: ["FTCATEGORY_WINDOWS_EXECUTABLES", "FTCATEGORY_MSI"],
      protocols: WEB_PROTOCOLS,
      defaultRule: false,
      description: "Hold unknown executables until the sandbox verdict",
      lastModifiedTime: seedTime(44),
    }),
    rule({
      id: 1589099,
      name: "Default BA Rule",
      order: -1,
      baRuleAction: "ALLOW",
      firstTimeEnable: false,
      mlActionEnabled: false,
      byThreatScore: 0,
      baPolicyCategories: [],
      fileTypes: [],
      protocols: WEB_PROTOCOLS,
      defaultRule: true,
      description: "Default rule",
      lastModifiedTime: seedTime(0),
    }),
  ];
}

/** Fresh DLP dictionaries: three predefined, two custom. */
export function seedDlpDictionaries(): JsonObject[] {
  const dictionary = (fields: JsonObject) => ({
    confidenceThreshold: "CONFIDENCE_LEVEL_MEDIUM",
    customPhraseMatchType: "MATCH_ALL_CUSTOM_PHRASE_PATTERN_DICTIONARY",
    phrases: [],
    patterns: [],
    nameL10nTag: false,
    dictionaryType: "PATTERNS_AND_PHRASES",
    thresholdType: "VIOLATION_COUNT_ONLY",
    proximity: 0,
    hierarchicalDictionary: false,
    ...fields,
  });
  return [
    dictionary({
      id: 1591001,
      name: "CREDIT_CARD",
      custom: false,
      nameL10nTag: true,
      dictionaryType: "PREDEFINED",
      description: "Credit card numbers",
    }),
    dictionary({
      id: 1591002,
      name: "SSN",
      custom: false,
      nameL10nTag: true,
      dictionaryType: "PREDEFINED",
      description: "US Social Security numbers",
    }),
    dictionary({
      id: 1591003,
      name: "SOURCE_CODE",
      custom: false,
      nameL10nTag: true,
      dictionaryType: "PREDEFINED",
      description: "Source code of common languages",
    }),
    dictionary({
      id: 1591004,
      name: "Project Codenames",
      custom: true,
      phrases: [
        { action: "PHRASE_COUNT_TYPE_ALL", phrase: "Project Falcon" },
        { action: "PHRASE_COUNT_TYPE_UNIQUE", phrase: "Bluebird roadmap" },
      ],
      description: DLP_DICTIONARY_PAYLOAD,
    }),
    dictionary({
      id: 1591005,
      name: "Customer Account Numbers",
      custom: true,
      patterns: [{ action: "PATTERN_COUNT_TYPE_ALL", pattern: "ACME-[0-9]{8}" }],
      description: "Acme customer account identifiers",
    }),
  ];
}

/** Fresh DLP engines: three predefined, one custom. */
export function seedDlpEngines(): JsonObject[] {
  return [
    {
      id: 1592001,
      name: "PCI",
      predefinedEngineName: "PCI",
      customDlpEngine: false,
      description: "Payment Card Industry",
    },
    {
      id: 1592002,
      name: "HIPAA",
      predefinedEngineName: "HIPAA",
      customDlpEngine: false,
      description: "Health Insurance Portability and Accountability Act",
    },
    {
      id: 1592003,
      name: "GLBA",
      predefinedEngineName: "GLBA",
      customDlpEngine: false,
      description: "Gramm-Leach-Bliley Act",
    },
    {
      id: 1592004,
      name: "Codename Leak",
      customDlpEngine: true,
      engineExpression: "((D1591004.S > 1) OR (D1591005.S > 5))",
      description: "Project code names or bulk account numbers",
    },
  ];
}

/** Fresh web DLP rules (engines refer to {@link seedDlpEngines}). */
export function seedWebDlpRules(): JsonObject[] {
  const dlpRule = (fields: JsonObject) =>
    rule({
      protocols: ["FTP_RULE", "HTTPS_RULE", "HTTP_RULE"],
      cloudApplications: [],
      fileTypes: [],
      minSize: 0,
      matchOnly: false,
      withoutContentInspection: false,
      zscalerIncidentReceiver: false,
      dlpDownloadScanEnabled: false,
      zccNotificationsEnabled: false,
      severity: "RULE_SEVERITY_HIGH",
      ...fields,
    });
  return [
    dlpRule({
      id: 1590001,
      name: "Block Card Data Uploads",
      order: 1,
      action: "BLOCK",
      dlpEngines: [{ id: 1592001, name: "PCI" }],
      departments: [{ id: 24326902, name: "Finance" }],
      description: "PCI DSS requirement 3",
      lastModifiedTime: seedTime(45),
    }),
    dlpRule({
      id: 1590002,
      name: "Monitor Codename Leaks",
      order: 2,
      action: "ALLOW",
      matchOnly: true,
      severity: "RULE_SEVERITY_MEDIUM",
      dlpEngines: [{ id: 1592004, name: "Codename Leak" }],
      description: "Log only while the engine is tuned",
      lastModifiedTime: seedTime(46),
    }),
  ];
}

/** Cloud App Control rule types (the `{rule_type}` path segment). */
export const WEB_APPLICATION_RULE_TYPES: readonly string[] = Object.freeze([
  "AI_ML",
  "BUSINESS_PRODUCTIVITY",
  "CONSUMER",
  "DNS_OVER_HTTPS",
  "ENTERPRISE_COLLABORATION",
  "FILE_SHARE",
  "FINANCE",
  "HEALTH_CARE",
  "HOSTING_PROVIDER",
  "HUMAN_RESOURCES",
  "INSTANT_MESSAGING",
  "IT_SERVICES",
  "LEGAL",
  "SALES_AND_MARKETING",
  "SOCIAL_NETWORKING",
  "STREAMING_MEDIA",
  "SYSTEM_AND_DEVELOPMENT",
  "WEBMAIL",
]);

const ACTION_VERBS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  STREAMING_MEDIA: ["STREAMING_VIEW_LISTEN", "STREAMING_UPLOAD"],
  WEBMAIL: ["WEBMAIL_VIEW", "WEBMAIL_SEND", "WEBMAIL_ATTACHMENT_SEND"],
  SOCIAL_NETWORKING: ["SOCIAL_NETWORKING_VIEW", "SOCIAL_NETWORKING_POST"],
  FILE_SHARE: ["FILE_SHARE_VIEW", "FILE_SHARE_UPLOAD"],
  AI_ML: ["AI_ML_WEB_USE", "AI_ML_UPLOAD"],
  INSTANT_MESSAGING: ["CHAT", "FILE_TRANSFER_IN_CHAT"],
});

/** The granular actions Cloud App Control offers for a rule type (`availableActions`). */
export function webApplicationActions(type: string): string[] {
  const verbs = ACTION_VERBS[type] ?? [type];
  const out: string[] = [];
  for (const mode of ["ALLOW", "BLOCK", "CAUTION", "ISOLATE"]) {
    for (const verb of verbs) out.push(`${mode}_${verb}`);
  }
  return out;
}

/** Fresh Cloud App Control rules of several types. */
export function seedWebApplicationRules(): JsonObject[] {
  const appRule = (fields: JsonObject) =>
    rule({
      timeQuota: 0,
      sizeQuota: 0,
      enforceTimeValidity: false,
      eunEnabled: false,
      cascadingEnabled: false,
      ...fields,
    });
  return [
    appRule({
      id: 1593001,
      type: "STREAMING_MEDIA",
      name: "Block Streaming Uploads",
      order: 1,
      actions: ["ALLOW_STREAMING_VIEW_LISTEN", "BLOCK_STREAMING_UPLOAD"],
      applications: ["YOUTUBE", "VIMEO"],
      description: "Viewing is fine, uploading is not",
      lastModifiedTime: seedTime(47),
    }),
    appRule({
      id: 1593002,
      type: "WEBMAIL",
      name: "Webmail Read Only",
      order: 1,
      actions: ["ALLOW_WEBMAIL_VIEW", "BLOCK_WEBMAIL_SEND", "BLOCK_WEBMAIL_ATTACHMENT_SEND"],
      applications: ["GOOGLE_WEBMAIL", "YAHOO_WEBMAIL"],
      groups: [{ id: 24327005, name: "Contractors" }],
      description: "Contractors may read personal webmail but not send",
      lastModifiedTime: seedTime(48),
    }),
    appRule({
      id: 1593003,
      type: "AI_ML",
      name: "Caution Generative AI",
      order: 1,
      actions: ["CAUTION_AI_ML_WEB_USE", "BLOCK_AI_ML_UPLOAD"],
      applications: ["CHATGPT_AI", "GOOGLE_GEMINI"],
      description: "Show the AI acceptable-use notice",
      lastModifiedTime: seedTime(49),
    }),
    appRule({
      id: 1593004,
      type: "FILE_SHARE",
      name: "Block Personal File Sharing",
      order: 1,
      state: "DISABLED",
      actions: ["BLOCK_FILE_SHARE_UPLOAD"],
      applications: ["WETRANSFER", "DROPBOX"],
      description: "Pending the DLP rollout",
      lastModifiedTime: seedTime(50),
    }),
  ];
}

/** Fresh time intervals (minutes after midnight). */
export function seedTimeIntervals(): JsonObject[] {
  return [
    {
      id: 2531,
      name: "Business Hours",
      startTime: 540,
      endTime: 1080,
      daysOfWeek: ["MON", "TUE", "WED", "THU", "FRI"],
    },
    { id: 2532, name: "Weekend", startTime: 0, endTime: 1439, daysOfWeek: ["SAT", "SUN"] },
    { id: 2533, name: "Maintenance Window", startTime: 120, endTime: 240, daysOfWeek: ["SUN"] },
  ];
}

/** Fresh workload groups. */
export function seedWorkloadGroups(): JsonObject[] {
  const group = (
    id: number,
    name: string,
    tagKey: string,
    tagValue: string,
    description: string,
    hour: number,
  ) => ({
    id,
    name,
    description,
    expression: `(ec2.tag.${tagKey} == '${tagValue}')`,
    expressionJson: {
      expressionContainers: [{
        tagType: "ATTR",
        operator: "AND",
        tagContainer: { operator: "AND", tags: [{ key: tagKey, value: tagValue }] },
      }],
    },
    lastModifiedTime: seedTime(hour),
    lastModifiedBy: seedAdmin(),
  });
  return [
    group(1595001, "Build Farm", "Team", "platform", "CI runners in us-east-1", 51),
    group(1595002, "Payments", "Team", "payments", WORKLOAD_GROUP_PAYLOAD, 52),
  ];
}
