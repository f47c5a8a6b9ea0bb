/**
 * ZPA policy rules of five policy types — access, timeout (re-authentication), client
 * forwarding, isolation and app protection (inspection) — each with list, get, create, update
 * and delete (API-FACTS §2 "Policies"): the rules are listed by policy type (v1); every other
 * call first resolves the policy set of the type (`GET /policySet/policyType/{TYPE}`), then reads
 * and deletes through v1 and creates and updates through v2.
 *
 * @module
 */

import { z } from "zod";
import { ZscalerRequestError } from "../../zscaler/mod.ts";
import { createTool, deleteTool, getTool, listTool, updateTool } from "../builders.ts";
import { type ApiObject, field, type FieldTable } from "../fields.ts";
import { descriptionField, nameField, zpaId } from "../inputs.ts";
import type { ToolContext, ToolExample, ToolSpec } from "../spec.ts";
import { getJson, listRecords, nameEquals, send } from "./fetch.ts";
import { idRefs } from "./inputs.ts";
import { route, zpaPath } from "./paths.ts";
import {
  conditionsSchema,
  idsOnly,
  toV2Conditions,
  v1ToV2Conditions,
} from "./policy_conditions.ts";
import { APPROVAL, createdOr, LIVE, searchArgument, sentences } from "./resource.ts";

/** One policy type and its five tools. */
export interface PolicyKind {
  /** The policy type in paths, e.g. `ACCESS_POLICY`. */
  type: string;
  /** Singular noun, e.g. "access policy rule". */
  noun: string;
  /** The exact reference tool names. */
  tools: { list: string; get: string; create: string; update: string; delete: string };
  /** What the policy decides, for the list description. */
  about: string;
  /** The actions a rule of this type can have. */
  actions: readonly [string, ...string[]];
  /** The action create uses when none is given (only where there is one). */
  defaultAction?: string;
  /** Arguments of this type only. */
  fields?: FieldTable;
  /** A rule across create arguments. */
  check?(args: ApiObject): string | undefined;
  /** What create needs, for its description ("Required: …"). */
  required: string;
  examples?: Partial<Record<"list" | "get" | "create" | "update" | "delete", ToolExample>>;
}

// The policy set id per type, once per call (the context is per call): a delete or update reads
// it for the lookup and reuses it for the write.
const SET_IDS = new WeakMap<ToolContext, Map<string, string>>();

/**
 * The id of the policy set of a type (`GET /policySet/policyType/{TYPE}`).
 *
 * @throws {ZscalerRequestError} when the answer carries no usable id.
 */
export async function policySetId(ctx: ToolContext, type: string): Promise<string> {
  const known = SET_IDS.get(ctx)?.get(type);
  if (known !== undefined) return known;
  const set = await getJson(ctx, zpaPath(ctx, "v1", "policySet/policyType", type));
  const id = String((set as Record<string, unknown> | undefined)?.id ?? "");
  if (!/^\d{1,25}$/.test(id)) {
    throw new ZscalerRequestError(`ZPA returned no policy set for ${type}`, {
      hint: "Check that the tenant has this policy type enabled",
    });
  }
  const ids = SET_IDS.get(ctx) ?? new Map<string, string>();
  ids.set(type, id);
  SET_IDS.set(ctx, ids);
  return id;
}

function isObject(value: unknown): value is ApiObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function readRule(ctx: ToolContext, type: string, ruleId: string): Promise<unknown> {
  const setId = await policySetId(ctx, type);
  return await getJson(ctx, zpaPath(ctx, "v1", "policySet", setId, "rule", ruleId));
}

/** A rule as read, in the v2 request form an update merges its changes into. */
function asV2Body(rule: unknown): unknown {
  if (!isObject(rule)) return rule;
  return {
    ...rule,
    conditions: v1ToV2Conditions(rule.conditions),
    appConnectorGroups: idsOnly(rule.appConnectorGroups),
    appServerGroups: idsOnly(rule.appServerGroups),
  };
}

