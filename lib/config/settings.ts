/**
 * Every setting the server reads, in one table: its command-line flag (if any), its environment
 * variable, and what it means. Parsing, `--help` and the `.env.example` check all read this table,
 * so a setting cannot be documented in one place and forgotten in another.
 *
 * @module
 */

/** How a setting's raw text is read. */
export type SettingType = "string" | "boolean" | "integer" | "list" | "secret";

/** One setting. */
export interface Setting {
  /** Key in the raw settings record. */
  key: SettingKey;
  /** Command-line flag without the leading dashes; secrets have none (argv is visible in `ps`). */
  flag?: string;
  /** Environment / `.env` variable. */
  env: string;
  type: SettingType;
  /** Shown in `--help` and checked against `.env.example`. */
  description: string;
}

/** Keys of all settings. */
export type SettingKey =
  | "transport"
  | "host"
  | "port"
  | "services"
  | "disabledServices"
  | "toolsets"
  | "disabledToolsets"
  | "disabledTools"
  | "writeEnabled"
  | "writeTools"
  | "logToolCalls"
  | "debug"
  | "sandbox"
  | "dotenvPath"
  | "pidFile"
  | "clientId"
  | "clientSecret"
  | "privateKey"
  | "vanityDomain"
  | "customerId"
  | "cloud"
  | "tokenUrl"
  | "apiBaseUrl"
  | "requestTimeout"
  | "sessionTtl"
  | "maxSessions"
  | "shutdownTimeout"
  | "tlsCertFile"
  | "tlsKeyFile"
  | "tlsKeyPassword"
  | "allowHttp"
  | "allowedHosts"
  | "disableHostValidation"
  | "allowedOrigins"
  | "allowedSourceIps"
  | "maxBodyBytes"
  | "rateLimit"
  | "authEnabled"
  | "authMode"
  | "authApiKey"
  | "authJwksUri"
  | "authAlgorithms"
  | "authIssuer"
  | "authAudience"
  | "oidcConfigUrl"
  | "oidcBaseUrl"
  | "oidcClientId"
  | "oidcClientSecret"
  | "oidcAudience"
  | "oidcRequiredScopes"
  | "oidcAllowedRedirectUris"
  | "oidcStoreDir"
  | "oidcCodeTtl"
  | "oidcTokenTtl"
  | "confirmationTtl"
  | "confirmationKeys"
  | "auditLog"
  | "disableSanitization";

