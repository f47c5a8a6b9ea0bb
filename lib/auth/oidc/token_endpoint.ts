/**
 * `POST /token` (RFC 6749 §3.2, OAuth 2.1): the `authorization_code` grant with PKCE and the
 * `refresh_token` grant with rotation. Answers this server's own access token and a refresh
 * token; the identity provider's tokens never leave the server. Errors are RFC 6749 §5.2 JSON
 * with `Cache-Control: no-store`.
 *
 * @module
 */

import { authenticateClient } from "./client_auth.ts";
import { logRefusal, type OidcContext } from "./context.ts";
import { sameResource } from "./authorize.ts";
import type { Grant } from "./grants.ts";
import { oauthError, oauthJson, readForm, singles } from "./responses.ts";
import { isScopeToken } from "./settings.ts";
import type { ClientRecord } from "./store.ts";

const TOKEN_PARAMS = [
  "grant_type",
  "code",
  "redirect_uri",
  "code_verifier",
  "refresh_token",
  "scope",
  "resource",
] as const;

const GRANT_DESCRIPTIONS: Record<string, string> = {
  code_unknown: "the authorization code is not valid",
  code_other_client: "the authorization code was issued to another client",
  code_replayed: "the authorization code was already used; its tokens are revoked",
  code_expired: "the authorization code has expired",
  code_redirect_uri_mismatch: "redirect_uri does not match the authorization request",
  pkce_verifier_mismatch: "the code_verifier does not match the code_challenge",
  grant_revoked: "the grant was revoked",
  refresh_unknown: "the refresh token is not valid",
  refresh_other_client: "the refresh token was issued to another client",
  refresh_reused: "the refresh token was already used; the whole grant is revoked",
  refresh_expired: "the refresh token has expired",
};

/** `POST /token`. */
export async function handleToken(request: Request, ctx: OidcContext): Promise<Response> {
  const fail = (status: number, error: string, reason: string, description: string) => {
    logRefusal(ctx, "token", reason);
    return oauthError(status, error, description);
  };
  const body = await readForm(request);
  if ("problem" in body) {
    return fail(400, "invalid_request", `body_${body.problem}`, "the form body cannot be read");
  }
  const read = singles(body.form, TOKEN_PARAMS);
  if ("repeated" in read) {
    return fail(400, "invalid_request", `repeated_${read.repeated}`, "a parameter was repeated");
  }
  const params = read.values;
  if (params.grant_type === undefined) {
    return fail(400, "invalid_request", "missing_grant_type", "grant_type is required");
  }
  if (params.grant_type !== "authorization_code" && params.grant_type !== "refresh_token") {
    return fail(
      400,
      "unsupported_grant_type",
      "unsupported_grant_type",
      "grant_type must be authorization_code or refresh_token",
    );
  }
  const auth = await authenticateClient(request, body.form, ctx, "token");
  if (!auth.ok) return auth.response;
  const client = auth.client;
  if (!client.grant_types.includes(params.grant_type)) {
    return fail(
      400,
      "unauthorized_client",
      "grant_type_not_registered",
      "the client is not registered for this grant_type",
    );
  }
  if (params.resource !== undefined && !sameResource(params.resource, ctx.settings.resource)) {
    return fail(400, "invalid_target", "resource_mismatch", "resource must be this server's /mcp");
  }

  let grant: Grant;
  let scopes: readonly string[];
  if (params.grant_type === "authorization_code") {
    const { code, redirect_uri: redirectUri, code_verifier: verifier } = params;
    if (code === undefined || redirectUri === undefined || verifier === undefined) {
      return fail(
        400,
        "invalid_request",
        "missing_code_parameters",
        "code, redirect_uri and code_verifier are required",
      );
    }
    const bound = ctx.grants.codeResource(code);
    if (
      bound !== undefined && params.resource !== undefined && !sameResource(params.resource, bound)
    ) {
      return fail(400, "invalid_target", "resource_mismatch", "resource differs from /authorize");
    }
    const redeemed = ctx.grants.redeemCode(code, {
      clientId: client.client_id,
      redirectUri,
      verifier,
    });
    if (!redeemed.ok) {
      return fail(400, "invalid_grant", redeemed.reason, GRANT_DESCRIPTIONS[redeemed.reason]);
    }
    grant = redeemed.grant;
    scopes = grant.scopes;
  } else {
    if (params.refresh_token === undefined) {
      return fail(400, "invalid_request", "missing_refresh_token", "refresh_token is required");
    }
    const asked = params.scope?.split(" ").filter((scope) => scope !== "");
    if (asked && !asked.every(isScopeToken)) {
      return fail(400, "invalid_scope", "malformed_scope", "scope is malformed");
    }
    const used = ctx.grants.useRefreshToken(params.refresh_token, client.client_id, asked);
    if (!used.ok) {
      if (used.reason === "scope_exceeds_grant") {
        return fail(400, "invalid_scope", used.reason, "scope exceeds what was granted");
      }
      return fail(400, "invalid_grant", used.reason, GRANT_DESCRIPTIONS[used.reason]);
    }
    grant = used.grant;
    scopes = asked && asked.length > 0 ? asked : grant.scopes;
  }
  return await issueTokens(ctx, client, grant, scopes);
}

/** The token response for `grant`: an access token for `scopes` and a rotated refresh token. */
async function issueTokens(
  ctx: OidcContext,
  client: Readonly<ClientRecord>,
  grant: Grant,
  scopes: readonly string[],
): Promise<Response> {
  const issued = await ctx.signer.issue(
    { sub: grant.sub, client_id: client.client_id, scopes },
    ctx.now(),
  );
  ctx.grants.recordAccessToken(issued.jti, grant, issued.exp);
  const body: Record<string, unknown> = {
    access_token: issued.token,
    token_type: "Bearer",
    expires_in: ctx.signer.ttlSeconds,
  };
  if (scopes.length > 0) body.scope = scopes.join(" ");
  if (client.grant_types.includes("refresh_token")) {
    body.refresh_token = ctx.grants.issueRefreshToken(grant);
  }
  try {
    await ctx.store.markUsed(client.client_id);
  } catch (error) {
    ctx.logger.warn("client registry write failed", { error: (error as Error).name });
  }
  ctx.logger.info("oauth tokens issued", { client_id: client.client_id });
  return oauthJson(200, body);
}
