/**
 * OAuth 2.0 client-credentials tokens from ZIdentity, for the OneAPI gateway.
 *
 * Authenticates with a client secret or with a private-key JWT client assertion (RFC 7523,
 * RS256 for RSA keys, ES256 for EC P-256 keys), caches the token, refreshes it before it
 * expires, and shares one in-flight request among concurrent callers.
 *
 * @module
 */

import { createPrivateKey, type KeyObject } from "node:crypto";
import { importPKCS8, SignJWT } from "jose";
import { ONEAPI_AUDIENCE } from "./clouds.ts";
import { cleanText, formatSeconds, ZscalerAuthError, ZscalerConfigError } from "./errors.ts";
import { type ClientEventListener, emitEvent, type TokenRequestReason } from "./events.ts";
import {
  checkEndpointUrl,
  DEFAULT_USER_AGENT,
  describeTransportError,
  raceAbort,
  readBodyText,
  redact,
  tryParseJson,
} from "./http.ts";
import { nonNegative, nonNegativeInt, positive } from "./options.ts";
import {
  backoffMs,
  defaultSleep,
  type RequestPolicyOptions,
  retryAfterFromResponse,
  type SleepFn,
} from "./retry.ts";

/** OneAPI API-client credentials: a client id plus exactly one of a secret or a private key. */
export interface ZscalerCredentials {
  /** The API client's id. */
  clientId: string;
  /** The API client's secret (client-secret authentication). */
  clientSecret?: string;
  /**
   * PEM private key (PKCS#8; PKCS#1 RSA and SEC1 EC keys are converted) for private-key JWT
   * authentication. Literal `\n` sequences, as found in environment variables, are accepted.
   */
  privateKey?: string;
}

/** How the client authenticates at the token endpoint. */
export type TokenAuthMethod = "client_secret" | "private_key_jwt";

/** Options of {@linkcode TokenProvider}. */
export interface TokenProviderOptions extends RequestPolicyOptions {
  /** ZIdentity token endpoint (`https://<vanity>.zslogin.net/oauth2/v1/token`). */
  tokenUrl: string;
  /** Client credentials. */
  credentials: ZscalerCredentials;
  /** Token audience; default `https://api.zscaler.com`. */
  audience?: string;
}

/** Lifetime of a signed client assertion, in seconds. */
export const ASSERTION_LIFETIME_SECONDS = 300;

/** `client_assertion_type` of RFC 7523 private-key JWT authentication. */
export const JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** Refresh a token when less than max(30 s, 10 % of its lifetime) remains. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.max(30_000, lifetimeMs * 0.1);
}

interface CachedToken {
  token: string;
  expiresAtMs: number;
  refreshAtMs: number;
}

interface SigningKey {
  alg: "RS256" | "ES256";
  pkcs8: string;
}

const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;
const FALLBACK_LIFETIME_SECONDS = 300;

/**
 * Supplies OneAPI bearer tokens.
 *
 * @example
 * ```ts
 * const tokens = new TokenProvider({ tokenUrl, credentials: { clientId, clientSecret } });
 * const token = await tokens.getToken();
 * ```
 */
export class TokenProvider {
  readonly #tokenUrl: string;
  readonly #clientId: string;
  readonly #clientSecret?: string;
  readonly #signingKey?: SigningKey;
  readonly #audience: string;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #maxRetryWaitMs: number;
  readonly #backoffBaseMs: number;
  readonly #userAgent: string;
  readonly #onEvent?: ClientEventListener;
  readonly #sleep: SleepFn;
  readonly #now: () => number;
  readonly #random: () => number;
  #cryptoKey?: Promise<CryptoKey>;
  #cached?: CachedToken;
  #inflight?: Promise<CachedToken>;
  #invalidated = false;

