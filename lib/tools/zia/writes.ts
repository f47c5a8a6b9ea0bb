/**
 * Write arguments shared by ZIA resources: reference lists (`[{ id }]`), string lists, and the
 * arguments every ZIA policy rule has (name, order, rank, state and who or where it applies to).
 *
 * @module
 */

import { z } from "zod";
import { type ApiObject, field, type FieldTable, type WriteField } from "../fields.ts";
import { descriptionField, nameField, ziaId } from "../inputs.ts";

export { ZIA_NOT_LIVE_NOTE } from "./resource.ts";

/** ZIA reference lists (`locations`, `groups`, …) are `[{ id }]`; the API fills in names. */
export function idRefs(apiField: string): (ids: number[]) => ApiObject {
  return (ids) => ({ [apiField]: ids.map((id) => ({ id })) });
}

/** A bounded list of ZIA ids of one kind, sent as `[{ id }]` under `apiField`. */
export function idListField(what: string, lister: string, apiField: string): WriteField {
  return field(
    z.array(ziaId(what)).max(1000).describe(
      `ZIA ${what} ids (see ${lister}). Leave out to keep the rule for any ${what}; on update, ` +
        "the list replaces the current one and [] removes the condition.",
    ),
    idRefs(apiField),
  );
}

/** An upper-case ZIA enumeration value (`HTTPS_RULE`, `COUNTRY_US`) whose set is open-ended. */
export function enumLike(what: string): z.ZodString {
  return z.string().regex(/^[A-Z][A-Z0-9_]{0,79}$/, `must be a ZIA ${what} (upper case, _)`);
}

/** A list of upper-case ZIA enumeration values, copied to `apiField`. */
export function enumListField(what: string, description: string, apiField: string): WriteField {
  return field(z.array(enumLike(what)).max(1000).describe(description), apiField);
}

/** An IP address, CIDR block or range (`192.168.100.0/24`, `3.217.228.0-3.217.231.255`). */
export const ipEntry = z.string().regex(
  /^[0-9A-Fa-f.:/-]{2,100}$/,
  "must be an IP address, CIDR or range",
);

/** An IP address (v4 or v6). */
export const ipAddress = z.string().regex(/^[0-9A-Fa-f.:]{2,45}$/, "must be an IP address");

/** A URL or domain as ZIA list entries take them (printable ASCII, no spaces). */
export const urlEntry = z.string().regex(
  /^[!-~]{1,1024}$/,
  "must be a URL or domain (printable ASCII, no spaces)",
);

/** What a create tool over {@link ruleFields} requires and defaults, for its description. */
export const RULE_CREATE_DETAIL = "Required: name and action; rank defaults to 7; order places " +
  "it (1 is evaluated first).";

/**
 * The arguments of a ZIA policy rule: name, description, the rule type's own arguments
 * (`specific`: action, what it matches), then order, rank, state and who or where the rule
 * applies to.
 */
export function ruleFields(noun: string, specific: FieldTable): FieldTable {
  return {
    name: field(nameField(noun), "name", { required: true }),
    description: field(descriptionField(noun), "description"),
    ...specific,
    order: field(
      z.number().int().min(1).max(100_000).describe(
        "Position in the policy: rules are evaluated in ascending order, 1 first.",
      ),
      "order",
    ),
    rank: field(
      z.number().int().min(0).max(7).describe(
        "Admin rank, 0 (highest) to 7 (lowest); it must be 7 when admin ranking is off.",
      ),
      "rank",
      { createDefault: 7 },
    ),
    state: field(
      z.enum(["ENABLED", "DISABLED"]).describe("Whether the rule is enforced."),
      "state",
    ),
    location_ids: idListField("location", "zia_list_locations", "locations"),
    location_group_ids: idListField(
      "location group",
      "zia_list_location_groups",
      "locationGroups",
    ),
    group_ids: idListField("group", "get_zia_user_groups", "groups"),
    department_ids: idListField("department", "get_zia_user_departments", "departments"),
    user_ids: idListField("user", "get_zia_users", "users"),
    time_window_ids: idListField("time interval", "zia_list_time_intervals", "timeWindows"),
    label_ids: idListField("rule label", "zia_list_rule_labels", "labels"),
  };
}
