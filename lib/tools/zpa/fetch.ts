/**
 * ZPA reads and writes (API-FACTS §2 "ZPA"): paged lists (`page`/`pagesize` ≤ 500, envelope
 * `{totalPages, totalCount, list}`), the `search` filter, single records, and writes (POST 201
 * with the object, PUT and DELETE 204 with no body).
 *
 * @module
 */

import {
  collectPages,
  paginateZpa,
  type QueryParams,
  ZscalerPaginationError,
} from "../../zscaler/mod.ts";
import type { ToolContext } from "../spec.ts";

/** ZPA's own page size bound. */
export const ZPA_MAX_PAGE_SIZE = 500;

/**
 * The `search` value for "name equals `text`": `name+EQ+<text>` with literal plus signs. This is
 * the grammar ZPA documents (`field OP value`) in the form both Zscaler SDKs send and the recorded
 * traffic shows (`search=name%2BEQ%2BConnector`, API-FACTS §2 "Query parameters").
 */
export function nameEquals(text: string): string {
  return `name+EQ+${text.trim()}`;
}

/** Options of {@link listRecords}. */
export interface ListOptions {
  /** Query parameters besides paging (`search`, `applicationType`, …). */
  query?: QueryParams;
  /**
   * Keeps only the records it accepts (a client-side filter, e.g. BA segments among all
   * segments); paging goes on until `limit` records were kept or the list ends.
   */
  filter?: (record: unknown) => boolean;
}

async function* filtered(
  pages: AsyncIterable<unknown[]>,
  keep: (record: unknown) => boolean,
  limit: number,
): AsyncGenerator<unknown[], void, undefined> {
  let left = limit;
  for await (const page of pages) {
    const kept = page.filter(keep).slice(0, left);
    left -= kept.length;
    yield kept;
    if (left <= 0) return;
  }
}

/**
 * Reads a paged ZPA list up to `limit` records, reporting progress per page to a client that asked
 * for it.
 */
export function listRecords(
  ctx: ToolContext,
  path: string,
  limit: number,
  options: ListOptions = {},
): Promise<unknown[]> {
  const pages = paginateZpa(ctx.client, path, {
    query: options.query,
    // A filtered list cannot know how many records it must read: full pages.
    pageSize: options.filter ? ZPA_MAX_PAGE_SIZE : Math.min(limit, ZPA_MAX_PAGE_SIZE),
    maxResults: options.filter ? undefined : limit,
    signal: ctx.signal,
    service: "zpa",
  });
  return collectPages(
    options.filter ? filtered(pages, options.filter, limit) : pages,
    (fetched) => ctx.progress?.(fetched, `${fetched} records fetched`),
  );
}

/** GETs one endpoint and returns its JSON body. */
export async function getJson(
  ctx: ToolContext,
  path: string,
  query?: QueryParams,
): Promise<unknown> {
  const response = await ctx.client.request({
    method: "GET",
    path,
    query,
    service: "zpa",
    signal: ctx.signal,
  });
  return response.data;
}

/**
 * The records of an endpoint that answers with either a bare array or a ZPA list envelope (the
 * isolation API answers with an array).
 *
 * @throws {ZscalerPaginationError} for any other shape.
 */
export function recordsOf(data: unknown, path: string): unknown[] {
  if (data === undefined || data === null) return [];
  if (Array.isArray(data)) return data;
  if (typeof data === "object") {
    const list = (data as Record<string, unknown>).list;
    if (list === undefined || list === null) return [];
    if (Array.isArray(list)) return list;
  }
  throw new ZscalerPaginationError(
    `Listing ${path} returned an unexpected shape: expected an array or a ZPA list`,
    { path, method: "GET", service: "zpa" },
  );
}

/** Sends a write and returns the response body (undefined for 204). */
export async function send(
  ctx: ToolContext,
  method: "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
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
