/**
 * The simulated ZPA management API under `/zpa/mgmtconfig/{v1,v2}/admin/customers/{cid}`
 * (API-FACTS §2 "ZPA", §3): string ids, `{"totalPages","totalCount","list"}` lists,
 * POST 201 with the object, PUT 204, DELETE 204, `{"id","reason","params"}` errors.
 *
 * @module
 */

import { ZPA_CONTENT_TYPE, zpaError, zpaNotFound } from "./errors.ts";
import {
  emptyResponse,
  isJsonContentType,
  isObject,
  type JsonObject,
  jsonResponse,
  type ServiceRequest,
} from "./http.ts";
import type { ZpaCollectionName } from "./seed.ts";
import { applyZpaSearch, zpaPage } from "./zpa_query.ts";
import { ZpaWriteError } from "./zpa_common.ts";
import { APP_TYPES, isZpaCollection, type ZpaModel } from "./zpa_model.ts";

const ok = (body: unknown) => jsonResponse(200, body, ZPA_CONTENT_TYPE);
const created = (body: unknown) => jsonResponse(201, body, ZPA_CONTENT_TYPE);

function methodNotAllowed(method: string, allowed: string[]): Response {
  return zpaError(405, "method.not.allowed", `Method ${method} is not supported here`, [method], {
    allow: allowed.join(", "),
  });
}

function noRoute(req: ServiceRequest): Response {
  return zpaError(404, "resource.not.found", `No API endpoint ${req.method} ${req.url.pathname}`);
}

function badId(raw: string): Response | undefined {
  return /^\d{1,20}$/.test(raw)
    ? undefined
    : zpaError(400, "bad.request", `Invalid id: ${raw}`, [raw]);
}

