/**
 * The simulated ZPA API: resolves which base a path is under (`/zpa/mgmtconfig/{v1,v2}/admin/
 * customers/{cid}`, `/zpa/mgmtconfig/v2/admin/lssConfig`, `/zpa/userconfig/v1/customers/{cid}`,
 * `/zpa/cbiconfig/cbi/api/customers/{cid}`), then dispatches through the route table in
 * `zpa_routes.ts`. Wire facts (API-FACTS §2 "ZPA", §3): string ids, `{"totalPages",
 * "totalCount","list"}` lists, POST 201 with the object, PUT 204, DELETE 204,
 * `{"id","reason","params"}` errors.
 *
 * @module
 */

import { zpaError } from "./errors.ts";
import type { ServiceRequest } from "./http.ts";
import { badId, methodNotAllowed, noRoute } from "./zpa_http.ts";
import type { ZpaModel } from "./zpa_model.ts";
import { invalidIdParam, matchZpaRoute, type ZpaApi, type ZpaMethod } from "./zpa_routes.ts";

/** Where a path points: a route base and the segments after it, or an error response. */
function locate(
  segments: readonly string[],
  customerId: string,
): { api: ZpaApi; rest: string[] } | Response | undefined {
  const [area, ...after] = segments;
  let api: ZpaApi;
  let cid: string | undefined;
  let rest: string[];
  if (area === "mgmtconfig") {
    const [version, admin, kind, ...tail] = after;
    if ((version !== "v1" && version !== "v2") || admin !== "admin") return undefined;
    if (version === "v2" && kind === "lssConfig") return { api: "lss", rest: tail };
    if (kind !== "customers") return undefined;
    [cid, ...rest] = tail;
    api = version;
  } else if (area === "userconfig") {
    const [version, customers, ...tail] = after;
    if (version !== "v1" || customers !== "customers") return undefined;
    [cid, ...rest] = tail;
    api = "userconfig";
  } else if (area === "cbiconfig") {
    const [cbi, apiWord, customers, ...tail] = after;
    if (cbi !== "cbi" || apiWord !== "api" || customers !== "customers") return undefined;
    [cid, ...rest] = tail;
    api = "cbi";
  } else {
    return undefined;
  }
  if (cid === undefined) return undefined;
  if (cid !== customerId) {
    return zpaError(401, "access.denied", `Access denied for customer ${cid}`, [cid]);
  }
  return { api, rest };
}

/**
 * Handles a request whose path starts with `/zpa`; `req.segments` are the segments after
 * `/zpa`.
 *
 * A customer id other than the tenant's gets 401 `access.denied` in the ZPA form: the facts
 * list `access.denied` as ZPA's 401 id, and the body (unlike the gateway's `detail` body) tells
 * a client that its token is fine but the customer id is wrong.
 */
export function handleZpa(model: ZpaModel, req: ServiceRequest, customerId: string): Response {
  const located = locate(req.segments, customerId);
  if (located instanceof Response) return located;
  if (located === undefined || located.rest.length === 0) return noRoute(req);
  const match = matchZpaRoute(located.api, located.rest);
  if (match === undefined) return noRoute(req);
  const handler = match.route.methods[req.method as ZpaMethod];
  if (handler === undefined) {
    return methodNotAllowed(req.method, Object.keys(match.route.methods));
  }
  const bad = invalidIdParam(match.params);
  if (bad !== undefined) return badId(bad)!;
  return handler({ model, req, params: match.params, customerId });
}
