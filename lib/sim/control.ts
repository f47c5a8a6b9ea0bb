/**
 * The `/__sim/*` control endpoints, present only when `SimOptions.control` is true. They need
 * no token and are not recorded:
 *
 * - `GET /__sim/requests` — the recorded requests as JSON
 * - `GET /__sim/faults` — armed faults (`times` of `Infinity` is sent as `"Infinity"`)
 * - `POST /__sim/faults` — arm a fault; body is a FaultSpec (`times` may be `"Infinity"`)
 * - `DELETE /__sim/faults` — disarm every fault
 * - `POST /__sim/reset` — reseed, disarm, forget requests
 * - `POST /__sim/expire-tokens` — revoke every token minted so far
 *
 * @module
 */

import type { FaultSpec } from "./faults.ts";
import { emptyResponse, isObject, jsonResponse } from "./http.ts";
import type { SimTenant } from "./tenant.ts";

function error(status: number, message: string, headers: HeadersInit = {}): Response {
  return jsonResponse(status, { error: message }, "application/json", headers);
}

function methodNotAllowed(allowed: string[]): Response {
  return error(405, "method not allowed", { allow: allowed.join(", ") });
}

/** Reads a FaultSpec from JSON, accepting `"Infinity"` for `times`. */
function faultFromJson(value: unknown): FaultSpec {
  if (!isObject(value)) throw new TypeError("fault spec must be a JSON object");
  const spec = { ...value } as Record<string, unknown>;
  if (spec.times === "Infinity") spec.times = Infinity;
  return spec as unknown as FaultSpec;
}

/** Serves one control request for `tenant`. */
export async function handleControl(
  tenant: SimTenant,
  request: Request,
  url: URL,
): Promise<Response> {
  const method = request.method.toUpperCase();
  const text = await request.text();
  switch (url.pathname) {
    case "/__sim/requests":
      if (method !== "GET") return methodNotAllowed(["GET"]);
      return jsonResponse(200, tenant.requests);
    case "/__sim/faults":
      if (method === "GET") {
        return jsonResponse(
          200,
          tenant.faults.list().map((f) => ({
            ...f,
            times: f.times === Infinity ? "Infinity" : f.times,
          })),
        );
      }
      if (method === "DELETE") {
        tenant.faults.clear();
        return emptyResponse(204);
      }
      if (method !== "POST") return methodNotAllowed(["GET", "POST", "DELETE"]);
      try {
        tenant.faults.add(faultFromJson(JSON.parse(text)));
      } catch (e) {
        return error(400, e instanceof Error ? e.message : "invalid fault spec");
      }
      return jsonResponse(201, { pending: tenant.faults.pending() });
    case "/__sim/reset":
      if (method !== "POST") return methodNotAllowed(["POST"]);
      tenant.reset();
      return emptyResponse(204);
    case "/__sim/expire-tokens":
      if (method !== "POST") return methodNotAllowed(["POST"]);
      tenant.expireTokens();
      return emptyResponse(204);
    default:
      return error(404, "unknown control endpoint");
  }
}
