/**
 * ZPA policy rule conditions (API-FACTS §2 "Policies"). Agents give them in the v2 request form
 * the create and update endpoints take — conditions of operands, each operand an object type with
 * `values` (ids) or, for identity and posture types, `entry_values` of `{lhs, rhs}` — and reads
 * return them in the v1 form (`{objectType, lhs, rhs}` per value), which updates convert back.
 *
 * @module
 */

import { z } from "zod";
import type { ApiObject } from "../fields.ts";

/** Operand object types (Python SDK `policies.py`). */
export const OBJECT_TYPES = [
  "APP",
  "APP_GROUP",
  "BRANCH_CONNECTOR_GROUP",
  "CHROME_ENTERPRISE",
  "CHROME_POSTURE_PROFILE",
  "CLIENT_TYPE",
  "CONSOLE",
  "COUNTRY_CODE",
  "EDGE_CONNECTOR_GROUP",
  "IDP",
  "LOCATION",
  "MACHINE_GRP",
  "PLATFORM",
  "POSTURE",
  "RISK_FACTOR_TYPE",
  "SAML",
  "SCIM",
  "SCIM_GROUP",
  "TRUSTED_NETWORK",
  "USER_PORTAL",
] as const;

/** One operand object type. */
export type ObjectType = typeof OBJECT_TYPES[number];

/** Object types whose operands carry `entryValues: [{lhs, rhs}]` (API-FACTS). */
export const ENTRY_VALUE_TYPES: ReadonlySet<string> = new Set([
  "SAML",
  "SCIM",
  "SCIM_GROUP",
  "POSTURE",
  "TRUSTED_NETWORK",
  "COUNTRY_CODE",
  "PLATFORM",
  "RISK_FACTOR_TYPE",
  "CHROME_ENTERPRISE",
]);

/** Object types whose values are ZPA object ids (strings of digits). */
const ID_VALUE_TYPES: ReadonlySet<string> = new Set([
  "APP",
  "APP_GROUP",
  "IDP",
  "MACHINE_GRP",
  "LOCATION",
  "EDGE_CONNECTOR_GROUP",
  "BRANCH_CONNECTOR_GROUP",
  "CHROME_POSTURE_PROFILE",
]);

const text = z.string().min(1).max(512);

const operand = z.strictObject({
  object_type: z.enum(OBJECT_TYPES).describe(
    "What the operand matches: APP / APP_GROUP (segment / segment group ids), CLIENT_TYPE " +
      "(e.g. zpn_client_type_zapp), SCIM_GROUP, SCIM, SAML, POSTURE, TRUSTED_NETWORK, " +
      "COUNTRY_CODE, PLATFORM, RISK_FACTOR_TYPE, CHROME_ENTERPRISE (these take entry_values), " +
      "IDP, MACHINE_GRP, LOCATION, …",
  ),
  values: z.array(text).min(1).max(1000).optional().describe(
    "The values, for object types without entry_values: ids for APP, APP_GROUP, IDP, " +
      "MACHINE_GRP, LOCATION; names such as zpn_client_type_zapp for CLIENT_TYPE.",
  ),
  entry_values: z.array(z.strictObject({
    lhs: text.describe(
      "Left side: the IdP id (SCIM_GROUP), attribute id (SAML, SCIM), " +
        "posture UDID (POSTURE), network id (TRUSTED_NETWORK), or the platform/country code.",
    ),
    rhs: text.describe('Right side: the group id, attribute value, or "true"/"false".'),
  })).min(1).max(1000).optional().describe(
    "{lhs, rhs} pairs, for SAML, SCIM, SCIM_GROUP, POSTURE, TRUSTED_NETWORK, COUNTRY_CODE, " +
      "PLATFORM, RISK_FACTOR_TYPE and CHROME_ENTERPRISE.",
  ),
}).superRefine((value, issues) => {
  const entries = ENTRY_VALUE_TYPES.has(value.object_type);
  if (entries && (value.entry_values === undefined || value.values !== undefined)) {
    issues.addIssue({
      code: "custom",
      message: `${value.object_type} operands take entry_values, not values`,
      path: ["entry_values"],
    });
  }
  if (!entries && (value.values === undefined || value.entry_values !== undefined)) {
    issues.addIssue({
      code: "custom",
      message: `${value.object_type} operands take values, not entry_values`,
      path: ["values"],
    });
  }
  if (ID_VALUE_TYPES.has(value.object_type)) {
    (value.values ?? []).forEach((item, index) => {
      if (!/^\d{1,25}$/.test(item)) {
        issues.addIssue({
          code: "custom",
          message: `${value.object_type} values must be ZPA ids (digits only)`,
          path: ["values", index],
        });
      }
    });
  }
});

