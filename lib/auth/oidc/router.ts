/**
 * The OAuth endpoints of oidc mode, as one web-standard `Request → Response | undefined`
 * function: `undefined` for every path that is not one of them.
 *
 * | path | method | what |
 * |---|---|---|
 * | `/.well-known/oauth-authorization-server` | GET, HEAD | RFC 8414 metadata |
 * | `/register` | POST (JSON) | RFC 7591 dynamic client registration |
 * | `/authorize` | GET | authorization request → consent page |
 * | `/authorize/decision` | POST (form) | the user's answer |
 * | `/auth/callback` | GET | the identity provider's answer |
 * | `/token` | POST (form) | code and refresh grants |
 * | `/revoke` | POST (form) | RFC 7009 revocation |
 *
 * @module
 */

import { jsonResponse } from "../../server/responses.ts";
import { handleAuthorize, handleDecision } from "./authorize.ts";
import { handleCallback } from "./callback.ts";
import type { OidcContext } from "./context.ts";
import { AUTHORIZATION_SERVER_METADATA_PATH, authorizationServerMetadata } from "./metadata.ts";
import { handleRegister } from "./registration.ts";
import { methodNotAllowed, oauthError } from "./responses.ts";
import { handleRevoke } from "./revoke.ts";
import { handleToken } from "./token_endpoint.ts";

/** POST paths whose body is `application/x-www-form-urlencoded`. */
export const FORM_PATHS: readonly string[] = Object.freeze([
  "/token",
  "/revoke",
  "/authorize/decision",
]);

/** The path the identity provider sends browsers back to. */
export const CALLBACK_PATH = "/auth/callback";

type Handler = (request: Request, ctx: OidcContext) => Promise<Response>;

const ROUTES: Record<string, { method: "GET" | "POST"; handler: Handler }> = {
  "/register": { method: "POST", handler: handleRegister },
  "/authorize": { method: "GET", handler: handleAuthorize },
  "/authorize/decision": { method: "POST", handler: handleDecision },
  [CALLBACK_PATH]: { method: "GET", handler: handleCallback },
  "/token": { method: "POST", handler: handleToken },
  "/revoke": { method: "POST", handler: handleRevoke },
};

/** The router over `ctx`. */
export function createOAuthRouter(
  ctx: OidcContext,
): (request: Request) => Promise<Response | undefined> {
  const metadata = authorizationServerMetadata(ctx.settings);
  return async (request: Request): Promise<Response | undefined> => {
    const path = new URL(request.url).pathname;
    if (path === AUTHORIZATION_SERVER_METADATA_PATH) {
      if (request.method !== "GET" && request.method !== "HEAD") {
        return methodNotAllowed("GET, HEAD");
      }
      const response = jsonResponse(200, metadata);
      return request.method === "HEAD"
        ? new Response(null, { status: 200, headers: response.headers })
        : response;
    }
    const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
    if (!route) return undefined;
    if (request.method !== route.method) return methodNotAllowed(route.method);
    try {
      return await route.handler(request, ctx);
    } catch (error) {
      ctx.logger.error("oauth endpoint failed", {
        path,
        error: error instanceof Error ? error.name : "unknown",
      });
      return oauthError(500, "server_error", "the request could not be completed");
    }
  };
}
