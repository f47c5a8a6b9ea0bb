/** Shared ZPA reads under `/zpa/mgmtconfig/v1/admin/customers/{customerId}`. */

import { apiPath, collectPages, paginateZpa } from "../../zscaler/mod.ts";
import type { ToolContext } from "../spec.ts";

/** ZPA's own page size bound. */
export const ZPA_MAX_PAGE_SIZE = 500;

/** The v1 management path of a collection (and optionally one record). */
export function mgmtPath(ctx: ToolContext, collection: string, id?: string): string {
  return id === undefined
    ? apiPath`/zpa/mgmtconfig/v1/admin/customers/${ctx.customerId}/${collection}`
    : apiPath`/zpa/mgmtconfig/v1/admin/customers/${ctx.customerId}/${collection}/${id}`;
}

/** Reads a paged ZPA collection up to `limit` records; `search` uses ZPA's `name LIKE` filter. */
export function listCollection(
  ctx: ToolContext,
  collection: string,
  limit: number,
  search?: string,
): Promise<unknown[]> {
  return collectPages(
    paginateZpa(ctx.client, mgmtPath(ctx, collection), {
      query: { search: search === undefined ? undefined : `name LIKE ${search}` },
      pageSize: Math.min(limit, ZPA_MAX_PAGE_SIZE),
      maxResults: limit,
      signal: ctx.signal,
    }),
    (fetched) => ctx.progress?.(fetched, `${fetched} records fetched`),
  );
}

/** GETs one record of a collection. */
export async function getRecord(
  ctx: ToolContext,
  collection: string,
  id: string,
): Promise<unknown> {
  const response = await ctx.client.request({
    method: "GET",
    path: mgmtPath(ctx, collection, id),
    service: "zpa",
    signal: ctx.signal,
  });
  return response.data;
}
