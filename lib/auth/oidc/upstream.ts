/**
 * The exchange with the identity provider after it sends the browser back: the code for its
 * tokens (with this server's client authentication and PKCE verifier), then the ID token checked
 * with jose against the provider's keys — issuer, audience (this server's client id), `azp`,
 * nonce and expiry. Only the subject and the granted scopes leave this module in the clear.
 *
 * @module
 */

import { errors, jwtVerify } from "jose";
import { DEFAULT_USER_AGENT, readBodyText, tryParseJson } from "../../zscaler/http.ts";
import { CLOCK_TOLERANCE_SECONDS, JwksUnavailableError } from "../jwt.ts";
import type { OidcContext } from "./context.ts";
import { constantTimeEqual } from "./crypto.ts";

/** Largest token response accepted from the identity provider, in bytes. */
export const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
/** Deadline of the code exchange, in milliseconds. */
export const UPSTREAM_TIMEOUT_MS = 10_000;

/** The identity provider's tokens (kept sealed; never given to a client). */
export interface UpstreamTokens {
  access_token: string;
  refresh_token?: string;
  id_token: string;
  /** Epoch seconds, when the provider said. */
  expires_at?: number;
}

/** A successful exchange. */
export interface UpstreamSignInResult {
  ok: true;
  sub: string;
  /** Scopes the provider granted, when it said (undefined: as requested). */
  grantedScopes?: readonly string[];
  tokens: UpstreamTokens;
}

/** A failed exchange: a fixed log reason, and whether it was an outage (retry later). */
export interface UpstreamFailure {
  ok: false;
  reason: string;
  outage: boolean;
}

/** `application/x-www-form-urlencoded` encoding of one value (RFC 6749 §2.3.1 for Basic). */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/** Exchange `code` (sent to `<base>/auth/callback`) for the provider's tokens and check them. */
export async function exchangeUpstreamCode(
  ctx: OidcContext,
  code: string,
  verifier: string,
  nonce: string,
): Promise<UpstreamSignInResult | UpstreamFailure> {
  const { settings, idp } = ctx;
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: settings.callbackUrl,
    code_verifier: verifier,
  });
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
    "user-agent": DEFAULT_USER_AGENT,
  };
  const secret = settings.clientSecret?.reveal();
  if (idp.tokenAuthMethod === "client_secret_basic" && secret !== undefined) {
    headers.authorization = `Basic ${
      btoa(`${formEncode(settings.clientId)}:${formEncode(secret)}`)
    }`;
  } else {
    form.set("client_id", settings.clientId);
    if (idp.tokenAuthMethod === "client_secret_post" && secret !== undefined) {
      form.set("client_secret", secret);
    }
  }
  if (settings.audience !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(settings.audience)) {
    form.set("resource", settings.audience);
  }
  let text: string;
  try {
    const response = await ctx.fetch(idp.tokenEndpoint, {
      method: "POST",
      headers,
      body: form,
      redirect: "manual",
      signal: AbortSignal.timeout(ctx.upstreamTimeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => {});
      const outage = response.status >= 500 || response.status === 429;
      return { ok: false, reason: `idp_token_http_${response.status}`, outage };
    }
    text = await readBodyText(response, MAX_TOKEN_RESPONSE_BYTES);
  } catch (error) {
    const timeout = error instanceof Error && error.name === "TimeoutError";
    return { ok: false, reason: timeout ? "idp_token_timeout" : "idp_token_network", outage: true };
  }
  const parsed = tryParseJson(text);
  const body = parsed.ok && parsed.value !== null && typeof parsed.value === "object"
    ? parsed.value as Record<string, unknown>
    : undefined;
  if (
    !body || typeof body.access_token !== "string" || body.access_token === "" ||
    typeof body.token_type !== "string" || body.token_type.toLowerCase() !== "bearer"
  ) {
    return { ok: false, reason: "idp_token_malformed", outage: false };
  }
  if (typeof body.id_token !== "string" || body.id_token === "") {
    return { ok: false, reason: "idp_no_id_token", outage: false };
  }
  let sub: string;
  try {
    const { payload } = await jwtVerify(body.id_token, ctx.idpKeys, {
      algorithms: [...idp.idTokenAlgorithms],
      issuer: idp.issuer,
      audience: settings.clientId,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "iat", "sub", "nonce"],
      currentDate: new Date(ctx.now()),
    });
    if (typeof payload.nonce !== "string" || !constantTimeEqual(payload.nonce, nonce)) {
      return { ok: false, reason: "id_token_nonce_mismatch", outage: false };
    }
    if (payload.azp !== undefined && payload.azp !== settings.clientId) {
      return { ok: false, reason: "id_token_bad_azp", outage: false };
    }
    if (typeof payload.sub !== "string" || payload.sub === "") {
      return { ok: false, reason: "id_token_no_sub", outage: false };
    }
    sub = payload.sub;
  } catch (error) {
    if (error instanceof JwksUnavailableError) {
      return { ok: false, reason: `jwks_${error.kind}`, outage: true };
    }
    const reason = error instanceof errors.JWTExpired
      ? "id_token_expired"
      : error instanceof errors.JWTClaimValidationFailed
      ? `id_token_bad_${/^[a-z]{2,5}$/.test(error.claim) ? error.claim : "claim"}`
      : "id_token_invalid";
    return { ok: false, reason, outage: false };
  }
  const expiresIn = typeof body.expires_in === "number" && body.expires_in > 0
    ? Math.floor(body.expires_in)
    : undefined;
  return {
    ok: true,
    sub,
    grantedScopes: typeof body.scope === "string"
      ? body.scope.split(" ").filter((scope) => scope !== "")
      : undefined,
    tokens: {
      access_token: body.access_token,
      refresh_token: typeof body.refresh_token === "string" ? body.refresh_token : undefined,
      id_token: body.id_token,
      expires_at: expiresIn === undefined ? undefined : Math.floor(ctx.now() / 1000) + expiresIn,
    },
  };
}