  /**
   * Validate the options and load the private key (if any); no request is made yet.
   *
   * @throws {ZscalerConfigError} for a bad token URL, missing/ambiguous credentials or an
   * unusable private key. The message never contains the secret or the key.
   */
  constructor(options: TokenProviderOptions) {
    this.#tokenUrl = checkEndpointUrl(options.tokenUrl, "tokenUrl").href;
    const { clientId, clientSecret, privateKey } = options.credentials ??
      ({} as ZscalerCredentials);
    if (typeof clientId !== "string" || clientId.trim() === "") {
      throw new ZscalerConfigError("The OneAPI client id is empty", {
        hint: "Set ZSCALER_CLIENT_ID to the API client's id from ZIdentity",
      });
    }
    const hasSecret = typeof clientSecret === "string" && clientSecret !== "";
    const hasKey = typeof privateKey === "string" && privateKey.trim() !== "";
    if (hasSecret && hasKey) {
      throw new ZscalerConfigError("Both a client secret and a private key are configured", {
        hint: "Set only one of ZSCALER_CLIENT_SECRET or ZSCALER_PRIVATE_KEY",
      });
    }
    if (!hasSecret && !hasKey) {
      throw new ZscalerConfigError("Neither a client secret nor a private key is configured", {
        hint: "Set ZSCALER_CLIENT_SECRET or ZSCALER_PRIVATE_KEY for the API client",
      });
    }
    this.#clientId = clientId;
    if (hasSecret) this.#clientSecret = clientSecret;
    if (hasKey) this.#signingKey = loadSigningKey(privateKey!);
    this.#audience = options.audience ?? ONEAPI_AUDIENCE;
    this.#timeoutMs = positive(options.timeoutMs, 30_000, "timeoutMs");
    this.#maxRetries = nonNegativeInt(options.maxRetries, 3, "maxRetries");
    this.#maxRetryWaitMs = nonNegative(options.maxRetryWaitMs, 60_000, "maxRetryWaitMs");
    this.#backoffBaseMs = nonNegative(options.backoffBaseMs, 500, "backoffBaseMs");
    this.#userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.#onEvent = options.onEvent;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
  }

  /** `client_secret` or `private_key_jwt`. */
  get authMethod(): TokenAuthMethod {
    return this.#signingKey ? "private_key_jwt" : "client_secret";
  }

  /** The JWS algorithm used for client assertions, or undefined with a client secret. */
  get assertionAlgorithm(): "RS256" | "ES256" | undefined {
    return this.#signingKey?.alg;
  }

