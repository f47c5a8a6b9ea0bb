/**
 * ZIA cloud app control (toolset `zia_cloud_app_control`): rules per application category
 * (`/webApplicationRules/{rule_type}`), the actions a category offers, and the application
 * catalog the rules name. The rule type is part of every path, so these tools are written out
 * here rather than expanded from a resource.
 *
 * @module
 */

import { z } from "zod";
import { ZscalerRequestError } from "../../zscaler/mod.ts";
import { matchesText } from "../builders.ts";
import {
  type ApiObject,
  createShape,
  field,
  givesAnyField,
  toBody,
  updateShape,
} from "../fields.ts";
import { DEFAULT_MAX_RESULTS, listFields, searchField, ziaId } from "../inputs.ts";
import type { ToolContext, ToolSpec } from "../spec.ts";
import { cloudAppPolicyTool } from "./cloud_apps.ts";
import { getAll, getOne, send, ZIA_BASE, ziaPath } from "./fetch.ts";
import { special, ZIA_ACTIVATION_HINT, ZIA_NOT_LIVE_NOTE } from "./resource.ts";
import { enumLike, enumListField, ruleFields } from "./writes.ts";

const TOOLSET = "zia_cloud_app_control";
const RULES = `${ZIA_BASE}/webApplicationRules/{rule_type}`;
const ONE = `${RULES}/{id}`;

/** The application categories cloud app control rules are kept per. */
export const CAC_RULE_TYPES = [
  "AI_ML",
  "BUSINESS_PRODUCTIVITY",
  "CONSUMER",
  "DNS_OVER_HTTPS",
  "ENTERPRISE_COLLABORATION",
  "FILE_SHARE",
  "FINANCE",
  "HEALTH_CARE",
  "HOSTING_PROVIDER",
  "HUMAN_RESOURCES",
  "INSTANT_MESSAGING",
  "IT_SERVICES",
  "LEGAL",
  "SALES_AND_MARKETING",
  "SOCIAL_NETWORKING",
  "STREAMING_MEDIA",
  "SYSTEM_AND_DEVELOPMENT",
  "WEBMAIL",
] as const;

const ruleType = z.enum(CAC_RULE_TYPES).describe(
  "The application category the rule belongs to; each category has its own policy table, " +
    "e.g. WEBMAIL, FILE_SHARE, SOCIAL_NETWORKING, AI_ML.",
);
const ruleId = ziaId("cloud app control rule");

const fields = ruleFields("cloud app control rule", {
  actions: field(
    z.array(enumLike("cloud app control action")).min(1).max(100).describe(
      'What the rule allows or blocks, e.g. ["BLOCK_WEBMAIL_ATTACHMENT_SEND"] or ' +
        '["ALLOW_FILE_SHARE_VIEW", "BLOCK_FILE_SHARE_UPLOAD"] (see ' +
        "zia_list_cloud_app_control_actions for the category's actions).",
    ),
    "actions",
    { required: true },
  ),
  applications: enumListField(
    "cloud application",
    "Applications the rule applies to, e.g. GOOGLE_WEBMAIL (see zia_list_cloud_app_policy).",
    "applications",
  ),
  device_trust_levels: enumListField(
    "device trust level",
    "Device trust levels, e.g. ANY, UNKNOWN_DEVICETRUSTLEVEL, LOW_TRUST, MEDIUM_TRUST, HIGH_TRUST.",
    "deviceTrustLevels",
  ),
  user_agent_types: enumListField(
    "user agent type",
    "Browsers, e.g. CHROME, FIREFOX, MSEDGE, SAFARI, OTHER.",
    "userAgentTypes",
  ),
  cascading_enabled: field(
    z.boolean().describe("Let the rule apply to the applications' sub-applications too."),
    "cascadingEnabled",
  ),
});

/** Reads a rule for a confirmation or a delete; a failed read is no record. */
async function tryRule(
  ctx: ToolContext,
  type: string,
  id: number,
): Promise<ApiObject | undefined> {
  try {
    const record = await getOne(ctx, ziaPath("/webApplicationRules", type, id));
    return typeof record === "object" && record !== null && !Array.isArray(record)
      ? record as ApiObject
      : undefined;
  } catch {
    return undefined;
  }
}