function commonFields(kind: PolicyKind): FieldTable {
  return {
    name: field(nameField(kind.noun), "name", { required: true }),
    description: field(descriptionField(kind.noun), "description"),
    action_type: field(
      z.enum(kind.actions).describe(`What the rule does: ${kind.actions.join(", ")}.`),
      "action",
      kind.defaultAction === undefined ? { required: true } : { createDefault: kind.defaultAction },
    ),
    conditions: field(conditionsSchema, (value: z.output<typeof conditionsSchema>) => ({
      conditions: toV2Conditions(value),
    })),
    custom_msg: field(
      z.string().max(2000).describe("A message for the user when the rule applies."),
      "customMsg",
    ),
    disabled: field(
      z.boolean().describe("true: the rule is kept but not applied."),
      (value: boolean) => ({ disabled: value ? "1" : "0" }),
    ),
    ...kind.fields,
  };
}

const ruleId = (noun: string) => zpaId(noun);

/** Expands a policy type into its five tools. */
export function policyTools(kind: PolicyKind): ToolSpec[] {
  const common = { service: "zpa" as const, toolset: "zpa_access_policies" };
  const nouns = `${kind.noun}s`;
  // `{policy_type}` is kind.type; the request template keeps the recorded endpoint's shape.
  const setRoute = `GET ${route("v1", "policySet/policyType/{policy_type}")}`;
  const ruleRoute = route("v1", "policySet/{policy_set_id}/rule/{rule_id}");
  const v2Rule = route("v2", "policySet/{policy_set_id}/rule");
  const fields = commonFields(kind);
  const example = (verb: keyof NonNullable<PolicyKind["examples"]>) =>
    kind.examples?.[verb] === undefined ? {} : { example: kind.examples[verb] };

  const list = listTool({
    ...common,
    name: kind.tools.list,
    title: `List ZPA ${nouns}`,
    description: `Lists the ZPA ${nouns} in evaluation order (ruleOrder), with their action ` +
      `and conditions (policy type ${kind.type}). ${kind.about}`,
    request: `GET ${route("v1", "policySet/rules/policyType/{policy_type}")}`,
    filters: { search: searchArgument(nouns) },
    fetch: (args, ctx, limit) =>
      listRecords(ctx, zpaPath(ctx, "v1", "policySet/rules/policyType", kind.type), limit, {
        query: { search: args.search === undefined ? undefined : nameEquals(args.search) },
      }),
  });

  const get = getTool({
    ...common,
    name: kind.tools.get,
    title: `Get a ZPA ${kind.noun}`,
    description: `Gets one ZPA ${kind.noun} by rule_id, with its conditions (v1 form: one ` +
      "{objectType, lhs, rhs} operand per value).",
    request: `${setRoute}, then GET ${ruleRoute}`,
    idArg: "rule_id",
    id: ruleId(kind.noun),
    fetch: (id, ctx) => readRule(ctx, kind.type, id),
  });

  const create = createTool({
    ...common,
    name: kind.tools.create,
    title: `Create a ZPA ${kind.noun}`,
    description: sentences(
      `Creates a ZPA ${kind.noun}, placed last in the evaluation order.`,
      kind.required,
      LIVE,
    ),
    request: `${setRoute}, then POST ${v2Rule}`,
    fields,
    check: kind.check,
    async create(body, ctx) {
      const setId = await policySetId(ctx, kind.type);
      return await send(ctx, "POST", zpaPath(ctx, "v2", "policySet", setId, "rule"), body);
    },
  });

  const update = updateTool({
    ...common,
    name: kind.tools.update,
    title: `Update a ZPA ${kind.noun}`,
    description: sentences(
      `Changes a ZPA ${kind.noun}: give rule_id and only the fields to change; every other ` +
        "field (conditions included) keeps its current value. Returns the rule as it is " +
        "afterwards.",
      LIVE,
    ),
    request: `${setRoute}, then GET ${ruleRoute}, then PUT ${
      route("v2", "policySet/{policy_set_id}/rule/{rule_id}")
    }, then GET ${ruleRoute}`,
    idArg: "rule_id",
    id: ruleId(kind.noun),
    fields,
    get: async (id, ctx) => asV2Body(await readRule(ctx, kind.type, id)),
    async put(id, merged, ctx) {
      const setId = await policySetId(ctx, kind.type);
      await send(ctx, "PUT", zpaPath(ctx, "v2", "policySet", setId, "rule", id), merged);
      return await readRule(ctx, kind.type, id);
    },
  });

  const remove = deleteTool({
    ...common,
    name: kind.tools.delete,
    title: `Delete a ZPA ${kind.noun}`,
    description: sentences(
      `Deletes a ZPA ${kind.noun} by rule_id; the rules after it move up.`,
      "ZPA refuses to delete a policy's default rule.",
      APPROVAL,
      LIVE,
    ),
    request: `${setRoute}, then GET ${ruleRoute}, then DELETE ${ruleRoute}`,
    idArg: "rule_id",
    id: ruleId(kind.noun),
    resourceType: `ZPA ${kind.noun}`,
    get: (id, ctx) => readRule(ctx, kind.type, id),
    async remove(id, ctx) {
      const setId = await policySetId(ctx, kind.type);
      await send(ctx, "DELETE", zpaPath(ctx, "v1", "policySet", setId, "rule", id));
    },
  });

  return [
    { ...list, ...example("list") },
    { ...get, ...example("get") },
    { ...create, ...example("create") },
    { ...update, ...example("update") },
    { ...remove, ...example("delete") },
  ];
}

