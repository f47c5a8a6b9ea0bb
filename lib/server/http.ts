/**
 * Streamable HTTP on `Deno.serve`. A request passes, in this order: the network guard (source IP,
 * rate limit, Host, Origin/CORS, size and content type) → `/health`, `/ready` and the RFC 9728
 * metadata → the authenticator's own endpoints (oidc: the OAuth endpoints) → client
 * authentication → `/mcp`, routed by protocol era: 2026-07-28 requests to the SDK's stateless
 * handler, 2025-11-25 requests to the session-keeping route.
 *
 * @module
 */

import {
  type AuthInfo,
  createMcpHandler,
  isLegacyRequest,
  type McpServerFactory,
  readRequestBody,
} from "@modelcontextprotocol/server";
import {
  type Authenticator,
  type AuthSettings,
  type Principal,
  protectedResourceMetadataResponse,
} from "../auth/mod.ts";
import type { HttpSettings } from "../config/mod.ts";
import { type ClientAddress, createNetworkGuard } from "../guard/network.ts";
import { type Logger, withLogContext } from "../log.ts";
import type { WriteAttemptInspector } from "../guard/writes.ts";
import type { ReadinessCheck } from "../lifecycle/ready.ts";
import { principalOf } from "./factory.ts";
import { jsonResponse, jsonRpcError } from "./responses.ts";
import { LegacySessions } from "./sessions.ts";

/** The path of the MCP endpoint. */
export const MCP_PATH = "/mcp";

/** Options of {@link createHttpHandler}. */
export interface HttpHandlerOptions {
  http: HttpSettings;
  auth: AuthSettings;
  authenticator: Authenticator;
  sessionTtlMs: number;
  maxSessions: number;
  logger: Logger;
  inspectWrites: WriteAttemptInspector;
  /** Answers `GET /ready`; without it `/ready` is always 503 (nothing says the server is ready). */
  ready?: ReadinessCheck;
}

/** The composed HTTP handler and its teardown hooks. */
export interface HttpHandler {
  fetch(request: Request, client: ClientAddress): Promise<Response>;
  sessions: LegacySessions;
  /** Ends long-lived streams so a graceful shutdown can complete. */
  closeStreams(): void;
  close(): Promise<void>;
}

/**
 * What the SDK hands tools as `ctx.http.authInfo`: the principal, never the credential. The
 * `token` field the SDK type requires carries no secret.
 */
export function authInfoFor(principal: Principal): AuthInfo {
  return {
    token: "[redacted]",
    clientId: principal.id,
    scopes: [...(principal.scopes ?? [])],
    extra: { principal },
  };
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  if (Object.keys(headers).length === 0) return response;
  const merged = new Headers(response.headers);
  for (const [name, value] of Object.entries(headers)) merged.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: merged,
  });
}

/** Builds the request handler (a web-standard `Request → Response` function plus the client). */
export function createHttpHandler(
  factory: McpServerFactory,
  options: HttpHandlerOptions,
): HttpHandler {
  const { logger, authenticator } = options;
  const onerror = (error: Error) => logger.debug("mcp transport error", { error: error.message });
  const modern = createMcpHandler(factory, {
    legacy: "reject",
    maxRequestBodySize: options.http.maxBodyBytes,
    onerror,
  });
  const sessions = new LegacySessions(factory, {
    ttlMs: options.sessionTtlMs,
    max: options.maxSessions,
    maxBodyBytes: options.http.maxBodyBytes,
    logger,
  });
  const guard = createNetworkGuard(options.http, logger, { routes: authenticator.guardRoutes });

  async function route(request: Request): Promise<Response> {
    let pathname: string;
    try {
      // With Host validation off, Deno may hand over a URL built from a malformed Host.
      pathname = new URL(request.url).pathname;
    } catch {
      return jsonResponse(400, { error: "bad request", reason: "malformed request target" });
    }
    if (pathname === "/health") {
      return request.method === "GET" || request.method === "HEAD"
        ? jsonResponse(200, { status: "ok" })
        : jsonResponse(405, { error: "method not allowed" }, { allow: "GET, HEAD" });
    }
    if (pathname === "/ready") {
      if (request.method !== "GET" && request.method !== "HEAD") {
        return jsonResponse(405, { error: "method not allowed" }, { allow: "GET, HEAD" });
      }
      const readiness = options.ready
        ? await options.ready()
        : { ready: false as const, reason: "no readiness check is configured" };
      return readiness.ready
        ? jsonResponse(200, { status: "ready" })
        : jsonResponse(503, { status: "not_ready", reason: readiness.reason });
    }
    const metadata = protectedResourceMetadataResponse(request, options.auth);
    if (metadata) return metadata;
    // oidc mode's OAuth endpoints (registration, authorize, callback, token, revoke, RFC 8414).
    const oauth = await authenticator.handleOAuthRequest?.(request);
    if (oauth) return oauth;
    if (pathname !== MCP_PATH) return jsonResponse(404, { error: "not found" });
    const outcome = await authenticator.authenticate(request);
    if (!outcome.ok) return outcome.response;
    const authInfo = authInfoFor(outcome.principal);
    const maxRequestBodySize = options.http.maxBodyBytes;
    // The body is read and parsed once, here, and handed to the SDK as parsedBody.
    let parsedBody: unknown;
    if (request.method === "POST") {
      const body = await readRequestBody(request, maxRequestBodySize);
      if (body.tooLarge) {
        return jsonRpcError(413, -32000, `Payload Too Large: at most ${maxRequestBodySize} bytes`);
      }
      try {
        parsedBody = JSON.parse(body.text);
      } catch {
        return jsonRpcError(400, -32700, "Parse error: the body is not valid JSON");
      }
      options.inspectWrites(parsedBody, principalOf(authInfo));
    }
    if (await isLegacyRequest(request, parsedBody, { maxRequestBodySize })) {
      return sessions.handle(request, outcome.principal, authInfo, parsedBody);
    }
    return modern.fetch(request, { authInfo, parsedBody });
  }

  async function fetch(request: Request, client: ClientAddress): Promise<Response> {
    const refused = guard.check(request, client);
    if (refused) return refused;
    const response = await withLogContext({ client: client.hostname }, () => route(request));
    return withHeaders(response, guard.corsHeaders(request));
  }

  return {
    fetch,
    sessions,
    closeStreams: () => sessions.closeStreams(),
    close: async () => {
      await sessions.closeAll();
      await modern.close();
    },
  };
}
