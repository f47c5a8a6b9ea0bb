/**
 * Fault injection: a queue of fault specs that match requests by method and path prefix,
 * and the service-shaped responses they produce (API-FACTS §3 "Rate limits and 429").
 *
 * @module
 */

import { ZIA_CONTENT_TYPE, ZPA_CONTENT_TYPE } from "./errors.ts";
import { jsonResponse } from "./http.ts";

/** The kinds of fault the simulator can inject. */
export type FaultKind =
  | "rate-limit"
  | "server-error"
  | "latency"
  | "drop"
  | "malformed-json"
  | "edit-lock";

/** All fault kinds, for validation. */
export const FAULT_KINDS: readonly FaultKind[] = Object.freeze([
  "rate-limit",
  "server-error",
  "latency",
  "drop",
  "malformed-json",
  "edit-lock",
]);

/** A fault to inject into matching requests. */
export interface FaultSpec {
  /** What happens to a matching request. */
  kind: FaultKind;
  /** Which requests it applies to; path as the gateway sees it, e.g. `/zia/api/v1/locations`. */
  match?: { method?: string; pathPrefix?: string };
  /** How many matching requests it applies to (default 1); `Infinity` allowed. */
  times?: number;
  /** server-error: 500, 502, 503 or 504 (default 500). */
  status?: number;
  /** rate-limit (and optionally server-error): `retry-after` header value. */
  retryAfter?: string;
  /** latency: delay before the request is served normally (default 1000 ms). */
  delayMs?: number;
}

/** The service a request belongs to, as recorded: `zia`, `zpa`, …, or `token`. */
export type ServiceName = string;

/** What a fault needs to know about a request to decide whether it matches. */
export interface FaultTarget {
  /** Upper-case method. */
  method: string;
  /** Path as seen by the gateway. */
  path: string;
  /** `token` for the token endpoint, else the product segment (`zia`, `zpa`, …). */
  service: ServiceName;
}

/**
 * Thrown by {@link SimTenant.fetch} for a `drop` fault, like `fetch()` rejects on a network
 * error; `startSimServer` turns it into a real connection reset.
 */
export class SimConnectionDropped extends TypeError {
  /** Creates the error. */
  constructor() {
    super("network error: the simulator dropped the connection");
    this.name = "SimConnectionDropped";
  }
}

interface Armed {
  spec: FaultSpec;
  remaining: number;
}

const SERVER_ERROR_STATUSES = new Set([500, 502, 503, 504]);
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Checks a spec and returns a normalized copy (method upper-cased, defaults applied).
 *
 * @throws {TypeError} for an unknown kind, a bad `times`, `status`, `delayMs`, `retryAfter`
 *   or `match`.
 */
export function normalizeFaultSpec(spec: FaultSpec): FaultSpec {
  if (typeof spec !== "object" || spec === null) {
    throw new TypeError("fault spec must be an object");
  }
  if (!FAULT_KINDS.includes(spec.kind)) {
    throw new TypeError(`unknown fault kind ${JSON.stringify(spec.kind)}`);
  }
  const times = spec.times ?? 1;
  if (!(times === Infinity || (Number.isInteger(times) && times >= 1))) {
    throw new TypeError("fault times must be a positive integer or Infinity");
  }
  const out: FaultSpec = { kind: spec.kind, times };
  if (spec.match !== undefined) {
    if (typeof spec.match !== "object" || spec.match === null) {
      throw new TypeError("fault match must be an object");
    }
    const { method, pathPrefix } = spec.match;
    if (method !== undefined && (typeof method !== "string" || !/^[A-Za-z]+$/.test(method))) {
      throw new TypeError("fault match.method must be an HTTP method name");
    }
    if (
      pathPrefix !== undefined && (typeof pathPrefix !== "string" || !pathPrefix.startsWith("/"))
    ) {
      throw new TypeError("fault match.pathPrefix must start with '/'");
    }
    out.match = {
      ...(method === undefined ? {} : { method: method.toUpperCase() }),
      ...(pathPrefix === undefined ? {} : { pathPrefix }),
    };
  }
  if (spec.kind === "server-error") {
    const status = spec.status ?? 500;
    if (!SERVER_ERROR_STATUSES.has(status)) {
      throw new TypeError("server-error status must be 500, 502, 503 or 504");
    }
    out.status = status;
  } else if (spec.status !== undefined) {
    throw new TypeError("status only applies to server-error faults");
  }
  if (spec.retryAfter !== undefined) {
    if (typeof spec.retryAfter !== "string" || !/^[0-9]+s?$/.test(spec.retryAfter)) {
      throw new TypeError("retryAfter must look like '1' or '4s'");
    }
    if (spec.kind !== "rate-limit" && spec.kind !== "server-error") {
      throw new TypeError("retryAfter only applies to rate-limit and server-error faults");
    }
    out.retryAfter = spec.retryAfter;
  }
  if (spec.kind === "latency") {
    const delayMs = spec.delayMs ?? 1000;
    if (typeof delayMs !== "number" || !Number.isFinite(delayMs) || delayMs < 0) {
      throw new TypeError("latency delayMs must be a non-negative finite number");
    }
    out.delayMs = delayMs;
  } else if (spec.delayMs !== undefined) {
    throw new TypeError("delayMs only applies to latency faults");
  }
  return out;
}

