/**
 * ZIA cloud firewall (toolset `zia_cloud_firewall`): filtering, DNS and IPS rules, custom IPS
 * signatures, and the objects rules refer to — IP source and destination groups, network
 * services and service groups, network applications and application groups.
 *
 * @module
 */

import { z } from "zod";
import { type ApiObject, field } from "../fields.ts";
import { descriptionField, nameField, ziaId } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { queryFilter, ziaResource } from "./resource.ts";
import {
  enumLike,
  enumListField,
  idListField,
  idRefs,
  ipAddress,
  ipEntry,
  RULE_CREATE_DETAIL,
  ruleFields,
} from "./writes.ts";

const TOOLSET = "zia_cloud_firewall";

/** Picks a rule the examples may change or delete: neither predefined nor a default rule. */
const CUSTOM_RULE = "items[?!predefined && !defaultRule] | [-1].id";

const srcIps = field(
  z.array(ipEntry).max(1000).describe(
    "Source IP addresses, CIDR blocks or ranges (192.168.100.0/24, 10.0.0.1-10.0.0.9). Leave " +
      "out for any source.",
  ),
  "srcIps",
);
const destAddresses = field(
  z.array(
    z.string().regex(/^[A-Za-z0-9.:*/_-]{1,255}$/, "must be an IP, CIDR, range or FQDN"),
  ).max(1000).describe(
    "Destination IP addresses, CIDR blocks, ranges or FQDNs. Leave out for any destination.",
  ),
  "destAddresses",
);
const countryCode = z.string().regex(/^COUNTRY_[A-Z]{2}$/, "must look like COUNTRY_US");
const destCountries = field(
  z.array(countryCode).max(300).describe(
    "Destination countries as COUNTRY_ plus the ISO 3166 code (COUNTRY_US).",
  ),
  "destCountries",
);
const destIpCategories = enumListField(
  "URL category",
  "URL categories of the destination (predefined names such as SOCIAL_NETWORKING or custom " +
    "ids such as CUSTOM_01).",
  "destIpCategories",
);
const srcIpGroups = idListField("IP source group", "zia_list_ip_source_groups", "srcIpGroups");
const destIpGroups = idListField(
  "IP destination group",
  "zia_list_ip_destination_groups",
  "destIpGroups",
);
const nwServices = idListField("network service", "zia_list_network_services", "nwServices");
const nwServiceGroups = idListField(
  "network service group",
  "zia_list_network_svc_groups",
  "nwServiceGroups",
);
const fullLogging = field(
  z.boolean().describe("Log every session the rule matches (full logging)."),
  "enableFullLogging",
);

