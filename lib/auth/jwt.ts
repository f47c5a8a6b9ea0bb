/**
 * `jwt` mode: `Authorization: Bearer <JWT>` verified against the issuer's JWKS with jose.
 *
 * Only asymmetric algorithms are ever handed to jose, so `alg: none` and HMAC tokens (including
 * one "signed" with the public key's bytes) are refused before any key is looked up. An unknown
 * `kid` refetches the JWKS at most once per cooldown (jose's rate limit). When the JWKS cannot be
 * fetched or parsed the request fails closed with `503`, not `401`: the token may be fine.
 *
 * @module
 */

import {
  createRemoteJWKSet,
  customFetch,
  errors,
  type FetchImplementation,
  type JWTPayload,
  jwtVerify,
  type JWTVerifyGetKey,
} from "jose";
import { bearerTokenOf, MAX_CREDENTIAL_LENGTH } from "./credentials.ts";
import { AuthConfigError } from "./errors.ts";
import { type Refusal, Refuser } from "./refusal.ts";
import { checkIdpUrl } from "./url.ts";
import {
  type AuthDeps,
  type Authenticator,
  type AuthMode,
  type AuthOutcome,
  type AuthSettings,
  type AuthTuning,
  DEFAULT_AUTH_TUNING,
  type Principal,
} from "./types.ts";

/** The only JWS algorithms jwt mode ever accepts: RSA, RSA-PSS, ECDSA and EdDSA. */
export const ASYMMETRIC_ALGORITHMS: readonly string[] = Object.freeze([
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
]);

/** Allowed difference between our clock and the issuer's, in seconds. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/** Claims copied into {@linkcode Principal.claims}; everything else in the token is dropped. */
export const KEPT_CLAIMS: readonly string[] = Object.freeze([
  "iss",
  "sub",
  "aud",
  "exp",
  "iat",
  "nbf",
  "jti",
  "scope",
  "scp",
  "client_id",
  "azp",
]);

/** The JWKS could not be fetched or used: the request fails with `503`. */
export class JwksUnavailableError extends Error {
  /**
   * `timeout`, `network`, `http_status`, `invalid_json`, `invalid_jwks`, `key_import` or
   * `fetch_failed`.
   */
  readonly kind: string;

  /** Build the error; the cause is kept for debugging and never rendered. */
  constructor(kind: string, options?: { cause?: unknown }) {
    super(`JWKS unavailable (${kind})`, options);
    this.name = "JwksUnavailableError";
    this.kind = kind;
  }
}

/**
 * Keep only the asymmetric algorithms of `algorithms` (exact, case-sensitive names).
 *
 * @returns the usable algorithms and the ones dropped.
 */
export function filterAlgorithms(
  algorithms: readonly string[],
): { usable: string[]; dropped: string[] } {
  const usable: string[] = [];
  const dropped: string[] = [];
  for (const alg of algorithms) {
    if (ASYMMETRIC_ALGORITHMS.includes(alg)) {
      if (!usable.includes(alg)) usable.push(alg);
    } else dropped.push(alg);
  }
  return { usable, dropped };
}

/** Why a JWKS lookup failed, as a {@linkcode JwksUnavailableError} kind. */
export function jwksFailureKind(error: unknown): string {
  if (error instanceof errors.JWKSTimeout) return "timeout";
  if (error instanceof errors.JWKSInvalid) return "invalid_jwks";
  if (error instanceof errors.JOSEError) {
    if (error.code !== "ERR_JOSE_GENERIC") return "key_import";
    // jose reports both of these as a plain JOSEError; only the message tells them apart.
    if (/^Expected 200/.test(error.message)) return "http_status";
    if (/parse/i.test(error.message)) return "invalid_json";
    return "fetch_failed";
  }
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return "timeout";
  }
  if (error instanceof TypeError) return "network";
  return "key_import";
}

/** Token errors mapped to a log reason and a client-facing description. */
export function tokenRefusal(error: unknown): Refusal {
  if (error instanceof errors.JWTExpired) {
    return { reason: "jwt_expired", description: "the token has expired" };
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = /^[a-z]{2,5}$/.test(error.claim) ? error.claim : "claim";
    if (error.reason === "missing") {
      return { reason: `jwt_missing_${claim}`, description: `the token has no "${claim}" claim` };
    }
    return {
      reason: `jwt_bad_${claim}`,
      description: `the token's "${claim}" claim is not accepted`,
    };
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return { reason: "jwt_alg_not_allowed", description: "the token's algorithm is not accepted" };
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return { reason: "jwt_unknown_key", description: "the token's signing key is not known" };
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return { reason: "jwt_ambiguous_key", description: "the token's signing key is ambiguous" };
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return { reason: "jwt_bad_signature", description: "the token's signature is not valid" };
  }
  return { reason: "jwt_invalid", description: "the token is not a valid JWT" };
}

