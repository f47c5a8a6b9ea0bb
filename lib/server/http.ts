/**
 * Streamable HTTP on `Deno.serve`: `/health`, and `/mcp` routed by protocol era — 2026-07-28
 * requests to the SDK's stateless handler, 2025-11-25 requests to the session-keeping route.
 *
 * @module
 */

import {
  createMcpHandler,
  hostHeaderValidationResponse,
  isLegacyRequest,
  localhostAllowedHostnames,
  type McpServerFactory,
} from "@modelcontextprotocol/server";
import type { Logger } from "../log.ts";
import { jsonResponse } from "./responses.ts";
import { LegacySessions } from "./sessions.ts";

/** Largest request body the MCP endpoint reads (bytes). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The path of the MCP endpoint. */
export const MCP_PATH = "/mcp";

/** Options of {@link createHttpHandler}. */
export interface HttpHandlerOptions {
  sessionTtlMs: number;
  maxSessions: number;
  logger: Logger;
}

/** The composed HTTP handler and its teardown hooks. */
export interface HttpHandler {
  fetch(request: Request): Promise<Response>;
  sessions: LegacySessions;
  /** Ends long-lived streams so a graceful shutdown can complete. */
  closeStreams(): void;
  close(): Promise<void>;
}

/**
 * Refuses a cross-origin request: a browser page on another origin must not drive the server
 * (MCP transport security). Requests without `Origin` (non-browser clients) pass.
 */
function originRefusal(request: Request): Response | undefined {
  const origin = request.headers.get("origin");
  if (origin === null || origin === new URL(request.url).origin) return undefined;
  return jsonResponse(403, {
    jsonrpc: "2.0",
    error: { code: -32000, message: "Forbidden: cross-origin requests are not allowed" },
    id: null,
  });
}

/** Builds the request handler (a web-standard `Request → Response` function). */
export function createHttpHandler(
  factory: McpServerFactory,
  options: HttpHandlerOptions,
): HttpHandler {
  const onerror = (error: Error) =>
    options.logger.debug("mcp transport error", { error: error.message });
  const modern = createMcpHandler(factory, {
    legacy: "reject",
    maxRequestBodySize: MAX_BODY_BYTES,
    onerror,
  });
  const sessions = new LegacySessions(factory, {
    ttlMs: options.sessionTtlMs,
    max: options.maxSessions,
    maxBodyBytes: MAX_BODY_BYTES,
    logger: options.logger,
  });
  const allowedHosts = localhostAllowedHostnames();

  async function fetch(request: Request): Promise<Response> {
    const refused = hostHeaderValidationResponse(request, allowedHosts);
    if (refused) return refused;
    const { pathname } = new URL(request.url);
    if (pathname === "/health") {
      return request.method === "GET" || request.method === "HEAD"
        ? jsonResponse(200, { status: "ok" })
        : jsonResponse(405, { error: "method not allowed" }, { allow: "GET, HEAD" });
    }
    if (pathname !== MCP_PATH) return jsonResponse(404, { error: "not found" });
    const crossOrigin = originRefusal(request);
    if (crossOrigin) return crossOrigin;
    if (await isLegacyRequest(request, undefined, { maxRequestBodySize: MAX_BODY_BYTES })) {
      return sessions.handle(request);
    }
    return modern.fetch(request);
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