/**
 * Holds armed faults. A request takes the first armed fault that matches it, which uses up
 * one of that fault's `times`.
 *
 * Matching rules: `match.method` compares case-insensitively; `match.pathPrefix` is a plain
 * string prefix of the gateway path. A fault without a `pathPrefix` never applies to the token
 * endpoint (so arming "the next request is rate-limited" does not hit the client's token
 * fetch); name `/oauth2/v1/token` as the prefix to fault the token endpoint. An `edit-lock`
 * fault only applies to ZIA requests and, unless `match.method` says otherwise, only to
 * writes (not GET/HEAD/OPTIONS).
 */
export class FaultInjector {
  #armed: Armed[] = [];

  /**
   * Arms a fault.
   *
   * @throws {TypeError} for an invalid spec (see {@link normalizeFaultSpec}).
   */
  add(spec: FaultSpec): void {
    const normalized = normalizeFaultSpec(spec);
    this.#armed.push({ spec: normalized, remaining: normalized.times ?? 1 });
  }

  /** Disarms every fault. */
  clear(): void {
    this.#armed = [];
  }

  /** Number of armed faults that still have uses left. */
  pending(): number {
    return this.#armed.length;
  }

  /** Copies of the armed specs with their remaining uses in `times`. */
  list(): FaultSpec[] {
    return this.#armed.map(({ spec, remaining }) => ({ ...spec, times: remaining }));
  }

  /** Finds the first fault matching `target`, uses it up once and returns it. */
  take(target: FaultTarget): FaultSpec | undefined {
    const index = this.#armed.findIndex(({ spec }) => faultMatches(spec, target));
    if (index < 0) return undefined;
    const armed = this.#armed[index];
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.#armed.splice(index, 1);
    return armed.spec;
  }
}

/** Whether `spec` applies to `target` (see {@link FaultInjector} for the rules). */
export function faultMatches(spec: FaultSpec, target: FaultTarget): boolean {
  const method = target.method.toUpperCase();
  const { match } = spec;
  if (match?.method !== undefined && match.method !== method) return false;
  if (match?.pathPrefix !== undefined) {
    if (!target.path.startsWith(match.pathPrefix)) return false;
  } else if (target.service === "token") {
    return false;
  }
  if (spec.kind === "edit-lock") {
    if (target.service !== "zia") return false;
    if (match?.method === undefined && READ_METHODS.has(method)) return false;
  }
  return true;
}

/** ZIA's per-second / per-minute limits by request weight (API-FACTS §3), for 429 messages. */
function ziaLimitText(method: string): string {
  switch (method) {
    case "GET":
    case "HEAD":
      return "2/SECOND";
    case "DELETE":
      return "1/MINUTE";
    default:
      return "1/SECOND";
  }
}

