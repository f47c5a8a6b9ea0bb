/**
 * The ZPA route table: every simulated method + path, as `endpoints.tsv` and
 * `sdk-endpoints.txt` record them, mapped to a handler. A path no route matches is a 404; a
 * matched path with another method is a 405 with `Allow`.
 *
 * Bases ({@link ZpaApi}): `v1`/`v2` = `/zpa/mgmtconfig/{v1,v2}/admin/customers/{cid}`,
 * `userconfig` = `/zpa/userconfig/v1/customers/{cid}`, `cbi` =
 * `/zpa/cbiconfig/cbi/api/customers/{cid}`, `lss` = `/zpa/mgmtconfig/v2/admin/lssConfig`
 * (the LSS reference data, outside the customer tree; [PY] `zpa/lss.py`, [GO]
 * `lssconfigcontroller`).
 *
 * Path parameters: `:policyType`, `:associationType` and `:order` are checked by their
 * handlers; every other parameter is a decimal id (400 otherwise).
 *
 * @module
 */

import { zpaError, zpaNotFound } from "./errors.ts";
import { emptyResponse, jsonResponse, type ServiceRequest } from "./http.ts";
import { zpaSpec } from "./zpa_catalog.ts";
import {
  attempt,
  created,
  listResponse,
  numericListResponse,
  numericView,
  objectBody,
  ok,
} from "./zpa_http.ts";
import { LSS_CLIENT_TYPES, lssAllFormats, lssFormatsOf, lssStatusCodes } from "./zpa_lss.ts";
import { APP_TYPES, type ZpaModel } from "./zpa_model.ts";
import {
  createRule,
  deleteRule,
  getPolicySet,
  getRule,
  listRules,
  putRule,
  reorderRule,
  v1CreateRule,
} from "./zpa_policy_http.ts";
import { ASSOCIATION_TYPES } from "./zpa_rows_more.ts";
import type { ZpaResourceName } from "./zpa_spec.ts";

/** The base a route's path is relative to. */
export type ZpaApi = "v1" | "v2" | "userconfig" | "cbi" | "lss";

/** One request as a handler sees it. */
export interface ZpaCall {
  /** The tenant's ZPA state. */
  model: ZpaModel;
  /** The request. */
  req: ServiceRequest;
  /** Path parameters by name. */
  params: Record<string, string>;
  /** The tenant's customer id. */
  customerId: string;
}

/** A route handler. */
export type ZpaHandler = (call: ZpaCall) => Response;

/** HTTP methods the ZPA API uses. */
export type ZpaMethod = "GET" | "POST" | "PUT" | "DELETE";

/** One route: a base, a path pattern (`:name` segments are parameters) and its methods. */
export interface ZpaRoute {
  /** Base path. */
  readonly api: ZpaApi;
  /** Pattern segments. */
  readonly pattern: readonly string[];
  /** Handlers by method. */
  readonly methods: Readonly<Partial<Record<ZpaMethod, ZpaHandler>>>;
  /** The catalog collection the route serves, if it serves one. */
  readonly collection?: ZpaResourceName;
}

/** Bulk deletes accept at most this many ids (the simulator's own limit). */
export const MAX_BULK_DELETE = 1000;

// ---- generic collection handlers -----------------------------------------------------------

/** The scope value of a call, or the error response for a bad scope parameter. */
function scopeOf(name: ZpaResourceName, call: ZpaCall): string | undefined | Response {
  if (zpaSpec(name).scope === undefined) return undefined;
  const { associationType, idpId } = call.params;
  if (associationType !== undefined) {
    return Object.hasOwn(ASSOCIATION_TYPES, associationType)
      ? associationType
      : zpaError(400, "bad.request", `Unknown association type: ${associationType}`, [
        associationType,
      ]);
  }
  if (idpId !== undefined) {
    return call.model.stored("idp", idpId) === undefined ? zpaNotFound(idpId) : idpId;
  }
  return undefined;
}

