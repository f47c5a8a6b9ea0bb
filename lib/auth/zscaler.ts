/**
 * `zscaler` mode: clients present OneAPI client credentials, as `Authorization: Basic
 * base64(client_id:client_secret)` or as the `X-Zscaler-Client-ID` + `X-Zscaler-Client-Secret`
 * pair, and the server checks them with a client-credentials request to the tenant's ZIdentity.
 *
 * - A success is trusted until the issued token's `expires_in` (capped); the token itself is
 *   discarded at once. A rejection (400/401/403) is remembered briefly, so repeating a bad
 *   credential does not reach ZIdentity again. Outages (other statuses, network errors,
 *   timeouts) answer `503` and are not remembered.
 * - Caches are keyed by an HMAC-SHA-256 (per-process random key) of `client_id:client_secret`,
 *   never by the secret, and are bounded.
 * - Concurrent requests with the same credential share one ZIdentity call.
 * - A global limiter bounds calls for credentials not known to be good, so a flood of distinct
 *   bad credentials cannot flood ZIdentity; a credential that validated before may always be
 *   re-validated.
 *
 * @module
 */

import { createHmac, randomBytes } from "node:crypto";
import { DEFAULT_USER_AGENT, readBodyText, tryParseJson } from "../zscaler/http.ts";
import { ONEAPI_AUDIENCE } from "../zscaler/clouds.ts";
import { BoundedTtlCache, SlidingWindowLimiter } from "./cache.ts";
import { authorizationOf, decodeBasic, headerValueOf, type Presented } from "./credentials.ts";
import { type Refusal, Refuser } from "./refusal.ts";
import { checkIdpUrl } from "./url.ts";
import {
  type AuthDeps,
  type Authenticator,
  type AuthOutcome,
  type AuthSettings,
  DEFAULT_AUTH_TUNING,
  type Principal,
} from "./types.ts";

/** Header carrying the client id when Basic authentication is not used. */
export const CLIENT_ID_HEADER = "X-Zscaler-Client-ID";
/** Header carrying the client secret when Basic authentication is not used. */
export const CLIENT_SECRET_HEADER = "X-Zscaler-Client-Secret";

/** Longest client id accepted, in characters. */
export const MAX_CLIENT_ID_LENGTH = 256;
/** Longest client secret accepted, in characters. */
export const MAX_CLIENT_SECRET_LENGTH = 1024;
/** Lifetime assumed when ZIdentity's answer has no usable `expires_in`, in seconds. */
export const FALLBACK_LIFETIME_SECONDS = 300;

const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
const CLIENT_ID = /^[\x21-\x39\x3b-\x7e]+$/; // visible ASCII except ":"
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** OneAPI client credentials as presented by a caller. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** What one ZIdentity call said about a credential. */
export type Validation =
  | { kind: "valid"; lifetimeMs: number }
  | { kind: "rejected"; status: number }
  | { kind: "unavailable"; why: string };

/**
 * The client credentials of `request`: Basic, or the header pair. Sending both ways, half a
 * pair, another scheme or an unusable value is malformed.
 */
export function clientCredentialsOf(request: Request): Presented<ClientCredentials> {
  const auth = authorizationOf(request);
  const id = headerValueOf(request, CLIENT_ID_HEADER, MAX_CLIENT_ID_LENGTH);
  const secret = headerValueOf(request, CLIENT_SECRET_HEADER, MAX_CLIENT_SECRET_LENGTH);
  for (const p of [auth, id, secret]) if (p.kind === "malformed") return p;
  const pairSent = id.kind === "present" || secret.kind === "present";
  if (auth.kind === "absent" && !pairSent) return { kind: "absent" };
  if (auth.kind === "present" && pairSent) {
    return malformed("credentials_sent_twice", "send the client credentials one way only");
  }
  let credentials: ClientCredentials;
  if (auth.kind === "present") {
    if (auth.value.scheme !== "basic") {
      return malformed(
        "unsupported_scheme",
        "unsupported authorization scheme (use Basic client_id:client_secret)",
      );
    }
    const basic = decodeBasic(auth.value.credentials);
    if (!basic) return malformed("basic_malformed", "malformed Basic credentials");
    credentials = { clientId: basic.user, clientSecret: basic.password };
  } else {
    if (id.kind !== "present" || secret.kind !== "present") {
      return malformed(
        "incomplete_credentials",
        `send both ${CLIENT_ID_HEADER} and ${CLIENT_SECRET_HEADER}`,
      );
    }
    credentials = { clientId: id.value, clientSecret: secret.value };
  }
  const { clientId, clientSecret } = credentials;
  if (clientId.length > MAX_CLIENT_ID_LENGTH || !CLIENT_ID.test(clientId)) {
    return malformed("client_id_malformed", "malformed client id");
  }
  if (
    clientSecret === "" || clientSecret.length > MAX_CLIENT_SECRET_LENGTH ||
    CONTROL.test(clientSecret)
  ) {
    return malformed("client_secret_malformed", "malformed client secret");
  }
  return { kind: "present", value: credentials };
}

/** `expires_in` as whole seconds, or undefined when absent or unusable. */
export function expiresInSeconds(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined;
}

interface Known {
  /** Trusted without asking until then. */
  validUntilMs: number;
}

/**
 * Create the zscaler authenticator.
 *
 * @throws {AuthConfigError} without a usable token URL.
 */