/** Body + headers of a 429 in the recorded form of `service`. */
export function rateLimitResponse(
  service: ServiceName,
  method: string,
  retryAfter?: string,
): Response {
  if (service === "zpa") {
    const header = retryAfter ?? "1s";
    return jsonResponse(
      429,
      {
        exception: "invalid.toomanyrequests",
        id: "invalid.toomanyrequests",
        reason: "Exceeded the number of requests allowed.",
      },
      ZPA_CONTENT_TYPE,
      { "retry-after": header },
    );
  }
  const header = retryAfter ?? "1";
  const seconds = header.replace(/s$/, "");
  if (service === "zia") {
    return jsonResponse(
      429,
      {
        message: `Rate Limit (${ziaLimitText(method.toUpperCase())}) exceeded`,
        "Retry-After": `${seconds} seconds`,
      },
      ZIA_CONTENT_TYPE,
      { "retry-after": header },
    );
  }
  if (service === "token") {
    return jsonResponse(
      429,
      { error: "rate_limited", error_description: "Too many token requests." },
      "application/json;charset=UTF-8",
      { "retry-after": header },
    );
  }
  return jsonResponse(
    429,
    { detail: "too many requests", type: "", title: "", status: "" },
    "application/json",
    { "retry-after": header },
  );
}

/** Body + headers of a 5xx in the form of `service`. */
export function serverErrorResponse(
  service: ServiceName,
  status: number,
  retryAfter?: string,
): Response {
  if (service === "zpa") {
    if (status === 503) {
      return jsonResponse(
        503,
        {
          id: "retryable.server.error",
          reason: "The service is temporarily unavailable, please retry.",
          params: [],
        },
        ZPA_CONTENT_TYPE,
        { "retry-after": retryAfter ?? "10s" },
      );
    }
    return jsonResponse(
      status,
      { id: "internal.server.error", reason: "Internal server error.", params: [] },
      ZPA_CONTENT_TYPE,
      retryAfter === undefined ? {} : { "retry-after": retryAfter },
    );
  }
  const headers: HeadersInit = retryAfter === undefined ? {} : { "retry-after": retryAfter };
  if (service === "zia") {
    return jsonResponse(
      status,
      { code: "UNEXPECTED_ERROR", message: "An unexpected error occurred." },
      ZIA_CONTENT_TYPE,
      headers,
    );
  }
  if (service === "token") {
    return jsonResponse(
      status,
      { error: "server_error", error_description: "The server encountered an error." },
      "application/json;charset=UTF-8",
      headers,
    );
  }
  return jsonResponse(
    status,
    { detail: "server error", type: "", title: "", status: "" },
    "application/json",
    headers,
  );
}

/** The recorded ZIA edit-lock conflict: 409 `{"code":"EDIT_LOCK_NOT_AVAILABLE"}`. */
export function editLockResponse(): Response {
  return jsonResponse(409, { code: "EDIT_LOCK_NOT_AVAILABLE" }, ZIA_CONTENT_TYPE);
}

/** A 200 whose JSON body is cut off mid-value. */
export function malformedJsonResponse(service: ServiceName): Response {
  const [body, contentType] = service === "zpa"
    ? ['{"totalPages":"1","totalCount":"5","list":[{"id":"2161962573', ZPA_CONTENT_TYPE]
    : service === "token"
    ? ['{"access_token":"eyJhbGciOiJIUzI1NiJ9.eyJz', "application/json;charset=UTF-8"]
    : ['[{"id":1690001,"name":"Block Soc', ZIA_CONTENT_TYPE];
  return new Response(body, { status: 200, headers: { "content-type": contentType } });
}

/** Renders a fault that produces a response by itself; latency and drop return undefined. */
export function faultResponse(
  spec: FaultSpec,
  service: ServiceName,
  method: string,
): Response | undefined {
  switch (spec.kind) {
    case "rate-limit":
      return rateLimitResponse(service, method, spec.retryAfter);
    case "server-error":
      return serverErrorResponse(service, spec.status ?? 500, spec.retryAfter);
    case "edit-lock":
      return editLockResponse();
    case "malformed-json":
      return malformedJsonResponse(service);
    default:
      return undefined;
  }
}
