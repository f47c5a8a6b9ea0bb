/**
 * Browser origins: strict parsing and normalization, and the CORS headers this server sends.
 *
 * @module
 */

import { defaultPort, parseAuthority, urlAuthority } from "./network_host.ts";

/** Methods a cross-origin page may use (the MCP endpoint's methods). */
export const CORS_ALLOW_METHODS = "GET, POST, DELETE, OPTIONS";

/**
 * Request headers a cross-origin page may send: the MCP transport's headers (including the
 * 2026-07-28 `Mcp-Method` / `Mcp-Name`) and the client-auth headers. Requested `mcp-*` headers
 * (SEP-2243 `Mcp-Param-{Name}`) are echoed on top of these.
 */
export const CORS_ALLOW_HEADERS: readonly string[] = [
  "authorization",
  "content-type",
  "mcp-protocol-version",
  "mcp-session-id",
  "mcp-method",
  "mcp-name",
  "last-event-id",
  "x-api-key",
  "x-zscaler-client-id",
  "x-zscaler-client-secret",
];

/** Response headers a cross-origin page may read. */
export const CORS_EXPOSE_HEADERS = "mcp-session-id, www-authenticate, retry-after";

/** Seconds a browser may cache a preflight answer. */
export const CORS_MAX_AGE = "600";

const ORIGIN = /^([a-z][a-z0-9+.-]*):\/\/([^/?#@\\\s]+)$/i;
const MCP_HEADER = /^mcp-[a-z0-9-]{1,100}$/;
const MAX_ECHOED_HEADERS = 32;

function serialize(scheme: string, authority: string): string | undefined {
  const lower = scheme.toLowerCase();
  if (lower !== "http" && lower !== "https") return undefined;
  const parsed = parseAuthority(authority);
  if (parsed === undefined) return undefined;
  const port = parsed.port === undefined || parsed.port === defaultPort(lower)
    ? ""
    : `:${parsed.port}`;
  return `${lower}://${parsed.hostname}${port}`;
}

/**
 * Normalizes an origin written exactly as `scheme://host[:port]` (http or https): lower-case
 * scheme and host, canonical IPv6, default port dropped. `undefined` for anything else, including
 * `null`, `*`, paths, a trailing slash, query, fragment and userinfo.
 */
export function normalizeOrigin(value: string): string | undefined {
  const match = ORIGIN.exec(value);
  return match ? serialize(match[1], match[2]) : undefined;
}

/** The origin of a request's own URL (for the same-origin test); `undefined` if unreadable. */
export function requestOrigin(request: Request): string | undefined {
  const parts = urlAuthority(request.url);
  return parts ? serialize(parts.scheme, parts.authority) : undefined;
}

/** Says why `origin` cannot be an allowed origin, or `undefined` when it can. */
export function originProblem(origin: string): string | undefined {
  if (normalizeOrigin(origin) !== undefined) return undefined;
  const shown = JSON.stringify(origin);
  if (origin === "*" || origin.toLowerCase() === "null") {
    return `${shown} is not allowed; list each origin exactly (e.g. https://app.example.com)`;
  }
  return `${shown} is not an origin: write scheme://host[:port] with http or https and ` +
    `nothing after it, not even a slash (e.g. https://app.example.com)`;
}

/** The headers of an allowed cross-origin (non-preflight) response. */
export function corsResponseHeaders(origin: string): Record<string, string> {
  return {
    "access-control-allow-origin": origin,
    "vary": "Origin",
    "access-control-expose-headers": CORS_EXPOSE_HEADERS,
  };
}

/**
 * The allowed request headers for a preflight: the fixed list plus requested `mcp-*` names (at
 * most 32, each a plain token), so a page can send the SEP-2243 `Mcp-Param-*` headers.
 */
export function preflightAllowHeaders(requested: string | null): string {
  const names = new Set(CORS_ALLOW_HEADERS);
  let echoed = 0;
  for (const raw of (requested ?? "").split(",")) {
    const name = raw.trim().toLowerCase();
    if (echoed >= MAX_ECHOED_HEADERS) break;
    if (MCP_HEADER.test(name) && !names.has(name)) {
      names.add(name);
      echoed++;
    }
  }
  return [...names].join(", ");
}

/** The 204 answer to a preflight from an allowed origin. */
export function preflightResponse(origin: string, request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      "access-control-allow-origin": origin,
      "vary": "Origin, Access-Control-Request-Headers",
      "access-control-allow-methods": CORS_ALLOW_METHODS,
      "access-control-allow-headers": preflightAllowHeaders(
        request.headers.get("access-control-request-headers"),
      ),
      "access-control-expose-headers": CORS_EXPOSE_HEADERS,
      "access-control-max-age": CORS_MAX_AGE,
    },
  });
}
