/**
 * The simulated ZIdentity token endpoint (`POST /oauth2/v1/token`, API-FACTS §1) and the
 * access tokens it mints: real three-part JWTs signed with a per-tenant random HMAC key.
 *
 * @module
 */

import { createHash, timingSafeEqual } from "node:crypto";
import { Buffer } from "node:buffer";
import * as jose from "jose";
import { jsonResponse } from "./http.ts";
import type { ResolvedSimClient, ResolvedSimOptions } from "./options.ts";

/** Path of the token endpoint. */
export const TOKEN_PATH = "/oauth2/v1/token";
/** The only `audience` the token endpoint accepts. */
export const ONEAPI_AUDIENCE = "https://api.zscaler.com";
/** RFC 7523 client assertion type. */
export const JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Content type of token endpoint responses (recorded). */
export const TOKEN_CONTENT_TYPE = "application/json;charset=UTF-8";

/** One entry of the token's `service-info` claim. */
export interface ServiceInfo {
  /** Product, e.g. `ZIA`. */
  prd: string;
  /** Role name. */
  rnm: string;
  /** Tenant. */
  tnt: string;
}

/** What the gateway learns from a valid access token. */
export interface VerifiedToken {
  /** The client the token was minted for. */
  clientId: string;
  /** `prd` values from `service-info`. */
  services: string[];
  /** Expiry, epoch seconds. */
  exp: number;
}

/**
 * Mints and verifies access tokens. Every minted token's `jti` is remembered until it expires;
 * {@link TokenIssuer.expireAll} forgets them all, so those tokens fail verification even though
 * their signature and `exp` are still fine.
 */
export class TokenIssuer {
  readonly #key: Uint8Array;
  readonly #issuer: string;
  readonly #ttl: number;
  readonly #customerId: string;
  readonly #vanity: string;
  #live = new Map<string, number>();
  #minted = 0;

  /** Creates an issuer with a fresh random signing key. */
  constructor(options: ResolvedSimOptions) {
    this.#key = crypto.getRandomValues(new Uint8Array(32));
    this.#issuer = `https://${options.vanity}.zslogin.net`;
    this.#ttl = options.tokenTtlSeconds;
    this.#customerId = options.customerId;
    this.#vanity = options.vanity;
  }

  /** The `iss` claim of minted tokens. */
  get issuer(): string {
    return this.#issuer;
  }

  /** How many tokens have been minted. */
  get minted(): number {
    return this.#minted;
  }

