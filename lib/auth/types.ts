/**
 * The types every authentication mode shares: who is calling ({@linkcode Principal}), what an
 * authenticator answers ({@linkcode AuthOutcome}), the settings that select and configure a mode
 * ({@linkcode AuthSettings}) and what it may use ({@linkcode AuthDeps}).
 *
 * @module
 */

import type { Secret } from "../config/secret.ts";
import type { Logger } from "../log.ts";
import type { OAuthGuardRoutes, OidcDeps, OidcSettings } from "./oidc/mod.ts";

/** How HTTP clients authenticate. */
export type AuthMode = "api-key" | "jwt" | "zscaler" | "oidc" | "none";

/** Who is calling. Never contains a secret or a raw token. */
export interface Principal {
  mode: AuthMode;
  /**
   * e.g. jwt `sub`, zscaler client id, `"api-key:<first 8 hex of sha256(key)>"`, `"anonymous"`
   */
  id: string;
  /** Non-sensitive claims of a verified token (jwt), or the client id (zscaler). */
  claims?: Readonly<Record<string, unknown>>;
  /** Scopes granted to the caller (jwt `scope` / `scp`). */
  scopes?: readonly string[];
}

/** The answer of an {@linkcode Authenticator}: a principal, or the refusal to send back. */
export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; response: Response };

/** Decides who a request comes from. */
export interface Authenticator {
  /** The mode this authenticator implements. */
  readonly mode: AuthMode;
  /**
   * Authenticate one request. Never throws for anything the client sends; a refusal is a
   * ready-to-return `401`, `403` (oidc: a required scope is missing) or `503` (identity
   * provider unavailable) response.
   */
  authenticate(request: Request): Promise<AuthOutcome>;
  /**
   * Endpoints the mode serves itself, without the MCP bearer (oidc: the OAuth endpoints): a
   * response for their paths, undefined for every other path.
   */
  handleOAuthRequest?(request: Request): Promise<Response | undefined>;
  /** What the network guard must let through for those endpoints (oidc). */
  readonly guardRoutes?: OAuthGuardRoutes;
}

/** How HTTP clients authenticate, as configured. */
export interface AuthSettings {
  mode: AuthMode;
  /** api-key: the key clients present. */
  apiKey?: Secret;
  /** jwt: where the issuer publishes its signing keys. */
  jwksUri?: string;
  /** jwt: accepted signature algorithms (only asymmetric ones are ever used). */
  algorithms: readonly string[];
  /** jwt: the required `iss`, when set. */
  issuer?: string;
  /** jwt: the required `aud` (mandatory in jwt mode). */
  audience?: string;
  /** zscaler: the tenant's ZIdentity token endpoint. */
  tokenUrl?: string;
  /** oidc: the identity provider, this server's public origin and the OAuth proxy's settings. */
  oidc?: OidcSettings;
}

/**
 * Limits and timings of the modes that call out. The defaults are the production values; tests
 * shrink them.
 */
export interface AuthTuning {
  /** jwt: JWKS request timeout (default 5 000 ms). */
  jwksTimeoutMs: number;
  /** jwt: minimum time between JWKS refetches caused by an unknown `kid` (default 30 000 ms). */
  jwksCooldownMs: number;
  /** jwt: how long fetched keys are used before refetching (default 600 000 ms). */
  jwksCacheMaxAgeMs: number;
  /** zscaler: ZIdentity token request timeout (default 10 000 ms). */
  zscalerTimeoutMs: number;
  /** zscaler: cap on how long a validated credential is trusted (default 3 600 000 ms). */
  zscalerSuccessTtlMaxMs: number;
  /** zscaler: how long a rejected credential is refused without asking (default 30 000 ms). */
  zscalerFailureTtlMs: number;
  /**
   * zscaler: how long a once-valid credential may be re-validated even when the global limiter
   * is exhausted (default 86 400 000 ms).
   */
  zscalerKnownTtlMs: number;
  /** zscaler: entries per credential cache before the oldest is evicted (default 1 000). */
  zscalerCacheMaxEntries: number;
  /** zscaler: upstream validations of unknown credentials per window (default 10). */
  zscalerUpstreamLimit: number;
  /** zscaler: the limiter's window (default 10 000 ms). */
  zscalerUpstreamWindowMs: number;
}

/** The production {@linkcode AuthTuning}. */
export const DEFAULT_AUTH_TUNING: Readonly<AuthTuning> = Object.freeze({
  jwksTimeoutMs: 5_000,
  jwksCooldownMs: 30_000,
  jwksCacheMaxAgeMs: 600_000,
  zscalerTimeoutMs: 10_000,
  zscalerSuccessTtlMaxMs: 3_600_000,
  zscalerFailureTtlMs: 30_000,
  zscalerKnownTtlMs: 86_400_000,
  zscalerCacheMaxEntries: 1_000,
  zscalerUpstreamLimit: 10,
  zscalerUpstreamWindowMs: 10_000,
});

/** What an authenticator may use. */
export interface AuthDeps {
  /** Where refusals are logged (mode and reason only, never credential material). */
  logger: Logger;
  /** Clock in epoch milliseconds (caches, limiter, token time checks); default `Date.now`. */
  now?: () => number;
  /** HTTP client for the JWKS and ZIdentity requests; default the global `fetch`. */
  fetch?: typeof fetch;
  /** Overrides of {@linkcode DEFAULT_AUTH_TUNING} (tests). */
  tuning?: Partial<AuthTuning>;
  /** oidc: the state environment, metadata-document fetching and deadlines (tests). */
  oidc?: OidcDeps;
}
