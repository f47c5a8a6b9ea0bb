/**
 * ZPA wire shapes shared by the route handlers: JSON responses with the recorded content type,
 * the `{"id","reason","params"}` errors, strict JSON bodies, list pages (with search) and the
 * numeric rendering of the userconfig (SCIM) endpoints.
 *
 * @module
 */

import { ZPA_CONTENT_TYPE, zpaError } from "./errors.ts";
import {
  isJsonContentType,
  isObject,
  type JsonObject,
  jsonResponse,
  type ServiceRequest,
} from "./http.ts";
import { ZpaWriteError } from "./zpa_common.ts";
import { applyZpaSearch, parseZpaSearch, zpaPage } from "./zpa_query.ts";
import type { ZpaCollectionSpec } from "./zpa_spec.ts";

/** 200 with a JSON body. */
export const ok = (body: unknown): Response => jsonResponse(200, body, ZPA_CONTENT_TYPE);

/** 201 (or the given status) with a JSON body. */
export const created = (body: unknown, status = 201): Response =>
  jsonResponse(status, body, ZPA_CONTENT_TYPE);

/** 405 with an `Allow` header. */
export function methodNotAllowed(method: string, allowed: readonly string[]): Response {
  return zpaError(405, "method.not.allowed", `Method ${method} is not supported here`, [method], {
    allow: allowed.join(", "),
  });
}

/** 404 for a path no route serves. */
export function noRoute(req: ServiceRequest): Response {
  return zpaError(404, "resource.not.found", `No API endpoint ${req.method} ${req.url.pathname}`);
}

/** 400 unless `raw` is a decimal id. */
export function badId(raw: string): Response | undefined {
  return /^\d{1,20}$/.test(raw)
    ? undefined
    : zpaError(400, "bad.request", `Invalid id: ${raw}`, [raw]);
}

/** The request's JSON object body, or the error response (415, 400). */
export function objectBody(req: ServiceRequest): JsonObject | Response {
  if (!isJsonContentType(req.contentType)) {
    return zpaError(415, "unsupported.media.type", "Content-Type must be application/json");
  }
  if (req.body.kind === "invalid") {
    return zpaError(400, "api.payload.invalid", "The request body is not valid JSON");
  }
  if (req.body.kind !== "json" || !isObject(req.body.value)) {
    return zpaError(400, "api.payload.invalid", "The request body must be a JSON object");
  }
  return req.body.value;
}

/** Turns a model refusal into its ZPA error response; rethrows anything else. */
export function writeError(error: unknown): Response {
  if (error instanceof ZpaWriteError) {
    return zpaError(error.status, error.id, error.message, error.params);
  }
  throw error;
}

/** Runs a model write, answering a refusal with its error response. */
export function attempt(write: () => Response): Response {
  try {
    return write();
  } catch (error) {
    return writeError(error);
  }
}

/**
 * Applies `search` (restricted to the row's searchable fields, evaluated on its search view)
 * to `items`; returns the error response for a search on a field the collection does not
 * support.
 */
export function searchItems(
  items: JsonObject[],
  search: string | undefined,
  spec?: ZpaCollectionSpec,
): JsonObject[] | Response {
  if (search === undefined || search === "") return items;
  const parsed = parseZpaSearch(search);
  if (parsed && spec?.searchable !== undefined && !spec.searchable.includes(parsed.field)) {
    return zpaError(400, "bad.request", `Search is not supported on field ${parsed.field}`, [
      parsed.field,
    ]);
  }
  const view = spec?.searchView;
  if (view === undefined) return applyZpaSearch(items, search);
  const views = items.map(view);
  const kept = new Set(applyZpaSearch(views, search));
  return items.filter((_, index) => kept.has(views[index]));
}

/** A searched and paged `{"totalPages","totalCount","list"}` response. */
export function listResponse(
  items: JsonObject[],
  req: ServiceRequest,
  spec?: ZpaCollectionSpec,
): Response {
  const found = searchItems(items, req.query.search, spec);
  if (found instanceof Response) return found;
  const page = zpaPage(found, req.query);
  return page instanceof Response ? page : ok(page);
}

const NUMERIC_FIELDS = ["id", "creationTime", "modifiedTime"];

/** `JSON.rawJSON` (V8, Deno 2) is not in TypeScript's lib yet. */
type RawJson = JSON & { rawJSON(text: string): unknown };

/**
 * The userconfig (SCIM) rendering: ids and times are JSON numbers, and the 18-digit `idpId`
 * is a number too — emitted exactly as recorded (`"idpId":216196257331285825`), which is
 * beyond the precision of a JavaScript number, so clients must not trust a parsed value.
 */
export function numericView(item: JsonObject): JsonObject {
  const out: JsonObject = { ...item };
  for (const field of NUMERIC_FIELDS) {
    if (typeof out[field] === "string" && /^\d{1,15}$/.test(out[field] as string)) {
      out[field] = Number(out[field]);
    }
  }
  if (typeof out.idpId === "string" && /^\d{1,20}$/.test(out.idpId)) {
    out.idpId = (JSON as RawJson).rawJSON(out.idpId);
  }
  return out;
}

/** A userconfig list page: numeric counters and numeric objects. */
export function numericListResponse(
  items: JsonObject[],
  req: ServiceRequest,
  spec?: ZpaCollectionSpec,
): Response {
  const found = searchItems(items, req.query.search, spec);
  if (found instanceof Response) return found;
  const page = zpaPage(found, req.query);
  if (page instanceof Response) return page;
  const body: JsonObject = {
    totalPages: Number(page.totalPages),
    totalCount: Number(page.totalCount),
  };
  if (page.list !== undefined) body.list = page.list.map(numericView);
  return jsonResponse(200, body, "application/json");
}
