/**
 * ZIA writes (API-FACTS §2 "ZIA", §4): POST and PUT answer 200 with the whole object, DELETE 204;
 * PUT replaces the whole object, so updates read, merge and write; every write is saved but not
 * live until the configuration is activated. One resource expands into its create, update and
 * delete tools.
 *
 * @module
 */

import { z } from "zod";
import { createTool, deleteTool, updateTool } from "../builders.ts";
import { type ApiObject, field, type FieldTable } from "../fields.ts";
import { descriptionField, nameField, ziaId } from "../inputs.ts";
import type { ToolContext, ToolSpec } from "../spec.ts";
import { apiPath, getOne } from "./fetch.ts";

/** The note every ZIA write result ends with. */
export const ZIA_NOT_LIVE_NOTE = "This change is saved but not live: ZIA enforces it only after " +
  "zia_activate_configuration is called.";

/** ZIA reference lists (`locations`, `groups`, …) are `[{ id }]`; the API fills in names. */
export function idRefs(apiField: string): (ids: number[]) => ApiObject {
  return (ids) => ({ [apiField]: ids.map((id) => ({ id })) });
}

/** A bounded list of ZIA ids of one kind. */
function idList(what: string, lister: string) {
  return z.array(ziaId(what)).max(1000).describe(
    `ZIA ${what} ids (see ${lister}). Leave out to keep the rule for any ${what}; on update, ` +
      "the list replaces the current one and [] removes the condition.",
  );
}

/**
 * The arguments of a URL filtering or cloud firewall rule: name, description, the rule type's
 * own arguments (`specific`: action, what it matches), then order, rank, state and who or where
 * the rule applies to.
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
    location_ids: field(idList("location", "zia_list_locations"), idRefs("locations")),
    group_ids: field(idList("group", "the groups in get_zia_users"), idRefs("groups")),
    department_ids: field(
      idList("department", "the departments in get_zia_users"),
      idRefs("departments"),
    ),
    user_ids: field(idList("user", "get_zia_users"), idRefs("users")),
  };
}

async function send(
  ctx: ToolContext,
  method: "POST" | "PUT" | "DELETE",
  path: string,
  body?: ApiObject,
): Promise<unknown> {
  const response = await ctx.client.request({
    method,
    path,
    body,
    service: "zia",
    signal: ctx.signal,
  });
  return response.data;
}

/** One writable ZIA collection. */
export interface ZiaWritable<Id extends z.ZodType<string | number>> {
  /** The collection in the API path, e.g. `urlFilteringRules`. */
  collection: string;
  toolset: string;
  /** The tool name suffix: `zia_create_<suffix>`, e.g. `url_filtering_rule`. */
  suffix: string;
  /** Singular noun, e.g. "URL filtering rule". */
  noun: string;
  idArg: string;
  id: Id;
  fields: FieldTable;
  /** What create needs and does, for its description (after "Creates a ZIA <noun>."). */
  createDetail: string;
  /** More on update, for its description. */
  updateDetail?: string;
  /** What deleting one means, for its description. */
  deleteDetail: string;
  /** Fields every create body carries. */
  fixed?: ApiObject;
  /** The display name field; default `name`. */
  nameField?: string;
  /** Why an object may not be changed or deleted by these tools, or undefined. */
  refuse?(record: ApiObject): string | undefined;
}

/** Expands a ZIA collection into `[create, update, delete]`. */
export function ziaWriteTools<Id extends z.ZodType<string | number>>(
  r: ZiaWritable<Id>,
): [ToolSpec, ToolSpec, ToolSpec] {
  const base = `/zia/api/v1/${r.collection}`;
  const one = (id: string | number) => apiPath`/zia/api/v1/${r.collection}/${id}`;
  const common = { service: "zia" as const, toolset: r.toolset, note: ZIA_NOT_LIVE_NOTE };
  const activation = "ZIA saves the change but enforces it only after " +
    "zia_activate_configuration is called.";
  const sentences = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(" ");
  return [
    createTool({
      ...common,
      name: `zia_create_${r.suffix}`,
      title: `Create a ZIA ${r.noun}`,
      description: sentences(`Creates a ZIA ${r.noun}.`, r.createDetail, activation),
      request: `POST ${base}`,
      fields: r.fields,
      fixed: r.fixed,
      create: (body, ctx) => send(ctx, "POST", apiPath`/zia/api/v1/${r.collection}`, body),
    }),
    updateTool({
      ...common,
      name: `zia_update_${r.suffix}`,
      title: `Update a ZIA ${r.noun}`,
      description: sentences(
        `Changes a ZIA ${r.noun}: give ${r.idArg} and only the fields to change; every other ` +
          "field keeps its current value.",
        r.updateDetail,
        activation,
      ),
      request: `GET ${base}/{id}, then PUT ${base}/{id}`,
      idArg: r.idArg,
      id: r.id,
      fields: r.fields,
      get: (id, ctx) => getOne(ctx, one(id)),
      refuse: r.refuse,
      put: (id, merged, ctx) => send(ctx, "PUT", one(id), merged),
    }),
    deleteTool({
      ...common,
      name: `zia_delete_${r.suffix}`,
      title: `Delete a ZIA ${r.noun}`,
      description: sentences(
        `Deletes a ZIA ${r.noun} by ${r.idArg}.`,
        r.deleteDetail,
        "A human must approve the call before it runs.",
        activation,
      ),
      request: `DELETE ${base}/{id}`,
      idArg: r.idArg,
      id: r.id,
      resourceType: `ZIA ${r.noun}`,
      get: (id, ctx) => getOne(ctx, one(id)),
      nameOf: (record) => record[r.nameField ?? "name"],
      refuse: r.refuse,
      remove: async (id, ctx) => {
        await send(ctx, "DELETE", one(id));
      },
    }),
  ];
}
