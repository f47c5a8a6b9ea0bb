/**
 * The OneAPI HTTP client: bearer tokens, per-attempt timeouts, and a retry policy that never
 * re-sends a write whose outcome is unknown.
 *
 * | condition                          | GET/HEAD or `idempotent: true`  | POST/PUT/DELETE/PATCH     |
 * |------------------------------------|---------------------------------|---------------------------|
 * | 429                                | retry after Retry-After/backoff | same                      |
 * | 401 (gateway)                      | new token, retry once           | same                      |
 * | 409 `EDIT_LOCK_NOT_AVAILABLE`      | retry with backoff              | same                      |
 * | 408/500/502/503/504                | retry (Retry-After or backoff)  | fail: outcome unknown     |
 * | timeout / network error            | retry with backoff              | fail: outcome unknown     |
 * | caller abort                       | rethrow `signal.reason`         | same                      |
 *
 * @module
 */

import {
  cleanText,
  formatSeconds,
  parseErrorBody,
  truncateBodyText,
  ZscalerApiError,
  ZscalerError,
  type ZscalerErrorContext,
  ZscalerNetworkError,
  ZscalerRequestError,
  ZscalerTimeoutError,
} from "./errors.ts";
import { type ClientEventListener, emitEvent, type RetryReason } from "./events.ts";
import {
  checkEndpointUrl,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_USER_AGENT,
  describeTransportError,
  isJsonContentType,
  readBodyText,
  ResponseTooLargeError,
  tryParseJson,
} from "./http.ts";
import { assertSafePath } from "./path.ts";
import {
  backoffMs,
  defaultSleep,
  parseRetryAfterValue,
  type RequestPolicyOptions,
  type RetryAfter,
  retryAfterFromResponse,
  type SleepFn,
} from "./retry.ts";
import { nonNegative, nonNegativeInt, positive } from "./options.ts";
import { TokenProvider, type ZscalerCredentials } from "./token.ts";

/** HTTP methods the client sends. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH";

/** One query parameter value; arrays become repeated keys, `undefined` is omitted. */
export type QueryValue = string | number | boolean | undefined | Array<string | number>;

/** Query parameters of a request. */
export type QueryParams = Record<string, QueryValue>;

/** One API call. */
export interface ZscalerRequest {
  /** HTTP method. */
  method: HttpMethod;
  /** Path built with `apiPath` (checked again before sending). */
  path: string;
  /** Query parameters, encoded with URLSearchParams. */
  query?: QueryParams;
  /** JSON body; `undefined` sends no body. */
  body?: unknown;
  /**
   * Whether re-sending is safe after a 5xx, timeout or network error. Default: true for GET
   * and HEAD, false otherwise.
   */
  idempotent?: boolean;
  /** Caller cancellation; an abort is rethrown at once and never retried. */
  signal?: AbortSignal;
  /** Service name for messages and events; inferred from the path when omitted. */
  service?: string;
}

/** A successful API response. */
export interface ZscalerResponse<T> {
  /** HTTP status (2xx). */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** Parsed JSON; `undefined` for 204 or an empty body; the text for non-JSON content. */
  data: T;
}

/** Options of {@linkcode ZscalerClient}. */
export interface ZscalerClientOptions extends RequestPolicyOptions {
  /** ZIdentity token endpoint. */
  tokenUrl: string;
  /** OneAPI gateway base URL (`https://api.zsapi.net`). */
  apiBaseUrl: string;
  /** API client credentials. */
  credentials: ZscalerCredentials;
  /** Largest response body accepted, in bytes; default 64 MiB. */
  maxResponseBytes?: number;
}

/** Anything that can send a request like {@linkcode ZscalerClient.request} (for paginators and tests). */
export interface ZscalerRequester {
  /** Send one request. */
  request<T = unknown>(req: ZscalerRequest): Promise<ZscalerResponse<T>>;
}

const METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]);
const RETRYABLE_5XX: ReadonlySet<number> = new Set([408, 500, 502, 503, 504]);
const EDIT_LOCK = "EDIT_LOCK_NOT_AVAILABLE";
// The ZIA edit lock is held by another admin session for seconds: back off 10× the base.
const EDIT_LOCK_FACTOR = 10;

const SERVICE_BY_PREFIX: Readonly<Record<string, string>> = {
  zia: "zia",
  zpa: "zpa",
  zcc: "zcc",
  ztw: "ztw",
  zdx: "zdx",
  ziam: "zid",
  easm: "zeasm",
  zins: "zins",
  zms: "zms",
  zcell: "zcell",
};

/** Infer the service from the first path segment (`/zia/…` → `zia`, `/ziam/…` → `zid`). */
export function serviceFromPath(path: string): string | undefined {
  const first = path.split("/")[1] ?? "";
  return SERVICE_BY_PREFIX[first];
}

/**
 * Build the query string (without `?`): arrays become repeated keys, `undefined`/`null` values
 * are skipped, numbers must be finite.
 *
 * @throws {ZscalerRequestError} for a non-finite number or an unsupported value type.
 */
export function buildQuery(query: QueryParams | undefined): string {
  const params = new URLSearchParams();
  if (!query) return "";
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (key === "") throw new ZscalerRequestError("query parameter names must not be empty");
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (typeof item === "number") {
        if (!Number.isFinite(item)) {
          throw new ZscalerRequestError(
            `query parameter "${cleanText(key, 60)}" must be a finite number`,
          );
        }
        params.append(key, String(item));
      } else if (typeof item === "string" || typeof item === "boolean") {
        params.append(key, String(item));
      } else {
        throw new ZscalerRequestError(
          `query parameter "${cleanText(key, 60)}" has an unsupported value type (${typeof item})`,
        );
      }
    }
  }
  return params.toString();
}

/**
 * HTTP client for the Zscaler OneAPI gateway.
 *
 * @example
 * ```ts
 * const client = new ZscalerClient({ ...resolveEndpoints("production", "acme"), credentials });
 * const { data } = await client.request<Rule[]>({ method: "GET", path: apiPath`/zia/api/v1/urlFilteringRules` });
 * ```
 */
export class ZscalerClient implements ZscalerRequester {
  #tokens: TokenProvider;
  readonly #tokenUrl: string;
  readonly #baseUrl: URL;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #maxRetryWaitMs: number;
  readonly #backoffBaseMs: number;
  readonly #userAgent: string;
  readonly #onEvent?: ClientEventListener;
  readonly #sleep: SleepFn;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #maxResponseBytes: number;

