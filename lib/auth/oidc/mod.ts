/**
 * `oidc` mode: an OAuth 2.1 resource server for any OpenID Connect provider, and an OAuth proxy
 * in front of it with dynamic client registration, for identity providers that do not let MCP
 * clients register themselves.
 *
 * What clients see: this server is their authorization server. They discover it (RFC 9728 →
 * RFC 8414), register (RFC 7591) or name a client ID metadata document, and run authorization
 * code + PKCE (S256). The user approves the client on this server's consent page, signs in at the
 * identity provider (this server is one client there, with its own PKCE, state and nonce), and
 * the client receives this server's own short-lived ES256 access token and a rotating refresh
 * token. The identity provider's tokens stay on the server, sealed (AES-256-GCM).
 *
 * `/mcp` accepts this server's tokens, and — when `OIDCPROXY_AUDIENCE` is set — access tokens
 * the identity provider issued for that audience.
 *
 * @example Programmatic use
 * ```ts
 * const authenticator = await createAuthenticatorAsync({
 *   mode: "oidc",
 *   algorithms: [],
 *   oidc: {
 *     configUrl: "https://idp.example.com/.well-known/openid-configuration",
 *     baseUrl: "https://mcp.example.com",
 *     clientId: "zscaler-mcp",
 *     clientSecret: new Secret(secretFromVault),
 *     requiredScopes: ["mcp:tools"],
 *   },
 * }, { logger });
 * // then createHttpHandler(factory, { auth, authenticator, ... })
 * ```
 *
 * Contract notes (where this differs from, or pins down, the issue 7 contract):
 * - `createAuthenticator` stays synchronous, so it cannot fetch the discovery document: for
 *   `mode: "oidc"` it throws an `AuthConfigError` naming `createAuthenticatorAsync`, which
 *   handles every mode and is what the server uses. Startup problems of oidc mode are
 *   `OidcSetupError`s (one line per problem); the CLI prints them and exits 2.
 * - `/auth/callback` also requires a browser-binding cookie (`__Host-zscaler_mcp_signin` on
 *   https, `zscaler_mcp_signin` on http loopback; `HttpOnly`, `SameSite=Lax`) set by
 *   `/authorize/decision` on Approve, so the identity provider's answer is only accepted in the
 *   browser that approved. A client that follows the redirects with a cookie jar (a browser)
 *   passes; a mismatch is a 403 page.
 * - Upstream tokens are sealed with a random per-process key: grants, codes and refresh tokens
 *   live in memory and end with the process (as do this server's signing key and its tokens),
 *   so no key setting exists. Registrations persist.
 * - Upstream, `audience=<OIDCPROXY_AUDIENCE>` is sent whenever it is set, and
 *   `resource=<OIDCPROXY_AUDIENCE>` only when it is an absolute URL (RFC 8707 requires one).
 *   `offline_access` is requested when the discovery document's `scopes_supported` lists it.
 * - Identity-provider access tokens are accepted at `/mcp` only when `OIDCPROXY_AUDIENCE` is set;
 *   tokens carrying a `nonce` (ID tokens) never are.
 * - Scopes: a client asking for some of the required scopes gets those (OpenID scopes are passed
 *   over; unknown ones are `invalid_scope`); asking for none of them gets all; the grant keeps
 *   only those the identity provider granted when its token response says which.
 * - `POST /register` without `token_endpoint_auth_method` registers a `client_secret_basic`
 *   client (the RFC 7591 default); public clients send `none`.
 * - `POST /revoke` with a token issued to another client answers 400 `unauthorized_client` and
 *   revokes nothing; unknown tokens get 200.
 * - `/.well-known/openid-configuration` is not served (this server is not an OpenID provider);
 *   MCP clients read `/.well-known/oauth-authorization-server` first.
 *
 * @module
 */

export {
  createOidcAuthenticator,
  type OAuthGuardRoutes,
  type OidcAuthenticator,
  type OidcDeps,
} from "./authenticator.ts";
export { authConfigProblems, OidcSetupError } from "./errors.ts";
export {
  DEFAULT_CODE_TTL_SECONDS,
  DEFAULT_REDIRECT_PATTERNS,
  DEFAULT_TOKEN_TTL_SECONDS,
  issuerOfConfigUrl,
  type OidcSettings,
  oidcSettingsProblems,
  parseScopeList,
} from "./settings.ts";
export { oidcProtectedResourceMetadata } from "./metadata.ts";
