/**
 * HTTP client authentication: one authenticator per mode (`api-key`, `jwt`, `zscaler`, `oidc`,
 * `none`), the RFC 9728 metadata document, and `--generate-auth-token`.
 *
 * @example
 * ```ts
 * const authenticator = createAuthenticator(settings, { logger });
 * const outcome = await authenticator.authenticate(request);
 * if (!outcome.ok) return outcome.response;
 * ```
 *
 * @module
 */

import { createApiKeyAuthenticator } from "./api_key.ts";
import { AuthConfigError } from "./errors.ts";
import { createJwtAuthenticator } from "./jwt.ts";
import { createNoneAuthenticator } from "./none.ts";
import { createOidcAuthenticator } from "./oidc/mod.ts";
import type { AuthDeps, Authenticator, AuthSettings } from "./types.ts";
import { createZscalerAuthenticator } from "./zscaler.ts";

export { AuthConfigError } from "./errors.ts";
export { protectedResourceMetadataResponse, resourceMetadataPath } from "./metadata.ts";
export { generateAuthTokenText } from "./token_gen.ts";
export { bearerChallenge, resourceMetadataUrl } from "./refusal.ts";
export { ANONYMOUS } from "./none.ts";
export { ASYMMETRIC_ALGORITHMS } from "./jwt.ts";
export {
  authConfigProblems,
  createOidcAuthenticator,
  DEFAULT_REDIRECT_PATTERNS,
  issuerOfConfigUrl,
  type OAuthGuardRoutes,
  type OidcAuthenticator,
  type OidcDeps,
  type OidcSettings,
  oidcSettingsProblems,
  OidcSetupError,
  parseScopeList,
} from "./oidc/mod.ts";
export {
  type AuthDeps,
  type Authenticator,
  type AuthMode,
  type AuthOutcome,
  type AuthSettings,
  type AuthTuning,
  DEFAULT_AUTH_TUNING,
  type Principal,
} from "./types.ts";

/**
 * The authenticator for `settings.mode`. All checks of the settings happen here, so a bad
 * setting stops the server before it listens.
 *
 * @throws {AuthConfigError} for an empty API key (api-key), a missing or non-https JWKS URI, a
 * missing audience or no asymmetric algorithm (jwt), a missing or non-https token URL
 * (zscaler), oidc mode (its setup is asynchronous: use {@linkcode createAuthenticatorAsync}), or
 * an unknown mode.
 */
export function createAuthenticator(settings: AuthSettings, deps: AuthDeps): Authenticator {
  switch (settings.mode) {
    case "oidc":
      throw new AuthConfigError(
        "oidc authentication fetches the identity provider's discovery document first: " +
          "create it with createAuthenticatorAsync",
        { setting: "ZSCALER_MCP_AUTH_MODE" },
      );
    case "api-key":
      return createApiKeyAuthenticator(settings.apiKey, deps);
    case "jwt":
      return createJwtAuthenticator(settings, deps);
    case "zscaler":
      return createZscalerAuthenticator(settings, deps);
    case "none":
      return createNoneAuthenticator();
    default:
      throw new AuthConfigError(
        `unknown authentication mode ${JSON.stringify(String(settings.mode))}`,
        { setting: "ZSCALER_MCP_AUTH_MODE" },
      );
  }
}

/**
 * The authenticator for `settings.mode`, for every mode including `oidc`, whose setup (the
 * identity provider's discovery document, the client registry, this process's keys) is
 * asynchronous. Await it before the server listens.
 *
 * @throws {AuthConfigError} as {@linkcode createAuthenticator} does; for oidc an
 * `OidcSetupError` listing every problem.
 */
export async function createAuthenticatorAsync(
  settings: AuthSettings,
  deps: AuthDeps,
): Promise<Authenticator> {
  if (settings.mode === "oidc") return await createOidcAuthenticator(settings, deps);
  return createAuthenticator(settings, deps);
}
