/**
 * The identity provider's signing keys (its JWKS from the discovery document), as jose fetches
 * and caches them. Failing to get the keys is an outage (`JwksUnavailableError`, answered with
 * `503`), not a bad token; the same rule as jwt mode.
 *
 * @module
 */

import {
  createRemoteJWKSet,
  customFetch,
  errors,
  type FetchImplementation,
  type JWTVerifyGetKey,
} from "jose";
import { jwksFailureKind, JwksUnavailableError } from "../jwt.ts";
import type { AuthTuning } from "../types.ts";

/** The key lookup for tokens signed by the identity provider publishing `jwksUri`. */
export function createIdpKeys(
  jwksUri: string,
  tuning: Pick<AuthTuning, "jwksTimeoutMs" | "jwksCooldownMs" | "jwksCacheMaxAgeMs">,
  fetchFn?: typeof fetch,
): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(jwksUri), {
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
