/**
 * The HTTP front door's settings: TLS, the bind policy (TLS or loopback), the network guard's
 * lists and limits, and the client authentication mode. Every refusal to start is one problem line.
 *
 * @module
 */

import { createPrivateKey } from "node:crypto";
import { ASYMMETRIC_ALGORITHMS, type OidcSettings, oidcSettingsProblems } from "../auth/mod.ts";
import {
  defaultAllowedHosts,
  hostPatternProblem,
  originProblem,
  sourceIpProblem,
} from "../guard/network.ts";
import {
  compileHostPattern,
  defaultPort,
  parseAuthority,
  patternMatches,
} from "../guard/network_host.ts";
import { isLoopbackHost } from "./loopback.ts";
import { Secret } from "./secret.ts";

/** Client authentication modes. */
export type AuthModeSetting = "api-key" | "jwt" | "zscaler" | "oidc" | "none";

/** TLS material, read at startup. */
export interface TlsSettings {
  readonly certFile: string;
  /** PEM certificate chain. */
  readonly cert: string;
  /** PEM private key, decrypted when it had a password. */
  readonly key: Secret;
}

/** What the HTTP network guard enforces. */
export interface HttpSettings {
  readonly tls?: TlsSettings;
  readonly allowHttp: boolean;
  /** Host patterns; `null` when host validation is disabled. */
  readonly allowedHosts: readonly string[] | null;
  readonly allowedOrigins: readonly string[];
  /** Addresses/CIDRs; `null` for any source. */
  readonly allowedSourceIps: readonly string[] | null;
  readonly maxBodyBytes: number;
  readonly rateLimitPerMinute: number;
}

/** How HTTP clients authenticate. */
export interface AuthConfig {
  readonly mode: AuthModeSetting;
  readonly apiKey?: Secret;
  readonly jwksUri?: string;
  readonly algorithms: readonly string[];
  readonly issuer?: string;
  readonly audience?: string;
  /** oidc mode's settings (set in oidc mode only). */
  readonly oidc?: OidcSettings;
}

/** Validated raw values this module reads (already type-checked by the schema). */
export interface HttpInputs {
  transport: "stdio" | "streamable-http";
  host: string;
  tlsCertFile?: string;
  tlsKeyFile?: string;
  tlsKeyPassword?: string;
  allowHttp?: boolean;
  allowedHosts?: string[];
  disableHostValidation?: boolean;
  allowedOrigins?: string[];
  allowedSourceIps?: string[];
  maxBodyBytes?: number;
  rateLimit?: number;
  authEnabled?: boolean;
  authMode?: AuthModeSetting;
  authApiKey?: string;
  authJwksUri?: string;
  authAlgorithms?: string[];
  authIssuer?: string;
  authAudience?: string;
  oidcConfigUrl?: string;
  oidcBaseUrl?: string;
  oidcClientId?: string;
  oidcClientSecret?: string;
  oidcAudience?: string;
  oidcRequiredScopes?: string[];
  oidcAllowedRedirectUris?: string[];
  oidcStoreDir?: string;
  oidcCodeTtl?: number;
  oidcTokenTtl?: number;
}

/** The resolved HTTP and auth settings, with problems and banner warnings. */
export interface HttpResolution {
  http: HttpSettings;
  auth: AuthConfig;
  problems: string[];
  warnings: string[];
}

const WILDCARD_BINDS = new Set(["0.0.0.0", "::", "[::]"]);

function readTls(
  inputs: HttpInputs,
  readFile: (path: string) => string,
  problems: string[],
): TlsSettings | undefined {
  const { tlsCertFile: certFile, tlsKeyFile: keyFile, tlsKeyPassword: password } = inputs;
  if (!certFile && !keyFile) {
    if (password) problems.push("ZSCALER_MCP_TLS_KEYFILE_PASSWORD: is set without a key file");
    return undefined;
  }
  if (!certFile || !keyFile) {
    problems.push(
      "ZSCALER_MCP_TLS_CERTFILE and ZSCALER_MCP_TLS_KEYFILE: set both, or neither",
    );
    return undefined;
  }
  const read = (path: string, setting: string) => {
    try {
      return readFile(path);
    } catch (error) {
      problems.push(`${setting}: cannot read ${JSON.stringify(path)} (${(error as Error).name})`);
      return undefined;
    }
  };
  const cert = read(certFile, "ZSCALER_MCP_TLS_CERTFILE");
  const keyText = read(keyFile, "ZSCALER_MCP_TLS_KEYFILE");
  if (cert === undefined || keyText === undefined) return undefined;
  if (!cert.includes("-----BEGIN CERTIFICATE-----")) {
    problems.push("ZSCALER_MCP_TLS_CERTFILE: is not a PEM certificate");
    return undefined;
  }
  try {
    // Deno.serve takes an unencrypted key; decrypt once here (also proves the key parses).
    const key = createPrivateKey({ key: keyText, format: "pem", passphrase: password })
      .export({ type: "pkcs8", format: "pem" }) as string;
    return { certFile, cert, key: new Secret(key) };
  } catch {
    problems.push(
      password
        ? "ZSCALER_MCP_TLS_KEYFILE: cannot decrypt the key with ZSCALER_MCP_TLS_KEYFILE_PASSWORD"
        : "ZSCALER_MCP_TLS_KEYFILE: is not a usable PEM private key (encrypted keys need " +
          "ZSCALER_MCP_TLS_KEYFILE_PASSWORD)",
    );
    return undefined;
  }
}