function objectBody(req: ServiceRequest): JsonObject | Response {
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

function writeError(error: unknown): Response {
  if (error instanceof ZpaWriteError) {
    return zpaError(error.status, error.id, error.message, error.params);
  }
  throw error;
}

function listResponse(items: JsonObject[], req: ServiceRequest): Response {
  const page = zpaPage(applyZpaSearch(items, req.query.search), req.query);
  return page instanceof Response ? page : ok(page);
}

function handleCollection(
  model: ZpaModel,
  req: ServiceRequest,
  name: ZpaCollectionName,
  rawId: string | undefined,
): Response {
  if (rawId === undefined) {
    if (req.method === "GET") return listResponse(model.collection(name), req);
    if (req.method === "POST" && name !== "connector") {
      const body = objectBody(req);
      if (body instanceof Response) return body;
      try {
        return created(model.create(name, body));
      } catch (error) {
        return writeError(error);
      }
    }
    return methodNotAllowed(req.method, name === "connector" ? ["GET"] : ["GET", "POST"]);
  }
  if (name === "application" && rawId === "getAppsByType") {
    if (req.method !== "GET") return methodNotAllowed(req.method, ["GET"]);
    const type = req.query.applicationType;
    if (!(APP_TYPES as readonly string[]).includes(type ?? "")) {
      return zpaError(
        400,
        "bad.request",
        `applicationType must be one of ${APP_TYPES.join(", ")}`,
        [type ?? ""],
      );
    }
    return listResponse(model.appsByType(type as typeof APP_TYPES[number]), req);
  }
  if (!["GET", "PUT", "DELETE"].includes(req.method)) {
    return methodNotAllowed(req.method, ["GET", "PUT", "DELETE"]);
  }
  const bad = badId(rawId);
  if (bad) return bad;
  if (req.method === "GET") {
    const item = model.get(name, rawId);
    return item === undefined ? zpaNotFound(rawId) : ok(item);
  }
  try {
    if (req.method === "DELETE") {
      model.remove(name, rawId, req.query.forceDelete?.toLowerCase() === "true");
      return emptyResponse(204);
    }
    const body = objectBody(req);
    if (body instanceof Response) return body;
    model.replace(name, rawId, body);
    return emptyResponse(204);
  } catch (error) {
    return writeError(error);
  }
}

/** `…/policySet/…` routes of v1. */
function handlePolicyV1(model: ZpaModel, req: ServiceRequest, rest: string[]): Response {
  // /policySet/policyType/{TYPE}
  if (rest.length === 2 && rest[0] === "policyType") {
    if (req.method !== "GET") return methodNotAllowed(req.method, ["GET"]);
    const set = model.policies.policySet(rest[1]);
    return set === undefined
      ? zpaError(400, "bad.request", `Unknown policy type: ${rest[1]}`, [rest[1]])
      : ok(set);
  }
  // /policySet/rules/policyType/{TYPE}
  if (rest.length === 3 && rest[0] === "rules" && rest[1] === "policyType") {
    if (req.method !== "GET") return methodNotAllowed(req.method, ["GET"]);
    const info = model.policies.policyType(rest[2]);
    if (info === undefined) {
      return zpaError(400, "bad.request", `Unknown policy type: ${rest[2]}`, [rest[2]]);
    }
    return listResponse(model.policies.rules(info.setId), req);
  }
  const [setId, ruleWord, ruleId, reorderWord, order] = rest;
  if (ruleWord !== "rule" || setId === undefined) return noRoute(req);
  const bad = badId(setId) ?? (ruleId === undefined ? undefined : badId(ruleId));
  if (bad) return bad;
  if (model.policies.policyTypeOfSet(setId) === undefined) return zpaNotFound(setId);
  if (ruleId === undefined) {
    // v1 rule creation exists upstream but API-FACTS documents creation through v2 only.
    return zpaError(
      405,
      "method.not.allowed",
      "Create policy rules with POST /zpa/mgmtconfig/v2/admin/customers/{customerId}/policySet/{setId}/rule",
      [req.method],
    );
  }
  if (reorderWord !== undefined) {
    if (reorderWord !== "reorder" || order === undefined || rest.length !== 5) return noRoute(req);
    if (req.method !== "PUT") return methodNotAllowed(req.method, ["PUT"]);
    if (!/^\d{1,6}$/.test(order)) return zpaError(400, "bad.request", `Invalid order: ${order}`);
    try {
      model.policies.reorderRule(setId, ruleId, Number(order));
      return emptyResponse(204);
    } catch (error) {
      return writeError(error);
    }
  }
  if (req.method === "GET") {
    const rule = model.policies.rule(setId, ruleId);
    return rule === undefined ? zpaNotFound(ruleId) : ok(rule);
  }
  try {
    if (req.method === "DELETE") {
      model.policies.deleteRule(setId, ruleId);
      return emptyResponse(204);
    }
    if (req.method === "PUT") {
      const body = objectBody(req);
      if (body instanceof Response) return body;
      model.policies.replaceRule(setId, ruleId, body, 1);
      return emptyResponse(204);
    }
  } catch (error) {
    return writeError(error);
  }
  return methodNotAllowed(req.method, ["GET", "PUT", "DELETE"]);
}

/** v2 routes: segment group PUT and policy rule POST/PUT. */
function handleV2(model: ZpaModel, req: ServiceRequest, rest: string[]): Response {
  if (rest[0] === "segmentGroup" && rest.length === 2) {
    if (req.method !== "PUT") return methodNotAllowed(req.method, ["PUT"]);
    const bad = badId(rest[1]);
    if (bad) return bad;
    const body = objectBody(req);
    if (body instanceof Response) return body;
    try {
      model.replace("segmentGroup", rest[1], body);
      return emptyResponse(204);
    } catch (error) {
      return writeError(error);
    }
  }
  if (rest[0] === "policySet" && rest[2] === "rule" && (rest.length === 3 || rest.length === 4)) {
    const [, setId, , ruleId] = rest;
    const bad = badId(setId) ?? (ruleId === undefined ? undefined : badId(ruleId));
    if (bad) return bad;
    if (model.policies.policyTypeOfSet(setId) === undefined) return zpaNotFound(setId);
    if (ruleId === undefined && req.method !== "POST") {
      return methodNotAllowed(req.method, ["POST"]);
    }
    if (ruleId !== undefined && req.method !== "PUT") return methodNotAllowed(req.method, ["PUT"]);
    const body = objectBody(req);
    if (body instanceof Response) return body;
    try {
      if (ruleId === undefined) return created(model.policies.createRule(setId, body));
      model.policies.replaceRule(setId, ruleId, body, 2);
      return emptyResponse(204);
    } catch (error) {
      return writeError(error);
    }
  }
  return noRoute(req);
}

/**
 * Handles a request whose path starts with `/zpa`; `req.segments` are the segments after
 * `/zpa`. Only `mgmtconfig/{v1,v2}/admin/customers/{customerId}` is simulated.
 *
 * A customer id other than the tenant's gets 401 `access.denied` in the ZPA form: the facts
 * list `access.denied` as ZPA's 401 id, and the body (unlike the gateway's `detail` body) tells
 * a client that its token is fine but the customer id is wrong.
 */
export function handleZpa(model: ZpaModel, req: ServiceRequest, customerId: string): Response {
  const [area, version, admin, customers, cid, ...rest] = req.segments;
  if (
    area !== "mgmtconfig" || (version !== "v1" && version !== "v2") || admin !== "admin" ||
    customers !== "customers" || cid === undefined
  ) {
    return noRoute(req);
  }
  if (cid !== customerId) {
    return zpaError(401, "access.denied", `Access denied for customer ${cid}`, [cid]);
  }
  if (rest.length === 0) return noRoute(req);
  if (version === "v2") return handleV2(model, req, rest);
  const [first, second] = rest;
  if (first === "policySet") return handlePolicyV1(model, req, rest.slice(1));
  if (isZpaCollection(first) && rest.length <= 2) {
    return handleCollection(model, req, first, second);
  }
  return noRoute(req);
}