export function createZscalerAuthenticator(settings: AuthSettings, deps: AuthDeps): Authenticator {
  const tokenUrl = checkIdpUrl(
    settings.tokenUrl,
    "ZSCALER_MCP_TOKEN_URL",
    "The ZIdentity token URL (from ZSCALER_VANITY_DOMAIN and ZSCALER_CLOUD)",
  ).href;
  const tuning = { ...DEFAULT_AUTH_TUNING, ...deps.tuning };
  const now = deps.now ?? (() => Date.now());
  const fetchFn = deps.fetch ?? fetch;
  const refuse = new Refuser("zscaler", deps.logger);
  const fingerprintKey = randomBytes(32);
  const successes = new BoundedTtlCache<Known>(tuning.zscalerCacheMaxEntries);
  const failures = new BoundedTtlCache<true>(tuning.zscalerCacheMaxEntries);
  const limiter = new SlidingWindowLimiter(
    tuning.zscalerUpstreamLimit,
    tuning.zscalerUpstreamWindowMs,
  );
  const inflight = new Map<string, Promise<Validation>>();

  const fingerprint = ({ clientId, clientSecret }: ClientCredentials) =>
    createHmac("sha256", fingerprintKey).update(`${clientId}:${clientSecret}`, "utf8").digest(
      "hex",
    );

  async function validate(credentials: ClientCredentials): Promise<Validation> {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      audience: ONEAPI_AUDIENCE,
    });
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, tuning.zscalerTimeoutMs);
    try {
      const res = await fetchFn(tokenUrl, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
          "User-Agent": DEFAULT_USER_AGENT,
        },
        body: form,
        signal: controller.signal,
        redirect: "manual",
      });
      if (res.status !== 200) {
        await res.body?.cancel().catch(() => {});
        if (res.status === 400 || res.status === 401 || res.status === 403) {
          return { kind: "rejected", status: res.status };
        }
        return { kind: "unavailable", why: `http_${res.status}` };
      }
      const parsed = tryParseJson(await readBodyText(res, MAX_TOKEN_RESPONSE_BYTES));
      const body = parsed.ok && parsed.value !== null && typeof parsed.value === "object"
        ? parsed.value as Record<string, unknown>
        : undefined;
      if (typeof body?.access_token !== "string" || body.access_token === "") {
        return { kind: "unavailable", why: "malformed_response" };
      }
      const seconds = expiresInSeconds(body.expires_in) ?? FALLBACK_LIFETIME_SECONDS;
      return { kind: "valid", lifetimeMs: seconds * 1000 };
    } catch {
      return { kind: "unavailable", why: timedOut ? "timeout" : "network" };
    } finally {
      clearTimeout(timer);
    }
  }

  /** One shared ZIdentity call for `key`, recording its verdict in the caches once. */
  function flight(key: string, credentials: ClientCredentials): Promise<Validation> {
    const shared = validate(credentials).then((result) => {
      const at = now();
      if (result.kind === "valid") {
        const validUntilMs = at + Math.min(result.lifetimeMs, tuning.zscalerSuccessTtlMaxMs);
        successes.set(key, { validUntilMs }, Math.max(validUntilMs, at + tuning.zscalerKnownTtlMs));
        failures.delete(key);
      } else if (result.kind === "rejected") {
        successes.delete(key);
        failures.set(key, true, at + tuning.zscalerFailureTtlMs);
      }
      return result;
    }).finally(() => inflight.delete(key));
    inflight.set(key, shared);
    return shared;
  }

  const rejected: Refusal = {
    reason: "credentials_rejected",
    description: "the client credentials were not accepted",
  };

  return {
    mode: "zscaler",
    async authenticate(request: Request): Promise<AuthOutcome> {
      const presented = clientCredentialsOf(request);
      if (presented.kind === "absent") {
        return refuse.missing(request, {
          reason: "missing_credentials",
          description:
            `OneAPI client credentials are required (Authorization: Basic, or ${CLIENT_ID_HEADER} and ${CLIENT_SECRET_HEADER})`,
        });
      }
      if (presented.kind === "malformed") return refuse.invalid(request, presented.refusal);
      const credentials = presented.value;
      const principal: Principal = {
        mode: "zscaler",
        id: credentials.clientId,
        claims: Object.freeze({ client_id: credentials.clientId }),
      };
      const key = fingerprint(credentials);
      const at = now();
      const known = successes.get(key, at);
      if (known && at < known.validUntilMs) return { ok: true, principal };
      if (failures.get(key, at)) {
        return refuse.invalid(request, { ...rejected, reason: "credentials_rejected_cached" });
      }
      let pending = inflight.get(key);
      if (!pending) {
        if (!known && !limiter.tryAcquire(at)) {
          return refuse.unavailable({
            reason: "validation_rate_limited",
            description: "too many new credentials to validate right now; retry later",
          }, limiter.retryAfterSeconds(at));
        }
        pending = flight(key, credentials);
      }
      const result = await pending;
      if (result.kind === "valid") return { ok: true, principal };
      if (result.kind === "rejected") return refuse.invalid(request, rejected);
      return refuse.unavailable({
        reason: `zidentity_${result.why}`,
        description: "ZIdentity cannot validate client credentials right now; retry later",
      });
    },
  };
}

function malformed(reason: string, description: string): { kind: "malformed"; refusal: Refusal } {
  return { kind: "malformed", refusal: { reason, description } };
}