/** The `conditions` argument of policy rule writes. */
export const conditionsSchema = z.array(z.strictObject({
  operator: z.enum(["AND", "OR"]).optional().describe(
    "How the operands of this condition combine (default OR).",
  ),
  negated: z.boolean().optional().describe("Match when the condition does NOT hold."),
  operands: z.array(operand).min(1).max(100).describe("The operands."),
})).max(50).describe(
  "Who and what the rule applies to; every condition must hold (the rule's operator is AND). " +
    'E.g. [{"operands":[{"object_type":"APP","values":["<segment id>"]}]}, ' +
    '{"operands":[{"object_type":"SCIM_GROUP","entry_values":[{"lhs":"<IdP id>",' +
    '"rhs":"<SCIM group id>"}]}]}]. On update the list replaces the current one.',
);

/** One condition as agents give it. */
export type ConditionInput = z.output<typeof conditionsSchema>[number];

/** The v2 request body of the conditions. */
export function toV2Conditions(conditions: ConditionInput[]): ApiObject[] {
  return conditions.map((condition) => ({
    operator: condition.operator ?? "OR",
    ...(condition.negated === undefined ? {} : { negated: condition.negated }),
    operands: condition.operands.map((o) =>
      o.entry_values === undefined
        ? { objectType: o.object_type, values: o.values }
        : { objectType: o.object_type, entryValues: o.entry_values }
    ),
  }));
}

function isObject(value: unknown): value is ApiObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Conditions as a rule read returns them (v1: one `{objectType, lhs, rhs}` operand per value)
 * turned into the v2 request form, operands of the same object type grouped: what an update
 * sends back when it does not change them.
 */
export function v1ToV2Conditions(conditions: unknown): ApiObject[] {
  if (!Array.isArray(conditions)) return [];
  return conditions.filter(isObject).map((condition) => {
    const grouped = new Map<string, ApiObject>();
    for (const operand of Array.isArray(condition.operands) ? condition.operands : []) {
      if (!isObject(operand) || typeof operand.objectType !== "string") continue;
      const type = operand.objectType;
      const entries = ENTRY_VALUE_TYPES.has(type);
      const group = grouped.get(type) ??
        (entries ? { objectType: type, entryValues: [] } : { objectType: type, values: [] });
      grouped.set(type, group);
      if (entries) {
        (group.entryValues as ApiObject[]).push({ lhs: operand.lhs, rhs: operand.rhs });
      } else {
        (group.values as unknown[]).push(operand.rhs);
      }
    }
    return {
      operator: condition.operator === "AND" ? "AND" : "OR",
      ...(typeof condition.negated === "boolean" ? { negated: condition.negated } : {}),
      operands: [...grouped.values()],
    };
  }).filter((condition) => (condition.operands as unknown[]).length > 0);
}

/** `[{id, name, …}]` reference lists as the `[{id}]` a write sends. */
export function idsOnly(value: unknown): ApiObject[] {
  return Array.isArray(value)
    ? value.filter(isObject).filter((entry) => entry.id !== undefined).map((entry) => ({
      id: String(entry.id),
    }))
    : [];
}
