/** ZIA cloud firewall filtering rules. */

import { z } from "zod";
import { getTool, listTool, matchesText } from "../builders.ts";
import { field } from "../fields.ts";
import { searchField, ziaId } from "../inputs.ts";
import { apiPath, getOne, getPaged } from "./fetch.ts";
import { ruleFields, ziaWriteTools } from "./writes.ts";

/** `zia_list_cloud_firewall_rules` */
export const listCloudFirewallRules = listTool({
  name: "zia_list_cloud_firewall_rules",
  service: "zia",
  toolset: "zia_cloud_firewall",
  title: "List ZIA cloud firewall rules",
  description:
    "Lists ZIA cloud firewall filtering rules in policy order with their action, state, " +
    "sources, destinations, network services and applications.",
  request: "GET /zia/api/v1/firewallFilteringRules",
  filters: {
    search: searchField.optional().describe("Only rules whose name contains this text."),
  },
  async fetch(args, ctx, limit) {
    const search = args.search;
    // The name filter is applied here, so paging must not stop at `limit` before filtering.
    const rules = await getPaged(
      ctx,
      apiPath`/zia/api/v1/firewallFilteringRules`,
      search ? Infinity : limit,
      {
        pageSize: 1000,
      },
    );
    return (search ? rules.filter((r) => matchesText(r, ["name"], search)) : rules).slice(0, limit);
  },
});

/** `zia_get_cloud_firewall_rule` */
export const getCloudFirewallRule = getTool({
  name: "zia_get_cloud_firewall_rule",
  service: "zia",
  toolset: "zia_cloud_firewall",
  title: "Get a ZIA cloud firewall rule",
  description: "Gets one ZIA cloud firewall filtering rule by id, with every field.",
  request: "GET /zia/api/v1/firewallFilteringRules/{id}",
  idArg: "rule_id",
  id: ziaId("cloud firewall rule"),
  fetch: (id, ctx) => getOne(ctx, apiPath`/zia/api/v1/firewallFilteringRules/${id}`),
});

/** An IP address, CIDR block or range (`192.168.100.0/24`, `3.217.228.0-3.217.231.255`). */
const ipEntry = z.string().regex(
  /^[0-9A-Fa-f.:/-]{2,100}$/,
  "must be an IP address, CIDR or range",
);

/** `zia_create_cloud_firewall_rule`, `zia_update_cloud_firewall_rule`, `zia_delete_cloud_firewall_rule` */
export const [createCloudFirewallRule, updateCloudFirewallRule, deleteCloudFirewallRule] =
  ziaWriteTools({
    collection: "firewallFilteringRules",
    toolset: "zia_cloud_firewall",
    suffix: "cloud_firewall_rule",
    noun: "cloud firewall rule",
    idArg: "rule_id",
    id: ziaId("cloud firewall rule"),
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
      src_ips: field(
        z.array(ipEntry).max(1000).describe(
          "Source IP addresses, CIDR blocks or ranges (192.168.100.0/24, " +
            "10.0.0.1-10.0.0.9). Leave out for any source.",
        ),
        "srcIps",
      ),
      dest_addresses: field(
        z.array(
          z.string().regex(/^[A-Za-z0-9.:*/_-]{1,255}$/, "must be an IP, CIDR, range or FQDN"),
        ).max(1000).describe(
          "Destination IP addresses, CIDR blocks, ranges or FQDNs. Leave out for any " +
            "destination.",
        ),
        "destAddresses",
      ),
      dest_countries: field(
        z.array(z.string().regex(/^COUNTRY_[A-Z]{2}$/, "must look like COUNTRY_US")).max(300)
          .describe("Destination countries as COUNTRY_ plus the ISO 3166 code (COUNTRY_US)."),
        "destCountries",
      ),
    }),
    createDetail: "Required: name and action; rank defaults to 7; order places it (1 is " +
      "evaluated first).",
    updateDetail: "Lists (src_ips, dest_addresses, dest_countries, the *_ids) replace the " +
      "current list.",
    deleteDetail: "Default and predefined rules cannot be deleted.",
  });