const profileNeeded = (action: string, argument: string) => (args: ApiObject) =>
  args.action_type === action && args[argument] === undefined
    ? `action_type ${action} needs ${argument}.`
    : undefined;

const lookupRule = (tool: string) => ({ tool, query: "items[0].id" });

/** The access policy: who reaches which application segments. */
export const ACCESS_POLICY: PolicyKind = {
  type: "ACCESS_POLICY",
  noun: "access policy rule",
  tools: {
    list: "zpa_list_access_policy_rules",
    get: "zpa_get_access_policy_rule",
    create: "zpa_create_access_policy_rule",
    update: "zpa_update_access_policy_rule",
    delete: "zpa_delete_access_policy_rule",
  },
  about: "Access policy decides which users reach which application segments; the first " +
    "matching rule wins.",
  actions: ["ALLOW", "DENY", "REQUIRE_APPROVAL"],
  fields: {
    app_connector_group_ids: field(
      z.array(zpaId("app connector group")).max(100).describe(
        "App connector groups that serve the matched traffic (see " +
          "zpa_list_app_connector_groups). On update the list replaces the current one.",
      ),
      idRefs("appConnectorGroups"),
    ),
    app_server_group_ids: field(
      z.array(zpaId("server group")).max(100).describe(
        "Server groups the matched traffic goes to (see zpa_list_server_groups). On update " +
          "the list replaces the current one.",
      ),
      idRefs("appServerGroups"),
    ),
  },
  required: "Required: name and action_type (ALLOW, DENY or REQUIRE_APPROVAL); conditions " +
    "name the segments (APP, APP_GROUP) and users (SCIM_GROUP, SAML…).",
  examples: {
    list: {},
    get: { lookups: { rule_id: lookupRule("zpa_list_access_policy_rules") } },
    create: {
      args: { name: "Allow Corporate Apps (example)", action_type: "ALLOW" },
      lookups: {
        conditions: {
          tool: "zpa_list_segment_groups",
          query: "[{operands: [{object_type: 'APP_GROUP', values: items[0:1].id}]}]",
        },
      },
    },
    update: {
      args: { description: "Updated by the example" },
      lookups: { rule_id: lookupRule("zpa_list_access_policy_rules") },
    },
    delete: {
      lookups: {
        rule_id: createdOr(
          "zpa_list_access_policy_rules",
          "Allow Corporate Apps (example)",
          "items[?name=='Deny Contractors SSH'].id | [0]",
        ),
      },
    },
  },
};