/** The scopes of a verified payload: `scope` (space-separated) or `scp` (array or string). */
export function scopesOf(payload: JWTPayload): string[] {
  const { scope, scp } = payload as { scope?: unknown; scp?: unknown };
  if (typeof scope === "string") return scope.split(" ").filter((s) => s !== "");
  if (Array.isArray(scp)) return scp.filter((s): s is string => typeof s === "string");
  if (typeof scp === "string") return scp.split(" ").filter((s) => s !== "");
  return [];
}

/** The principal of a verified payload: id `sub` (or `unknown`) and the kept claims. */
export function principalOf(payload: JWTPayload, mode: AuthMode = "jwt"): Principal {
  const claims: Record<string, unknown> = {};
  for (const name of KEPT_CLAIMS) {
    if (Object.hasOwn(payload, name)) claims[name] = payload[name];
  }
  return {
    mode,
    id: typeof payload.sub === "string" && payload.sub !== "" ? payload.sub : "unknown",
    claims: Object.freeze(claims),
    scopes: Object.freeze(scopesOf(payload)),
  };
}

/**
 * The key lookup for tokens signed by the issuer publishing `jwksUrl`, fetched and cached by
 * jose. Lookup errors that are about the token pass through (`401`); everything else means the
 * key set itself could not be had and becomes a {@linkcode JwksUnavailableError} (`503`). Used by
 * jwt mode and by oidc mode for the identity provider's keys.
 */
export function remoteJwksKeys(
  jwksUrl: URL,
  tuning: Pick<AuthTuning, "jwksTimeoutMs" | "jwksCooldownMs" | "jwksCacheMaxAgeMs">,
  fetchFn?: typeof fetch,
): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(jwksUrl, {
    timeoutDuration: tuning.jwksTimeoutMs,
    cooldownDuration: tuning.jwksCooldownMs,
    cacheMaxAge: tuning.jwksCacheMaxAgeMs,
    ...(fetchFn ? { [customFetch]: fetchFn as unknown as FetchImplementation } : {}),
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys ||
        error instanceof errors.JOSENotSupported
      ) throw error;
      throw new JwksUnavailableError(jwksFailureKind(error), { cause: error });
    }
  };
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Create the jwt authenticator.
 *
 * @throws {AuthConfigError} without a usable JWKS URI, without an audience, or when no
 * asymmetric algorithm is configured.
 */
export function createJwtAuthenticator(settings: AuthSettings, deps: AuthDeps): Authenticator {
  const jwksUrl = checkIdpUrl(settings.jwksUri, "ZSCALER_MCP_AUTH_JWKS_URI", "The JWKS URI");
  const audience = settings.audience?.trim();
  if (!audience) {
    throw new AuthConfigError("jwt authentication needs an audience (the token's aud)", {
      setting: "ZSCALER_MCP_AUTH_AUDIENCE",
    });
  }
  const issuer = settings.issuer?.trim() || undefined;
  const { usable, dropped } = filterAlgorithms(settings.algorithms ?? []);
  if (dropped.length > 0) {
    deps.logger.warn("jwt algorithms ignored (only asymmetric algorithms are accepted)", {
      ignored: dropped.join(","),
    });
  }
  if (usable.length === 0) {
    throw new AuthConfigError(
      `jwt authentication needs at least one asymmetric algorithm (${
        ASYMMETRIC_ALGORITHMS.join(", ")
      })`,
      { setting: "ZSCALER_MCP_AUTH_ALGORITHMS" },
    );
  }
  const tuning = { ...DEFAULT_AUTH_TUNING, ...deps.tuning };
  const now = deps.now ?? (() => Date.now());
  const keys = remoteJwksKeys(jwksUrl, tuning, deps.fetch);
  const refuse = new Refuser("jwt", deps.logger);

  return {
    mode: "jwt",
    async authenticate(request: Request): Promise<AuthOutcome> {
      const presented = bearerTokenOf(request);
      if (presented.kind === "absent") {
        return refuse.missing(request, {
          reason: "missing_credentials",
          description: "a bearer token is required",
        });
      }
      if (presented.kind === "malformed") return refuse.invalid(request, presented.refusal);
      const token = presented.value;
      if (token.length > MAX_CREDENTIAL_LENGTH || !COMPACT_JWS.test(token)) {
        return refuse.invalid(request, {
          reason: "jwt_malformed",
          description: "the token is not a valid JWT",
        });
      }
      try {
        const { payload } = await jwtVerify(token, keys, {
          algorithms: [...usable],
          issuer,
          audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ["exp"],
          currentDate: new Date(now()),
        });
        return { ok: true, principal: principalOf(payload) };
      } catch (error) {
        if (error instanceof JwksUnavailableError) {
          return refuse.unavailable({
            reason: `jwks_${error.kind}`,
            description: "the identity provider's signing keys are unavailable; retry later",
          });
        }
        return refuse.invalid(request, tokenRefusal(error));
      }
    },
  };
}
