/**
 * The simulated ZIA API under `/zia/api/v1` (API-FACTS §2 "ZIA", §3, §4): bare JSON arrays,
 * `page`/`pageSize` where documented, POST/PUT 200 with the object, DELETE 204, activation,
 * `POST /urlLookup`, `{"code","message"}` errors. Collections come from the catalog
 * (`zia_catalog.ts`), the other endpoints from `zia_special.ts`.
 *
 * @module
 */

import { ziaError, ziaInvalidBody } from "./errors.ts";
import { emptyResponse, type JsonObject, type ServiceRequest } from "./http.ts";
import { URL_CLASSIFICATION_DB } from "./seed.ts";
import type { SimId } from "./store.ts";
import { collectionPath, ZIA_COLLECTIONS } from "./zia_catalog.ts";
import {
  badRequest,
  guarded,
  jsonTypeError,
  methodNotAllowed,
  notFoundRoute,
  objectBody,
  ok,
} from "./zia_http.ts";
import { filterList, liteOf, paginate, viewOf } from "./zia_list.ts";
import type { ZiaModel } from "./zia_model.ts";
import { handleZiaSpecial } from "./zia_special.ts";
import { ZIA_COLLECTION_NAMES, type ZiaCollectionName } from "./zia_spec.ts";

/** Base path of the ZIA API on the gateway. */
export const ZIA_BASE = "/zia/api/v1";
/** Most URLs `POST /urlLookup` accepts at once. */
export const URL_LOOKUP_MAX = 100;

/** Collection paths as segments, longest first (so `locations/groups` wins over `locations`). */
const COLLECTION_ROUTES: readonly { name: ZiaCollectionName; path: string[] }[] = [
  ...ZIA_COLLECTION_NAMES,
]
  .map((name) => ({ name, path: collectionPath(name).split("/") }))
  .sort((a, b) => b.path.length - a.path.length);

/** Parses a path id: integers, or names for string-id collections. */
function parseId(name: ZiaCollectionName, raw: string): SimId | Response {
  if (ZIA_COLLECTIONS[name].idType === "string") {
    return /^[A-Za-z0-9_.-]{1,128}$/.test(raw) ? raw : badRequest(`Invalid id: ${raw}`);
  }
  if (!/^-?\d{1,16}$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    return badRequest(`Invalid id: ${raw}`);
  }
  return Number(raw);
}

/** Where a request lands in a collection. */
interface CollectionTarget {
  name: ZiaCollectionName;
  /** Segments after the collection path (and scope). */
  rest: string[];
  /** The scope segment's value, for scoped collections. */
  scope?: string;
}

function resolveCollection(segments: string[]): CollectionTarget | Response | undefined {
  for (const { name, path } of COLLECTION_ROUTES) {
    if (segments.length < path.length || path.some((part, i) => segments[i] !== part)) continue;
    const spec = ZIA_COLLECTIONS[name];
    const rest = segments.slice(path.length);
    if (spec.scope === undefined) return { name, rest };
    const [value, ...after] = rest;
    if (value === undefined) return undefined;
    if (!spec.scope.values.includes(value)) return badRequest(`Invalid rule type: ${value}`);
    return { name, rest: after, scope: value };
  }
  return undefined;
}

/** A filtered, paged list of the target's objects, each shown by `project`. */
function listOf(
  model: ZiaModel,
  req: ServiceRequest,
  target: CollectionTarget,
  project: (item: JsonObject) => JsonObject,
): Response {
  const spec = ZIA_COLLECTIONS[target.name];
  let items = model.collection(target.name);
  if (spec.scope && target.scope !== undefined) {
    items = items.filter((i) => i[spec.scope!.field] === target.scope);
  }
  const filtered = filterList(spec, items, req.query, { all: (n) => model.collection(n) });
  const page = paginate(filtered, req.query, spec.paging);
  return page instanceof Response ? page : ok(page.map(project));
}

