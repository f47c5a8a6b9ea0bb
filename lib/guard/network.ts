/**
 * The network guard: everything on the HTTP path before client authentication, in this order —
 * source-IP ACL → rate limit → Host allowlist → Origin/CORS → size and content type. Each step
 * passes or returns the refusal; the first refusal wins, so a cheaper, earlier check always
 * decides before a later one reads more of the request.
 *
 * @module
 */

import type { Logger } from "../log.ts";
import { jsonResponse, jsonRpcError } from "../server/responses.ts";
import {
  compileHostPattern,
  defaultPort,
  type HostPattern,
  hostPatternProblem,
  parseAuthority,
  patternMatches,
  urlAuthority,
} from "./network_host.ts";
import {
  addressKey,
  type IpRange,
  parseClientAddress,
  parseSourceEntry,
  rangeContains,
} from "./network_ip.ts";
import {
  corsResponseHeaders,
  normalizeOrigin,
  originProblem,
  preflightResponse,
  requestOrigin,
} from "./network_origin.ts";
import { RateLimiter } from "./network_rate.ts";

export { defaultAllowedHosts, hostPatternProblem } from "./network_host.ts";
export { originProblem } from "./network_origin.ts";
export { type RateDecision, RateLimiter, type RateLimiterOptions } from "./network_rate.ts";

/** The network policy, already validated by config. */
export interface NetworkPolicy {
  /** Host header patterns (names or globs like "*.corp.example", with or without ":port"); null = host validation disabled. */
  allowedHosts: readonly string[] | null;
  /** Exact browser origins allowed (e.g. "https://app.example.com"); empty = no cross-origin access at all. */
  allowedOrigins: readonly string[];
  /** IPv4/IPv6 addresses or CIDRs; null = any source. */
  allowedSourceIps: readonly string[] | null;
  /** Largest request body in bytes. */
  maxBodyBytes: number;
  /** Requests per minute per client address; 0 = no limit. */
  rateLimitPerMinute: number;
}

/**
 * Exceptions to the Origin and content-type steps that endpoints beside `/mcp` need (oidc mode's
 * OAuth endpoints). Every other path keeps the strict rules.
 */
export interface GuardRoutes {
  /** POST paths whose body must be `application/x-www-form-urlencoded` instead of JSON. */
  formPaths?: readonly string[];
  /**
   * Origins that are this server's own (its public origin behind a proxy, which differs from
   * the address the request arrives on): treated as same-origin on every path.
   */
  ownOrigins?: readonly string[];
  /** Extra origins accepted on one exact path only (e.g. the identity provider's, on a callback). */
  pathOrigins?: Readonly<Record<string, readonly string[]>>;
}

/** Where a request came from (Deno.serve's info.remoteAddr). */
export interface ClientAddress {
  hostname: string;
  port?: number;
}

/** The guard built from a {@link NetworkPolicy}. */
export interface NetworkGuard {
  /**
   * Runs the checks in order; undefined = pass. Preflight (OPTIONS with Origin +
   * Access-Control-Request-Method) from an allowed origin is ANSWERED here (204 with CORS
   * headers) — so a Response is returned for it too; callers just return whatever comes back.
   */
  check(request: Request, client: ClientAddress): Response | undefined;
  /** CORS headers to add to a normal response for this request (empty object when no allowed Origin). */
  corsHeaders(request: Request): Record<string, string>;
}

/** Says why `entry` cannot be a source-address allowlist entry, or `undefined` when it can. */
export function sourceIpProblem(entry: string): string | undefined {
  const parsed = parseSourceEntry(entry);
  return "problem" in parsed ? parsed.problem : undefined;
}

/** Every problem of a policy, one line each (empty when it is usable). */
export function networkPolicyProblems(policy: NetworkPolicy): string[] {
  const problems: string[] = [];
  const collect = (setting: string, entries: readonly string[], check: typeof sourceIpProblem) => {
    for (const entry of entries) {
      const problem = check(entry);
      if (problem !== undefined) problems.push(`${setting}: ${problem}`);
    }
  };
  if (policy.allowedHosts !== null) {
    if (policy.allowedHosts.length === 0) {
      problems.push("allowedHosts: the list is empty, so no request could pass");
    }
    collect("allowedHosts", policy.allowedHosts, hostPatternProblem);
  }
  collect("allowedOrigins", policy.allowedOrigins, originProblem);
  if (policy.allowedSourceIps !== null) {
    if (policy.allowedSourceIps.length === 0) {
      problems.push("allowedSourceIps: the list is empty, so no client could connect");
    }
    collect("allowedSourceIps", policy.allowedSourceIps, sourceIpProblem);
  }
  if (!Number.isSafeInteger(policy.maxBodyBytes) || policy.maxBodyBytes < 1) {
    problems.push("maxBodyBytes: must be a positive integer");
  }
  if (!Number.isSafeInteger(policy.rateLimitPerMinute) || policy.rateLimitPerMinute < 0) {
    problems.push("rateLimitPerMinute: must be a non-negative integer (0 = no limit)");
  }
  return problems;
}