/** The settings table. Order is the order of `--help`. */
export const SETTINGS: readonly Setting[] = [
  {
    key: "transport",
    flag: "transport",
    env: "ZSCALER_MCP_TRANSPORT",
    type: "string",
    description: "stdio (default) or streamable-http",
  },
  {
    key: "host",
    flag: "host",
    env: "ZSCALER_MCP_HOST",
    type: "string",
    description:
      "HTTP listen address (default 127.0.0.1; off loopback TLS and client auth are required)",
  },
  {
    key: "port",
    flag: "port",
    env: "ZSCALER_MCP_PORT",
    type: "integer",
    description: "HTTP listen port (default 8000; 0 picks a free port)",
  },
  {
    key: "services",
    flag: "services",
    env: "ZSCALER_MCP_SERVICES",
    type: "list",
    description: "comma-separated services to load (default: all), e.g. zia,zpa",
  },
  {
    key: "disabledServices",
    flag: "disabled-services",
    env: "ZSCALER_MCP_DISABLED_SERVICES",
    type: "list",
    description: "comma-separated services to leave out; wins over --services",
  },
  {
    key: "toolsets",
    flag: "toolsets",
    env: "ZSCALER_MCP_TOOLSETS",
    type: "list",
    description: "comma-separated toolsets to load (default: all; 'all' says so explicitly)",
  },
  {
    key: "disabledToolsets",
    flag: "disabled-toolsets",
    env: "ZSCALER_MCP_DISABLED_TOOLSETS",
    type: "list",
    description: "comma-separated toolsets to leave out; wins over --toolsets",
  },
  {
    key: "disabledTools",
    flag: "disabled-tools",
    env: "ZSCALER_MCP_DISABLED_TOOLS",
    type: "list",
    description:
      "comma-separated tool names or fnmatch patterns to leave out; wins over everything",
  },
  {
    key: "writeEnabled",
    flag: "enable-write-tools",
    env: "ZSCALER_MCP_WRITE_ENABLED",
    type: "boolean",
    description: "allow tools that change the tenant (also needs --write-tools)",
  },
  {
    key: "writeTools",
    flag: "write-tools",
    env: "ZSCALER_MCP_WRITE_TOOLS",
    type: "list",
    description: "comma-separated fnmatch patterns of the write tools to register",
  },
  {
    key: "logToolCalls",
    flag: "log-tool-calls",
    env: "ZSCALER_MCP_LOG_TOOL_CALLS",
    type: "boolean",
    description: "log every tool call (name, outcome, duration) to stderr",
  },
  {
    key: "debug",
    flag: "debug",
    env: "ZSCALER_MCP_DEBUG",
    type: "boolean",
    description: "verbose logging to stderr (never secrets)",
  },
  {
    key: "sandbox",
    flag: "sandbox",
    env: "ZSCALER_MCP_SANDBOX",
    type: "boolean",
    description: "serve a built-in simulated tenant on loopback; nothing contacts Zscaler",
  },
  {
    key: "dotenvPath",
    flag: "dotenv-path",
    env: "ZSCALER_MCP_DOTENV_PATH",
    type: "string",
    description: "the .env file to read (default ./.env, skipped when absent)",
  },
  {
    key: "pidFile",
    flag: "pid-file",
    env: "ZSCALER_MCP_PID_FILE",
    type: "string",
    description: "PID file of a running server, used by status/reload/restart/stop (default: " +
      "<state dir>/zscaler-mcp.pid for HTTP on a fixed port; none for stdio or port 0)",
  },
  {
    key: "clientId",
    env: "ZSCALER_CLIENT_ID",
    type: "string",
    description: "OneAPI client id (ZIdentity API client)",
  },
  {
    key: "clientSecret",
    env: "ZSCALER_CLIENT_SECRET",
    type: "secret",
    description: "OneAPI client secret (or use ZSCALER_PRIVATE_KEY)",
  },
  {
    key: "privateKey",
    env: "ZSCALER_PRIVATE_KEY",
    type: "secret",
    description: "PKCS#8 PEM private key, or a path to one, for private-key JWT client auth",
  },
  {
    key: "vanityDomain",
    env: "ZSCALER_VANITY_DOMAIN",
    type: "string",
    description: "the tenant's vanity label, e.g. acme (for acme.zslogin.net)",
  },
  {
    key: "customerId",
    env: "ZSCALER_CUSTOMER_ID",
    type: "string",
    description: "ZPA customer id (needed by ZPA tools)",
  },
  {
    key: "cloud",
    env: "ZSCALER_CLOUD",
    type: "string",
    description: "production (default), beta, gov, govus, or another cloud name",
  },
  {
    key: "tokenUrl",
    env: "ZSCALER_MCP_TOKEN_URL",
    type: "string",
    description: "override the ZIdentity token URL (https, or http on loopback only)",
  },
  {
    key: "apiBaseUrl",
    env: "ZSCALER_MCP_API_BASE_URL",
    type: "string",
    description: "override the OneAPI gateway URL (https, or http on loopback only)",
  },
  {
    key: "requestTimeout",
    env: "ZSCALER_MCP_REQUEST_TIMEOUT",
    type: "integer",
    description: "seconds before one upstream request times out (default 30)",
  },
  {
    key: "sessionTtl",
    env: "ZSCALER_MCP_SESSION_TTL",
    type: "integer",
    description: "seconds an idle 2025-11-25 HTTP session is kept (default 1800)",
  },
  {
    key: "maxSessions",
    env: "ZSCALER_MCP_MAX_SESSIONS",
    type: "integer",
    description: "most 2025-11-25 HTTP sessions kept at once (default 100)",
  },
  {
    key: "shutdownTimeout",
    env: "ZSCALER_MCP_SHUTDOWN_TIMEOUT",
    type: "integer",
    description: "seconds to let in-flight requests finish on SIGINT/SIGTERM (default 10)",
  },
  {
    key: "tlsCertFile",
    env: "ZSCALER_MCP_TLS_CERTFILE",
    type: "string",
    description: "PEM certificate (chain) file; with the key file, HTTP is served over TLS",
  },
  {
    key: "tlsKeyFile",
    env: "ZSCALER_MCP_TLS_KEYFILE",
    type: "string",
    description: "PEM private key file of the certificate",
  },
  {
    key: "tlsKeyPassword",
    env: "ZSCALER_MCP_TLS_KEYFILE_PASSWORD",
    type: "secret",
    description: "password of an encrypted TLS private key",
  },
  {
    key: "allowHttp",
    env: "ZSCALER_MCP_ALLOW_HTTP",
    type: "boolean",
    description: "serve plain HTTP on a non-loopback address (TLS is terminated upstream)",
  },
  {
    key: "allowedHosts",
    env: "ZSCALER_MCP_ALLOWED_HOSTS",
    type: "list",
    description: "Host header allowlist: names or globs, with or without :port " +
      "(default: the bind address and loopback names)",
  },
  {
    key: "disableHostValidation",
    env: "ZSCALER_MCP_DISABLE_HOST_VALIDATION",
    type: "boolean",
    description: "turn the Host check off (development only; the banner warns)",
  },
  {
    key: "allowedOrigins",
    env: "ZSCALER_MCP_ALLOWED_ORIGINS",
    type: "list",
    description: "browser origins allowed to call the server, e.g. https://app.example.com " +
      "(default: none)",
  },
  {
    key: "allowedSourceIps",
    env: "ZSCALER_MCP_ALLOWED_SOURCE_IPS",
    type: "list",
    description: "client addresses allowed to connect: IPv4, IPv6, CIDR (default: any)",
  },
  {
    key: "maxBodyBytes",
    env: "ZSCALER_MCP_MAX_BODY_BYTES",
    type: "integer",
    description: "largest request body accepted, in bytes (default 1048576)",
  },
  {
    key: "rateLimit",
    env: "ZSCALER_MCP_RATE_LIMIT",
    type: "integer",
    description: "requests per minute per client address (default 600; 0 turns it off)",
  },
  {
    key: "authEnabled",
    env: "ZSCALER_MCP_AUTH_ENABLED",
    type: "boolean",
    description: "authenticate HTTP clients (default true; false only on loopback)",
  },
  {
    key: "authMode",
    env: "ZSCALER_MCP_AUTH_MODE",
    type: "string",
    description:
      "api-key, jwt, zscaler, oidc or none (default: detected from the other AUTH settings)",
  },
  {
    key: "authApiKey",
    env: "ZSCALER_MCP_AUTH_API_KEY",
    type: "secret",
    description: "the API key clients send as a bearer token (--generate-auth-token makes one)",
  },
  {
    key: "authJwksUri",
    env: "ZSCALER_MCP_AUTH_JWKS_URI",
    type: "string",
    description: "JWKS URL of the identity provider whose JWTs clients present",
  },
  {
    key: "authAlgorithms",
    env: "ZSCALER_MCP_AUTH_ALGORITHMS",
    type: "list",
    description: "JWT signature algorithms accepted (default RS256,ES256)",
  },
  {
    key: "authIssuer",
    env: "ZSCALER_MCP_AUTH_ISSUER",
    type: "string",
    description: "required JWT issuer (iss)",
  },
  {
    key: "authAudience",
    env: "ZSCALER_MCP_AUTH_AUDIENCE",
    type: "string",
    description: "required JWT audience (aud); tokens minted for anyone else are refused",
  },
  {
    key: "oidcConfigUrl",
    env: "OIDCPROXY_CONFIG_URL",
    type: "string",
    description: "oidc mode: the identity provider's discovery document URL " +
      "(…/.well-known/openid-configuration), fetched at startup",
  },
  {
    key: "oidcBaseUrl",
    env: "OIDCPROXY_BASE_URL",
    type: "string",
    description: "oidc mode: this server's public origin, e.g. https://mcp.example.com " +
      "(https; http only on loopback)",
  },
  {
    key: "oidcClientId",
    env: "OIDCPROXY_CLIENT_ID",
    type: "string",
    description: "oidc mode: this server's client id at the identity provider",
  },
  {
    key: "oidcClientSecret",
    env: "OIDCPROXY_CLIENT_SECRET",
    type: "secret",
    description: "oidc mode: this server's client secret at the identity provider",
  },
  {
    key: "oidcAudience",
    env: "OIDCPROXY_AUDIENCE",
    type: "string",
    description: "oidc mode: the aud identity-provider access tokens must carry to be accepted " +
      "directly; also requested upstream (default: only this server's own tokens are accepted)",
  },
  {
    key: "oidcRequiredScopes",
    env: "OIDCPROXY_REQUIRED_SCOPES",
    type: "list",
    description: "oidc mode: comma- or space-separated scopes every client token must hold " +
      "(default none)",
  },
  {
    key: "oidcAllowedRedirectUris",
    env: "OIDCPROXY_ALLOWED_REDIRECT_URIS",
    type: "list",
    description: "oidc mode: comma-separated http(s) patterns client redirect URIs must match " +
      "(* within a part, ** across parts; default: loopback on any port)",
  },
  {
    key: "oidcStoreDir",
    env: "OIDCPROXY_STORE_DIR",
    type: "string",
    description: "oidc mode: folder of the client registration store (default <state dir>/oauth)",
  },
  {
    key: "oidcCodeTtl",
    env: "OIDCPROXY_CODE_TTL",
    type: "integer",
    description: "oidc mode: seconds an authorization code lives, 1-600 (default 60)",
  },
  {
    key: "oidcTokenTtl",
    env: "OIDCPROXY_TOKEN_TTL",
    type: "integer",
    description: "oidc mode: seconds this server's access tokens live, 60-3600 (default 900)",
  },
  {
    key: "confirmationTtl",
    env: "ZSCALER_MCP_CONFIRMATION_TTL",
    type: "integer",
    description: "seconds a destructive-call confirmation stays valid (default 300)",
  },
  {
    key: "confirmationKeys",
    env: "ZSCALER_MCP_CONFIRMATION_KEYS",
    type: "secret",
    description: "comma-separated HMAC keys (32+ characters each) for confirmation tokens; the " +
      "first seals, all verify (default: a random key per process)",
  },
  {
    key: "auditLog",
    env: "ZSCALER_MCP_AUDIT_LOG",
    type: "string",
    description: "append audit JSON lines to this file (mode 0600) instead of stderr",
  },
  {
    key: "disableSanitization",
    env: "ZSCALER_MCP_DISABLE_OUTPUT_SANITIZATION",
    type: "boolean",
    description: "turn off output sanitization (NOT recommended; the banner warns). " +
      "Environment only: no flag can do it",
  },
];

/** Flags that are actions rather than settings; they never come from the environment. */
export const ACTION_FLAGS = [
  "help",
  "version",
  "list-tools",
  "json",
  "generate-auth-token",
] as const;