const rules = {
  firewall: ziaResource({
    toolset: TOOLSET,
    noun: "cloud firewall rule",
    path: "/firewallFilteringRules",
    idArg: "rule_id",
    tools: {
      list: "zia_list_cloud_firewall_rules",
      get: "zia_get_cloud_firewall_rule",
      create: "zia_create_cloud_firewall_rule",
      update: "zia_update_cloud_firewall_rule",
      delete: "zia_delete_cloud_firewall_rule",
    },
    about: " in policy order with their action, state, sources, destinations, network " +
      "services and applications",
    paged: 1000,
    fields: ruleFields("cloud firewall rule", {
      action: field(
        z.enum(["ALLOW", "BLOCK_DROP", "BLOCK_RESET", "BLOCK_ICMP", "EVAL_NWAPP"]).describe(
          "What the rule does with matching traffic: ALLOW; BLOCK_DROP (drop silently), " +
            "BLOCK_RESET (send a TCP reset), BLOCK_ICMP (send ICMP unreachable); EVAL_NWAPP " +
            "(evaluate the network application first).",
        ),
        "action",
        { required: true },
      ),
      src_ips: srcIps,
      dest_addresses: destAddresses,
      dest_countries: destCountries,
      dest_ip_categories: destIpCategories,
      nw_applications: enumListField(
        "network application",
        "Network applications the rule matches (ids from zia_list_network_apps, e.g. " +
          "SKYPE, ICMP_ANY).",
        "nwApplications",
      ),
      src_ip_group_ids: srcIpGroups,
      dest_ip_group_ids: destIpGroups,
      nw_service_ids: nwServices,
      nw_service_group_ids: nwServiceGroups,
      nw_application_group_ids: idListField(
        "network application group",
        "zia_list_network_app_groups",
        "nwApplicationGroups",
      ),
      enable_full_logging: fullLogging,
    }),
    createDetail: RULE_CREATE_DETAIL,
    updateDetail: "Lists (src_ips, dest_addresses, dest_countries, the *_ids) replace the " +
      "current list.",
    deleteDetail: "Default and predefined rules cannot be deleted.",
    examples: {
      create: { name: "Example Block North Korea", action: "BLOCK_DROP", order: 1 },
      update: { description: "Reviewed by the example run" },
      pick: CUSTOM_RULE,
      deletable: CUSTOM_RULE,
    },
  }),
  dns: ziaResource({
    toolset: TOOLSET,
    noun: "cloud firewall DNS rule",
    path: "/firewallDnsRules",
    idArg: "rule_id",
    tools: {
      list: "zia_list_cloud_firewall_dns_rules",
      get: "zia_get_cloud_firewall_dns_rule",
      create: "zia_create_cloud_firewall_dns_rule",
      update: "zia_update_cloud_firewall_dns_rule",
      delete: "zia_delete_cloud_firewall_dns_rule",
    },
    about: " (DNS control policy) in policy order with their action, state, sources, " +
      "destinations and DNS request types",
    fields: ruleFields("cloud firewall DNS rule", {
      action: field(
        enumLike("DNS rule action").describe(
          "What the rule does with matching DNS traffic, e.g. ALLOW, BLOCK, REDIR_REQ " +
            "(redirect the request to a DNS gateway) or REDIR_RES (answer with redirect_ip).",
        ),
        "action",
        { required: true },
      ),
      src_ips: srcIps,
      dest_addresses: destAddresses,
      dest_countries: destCountries,
      dest_ip_categories: destIpCategories,
      res_categories: enumListField(
        "URL category",
        "URL categories of the resolved address (as dest_ip_categories).",
        "resCategories",
      ),
      applications: enumListField(
        "DNS application",
        "DNS tunnels and network applications the rule matches (ids from " +
          "zia_list_network_apps).",
        "applications",
      ),
      protocols: enumListField(
        "protocol",
        "Protocols the rule applies to, e.g. ANY_RULE, TCP_RULE, UDP_RULE, DOHTTPS_RULE.",
        "protocols",
      ),
      dns_rule_request_types: enumListField(
        "DNS request type",
        "DNS record types the rule matches, e.g. A, AAAA, CNAME, MX, TXT.",
        "dnsRuleRequestTypes",
      ),
      redirect_ip: field(
        ipAddress.describe("The IP address answered when action is REDIR_RES."),
        "redirectIp",
      ),
      block_response_code: field(
        enumLike("DNS response code").describe(
          "The DNS response code sent when the rule blocks, e.g. NXDOMAIN or SERVFAIL.",
        ),
        "blockResponseCode",
      ),
      src_ip_group_ids: srcIpGroups,
      dest_ip_group_ids: destIpGroups,
    }),
    createDetail: RULE_CREATE_DETAIL,
    updateDetail: "Lists replace the current list.",
    deleteDetail: "Default and predefined rules cannot be deleted.",
    examples: {
      create: { name: "Example Block DNS Tunnels", action: "BLOCK", order: 1 },
      update: { description: "Reviewed by the example run" },
      pick: CUSTOM_RULE,
      deletable: CUSTOM_RULE,
    },
  }),
  ips: ziaResource({
    toolset: TOOLSET,
    noun: "cloud firewall IPS rule",
    path: "/firewallIpsRules",
    idArg: "rule_id",
    tools: {
      list: "zia_list_cloud_firewall_ips_rules",
      get: "zia_get_cloud_firewall_ips_rule",
      create: "zia_create_cloud_firewall_ips_rule",
      update: "zia_update_cloud_firewall_ips_rule",
      delete: "zia_delete_cloud_firewall_ips_rule",
    },
    about: " (intrusion prevention policy) in policy order with their action, state, " +
      "sources, destinations and threat categories",
    fields: ruleFields("cloud firewall IPS rule", {
      action: field(
        enumLike("IPS rule action").describe(
          "What the rule does with matching traffic, e.g. ALLOW, BLOCK_DROP, BLOCK_RESET or " +
            "BYPASS_IPS.",
        ),
        "action",
        { required: true },
      ),
      src_ips: srcIps,
      dest_addresses: destAddresses,
      dest_countries: destCountries,
      dest_ip_categories: destIpCategories,
      threat_category_ids: idListField(
        "IPS threat category",
        "the threatCategories of existing IPS rules",
        "threatCategories",
      ),
      src_ip_group_ids: srcIpGroups,
      dest_ip_group_ids: destIpGroups,
      nw_service_ids: nwServices,
      nw_service_group_ids: nwServiceGroups,
      enable_full_logging: fullLogging,
      capture_pcap: field(
        z.boolean().describe("Capture packets of matching sessions."),
        "capturePCAP",
      ),
    }),
    createDetail: RULE_CREATE_DETAIL,
    updateDetail: "Lists replace the current list.",
    deleteDetail: "Default and predefined rules cannot be deleted.",
    examples: {
      create: { name: "Example IPS Block", action: "BLOCK_DROP", order: 1 },
      update: { description: "Reviewed by the example run" },
      pick: CUSTOM_RULE,
      deletable: CUSTOM_RULE,
    },
  }),
  signatures: ziaResource({
    toolset: TOOLSET,
    noun: "IPS signature rule",
    path: "/ipsSignatureRules",
    idArg: "rule_id",
    tools: {
      list: "zia_list_ips_signature_rules",
      get: "zia_get_ips_signature_rule",
      create: "zia_create_ips_signature_rule",
      update: "zia_update_ips_signature_rule",
      delete: "zia_delete_ips_signature_rule",
    },
    about: " (custom Snort/Suricata signatures) with their rule text and validation status",
    paged: 1000,
    fields: {
      name: field(
        z.string().trim().min(1).max(31).describe("Name of the signature (at most 31 characters)."),
        "name",
        { required: true },
      ),
      rule_text: field(
        z.string().min(1).max(10_000).describe(
          'The Snort/Suricata signature, e.g. alert tcp any any -> any 80 (msg:"x"; ' +
            'content:"evil"; sid:1000001; rev:1;). It must carry a unique sid and a rev.',
        ),
        "ruleText",
        { required: true },
      ),
      description: field(descriptionField("IPS signature rule"), "description"),
    },
    createDetail: "Required: name and rule_text.",
    deleteDetail: "IPS rules stop matching the signature.",
    examples: {
      create: {
        name: "Example Signature",
        rule_text:
          'alert tcp any any -> any 80 (msg:"example"; content:"evil"; sid:1000901; rev:1;)',
      },
      update: { description: "Reviewed by the example run" },
      deletable: "items[-1].id",
    },
  }),
};

