/** ZIA URL filtering rules. */

import { getTool, listTool, matchesText } from "../builders.ts";
import { searchField, ziaId } from "../inputs.ts";
import { apiPath, getAll, getOne } from "./fetch.ts";

/** `zia_list_url_filtering_rules` */
export const listUrlFilteringRules = listTool({
  name: "zia_list_url_filtering_rules",
  service: "zia",
  toolset: "zia_url_filtering",
  title: "List ZIA URL filtering rules",
  description: "Lists ZIA URL filtering rules in policy order with their action (ALLOW, BLOCK, " +
    "CAUTION, ISOLATE), state, URL categories and the users, groups and locations they apply to.",
  request: "GET /zia/api/v1/urlFilteringRules",
  filters: {
    search: searchField.optional().describe("Only rules whose name contains this text."),
  },
  async fetch(args, ctx, limit) {
    const rules = await getAll(ctx, apiPath`/zia/api/v1/urlFilteringRules`);
    const search = args.search;
    return (search ? rules.filter((r) => matchesText(r, ["name"], search)) : rules).slice(0, limit);
  },
});

/** `zia_get_url_filtering_rule` */
export const getUrlFilteringRule = getTool({
  name: "zia_get_url_filtering_rule",
  service: "zia",
  toolset: "zia_url_filtering",
  title: "Get a ZIA URL filtering rule",
  description: "Gets one ZIA URL filtering rule by id, with every field.",
  request: "GET /zia/api/v1/urlFilteringRules/{id}",
  idArg: "rule_id",
  id: ziaId("URL filtering rule"),
  fetch: (id, ctx) => getOne(ctx, apiPath`/zia/api/v1/urlFilteringRules/${id}`),
});
