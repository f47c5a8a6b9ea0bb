/**
 * The settings of oidc mode: what an operator (or a program) gives, the checks that refuse to
 * start with one line per problem, and the resolved form the rest of the mode uses.
 *
 * Problems name the environment variable at fault (`OIDCPROXY_*`), also when the settings are
 * built in code, so a message reads the same wherever it comes from.
 *
 * @module
 */

import { join } from "node:path";
import type { Secret } from "../../config/secret.ts";
import { defaultStateDir, type StateEnv } from "../../config/state_dir.ts";
import { isLoopbackHost } from "../../config/loopback.ts";
import { RESOURCE_PATH } from "../refusal.ts";
import { OidcSetupError } from "./errors.ts";
import { redirectPatternProblem } from "./redirect_uris.ts";

/** oidc mode as configured (the `oidc` object of `AuthSettings`). */
export interface OidcSettings {
  /** The identity provider's discovery document URL (`OIDCPROXY_CONFIG_URL`). */
  configUrl: string;
  /** This server's public origin, e.g. `https://mcp.example.com` (`OIDCPROXY_BASE_URL`). */
  baseUrl: string;
  /** This server's client id at the identity provider (`OIDCPROXY_CLIENT_ID`). */
  clientId: string;
  /** Its secret (`OIDCPROXY_CLIENT_SECRET`); without one, the server is a public PKCE client. */
  clientSecret?: Secret;
  /**
   * The `aud` identity-provider access tokens must carry to be accepted directly at `/mcp`, also
   * sent upstream as `audience` (and as `resource` when it is an absolute URL). Unset: only this
   * server's own tokens are accepted (`OIDCPROXY_AUDIENCE`).
   */
  audience?: string;
  /** Scopes every client token must hold (`OIDCPROXY_REQUIRED_SCOPES`; default none). */
  requiredScopes?: readonly string[];
  /** Patterns client redirect URIs must match (`OIDCPROXY_ALLOWED_REDIRECT_URIS`). */
  allowedRedirectUris?: readonly string[];
  /** Where registrations are kept (`OIDCPROXY_STORE_DIR`; default `<state dir>/oauth`). */
  storeDir?: string;
  /** Seconds an authorization code lives, 1–600 (`OIDCPROXY_CODE_TTL`; default 60). */
  codeTtlSeconds?: number;
  /** Seconds this server's access tokens live, 60–3600 (`OIDCPROXY_TOKEN_TTL`; default 900). */
  tokenTtlSeconds?: number;
}

/** The redirect URI patterns used when none are configured: loopback, any port, any path. */
export const DEFAULT_REDIRECT_PATTERNS: readonly string[] = Object.freeze([
  "http://127.0.0.1:*/**",
  "http://localhost:*/**",
  "http://[::1]:*/**",
]);

/** Default lifetime of an authorization code, in seconds. */
export const DEFAULT_CODE_TTL_SECONDS = 60;
/** Default lifetime of this server's access tokens, in seconds. */
export const DEFAULT_TOKEN_TTL_SECONDS = 900;
/** How long a consent page (transaction) and an upstream sign-in stay usable, in seconds. */
export const TRANSACTION_TTL_SECONDS = 600;
/** How long one refresh token stays usable, in seconds (each rotation issues a fresh one). */
export const REFRESH_TTL_SECONDS = 86_400;
/** How long a grant (a refresh-token family) may be renewed at most, in seconds. */
export const GRANT_MAX_AGE_SECONDS = 30 * 86_400;

/** The scope-token syntax of RFC 6749 §3.3. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** Split a comma- or space-separated scope list (empty entries dropped). */
export function parseScopeList(text: string): string[] {
  return text.split(/[\s,]+/).filter((scope) => scope !== "");
}

/** True for a valid RFC 6749 scope token. */
export function isScopeToken(scope: string): boolean {
  return SCOPE_TOKEN.test(scope);
}

/** The two discovery document forms whose URL says what the issuer is. */
const OPENID_SUFFIX = "/.well-known/openid-configuration";
const OAUTH_PREFIX = "/.well-known/oauth-authorization-server";

