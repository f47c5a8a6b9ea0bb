/**
 * Catalog rows beyond the core configuration: service edges, provisioning keys,
 * certificates, privileged remote access, identity objects, profiles and LSS configs.
 * Which HTTP routes reach them (and so which verbs exist) is decided in `zpa_routes.ts`.
 *
 * @module
 */

import { type JsonObject, nowSeconds } from "./http.ts";
import { invalidPayload as invalid } from "./zpa_common.ts";
import {
  baCertificate,
  seedBaCertificates,
  seedEnrollmentCerts,
  seedProvisioningKeys,
  seedServiceEdgeGroups,
  seedServiceEdges,
} from "./zpa_seed_edge.ts";
import {
  seedIdps,
  seedPostureProfiles,
  seedSamlAttributes,
  seedScimAttributes,
  seedScimGroups,
  seedTrustedNetworks,
} from "./zpa_seed_identity.ts";
import {
  praPortalCname,
  seedCbiProfiles,
  seedInspectionProfiles,
  seedIsolationProfiles,
  seedLssConfigs,
  seedPraCredentials,
  seedPraPortals,
} from "./zpa_seed_security.ts";
import type { ZpaCollectionSpec, ZpaResourceName } from "./zpa_spec.ts";

const DEFAULT_MICROTENANT = { readOnly: false, zscalerManaged: false, microtenantName: "Default" };
const UPGRADE_DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];

/** Provisioning key association types (path segment) and the groups they enroll into. */
export const ASSOCIATION_TYPES: Readonly<Record<string, ZpaResourceName>> = Object.freeze({
  CONNECTOR_GRP: "appConnectorGroup",
  SERVICE_EDGE_GRP: "serviceEdgeGroup",
});

/** Credential types and the secret each one needs. */
const CREDENTIAL_SECRETS: Readonly<Record<string, { user: boolean; secret: string }>> = {
  USERNAME_PASSWORD: { user: true, secret: "password" },
  SSH_KEY: { user: true, secret: "privateKey" },
  PASSWORD: { user: false, secret: "password" },
};

function nonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

const serviceEdgeGroup: ZpaCollectionSpec = {
  name: "serviceEdgeGroup",
  label: "Service edge group",
  plural: "service edge groups",
  seed: seedServiceEdgeGroups,
  defaults: {
    enabled: true,
    versionProfileId: "0",
    overrideVersionProfile: false,
    versionProfileName: "Default",
    upgradeTimeInSecs: "66600",
    upgradeDay: "SUNDAY",
    isPublic: "FALSE",
    useInDrMode: false,
    exclusiveForBusinessContinuity: false,
    graceDistanceEnabled: false,
    trustedNetworks: [],
    ...DEFAULT_MICROTENANT,
  },
  enums: { upgradeDay: UPGRADE_DAYS, isPublic: ["TRUE", "FALSE"] },
  refs: [{
    field: "trustedNetworks",
    target: "network",
    many: true,
    expand: ["name", "networkId"],
  }],
  derived: ["serviceEdges"],
  searchable: ["id", "name", "description", "enabled", "location", "isPublic", "countryCode"],
  render: (out, ctx) => {
    out.serviceEdges = ctx.backrefs("serviceEdge", (e) => e.serviceEdgeGroupId === out.id, [
      "name",
      "enabled",
      "controlChannelStatus",
      "currentVersion",
    ]);
  },
};

const serviceEdge: ZpaCollectionSpec = {
  name: "serviceEdge",
  label: "Service edge",
  plural: "service edges",
  seed: seedServiceEdges,
  update: ["name", "description", "enabled"],
  refs: [{
    field: "serviceEdgeGroupId",
    target: "serviceEdgeGroup",
    required: true,
    nameField: "serviceEdgeGroupName",
  }],
  searchable: [
    "id",
    "name",
    "enabled",
    "controlChannelStatus",
    "currentVersion",
    "privateIp",
    "publicIp",
    "serviceEdgeGroupId",
  ],
};