function itemOf(
  model: ZiaModel,
  target: CollectionTarget,
  id: SimId,
): JsonObject | Response {
  const spec = ZIA_COLLECTIONS[target.name];
  const item = model.get(target.name, id);
  if (
    item === undefined ||
    (spec.scope && target.scope !== undefined && item[spec.scope.field] !== target.scope)
  ) {
    return ziaError(404, "RESOURCE_NOT_FOUND", `${target.name} with id ${id} not found`);
  }
  return item;
}

function handleList(model: ZiaModel, req: ServiceRequest, target: CollectionTarget): Response {
  const spec = ZIA_COLLECTIONS[target.name];
  if (req.method === "GET") return listOf(model, req, target, (item) => viewOf(spec, item));
  if (req.method === "POST" && spec.ops.create) {
    const body = objectBody(req);
    if (body instanceof Response) return body;
    const forced = spec.scope && target.scope !== undefined
      ? { [spec.scope.field]: target.scope }
      : {};
    return guarded(() => ok(viewOf(spec, model.create(target.name, body, req.clientId, forced))));
  }
  return methodNotAllowed(req.method, spec.ops.create ? ["GET", "POST"] : ["GET"]);
}

function handleLite(model: ZiaModel, req: ServiceRequest, target: CollectionTarget): Response {
  const spec = ZIA_COLLECTIONS[target.name];
  if (req.method !== "GET") return methodNotAllowed(req.method, ["GET"]);
  const [, rawId] = target.rest;
  if (rawId !== undefined) {
    const id = parseId(target.name, rawId);
    if (id instanceof Response) return id;
    const item = itemOf(model, target, id);
    return item instanceof Response ? item : ok(liteOf(spec, item));
  }
  return listOf(model, req, target, (item) => liteOf(spec, item));
}

function handleItem(
  model: ZiaModel,
  req: ServiceRequest,
  target: CollectionTarget,
  rawId: string,
): Response {
  const spec = ZIA_COLLECTIONS[target.name];
  const allowed = [
    "GET",
    ...(spec.ops.update ? ["PUT"] : []),
    ...(spec.ops.delete ? ["DELETE"] : []),
  ];
  if (!allowed.includes(req.method)) return methodNotAllowed(req.method, allowed);
  const id = parseId(target.name, rawId);
  if (id instanceof Response) return id;
  const item = itemOf(model, target, id);
  if (item instanceof Response) return item;
  if (req.method === "GET") return ok(viewOf(spec, item));
  if (req.method === "DELETE") {
    return guarded(() => {
      model.remove(target.name, id);
      return emptyResponse(204);
    });
  }
  const body = objectBody(req);
  if (body instanceof Response) return body;
  const action = req.query.action;
  if (target.name === "urlCategories" && action !== undefined) {
    if (action !== "ADD_TO_LIST" && action !== "REMOVE_FROM_LIST") {
      return badRequest(`Unknown action: ${action}`);
    }
    return guarded(() => ok(model.editCategoryUrls(String(id), body, action === "ADD_TO_LIST")));
  }
  return guarded(() => ok(viewOf(spec, model.replace(target.name, id, body, req.clientId))));
}

function handleCollection(
  model: ZiaModel,
  req: ServiceRequest,
  target: CollectionTarget,
): Response {
  const spec = ZIA_COLLECTIONS[target.name];
  const [first, second] = target.rest;
  if (first === undefined) return handleList(model, req, target);
  if (first === "lite" && spec.lite !== undefined && target.rest.length <= 2) {
    return handleLite(model, req, target);
  }
  if (second !== undefined || spec.item === false) return notFoundRoute(req);
  return handleItem(model, req, target, first);
}