function listProblems(
  items: readonly string[] | undefined,
  setting: string,
  check: (item: string) => string | undefined,
  problems: string[],
): void {
  for (const item of items ?? []) {
    const problem = check(item);
    if (problem) problems.push(`${setting}: ${JSON.stringify(item)} ${problem}`);
  }
}

function resolveAuth(inputs: HttpInputs, loopback: boolean, problems: string[]): AuthConfig {
  const algorithms = inputs.authAlgorithms?.length ? inputs.authAlgorithms : ["RS256", "ES256"];
  for (const algorithm of algorithms) {
    if (!ASYMMETRIC_ALGORITHMS.includes(algorithm)) {
      problems.push(
        `ZSCALER_MCP_AUTH_ALGORITHMS: ${JSON.stringify(algorithm)} is not accepted ` +
          `(asymmetric only: ${ASYMMETRIC_ALGORITHMS.join(", ")})`,
      );
    }
  }
  const base = {
    algorithms,
    apiKey: inputs.authApiKey === undefined ? undefined : new Secret(inputs.authApiKey),
    jwksUri: inputs.authJwksUri,
    issuer: inputs.authIssuer,
    audience: inputs.authAudience,
  };
  if (inputs.transport === "stdio") return { ...base, mode: "none" };

  let mode: AuthModeSetting;
  if (inputs.authEnabled === false) {
    if (inputs.authMode && inputs.authMode !== "none") {
      problems.push(
        `ZSCALER_MCP_AUTH_ENABLED=false contradicts ZSCALER_MCP_AUTH_MODE=${inputs.authMode}`,
      );
    }
    mode = "none";
  } else {
    mode = inputs.authMode ??
      (inputs.authApiKey
        ? "api-key"
        : inputs.authJwksUri
        ? "jwt"
        : inputs.oidcConfigUrl
        ? "oidc"
        : "none");
  }
  if (mode === "api-key" && !inputs.authApiKey) {
    problems.push("ZSCALER_MCP_AUTH_API_KEY: is required in api-key mode (--generate-auth-token)");
  }
  if (mode === "jwt") {
    if (!inputs.authJwksUri) problems.push("ZSCALER_MCP_AUTH_JWKS_URI: is required in jwt mode");
    if (!inputs.authAudience) {
      problems.push(
        "ZSCALER_MCP_AUTH_AUDIENCE: is required in jwt mode (tokens minted for another " +
          "audience must be refused)",
      );
    }
  }
  if (mode === "none" && !loopback) {
    problems.push(
      "security: refusing to serve HTTP on a non-loopback address without client " +
        "authentication; set ZSCALER_MCP_AUTH_API_KEY, ZSCALER_MCP_AUTH_JWKS_URI or " +
        "ZSCALER_MCP_AUTH_MODE=zscaler",
    );
  }
  if (mode === "oidc") {
    const oidc: OidcSettings = {
      configUrl: inputs.oidcConfigUrl ?? "",
      baseUrl: inputs.oidcBaseUrl ?? "",
      clientId: inputs.oidcClientId ?? "",
      clientSecret: inputs.oidcClientSecret === undefined
        ? undefined
        : new Secret(inputs.oidcClientSecret),
      audience: inputs.oidcAudience,
      requiredScopes: inputs.oidcRequiredScopes,
      allowedRedirectUris: inputs.oidcAllowedRedirectUris?.length
        ? inputs.oidcAllowedRedirectUris
        : undefined,
      storeDir: inputs.oidcStoreDir,
      codeTtlSeconds: inputs.oidcCodeTtl,
      tokenTtlSeconds: inputs.oidcTokenTtl,
    };
    problems.push(...oidcSettingsProblems(oidc));
    return { ...base, mode, oidc };
  }
  return { ...base, mode };
}