type Shape = "page" | "numeric" | "array";

function list(name: ZpaResourceName, shape: Shape = "page"): ZpaHandler {
  return (call) => {
    const scope = scopeOf(name, call);
    if (scope instanceof Response) return scope;
    const items = call.model.collection(name, scope);
    if (shape === "array") return jsonResponse(200, items, "application/json");
    return shape === "numeric"
      ? numericListResponse(items, call.req, zpaSpec(name))
      : listResponse(items, call.req, zpaSpec(name));
  };
}

function get(name: ZpaResourceName, shape: Shape = "page"): ZpaHandler {
  return (call) => {
    const scope = scopeOf(name, call);
    if (scope instanceof Response) return scope;
    const item = call.model.get(name, call.params.id, scope);
    if (item === undefined) return zpaNotFound(call.params.id);
    return shape === "numeric"
      ? jsonResponse(200, numericView(item), "application/json")
      : ok(item);
  };
}

function create(name: ZpaResourceName): ZpaHandler {
  return (call) => {
    const scope = scopeOf(name, call);
    if (scope instanceof Response) return scope;
    const body = objectBody(call.req);
    if (body instanceof Response) return body;
    return attempt(() =>
      created(
        call.model.create(name, body, { scope, customerId: call.customerId }),
        zpaSpec(name).createStatus ?? 201,
      )
    );
  };
}

function update(name: ZpaResourceName): ZpaHandler {
  return (call) => {
    const scope = scopeOf(name, call);
    if (scope instanceof Response) return scope;
    const body = objectBody(call.req);
    if (body instanceof Response) return body;
    return attempt(() => {
      call.model.replace(name, call.params.id, body, { scope, customerId: call.customerId });
      return emptyResponse(204);
    });
  };
}

function remove(name: ZpaResourceName): ZpaHandler {
  return (call) => {
    const scope = scopeOf(name, call);
    if (scope instanceof Response) return scope;
    const force = call.req.query.forceDelete?.toLowerCase() === "true";
    return attempt(() => {
      call.model.remove(name, call.params.id, { scope, force });
      return emptyResponse(204);
    });
  };
}

/** `POST …/bulkDelete` with `{"ids":[…]}`: all or nothing, 200 without a body. */
function bulkDelete(name: ZpaResourceName): ZpaHandler {
  return (call) => {
    const body = objectBody(call.req);
    if (body instanceof Response) return body;
    const ids = body.ids;
    if (
      !Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BULK_DELETE ||
      ids.some((id) => typeof id !== "string" || !/^\d{1,20}$/.test(id))
    ) {
      return zpaError(
        400,
        "api.payload.invalid",
        `ids must be a list of 1 to ${MAX_BULK_DELETE} string ids`,
      );
    }
    return attempt(() => {
      call.model.removeMany(name, ids as string[]);
      return emptyResponse(200);
    });
  };
}

/** Collection routes: `L` list, `C` create (on the collection path), `R` get, `U` update, `D` delete (on `…/:id`). */
function crud(api: ZpaApi, path: string, name: ZpaResourceName, ops: string): ZpaRoute[] {
  const pattern = path.split("/");
  const collection: Partial<Record<ZpaMethod, ZpaHandler>> = {};
  const item: Partial<Record<ZpaMethod, ZpaHandler>> = {};
  if (ops.includes("L")) collection.GET = list(name);
  if (ops.includes("C")) collection.POST = create(name);
  if (ops.includes("R")) item.GET = get(name);
  if (ops.includes("U")) item.PUT = update(name);
  if (ops.includes("D")) item.DELETE = remove(name);
  const out: ZpaRoute[] = [];
  if (Object.keys(collection).length > 0) {
    out.push({ api, pattern, methods: collection, collection: name });
  }
  if (Object.keys(item).length > 0) {
    out.push({ api, pattern: [...pattern, ":id"], methods: item, collection: name });
  }
  return out;
}