const MAX_SECONDS = 10 * 365 * 24 * 3600;

/** The timeout policy: how often users authenticate again. */
export const TIMEOUT_POLICY: PolicyKind = {
  type: "TIMEOUT_POLICY",
  noun: "timeout policy rule",
  tools: {
    list: "zpa_list_timeout_policy_rules",
    get: "zpa_get_timeout_policy_rule",
    create: "zpa_create_timeout_policy_rule",
    update: "zpa_update_timeout_policy_rule",
    delete: "zpa_delete_timeout_policy_rule",
  },
  about: "Timeout policy decides how long a session lasts and how long it may idle before " +
    "the user authenticates again.",
  actions: ["RE_AUTH"],
  defaultAction: "RE_AUTH",
  fields: {
    reauth_timeout: field(
      z.number().int().min(600).max(MAX_SECONDS).describe(
        "Seconds before the user must authenticate again (default 172800, two days).",
      ),
      (value: number) => ({ reauthTimeout: String(value) }),
      { createDefault: 172_800 },
    ),
    reauth_idle_timeout: field(
      z.number().int().min(600).max(MAX_SECONDS).describe(
        "Seconds of inactivity before the user must authenticate again (default 600).",
      ),
      (value: number) => ({ reauthIdleTimeout: String(value) }),
      { createDefault: 600 },
    ),
  },
  required: "Required: name; action_type is RE_AUTH, reauth_timeout and " +
    "reauth_idle_timeout default to two days and ten minutes.",
  examples: {
    list: {},
    get: { lookups: { rule_id: lookupRule("zpa_list_timeout_policy_rules") } },
    create: { args: { name: "Contractor Sessions (example)", reauth_timeout: 28_800 } },
    update: {
      args: { reauth_idle_timeout: 1800 },
      lookups: { rule_id: lookupRule("zpa_list_timeout_policy_rules") },
    },
    delete: {
      lookups: {
        rule_id: createdOr(
          "zpa_list_timeout_policy_rules",
          "Contractor Sessions (example)",
          "items[-1].id",
        ),
      },
    },
  },
};

/** The client forwarding policy: which traffic Client Connector sends through ZPA. */
export const FORWARDING_POLICY: PolicyKind = {
  type: "CLIENT_FORWARDING_POLICY",
  noun: "forwarding policy rule",
  tools: {
    list: "zpa_list_forwarding_policy_rules",
    get: "zpa_get_forwarding_policy_rule",
    create: "zpa_create_forwarding_policy_rule",
    update: "zpa_update_forwarding_policy_rule",
    delete: "zpa_delete_forwarding_policy_rule",
  },
  about: "Client forwarding policy decides whether Client Connector sends an application's " +
    "traffic through ZPA (INTERCEPT) or straight to it (BYPASS).",
  actions: ["INTERCEPT", "INTERCEPT_ACCESSIBLE", "BYPASS"],
  required: "Required: name and action_type (INTERCEPT, INTERCEPT_ACCESSIBLE or BYPASS).",
  examples: {
    list: {},
    get: { lookups: { rule_id: lookupRule("zpa_list_forwarding_policy_rules") } },
    create: {
      args: {
        name: "Bypass Finance ERP (example)",
        action_type: "BYPASS",
        conditions: [{
          operands: [{ object_type: "CLIENT_TYPE", values: ["zpn_client_type_zapp"] }],
        }],
      },
    },
    update: {
      args: { description: "Updated by the example" },
      lookups: { rule_id: lookupRule("zpa_list_forwarding_policy_rules") },
    },
    delete: {
      lookups: {
        rule_id: createdOr(
          "zpa_list_forwarding_policy_rules",
          "Bypass Finance ERP (example)",
          "items[-1].id",
        ),
      },
    },
  },
};