/** Longest excerpt of a request value that goes into a log line. */
const LOG_EXCERPT = 100;

/** A request value made safe for a log line: truncated, then JSON-quoted. */
function excerpt(value: string): string {
  return JSON.stringify(value.length > LOG_EXCERPT ? `${value.slice(0, LOG_EXCERPT)}…` : value);
}

const PATH = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i;

function forbiddenSource(): Response {
  return jsonResponse(403, { error: "forbidden", reason: "source address not allowed" });
}

/** A refusal found by one step, before it is logged. */
interface Refusal {
  response: Response;
  reason: string;
  fields?: Record<string, unknown>;
}

/**
 * Builds the guard. The policy is checked again here and a bad one throws: config validates it
 * first, so this only fails on a programming error — and then nothing starts listening.
 * `options.routes` lets the OAuth endpoints through (see {@linkcode GuardRoutes}).
 */
export function createNetworkGuard(
  policy: NetworkPolicy,
  logger: Logger,
  options: { now?: () => number; routes?: GuardRoutes } = {},
): NetworkGuard {
  const problems = networkPolicyProblems(policy);
  if (problems.length > 0) throw new TypeError(`invalid network policy: ${problems.join("; ")}`);

  const ranges: IpRange[] | null = policy.allowedSourceIps?.map((entry) => {
    const parsed = parseSourceEntry(entry);
    if ("problem" in parsed) throw new TypeError(parsed.problem);
    return parsed.range;
  }) ?? null;
  const hosts: HostPattern[] | null = policy.allowedHosts?.map(compileHostPattern) ?? null;
  const origins = new Set(policy.allowedOrigins.map((origin) => normalizeOrigin(origin)!));
  const normalizeAll = (list: readonly string[] | undefined, what: string) =>
    new Set((list ?? []).map((origin) => {
      const normalized = normalizeOrigin(origin);
      if (normalized === undefined) throw new TypeError(`invalid ${what} origin`);
      return normalized;
    }));
  const ownOrigins = normalizeAll(options.routes?.ownOrigins, "own");
  const pathOrigins = new Map(
    Object.entries(options.routes?.pathOrigins ?? {}).map(([path, list]) => [
      path,
      normalizeAll(list, "path"),
    ]),
  );
  const formPaths = new Set(options.routes?.formPaths ?? []);
  const limiter = policy.rateLimitPerMinute > 0
    ? new RateLimiter({ limit: policy.rateLimitPerMinute, now: options.now })
    : undefined;

  /**
   * The Host step. The authority checked is the one `Deno.serve` put in `request.url` (HTTP/2's
   * `:authority`, an absolute-form target, or else the Host header) and, when present, the Host
   * header as well — both must be well-formed and allowed. A request without a Host header is
   * therefore judged by its URL authority: HTTP/2 requests carry no Host header at all, and an
   * HTTP/1.x request without one gets `localhost:<port>` from Deno. That is safe for the
   * DNS-rebinding defence, whose only vehicle is a browser, and browsers always send the name.
   * Every failure here, malformed included, is a 403 rather than a 400: the answer is the same
   * whatever is wrong, and it never echoes the offending value.
   */
  function hostStep(request: Request): Refusal | undefined {
    if (hosts === null) return undefined;
    const target = urlAuthority(request.url);
    const refusal = (reason: string, value?: string): Refusal => ({
      response: jsonRpcError(403, -32000, "Forbidden: Host not allowed"),
      reason,
      fields: value === undefined ? undefined : { host: excerpt(value) },
    });
    if (target === undefined) return refusal("host-malformed");
    const header = request.headers.get("host");
    const port = defaultPort(target.scheme);
    for (
      const candidate of new Set(header === null ? [target.authority] : [header, target.authority])
    ) {
      const authority = parseAuthority(candidate);
      if (authority === undefined) return refusal("host-malformed", candidate);
      if (!hosts.some((pattern) => patternMatches(pattern, authority, port))) {
        return refusal("host-not-allowed", candidate);
      }
    }
    return undefined;
  }

  /**
   * True when the Origin is allowed: listed, the request's own origin, this server's public
   * origin, or one accepted on the request's path.
   */
  function allowedOrigin(request: Request, origin: string): boolean {
    const normalized = normalizeOrigin(origin);
    if (normalized === undefined) return false;
    if (origins.has(normalized) || ownOrigins.has(normalized)) return true;
    if (normalized === requestOrigin(request)) return true;
    const path = PATH.exec(request.url)?.[1];
    return path !== undefined && (pathOrigins.get(path)?.has(normalized) ?? false);
  }

  /**
   * The Origin step (MCP transport security: servers MUST validate Origin and answer 403 when it
   * is invalid). No Origin = not a browser, passes. `Origin: null` (sandboxed frames, file pages,
   * some redirects) never passes. A preflight from an allowed origin is answered here.
   */
  function originStep(request: Request): Refusal | Response | undefined {
    const origin = request.headers.get("origin");
    if (origin === null) return undefined;
    const preflight = request.method === "OPTIONS" &&
      request.headers.has("access-control-request-method");
    if (!allowedOrigin(request, origin)) {
      return {
        response: jsonRpcError(403, -32000, "Forbidden: Origin not allowed"),
        reason: preflight ? "preflight-origin-not-allowed" : "origin-not-allowed",
        fields: { origin: excerpt(origin) },
      };
    }
    return preflight ? preflightResponse(origin, request) : undefined;
  }

  /**
   * The size and content-type step. Only a declared `Content-Length` can be judged here, before
   * the body is read; a chunked body has none and is bounded while it is read, by the MCP
   * handler's `maxRequestBodySize`.
   */
  function bodyStep(request: Request): Refusal | undefined {
    const length = request.headers.get("content-length");
    if (length !== null) {
      if (!/^\d+$/.test(length)) {
        return {
          response: jsonRpcError(400, -32000, "Bad Request: invalid Content-Length"),
          reason: "bad-content-length",
          fields: { content_length: excerpt(length) },
        };
      }
      if (Number(length) > policy.maxBodyBytes) {
        return {
          response: jsonRpcError(
            413,
            -32000,
            `Payload Too Large: Request body must not exceed ${policy.maxBodyBytes} bytes`,
          ),
          reason: "body-too-large",
          fields: { content_length: excerpt(length) },
        };
      }
    }
    if (request.method === "POST") {
      const type = request.headers.get("content-type");
      const media = type?.split(";", 1)[0].trim().toLowerCase();
      const path = PATH.exec(request.url)?.[1];
      const expected = path !== undefined && formPaths.has(path)
        ? "application/x-www-form-urlencoded"
        : "application/json";
      if (media !== expected) {
        return {
          response: jsonRpcError(
            415,
            -32000,
            `Unsupported Media Type: Content-Type must be ${expected}`,
          ),
          reason: "unsupported-media-type",
          fields: { content_type: type === null ? undefined : excerpt(type) },
        };
      }
    }
    return undefined;
  }

  function refuse(request: Request, client: string, refusal: Refusal): Response {
    const path = PATH.exec(request.url)?.[1];
    logger.warn("request refused", {
      client,
      reason: refusal.reason,
      method: request.method,
      path: path === undefined ? undefined : excerpt(path),
      ...refusal.fields,
    });
    return refusal.response;
  }

  function check(request: Request, client: ClientAddress): Response | undefined {
    const address = parseClientAddress(client.hostname);
    if (address === undefined) {
      // Deno reports plain IP addresses; anything else is unexplained, so it is refused even when
      // every source is allowed (it could not be rate-limited by address either).
      return refuse(request, excerpt(client.hostname), {
        response: forbiddenSource(),
        reason: "bad-client-address",
      });
    }
    const ip = addressKey(address);
    if (ranges !== null && !ranges.some((range) => rangeContains(range, address))) {
      return refuse(request, ip, { response: forbiddenSource(), reason: "source-ip-not-allowed" });
    }
    if (limiter !== undefined) {
      const decision = limiter.take(ip);
      if (!decision.ok) {
        const seconds = decision.retryAfterSeconds;
        return refuse(request, ip, {
          response: jsonRpcError(429, -32000, "Too Many Requests: rate limit exceeded", {
            "retry-after": String(seconds),
          }),
          reason: "rate-limited",
          fields: { retry_after: seconds },
        });
      }
    }
    const host = hostStep(request);
    if (host !== undefined) return refuse(request, ip, host);
    const origin = originStep(request);
    if (origin instanceof Response) return origin;
    if (origin !== undefined) return refuse(request, ip, origin);
    const body = bodyStep(request);
    if (body !== undefined) return refuse(request, ip, body);
    return undefined;
  }

  function corsHeaders(request: Request): Record<string, string> {
    const origin = request.headers.get("origin");
    if (origin === null) return {};
    const normalized = normalizeOrigin(origin);
    return normalized !== undefined && origins.has(normalized) ? corsResponseHeaders(origin) : {};
  }

  return { check, corsHeaders };
}
