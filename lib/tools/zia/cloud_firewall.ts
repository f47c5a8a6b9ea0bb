/** ZIA cloud firewall filtering rules. */

import { getTool, listTool, matchesText } from "../builders.ts";
import { searchField, ziaId } from "../inputs.ts";
import { apiPath, getOne, getPaged } from "./fetch.ts";

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
