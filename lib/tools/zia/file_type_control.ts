/**
 * ZIA file type control (toolset `zia_file_type_control`): rules that allow, caution or block
 * file types, and the file type categories they name.
 *
 * @module
 */

import { z } from "zod";
import { listTool } from "../builders.ts";
import { field } from "../fields.ts";
import type { ToolSpec } from "../spec.ts";
import { getAll, ZIA_BASE, ziaPath } from "./fetch.ts";
import { ziaResource } from "./resource.ts";
import { enumListField, RULE_CREATE_DETAIL, ruleFields } from "./writes.ts";

const TOOLSET = "zia_file_type_control";

const rules = ziaResource({
  toolset: TOOLSET,
  noun: "file type control rule",
  path: "/fileTypeRules",
  idArg: "rule_id",
  tools: {
    list: "zia_list_file_type_control_rules",
    get: "zia_get_file_type_control_rule",
    create: "zia_create_file_type_control_rule",
    update: "zia_update_file_type_control_rule",
    delete: "zia_delete_file_type_control_rule",
  },
  about: " in policy order with their action, file types, operation and who they apply to",
  fields: ruleFields("file type control rule", {
    action: field(
      z.enum(["ALLOW", "CAUTION", "BLOCK"]).describe(
        "What the rule does with matching files: ALLOW, CAUTION (warn first) or BLOCK.",
      ),
      "filteringAction",
      { required: true },
    ),
    file_types: enumListField(
      "file type",
      "File types the rule matches, e.g. FTCATEGORY_WINDOWS_EXECUTABLES, FTCATEGORY_PDF_DOCUMENT " +
        "(see zia_list_file_type_categories).",
      "fileTypes",
    ),
    operation: field(
      z.enum(["UPLOAD", "DOWNLOAD", "UPLOAD_DOWNLOAD"]).describe(
        "Whether the rule applies to uploads, downloads or both.",
      ),
      "operation",
    ),
    protocols: enumListField(
      "protocol",
      "Protocols the rule applies to, e.g. HTTPS_RULE, HTTP_RULE, FTP_RULE.",
      "protocols",
    ),
    url_categories: enumListField(
      "URL category",
      "URL categories the rule applies to (SOCIAL_NETWORKING, CUSTOM_01).",
      "urlCategories",
    ),
    cloud_applications: enumListField(
      "cloud application",
      "Cloud applications the rule applies to, e.g. DROPBOX.",
      "cloudApplications",
    ),
    active_content: field(
      z.boolean().describe("Match files with active content (macros)."),
      "activeContent",
    ),
    unscannable: field(
      z.boolean().describe("Match files ZIA cannot scan."),
      "unscannable",
    ),
    password_protected: field(
      z.boolean().describe("Match password-protected files."),
      "passwordProtected",
    ),
    min_size: field(
      z.number().int().min(0).max(409_600).describe("Smallest file (KB) the rule matches."),
      "minSize",
    ),
    max_size: field(
      z.number().int().min(0).max(409_600).describe("Largest file (KB) the rule matches."),
      "maxSize",
    ),
  }),
  createDetail: RULE_CREATE_DETAIL,
  updateDetail: "Lists replace the current list.",
  deleteDetail: "Files it matched fall through to the rules below it.",
  examples: {
    create: {
      name: "Example Block Executables",
      action: "BLOCK",
      file_types: ["FTCATEGORY_WINDOWS_EXECUTABLES"],
      operation: "DOWNLOAD",
      order: 1,
    },
    update: { description: "Reviewed by the example run" },
    deletable: "items[-1].id",
  },
});

/** `zia_list_file_type_categories` */
const listCategories: ToolSpec = {
  ...listTool({
    service: "zia",
    toolset: TOOLSET,
    name: "zia_list_file_type_categories",
    title: "List ZIA file type categories",
    description: "Lists the file type categories ZIA policies can name (predefined and custom), " +
      "with their ids and names, e.g. to fill file_types of a file type control rule.",
    request: `GET ${ZIA_BASE}/fileTypeCategories`,
    filters: {
      enums: z.string().regex(/^[A-Z_,]{1,200}$/, "must be upper-case policy names").optional()
        .describe(
          "Only the categories valid for these policies, comma separated, e.g. " +
            "ZSCALERDLP,WEBDLP,FILETYPECONTROL.",
        ),
      exclude_custom_file_types: z.boolean().optional().describe("Leave out custom file types."),
    },
    fetch: async (args, ctx, limit) =>
      (await getAll(ctx, ziaPath("/fileTypeCategories"), {
        enums: args.enums,
        excludeCustomFileTypes: args.exclude_custom_file_types,
      })).slice(0, limit),
  }),
  example: {},
};

/** Every `zia_file_type_control` tool. */
export const FILE_TYPE_CONTROL_TOOLS: readonly ToolSpec[] = [...rules, listCategories];