  /**
   * A valid access token: the cached one while more than max(30 s, 10 % of its lifetime)
   * remains, otherwise a new one. Concurrent callers share one token request. If a proactive
   * refresh fails because ZIdentity is unavailable, the still-valid cached token is returned.
   *
   * @param signal Aborts this caller's wait (not the shared request) with `signal.reason`.
   * @throws {ZscalerAuthError} when no token can be obtained.
   */
  async getToken(signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    const cached = this.#cached;
    const now = this.#now();
    if (cached && !this.#invalidated && now < cached.refreshAtMs) return cached.token;
    if (!this.#inflight) {
      const reason: TokenRequestReason = this.#invalidated
        ? "invalidated"
        : cached
        ? "expiring"
        : "initial";
      const flight = this.#fetchToken(reason).then(
        (fresh) => {
          this.#cached = fresh;
          this.#invalidated = false;
          return fresh;
        },
      ).finally(() => {
        if (this.#inflight === flight) this.#inflight = undefined;
      });
      flight.catch(() => {});
      this.#inflight = flight;
    }
    try {
      return (await raceAbort(this.#inflight, signal)).token;
    } catch (error) {
      if (
        error instanceof ZscalerAuthError && error.reason === "unavailable" && cached &&
        !this.#invalidated && this.#now() < cached.expiresAtMs - 5_000
      ) {
        return cached.token;
      }
      throw error;
    }
  }

  /**
   * Drop the cached token so the next {@linkcode getToken} fetches a new one.
   *
   * @param rejectedToken When given, only invalidate if the cache still holds this token (so
   * many requests failing with the same stale token cause a single refresh).
   */
  invalidate(rejectedToken?: string): void {
    if (rejectedToken !== undefined && this.#cached?.token !== rejectedToken) return;
    if (!this.#cached) return;
    this.#invalidated = true;
    emitEvent(this.#onEvent, { type: "token_invalidated" });
  }

  async #fetchToken(reason: TokenRequestReason): Promise<CachedToken> {
    emitEvent(this.#onEvent, { type: "token_request", reason, authMethod: this.authMethod });
    const maxAttempts = this.#maxRetries + 1;
    for (let attempt = 1;; attempt++) {
      const form = await this.#form();
      const secrets = [this.#clientSecret, form.get("client_assertion") ?? undefined];
      const sentAt = this.#now();
      const timeout = AbortSignal.timeout(this.#timeoutMs);
      let res: Response;
      let text: string;
      try {
        res = await fetch(this.#tokenUrl, {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Accept: "application/json",
            "User-Agent": this.#userAgent,
          },
          body: form,
          signal: timeout,
          redirect: "manual",
        });
        text = await readBodyText(res, MAX_TOKEN_RESPONSE_BYTES);
      } catch (error) {
        const timedOut = timeout.aborted;
        const what = timedOut
          ? `timed out after ${formatSeconds(this.#timeoutMs / 1000)}`
          : `could not be reached (${redact(describeTransportError(error), secrets)})`;
        if (attempt < maxAttempts) {
          await this.#wait(attempt, timedOut ? "timeout" : "network_error", undefined);
          continue;
        }
        throw new ZscalerAuthError(`ZIdentity token endpoint ${what}`, {
          reason: "unavailable",
          hint:
            "Check network access to the ZIdentity host and ZSCALER_VANITY_DOMAIN / ZSCALER_CLOUD, then retry",
          cause: error,
        });
      }
      const parsed = tryParseJson(text);
      const body = parsed.ok ? parsed.value : undefined;
      if (res.status >= 200 && res.status < 300) {
        return this.#accept(body, sentAt);
      }
      const { oauthError, description } = oauthErrorOf(body, secrets);
      const detail = [oauthError, description].filter(Boolean).join(": ");
      const suffix = detail ? ` (${detail})` : "";
      if (res.status === 400 || res.status === 401 || res.status === 403) {
        throw new ZscalerAuthError(
          `ZIdentity rejected the OneAPI client credentials: HTTP ${res.status}${suffix}`,
          {
            reason: "credentials_rejected",
            status: res.status,
            oauthError,
            hint: this.#signingKey
              ? "Check ZSCALER_CLIENT_ID, that the private key matches the public key registered for the API client, that the client is enabled, and the vanity domain and cloud"
              : "Check ZSCALER_CLIENT_ID and ZSCALER_CLIENT_SECRET, that the API client is enabled, and the vanity domain and cloud",
          },
        );
      }
      const retryable = res.status === 429 || res.status === 408 || res.status >= 500;
      if (retryable) {
        const hinted = retryAfterFromResponse(res.headers, body, this.#now());
        const waitMs = hinted ? hinted.seconds * 1000 : undefined;
        const tooLong = waitMs !== undefined && waitMs > this.#maxRetryWaitMs;
        if (attempt < maxAttempts && !tooLong) {
          await this.#wait(
            attempt,
            res.status === 429 ? "rate_limited" : "server_error",
            res.status,
            waitMs,
          );
          continue;
        }
        throw new ZscalerAuthError(
          `ZIdentity token endpoint is unavailable: HTTP ${res.status}${suffix}${
            tooLong ? `; it asked to wait ${formatSeconds(hinted!.seconds)}` : ""
          }`,
          {
            reason: "unavailable",
            status: res.status,
            oauthError,
            hint: hinted ? `Retry after ${formatSeconds(hinted.seconds)}` : "Retry later",
          },
        );
      }
      throw new ZscalerAuthError(`ZIdentity token endpoint answered HTTP ${res.status}${suffix}`, {
        reason: "unavailable",
        status: res.status,
        oauthError,
        hint: "Check ZSCALER_VANITY_DOMAIN and ZSCALER_CLOUD (or the token URL)",
      });
    }
  }

  async #wait(
    attempt: number,
    reason: "timeout" | "network_error" | "rate_limited" | "server_error",
    status: number | undefined,
    hintedMs?: number,
  ): Promise<void> {
    const waitMs = hintedMs ??
      backoffMs(attempt, this.#backoffBaseMs, this.#maxRetryWaitMs, this.#random);
    emitEvent(this.#onEvent, {
      type: "retry",
      reason,
      service: "zidentity",
      method: "POST",
      path: new URL(this.#tokenUrl).pathname,
      attempt,
      waitMs,
      status,
    });
    await this.#sleep(waitMs);
  }

  #accept(body: unknown, sentAt: number): CachedToken {
    const record = body !== null && typeof body === "object" && !Array.isArray(body)
      ? body as Record<string, unknown>
      : undefined;
    const token = record?.access_token;
    if (typeof token !== "string" || !/^[!-~]+$/.test(token)) {
      throw new ZscalerAuthError("ZIdentity answered without a usable access_token", {
        reason: "malformed_response",
        hint: "Check that the token URL points at ZIdentity (…/oauth2/v1/token)",
      });
    }
    let lifetimeSeconds = parseExpiresIn(record?.expires_in);
    if (lifetimeSeconds === undefined) lifetimeSeconds = FALLBACK_LIFETIME_SECONDS;
    const lifetimeMs = lifetimeSeconds * 1000;
    emitEvent(this.#onEvent, { type: "token_issued", expiresInSeconds: lifetimeSeconds });
    return {
      token,
      expiresAtMs: sentAt + lifetimeMs,
      refreshAtMs: sentAt + lifetimeMs - refreshMarginMs(lifetimeMs),
    };
  }

  async #form(): Promise<URLSearchParams> {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.#clientId,
      audience: this.#audience,
    });
    if (this.#signingKey) {
      form.set("client_assertion_type", JWT_BEARER_ASSERTION_TYPE);
      form.set("client_assertion", await this.#assertion(this.#signingKey));
    } else {
      form.set("client_secret", this.#clientSecret!);
    }
    return form;
  }

  async #assertion(key: SigningKey): Promise<string> {
    this.#cryptoKey ??= importPKCS8(key.pkcs8, key.alg);
    let cryptoKey: CryptoKey;
    try {
      cryptoKey = await this.#cryptoKey;
    } catch {
      this.#cryptoKey = undefined;
      throw new ZscalerConfigError("The private key could not be imported for signing", {
        hint: "Use an unencrypted PKCS#8 PEM RSA (2048+ bits) or EC P-256 key",
      });
    }
    const iat = Math.floor(this.#now() / 1000);
    return await new SignJWT({})
      .setProtectedHeader({ alg: key.alg, typ: "JWT" })
      .setIssuer(this.#clientId)
      .setSubject(this.#clientId)
      .setAudience(this.#audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ASSERTION_LIFETIME_SECONDS)
      .setJti(crypto.randomUUID())
      .sign(cryptoKey);
  }
}

/**
 * Parse `expires_in`, which may be a JSON number or a numeric string. Returns undefined for a
 * missing, non-numeric or non-positive value.
 */
export function parseExpiresIn(value: unknown): number | undefined {
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "string" && /^\s*\d+(?:\.\d+)?\s*$/.test(value)) n = Number(value);
  else return undefined;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function oauthErrorOf(
  body: unknown,
  secrets: ReadonlyArray<string | undefined>,
): { oauthError?: string; description?: string } {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return {};
  const record = body as Record<string, unknown>;
  const out: { oauthError?: string; description?: string } = {};
  if (typeof record.error === "string" && record.error) {
    out.oauthError = cleanText(redact(record.error, secrets), 80);
  }
  const description = record.error_description ?? record.message ?? record.detail;
  if (typeof description === "string" && description) {
    out.description = cleanText(redact(description, secrets), 200);
  }
  return out;
}

function loadSigningKey(pem: string): SigningKey {
  const text = pem.includes("\\n") && !pem.includes("\n") ? pem.replaceAll("\\n", "\n") : pem;
  const hint = "Use an unencrypted PEM private key (PKCS#8 preferred): RSA 2048+ bits or EC P-256";
  if (!text.includes("-----BEGIN")) {
    throw new ZscalerConfigError("The private key is not PEM text", {
      hint: `${hint}; pass the key's contents, not a file path`,
    });
  }
  if (text.includes("ENCRYPTED")) {
    throw new ZscalerConfigError("The private key is encrypted", { hint });
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text.trim(), format: "pem" });
  } catch {
    throw new ZscalerConfigError("The private key could not be parsed", { hint });
  }
  let alg: SigningKey["alg"];
  if (key.asymmetricKeyType === "rsa") {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) {
      throw new ZscalerConfigError(`The RSA private key is too short (${bits} bits)`, { hint });
    }
    alg = "RS256";
  } else if (
    key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1"
  ) {
    alg = "ES256";
  } else {
    throw new ZscalerConfigError(
      `Unsupported private key type (${key.asymmetricKeyType ?? "unknown"}${
        key.asymmetricKeyDetails?.namedCurve ? ` ${key.asymmetricKeyDetails.namedCurve}` : ""
      })`,
      { hint },
    );
  }
  const pkcs8 = key.export({ type: "pkcs8", format: "pem" });
  return { alg, pkcs8: typeof pkcs8 === "string" ? pkcs8 : new TextDecoder().decode(pkcs8) };
}