const provisioningKey: ZpaCollectionSpec = {
  name: "provisioningKey",
  label: "Provisioning key",
  plural: "provisioning keys",
  seed: seedProvisioningKeys,
  createStatus: 200,
  scope: { field: "associationType", hidden: true },
  defaults: { enabled: true, exportable: true, readOnly: false, zscalerManaged: false },
  refs: [
    {
      field: "zcomponentId",
      target: (item) => ASSOCIATION_TYPES[String(item.associationType)] ?? "appConnectorGroup",
      required: true,
      nameField: "zcomponentName",
    },
    {
      field: "enrollmentCertId",
      target: "enrollmentCert",
      required: true,
      nameField: "enrollmentCertName",
    },
  ],
  derived: ["provisioningKey", "usageCount", "componentId"],
  searchable: ["id", "name", "enabled", "zcomponentId", "enrollmentCertId"],
  normalize: (item, selfId, _ctx, write) => {
    const max = item.maxUsage;
    const text = typeof max === "number" ? String(max) : max;
    if (typeof text !== "string" || !/^\d{1,6}$/.test(text) || Number(text) < 1) {
      throw invalid("maxUsage must be a positive integer", [String(max)]);
    }
    return {
      ...item,
      maxUsage: String(Number(text)),
      usageCount: write.existing?.usageCount ?? "0",
      provisioningKey: write.existing?.provisioningKey ??
        `3|api.private.zscaler.com|SIM-NOT-A-REAL-PROVISIONING-KEY-${selfId}`,
    };
  },
};

const enrollmentCert: ZpaCollectionSpec = {
  name: "enrollmentCert",
  label: "Enrollment certificate",
  plural: "enrollment certificates",
  seed: seedEnrollmentCerts,
  searchable: ["id", "name", "cName", "clientCertType"],
};

const certificate: ZpaCollectionSpec = {
  name: "certificate",
  label: "Certificate",
  plural: "certificates",
  seed: seedBaCertificates,
  secrets: ["certBlob"],
  derived: [
    "validFromInEpochSec",
    "validToInEpochSec",
    "certificate",
    "issuedTo",
    "issuedBy",
    "serialNo",
    "publicKey",
    "san",
    "cName",
  ],
  searchable: ["id", "name", "description", "cName", "issuedTo"],
  normalize: (item, selfId, _ctx, write) => {
    if (write.existing !== undefined) return item;
    const blob = item.certBlob;
    if (!nonEmptyString(blob) || !blob.includes("-----BEGIN CERTIFICATE-----")) {
      throw invalid("certBlob must hold a PEM certificate (and its private key)");
    }
    const now = nowSeconds();
    const name = String(item.name);
    const description = typeof item.description === "string" ? item.description : "";
    const derived = baCertificate(selfId, name, description, [name], now, now + 315360000, {});
    return { ...derived, ...item, description, microtenantName: "Default" };
  },
};

const praPortal: ZpaCollectionSpec = {
  name: "praPortal",
  label: "PRA portal",
  plural: "PRA portals",
  seed: seedPraPortals,
  defaults: { enabled: true, userNotificationEnabled: false, microtenantName: "Default" },
  required: ["domain"],
  refs: [{
    field: "certificateId",
    target: "certificate",
    required: true,
    nameField: "certificateName",
  }],
  derived: ["cName"],
  searchable: ["id", "name", "description", "domain", "enabled", "certificateId"],
  normalize: (item, selfId, _ctx, write) => ({
    ...item,
    cName: praPortalCname(selfId, write.customerId),
  }),
};

