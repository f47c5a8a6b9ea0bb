/** ZIA URL filtering rules. */

import { z } from "zod";
import { getTool, listTool, matchesText } from "../builders.ts";
import { field } from "../fields.ts";
import { searchField, urlCategoryId, ziaId } from "../inputs.ts";
import { apiPath, getAll, getOne } from "./fetch.ts";
import { ruleFields, ziaWriteTools } from "./writes.ts";

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

/** `zia_create_url_filtering_rule`, `zia_update_url_filtering_rule`, `zia_delete_url_filtering_rule` */
export const [createUrlFilteringRule, updateUrlFilteringRule, deleteUrlFilteringRule] =
  ziaWriteTools({
    collection: "urlFilteringRules",
    toolset: "zia_url_filtering",
    suffix: "url_filtering_rule",
    noun: "URL filtering rule",
    idArg: "rule_id",
    id: ziaId("URL filtering rule"),
    fields: ruleFields("URL filtering rule", {
      action: field(
        z.enum(["ALLOW", "BLOCK", "CAUTION", "ISOLATE"]).describe(
          "What the rule does with matching requests: ALLOW, BLOCK, CAUTION (warn, then let " +
            "the user continue) or ISOLATE (browser isolation).",
        ),
        "action",
        { required: true },
      ),
      url_categories: field(
        z.array(urlCategoryId()).max(1000).describe(
          "URL category ids the rule matches: predefined names such as SOCIAL_NETWORKING or " +
            "custom ids such as CUSTOM_01 (see zia_list_url_categories).",
        ),
        "urlCategories",
      ),
      protocols: field(
        z.array(z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, "must be a ZIA protocol name"))
          .max(20).describe("Protocols the rule applies to, e.g. HTTPS_RULE and HTTP_RULE."),
        "protocols",
      ),
    }),
    createDetail: "Required: name and action; rank defaults to 7; order places it (1 is " +
      "evaluated first).",
    updateDetail: "Lists (url_categories, protocols, the *_ids) replace the current list.",
    deleteDetail: "Requests it matched fall through to the rules below it.",
  });
