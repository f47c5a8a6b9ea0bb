/**
 * `/mcp` as an OAuth 2.1 resource server. Two kinds of bearer token are accepted:
 *
 * - this server's own access tokens: signature (its ES256 key), `iss` = the public origin, `aud`
 *   = `<base>/mcp`, `typ` `at+jwt`, expiry, and issued by this process and not revoked;
 * - access tokens issued by the identity provider itself, only when `OIDCPROXY_AUDIENCE` is
 *   set: signature (the provider's JWKS, asymmetric algorithms only), `iss` = the provider's
 *   issuer, `aud` containing the audience (RFC 8707 audience binding), expiry. A token with a
 *   `nonce` (an ID token) is never accepted as an access token.
 *
 * Missing or invalid → `401` with `WWW-Authenticate: Bearer realm, resource_metadata` (and
 * `error="invalid_token"` when a token was presented); valid but lacking a required scope →
 * `403 insufficient_scope`; the provider's keys unavailable → `503`.
 *
 * @module
 */

import { decodeJwt, type JWTPayload, jwtVerify } from "jose";
import { jsonResponse } from "../../server/responses.ts";
import { bearerTokenOf, MAX_CREDENTIAL_LENGTH } from "../credentials.ts";
import {
  ASYMMETRIC_ALGORITHMS,
  CLOCK_TOLERANCE_SECONDS,
  JwksUnavailableError,
  principalOf,
  tokenRefusal,
} from "../jwt.ts";
import { bearerChallengeFor, type Refusal, Refuser } from "../refusal.ts";
import type { AuthOutcome } from "../types.ts";
import type { OidcContext } from "./context.ts";
import { insufficientScopeResponse, missingScopes } from "./scopes.ts";

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The `/mcp` authentication of oidc mode. */
export function createResourceAuthenticator(
  ctx: OidcContext,
): (request: Request) => Promise<AuthOutcome> {
  const refuser = new Refuser("oidc", ctx.logger);
  const { settings, idp } = ctx;
  const unauthorized = (refusal: Refusal, invalidToken: boolean): AuthOutcome => {
    ctx.logger.warn("authentication refused", { mode: "oidc", reason: refusal.reason });
    return {
      ok: false,
      response: jsonResponse(
        401,
        {
          error: invalidToken ? "invalid_token" : "unauthorized",
          error_description: refusal.description,
        },
        { "www-authenticate": bearerChallengeFor(settings.resourceMetadataUrl, invalidToken) },
      ),
    };
  };
  const invalid = (reason: string, description = "the token is not valid") =>
    unauthorized({ reason, description }, true);
  type Verified = { payload: JWTPayload } | { refused: AuthOutcome };
  const refused = (outcome: AuthOutcome): Verified => ({ refused: outcome });

  async function verify(token: string): Promise<Verified> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      return refused(invalid("jwt_malformed", "the token is not a valid JWT"));
    }
    if (issuer === settings.baseUrl) {
      let payload: JWTPayload;
      try {
        payload = await ctx.signer.verify(token, ctx.now());
      } catch (error) {
        return refused(unauthorized(tokenRefusal(error), true));
      }
      const state = ctx.grants.accessTokenState(payload.jti!);
      if (state !== "active") {
        return refused(invalid(`token_${state}`, "the token was revoked or is no longer known"));
      }
      return { payload };
    }
    if (issuer !== idp.issuer) {
      return refused(invalid("jwt_bad_iss", `the token's "iss" claim is not accepted`));
    }
    if (settings.audience === undefined) {
      return refused(invalid(
        "idp_token_not_accepted",
        "tokens of the identity provider are not accepted here; sign in through this server",
      ));
    }
    try {
      const { payload } = await jwtVerify(token, ctx.idpKeys, {
        algorithms: [...ASYMMETRIC_ALGORITHMS],
        issuer: idp.issuer,
        audience: settings.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ["exp"],
        currentDate: new Date(ctx.now()),
      });
      if (payload.nonce !== undefined) {
        return refused(invalid("id_token_presented", "an ID token is not an access token"));
      }
      return { payload };
    } catch (error) {
      if (error instanceof JwksUnavailableError) {
        return refused(refuser.unavailable({
          reason: `jwks_${error.kind}`,
          description: "the identity provider's signing keys are unavailable; retry later",
        }));
      }
      return refused(unauthorized(tokenRefusal(error), true));
    }
  }

  return async (request: Request): Promise<AuthOutcome> => {
    const presented = bearerTokenOf(request);
    if (presented.kind === "absent") {
      return unauthorized({
        reason: "missing_credentials",
        description: "a bearer token is required",
      }, false);
    }
    if (presented.kind === "malformed") return unauthorized(presented.refusal, true);
    const token = presented.value;
    if (token.length > MAX_CREDENTIAL_LENGTH || !COMPACT_JWS.test(token)) {
      return invalid("jwt_malformed", "the token is not a valid JWT");
    }
    const verified = await verify(token);
    if ("refused" in verified) return verified.refused;
    const principal = principalOf(verified.payload, "oidc");
    const missing = missingScopes(principal.scopes ?? [], settings.requiredScopes);
    if (missing.length > 0) {
      ctx.logger.warn("authentication refused", { mode: "oidc", reason: "insufficient_scope" });
      return {
        ok: false,
        response: insufficientScopeResponse(settings.requiredScopes, settings.resourceMetadataUrl),
      };
    }
    return { ok: true, principal };
  };
}
