/**
 * The simulated ZIA API under `/zia/api/v1` (API-FACTS §2 "ZIA", §3, §4): bare JSON arrays,
 * `page`/`pageSize` where documented, POST/PUT 200 with the object, DELETE 204, activation,
 * `POST /urlLookup`, and `{"code","message"}` errors.
 *
 * @module
 */

import { ZIA_CONTENT_TYPE, ziaError, ziaInvalidBody } from "./errors.ts";
import {
  emptyResponse,
  isJsonContentType,
  isObject,
  type JsonObject,
  jsonResponse,
  type ServiceRequest,
} from "./http.ts";
import { URL_CLASSIFICATION_DB, type ZiaCollectionName } from "./seed.ts";
import type { SimId } from "./store.ts";
import { isZiaCollection, ZIA_COLLECTIONS, type ZiaModel, ZiaWriteError } from "./zia_model.ts";

/** Base path of the ZIA API on the gateway. */
export const ZIA_BASE = "/zia/api/v1";
/** Most URLs `POST /urlLookup` accepts at once. */
export const URL_LOOKUP_MAX = 100;

const ok = (body: unknown) => jsonResponse(200, body, ZIA_CONTENT_TYPE);

function methodNotAllowed(method: string, allowed: string[]): Response {
  return ziaError(405, "METHOD_NOT_ALLOWED", `Method ${method} is not supported here`, {
    allow: allowed.join(", "),
  });
}

function notFoundRoute(req: ServiceRequest): Response {
  return ziaError(
    404,
    "RESOURCE_NOT_FOUND",
    `No API endpoint ${req.method} ${req.url.pathname}`,
  );
}

/** Reads a JSON object body for POST/PUT: 415 for a non-JSON type, 400 for a bad body. */
function objectBody(req: ServiceRequest): JsonObject | Response {
  if (!isJsonContentType(req.contentType)) {
    return ziaError(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      "Content-Type must be application/json",
    );
  }
  if (req.body.kind !== "json" || !isObject(req.body.value)) return ziaInvalidBody();
  return req.body.value;
}

/** Parses a path id: integers everywhere, strings for URL categories. */
function parseId(name: ZiaCollectionName, raw: string): SimId | Response {
  if (name === "urlCategories") {
    return /^[A-Za-z0-9_]{1,64}$/.test(raw)
      ? raw
      : ziaError(400, "INVALID_INPUT_ARGUMENT", `Invalid URL category id: ${raw}`);
  }
  if (!/^-?\d{1,16}$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    return ziaError(400, "INVALID_INPUT_ARGUMENT", `Invalid id: ${raw}`);
  }
  return Number(raw);
}

function positiveInt(value: string | undefined, name: string): number | Response | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    return ziaError(400, "INVALID_INPUT_ARGUMENT", `${name} must be a positive integer`);
  }
  return Number(value);
}

/** Applies `page` (1-based) and `pageSize` with the collection's default and maximum. */
function paginate(
  items: JsonObject[],
  query: Record<string, string>,
  paging: { defaultSize: number; maxSize: number } | undefined,
): JsonObject[] | Response {
  if (paging === undefined) return items;
  const page = positiveInt(query.page, "page");
  if (page instanceof Response) return page;
  const size = positiveInt(query.pageSize, "pageSize");
  if (size instanceof Response) return size;
  if (size !== undefined && size > paging.maxSize) {
    return ziaError(
      400,
      "INVALID_INPUT_ARGUMENT",
      `pageSize must not exceed ${paging.maxSize}`,
    );
  }
  const pageSize = size ?? paging.defaultSize;
  const start = ((page ?? 1) - 1) * pageSize;
  return items.slice(start, start + pageSize);
}

const contains = (value: unknown, needle: string) =>
  typeof value === "string" && value.toLowerCase().includes(needle.toLowerCase());

const boolParam = (value: string | undefined) =>
  value === undefined ? undefined : value.toLowerCase() === "true";

/** The documented list filters of each collection. */
function filterList(
  name: ZiaCollectionName,
  items: JsonObject[],
  query: Record<string, string>,
): JsonObject[] {
  let out = items;
  switch (name) {
    case "locations": {
      if (query.search !== undefined) out = out.filter((i) => contains(i.name, query.search));
      const xff = boolParam(query.xffEnabled);
      if (xff !== undefined) out = out.filter((i) => (i.xffForwardEnabled === true) === xff);
      const auth = boolParam(query.authRequired);
      if (auth !== undefined) out = out.filter((i) => (i.authRequired === true) === auth);
      const bw = boolParam(query.bwEnforced);
      if (bw !== undefined) {
        out = out.filter((i) =>
          ((Number(i.upBandwidth) > 0) || (Number(i.dnBandwidth) > 0)) === bw
        );
      }
      break;
    }
    case "users": {
      if (query.name !== undefined) out = out.filter((i) => contains(i.name, query.name));
      if (query.dept !== undefined) {
        out = out.filter((i) => isObject(i.department) && contains(i.department.name, query.dept));
      }
      if (query.group !== undefined) {
        out = out.filter((i) =>
          Array.isArray(i.groups) &&
          i.groups.some((g) => isObject(g) && contains(g.name, query.group))
        );
      }
      break;
    }
    case "groups":
    case "departments":
      if (query.search !== undefined) out = out.filter((i) => contains(i.name, query.search));
      break;
    case "urlCategories": {
      if (boolParam(query.customOnly) === true) out = out.filter((i) => i.customCategory === true);
      if (boolParam(query.includeOnlyUrlKeywordCounts) === true) {
        out = out.map(({ urls, keywords, dbCategorizedUrls, ...rest }) => ({
          ...rest,
          urlKeywordCounts: {
            totalUrlCount: Array.isArray(urls) ? urls.length : 0,
            retainParentUrlCount: Array.isArray(dbCategorizedUrls) ? dbCategorizedUrls.length : 0,
            totalKeywordCount: Array.isArray(keywords) ? keywords.length : 0,
            retainParentKeywordCount: 0,
          },
        }));
      }
      break;
    }
    case "firewallFilteringRules":
      if (query.ruleName !== undefined) out = out.filter((i) => contains(i.name, query.ruleName));
      if (query.ruleAction !== undefined) out = out.filter((i) => i.action === query.ruleAction);
      if (query.ruleState !== undefined) out = out.filter((i) => i.state === query.ruleState);
      break;
    default:
      break;
  }
  return out;
}

