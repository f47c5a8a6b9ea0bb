/**
 * Seed data of the ZIA cloud-firewall resources: destination IP groups, network service and
 * application groups, network applications, DNS and IPS control rules, custom IPS signatures.
 * Field names follow the ZIA API reference models ([HELP] `zia/firewall-policies`,
 * `dns-control-policy`, `ips-control-policy`); references point at `seed.ts` objects.
 *
 * @module
 */

import type { JsonObject } from "./http.ts";
import { SEED_EPOCH, SEED_ZIA_ADMIN } from "./seed.ts";
import { DESTINATION_GROUP_PAYLOAD } from "./zia_payloads.ts";

/** Epoch seconds `hours` after the seed epoch. */
export const seedTime = (hours: number): number => SEED_EPOCH + hours * 3600;
/** A fresh copy of the seed admin reference. */
export const seedAdmin = (): JsonObject => ({ ...SEED_ZIA_ADMIN });

/** Fresh destination IP groups (one per common type). */
export function seedIpDestinationGroups(): JsonObject[] {
  const group = (fields: JsonObject) => ({
    addresses: [],
    countries: [],
    ipCategories: [],
    isNonEditable: false,
    ...fields,
  });
  return [
    group({
      id: 10196001,
      name: "Corporate DNS Resolvers",
      type: "DSTN_IP",
      addresses: ["10.0.0.53", "10.0.1.53"],
      description: "Internal recursive resolvers",
    }),
    group({
      id: 10196002,
      name: "SaaS Update Servers",
      type: "DSTN_FQDN",
      addresses: ["updates.atlassian.net", "download.salesforce.com"],
      description: "Vendor update endpoints",
    }),
    group({
      id: 10196003,
      name: "Partner SFTP",
      type: "DSTN_IP",
      addresses: ["198.51.100.40", "198.51.100.41-198.51.100.45"],
      description: DESTINATION_GROUP_PAYLOAD,
    }),
    group({
      id: 10196004,
      name: "Embargoed Countries",
      type: "DSTN_OTHER",
      countries: ["COUNTRY_KP", "COUNTRY_IR", "COUNTRY_SY"],
      description: "Export-control destinations",
    }),
  ];
}

/** Fresh network service groups (services refer to `seed.ts` network services). */
export function seedNetworkServiceGroups(): JsonObject[] {
  return [
    {
      id: 9100001,
      name: "Web Services",
      services: [{ id: 774001, name: "HTTP" }, { id: 774003, name: "HTTPS" }],
      description: "Plain and TLS web traffic",
    },
    {
      id: 9100002,
      name: "Remote Administration",
      services: [{ id: 9000001, name: "Internal-RDP" }],
      description: "Remote desktop for IT",
    },
  ];
}

/** Fresh predefined network applications (string ids, as the API has them). */
export function seedNetworkApplications(): JsonObject[] {
  const app = (id: string, parentCategory: string, description: string) => ({
    id,
    parentCategory,
    description,
    deprecated: false,
  });
  return [
    app("TOR", "ANONYMIZER", "The Onion Router anonymity network"),
    app("PSIPHON", "ANONYMIZER", "Psiphon circumvention tool"),
    app("BITTORRENT", "P2P", "BitTorrent peer-to-peer file sharing"),
    app("SKYPE", "INSTANT_MESSAGING", "Skype messaging and calls"),
    app("ZOOM", "CONFERENCING", "Zoom video conferencing"),
    app("SSH", "REMOTE_ACCESS", "Secure Shell"),
    app("RDP", "REMOTE_ACCESS", "Microsoft Remote Desktop Protocol"),
    app("TEAMVIEWER", "REMOTE_ACCESS", "TeamViewer remote support"),
    { ...app("ICQ", "INSTANT_MESSAGING", "ICQ messenger"), deprecated: true },
  ];
}

/** Fresh network application groups (members are network application ids). */
export function seedNetworkApplicationGroups(): JsonObject[] {
  return [
    {
      id: 9200001,
      name: "Anonymizers",
      networkApplications: ["TOR", "PSIPHON"],
      description: "Anonymizing networks and circumvention tools",
    },
    {
      id: 9200002,
      name: "Unapproved Remote Access",
      networkApplications: ["TEAMVIEWER"],
      description: "Remote-support tools not approved by IT",
    },
  ];
}

