/**
 * ZIA SSL inspection (toolset `zia_ssl_inspection`): the rules that decide what TLS traffic is
 * decrypted, and the cloud applications SSL inspection rules can name.
 *
 * @module
 */

import { z } from "zod";
import { field } from "../fields.ts";
import type { ToolSpec } from "../spec.ts";
import { cloudAppPolicyTool } from "./cloud_apps.ts";
import { ziaResource } from "./resource.ts";
import { enumListField, idListField, RULE_CREATE_DETAIL, ruleFields } from "./writes.ts";

const TOOLSET = "zia_ssl_inspection";

const rules = ziaResource({
  toolset: TOOLSET,
  noun: "SSL inspection rule",
  path: "/sslInspectionRules",
  idArg: "rule_id",
  tools: {
    list: "zia_list_ssl_inspection_rules",
    get: "zia_get_ssl_inspection_rule",
    create: "zia_create_ssl_inspection_rule",
    update: "zia_update_ssl_inspection_rule",
    delete: "zia_delete_ssl_inspection_rule",
  },
  about: " in policy order with their action (decrypt, do not decrypt, block), URL " +
    "categories, cloud applications and who they apply to",
  fields: ruleFields("SSL inspection rule", {
    action: field(
      z.enum(["DECRYPT", "DO_NOT_DECRYPT", "BLOCK"]).describe(
        "What the rule does with matching TLS traffic: DECRYPT (inspect), DO_NOT_DECRYPT " +
          "(bypass inspection) or BLOCK. On update it replaces the whole action, sub-actions " +
          "included.",
      ),
      (type) => ({ action: { type } }),
      { required: true },
    ),
    url_categories: enumListField(
      "URL category",
      "URL categories the rule applies to (SOCIAL_NETWORKING, CUSTOM_01).",
      "urlCategories",
    ),
    cloud_applications: enumListField(
      "cloud application",
      "Cloud applications the rule applies to (see zia_list_cloud_app_ssl_policy).",
      "cloudApplications",
    ),
    platforms: enumListField(
      "platform",
      "Client platforms, e.g. SCAN_IOS, SCAN_ANDROID, SCAN_MACOS, SCAN_WINDOWS, " +
        "NO_CLIENT_CONNECTOR, SCAN_LINUX.",
      "platforms",
    ),
    user_agent_types: enumListField(
      "user agent type",
      "Browsers, e.g. CHROME, FIREFOX, MSEDGE, SAFARI, OTHER.",
      "userAgentTypes",
    ),
    dest_ip_group_ids: idListField(
      "IP destination group",
      "zia_list_ip_destination_groups",
      "destIpGroups",
    ),
    source_ip_group_ids: idListField(
      "IP source group",
      "zia_list_ip_source_groups",
      "sourceIpGroups",
    ),
    road_warrior_for_kerberos: field(
      z.boolean().describe("Apply to remote users that use PAC with Kerberos authentication."),
      "roadWarriorForKerberos",
    ),
  }),
  createDetail: RULE_CREATE_DETAIL,
  updateDetail: "Lists replace the current list.",
  deleteDetail: "Default and predefined rules cannot be deleted.",
  examples: {
    create: {
      name: "Example Do Not Decrypt Banking",
      action: "DO_NOT_DECRYPT",
      url_categories: ["FINANCE"],
      order: 1,
    },
    update: { description: "Reviewed by the example run" },
    pick: "items[?!predefined && !defaultRule] | [0].id",
    deletable: "items[?!predefined && !defaultRule] | [-1].id",
  },
});

/** Every `zia_ssl_inspection` tool. */
export const SSL_INSPECTION_TOOLS: readonly ToolSpec[] = [
  ...rules,
  cloudAppPolicyTool({
    name: "zia_list_cloud_app_ssl_policy",
    toolset: TOOLSET,
    path: "/cloudApplications/sslPolicy",
    what: "SSL inspection rules",
  }),
];
