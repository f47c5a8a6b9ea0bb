/**
 * ZIA URL filtering rules (toolset `zia_url_filtering`).
 *
 * @module
 */

import { z } from "zod";
import { field } from "../fields.ts";
import { urlCategoryId } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { ziaResource } from "./resource.ts";
import { enumListField, RULE_CREATE_DETAIL, ruleFields } from "./writes.ts";

/** Every `zia_url_filtering` tool. */
export const URL_FILTERING_TOOLS: readonly ToolSpec[] = ziaResource({
  toolset: "zia_url_filtering",
  noun: "URL filtering rule",
  path: "/urlFilteringRules",
  idArg: "rule_id",
  tools: {
    list: "zia_list_url_filtering_rules",
    get: "zia_get_url_filtering_rule",
    create: "zia_create_url_filtering_rule",
    update: "zia_update_url_filtering_rule",
    delete: "zia_delete_url_filtering_rule",
  },
  about: " in policy order with their action (ALLOW, BLOCK, CAUTION, ISOLATE), state, URL " +
    "categories and the users, groups and locations they apply to",
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
    request_methods: enumListField(
      "HTTP request method",
      "HTTP methods the rule matches, e.g. GET, POST, CONNECT. Leave out for any.",
      "requestMethods",
    ),
    user_agent_types: enumListField(
      "user agent type",
      "Browsers the rule matches, e.g. CHROME, FIREFOX, MSEDGE, SAFARI, OTHER.",
      "userAgentTypes",
    ),
    block_override: field(
      z.boolean().describe("Let listed users override a BLOCK with their password."),
      "blockOverride",
    ),
  }),
  createDetail: RULE_CREATE_DETAIL,
  updateDetail: "Lists (url_categories, protocols, the *_ids) replace the current list.",
  deleteDetail: "Requests it matched fall through to the rules below it.",
  examples: {
    create: {
      name: "Example Block Gambling",
      action: "BLOCK",
      url_categories: ["GAMBLING"],
      protocols: ["HTTPS_RULE", "HTTP_RULE"],
      order: 1,
    },
    update: { description: "Reviewed by the example run" },
    deletable: "items[-1].id",
  },
});