const objects = {
  destinationGroups: ziaResource({
    toolset: TOOLSET,
    noun: "IP destination group",
    path: "/ipDestinationGroups",
    idArg: "group_id",
    tools: {
      list: "zia_list_ip_destination_groups",
      get: "zia_get_ip_destination_group",
      create: "zia_create_ip_destination_group",
      update: "zia_update_ip_destination_group",
      delete: "zia_delete_ip_destination_group",
    },
    about: " (destinations firewall rules match: IPs, FQDNs, domains, countries or " +
      "categories) with their type and members",
    filters: {
      exclude_type: queryFilter(
        z.enum(["DSTN_IP", "DSTN_FQDN", "DSTN_DOMAIN", "DSTN_OTHER"]).describe(
          "Leave out groups of this type.",
        ),
        "excludeType",
      ),
    },
    fields: {
      name: field(nameField("IP destination group"), "name", { required: true }),
      type: field(
        z.enum(["DSTN_IP", "DSTN_FQDN", "DSTN_DOMAIN", "DSTN_OTHER"]).describe(
          "What the group holds: DSTN_IP (IP addresses and ranges), DSTN_FQDN (host names), " +
            "DSTN_DOMAIN (domains with subdomains) or DSTN_OTHER (countries and categories).",
        ),
        "type",
        { required: true },
      ),
      description: field(descriptionField("IP destination group"), "description"),
      addresses: field(
        z.array(z.string().regex(/^[A-Za-z0-9.:*/_-]{1,255}$/, "must be an IP, range or FQDN"))
          .max(1000).describe(
            "The IPs, ranges or FQDNs (for DSTN_IP, DSTN_FQDN and DSTN_DOMAIN). On update the " +
              "list replaces the current one.",
          ),
        "addresses",
      ),
      countries: field(
        z.array(countryCode).max(300).describe("Countries (COUNTRY_US), for DSTN_OTHER."),
        "countries",
      ),
      ip_categories: enumListField(
        "URL category",
        "URL categories (SOCIAL_NETWORKING, CUSTOM_01), for DSTN_OTHER.",
        "ipCategories",
      ),
    },
    check: (args) =>
      (args.type === "DSTN_IP" || args.type === "DSTN_FQDN" || args.type === "DSTN_DOMAIN") &&
        !(Array.isArray(args.addresses) && args.addresses.length > 0)
        ? `A ${String(args.type)} group needs at least one entry in addresses.`
        : undefined,
    createDetail: "Required: name and type; addresses for DSTN_IP, DSTN_FQDN and DSTN_DOMAIN.",
    deleteDetail: "A group that rules still use cannot be deleted.",
    examples: {
      create: {
        name: "Example Paste Sites",
        type: "DSTN_FQDN",
        addresses: ["paste.example.com"],
      },
      update: { description: "Reviewed by the example run" },
      deletable: "items[-1].id",
    },
  }),
  sourceGroups: ziaResource({
    toolset: TOOLSET,
    noun: "IP source group",
    path: "/ipSourceGroups",
    idArg: "group_id",
    tools: {
      list: "zia_list_ip_source_groups",
      get: "zia_get_ip_source_group",
      create: "zia_create_ip_source_group",
      update: "zia_update_ip_source_group",
      delete: "zia_delete_ip_source_group",
    },
    about: " (source addresses firewall rules match) with their IP addresses",
    search: { fields: ["name", "description"] },
    fields: {
      name: field(nameField("IP source group"), "name", { required: true }),
      ip_addresses: field(
        z.array(ipEntry).min(1).max(1000).describe(
          "IP addresses, CIDR blocks or ranges in the group. On update the list replaces the " +
            "current one.",
        ),
        "ipAddresses",
        { required: true },
      ),
      description: field(descriptionField("IP source group"), "description"),
    },
    createDetail: "Required: name and ip_addresses.",
    deleteDetail: "A group that rules still use cannot be deleted.",
    examples: {
      create: { name: "Example Lab Subnets", ip_addresses: ["10.99.0.0/16"] },
      update: { description: "Reviewed by the example run" },
      deletable: "items[-1].id",
    },
  }),
  networkApps: ziaResource({
    toolset: TOOLSET,
    noun: "network application",
    path: "/networkApplications",
    idArg: "app_id",
    id: z.string().regex(/^[A-Za-z0-9_]{1,128}$/, "must be a network application id such as SKYPE")
      .describe("The network application id, e.g. SKYPE or ICMP_ANY."),
    tools: { list: "zia_list_network_apps", get: "zia_get_network_app" },
    about: " (predefined applications cloud firewall rules can match) with their parent " +
      "category and description",
    search: { fields: ["id", "description"] },
    filters: {
      locale: queryFilter(
        z.enum(["en-US", "de-DE", "es-ES", "fr-FR", "ja-JP", "zh-CN"]).describe(
          "Language of the descriptions.",
        ),
        "locale",
      ),
    },
  }),
  appGroups: ziaResource({
    toolset: TOOLSET,
    noun: "network application group",
    path: "/networkApplicationGroups",
    idArg: "group_id",
    tools: {
      list: "zia_list_network_app_groups",
      get: "zia_get_network_app_group",
      create: "zia_create_network_app_group",
      update: "zia_update_network_app_group",
      delete: "zia_delete_network_app_group",
    },
    about: " with the network applications in each",
    fields: {
      name: field(nameField("network application group"), "name", { required: true }),
      network_applications: field(
        z.array(enumLike("network application")).min(1).max(1000).describe(
          "Network application ids in the group (see zia_list_network_apps, e.g. SKYPE). On " +
            "update the list replaces the current one.",
        ),
        "networkApplications",
        { required: true },
      ),
      description: field(descriptionField("network application group"), "description"),
    },
    createDetail: "Required: name and network_applications.",
    deleteDetail: "A group that rules still use cannot be deleted.",
    examples: {
      create: { name: "Example Chat Apps", network_applications: ["SKYPE"] },
      update: { description: "Reviewed by the example run" },
      deletable: "items[-1].id",
    },
  }),
};

