/**
 * `POST /revoke` (RFC 7009). A refresh token revokes its whole grant (every refresh and access
 * token issued from it); an access token is put on the deny list until it expires. Unknown,
 * expired or foreign-looking tokens get `200` (nothing to do); a token issued to another client
 * is refused, since only its owner may revoke it.
 *
 * @module
 */

import { authenticateClient } from "./client_auth.ts";
import { logRefusal, type OidcContext } from "./context.ts";
import { oauthError, readForm, singles } from "./responses.ts";

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function done(): Response {
  return new Response(null, {
    status: 200,
    headers: { "cache-control": "no-store", pragma: "no-cache" },
  });
}

/** `POST /revoke` (form: `token`, optional `token_type_hint`). */
export async function handleRevoke(request: Request, ctx: OidcContext): Promise<Response> {
  const fail = (status: number, error: string, reason: string, description: string) => {
    logRefusal(ctx, "revoke", reason);
    return oauthError(status, error, description);
  };
  const body = await readForm(request);
  if ("problem" in body) {
    return fail(400, "invalid_request", `body_${body.problem}`, "the form body cannot be read");
  }
  const read = singles(body.form, ["token", "token_type_hint"] as const);
  if ("repeated" in read) {
    return fail(400, "invalid_request", `repeated_${read.repeated}`, "a parameter was repeated");
  }
  const token = read.values.token;
  if (token === undefined) {
    return fail(400, "invalid_request", "missing_token", "token is required");
  }
  const auth = await authenticateClient(request, body.form, ctx, "revoke");
  if (!auth.ok) return auth.response;
  const clientId = auth.client.client_id;

  let outcome: "revoked" | "unknown" | "not_owner" = "unknown";
  if (JWS.test(token)) {
    try {
      const payload = await ctx.signer.verifyIgnoringExpiry(token);
      outcome = payload.client_id === clientId
        ? ctx.grants.revokeAccessToken(payload.jti!, clientId)
        : "not_owner";
    } catch {
      outcome = "unknown";
    }
  } else {
    outcome = ctx.grants.revokeRefreshToken(token, clientId);
  }
  if (outcome === "not_owner") {
    return fail(400, "unauthorized_client", "not_owner", "the token was not issued to this client");
  }
  if (outcome === "revoked") ctx.logger.info("oauth token revoked", { client_id: clientId });
  return done();
}
