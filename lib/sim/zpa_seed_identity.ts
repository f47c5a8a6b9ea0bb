/**
 * Seed data for identity providers, SAML attributes, SCIM attributes, SCIM groups, posture
 * profiles and trusted networks — the objects policy conditions point at.
 *
 * Shapes follow the recorded responses (`samples/zpa_idp_v2.json`, `zpa_scimgroup.json`,
 * cassettes `TestSamlAttributes`, `TestScimAttributes`, `TestPostureProfiles`,
 * `TestTrustedNetworks`). The SCIM groups keep the ids and names the seeded access rules
 * already use (`seedPolicyRules` in `seed.ts`). SCIM groups are stored with string ids;
 * the userconfig routes render them as numbers, as recorded.
 *
 * @module
 */

import type { JsonObject } from "./http.ts";
import { SEED_ZPA_IDP_ID } from "./seed.ts";
import { fakePem, SEED_CUSTOMER_ID, zpaSeedMeta } from "./zpa_seed_common.ts";

/** Ids of seeded identity objects other seeds and tests refer to. */
export const IDENTITY_IDS = Object.freeze({
  idpOkta: SEED_ZPA_IDP_ID,
  idpZslogin: "216196257331372701",
  samlDepartment: "216196257331285827",
  samlEmail: "216196257331285828",
  samlZsloginEmail: "216196257331372703",
  scimActive: "216196257331285839",
  scimCostCenter: "216196257331285842",
  postureCrowdStrike: "216196257331285221",
  postureCrowdStrikeUdid: "7d7ef1a4-4b0c-4d3a-9a51-3c0c4f9e1001",
  postureDomainJoined: "216196257331285222",
  postureDomainJoinedUdid: "7d7ef1a4-4b0c-4d3a-9a51-3c0c4f9e1002",
  networkHq: "216196257331372849",
  networkHqId: "3f9b6a2e-0c4d-4d7e-8b1a-6a0f2c9d2001",
  networkBranch: "216196257331369930",
});

const SP_BASE = "https://config.zpa-sim.example/auth";

function idp(
  id: string,
  name: string,
  fields: JsonObject,
  hour: number,
): JsonObject {
  return {
    id,
    ...zpaSeedMeta(hour),
    name,
    certificates: [{
      cName: `${name} signing`,
      serialNo: `17395711698${id.slice(-2)}`,
      certificate: fakePem("CERTIFICATE", `${name} signing`),
      validFromInSec: "1739571109",
      validToInSec: "2055103969",
    }],
    autoProvision: "0",
    signSamlRequest: "1",
    useCustomSPMetadata: true,
    disableSamlBasedPolicy: false,
    reauthOnUserUpdate: false,
    userMetadata: {
      spEntityId: `${SP_BASE}/metadata/${id}`,
      spPostUrl: `${SP_BASE}/${id}/sso`,
      certificateUrl: `${SP_BASE}/${id}/certificate`,
      spMetadataUrl: `${SP_BASE}/${id}/metadata`,
      spBaseUrl: SP_BASE,
    },
    forceAuth: false,
    loginHint: true,
    enabled: true,
    redirectBinding: false,
    ...fields,
  };
}

/** Fresh identity providers: the workforce Okta IdP (SCIM enabled) and the ZSlogin IdP. */
export function seedIdps(): JsonObject[] {
  return [
    idp(IDENTITY_IDS.idpOkta, "Acme Okta", {
      loginUrl: "https://acme-sim.okta.example/app/zscaler_private_access/sso/saml",
      idpEntityId: "http://www.okta.example/acme-sim",
      ssoType: ["USER"],
      domainList: ["acme-sim.example"],
      scimEnabled: true,
      enableScimBasedPolicy: true,
      scimServiceProviderEndpoint: `https://config.zpa-sim.example/scim/1/${SEED_ZPA_IDP_ID}/v2`,
      scimSharedSecretExists: true,
      oneIdentityEnabled: false,
    }, 1),
    idp(IDENTITY_IDS.idpZslogin, `ZSlogin_${SEED_CUSTOMER_ID}`, {
      loginUrl: "https://identity.zpa-sim.example/sso/saml2/idp/800000000102",
      idpEntityId: "https://identity.zpa-sim.example/acme-sim",
      ssoType: ["USER", "ADMIN"],
      domainList: ["acme-sim.example", `${SEED_CUSTOMER_ID}.zpa-customer.com`],
      scimEnabled: false,
      enableScimBasedPolicy: false,
      scimSharedSecretExists: false,
      oneIdentityEnabled: true,
    }, 2),
  ];
}

