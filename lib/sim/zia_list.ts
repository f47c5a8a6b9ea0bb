/**
 * List responses of the simulated ZIA collections: the documented filters of each catalog row,
 * paging (`page` 1-based with `pageSize`, or the shadow-IT `pageNumber` 0-based with `limit`),
 * and the `/lite` and response-view projections.
 *
 * @module
 */

import type { JsonObject } from "./http.ts";
import { badRequest, positiveInt } from "./zia_http.ts";
import type { ZiaCollectionSpec, ZiaLookup, ZiaPaging } from "./zia_spec.ts";

/** Applies the row's filters (those whose parameter is present) and its transform. */
export function filterList(
  spec: ZiaCollectionSpec,
  items: JsonObject[],
  query: Record<string, string>,
  lookup: ZiaLookup,
): JsonObject[] {
  let out = items;
  for (const [param, test] of Object.entries(spec.filters ?? {})) {
    const value = query[param];
    if (value !== undefined) out = out.filter((item) => test(item, value, lookup));
  }
  return spec.transform ? spec.transform(out, query) : out;
}

/** Cuts one page with the row's default and maximum size; a 400 for bad parameters. */
export function paginate(
  items: JsonObject[],
  query: Record<string, string>,
  paging: ZiaPaging | undefined,
): JsonObject[] | Response {
  if (paging === undefined) return items;
  const zeroBased = paging.style === "pageNumber";
  const pageParam = zeroBased ? "pageNumber" : "page";
  const sizeParam = zeroBased ? "limit" : "pageSize";
  const page = positiveInt(query[pageParam], pageParam, zeroBased ? 0 : 1);
  if (page instanceof Response) return page;
  const size = positiveInt(query[sizeParam], sizeParam);
  if (size instanceof Response) return size;
  if (size !== undefined && size > paging.maxSize) {
    return badRequest(`${sizeParam} must not exceed ${paging.maxSize}`);
  }
  const pageSize = size ?? paging.defaultSize;
  const index = zeroBased ? (page ?? 0) : (page ?? 1) - 1;
  const start = index * pageSize;
  return items.slice(start, start + pageSize);
}

function pick(item: JsonObject, fields: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const field of fields) if (item[field] !== undefined) out[field] = item[field];
  return out;
}

/** The `/lite` form of an object (the row must have `lite`). */
export function liteOf(spec: ZiaCollectionSpec, item: JsonObject): JsonObject {
  const lite = spec.lite;
  if (lite === undefined) return item;
  return typeof lite === "function" ? lite(item) : pick(item, lite);
}

/** The object as list and get responses show it (`view`, `hideId`). */
export function viewOf(spec: ZiaCollectionSpec, item: JsonObject): JsonObject {
  let out = spec.view ? pick(item, spec.view) : item;
  if (spec.hideId) {
    const { id: _id, ...rest } = out;
    out = rest;
  }
  return out;
}