/** The `/lite` projection of locations and URL categories. */
function lite(name: "locations" | "urlCategories", item: JsonObject): JsonObject {
  if (name === "locations") {
    return { id: item.id, name: item.name, parentId: item.parentId ?? 0, tz: item.tz };
  }
  return {
    id: item.id,
    ...(item.configuredName === undefined ? {} : { configuredName: item.configuredName }),
    superCategory: item.superCategory,
    customCategory: item.customCategory,
    type: item.type,
    val: item.val,
  };
}

function writeError(error: unknown): Response {
  if (error instanceof ZiaWriteError) return ziaError(error.status, error.code, error.message);
  throw error;
}

function handleCollection(
  model: ZiaModel,
  req: ServiceRequest,
  name: ZiaCollectionName,
  rawId: string | undefined,
): Response {
  const spec = ZIA_COLLECTIONS[name];
  if (rawId === undefined) {
    if (req.method === "GET") {
      const filtered = filterList(name, model.collection(name), req.query);
      const page = paginate(filtered, req.query, spec.paging);
      return page instanceof Response ? page : ok(page);
    }
    if (req.method === "POST") {
      const body = objectBody(req);
      if (body instanceof Response) return body;
      try {
        return ok(model.create(name, body, req.clientId));
      } catch (error) {
        return writeError(error);
      }
    }
    return methodNotAllowed(req.method, ["GET", "POST"]);
  }
  if (rawId === "lite" && (name === "locations" || name === "urlCategories")) {
    if (req.method !== "GET") return methodNotAllowed(req.method, ["GET"]);
    const filtered = filterList(name, model.collection(name), req.query);
    const page = paginate(filtered, req.query, spec.paging);
    return page instanceof Response ? page : ok(page.map((item) => lite(name, item)));
  }
  if (!["GET", "PUT", "DELETE"].includes(req.method)) {
    return methodNotAllowed(req.method, ["GET", "PUT", "DELETE"]);
  }
  const id = parseId(name, rawId);
  if (id instanceof Response) return id;
  if (req.method === "GET") {
    const item = model.get(name, id);
    return item === undefined
      ? ziaError(404, "RESOURCE_NOT_FOUND", `${name} with id ${id} not found`)
      : ok(item);
  }
  try {
    if (req.method === "DELETE") {
      model.remove(name, id);
      return emptyResponse(204);
    }
    const body = objectBody(req);
    if (body instanceof Response) return body;
    const action = req.query.action;
    if (name === "urlCategories" && action !== undefined) {
      if (action !== "ADD_TO_LIST" && action !== "REMOVE_FROM_LIST") {
        return ziaError(400, "INVALID_INPUT_ARGUMENT", `Unknown action: ${action}`);
      }
      return ok(model.editCategoryUrls(String(id), body, action === "ADD_TO_LIST"));
    }
    return ok(model.replace(name, id, body, req.clientId));
  } catch (error) {
    return writeError(error);
  }
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
  if (!isJsonContentType(req.contentType)) {
    return ziaError(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
  }
  if (req.body.kind !== "json" || !Array.isArray(req.body.value)) return ziaInvalidBody();
  const urls = req.body.value;
  if (urls.length > URL_LOOKUP_MAX) {
    return ziaError(
      400,
      "INVALID_INPUT_ARGUMENT",
      `At most ${URL_LOOKUP_MAX} URLs can be looked up per request`,
    );
  }
  if (urls.some((u) => typeof u !== "string" || u.trim() === "" || u.length > 1024)) {
    return ziaError(400, "INVALID_INPUT_ARGUMENT", "Every URL must be a non-empty string");
  }
  const categories = model.collection("urlCategories");
  return ok(urls.map((u) => classifyUrl(u as string, categories)));
}

/**
 * Handles a request whose path starts with `/zia/api/v1`; `req.segments` are the segments
 * after that base.
 */
export function handleZia(model: ZiaModel, req: ServiceRequest): Response {
  const [first, second, third] = req.segments;
  if (first === "status" && req.segments.length === 1) {
    if (req.method !== "GET") return methodNotAllowed(req.method, ["GET"]);
    return ok({ status: model.status });
  }
  if (first === "status" && second === "activate" && req.segments.length === 2) {
    if (req.method !== "POST") return methodNotAllowed(req.method, ["POST"]);
    return ok({ status: model.activate() });
  }
  if (first === "urlLookup" && req.segments.length === 1) return handleUrlLookup(model, req);
  if (first !== undefined && isZiaCollection(first) && third === undefined) {
    return handleCollection(model, req, first, second);
  }
  return notFoundRoute(req);
}