const nameOf = (record: ApiObject | undefined) =>
  typeof record?.name === "string" && record.name !== "" ? record.name : undefined;

/** `zia_list_cloud_app_control_actions` */
const listActions = special({
  name: "zia_list_cloud_app_control_actions",
  service: "zia",
  toolset: TOOLSET,
  kind: "read",
  title: "List the actions of a cloud app control category",
  description: "Lists the actions cloud app control rules of one category can take (e.g. " +
    "ALLOW_WEBMAIL_VIEW, BLOCK_WEBMAIL_ATTACHMENT_SEND), optionally only those every given " +
    "application supports. Use it before creating a rule. Reads only, though ZIA takes it as " +
    "a POST.",
  request: `POST ${RULES}/availableActions`,
  input: z.strictObject({
    rule_type: ruleType,
    cloud_apps: z.array(enumLike("cloud application")).max(100).optional().describe(
      'Applications to narrow the actions to, e.g. ["GOOGLE_WEBMAIL"].',
    ),
    ...listFields,
  }),
  example: { args: { rule_type: "WEBMAIL" } },
  async run(args, ctx) {
    const path = ziaPath("/webApplicationRules", args.rule_type, "availableActions");
    const result = await send(ctx, "POST", path, { cloudApps: args.cloud_apps ?? [] });
    const actions = Array.isArray(result) ? result : [];
    const max = args.max_results ?? DEFAULT_MAX_RESULTS;
    return { data: actions.slice(0, max), list: true, truncated: actions.length > max };
  },
});

/** `zia_list_cloud_app_control_rules` */
const listRules = special({
  name: "zia_list_cloud_app_control_rules",
  service: "zia",
  toolset: TOOLSET,
  kind: "read",
  title: "List ZIA cloud app control rules",
  description: "Lists the cloud app control rules of one application category in policy " +
    "order, with their actions, applications, state and who they apply to.",
  request: `GET ${RULES}`,
  input: z.strictObject({
    rule_type: ruleType,
    search: searchField.optional().describe(
      "Only rules whose name contains this text (case-insensitive).",
    ),
    ...listFields,
  }),
  example: { args: { rule_type: "WEBMAIL" } },
  async run(args, ctx) {
    const all = await getAll(ctx, ziaPath("/webApplicationRules", args.rule_type));
    const search = args.search;
    const kept = search ? all.filter((rule) => matchesText(rule, ["name"], search)) : all;
    const max = args.max_results ?? DEFAULT_MAX_RESULTS;
    return { data: kept.slice(0, max), list: true, truncated: kept.length > max };
  },
});

/** `zia_get_cloud_app_control_rule` */
const getRule = special({
  name: "zia_get_cloud_app_control_rule",
  service: "zia",
  toolset: TOOLSET,
  kind: "read",
  title: "Get a ZIA cloud app control rule",
  description: "Gets one cloud app control rule by rule_type and rule_id, with every field.",
  request: `GET ${ONE}`,
  input: z.strictObject({ rule_type: ruleType, rule_id: ruleId }),
  example: {
    args: { rule_type: "WEBMAIL" },
    lookups: {
      rule_id: {
        tool: "zia_list_cloud_app_control_rules",
        args: { rule_type: "WEBMAIL" },
        query: "items[0].id",
      },
    },
  },
  async run(args, ctx) {
    return {
      data: await getOne(ctx, ziaPath("/webApplicationRules", args.rule_type, args.rule_id)),
    };
  },
});

/** `zia_create_cloud_app_control_rule` */
const createRule = special({
  name: "zia_create_cloud_app_control_rule",
  service: "zia",
  toolset: TOOLSET,
  kind: "create",
  title: "Create a ZIA cloud app control rule",
  description: "Creates a cloud app control rule in one application category. Required: " +
    "rule_type, name and actions; rank defaults to 7; order places it (1 is evaluated " +
    `first). ${ZIA_ACTIVATION_HINT}`,
  request: `POST ${RULES}`,
  input: z.strictObject({ rule_type: ruleType, ...createShape(fields) }),
  example: {
    args: {
      rule_type: "WEBMAIL",
      name: "Example Block Webmail Attachments",
      actions: ["BLOCK_WEBMAIL_ATTACHMENT_SEND"],
      order: 1,
    },
  },
  async run(args, ctx) {
    const body = { ...toBody(fields, args), type: args.rule_type };
    return {
      data: await send(ctx, "POST", ziaPath("/webApplicationRules", args.rule_type), body),
      note: ZIA_NOT_LIVE_NOTE,
    };
  },
});