const credential: ZpaCollectionSpec = {
  name: "credential",
  label: "PRA credential",
  plural: "PRA credentials",
  seed: seedPraCredentials,
  defaults: { microtenantName: "Default" },
  required: ["credentialType"],
  enums: { credentialType: Object.keys(CREDENTIAL_SECRETS) },
  secrets: ["password", "privateKey", "passphrase"],
  derived: ["lastCredentialResetTime"],
  searchable: ["id", "name", "description", "credentialType", "userName"],
  normalize: (item, _selfId, _ctx, write) => {
    const type = String(item.credentialType);
    const rule = CREDENTIAL_SECRETS[type];
    for (const field of ["password", "privateKey", "passphrase"]) {
      if (item[field] !== undefined && !nonEmptyString(item[field])) {
        throw invalid(`${field} must be a non-empty string`);
      }
    }
    if (rule.user && !nonEmptyString(item.userName)) {
      throw invalid(`userName is required for ${type} credentials`);
    }
    const typeChanged = write.existing?.credentialType !== type;
    if (typeChanged && item[rule.secret] === undefined) {
      throw invalid(`${rule.secret} is required for ${type} credentials`);
    }
    const rotated = ["password", "privateKey", "passphrase"].some((f) => item[f] !== undefined);
    const out: JsonObject = { ...item };
    if (!rule.user) delete out.userName;
    out.lastCredentialResetTime = rotated || write.existing === undefined
      ? String(nowSeconds())
      : write.existing.lastCredentialResetTime;
    return out;
  },
};

const readOnlyRow = (
  name: ZpaResourceName,
  label: string,
  plural: string,
  seed: () => JsonObject[],
  searchable: readonly string[],
  extra: Partial<ZpaCollectionSpec> = {},
): ZpaCollectionSpec => ({ name, label, plural, seed, searchable, ...extra });

/** The rows after the core ones, in catalog order. */
export const MORE_ROWS: readonly ZpaCollectionSpec[] = Object.freeze([
  serviceEdgeGroup,
  serviceEdge,
  provisioningKey,
  enrollmentCert,
  certificate,
  praPortal,
  credential,
  readOnlyRow("idp", "Identity provider", "identity providers", seedIdps, [
    "id",
    "name",
    "enabled",
    "scimEnabled",
  ]),
  readOnlyRow("samlAttribute", "SAML attribute", "SAML attributes", seedSamlAttributes, [
    "id",
    "name",
    "samlName",
    "idpId",
  ], {
    scope: { field: "idpId" },
    refs: [{ field: "idpId", target: "idp", required: true, nameField: "idpName" }],
  }),
  readOnlyRow("scimAttribute", "SCIM attribute", "SCIM attributes", seedScimAttributes, [
    "id",
    "name",
    "dataType",
  ], { scope: { field: "idpId" } }),
  readOnlyRow("scimGroup", "SCIM group", "SCIM groups", seedScimGroups, ["id", "name"], {
    scope: { field: "idpId" },
  }),
  readOnlyRow("posture", "Posture profile", "posture profiles", seedPostureProfiles, [
    "id",
    "name",
    "postureUdid",
    "zscalerCloud",
  ]),
  readOnlyRow("network", "Trusted network", "trusted networks", seedTrustedNetworks, [
    "id",
    "name",
    "networkId",
    "zscalerCloud",
  ]),
  readOnlyRow(
    "inspectionProfile",
    "App protection profile",
    "app protection profiles",
    seedInspectionProfiles,
    ["id", "name", "description", "paranoiaLevel"],
    { policyRef: { kind: "ruleField", field: "zpnInspectionProfileId" } },
  ),
  readOnlyRow(
    "isolationProfile",
    "Isolation profile",
    "isolation profiles",
    seedIsolationProfiles,
    ["id", "name", "enabled"],
    { policyRef: { kind: "ruleField", field: "zpnIsolationProfileId" } },
  ),
  readOnlyRow("cbiProfile", "Isolation profile", "isolation profiles", seedCbiProfiles, []),
  readOnlyRow("lssConfig", "LSS configuration", "LSS configurations", seedLssConfigs, [
    "id",
    "name",
    "enabled",
    "sourceLogType",
    "lssHost",
  ], {
    refs: [{ field: "connectorGroups", target: "appConnectorGroup", many: true, expand: ["name"] }],
    searchView: (item) => ({
      ...(typeof item.config === "object" && item.config !== null ? item.config : {}),
      id: item.id,
    }),
  }),
]);