/**
 * The issuer a discovery document URL belongs to: OpenID Connect Discovery appends
 * `/.well-known/openid-configuration` to the issuer; RFC 8414 inserts
 * `/.well-known/oauth-authorization-server` between the issuer's origin and path. Undefined for
 * any other form.
 */
export function issuerOfConfigUrl(configUrl: URL): string | undefined {
  if (configUrl.search) return undefined;
  const path = configUrl.pathname;
  if (path.endsWith(OPENID_SUFFIX)) {
    return configUrl.origin + path.slice(0, -OPENID_SUFFIX.length);
  }
  if (path === OAUTH_PREFIX || path.startsWith(`${OAUTH_PREFIX}/`)) {
    return configUrl.origin + path.slice(OAUTH_PREFIX.length);
  }
  return undefined;
}

/** Why `value` cannot be an endpoint URL we call (https, or http on loopback only). */
export function endpointUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a valid URL";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    return "must use https (plain http only on loopback)";
  }
  if (url.username || url.password) return "must not contain credentials";
  if (url.hash || value.includes("#")) return "must not contain a fragment";
  return undefined;
}

/** Why `value` cannot be this server's public origin. */
export function baseUrlProblem(value: string): string | undefined {
  const problem = endpointUrlProblem(value);
  if (problem) return problem;
  const url = new URL(value);
  if (url.pathname !== "/" || url.search || value.endsWith("?")) {
    return "must be an origin only (scheme://host[:port]), without a path or query";
  }
  return undefined;
}

const bounded = (value: number | undefined, min: number, max: number) =>
  value === undefined || (Number.isInteger(value) && value >= min && value <= max);

/** Every problem of `settings`, one line each, each starting with the variable at fault. */
export function oidcSettingsProblems(settings: Partial<OidcSettings>): string[] {
  const problems: string[] = [];
  const configUrl = settings.configUrl?.trim();
  if (!configUrl) {
    problems.push(
      "OIDCPROXY_CONFIG_URL: is required in oidc mode (the identity provider's discovery " +
        "document URL, e.g. https://idp.example.com/.well-known/openid-configuration)",
    );
  } else {
    const problem = endpointUrlProblem(configUrl);
    if (problem) problems.push(`OIDCPROXY_CONFIG_URL: ${problem}`);
    else if (issuerOfConfigUrl(new URL(configUrl)) === undefined) {
      problems.push(
        `OIDCPROXY_CONFIG_URL: must end in ${OPENID_SUFFIX} or start with ${OAUTH_PREFIX} ` +
          "(the URL must say which issuer the document belongs to)",
      );
    }
  }
  const baseUrl = settings.baseUrl?.trim();
  if (!baseUrl) {
    problems.push(
      "OIDCPROXY_BASE_URL: is required in oidc mode (this server's public origin, e.g. " +
        "https://mcp.example.com)",
    );
  } else {
    const problem = baseUrlProblem(baseUrl);
    if (problem) problems.push(`OIDCPROXY_BASE_URL: ${problem}`);
  }
  if (!settings.clientId?.trim()) {
    problems.push(
      "OIDCPROXY_CLIENT_ID: is required in oidc mode (this server's client at the identity " +
        "provider)",
    );
  }
  if (settings.clientSecret !== undefined && settings.clientSecret.reveal().trim() === "") {
    problems.push("OIDCPROXY_CLIENT_SECRET: must not be empty");
  }
  if (settings.audience !== undefined && settings.audience.trim() === "") {
    problems.push("OIDCPROXY_AUDIENCE: must not be empty");
  }
  for (const scope of settings.requiredScopes ?? []) {
    if (!isScopeToken(scope)) {
      problems.push(`OIDCPROXY_REQUIRED_SCOPES: ${JSON.stringify(scope)} is not a scope token`);
    }
  }
  for (const pattern of settings.allowedRedirectUris ?? []) {
    const problem = redirectPatternProblem(pattern);
    if (problem) {
      problems.push(`OIDCPROXY_ALLOWED_REDIRECT_URIS: ${JSON.stringify(pattern)} ${problem}`);
    }
  }
  if (settings.allowedRedirectUris !== undefined && settings.allowedRedirectUris.length === 0) {
    problems.push(
      "OIDCPROXY_ALLOWED_REDIRECT_URIS: the list is empty, so no client could register",
    );
  }
  if (settings.storeDir !== undefined && settings.storeDir.trim() === "") {
    problems.push("OIDCPROXY_STORE_DIR: must not be empty");
  }
  if (!bounded(settings.codeTtlSeconds, 1, 600)) {
    problems.push("OIDCPROXY_CODE_TTL: must be a whole number of seconds from 1 to 600");
  }
  if (!bounded(settings.tokenTtlSeconds, 60, 3600)) {
    problems.push("OIDCPROXY_TOKEN_TTL: must be a whole number of seconds from 60 to 3600");
  }
  return problems;
}

