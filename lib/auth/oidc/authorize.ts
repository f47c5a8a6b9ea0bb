/**
 * `GET /authorize` (the client's authorization request, answered with a consent page) and
 * `POST /authorize/decision` (the user's answer: back to the client on Deny, on to the identity
 * provider on Approve).
 *
 * An unknown client or a redirect URI that is not exactly one the client registered is answered
 * with an error page and never a redirect (the redirect target cannot be trusted). Every other
 * error goes back to the client's redirect URI with `error`, `state` and `iss`.
 *
 * @module
 */

import { logRefusal, type OidcContext } from "./context.ts";
import { readCookie, setCookie } from "./cookies.ts";
import { consentResponse, errorPage } from "./consent.ts";
import { constantTimeEqual, randomToken, sha256 } from "./crypto.ts";
import { createPkcePair, isS256Challenge, PKCE_METHOD } from "./pkce.ts";
import { readForm, redirectTo, singles } from "./responses.ts";
import { grantableScopes } from "./scopes.ts";
import type { AuthorizationRequest } from "./transactions.ts";

/** Longest `state` passed through, in characters. */
export const MAX_STATE_LENGTH = 1024;

const AUTHORIZE_PARAMS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "code_challenge",
  "code_challenge_method",
  "state",
  "scope",
  "resource",
] as const;

/** `GET /authorize`. */
export async function handleAuthorize(request: Request, ctx: OidcContext): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const page = (status: number, error: string, reason: string, description: string) => {
    logRefusal(ctx, "authorize", reason);
    return errorPage(request, status, error, description);
  };
  const read = singles(query, AUTHORIZE_PARAMS);
  if ("repeated" in read) {
    return page(400, "invalid_request", `repeated_${read.repeated}`, "A parameter was repeated.");
  }
  const params = read.values;
  const lookup = await ctx.clients.lookup(params.client_id);
  if (!lookup.ok) {
    return page(400, "invalid_client", lookup.reason, "The application is not known here.");
  }
  const client = lookup.client;
  const redirectUri = params.redirect_uri;
  if (
    redirectUri === undefined || !client.redirect_uris.includes(redirectUri) ||
    ctx.redirects.problem(redirectUri) !== undefined
  ) {
    return page(
      400,
      "invalid_request",
      redirectUri === undefined ? "missing_redirect_uri" : "redirect_uri_mismatch",
      "The application's redirect URI is missing or not registered.",
    );
  }
  const fail = (error: string, reason: string, description: string) => {
    logRefusal(ctx, "authorize", reason);
    return redirectTo(redirectUri, {
      error,
      error_description: description,
      state: params.state,
      iss: ctx.settings.baseUrl,
    });
  };
  if (params.response_type === undefined) {
    return fail("invalid_request", "missing_response_type", "response_type is required");
  }
  if (params.response_type !== "code") {
    return fail(
      "unsupported_response_type",
      "unsupported_response_type",
      "only response_type=code is supported",
    );
  }
  if (!client.grant_types.includes("authorization_code")) {
    return fail(
      "unauthorized_client",
      "grant_type_not_registered",
      "the client is not registered for the authorization_code grant",
    );
  }
  if (params.code_challenge === undefined) {
    return fail("invalid_request", "missing_code_challenge", "code_challenge (PKCE) is required");
  }
  if (params.code_challenge_method !== PKCE_METHOD) {
    return fail(
      "invalid_request",
      "code_challenge_method_not_s256",
      "code_challenge_method must be S256",
    );
  }
  if (!isS256Challenge(params.code_challenge)) {
    return fail("invalid_request", "malformed_code_challenge", "code_challenge is malformed");
  }
  if (params.state !== undefined && params.state.length > MAX_STATE_LENGTH) {
    return fail("invalid_request", "state_too_long", "state is too long");
  }
  if (params.resource !== undefined && !sameResource(params.resource, ctx.settings.resource)) {
    return fail("invalid_target", "resource_mismatch", "resource must be this server's /mcp URL");
  }
  const scopes = grantableScopes(params.scope, ctx.settings.requiredScopes);
  if (!scopes.ok) return fail("invalid_scope", "unknown_scope", "a requested scope is not known");

  const authorization: AuthorizationRequest = {
    clientId: client.client_id,
    clientName: client.client_name,
    redirectUri,
    codeChallenge: params.code_challenge,
    state: params.state,
    scopes: scopes.scopes,
    resource: params.resource,
  };
  const { id, csrf } = ctx.transactions.begin(authorization);
  const headers = new Headers({ "set-cookie": setCookie("csrf", csrf, ctx.settings.secure) });
  return consentResponse(
    {
      clientId: client.client_id,
      clientName: client.client_name,
      redirectUri,
      resource: ctx.settings.resource,
      scopes: scopes.scopes,
      transaction: id,
      csrf,
    },
    [...ctx.idp.origins, new URL(redirectUri).origin],
    headers,
  );
}