/** Fresh SAML attributes (`<samlName>_<idpName>`, as the recorded tenant names them). */
export function seedSamlAttributes(): JsonObject[] {
  const attr = (id: string, samlName: string, idpId: string, idpName: string, hour: number) => ({
    id,
    ...zpaSeedMeta(hour),
    name: `${samlName}_${idpName.replaceAll(" ", "_")}`,
    userAttribute: false,
    idpId,
    samlName,
  });
  return [
    attr(IDENTITY_IDS.samlDepartment, "DepartmentName", IDENTITY_IDS.idpOkta, "Acme Okta", 3),
    attr(IDENTITY_IDS.samlEmail, "Email", IDENTITY_IDS.idpOkta, "Acme Okta", 3),
    attr("216196257331285831", "FirstName", IDENTITY_IDS.idpOkta, "Acme Okta", 3),
    attr("216196257331285832", "LastName", IDENTITY_IDS.idpOkta, "Acme Okta", 3),
    attr(IDENTITY_IDS.samlZsloginEmail, "Email", IDENTITY_IDS.idpZslogin, "ZSlogin", 4),
  ];
}

/** Fresh SCIM attributes of the Okta IdP. */
export function seedScimAttributes(): JsonObject[] {
  const attr = (id: string, name: string, dataType: string, schemaURI: string) => ({
    id,
    creationTime: zpaSeedMeta(5).creationTime,
    modifiedBy: zpaSeedMeta(5).modifiedBy,
    name,
    idpId: IDENTITY_IDS.idpOkta,
    dataType,
    schemaURI,
    multivalued: false,
    required: false,
    caseSensitive: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: false,
  });
  const core = "urn:ietf:params:scim:schemas:core:2.0:User";
  const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  return [
    attr(IDENTITY_IDS.scimActive, "active", "Boolean", core),
    attr(IDENTITY_IDS.scimCostCenter, "costCenter", "String", enterprise),
    attr("216196257331285843", "department", "String", enterprise),
    attr("216196257331285844", "title", "String", core),
  ];
}

/** Fresh SCIM groups (stored with string ids; rendered as numbers by userconfig). */
export function seedScimGroups(): JsonObject[] {
  const group = (id: string, name: string, idpId: string, hour: number, uuid: string) => ({
    id,
    modifiedTime: zpaSeedMeta(hour).modifiedTime,
    creationTime: zpaSeedMeta(hour).creationTime,
    name,
    idpId,
    idpGroupId: null,
    internalId: uuid,
  });
  return [
    group(
      "3251055",
      "Contractors",
      IDENTITY_IDS.idpOkta,
      6,
      "0b6c1b8e-55a1-4c9e-9a0e-000000003055",
    ),
    group(
      "3251058",
      "Finance-Users",
      IDENTITY_IDS.idpOkta,
      6,
      "0b6c1b8e-55a1-4c9e-9a0e-000000003058",
    ),
    group(
      "3251059",
      "Engineering-All",
      IDENTITY_IDS.idpOkta,
      7,
      "0b6c1b8e-55a1-4c9e-9a0e-000000003059",
    ),
    group(
      "3251060",
      "All-Employees",
      IDENTITY_IDS.idpOkta,
      7,
      "0b6c1b8e-55a1-4c9e-9a0e-000000003060",
    ),
    group(
      "3251101",
      "ZS-Admins",
      IDENTITY_IDS.idpZslogin,
      8,
      "0b6c1b8e-55a1-4c9e-9a0e-000000003101",
    ),
  ];
}

/** Fresh posture profiles (read-only in ZPA: they come from Client Connector). */
export function seedPostureProfiles(): JsonObject[] {
  const posture = (id: string, name: string, udid: string, hour: number, extra: JsonObject) => ({
    id,
    ...zpaSeedMeta(hour),
    name: `${name} (zscaler.net)`,
    postureUdid: udid,
    applyToMachineTunnelEnabled: false,
    crlCheckEnabled: false,
    nonExportablePrivateKeyEnabled: false,
    zscalerCloud: "zscaler",
    ...extra,
  });
  return [
    posture(
      IDENTITY_IDS.postureCrowdStrike,
      "CrowdStrike ZTA >= 40",
      IDENTITY_IDS.postureCrowdStrikeUdid,
      9,
      {},
    ),
    posture(
      IDENTITY_IDS.postureDomainJoined,
      "Domain Joined",
      IDENTITY_IDS.postureDomainJoinedUdid,
      9,
      { applyToMachineTunnelEnabled: true },
    ),
    posture(
      "216196257331285223",
      "Disk Encrypted",
      "7d7ef1a4-4b0c-4d3a-9a51-3c0c4f9e1003",
      10,
      { crlCheckEnabled: true },
    ),
  ];
}

/** Fresh trusted networks (read-only in ZPA: they come from Client Connector). */
export function seedTrustedNetworks(): JsonObject[] {
  const network = (id: string, name: string, networkId: string, hour: number) => ({
    id,
    ...zpaSeedMeta(hour),
    name: `${name} (zscaler.net)`,
    networkId,
    zscalerCloud: "zscaler",
  });
  return [
    network(IDENTITY_IDS.networkHq, "Acme HQ LAN", IDENTITY_IDS.networkHqId, 11),
    network(
      IDENTITY_IDS.networkBranch,
      "Acme Branch WiFi",
      "3f9b6a2e-0c4d-4d7e-8b1a-6a0f2c9d2002",
      11,
    ),
  ];
}