/** One port or port range of a network service. */
const portRange = z.strictObject({
  direction: z.enum(["src", "dest"]).describe("Whether it is the source or destination port."),
  protocol: z.enum(["tcp", "udp"]).describe("TCP or UDP."),
  start: z.number().int().min(1).max(65535).describe("First port."),
  end: z.number().int().min(1).max(65535).optional().describe("Last port; leave out for one."),
}).refine((range) => range.end === undefined || range.end >= range.start, {
  message: "end must not be smaller than start",
  path: ["end"],
});

/** `[{direction, protocol, start, end}]` → `srcTcpPorts`, `destTcpPorts`, … (all four set). */
function portFields(ranges: z.output<typeof portRange>[]): ApiObject {
  const body: Record<string, { start: number; end?: number }[]> = {
    srcTcpPorts: [],
    destTcpPorts: [],
    srcUdpPorts: [],
    destUdpPorts: [],
  };
  for (const range of ranges) {
    const key = `${range.direction}${range.protocol === "tcp" ? "Tcp" : "Udp"}Ports`;
    body[key].push(
      range.end === undefined ? { start: range.start } : { start: range.start, end: range.end },
    );
  }
  return body;
}

const services = {
  services: ziaResource({
    toolset: TOOLSET,
    noun: "network service",
    path: "/networkServices",
    idArg: "service_id",
    tools: {
      list: "zia_list_network_services",
      get: "zia_get_network_service",
      create: "zia_create_network_service",
      update: "zia_update_network_service",
      delete: "zia_delete_network_service",
    },
    about: " (predefined and custom protocol/port definitions) with their TCP and UDP ports",
    nameArg: "contains",
    search: { fields: ["name", "description"] },
    filters: {
      protocol: queryFilter(
        z.enum(["ICMP", "TCP", "UDP", "GRE", "ESP", "OTHER"]).describe(
          "Only services of this protocol.",
        ),
        "protocol",
      ),
    },
    fields: {
      name: field(nameField("network service"), "name", { required: true }),
      ports: field(
        z.array(portRange).min(1).max(200).describe(
          'Ports and port ranges, e.g. [{"direction":"dest","protocol":"tcp","start":443}] or ' +
            '[{"direction":"dest","protocol":"tcp","start":8000,"end":8080}]. On update the ' +
            "list replaces every current port.",
        ),
        portFields,
        { required: true },
      ),
      description: field(descriptionField("network service"), "description"),
    },
    fixed: { type: "CUSTOM" },
    refuse: (record) =>
      record.type === "PREDEFINED" || record.type === "STANDARD"
        ? `Network service ${String(record.id)} is ${String(record.type).toLowerCase()}: ` +
          "these tools change and delete only custom services"
        : undefined,
    createDetail: "Required: name and ports.",
    updateDetail: "Custom services only.",
    deleteDetail: "Custom services only; a service that rules still use cannot be deleted.",
    examples: {
      create: {
        name: "Example Admin Portal",
        ports: [{ direction: "dest", protocol: "tcp", start: 8443 }],
      },
      update: { description: "Reviewed by the example run" },
      pick: "items[?type=='CUSTOM'] | [0].id",
      deletable: "items[?type=='CUSTOM'] | [-1].id",
    },
  }),
  serviceGroups: ziaResource({
    toolset: TOOLSET,
    noun: "network service group",
    path: "/networkServiceGroups",
    idArg: "group_id",
    tools: {
      list: "zia_list_network_svc_groups",
      get: "zia_get_network_svc_group",
      create: "zia_create_network_svc_group",
      update: "zia_update_network_svc_group",
      delete: "zia_delete_network_svc_group",
    },
    about: " with the network services in each",
    search: { fields: ["name", "description"] },
    fields: {
      name: field(nameField("network service group"), "name", { required: true }),
      service_ids: field(
        z.array(ziaId("network service")).min(1).max(1000).describe(
          "Network service ids in the group (see zia_list_network_services). On update the " +
            "list replaces the current one.",
        ),
        idRefs("services"),
        { required: true },
      ),
      description: field(descriptionField("network service group"), "description"),
    },
    createDetail: "Required: name and service_ids.",
    deleteDetail: "A group that rules still use cannot be deleted.",
    examples: {
      create: { name: "Example Web Services" },
      createLookups: {
        service_ids: { tool: "zia_list_network_services", query: "items[:1].id" },
      },
      update: { description: "Reviewed by the example run" },
      deletable: "items[-1].id",
    },
  }),
};

/** Every `zia_cloud_firewall` tool. */
export const CLOUD_FIREWALL_TOOLS: readonly ToolSpec[] = [
  ...rules.firewall,
  ...rules.dns,
  ...rules.ips,
  ...rules.signatures,
  ...objects.destinationGroups,
  ...objects.sourceGroups,
  ...objects.networkApps,
  ...objects.appGroups,
  ...services.services,
  ...services.serviceGroups,
];