/** True when `given` names the same URL as `resource`. */
export function sameResource(given: string, resource: string): boolean {
  try {
    return new URL(given).href === new URL(resource).href;
  } catch {
    return false;
  }
}

/** `POST /authorize/decision` (form: `txn`, `csrf`, `decision=approve|deny`). */
export async function handleDecision(request: Request, ctx: OidcContext): Promise<Response> {
  const secure = ctx.settings.secure;
  const clearCsrf = () => new Headers({ "set-cookie": setCookie("csrf", "", secure) });
  // Refusals leave the cookie alone: a forged request must not end the user's real consent.
  const page = (status: number, error: string, reason: string, description: string) => {
    logRefusal(ctx, "authorize/decision", reason);
    return errorPage(request, status, error, description);
  };
  const body = await readForm(request);
  if ("problem" in body) {
    return page(400, "invalid_request", `body_${body.problem}`, "The form could not be read.");
  }
  const read = singles(body.form, ["txn", "csrf", "decision"] as const);
  if ("repeated" in read) {
    return page(400, "invalid_request", `repeated_${read.repeated}`, "A field was repeated.");
  }
  const { txn, csrf, decision } = read.values;
  const transaction = txn === undefined ? undefined : ctx.transactions.peek(txn);
  if (!transaction || txn === undefined) {
    return page(
      400,
      "invalid_request",
      "unknown_transaction",
      "This sign-in has expired or was already answered.",
    );
  }
  const cookie = readCookie(request, "csrf", secure);
  if (
    csrf === undefined || cookie === undefined || !constantTimeEqual(cookie, csrf) ||
    !constantTimeEqual(sha256(csrf), transaction.csrfHash)
  ) {
    return page(403, "access_denied", "csrf_mismatch", "The form could not be verified.");
  }
  if (decision !== "approve" && decision !== "deny") {
    return page(400, "invalid_request", "bad_decision", "The answer was neither approve nor deny.");
  }
  ctx.transactions.finish(txn);
  const authorization = transaction.request;
  if (decision === "deny") {
    logRefusal(ctx, "authorize/decision", "user_denied");
    return redirectTo(
      authorization.redirectUri,
      { error: "access_denied", state: authorization.state, iss: ctx.settings.baseUrl },
      clearCsrf(),
    );
  }
  const { verifier, challenge } = createPkcePair();
  const nonce = randomToken(24);
  const { state, browser } = ctx.transactions.beginUpstream({
    request: authorization,
    nonce,
    verifier,
  });
  const headers = clearCsrf();
  headers.append("set-cookie", setCookie("browser", browser, secure));
  return redirectTo(
    ctx.idp.authorizationEndpoint,
    upstreamParams(ctx, authorization, {
      state,
      nonce,
      challenge,
    }),
    headers,
  );
}

/** The query of the authorization request this server sends to the identity provider. */
export function upstreamParams(
  ctx: OidcContext,
  authorization: AuthorizationRequest,
  flow: { state: string; nonce: string; challenge: string },
): Record<string, string | undefined> {
  const scopes = ["openid", ...authorization.scopes];
  if (ctx.idp.offlineAccess) scopes.push("offline_access");
  const audience = ctx.settings.audience;
  return {
    response_type: "code",
    client_id: ctx.settings.clientId,
    redirect_uri: ctx.settings.callbackUrl,
    scope: [...new Set(scopes)].join(" "),
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: flow.challenge,
    code_challenge_method: PKCE_METHOD,
    audience,
    resource: audience !== undefined && isAbsoluteUrl(audience) ? audience : undefined,
  };
}

/** True for an absolute URL (RFC 8707 resource indicators must be one). */
export function isAbsoluteUrl(value: string): boolean {
  try {
    new URL(value);
    return /^[a-z][a-z0-9+.-]*:/i.test(value);
  } catch {
    return false;
  }
}
