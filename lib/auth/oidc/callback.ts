/**
 * `GET /auth/callback`: the identity provider sends the browser back here. The `state` must be
 * one this server issued (single use) and the browser must be the one that approved; the
 * provider's `iss` must be its own (RFC 9207). An error from the provider goes back to the
 * client as it is; otherwise the code is exchanged, the ID token checked, the provider's tokens
 * sealed into a new grant, and the client receives this server's own authorization code.
 *
 * @module
 */

import { logRefusal, type OidcContext } from "./context.ts";
import { readCookie, setCookie } from "./cookies.ts";
import { errorPage } from "./consent.ts";
import { constantTimeEqual, sha256 } from "./crypto.ts";
import { redirectTo, singles } from "./responses.ts";
import { exchangeUpstreamCode } from "./upstream.ts";

/** An OAuth error code (RFC 6749 §4.1.2.1 character set), safe to pass on. */
const ERROR_CODE = /^[\x20\x21\x23-\x5B\x5D-\x7E]{1,64}$/;

/** `GET /auth/callback`. */
export async function handleCallback(request: Request, ctx: OidcContext): Promise<Response> {
  const secure = ctx.settings.secure;
  const clearBrowser = () => new Headers({ "set-cookie": setCookie("browser", "", secure) });
  // The browser-binding cookie is cleared only once the sign-in it belongs to is used up, so a
  // forged callback cannot end the user's real sign-in.
  let signInUsed = false;
  const page = (status: number, error: string, reason: string, description: string) => {
    logRefusal(ctx, "auth/callback", reason);
    return errorPage(request, status, error, description, signInUsed ? clearBrowser() : undefined);
  };
  const read = singles(
    new URL(request.url).searchParams,
    ["state", "code", "error", "iss"] as const,
  );
  if ("repeated" in read) {
    return page(400, "invalid_request", `repeated_${read.repeated}`, "A parameter was repeated.");
  }
  const { state, code, error, iss } = read.values;
  if (state === undefined) {
    return page(400, "invalid_request", "missing_state", "The sign-in answer has no state.");
  }
  const signIn = ctx.transactions.takeUpstream(state);
  signInUsed = signIn !== undefined;
  if (!signIn) {
    return page(
      400,
      "invalid_request",
      "unknown_state",
      "This sign-in has expired or was already completed.",
    );
  }
  const browser = readCookie(request, "browser", secure);
  if (browser === undefined || !constantTimeEqual(sha256(browser), signIn.browserHash)) {
    return page(
      403,
      "access_denied",
      "browser_mismatch",
      "This sign-in was started in another browser.",
    );
  }
  const authorization = signIn.request;
  const back = (params: Record<string, string | undefined>, reason?: string) => {
    if (reason) logRefusal(ctx, "auth/callback", reason);
    return redirectTo(
      authorization.redirectUri,
      { ...params, state: authorization.state, iss: ctx.settings.baseUrl },
      clearBrowser(),
    );
  };
  if (iss !== undefined ? iss !== ctx.idp.issuer : ctx.idp.issParameterSupported) {
    return back({
      error: "server_error",
      error_description: "the identity provider's answer was not accepted",
    }, "idp_iss_mismatch");
  }
  if (error !== undefined) {
    return back(
      { error: ERROR_CODE.test(error) ? error : "server_error" },
      "idp_error",
    );
  }
  if (code === undefined) {
    return back({ error: "server_error" }, "idp_no_code");
  }
  const result = await exchangeUpstreamCode(ctx, code, signIn.verifier, signIn.nonce);
  if (!result.ok) {
    return back({
      error: result.outage ? "temporarily_unavailable" : "server_error",
      error_description: result.outage
        ? "the identity provider cannot be reached right now; try again"
        : "the identity provider's answer was not accepted",
    }, result.reason);
  }
  const scopes = result.grantedScopes === undefined
    ? authorization.scopes
    : authorization.scopes.filter((scope) => result.grantedScopes!.includes(scope));
  const grantId = ctx.grants.newGrantId();
  const grant = ctx.grants.addGrant({
    id: grantId,
    clientId: authorization.clientId,
    sub: result.sub,
    scopes,
    upstream: await ctx.sealer.seal(JSON.stringify(result.tokens), grantId),
  });
  const ourCode = ctx.grants.issueCode(grant, {
    redirectUri: authorization.redirectUri,
    codeChallenge: authorization.codeChallenge,
    resource: authorization.resource,
  }, ctx.settings.codeTtlMs);
  ctx.logger.info("oauth sign-in completed", { client_id: authorization.clientId });
  return back({ code: ourCode });
}
