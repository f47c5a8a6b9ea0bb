/**
 * RFC 9728 OAuth Protected Resource Metadata for the MCP endpoint, served at both
 * `/.well-known/oauth-protected-resource` and its path-aware form
 * `/.well-known/oauth-protected-resource/mcp`.
 *
 * @module
 */

import { jsonResponse } from "../server/responses.ts";
import { NAME } from "../version.ts";
import { oidcProtectedResourceMetadata } from "./oidc/mod.ts";
import { RESOURCE_PATH } from "./refusal.ts";
import type { AuthSettings } from "./types.ts";

/** The well-known prefix of RFC 9728. */
export const WELL_KNOWN_PREFIX = "/.well-known/oauth-protected-resource";

/** The path-aware metadata path of the MCP endpoint: `/.well-known/oauth-protected-resource/mcp`. */
export function resourceMetadataPath(): string {
  return `${WELL_KNOWN_PREFIX}${RESOURCE_PATH}`;
}

/**
 * The metadata document for a server reached at `origin`. In oidc mode it describes the public
 * origin (`OIDCPROXY_BASE_URL`) instead, names it as the authorization server and lists the
 * required scopes.
 */
export function protectedResourceMetadata(
  origin: string,
  settings: AuthSettings,
): Record<string, unknown> {
  if (settings.mode === "oidc" && settings.oidc?.baseUrl) {
    return oidcProtectedResourceMetadata(settings.oidc.baseUrl, settings.oidc.requiredScopes ?? []);
  }
  const document: Record<string, unknown> = { resource: `${origin}${RESOURCE_PATH}` };
  const issuer = settings.issuer?.trim();
  if (settings.mode === "jwt" && issuer) document.authorization_servers = [issuer];
  document.bearer_methods_supported = ["header"];
  document.resource_name = NAME;
  return document;
}

/**
 * RFC 9728 metadata document response for GET on either well-known path
 * (`/.well-known/oauth-protected-resource` and `…/mcp`), or undefined for other paths.
 * `resource` = `${origin}/mcp` from the request URL; `authorization_servers: [issuer]` in jwt
 * mode when an issuer is set; `bearer_methods_supported: ["header"]`;
 * `resource_name: "zscaler-mcp"`. HEAD answers the headers only; other methods get `405`.
 */
export function protectedResourceMetadataResponse(
  request: Request,
  settings: AuthSettings,
): Response | undefined {
  const url = new URL(request.url);
  const path = url.pathname.length > 1 && url.pathname.endsWith("/")
    ? url.pathname.slice(0, -1)
    : url.pathname;
  if (path !== WELL_KNOWN_PREFIX && path !== resourceMetadataPath()) return undefined;
  if (request.method !== "GET" && request.method !== "HEAD") {
    return jsonResponse(405, { error: "method not allowed" }, { allow: "GET, HEAD" });
  }
  const response = jsonResponse(200, protectedResourceMetadata(url.origin, settings));
  if (request.method === "HEAD") {
    return new Response(null, { status: 200, headers: response.headers });
  }
  return response;
}