/**
 * The host of oidc mode's public origin when the Host allowlist would refuse it (requests by that
 * name get 403), else undefined.
 */
function baseUrlHostRefused(
  baseUrl: string | undefined,
  allowedHosts: readonly string[] | null,
): string | undefined {
  if (!baseUrl || allowedHosts === null) return undefined;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  const authority = parseAuthority(url.host);
  if (!authority) return undefined;
  const port = defaultPort(url.protocol);
  return allowedHosts.some((pattern) =>
      hostPatternProblem(pattern) === undefined &&
      patternMatches(compileHostPattern(pattern), authority, port)
    )
    ? undefined
    : url.host;
}

/** Resolves TLS, the bind policy, the network lists and the auth mode. */
export function resolveHttp(
  inputs: HttpInputs,
  readFile: (path: string) => string,
): HttpResolution {
  const problems: string[] = [];
  const warnings: string[] = [];
  const http = inputs.transport === "streamable-http";
  const loopback = isLoopbackHost(inputs.host);
  const tls = http ? readTls(inputs, readFile, problems) : undefined;

  listProblems(inputs.allowedHosts, "ZSCALER_MCP_ALLOWED_HOSTS", hostPatternProblem, problems);
  listProblems(inputs.allowedOrigins, "ZSCALER_MCP_ALLOWED_ORIGINS", originProblem, problems);
  listProblems(
    inputs.allowedSourceIps,
    "ZSCALER_MCP_ALLOWED_SOURCE_IPS",
    sourceIpProblem,
    problems,
  );

  if (http && !loopback && !tls && !inputs.allowHttp) {
    problems.push(
      `security: refusing to serve plain HTTP on ${JSON.stringify(inputs.host)}; set ` +
        "ZSCALER_MCP_TLS_CERTFILE and ZSCALER_MCP_TLS_KEYFILE, or ZSCALER_MCP_ALLOW_HTTP=true " +
        "when a proxy in front terminates TLS",
    );
  }
  const wildcard = WILDCARD_BINDS.has(inputs.host);
  if (http && wildcard && !inputs.allowedHosts?.length && !inputs.disableHostValidation) {
    problems.push(
      `security: binding ${JSON.stringify(inputs.host)} needs ZSCALER_MCP_ALLOWED_HOSTS (the ` +
        "names clients use to reach this server) so DNS rebinding is refused; " +
        "ZSCALER_MCP_DISABLE_HOST_VALIDATION=true acknowledges the risk instead",
    );
  }
  if (http && inputs.disableHostValidation) {
    warnings.push(
      "Host header validation is DISABLED (development only): DNS rebinding is possible",
    );
  }
  if (http && inputs.allowHttp && !loopback && !tls) {
    warnings.push(
      "plain HTTP on a non-loopback address: TLS must be terminated by a proxy in front",
    );
  }
  const auth = resolveAuth(inputs, loopback, problems);
  if (http && auth.mode === "none") {
    warnings.push("client authentication is OFF (allowed because the bind is loopback only)");
  }
  const allowedHosts = inputs.disableHostValidation
    ? null
    : inputs.allowedHosts?.length
    ? inputs.allowedHosts
    : defaultAllowedHosts(inputs.host);
  const unreachable = http && auth.mode === "oidc" && problems.length === 0
    ? baseUrlHostRefused(auth.oidc?.baseUrl, allowedHosts)
    : undefined;
  if (unreachable) {
    warnings.push(
      `OIDCPROXY_BASE_URL: host ${unreachable} is not in ZSCALER_MCP_ALLOWED_HOSTS, so browsers ` +
        "and clients that reach this server by that name are refused (fine only when a proxy " +
        "in front rewrites the Host header)",
    );
  }
  return {
    http: {
      tls,
      allowHttp: inputs.allowHttp ?? false,
      allowedHosts,
      allowedOrigins: inputs.allowedOrigins ?? [],
      allowedSourceIps: inputs.allowedSourceIps?.length ? inputs.allowedSourceIps : null,
      maxBodyBytes: inputs.maxBodyBytes ?? 1024 * 1024,
      rateLimitPerMinute: inputs.rateLimit ?? 600,
    },
    auth,
    problems,
    warnings,
  };
}