const updateInput = z.strictObject({
  rule_type: ruleType,
  rule_id: ruleId,
  ...updateShape(fields),
}).refine((args) => givesAnyField(fields, args), {
  message: `Nothing to change: give at least one of ${Object.keys(fields).join(", ")}.`,
});

/** `zia_update_cloud_app_control_rule` */
const updateRule = special({
  name: "zia_update_cloud_app_control_rule",
  service: "zia",
  toolset: TOOLSET,
  kind: "update",
  title: "Update a ZIA cloud app control rule",
  description: "Changes a cloud app control rule: give rule_type, rule_id and only the fields " +
    "to change; every other field keeps its current value. Lists replace the current list. " +
    ZIA_ACTIVATION_HINT,
  request: `GET ${ONE}, then PUT ${ONE}`,
  input: updateInput,
  example: {
    args: { rule_type: "WEBMAIL", description: "Reviewed by the example run" },
    lookups: {
      rule_id: {
        tool: "zia_list_cloud_app_control_rules",
        args: { rule_type: "WEBMAIL" },
        query: "items[0].id",
      },
    },
  },
  async run(args, ctx) {
    const path = ziaPath("/webApplicationRules", args.rule_type, args.rule_id);
    const current = await getOne(ctx, path);
    if (typeof current !== "object" || current === null || Array.isArray(current)) {
      throw new ZscalerRequestError(
        "zia_update_cloud_app_control_rule: the current rule could not be read, so nothing " +
          "was changed",
        { hint: "Check the id with zia_list_cloud_app_control_rules" },
      );
    }
    const merged = { ...current as ApiObject, ...toBody(fields, args) };
    return { data: await send(ctx, "PUT", path, merged), note: ZIA_NOT_LIVE_NOTE };
  },
});

/** `zia_delete_cloud_app_control_rule` */
const deleteRule = special({
  name: "zia_delete_cloud_app_control_rule",
  service: "zia",
  toolset: TOOLSET,
  kind: "delete",
  title: "Delete a ZIA cloud app control rule",
  description: "Deletes a cloud app control rule by rule_type and rule_id; traffic it matched " +
    "falls through to the rules below it. A human must approve the call before it runs. " +
    ZIA_ACTIVATION_HINT,
  request: `GET ${ONE}, then DELETE ${ONE}`,
  input: z.strictObject({ rule_type: ruleType, rule_id: ruleId }),
  example: {
    args: { rule_type: "WEBMAIL" },
    lookups: {
      rule_id: {
        tool: "zia_list_cloud_app_control_rules",
        args: { rule_type: "WEBMAIL" },
        query: "items[-1].id",
      },
    },
  },
  confirmation: {
    async describe(args, ctx) {
      const name = nameOf(await tryRule(ctx, args.rule_type, args.rule_id));
      return {
        operation: "Delete",
        resourceType: `ZIA cloud app control rule (${args.rule_type})`,
        ...(name === undefined ? {} : { name }),
        id: String(args.rule_id),
      };
    },
  },
  async run(args, ctx) {
    const name = nameOf(await tryRule(ctx, args.rule_type, args.rule_id));
    await send(ctx, "DELETE", ziaPath("/webApplicationRules", args.rule_type, args.rule_id));
    return {
      data: { deleted: true, id: args.rule_id, ...(name === undefined ? {} : { name }) },
      note: ZIA_NOT_LIVE_NOTE,
    };
  },
});

/** Every `zia_cloud_app_control` tool. */
export const CLOUD_APP_CONTROL_TOOLS: readonly ToolSpec[] = [
  listActions,
  listRules,
  getRule,
  createRule,
  updateRule,
  deleteRule,
  cloudAppPolicyTool({
    name: "zia_list_cloud_app_policy",
    toolset: TOOLSET,
    path: "/cloudApplications/policy",
    what: "cloud app control rules",
  }),
];
