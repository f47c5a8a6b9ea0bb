/**
 * The simulated ZIA endpoints that are not collections: settings objects (GET/PUT) and URL
 * lists (`?action=`), the Sandbox report, quota and hash-count lookups, the region lookups,
 * free GRE internal ranges, the shadow-IT bulk update and the Cloud App Control
 * `availableActions` lookup. Routes are `/`-separated patterns where `:name` captures one
 * segment.
 *
 * @module
 */

import { emptyResponse, type JsonObject, type ServiceRequest } from "./http.ts";
import { ziaError } from "./errors.ts";
import { isIpv4, isMd5 } from "./zia_checks.ts";
import { badRequest, guarded, methodNotAllowed, objectBody, ok, positiveInt } from "./zia_http.ts";
import { paginate } from "./zia_list.ts";
import type { ZiaModel } from "./zia_model.ts";
import {
  SANDBOX_NOT_FOUND,
  SANDBOX_REPORTS,
  sandboxFullExtras,
  SIM_CITIES,
} from "./zia_seed_apps.ts";
import { WEB_APPLICATION_RULE_TYPES, webApplicationActions } from "./zia_seed_policy.ts";
import { MD5_BLOCKLIST_LIMIT, ZIA_SETTINGS } from "./zia_settings.ts";

type Params = Record<string, string>;
type Handler = (model: ZiaModel, req: ServiceRequest, params: Params) => Response;

interface Route {
  pattern: string[];
  methods: readonly string[];
  handle: Handler;
}

function route(pattern: string, methods: readonly string[], handle: Handler): Route {
  return { pattern: pattern.split("/"), methods, handle };
}

function match(pattern: string[], segments: string[]): Params | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(":")) params[pattern[i].slice(1)] = segments[i];
    else if (pattern[i] !== segments[i]) return undefined;
  }
  return params;
}

/** GET/PUT of a settings object, and the `?action=` URL lists. */
function handleSetting(model: ZiaModel, req: ServiceRequest, path: string): Response {
  const spec = ZIA_SETTINGS[path];
  const writeMethod = spec.list?.method ?? "PUT";
  if (req.method === "GET") return ok(model.settings.get(path));
  if (req.method !== writeMethod) return methodNotAllowed(req.method, ["GET", writeMethod]);
  const body = objectBody(req);
  if (body instanceof Response) return body;
  return guarded(() => {
    if (spec.list === undefined) return ok(model.putSetting(path, body));
    const action = req.query.action;
    if (action === undefined && spec.list.actionRequired) {
      return badRequest("action is required: ADD_TO_LIST or REMOVE_FROM_LIST");
    }
    if (action !== undefined && action !== "ADD_TO_LIST" && action !== "REMOVE_FROM_LIST") {
      return badRequest(`Unknown action: ${action}`);
    }
    const add = action === undefined ? undefined : action === "ADD_TO_LIST";
    return ok(model.editSettingList(path, body, spec.list.field, add));
  });
}

function fileHashCount(model: ZiaModel): Response {
  const settings = model.settings.get("behavioralAnalysisAdvancedSettings");
  const list = Array.isArray(settings?.md5HashValueList) ? settings.md5HashValueList : [];
  return ok({
    blockedFileHashesCount: list.length,
    remainingFileHashes: MD5_BLOCKLIST_LIMIT - list.length,
  });
}

function sandboxReport(model: ZiaModel, req: ServiceRequest, params: Params): Response {
  if (!isMd5(params.md5)) return badRequest("md5Hash must be an MD5 hash (32 hex digits)");
  const details = (req.query.details ?? "summary").toLowerCase();
  if (details !== "summary" && details !== "full") {
    return badRequest("details must be summary or full");
  }
  model.recordSandboxLookup();
  const md5 = params.md5.toLowerCase();
  const report = SANDBOX_REPORTS[md5];
  if (report === undefined) return ok(SANDBOX_NOT_FOUND);
  if (details === "summary") return ok({ Summary: report });
  return ok({ "Full Details": { ...report, ...sandboxFullExtras(md5) } });
}

function geoByIp(_model: ZiaModel, _req: ServiceRequest, params: Params): Response {
  if (!isIpv4(params.ip)) return badRequest(`Invalid IP address: ${params.ip}`);
  const city = SIM_CITIES.find((c) => c.prefixes.some((p) => params.ip.startsWith(p)));
  if (city === undefined) {
    return ziaError(404, "RESOURCE_NOT_FOUND", `No region found for IP ${params.ip}`);
  }
  return ok({ ...city.info });
}