function route(
  api: ZpaApi,
  path: string,
  methods: Partial<Record<ZpaMethod, ZpaHandler>>,
  collection?: ZpaResourceName,
): ZpaRoute {
  return { api, pattern: path.split("/"), methods, collection };
}

// ---- special handlers ------------------------------------------------------------------------

function getAppsByType({ model, req }: ZpaCall): Response {
  const type = req.query.applicationType;
  if (!(APP_TYPES as readonly string[]).includes(type ?? "")) {
    return zpaError(400, "bad.request", `applicationType must be one of ${APP_TYPES.join(", ")}`, [
      type ?? "",
    ]);
  }
  return listResponse(model.appsByType(type as typeof APP_TYPES[number]), req);
}

/** One log type's formats (`?logType=` required on the customer path). */
function logTypeFormats({ req }: ZpaCall): Response {
  const type = req.query.logType;
  const formats = type === undefined ? undefined : lssFormatsOf(type);
  return formats === undefined
    ? zpaError(400, "bad.request", `logType must be a known log type`, [type ?? ""])
    : ok(formats);
}

/** All log formats, or one type's with `?logType=`. */
function allFormats(call: ZpaCall): Response {
  return call.req.query.logType === undefined ? ok(lssAllFormats()) : logTypeFormats(call);
}

function clientTypes(): Response {
  return ok({ ...LSS_CLIENT_TYPES });
}

function customerClientTypes(call: ZpaCall): Response {
  return call.params.customer === call.customerId
    ? clientTypes()
    : zpaError(401, "access.denied", `Access denied for customer ${call.params.customer}`, [
      call.params.customer,
    ]);
}

const rejectV1Create: Partial<Record<ZpaMethod, ZpaHandler>> = {
  GET: v1CreateRule,
  POST: v1CreateRule,
  PUT: v1CreateRule,
  DELETE: v1CreateRule,
};

