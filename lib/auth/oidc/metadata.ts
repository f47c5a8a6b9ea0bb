/**
 * The discovery documents of oidc mode: RFC 8414 authorization server metadata for this server
 * (which is the authorization server its clients see) and RFC 9728 protected resource metadata
 * naming it.
 *
 * @module
 */

import { NAME } from "../../version.ts";
import { RESOURCE_PATH } from "../refusal.ts";
import type { ResolvedOidcSettings } from "./settings.ts";

/** The path of the RFC 8414 metadata document (the issuer has no path). */
export const AUTHORIZATION_SERVER_METADATA_PATH = "/.well-known/oauth-authorization-server";

/** The RFC 8414 authorization server metadata. */
export function authorizationServerMetadata(
  settings: Pick<ResolvedOidcSettings, "baseUrl" | "requiredScopes">,
): Record<string, unknown> {
  const base = settings.baseUrl;
  return {
    issuer: base,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/token`,
    registration_endpoint: `${base}/register`,
    revocation_endpoint: `${base}/revoke`,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
    revocation_endpoint_auth_methods_supported: [
      "none",
      "client_secret_basic",
      "client_secret_post",
    ],
    scopes_supported: [...settings.requiredScopes],
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: true,
  };
}

/**
 * The RFC 9728 protected resource metadata of `<base>/mcp`, for the public origin `baseUrl`
 * (a trailing slash is ignored).
 */
export function oidcProtectedResourceMetadata(
  baseUrl: string,
  requiredScopes: readonly string[],
): Record<string, unknown> {
  const base = new URL(baseUrl).origin;
  return {
    resource: `${base}${RESOURCE_PATH}`,
    authorization_servers: [base],
    scopes_supported: [...new Set(requiredScopes)],
    bearer_methods_supported: ["header"],
    resource_name: NAME,
  };
}
