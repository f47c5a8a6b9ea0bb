/**
 * ZIA requests shared by every ZIA tool (API-FACTS §2 "ZIA", §3): paths under `/zia/api/v1`
 * built from a trusted collection path plus encoded ids, whole collections (one bare array),
 * paged collections (`page`/`pageSize`), single records and writes.
 *
 * @module
 */

import {
  assertSafePath,
  collectPages,
  encodePathValue,
  paginateZia,
  type QueryParams,
} from "../../zscaler/mod.ts";
import type { ToolContext } from "../spec.ts";

/** The ZIA API base path on the gateway. */
export const ZIA_BASE = "/zia/api/v1";

/** Query parameters of a ZIA request (undefined values are left out, arrays repeat the key). */
export type ZiaQuery = QueryParams;

/**
 * The full path of a ZIA endpoint: `tail` is a trusted path from a spec (`/locations/groups`),
 * checked once; `ids` are caller values appended as encoded segments.
 */
export function ziaPath(tail: string, ...ids: (string | number)[]): string {
  const path = ZIA_BASE + tail + ids.map((id) => `/${encodePathValue(id, "id")}`).join("");
  assertSafePath(path);
  return path;
}

/** GETs an endpoint that returns the whole collection as one bare array. */
export async function getAll(
  ctx: ToolContext,
  path: string,
  query?: ZiaQuery,
): Promise<unknown[]> {
  const response = await ctx.client.request<unknown[]>({
    method: "GET",
    path,
    query: query,
    service: "zia",
    signal: ctx.signal,
  });
  const items = Array.isArray(response.data) ? response.data : [];
  ctx.progress?.(items.length, `${items.length} records fetched`);
  return items;
}

/** Reads a paged ZIA collection (`page`/`pageSize`) up to `limit` records. */
export function getPaged(
  ctx: ToolContext,
  path: string,
  limit: number,
  options: { pageSize: number; query?: ZiaQuery },
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

/** GETs one record (or one settings object). */
export async function getOne(ctx: ToolContext, path: string, query?: ZiaQuery): Promise<unknown> {
  const response = await ctx.client.request({
    method: "GET",
    path,
    query: query,
    service: "zia",
    signal: ctx.signal,
  });
  return response.data;
}

/** Sends a write and returns the response body (ZIA answers POST/PUT with the object). */
export async function send(
  ctx: ToolContext,
  method: "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
  query?: ZiaQuery,
): Promise<unknown> {
  const response = await ctx.client.request({
    method,
    path,
    body,
    query: query,
    service: "zia",
    signal: ctx.signal,
  });
  return response.data;
}