/** Host and path of a URL as given to `/urlLookup` (scheme, port, query dropped). */
export function hostAndPath(raw: string): { host: string; path: string } {
  const noScheme = raw.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  const slash = noScheme.search(/[/?#]/);
  const authority = slash < 0 ? noScheme : noScheme.slice(0, slash);
  const rest = slash < 0 ? "" : noScheme.slice(slash);
  const host = authority.replace(/^.*@/, "").replace(/:\d+$/, "").replace(/\.$/, "")
    .toLowerCase();
  const path = rest.startsWith("/") ? rest.replace(/[?#].*$/, "") : "";
  return { host, path };
}

/**
 * Whether a category URL entry matches: `.example.com` matches the domain and its subdomains,
 * `example.com` only that host, `example.com/path` that host with a path prefix.
 */
export function urlEntryMatches(entry: string, host: string, path: string): boolean {
  const e = entry.trim().toLowerCase();
  if (e.startsWith(".")) return host === e.slice(1) || host.endsWith(e);
  const slash = e.indexOf("/");
  if (slash >= 0) return host === e.slice(0, slash) && path.startsWith(e.slice(slash));
  return host === e;
}

/**
 * Classifies one URL: the simulated classification database first, then every category whose
 * `urls` or `dbCategorizedUrls` match. Categories with super category `SECURITY` are reported
 * in `urlClassificationsWithSecurityAlert`. Nothing matched: `MISCELLANEOUS_OR_UNKNOWN`.
 */
export function classifyUrl(url: string, categories: JsonObject[]): JsonObject {
  const { host, path } = hostAndPath(url);
  const found: string[] = [];
  for (const [domain, ids] of Object.entries(URL_CLASSIFICATION_DB)) {
    if (host === domain || host.endsWith(`.${domain}`)) found.push(...ids);
  }
  for (const category of categories) {
    const entries = [
      ...(Array.isArray(category.urls) ? category.urls : []),
      ...(Array.isArray(category.dbCategorizedUrls) ? category.dbCategorizedUrls : []),
    ];
    if (entries.some((e) => typeof e === "string" && urlEntryMatches(e, host, path))) {
      found.push(String(category.id));
    }
  }
  const unique = [...new Set(found)];
  const security = new Set(
    categories.filter((c) => c.superCategory === "SECURITY").map((c) => String(c.id)),
  );
  const normal = unique.filter((id) => !security.has(id));
  const alerts = unique.filter((id) => security.has(id));
  return {
    url,
    urlClassifications: normal.length === 0 && alerts.length === 0
      ? ["MISCELLANEOUS_OR_UNKNOWN"]
      : normal,
    urlClassificationsWithSecurityAlert: alerts,
  };
}

function handleUrlLookup(model: ZiaModel, req: ServiceRequest): Response {
  if (req.method !== "POST") return methodNotAllowed(req.method, ["POST"]);
  const typeError = jsonTypeError(req);
  if (typeError !== undefined) return typeError;
  if (req.body.kind !== "json" || !Array.isArray(req.body.value)) return ziaInvalidBody();
  const urls = req.body.value;
  if (urls.length > URL_LOOKUP_MAX) {
    return badRequest(`At most ${URL_LOOKUP_MAX} URLs can be looked up per request`);
  }
  if (urls.some((u) => typeof u !== "string" || u.trim() === "" || u.length > 1024)) {
    return badRequest("Every URL must be a non-empty string");
  }
  const categories = model.collection("urlCategories");
  return ok(urls.map((u) => classifyUrl(u as string, categories)));
}

/**
 * Handles a request whose path starts with `/zia/api/v1`; `req.segments` are the segments
 * after that base.
 */
export function handleZia(model: ZiaModel, req: ServiceRequest): Response {
  const [first, second] = req.segments;
  if (first === "status" && req.segments.length === 1) {
    if (req.method !== "GET") return methodNotAllowed(req.method, ["GET"]);
    return ok({ status: model.status });
  }
  if (first === "status" && second === "activate" && req.segments.length === 2) {
    if (req.method !== "POST") return methodNotAllowed(req.method, ["POST"]);
    return ok({ status: model.activate() });
  }
  if (first === "urlLookup" && req.segments.length === 1) return handleUrlLookup(model, req);
  const special = handleZiaSpecial(model, req);
  if (special !== undefined) return special;
  const target = resolveCollection(req.segments);
  if (target === undefined) return notFoundRoute(req);
  if (target instanceof Response) return target;
  return handleCollection(model, req, target);
}
