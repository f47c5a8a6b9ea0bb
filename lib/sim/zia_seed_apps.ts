/**
 * Seed data of the ZIA lookups that are not configuration: cloud applications (policy and SSL
 * policy lists, the shadow-IT list, custom tags), Sandbox reports and the city database behind
 * the region lookups. Shapes follow the ZIA API reference ([HELP] `zia/cloud-applications`,
 * `shadow-it-report-api`, `traffic-forwarding` RegionInfo) and the recorded Sandbox report
 * (`samples/zia_sandbox_report.json`, [HELP] `zia/obtaining-sandbox-reports-using-api`).
 *
 * @module
 */

import type { JsonObject } from "./http.ts";

const APPS: [string, string, string, string, boolean][] = [
  ["YOUTUBE", "YouTube", "STREAMING_MEDIA", "Streaming Media", true],
  ["VIMEO", "Vimeo", "STREAMING_MEDIA", "Streaming Media", true],
  ["NETFLIX", "Netflix", "STREAMING_MEDIA", "Streaming Media", false],
  ["GOOGLE_WEBMAIL", "Gmail", "WEBMAIL", "Webmail", true],
  ["YAHOO_WEBMAIL", "Yahoo Mail", "WEBMAIL", "Webmail", true],
  ["DROPBOX", "Dropbox", "FILE_SHARE", "File Sharing", true],
  ["WETRANSFER", "WeTransfer", "FILE_SHARE", "File Sharing", false],
  ["CHATGPT_AI", "ChatGPT", "AI_ML", "AI & ML Applications", true],
  ["GOOGLE_GEMINI", "Google Gemini", "AI_ML", "AI & ML Applications", true],
  ["SLACK", "Slack", "ENTERPRISE_COLLABORATION", "Collaboration & Online Meetings", true],
  ["ZOOM", "Zoom", "ENTERPRISE_COLLABORATION", "Collaboration & Online Meetings", true],
  ["LINKEDIN", "LinkedIn", "SOCIAL_NETWORKING", "Social Networking", true],
];

/** Fresh cloud-application policy entries (`GET /cloudApplications/policy`). */
export function seedCloudAppPolicy(): JsonObject[] {
  return APPS.map(([app, appName, parent, parentName]) => ({
    id: app,
    app,
    appName,
    parent,
    parentName,
  }));
}

/** Fresh cloud-application SSL policy entries (`GET /cloudApplications/sslPolicy`). */
export function seedCloudAppSslPolicy(): JsonObject[] {
  return APPS.filter((row) => row[4]).map(([app, appName, parent, parentName]) => ({
    id: app,
    app,
    appName,
    parent,
    parentName,
  }));
}

/** Fresh custom tags for cloud applications. */
export function seedCustomTags(): JsonObject[] {
  return [
    { id: 1, name: "Approved-by-Legal" },
    { id: 2, name: "Under-Review" },
    { id: 3, name: "Data-Residency-EU" },
  ];
}

/**
 * Fresh shadow-IT applications. The API lists only `{id, name}`; the sanction state and tags
 * are what `PUT /cloudApplications/bulkUpdate` changes.
 */
export function seedShadowItApps(): JsonObject[] {
  const rows: [number, string, string][] = [
    [671, "Dropbox", "SANCTIONED"],
    [672, "WeTransfer", "UN_SANCTIONED"],
    [673, "Box", "SANCTIONED"],
    [674, "Google Drive", "NONE"],
    [675, "Mega", "UN_SANCTIONED"],
    [676, "ChatGPT", "NONE"],
    [677, "Notion", "NONE"],
  ];
  return rows.map(([id, name, sanctionedState]) => ({
    id,
    name,
    sanctionedState,
    customTags: id === 671 ? [{ id: 1, name: "Approved-by-Legal" }] : [],
  }));
}

/** One city of the region database. */
export interface SimCity {
  /** The RegionInfo fields. */
  info: JsonObject;
  /** IPv4 prefixes (dotted, with trailing dot) geolocated to the city. */
  prefixes: readonly string[];
}

type CityRow = [
  cityGeoId: number,
  stateGeoId: number,
  cityName: string,
  stateName: string,
  countryName: string,
  countryCode: string,
  postalCode: string,
  continentCode: string,
  latitude: number,
  longitude: number,
  prefixes: string[],
];

const CITY_ROWS: CityRow[] = [
  [
    5392171,
    5332921,
    "San Jose",
    "California",
    "United States",
    "US",
    "95113",
    "NA",
    37.3382,
    -121.8863,
    ["203.0.113."],
  ],
  [2643743, 6269131, "London", "England", "United Kingdom", "GB", "EC1A", "EU", 51.5072, -0.1276, [
    "198.51.100.",
  ]],
  [6094817, 6093943, "Ottawa", "Ontario", "Canada", "CA", "K1P", "NA", 45.4215, -75.6972, [
    "192.0.2.",
  ]],
  [
    2925533,
    2905330,
    "Frankfurt am Main",
    "Hesse",
    "Germany",
    "DE",
    "60311",
    "EU",
    50.1109,
    8.6821,
    [],
  ],
  [1850147, 1850144, "Tokyo", "Tokyo", "Japan", "JP", "100-0001", "AS", 35.6762, 139.6503, []],
  [
    5391959,
    5332921,
    "San Francisco",
    "California",
    "United States",
    "US",
    "94103",
    "NA",
    37.7749,
    -122.4194,
    [],
  ],
  [
    5368361,
    5332921,
    "Los Angeles",
    "California",
    "United States",
    "US",
    "90012",
    "NA",
    34.0522,
    -118.2437,
    [],
  ],
  [2950159, 2950157, "Berlin", "Berlin", "Germany", "DE", "10117", "EU", 52.52, 13.405, []],
  [
    5375480,
    5332921,
    "Mountain View",
    "California",
    "United States",
    "US",
    "94043",
    "NA",
    37.3861,
    -122.0839,
    ["8.8.8.", "8.8.4."],
  ],
];

