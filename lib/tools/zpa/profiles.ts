/**
 * ZPA reference profiles policy rules point at by id: AppProtection (inspection) profiles,
 * cloud browser isolation profiles, device posture profiles and trusted networks.
 *
 * @module
 */

import type { ToolSpec } from "../spec.ts";
import { lookupTool } from "./lookups.ts";

/** `get_zpa_app_protection_profile` */
export const appProtectionProfile: ToolSpec = lookupTool({
  name: "get_zpa_app_protection_profile",
  toolset: "zpa_misc",
  noun: "AppProtection profile",
  nouns: "AppProtection profiles",
  about: "AppProtection (inspection) profiles hold the web-attack controls ZPA inspects app " +
    "traffic with; app protection policy rules with action INSPECT name one.",
  list: { api: "v1", collection: "inspectionProfile" },
  example: {},
});

/** `get_zpa_isolation_profile` */
export const isolationProfile: ToolSpec = lookupTool({
  name: "get_zpa_isolation_profile",
  toolset: "zpa_misc",
  noun: "isolation profile",
  nouns: "isolation profiles",
  about: "Cloud browser isolation profiles decide how isolated sessions behave; isolation " +
    "policy rules with action ISOLATE name one.",
  list: { api: "cbi", collection: "profiles" },
  unpaged: true,
  example: {},
});

/** `get_zpa_posture_profile` */
export const postureProfile: ToolSpec = lookupTool({
  name: "get_zpa_posture_profile",
  toolset: "zpa_misc",
  noun: "posture profile",
  nouns: "posture profiles",
  about: "Device posture profiles are checks Client Connector runs on a device; policy rule " +
    "conditions of object type POSTURE use a profile's posture UDID as lhs.",
  list: { api: "v2", collection: "posture" },
  get: { api: "v1", collection: "posture", idArg: "profile_id" },
  example: {},
});

/** `get_zpa_trusted_network` */
export const trustedNetwork: ToolSpec = lookupTool({
  name: "get_zpa_trusted_network",
  toolset: "zpa_misc",
  noun: "trusted network",
  nouns: "trusted networks",
  about: "Trusted networks are the corporate networks Client Connector recognises; policy " +
    "rule conditions of object type TRUSTED_NETWORK use a network's network id as lhs.",
  list: { api: "v2", collection: "network" },
  get: { api: "v1", collection: "network", idArg: "network_id" },
  example: {},
});
