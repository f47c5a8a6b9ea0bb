/**
 * Scopes: which a client may ask for and is granted, and the check every `/mcp` request passes —
 * a valid token that lacks a required scope is answered `403 insufficient_scope` (RFC 6750
 * §3.1), naming the scopes needed, so the client can ask for them.
 *
 * @module
 */

import { jsonResponse } from "../../server/responses.ts";
import { isScopeToken } from "./settings.ts";

/** OpenID Connect scopes a client may send; they are passed over, never granted. */
export const OIDC_SCOPES: readonly string[] = Object.freeze([
  "openid",
  "profile",
  "email",
  "offline_access",
]);

/**
 * The scopes granted for a request asking for `requested` (space-separated; undefined when the
 * client did not say). Scopes this server does not know are refused; OpenID Connect scopes are
 * passed over; asking for none of the server's scopes grants all of them.
 */
export function grantableScopes(
  requested: string | undefined,
  supported: readonly string[],
): { ok: true; scopes: string[] } | { ok: false } {
  const asked = (requested ?? "").split(" ").filter((scope) => scope !== "");
  for (const scope of asked) {
    if (!isScopeToken(scope)) return { ok: false };
    if (!supported.includes(scope) && !OIDC_SCOPES.includes(scope)) return { ok: false };
  }
  const chosen = supported.filter((scope) => asked.includes(scope));
  return { ok: true, scopes: chosen.length > 0 ? chosen : [...supported] };
}

/** The scopes of `required` that `held` lacks. */
export function missingScopes(held: readonly string[], required: readonly string[]): string[] {
  return required.filter((scope) => !held.includes(scope));
}

/**
 * `403 insufficient_scope` with `WWW-Authenticate: Bearer error="insufficient_scope",
 * scope="<required>", resource_metadata="<url>"`.
 */
export function insufficientScopeResponse(
  required: readonly string[],
  resourceMetadataUrl: string,
): Response {
  return jsonResponse(
    403,
    {
      error: "insufficient_scope",
      error_description: "the token lacks a scope this server requires",
    },
    {
      "www-authenticate": `Bearer error="insufficient_scope", scope="${required.join(" ")}", ` +
        `resource_metadata="${resourceMetadataUrl}"`,
    },
  );
}