/** The route table. */
export const ZPA_ROUTES: readonly ZpaRoute[] = Object.freeze([
  // Application segments (plain, browser access, PRA and inspection share the collection).
  route("v1", "application/getAppsByType", { GET: getAppsByType }),
  ...crud("v1", "application", "application", "LCRUD"),
  ...crud("v1", "segmentGroup", "segmentGroup", "LCRUD"),
  route("v2", "segmentGroup/:id", { PUT: update("segmentGroup") }, "segmentGroup"),
  ...crud("v1", "serverGroup", "serverGroup", "LCRUD"),
  ...crud("v1", "server", "server", "LCRUD"),
  ...crud("v1", "appConnectorGroup", "appConnectorGroup", "LCRUD"),
  ...crud("v1", "connector", "connector", "LRUD"),
  route("v1", "connector/bulkDelete", { POST: bulkDelete("connector") }, "connector"),
  ...crud("v1", "serviceEdgeGroup", "serviceEdgeGroup", "LCRUD"),
  ...crud("v1", "serviceEdge", "serviceEdge", "LRUD"),
  route("v1", "serviceEdge/bulkDelete", { POST: bulkDelete("serviceEdge") }, "serviceEdge"),
  ...crud("v1", "associationType/:associationType/provisioningKey", "provisioningKey", "LCRUD"),
  ...crud("v1", "enrollmentCert", "enrollmentCert", "R"),
  ...crud("v2", "enrollmentCert", "enrollmentCert", "L"),
  ...crud("v1", "certificate", "certificate", "LCRD"),
  route("v2", "clientlessCertificate/issued", { GET: list("certificate") }, "certificate"),
  ...crud("v1", "praPortal", "praPortal", "LCRUD"),
  ...crud("v1", "credential", "credential", "LCRUD"),
  // Identity: IdPs, SAML and SCIM attributes, SCIM groups (userconfig renders numbers).
  ...crud("v2", "idp", "idp", "L"),
  ...crud("v1", "idp", "idp", "R"),
  ...crud("v2", "samlAttribute", "samlAttribute", "L"),
  route("v2", "samlAttribute/idp/:idpId", { GET: list("samlAttribute") }, "samlAttribute"),
  ...crud("v1", "samlAttribute", "samlAttribute", "R"),
  ...crud("v1", "idp/:idpId/scimattribute", "scimAttribute", "LR"),
  route("userconfig", "scimgroup/idpId/:idpId", { GET: list("scimGroup", "numeric") }, "scimGroup"),
  route("userconfig", "scimgroup/:id", { GET: get("scimGroup", "numeric") }, "scimGroup"),
  // Posture profiles and trusted networks: listed through v2, read one through v1.
  ...crud("v2", "posture", "posture", "L"),
  ...crud("v1", "posture", "posture", "R"),
  ...crud("v2", "network", "network", "L"),
  ...crud("v1", "network", "network", "R"),
  // Profiles.
  ...crud("v1", "inspectionProfile", "inspectionProfile", "LR"),
  route("v1", "isolation/profiles", { GET: list("isolationProfile") }, "isolationProfile"),
  route("cbi", "profiles", { GET: list("cbiProfile", "array") }, "cbiProfile"),
  // LSS.
  ...crud("v2", "lssConfig", "lssConfig", "LR"),
  route("v2", "lssConfig/logType/formats", { GET: logTypeFormats }),
  route("lss", "logType/formats", { GET: allFormats }),
  route("lss", "statusCodes", { GET: () => ok(lssStatusCodes()) }),
  route("lss", "clientTypes", { GET: clientTypes }),
  route("lss", "customers/:customer/clientTypes", { GET: customerClientTypes }),
  // Policies.
  route("v1", "policySet/policyType/:policyType", { GET: getPolicySet }),
  route("v1", "policySet/rules/policyType/:policyType", { GET: listRules }),
  route("v1", "policySet/:setId/rule", rejectV1Create),
  route("v1", "policySet/:setId/rule/:ruleId", {
    GET: getRule,
    PUT: putRule(1),
    DELETE: deleteRule,
  }),
  route("v1", "policySet/:setId/rule/:ruleId/reorder/:order", { PUT: reorderRule }),
  route("v2", "policySet/:setId/rule", { POST: createRule }),
  route("v2", "policySet/:setId/rule/:ruleId", { PUT: putRule(2) }),
]);

/** Parameters whose values are not ids (their handlers check them). */
const FREE_PARAMS = new Set(["policyType", "associationType", "order", "customer"]);

/** The result of matching a path: the route and its parameters, or nothing. */
export interface ZpaMatch {
  /** The matched route. */
  route: ZpaRoute;
  /** Path parameters. */
  params: Record<string, string>;
}

/**
 * The route for `segments` under `api`: among the patterns that match, the one with the most
 * literal segments wins (`connector/bulkDelete` over `connector/:id`).
 */
export function matchZpaRoute(api: ZpaApi, segments: readonly string[]): ZpaMatch | undefined {
  let best: ZpaMatch | undefined;
  let bestLiterals = -1;
  for (const candidate of ZPA_ROUTES) {
    if (candidate.api !== api || candidate.pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let matched = true;
    for (const [index, part] of candidate.pattern.entries()) {
      if (part.startsWith(":")) {
        params[part.slice(1)] = segments[index];
      } else if (part === segments[index]) {
        literals += 1;
      } else {
        matched = false;
        break;
      }
    }
    if (matched && literals > bestLiterals) {
      best = { route: candidate, params };
      bestLiterals = literals;
    }
  }
  return best;
}

/** The first parameter that must be an id but is not, or undefined. */
export function invalidIdParam(params: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(params)) {
    if (!FREE_PARAMS.has(name) && !/^\d{1,20}$/.test(value)) return value;
  }
  return undefined;
}