  /**
   * Validate the options and set up the token provider; no request is made yet.
   *
   * @throws {ZscalerConfigError} for unusable URLs, credentials, key or numeric options.
   */
  constructor(options: ZscalerClientOptions) {
    this.#baseUrl = checkEndpointUrl(options.apiBaseUrl, "apiBaseUrl");
    this.#timeoutMs = positive(options.timeoutMs, 30_000, "timeoutMs");
    this.#maxRetries = nonNegativeInt(options.maxRetries, 3, "maxRetries");
    this.#maxRetryWaitMs = nonNegative(options.maxRetryWaitMs, 60_000, "maxRetryWaitMs");
    this.#backoffBaseMs = nonNegative(options.backoffBaseMs, 500, "backoffBaseMs");
    this.#maxResponseBytes = positive(
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      "maxResponseBytes",
    );
    this.#userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.#onEvent = options.onEvent;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#tokenUrl = options.tokenUrl;
    this.#tokens = this.#tokenProvider(options.credentials);
  }

  /** The token provider (shared by every request of this client). */
  get tokens(): TokenProvider {
    return this.#tokens;
  }

  /**
   * Use new API-client credentials from now on (credential rotation on reload): requests already
   * waiting keep the token they have; the next one asks ZIdentity with the new credentials.
   *
   * @throws {ZscalerConfigError} for unusable credentials; the old ones then stay in use.
   */
  rotateCredentials(credentials: ZscalerCredentials): void {
    this.#tokens = this.#tokenProvider(credentials);
  }

  #tokenProvider(credentials: ZscalerCredentials): TokenProvider {
    return new TokenProvider({
      tokenUrl: this.#tokenUrl,
      credentials,
      timeoutMs: this.#timeoutMs,
      maxRetries: this.#maxRetries,
      maxRetryWaitMs: this.#maxRetryWaitMs,
      backoffBaseMs: this.#backoffBaseMs,
      userAgent: this.#userAgent,
      onEvent: this.#onEvent,
      sleep: this.#sleep,
      now: this.#now,
      random: this.#random,
    });
  }

  /**
   * Send one request with the retry policy described in this module's documentation.
   *
   * @throws {ZscalerRequestError} bad method, path or query (nothing was sent).
   * @throws {ZscalerAuthError} no token could be obtained.
   * @throws {ZscalerApiError} error status, malformed or oversized response.
   * @throws {ZscalerTimeoutError} / {@linkcode ZscalerNetworkError} transport failure.
   * @throws the caller's `signal.reason` when the caller aborts.
   */
  async request<T = unknown>(req: ZscalerRequest): Promise<ZscalerResponse<T>> {
    const method = String(req.method ?? "").toUpperCase() as HttpMethod;
    const ctx: ZscalerErrorContext = {
      method,
      path: typeof req.path === "string" ? req.path : undefined,
      service: req.service ??
        (typeof req.path === "string" ? serviceFromPath(req.path) : undefined),
    };
    const url = this.#prepareUrl(req, ctx);
    const bodyText = prepareBody(req.body, ctx);
    const idempotent = req.idempotent ?? (method === "GET" || method === "HEAD");
    const signal = req.signal;
    const maxAttempts = this.#maxRetries + 1;
    let refreshedAfter401 = false;
    let editLockRetries = 0;

    for (let attempt = 1;; attempt++) {
      signal?.throwIfAborted();
      const canRetry = attempt < maxAttempts;
      const token = await this.#tokens.getToken(signal);
      const headers: Record<string, string> = {
        Authorization: `Bearer ${token}`,
        Accept: "application/json",
        "User-Agent": this.#userAgent,
      };
      if (bodyText !== undefined) headers["Content-Type"] = "application/json";
      const timeout = AbortSignal.timeout(this.#timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;

      let res: Response | undefined;
      let text: string;
      try {
        res = await fetch(url, {
          method,
          headers,
          body: bodyText,
          signal: combined,
          redirect: "manual",
        });
        text = await readBodyText(res, this.#maxResponseBytes);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof ResponseTooLargeError) {
          throw new ZscalerApiError({
            ...ctx,
            status: res?.status ?? 0,
            hint: "Narrow the query or page through the results with a smaller page size",
          }, `${describeCall(ctx)} failed: the response is larger than ${error.limit} bytes`);
        }
        const timedOut = timeout.aborted;
        if (idempotent && canRetry) {
          await this.#retryWait(
            ctx,
            attempt,
            timedOut ? "timeout" : "network_error",
            undefined,
            signal,
          );
          continue;
        }
        throw transportError(ctx, error, timedOut, this.#timeoutMs, attempt, idempotent);
      }

      if (res.status >= 200 && res.status < 300) {
        return {
          status: res.status,
          headers: res.headers,
          data: parseSuccess<T>(res, text, method, ctx),
        };
      }

      const body = errorBody(res, text);
      const parsed = parseErrorBody(body);
      const requestId = res.headers.get("x-oneapi-request-id") ?? undefined;
      const apiError = (
        extra: Partial<ConstructorParameters<typeof ZscalerApiError>[0]> = {},
        message?: string,
      ) =>
        new ZscalerApiError({
          ...ctx,
          status: res.status,
          code: parsed.code,
          upstreamMessage: parsed.message,
          body,
          requestId,
          ...extra,
        }, message);

      if (res.status === 401) {
        if (!refreshedAfter401 && canRetry) {
          refreshedAfter401 = true;
          this.#tokens.invalidate(token);
          emitRetry(this.#onEvent, ctx, attempt, "unauthorized", 0, 401);
          continue;
        }
        throw apiError();
      }

      if (res.status === 429) {
        const hinted = retryAfterFromResponse(res.headers, body, this.#now());
        const retryAfterSeconds = hinted?.seconds;
        if (hinted && hinted.seconds * 1000 > this.#maxRetryWaitMs) {
          throw apiError(
            { retryAfterSeconds },
            tooLongMessage(ctx, res.status, hinted, this.#maxRetryWaitMs),
          );
        }
        if (canRetry) {
          const waitMs = hinted
            ? hinted.seconds * 1000
            : backoffMs(attempt, this.#backoffBaseMs, this.#maxRetryWaitMs, this.#random);
          await this.#retryWait(ctx, attempt, "rate_limited", 429, signal, waitMs);
          continue;
        }
        throw apiError({ retryAfterSeconds });
      }

      if (res.status === 409 && isEditLock(parsed.code, text)) {
        if (canRetry) {
          editLockRetries++;
          const waitMs = backoffMs(
            editLockRetries,
            this.#backoffBaseMs * EDIT_LOCK_FACTOR,
            this.#maxRetryWaitMs,
            this.#random,
          );
          await this.#retryWait(ctx, attempt, "edit_lock", 409, signal, waitMs);
          continue;
        }
        throw apiError({ code: parsed.code ?? EDIT_LOCK });
      }

      if (RETRYABLE_5XX.has(res.status)) {
        // Only Retry-After counts here: the gateway's x-ratelimit-reset describes the rate
        // window, not when the service will recover.
        const seconds = parseRetryAfterValue(res.headers.get("retry-after"), this.#now());
        if (!idempotent) throw apiError({ outcomeUnknown: true });
        if (seconds !== undefined && seconds * 1000 > this.#maxRetryWaitMs) {
          throw apiError(
            { retryAfterSeconds: seconds },
            tooLongMessage(
              ctx,
              res.status,
              { seconds, source: "retry-after" },
              this.#maxRetryWaitMs,
            ),
          );
        }
        if (canRetry) {
          const waitMs = seconds !== undefined
            ? seconds * 1000
            : backoffMs(attempt, this.#backoffBaseMs, this.#maxRetryWaitMs, this.#random);
          await this.#retryWait(ctx, attempt, "server_error", res.status, signal, waitMs);
          continue;
        }
        throw apiError({ retryAfterSeconds: seconds });
      }

      throw apiError();
    }
  }

  #prepareUrl(req: ZscalerRequest, ctx: ZscalerErrorContext): string {
    if (!METHODS.has(ctx.method ?? "")) {
      throw new ZscalerRequestError(
        `unsupported HTTP method "${cleanText(String(req.method), 20)}"`,
        ctx,
      );
    }
    try {
      assertSafePath(req.path);
    } catch (error) {
      if (error instanceof ZscalerError) {
        throw new ZscalerRequestError(error.message, { ...ctx, path: undefined });
      }
      throw error;
    }
    let qs: string;
    try {
      qs = buildQuery(req.query);
    } catch (error) {
      if (error instanceof ZscalerRequestError) throw new ZscalerRequestError(error.message, ctx);
      throw error;
    }
    const base = this.#baseUrl.href.replace(/\/+$/, "");
    const url = new URL(`${base}${req.path}${qs ? `?${qs}` : ""}`);
    if (url.origin !== this.#baseUrl.origin) {
      throw new ZscalerRequestError("request path would leave the API host", ctx);
    }
    return url.href;
  }

  async #retryWait(
    ctx: ZscalerErrorContext,
    attempt: number,
    reason: RetryReason,
    status: number | undefined,
    signal: AbortSignal | undefined,
    waitMs?: number,
  ): Promise<void> {
    const ms = Math.max(
      0,
      Math.round(
        waitMs ?? backoffMs(attempt, this.#backoffBaseMs, this.#maxRetryWaitMs, this.#random),
      ),
    );
    emitRetry(this.#onEvent, ctx, attempt, reason, ms, status);
    await this.#sleep(ms, signal);
  }
}

function emitRetry(
  listener: ClientEventListener | undefined,
  ctx: ZscalerErrorContext,
  attempt: number,
  reason: RetryReason,
  waitMs: number,
  status: number | undefined,
): void {
  emitEvent(listener, {
    type: "retry",
    reason,
    service: ctx.service,
    method: ctx.method ?? "",
    path: ctx.path ?? "",
    attempt,
    waitMs,
    status,
  });
}

function prepareBody(body: unknown, ctx: ZscalerErrorContext): string | undefined {
  if (body === undefined) return undefined;
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch {
    throw new ZscalerRequestError("the request body cannot be serialized to JSON", ctx);
  }
  if (text === undefined) {
    throw new ZscalerRequestError("the request body cannot be serialized to JSON", ctx);
  }
  return text;
}

function parseSuccess<T>(res: Response, text: string, method: string, ctx: ZscalerErrorContext): T {
  if (method === "HEAD" || res.status === 204 || res.status === 205 || text.trim() === "") {
    return undefined as T;
  }
  const contentType = res.headers.get("content-type");
  const declaredJson = isJsonContentType(contentType);
  if (declaredJson || contentType === null) {
    const parsed = tryParseJson(text);
    if (parsed.ok) return parsed.value as T;
    if (declaredJson) {
      throw new ZscalerApiError(
        {
          ...ctx,
          status: res.status,
          body: truncateBodyText(text),
          requestId: res.headers.get("x-oneapi-request-id") ?? undefined,
          hint:
            "The service or a proxy in between returned a malformed response: retry later, and check the API base URL",
        },
        `${describeCall(ctx)} returned HTTP ${res.status} with a malformed JSON response`,
      );
    }
  }
  return text as T;
}

function errorBody(res: Response, text: string): unknown {
  if (text.trim() === "") return undefined;
  const parsed = tryParseJson(text);
  if (parsed.ok && (isJsonContentType(res.headers.get("content-type")) || /^\s*[{[]/.test(text))) {
    return parsed.value;
  }
  return truncateBodyText(text);
}

function isEditLock(code: string | undefined, text: string): boolean {
  return code === EDIT_LOCK || text.includes(EDIT_LOCK);
}

function describeCall(ctx: ZscalerErrorContext): string {
  const service = ctx.service ? `${ctx.service.toUpperCase()} ` : "";
  return `${service}${ctx.method ?? ""} ${ctx.path ?? ""}`.trim();
}

function tooLongMessage(
  ctx: ZscalerErrorContext,
  status: number,
  hinted: RetryAfter,
  maxRetryWaitMs: number,
): string {
  return `${describeCall(ctx)} failed: HTTP ${status}; the service asked to wait ${
    formatSeconds(hinted.seconds)
  } (${hinted.source}), longer than the client's limit of ${formatSeconds(maxRetryWaitMs / 1000)}`;
}

function transportError(
  ctx: ZscalerErrorContext,
  error: unknown,
  timedOut: boolean,
  timeoutMs: number,
  attempts: number,
  idempotent: boolean,
): ZscalerError {
  const tried = attempts > 1 ? ` (${attempts} attempts)` : "";
  const outcomeUnknown = !idempotent;
  const unknownHint =
    "The change may or may not have been applied: check the tenant before retrying";
  if (timedOut) {
    return new ZscalerTimeoutError(
      `${describeCall(ctx)} timed out after ${formatSeconds(timeoutMs / 1000)}${tried}`,
      {
        ...ctx,
        outcomeUnknown,
        cause: error,
        hint: outcomeUnknown ? unknownHint : "Retry later, or narrow the query",
      },
    );
  }
  return new ZscalerNetworkError(
    `${describeCall(ctx)} failed: network error${tried}: ${describeTransportError(error)}`,
    {
      ...ctx,
      outcomeUnknown,
      cause: error,
      hint: outcomeUnknown
        ? unknownHint
        : "Check network access to the Zscaler API host, then retry",
    },
  );
}