/** oidc settings with every default applied, as the mode uses them. */
export interface ResolvedOidcSettings {
  /** The discovery document URL. */
  configUrl: URL;
  /** The issuer the discovery document must name. */
  expectedIssuer: string;
  /** This server's public origin, without a trailing slash; also its issuer identifier. */
  baseUrl: string;
  /** `<baseUrl>/mcp`: the resource, and the `aud` of this server's tokens. */
  resource: string;
  /** `<baseUrl>/.well-known/oauth-protected-resource/mcp`. */
  resourceMetadataUrl: string;
  /** `<baseUrl>/auth/callback`: where the identity provider sends the browser back. */
  callbackUrl: string;
  /** True when the public origin is https (cookies get `Secure` and the `__Host-` prefix). */
  secure: boolean;
  clientId: string;
  clientSecret?: Secret;
  audience?: string;
  requiredScopes: readonly string[];
  allowedRedirectUris: readonly string[];
  storeDir: string;
  codeTtlMs: number;
  tokenTtlSeconds: number;
}

/** The environment variables that decide the default state directory. */
function stateEnv(): StateEnv {
  const names = ["ZSCALER_MCP_STATE_DIR", "STATE_DIRECTORY", "LOCALAPPDATA", "XDG_STATE_HOME"];
  const env: Record<string, string | undefined> = {};
  for (const name of [...names, "HOME"]) env[name] = Deno.env.get(name);
  return env;
}

/**
 * Check `settings` and apply the defaults. `env` decides the default store directory (default:
 * the process environment).
 *
 * @throws {OidcSetupError} listing every problem.
 */
export function resolveOidcSettings(
  settings: Partial<OidcSettings> | undefined,
  env?: StateEnv,
): ResolvedOidcSettings {
  const problems = oidcSettingsProblems(settings ?? {});
  let storeDir = settings?.storeDir?.trim();
  if (problems.length === 0 && !storeDir) {
    try {
      storeDir = join(defaultStateDir(env ?? stateEnv()), "oauth");
    } catch (error) {
      problems.push(`OIDCPROXY_STORE_DIR: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0 || !settings || !storeDir) throw new OidcSetupError(problems);
  const base = new URL(settings.baseUrl!.trim());
  const baseUrl = base.origin;
  const configUrl = new URL(settings.configUrl!.trim());
  return {
    configUrl,
    expectedIssuer: issuerOfConfigUrl(configUrl)!,
    baseUrl,
    resource: `${baseUrl}${RESOURCE_PATH}`,
    resourceMetadataUrl: `${baseUrl}/.well-known/oauth-protected-resource${RESOURCE_PATH}`,
    callbackUrl: `${baseUrl}/auth/callback`,
    secure: base.protocol === "https:",
    clientId: settings.clientId!.trim(),
    clientSecret: settings.clientSecret,
    audience: settings.audience?.trim() || undefined,
    requiredScopes: Object.freeze([...new Set(settings.requiredScopes ?? [])]),
    allowedRedirectUris: Object.freeze([
      ...(settings.allowedRedirectUris ?? DEFAULT_REDIRECT_PATTERNS),
    ]),
    storeDir,
    codeTtlMs: (settings.codeTtlSeconds ?? DEFAULT_CODE_TTL_SECONDS) * 1000,
    tokenTtlSeconds: settings.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
  };
}