function firewallRule(fields: JsonObject): JsonObject {
  return {
    accessControl: "READ_WRITE",
    rank: 7,
    state: "ENABLED",
    srcIps: [],
    destAddresses: [],
    destCountries: [],
    locations: [],
    groups: [],
    departments: [],
    users: [],
    labels: [],
    capturePCAP: false,
    predefined: false,
    defaultRule: false,
    lastModifiedBy: seedAdmin(),
    ...fields,
  };
}

/** Fresh DNS control rules, with the undeletable default rule last. */
export function seedFirewallDnsRules(): JsonObject[] {
  return [
    firewallRule({
      id: 1584001,
      name: "Block DNS Tunnelling Domains",
      order: 1,
      action: "BLOCK",
      destAddresses: ["tunnel.dnscat-sim.example"],
      dnsRuleRequestTypes: ["TXT", "NULL"],
      description: "Known DNS-tunnelling infrastructure",
      lastModifiedTime: seedTime(30),
    }),
    firewallRule({
      id: 1584002,
      name: "Redirect Internal Zone",
      order: 2,
      action: "REDIR_REQ",
      redirectIp: "10.0.0.53",
      destAddresses: ["corp.acme-sim.example"],
      locations: [{ id: 149870001, name: "HQ - San Jose" }],
      description: "Resolve the internal zone on the corporate resolvers",
      lastModifiedTime: seedTime(31),
    }),
    firewallRule({
      id: 1584003,
      name: "Allow Partner Resolvers",
      order: 3,
      action: "ALLOW",
      state: "DISABLED",
      destCountries: ["COUNTRY_DE"],
      labels: [{ id: 4338003, name: "SOC-Reviewed" }],
      description: "Staged for the Frankfurt migration",
      lastModifiedTime: seedTime(32),
    }),
    firewallRule({
      id: 1584099,
      name: "Default Firewall DNS Rule",
      order: -1,
      action: "ALLOW",
      defaultRule: true,
      description: "Default DNS rule",
      lastModifiedTime: seedTime(0),
    }),
  ];
}

/** Fresh IPS control rules, with the undeletable default rule last. */
export function seedFirewallIpsRules(): JsonObject[] {
  return [
    firewallRule({
      id: 1585001,
      name: "Block Botnet Callbacks",
      order: 1,
      action: "BLOCK_DROP",
      enableFullLogging: true,
      threatCategories: [{ id: 66, name: "Botnet Callback" }],
      description: "Command-and-control signatures",
      lastModifiedTime: seedTime(33),
    }),
    firewallRule({
      id: 1585002,
      name: "Bypass IPS for Backup Traffic",
      order: 2,
      action: "BYPASS_IPS",
      srcIpGroups: [{ id: 10195001, name: "Corporate Egress" }],
      destAddresses: ["203.0.113.200"],
      description: "Nightly offsite backup stream",
      lastModifiedTime: seedTime(34),
    }),
    firewallRule({
      id: 1585099,
      name: "Default Cloud IPS Rule",
      order: -1,
      action: "BLOCK_DROP",
      defaultRule: true,
      description: "Default IPS rule",
      lastModifiedTime: seedTime(0),
    }),
  ];
}

/** Fresh custom IPS signature rules (Snort syntax). */
export function seedIpsSignatureRules(): JsonObject[] {
  return [
    {
      id: 1586001,
      name: "Acme Legacy RAT Beacon",
      ruleText: 'alert tcp $HOME_NET any -> $EXTERNAL_NET 4444 (msg:"Acme legacy RAT beacon"; ' +
        'flow:to_server,established; content:"|de ad be ef|"; sid:1000001; rev:1;)',
      description: "Beacon of a remote-access trojan seen in incident IR-2291",
      category: { id: 66, name: "Botnet Callback" },
      enabled: true,
      deleted: false,
      promoteTime: seedTime(35),
      ruleTextModTime: seedTime(35),
    },
    {
      id: 1586002,
      name: "Suspicious Powershell Download",
      ruleText: 'alert http $HOME_NET any -> $EXTERNAL_NET any (msg:"PowerShell download ' +
        'cradle"; content:"DownloadString"; nocase; sid:1000002; rev:2;)',
      description: "PowerShell download cradles over HTTP",
      category: { id: 70, name: "Suspicious Activity" },
      enabled: false,
      deleted: false,
      promoteTime: seedTime(36),
      ruleTextModTime: seedTime(36),
    },
  ];
}