  /** Mints an access token for `client`; returns the JWT and its lifetime in seconds. */
  async mint(client: ResolvedSimClient): Promise<{ token: string; expiresIn: number }> {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + this.#ttl;
    const jti = crypto.randomUUID();
    const serviceInfo: ServiceInfo[] = client.services.map((prd) => ({
      prd,
      rnm: "API Role",
      tnt: prd === "ZPA" ? this.#customerId : this.#vanity,
    }));
    const token = await new jose.SignJWT({
      client_id: client.clientId,
      "service-info": serviceInfo,
    })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(this.#issuer)
      .setSubject(client.clientId)
      .setAudience(ONEAPI_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(jti)
      .sign(this.#key);
    this.#prune();
    this.#live.set(jti, exp);
    this.#minted += 1;
    return { token, expiresIn: this.#ttl };
  }

  /** Verifies a bearer token: signature, issuer, audience, `exp`, and not revoked. */
  async verify(token: string): Promise<VerifiedToken | undefined> {
    let payload: jose.JWTPayload;
    try {
      ({ payload } = await jose.jwtVerify(token, this.#key, {
        algorithms: ["HS256"],
        issuer: this.#issuer,
        audience: ONEAPI_AUDIENCE,
        requiredClaims: ["exp", "jti", "sub"],
      }));
    } catch {
      return undefined;
    }
    if (typeof payload.jti !== "string" || !this.#live.has(payload.jti)) return undefined;
    const info = payload["service-info"];
    const services = Array.isArray(info)
      ? info.flatMap((entry) =>
        typeof entry === "object" && entry !== null && typeof entry.prd === "string"
          ? [entry.prd as string]
          : []
      )
      : [];
    return { clientId: String(payload.sub), services, exp: payload.exp ?? 0 };
  }

  /** Revokes every token minted so far. */
  expireAll(): void {
    this.#live.clear();
  }

  #prune(): void {
    const now = Math.floor(Date.now() / 1000);
    for (const [jti, exp] of this.#live) if (exp <= now) this.#live.delete(jti);
  }
}

/** An OAuth error response (RFC 6749 §5.2). */
function oauthError(
  status: number,
  error: string,
  description: string,
  headers: HeadersInit = {},
): Response {
  return jsonResponse(status, { error, error_description: description }, TOKEN_CONTENT_TYPE, {
    "cache-control": "no-store",
    ...Object.fromEntries(new Headers(headers)),
  });
}

/** 401 `invalid_client` with the fixed description (never echoes what was sent). */
function invalidClient(basic: boolean): Response {
  return oauthError(
    401,
    "invalid_client",
    "Client authentication failed",
    basic ? { "www-authenticate": 'Basic realm="zidentity"' } : {},
  );
}

/** Constant-time comparison of two strings (hashes first, so lengths never leak). */
export function secretsEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a, "utf8").digest();
  const hb = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(ha, hb);
}

/** Form fields of a token request with credentials replaced by `[REDACTED]`, for recording. */
export function redactTokenForm(form: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form) {
    out[key] = key === "client_secret" || key === "client_assertion" ? "[REDACTED]" : value;
  }
  return out;
}

function decodeFormComponent(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

/** Parses `Authorization: Basic …` into raw and form-decoded id/secret pairs. */
function parseBasic(header: string): { ids: string[]; secrets: string[] } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  let decoded: string;
  try {
    decoded = Buffer.from(match[1], "base64").toString("utf8");
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const rawId = decoded.slice(0, colon);
  const rawSecret = decoded.slice(colon + 1);
  return {
    ids: [...new Set([rawId, decodeFormComponent(rawId)])],
    secrets: [...new Set([rawSecret, decodeFormComponent(rawSecret)])],
  };
}

/** Imports the client's key for `alg` (CryptoKeys are used as they are). */
async function clientKey(
  client: ResolvedSimClient,
  alg: string,
): Promise<CryptoKey | Uint8Array> {
  const key = client.publicKey;
  if (key === undefined) throw new Error("client has no public key");
  if (key instanceof CryptoKey) return key;
  const imported = await jose.importJWK(key as jose.JWK, alg);
  if (imported instanceof Uint8Array) throw new Error("symmetric keys are not accepted");
  return imported;
}

/** Audiences a client assertion may name. */
function assertionAudiences(options: ResolvedSimOptions, simOrigin: string): string[] {
  const vanityOrigin = `https://${options.vanity}.zslogin.net`;
  return [
    ONEAPI_AUDIENCE,
    vanityOrigin,
    `${vanityOrigin}${TOKEN_PATH}`,
    simOrigin,
    `${simOrigin}${TOKEN_PATH}`,
  ];
}

/** Verifies an RFC 7523 client assertion for `client`. */
async function verifyAssertion(
  assertion: string,
  client: ResolvedSimClient,
  audiences: string[],
): Promise<boolean> {
  if (client.publicKey === undefined) return false;
  try {
    await jose.jwtVerify(
      assertion,
      (header) => clientKey(client, header.alg ?? ""),
      {
        algorithms: ["RS256", "ES256"],
        issuer: client.clientId,
        subject: client.clientId,
        audience: audiences,
        requiredClaims: ["exp"],
      },
    );
    return true;
  } catch {
    return false;
  }
}

/** Result of {@link handleTokenRequest}: the response and the redacted form for recording. */
export interface TokenExchange {
  /** The HTTP response. */
  response: Response;
  /** Redacted form fields (empty when the body was not a form). */
  recordedBody: Record<string, string> | null;
  /** The authenticated client, when one was. */
  clientId?: string;
}

/**
 * Handles a request to the token endpoint.
 *
 * - `grant_type=client_credentials` and `audience=https://api.zscaler.com` are required
 *   (400 `invalid_request` / `unsupported_grant_type`).
 * - Client authentication: `client_id`+`client_secret` form fields, HTTP Basic, or a
 *   `client_assertion` (RS256/ES256, `iss`=`sub`=client id, `exp` required and in the future,
 *   `aud` one of the OneAPI audience, the vanity ZIdentity origin or token URL, or the
 *   simulator's own origin or token URL). Exactly one method may be used (else 400).
 * - Bad credentials: 401 `invalid_client` with a fixed description.
 */
export async function handleTokenRequest(
  request: Request,
  options: ResolvedSimOptions,
  issuer: TokenIssuer,
): Promise<TokenExchange> {
  if (request.method !== "POST") {
    await request.body?.cancel();
    const response = oauthError(405, "invalid_request", "The token endpoint only accepts POST.", {
      allow: "POST",
    });
    return { response, recordedBody: null };
  }
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0].trim()
    .toLowerCase();
  const text = await request.text();
  if (contentType !== "application/x-www-form-urlencoded") {
    return {
      response: oauthError(
        400,
        "invalid_request",
        "The request must be application/x-www-form-urlencoded.",
      ),
      recordedBody: null,
    };
  }
  const form = new URLSearchParams(text);
  const recordedBody = redactTokenForm(form);
  const fail = (response: Response): TokenExchange => ({ response, recordedBody });

  for (const key of new Set(form.keys())) {
    if (form.getAll(key).length > 1) {
      return fail(oauthError(400, "invalid_request", `Parameter ${key} is repeated.`));
    }
  }
  const grantType = form.get("grant_type");
  if (grantType === null || grantType === "") {
    return fail(oauthError(400, "invalid_request", "Missing grant_type."));
  }
  if (grantType !== "client_credentials") {
    return fail(
      oauthError(400, "unsupported_grant_type", "Only client_credentials is supported."),
    );
  }
  const audience = form.get("audience");
  if (audience === null || audience === "") {
    return fail(oauthError(400, "invalid_request", "Missing audience."));
  }
  if (audience !== ONEAPI_AUDIENCE) {
    return fail(oauthError(400, "invalid_request", `audience must be ${ONEAPI_AUDIENCE}.`));
  }

  const authorization = request.headers.get("authorization");
  const formId = form.get("client_id");
  const formSecret = form.get("client_secret");
  const assertion = form.get("client_assertion");
  const assertionType = form.get("client_assertion_type");
  const methods = [authorization !== null, formSecret !== null, assertion !== null]
    .filter(Boolean).length;
  if (methods > 1) {
    return fail(
      oauthError(400, "invalid_request", "Use exactly one client authentication method."),
    );
  }

  let client: ResolvedSimClient | undefined;
  const findClient = (id: string) => options.clients.find((c) => c.clientId === id);

  if (authorization !== null) {
    const basic = parseBasic(authorization);
    if (basic === undefined) return fail(invalidClient(true));
    const candidate = basic.ids.map(findClient).find((c) => c !== undefined);
    const ok = candidate?.clientSecret !== undefined &&
      basic.secrets.map((s) => secretsEqual(s, candidate.clientSecret ?? "")).some(Boolean) &&
      (formId === null || formId === candidate.clientId);
    if (!ok) return fail(invalidClient(true));
    client = candidate;
  } else if (assertion !== null) {
    if (assertionType !== JWT_BEARER_ASSERTION_TYPE) {
      return fail(
        oauthError(
          400,
          "invalid_request",
          `client_assertion_type must be ${JWT_BEARER_ASSERTION_TYPE}.`,
        ),
      );
    }
    let claimedId = formId;
    if (claimedId === null) {
      try {
        const claims = jose.decodeJwt(assertion);
        claimedId = typeof claims.sub === "string" ? claims.sub : null;
      } catch {
        return fail(invalidClient(false));
      }
    }
    const candidate = claimedId === null ? undefined : findClient(claimedId);
    const audiences = assertionAudiences(options, new URL(request.url).origin);
    if (candidate === undefined || !(await verifyAssertion(assertion, candidate, audiences))) {
      return fail(invalidClient(false));
    }
    client = candidate;
  } else if (formSecret !== null) {
    if (formId === null || formId === "") {
      return fail(oauthError(400, "invalid_request", "Missing client_id."));
    }
    const candidate = findClient(formId);
    // Compare against a dummy when the client is unknown so timing does not reveal ids.
    const matches = secretsEqual(formSecret, candidate?.clientSecret ?? "\u0000unknown-client");
    if (candidate?.clientSecret === undefined || !matches) return fail(invalidClient(false));
    client = candidate;
  } else {
    if (formId === null || formId === "") {
      return fail(oauthError(400, "invalid_request", "Missing client credentials."));
    }
    return fail(invalidClient(false));
  }

  const { token, expiresIn } = await issuer.mint(client);
  const response = jsonResponse(
    200,
    { access_token: token, token_type: "Bearer", expires_in: expiresIn },
    TOKEN_CONTENT_TYPE,
    {
      "cache-control": "no-store",
      pragma: "no-cache",
      "x-ratelimit-limit": "500, 500;w=1, 100000;w=60",
      "x-ratelimit-remaining": "499",
      "x-ratelimit-reset": "1",
    },
  );
  return { response, recordedBody, clientId: client.clientId };
}
