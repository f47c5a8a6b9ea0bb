/**
 * The identity provider's discovery document, fetched once at startup: where to send users to
 * sign in, where to exchange codes, where its signing keys are, and what it supports. Anything
 * unusable stops the server before it listens, with one line per problem.
 *
 * @module
 */

import { DEFAULT_USER_AGENT, readBodyText, tryParseJson } from "../../zscaler/http.ts";
import { ASYMMETRIC_ALGORITHMS } from "../jwt.ts";
import { OidcSetupError } from "./errors.ts";
import { endpointUrlProblem, type ResolvedOidcSettings } from "./settings.ts";

/** Largest discovery document accepted, in bytes. */
export const MAX_DISCOVERY_BYTES = 256 * 1024;
/** How long the discovery request may take, in milliseconds. */
export const DISCOVERY_TIMEOUT_MS = 5_000;

/** How this server authenticates at the identity provider's token endpoint. */
export type UpstreamAuthMethod = "client_secret_basic" | "client_secret_post" | "none";

/** What this server uses of the identity provider's metadata. */
export interface IdpMetadata {
  /** The issuer, exactly as the document names it (the `iss` of its tokens). */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** Scopes it advertises, when it does. */
  scopesSupported?: readonly string[];
  /** True when it advertises the `offline_access` scope (refresh tokens are requested). */
  offlineAccess: boolean;
  /** How this server authenticates at its token endpoint. */
  tokenAuthMethod: UpstreamAuthMethod;
  /** Algorithms accepted for its ID tokens (asymmetric only). */
  idTokenAlgorithms: readonly string[];
  /** True when it sends `iss` in authorization responses (RFC 9207), which is then required. */
  issParameterSupported: boolean;
  /** Browser origins of the provider (issuer and authorization endpoint). */
  origins: readonly string[];
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string")
    ? value
    : undefined;
}

/**
 * Check a discovery document against the settings. `hasSecret` says whether this server has a
 * client secret (it then needs `client_secret_basic` or `client_secret_post`).
 */
export function parseDiscovery(
  document: unknown,
  settings: Pick<ResolvedOidcSettings, "expectedIssuer">,
  hasSecret: boolean,
): { metadata: IdpMetadata; problems: [] } | { metadata?: undefined; problems: string[] } {
  const at = "OIDCPROXY_CONFIG_URL: the discovery document";
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    return { problems: [`${at} is not a JSON object`] };
  }
  const doc = document as Record<string, unknown>;
  const problems: string[] = [];
  const url = (name: string, required: boolean): string | undefined => {
    const value = doc[name];
    if (value === undefined && !required) return undefined;
    if (typeof value !== "string" || value === "") {
      problems.push(`${at} has no ${name}`);
      return undefined;
    }
    const problem = endpointUrlProblem(value);
    if (problem) {
      problems.push(`${at}'s ${name} ${problem}`);
      return undefined;
    }
    return value;
  };
  const issuer = url("issuer", true);
  if (issuer !== undefined) {
    const strip = (text: string) => text.replace(/\/$/, "");
    if (strip(issuer) !== strip(settings.expectedIssuer)) {
      problems.push(
        `${at} names issuer ${JSON.stringify(issuer)}, but its URL belongs to ` +
          `${JSON.stringify(settings.expectedIssuer)} (issuer mismatch)`,
      );
    }
  }
  const authorizationEndpoint = url("authorization_endpoint", true);
  const tokenEndpoint = url("token_endpoint", true);
  const jwksUri = url("jwks_uri", true);

  const challengeMethods = stringArray(doc.code_challenge_methods_supported);
  if (!challengeMethods?.includes("S256")) {
    problems.push(
      `${at} does not list S256 in code_challenge_methods_supported (PKCE with S256 is required)`,
    );
  }
  const responseTypes = stringArray(doc.response_types_supported);
  if (responseTypes && !responseTypes.includes("code")) {
    problems.push(`${at} does not support response_type code`);
  }
  const grantTypes = stringArray(doc.grant_types_supported);
  if (grantTypes && !grantTypes.includes("authorization_code")) {
    problems.push(`${at} does not support the authorization_code grant`);
  }
  const authMethods = stringArray(doc.token_endpoint_auth_methods_supported) ??
    ["client_secret_basic"];
  let tokenAuthMethod: UpstreamAuthMethod = "none";
  if (hasSecret) {
    if (authMethods.includes("client_secret_basic")) tokenAuthMethod = "client_secret_basic";
    else if (authMethods.includes("client_secret_post")) tokenAuthMethod = "client_secret_post";
    else {
      problems.push(
        `${at} supports neither client_secret_basic nor client_secret_post at its token endpoint`,
      );
    }
  }
  const signing = stringArray(doc.id_token_signing_alg_values_supported) ?? ["RS256"];
  const idTokenAlgorithms = signing.filter((alg) => ASYMMETRIC_ALGORITHMS.includes(alg));
  if (idTokenAlgorithms.length === 0) {
    problems.push(`${at} lists no asymmetric ID token signing algorithm`);
  }
  if (problems.length > 0) return { problems };
  const scopesSupported = stringArray(doc.scopes_supported);
  const origins = [...new Set([new URL(issuer!).origin, new URL(authorizationEndpoint!).origin])];
  return {
    metadata: {
      issuer: issuer!,
      authorizationEndpoint: authorizationEndpoint!,
      tokenEndpoint: tokenEndpoint!,
      jwksUri: jwksUri!,
      scopesSupported,
      offlineAccess: scopesSupported?.includes("offline_access") ?? false,
      tokenAuthMethod,
      idTokenAlgorithms,
      issParameterSupported: doc.authorization_response_iss_parameter_supported === true,
      origins,
    },
    problems: [],
  };
}

/**
 * Fetch and check the discovery document (no redirects, bounded time and size).
 *
 * @throws {OidcSetupError} when it cannot be fetched or used.
 */
export async function discoverIdp(
  settings: Pick<ResolvedOidcSettings, "configUrl" | "expectedIssuer" | "clientSecret">,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<IdpMetadata> {
  const fetchFn = options.fetch ?? fetch;
  const at = "OIDCPROXY_CONFIG_URL";
  let text: string;
  try {
    const response = await fetchFn(settings.configUrl.href, {
      headers: { accept: "application/json", "user-agent": DEFAULT_USER_AGENT },
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? DISCOVERY_TIMEOUT_MS),
    });
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => {});
      throw new OidcSetupError([
        `${at}: the discovery document answered HTTP ${response.status} (expected 200)`,
      ]);
    }
    text = await readBodyText(response, MAX_DISCOVERY_BYTES);
  } catch (error) {
    if (error instanceof OidcSetupError) throw error;
    const why = error instanceof Error && error.name === "TimeoutError"
      ? "timed out"
      : error instanceof Error && error.name === "ResponseTooLargeError"
      ? `is larger than ${MAX_DISCOVERY_BYTES} bytes`
      : "is unreachable";
    throw new OidcSetupError([`${at}: the discovery document ${why}`]);
  }
  const parsed = tryParseJson(text);
  if (!parsed.ok) throw new OidcSetupError([`${at}: the discovery document is not valid JSON`]);
  const result = parseDiscovery(parsed.value, settings, settings.clientSecret !== undefined);
  if (result.metadata === undefined) throw new OidcSetupError(result.problems);
  return result.metadata;
}