/** The isolation policy: which traffic opens in cloud browser isolation. */
export const ISOLATION_POLICY: PolicyKind = {
  type: "ISOLATION_POLICY",
  noun: "isolation policy rule",
  tools: {
    list: "zpa_list_isolation_policy_rules",
    get: "zpa_get_isolation_policy_rule",
    create: "zpa_create_isolation_policy_rule",
    update: "zpa_update_isolation_policy_rule",
    delete: "zpa_delete_isolation_policy_rule",
  },
  about: "Isolation policy decides which browser access sessions run in cloud browser " +
    "isolation.",
  actions: ["ISOLATE", "BYPASS_ISOLATE"],
  fields: {
    zpn_isolation_profile_id: field(
      zpaId("isolation profile").describe(
        "The isolation profile (see get_zpa_isolation_profile); required for ISOLATE.",
      ),
      "zpnIsolationProfileId",
    ),
  },
  check: profileNeeded("ISOLATE", "zpn_isolation_profile_id"),
  required: "Required: name and action_type (ISOLATE or BYPASS_ISOLATE); ISOLATE also " +
    "needs zpn_isolation_profile_id.",
  examples: {
    list: {},
    get: { lookups: { rule_id: lookupRule("zpa_list_isolation_policy_rules") } },
    create: { args: { name: "No Isolation for HR (example)", action_type: "BYPASS_ISOLATE" } },
    update: {
      args: { description: "Updated by the example" },
      lookups: { rule_id: lookupRule("zpa_list_isolation_policy_rules") },
    },
    delete: {
      lookups: {
        rule_id: createdOr(
          "zpa_list_isolation_policy_rules",
          "No Isolation for HR (example)",
          "items[-1].id",
        ),
      },
    },
  },
};

/** The app protection (inspection) policy: which traffic AppProtection inspects. */
export const APP_PROTECTION_POLICY: PolicyKind = {
  type: "INSPECTION_POLICY",
  noun: "app protection policy rule",
  tools: {
    list: "zpa_list_app_protection_rules",
    get: "zpa_get_app_protection_rule",
    create: "zpa_create_app_protection_rule",
    update: "zpa_update_app_protection_rule",
    delete: "zpa_delete_app_protection_rule",
  },
  about: "App protection (inspection) policy decides which application traffic AppProtection " +
    "inspects for web attacks.",
  actions: ["INSPECT", "BYPASS_INSPECT"],
  fields: {
    zpn_inspection_profile_id: field(
      zpaId("AppProtection profile").describe(
        "The AppProtection profile (see get_zpa_app_protection_profile); required for INSPECT.",
      ),
      "zpnInspectionProfileId",
    ),
  },
  check: profileNeeded("INSPECT", "zpn_inspection_profile_id"),
  required: "Required: name and action_type (INSPECT or BYPASS_INSPECT); INSPECT also needs " +
    "zpn_inspection_profile_id.",
  examples: {
    list: {},
    get: { lookups: { rule_id: lookupRule("zpa_list_app_protection_rules") } },
    create: { args: { name: "Skip Wiki Inspection (example)", action_type: "BYPASS_INSPECT" } },
    update: {
      args: { description: "Updated by the example" },
      lookups: { rule_id: lookupRule("zpa_list_app_protection_rules") },
    },
    delete: {
      lookups: {
        rule_id: createdOr(
          "zpa_list_app_protection_rules",
          "Skip Wiki Inspection (example)",
          "items[-1].id",
        ),
      },
    },
  },
};

/** The 25 policy rule tools, by policy type. */
export const POLICY_RULE_TOOLS: readonly ToolSpec[] = [
  ACCESS_POLICY,
  TIMEOUT_POLICY,
  FORWARDING_POLICY,
  ISOLATION_POLICY,
  APP_PROTECTION_POLICY,
].flatMap(policyTools);