function citySearch(_model: ZiaModel, req: ServiceRequest): Response {
  const prefix = (req.query.prefix ?? "").toLowerCase();
  const found = SIM_CITIES.filter((c) => String(c.info.cityName).toLowerCase().startsWith(prefix))
    .map((c) => ({ ...c.info }));
  const page = paginate(found, req.query, { defaultSize: 100, maxSize: 1000 });
  return page instanceof Response ? page : ok(page);
}

function coordinate(value: string | undefined, name: string, limit: number): number | Response {
  const n = value === undefined || value.trim() === "" ? NaN : Number(value);
  if (!Number.isFinite(n) || Math.abs(n) > limit) {
    return badRequest(`${name} must be a number between -${limit} and ${limit}`);
  }
  return n;
}

function geoByCoordinates(_model: ZiaModel, req: ServiceRequest): Response {
  const lat = coordinate(req.query.latitude, "latitude", 90);
  if (lat instanceof Response) return lat;
  const lon = coordinate(req.query.longitude, "longitude", 180);
  if (lon instanceof Response) return lon;
  const distance = (info: JsonObject) =>
    (Number(info.latitude) - lat) ** 2 + (Number(info.longitude) - lon) ** 2;
  const nearest = [...SIM_CITIES].sort((a, b) => distance(a.info) - distance(b.info))[0];
  return ok({ ...nearest.info });
}

function greRanges(model: ZiaModel, req: ServiceRequest): Response {
  const limit = positiveInt(req.query.limit, "limit");
  if (limit instanceof Response) return limit;
  const count = Math.min(limit ?? 10, 1000);
  const used = new Set(model.collection("greTunnels").map((t) => t.internalIpRange));
  const out: JsonObject[] = [];
  for (let n = 0; n < 8192 && out.length < count; n++) {
    const third = Math.floor(n / 32);
    const fourth = (n % 32) * 8;
    const start = `172.17.${third}.${fourth}`;
    if (used.has(start)) continue;
    out.push({ startIPAddress: start, endIPAddress: `172.17.${third}.${fourth + 7}` });
  }
  return ok(out);
}

function bulkUpdate(model: ZiaModel, req: ServiceRequest): Response {
  const body = objectBody(req);
  if (body instanceof Response) return body;
  return guarded(() => {
    model.bulkUpdateCloudApps(body);
    return emptyResponse(204);
  });
}

function availableActions(_model: ZiaModel, req: ServiceRequest, params: Params): Response {
  if (!WEB_APPLICATION_RULE_TYPES.includes(params.type)) {
    return badRequest(`Invalid rule type: ${params.type}`);
  }
  const body = objectBody(req);
  if (body instanceof Response) return body;
  if (body.type !== undefined && body.type !== params.type) {
    return badRequest(`type ${String(body.type)} does not match the path (${params.type})`);
  }
  return ok(webApplicationActions(params.type));
}

const ROUTES: readonly Route[] = [
  route("behavioralAnalysisAdvancedSettings/fileHashCount", ["GET"], fileHashCount),
  route("sandbox/report/quota", ["GET"], (model) => ok(model.sandboxQuota())),
  route("sandbox/report/:md5", ["GET"], sandboxReport),
  route("region/byIPAddress/:ip", ["GET"], geoByIp),
  route("region/search", ["GET"], citySearch),
  route("region/byGeoCoordinates", ["GET"], geoByCoordinates),
  route("greTunnels/availableInternalIpRanges", ["GET"], greRanges),
  route("cloudApplications/bulkUpdate", ["PUT"], bulkUpdate),
  route("webApplicationRules/:type/availableActions", ["POST"], availableActions),
];

/**
 * Serves a non-collection endpoint, or returns undefined when `segments` (after
 * `/zia/api/v1`) name none.
 */
export function handleZiaSpecial(model: ZiaModel, req: ServiceRequest): Response | undefined {
  const path = req.segments.join("/");
  if (Object.hasOwn(ZIA_SETTINGS, path)) return handleSetting(model, req, path);
  for (const r of ROUTES) {
    const params = match(r.pattern, req.segments);
    if (params === undefined) continue;
    if (!r.methods.includes(req.method)) return methodNotAllowed(req.method, r.methods);
    return r.handle(model, req, params);
  }
  return undefined;
}

/** The URL patterns served here, for documentation and tests. */
export const ZIA_SPECIAL_PATHS: readonly string[] = Object.freeze([
  ...Object.keys(ZIA_SETTINGS),
  ...ROUTES.map((r) => r.pattern.join("/")),
]);
