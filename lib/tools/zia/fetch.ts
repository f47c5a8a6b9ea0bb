/** Shared ZIA reads: whole collections and paged collections. */

import { apiPath, collectPages, paginateZia } from "../../zscaler/mod.ts";
import type { ToolContext } from "../spec.ts";

/** GETs an endpoint that returns the whole collection as one bare array. */
export async function getAll(
  ctx: ToolContext,
  path: string,
  query?: Record<string, string | number | boolean | undefined>,
): Promise<unknown[]> {
  const response = await ctx.client.request<unknown[]>({
    method: "GET",
    path,
    query,
    service: "zia",
    signal: ctx.signal,
  });
  return Array.isArray(response.data) ? response.data : [];
}

/** Reads a paged ZIA collection (`page`/`pageSize`) up to `limit` records. */
export function getPaged(
  ctx: ToolContext,
  path: string,
  limit: number,
  options: { pageSize: number; query?: Record<string, string | number | boolean | undefined> },
): Promise<unknown[]> {
  return collectPages(
    paginateZia(ctx.client, path, {
      query: options.query,
      pageSize: options.pageSize,
      maxResults: limit,
      signal: ctx.signal,
    }),
    (fetched) => ctx.progress?.(fetched, `${fetched} records fetched`),
  );
}

/** GETs one record. */
export async function getOne(ctx: ToolContext, path: string): Promise<unknown> {
  const response = await ctx.client.request({
    method: "GET",
    path,
    service: "zia",
    signal: ctx.signal,
  });
  return response.data;
}

export { apiPath };
