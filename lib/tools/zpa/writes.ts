/**
 * ZPA writes (API-FACTS §2 "ZPA"): POST answers 201 with the object, PUT and DELETE answer 204
 * with no body. PUT replaces the whole object, so updates read, merge, write and read again. One
 * resource expands into its create, update and delete tools.
 *
 * @module
 */

import { apiPath } from "../../zscaler/mod.ts";
import { createTool, deleteTool, updateTool } from "../builders.ts";
import type { ApiObject, FieldTable } from "../fields.ts";
import { zpaId } from "../inputs.ts";
import type { ToolContext, ToolSpec } from "../spec.ts";
import { getRecord, mgmtPath } from "./fetch.ts";

/** ZPA reference lists (`serverGroups`, …) are `[{ id }]` with string ids. */
export function idRefs(apiField: string): (ids: string[]) => ApiObject {
  return (ids) => ({ [apiField]: ids.map((id) => ({ id })) });
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
    service: "zpa",
    signal: ctx.signal,
  });
  return response.data;
}

/** One writable ZPA collection under `/zpa/mgmtconfig/v1/admin/customers/{customerId}`. */
export interface ZpaWritable {
  /** The collection in the API path, e.g. `application`. */
  collection: string;
  toolset: string;
  /** The tool name suffix: `zpa_create_<suffix>`, e.g. `application_segment`. */
  suffix: string;
  /** Singular noun, e.g. "application segment". */
  noun: string;
  /** Name of the id argument, as the read tools name it. */
  idArg: string;
  fields: FieldTable;
  /** A rule across create arguments: the problem, or undefined. */
  check?(args: ApiObject): string | undefined;
  /** The API version of the PUT path: segment groups update through v2 (API-FACTS §2). */
  updateVersion?: "v1" | "v2";
  /** What create needs and does, for its description (after "Creates a ZPA <noun>."). */
  createDetail: string;
  /** More on update, for its description. */
  updateDetail?: string;
  /** What deleting one needs or means, for its description. */
  deleteDetail: string;
}

const LIVE = "ZPA applies it at once (there is no activation step).";

/** Expands a ZPA collection into `[create, update, delete]`. */
export function zpaWriteTools(r: ZpaWritable): [ToolSpec, ToolSpec, ToolSpec] {
  const base = `/zpa/mgmtconfig/v1/admin/customers/{customerId}/${r.collection}`;
  const version = r.updateVersion ?? "v1";
  const putBase = `/zpa/mgmtconfig/${version}/admin/customers/{customerId}/${r.collection}`;
  const putPath = (ctx: ToolContext, id: string) =>
    version === "v2"
      ? apiPath`/zpa/mgmtconfig/v2/admin/customers/${ctx.customerId}/${r.collection}/${id}`
      : mgmtPath(ctx, r.collection, id);
  const id = zpaId(r.noun);
  const common = { service: "zpa" as const, toolset: r.toolset };
  const sentences = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(" ");
  return [
    createTool({
      ...common,
      name: `zpa_create_${r.suffix}`,
      title: `Create a ZPA ${r.noun}`,
      description: sentences(`Creates a ZPA ${r.noun}.`, r.createDetail, LIVE),
      request: `POST ${base}`,
      fields: r.fields,
      check: r.check,
      create: (body, ctx) => send(ctx, "POST", mgmtPath(ctx, r.collection), body),
    }),
    updateTool({
      ...common,
      name: `zpa_update_${r.suffix}`,
      title: `Update a ZPA ${r.noun}`,
      description: sentences(
        `Changes a ZPA ${r.noun}: give ${r.idArg} and only the fields to change; every other ` +
          "field keeps its current value. Returns the object as it is afterwards.",
        r.updateDetail,
        LIVE,
      ),
      request: `GET ${base}/{id}, PUT ${putBase}/{id}, then GET ${base}/{id}`,
      idArg: r.idArg,
      id,
      fields: r.fields,
      get: (id, ctx) => getRecord(ctx, r.collection, id),
      async put(id, merged, ctx) {
        await send(ctx, "PUT", putPath(ctx, id), merged);
        return getRecord(ctx, r.collection, id);
      },
    }),
    deleteTool({
      ...common,
      name: `zpa_delete_${r.suffix}`,
      title: `Delete a ZPA ${r.noun}`,
      description: sentences(
        `Deletes a ZPA ${r.noun} by ${r.idArg}.`,
        r.deleteDetail,
        "A human must approve the call before it runs.",
        LIVE,
      ),
      request: `DELETE ${base}/{id}`,
      idArg: r.idArg,
      id,
      resourceType: `ZPA ${r.noun}`,
      get: (id, ctx) => getRecord(ctx, r.collection, id),
      remove: async (id, ctx) => {
        await send(ctx, "DELETE", mgmtPath(ctx, r.collection, id));
      },
    }),
  ];
}