/** The simulated city database behind `/region/*` (RegionInfo shape). */
export const SIM_CITIES: readonly SimCity[] = Object.freeze(
  CITY_ROWS.map((
    [
      city,
      state,
      cityName,
      stateName,
      countryName,
      countryCode,
      postal,
      continent,
      lat,
      lon,
      prefixes,
    ],
  ) =>
    Object.freeze({
      info: {
        cityGeoId: city,
        stateGeoId: state,
        latitude: lat,
        longitude: lon,
        cityName,
        stateName,
        countryName,
        countryCode,
        postalCode: postal,
        continentCode: continent,
      },
      prefixes,
    })
  ),
);

/** The recorded "no report" body for an MD5 the Sandbox never analysed. */
export const SANDBOX_NOT_FOUND = Object.freeze({
  Summary: { Summary: { Status: "CONTENT_NOTFOUND", Message: "Content lookup failed." } },
});

/** Sandbox verdicts by MD5 (lower case): the summary part of each report. */
export const SANDBOX_REPORTS: Readonly<Record<string, JsonObject>> = Object.freeze({
  "b3b13c2fe5710507612106cb11ceced3": {
    Summary: {
      Status: "COMPLETED",
      Category: "EXECS",
      FileType: "DLL",
      StartTime: 1767607200,
      Duration: 481690,
    },
    Classification: {
      Type: "MALICIOUS",
      Category: "MALWARE_BOTNET",
      Score: 82,
      DetectedMalware: "Win32/TrojanDownloader.Banload.TNJ trojan",
    },
    FileProperties: {
      FileType: "DLL",
      FileSize: 2358272,
      MD5: "b3b13c2fe5710507612106cb11ceced3",
      SHA1: "6f30404f8b30812758acc06455bc95348c86f9f2",
      Sha256: "c77ab4c60b73c8f8135d54162813ab7c63432058f17ff00754d5fd547c22db76",
      Issuer: "",
      DigitalCerificate: "",
      SSDeep: "49152:mQU0HSp/RcGuBLe/PESBbFVZ86MfBWPvGZxnBGVV3NcKRLFcTOJP:mQUn6LsPQp6vkoiKt",
      RootCA: "",
    },
  },
  "8350ded6d39df158e51d6cfbe36fb012": {
    Summary: {
      Status: "COMPLETED",
      Category: "SCRIPT",
      FileType: "CMD",
      StartTime: 1767610800,
      Duration: 454557,
    },
    Classification: {
      Type: "SUSPICIOUS",
      Category: "SUSPICIOUS",
      Score: 55,
      DetectedMalware: "",
    },
    FileProperties: {
      FileType: "CMD",
      FileSize: 9810,
      MD5: "8350ded6d39df158e51d6cfbe36fb012",
      SHA1: "f4dd1d176975c70ba8963ebc654a78a6e345cfb6",
      Sha256: "aff2d40828597fbf482753bec73cc9fc2714484262258875cc23c7d5a7372cee",
      Issuer: "",
      DigitalCerificate: "",
      SSDeep: "192:+cgNT7Zj4tvl2Drc+gEakjqBT1W431lXXH1TR8J:InZjevl2Drc+gEakmBT44rXVR8J",
      RootCA: "",
    },
  },
  "44d88612fea8a8f36de82e1278abb02f": {
    Summary: {
      Status: "COMPLETED",
      Category: "OTHER",
      FileType: "COM",
      StartTime: 1767614400,
      Duration: 1200,
    },
    Classification: {
      Type: "MALICIOUS",
      Category: "MALWARE_BOTNET",
      Score: 100,
      DetectedMalware: "EICAR-Test-File",
    },
    FileProperties: {
      FileType: "COM",
      FileSize: 68,
      MD5: "44d88612fea8a8f36de82e1278abb02f",
      SHA1: "3395856ce81f2b7382dee72602f798b642f14140",
      Sha256: "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
      Issuer: "",
      DigitalCerificate: "",
      SSDeep: "3:a+JraNvsgzsVqSwHq9:tJuOgzsko",
      RootCA: "",
    },
  },
});

/** The extra sections a `details=full` report adds to the summary ones. */
export function sandboxFullExtras(md5: string): JsonObject {
  return {
    "System Summary": [
      { Risk: "HIGH", Signature: "Writes to the Windows startup folder", SignatureSources: [md5] },
    ],
    Networking: [{ Risk: "MEDIUM", Signature: "Contacts a known sinkhole", SignatureSources: [] }],
    "Security Bypass": [],
    Persistence: [],
    Exploit: [],
  };
}
