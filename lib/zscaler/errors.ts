/**
 * Typed errors for the Zscaler OneAPI client.
 *
 * Every error's `message` (and {@linkcode ZscalerError.toSafeString}) says what failed, the
 * upstream status when there is one, and what to do next. Messages never contain a stack trace,
 * an access token, a client secret, a private key or a signed client assertion.
 *
 * @module
 */

/** Where a failed call was going: filled in by the client for every error it raises. */
export interface ZscalerErrorContext {
  /** Zscaler service (`zia`, `zpa`, `zdx`, `zcc`, `ztw`, `zid`, …). */
  service?: string;
  /** HTTP method of the failed request. */
  method?: string;
  /** Request path (never the query string). */
  path?: string;
}

/** Options accepted by every Zscaler error constructor. */
export interface ZscalerErrorOptions extends ZscalerErrorContext {
  /** What to do next; appended to the message. */
  hint?: string;
  /** Underlying error, kept for debugging; never rendered into the message. */
  cause?: unknown;
}

const MAX_UPSTREAM_MESSAGE = 300;
const MAX_BODY_TEXT = 4096;

/**
 * Base class of every error the Zscaler client raises.
 *
 * @example
 * ```ts
 * try { await client.request({ method: "GET", path }); }
 * catch (e) { if (e instanceof ZscalerError) console.error(e.toSafeString()); }
 * ```
 */
export class ZscalerError extends Error {
  /** Zscaler service the call was for, if known. */
  service?: string;
  /** HTTP method of the failed call, if any. */
  method?: string;
  /** Request path of the failed call, if any. */
  path?: string;
  /** The "what to do next" part of the message. */
  hint?: string;

  /** Build an error; `message` must already be safe to show. */
  constructor(message: string, options: ZscalerErrorOptions = {}) {
    super(
      options.hint ? `${message}. ${options.hint}` : message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = "ZscalerError";
    this.service = options.service;
    this.method = options.method;
    this.path = options.path;
    this.hint = options.hint;
  }

  /** The message, safe to return to a model or a log: no stack, no secrets. */
  toSafeString(): string {
    return this.message;
  }

  /** A JSON view without the stack or the cause. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      service: this.service,
      method: this.method,
      path: this.path,
    };
  }
}

/** Fields of a {@linkcode ZscalerApiError}. */
export interface ZscalerApiErrorOptions extends ZscalerErrorOptions {
  /** HTTP status from the gateway or service. */
  status: number;
  /** Upstream error code (`RESOURCE_NOT_FOUND`, `resource.not.found`, …). */
  code?: string;
  /** Upstream human-readable message, truncated and stripped of control characters. */
  upstreamMessage?: string;
  /** Parsed JSON error body, or its text truncated to 4 KiB. */
  body?: unknown;
  /** Seconds the upstream asked us to wait (429/503), when known. */
  retryAfterSeconds?: number;
  /** `x-oneapi-request-id` of the response, for Zscaler support. */
  requestId?: string;
  /** True when a write may or may not have been applied (5xx on a non-idempotent call). */
  outcomeUnknown?: boolean;
}

/** The Zscaler API answered with an error status (or an unusable 2xx body). */
export class ZscalerApiError extends ZscalerError {
  /** HTTP status. */
  status: number;
  /** Upstream error code, parsed in the order `code|id|errorCode|title|msgId`. */
  code?: string;
  /** Upstream message, parsed in the order `message|reason|errorDetails|errorMessage|detail`. */
  upstreamMessage?: string;
  /** Parsed JSON body, or its text truncated to 4 KiB. */
  body?: unknown;
  /** Seconds to wait before retrying, when the upstream said so. */
  retryAfterSeconds?: number;
  /** `x-oneapi-request-id`, when the gateway sent one. */
  requestId?: string;
  /** True when the call was a write whose outcome cannot be known from the response. */
  outcomeUnknown: boolean;

  /** Build an API error; the message is composed from the fields unless `message` is given. */
  constructor(options: ZscalerApiErrorOptions, message?: string) {
    const hint = options.hint ??
      hintForStatus(
        options.status,
        options.code,
        options.outcomeUnknown,
        options.retryAfterSeconds,
      );
    super(message ?? describeApiFailure(options), { ...options, hint });
    this.name = "ZscalerApiError";
    this.status = options.status;
    this.code = options.code;
    this.upstreamMessage = options.upstreamMessage;
    this.body = options.body;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.requestId = options.requestId;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }

  /** A JSON view without the stack, the cause or the raw body. */
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      code: this.code,
      upstreamMessage: this.upstreamMessage,
      retryAfterSeconds: this.retryAfterSeconds,
      requestId: this.requestId,
      outcomeUnknown: this.outcomeUnknown,
    };
  }
}

/** Why a token could not be obtained. */
export type ZscalerAuthFailure =
  /** ZIdentity refused the credentials (400/401/403). */
  | "credentials_rejected"
  /** ZIdentity could not be reached or answered 429/5xx. */
  | "unavailable"
  /** ZIdentity answered 2xx without a usable token. */
  | "malformed_response";

/** Fields of a {@linkcode ZscalerAuthError}. */
export interface ZscalerAuthErrorOptions extends ZscalerErrorOptions {
  /** Why the token request failed. */
  reason: ZscalerAuthFailure;
  /** HTTP status of the token endpoint, when it answered. */
  status?: number;
  /** OAuth `error` code (`invalid_client`, …), when the endpoint sent one. */
  oauthError?: string;
}

/**
 * The ZIdentity token endpoint refused or could not issue a token. The message never contains
 * the client secret, the private key or the signed assertion.
 */
export class ZscalerAuthError extends ZscalerError {
  /** Why the token request failed. */
  reason: ZscalerAuthFailure;
  /** HTTP status of the token endpoint, if it answered. */
  status?: number;
  /** OAuth error code, if any. */
  oauthError?: string;

  /** Build an auth error; `message` must already be redacted. */
  constructor(message: string, options: ZscalerAuthErrorOptions) {
    super(message, { service: "zidentity", ...options });
    this.name = "ZscalerAuthError";
    this.reason = options.reason;
    this.status = options.status;
    this.oauthError = options.oauthError;
  }

  /** A JSON view without the stack or the cause. */
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      reason: this.reason,
      status: this.status,
      oauthError: this.oauthError,
    };
  }
}

/** Fields of transport errors (network failure, timeout). */
export interface ZscalerTransportErrorOptions extends ZscalerErrorOptions {
  /** True when the call was a write that may or may not have reached the tenant. */
  outcomeUnknown?: boolean;
}

/** The connection to a Zscaler host failed (DNS, refused, reset, TLS, …). */
export class ZscalerNetworkError extends ZscalerError {
  /** True when a write may or may not have been applied. */
  outcomeUnknown: boolean;

  /** Build a network error. */
  constructor(message: string, options: ZscalerTransportErrorOptions = {}) {
    super(message, options);
    this.name = "ZscalerNetworkError";
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/** A request to a Zscaler host did not complete within the per-attempt timeout. */
export class ZscalerTimeoutError extends ZscalerError {
  /** True when a write may or may not have been applied. */
  outcomeUnknown: boolean;

  /** Build a timeout error. */
  constructor(message: string, options: ZscalerTransportErrorOptions = {}) {
    super(message, options);
    this.name = "ZscalerTimeoutError";
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/** The request was refused before anything was sent (bad path value, bad query, …). */
export class ZscalerRequestError extends ZscalerError {
  /** Build a request error. */
  constructor(message: string, options: ZscalerErrorOptions = {}) {
    super(message, options);
    this.name = "ZscalerRequestError";
  }
}

/** The client configuration is unusable (cloud, vanity, URLs, credentials, key). */
export class ZscalerConfigError extends ZscalerError {
  /** Build a configuration error. */
  constructor(message: string, options: ZscalerErrorOptions = {}) {
    super(message, options);
    this.name = "ZscalerConfigError";
  }
}

/** A paginated listing did not terminate within the page cap, or returned an unexpected shape. */
export class ZscalerPaginationError extends ZscalerError {
  /** Build a pagination error. */
  constructor(message: string, options: ZscalerErrorOptions = {}) {
    super(message, options);
    this.name = "ZscalerPaginationError";
  }
}

/** Code and message extracted from an upstream error body. */
export interface ParsedErrorBody {
  /** First of `code|id|errorCode|title|msgId` that is a non-empty string or a number. */
  code?: string;
  /** First of `message|reason|errorDetails|errorMessage|detail` that is non-empty. */
  message?: string;
}

const CODE_FIELDS = ["code", "id", "errorCode", "title", "msgId"] as const;
const MESSAGE_FIELDS = ["message", "reason", "errorDetails", "errorMessage", "detail"] as const;

/**
 * Extract the code and message of an upstream error body. Handles the ZIA (`code`/`message`),
 * ZPA (`id`/`reason`), ZCC (`title`/`errorMessage`) and OneAPI gateway (`detail`) shapes, and a
 * plain-text body (used as the message).
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (typeof body === "string") {
    const text = cleanText(body);
    return text ? { message: text } : {};
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) return {};
  const record = body as Record<string, unknown>;
  const pick = (fields: readonly string[]): string | undefined => {
    for (const field of fields) {
      const value = record[field];
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      if (typeof value === "string") {
        const text = cleanText(value);
        if (text) return text;
      }
      if (field === "errorDetails" && Array.isArray(value) && value.length > 0) {
        const text = cleanText(
          value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join("; "),
        );
        if (text) return text;
      }
    }
    return undefined;
  };
  const out: ParsedErrorBody = {};
  const code = pick(CODE_FIELDS);
  const message = pick(MESSAGE_FIELDS);
  if (code !== undefined) out.code = code.slice(0, 100);
  if (message !== undefined) out.message = message;
  return out;
}

/**
 * Make upstream text safe to embed: drop control characters, collapse whitespace, truncate.
 */
export function cleanText(text: string, max = MAX_UPSTREAM_MESSAGE): string {
  // deno-lint-ignore no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Truncate a non-JSON error body to a bounded size for {@linkcode ZscalerApiError.body}. */
export function truncateBodyText(text: string): string {
  return text.length > MAX_BODY_TEXT ? `${text.slice(0, MAX_BODY_TEXT)}…[truncated]` : text;
}

function describeApiFailure(o: ZscalerApiErrorOptions): string {
  const service = o.service ? `${o.service.toUpperCase()} ` : "";
  const what = o.method && o.path ? `${service}${o.method} ${o.path}` : `${service}request`.trim();
  let text = `${what} failed: HTTP ${o.status}`;
  if (o.code) text += ` ${o.code}`;
  if (o.upstreamMessage && o.upstreamMessage !== o.code) text += `: ${o.upstreamMessage}`;
  if (o.requestId) text += ` (request id ${cleanText(o.requestId, 100)})`;
  return text;
}

/**
 * The "what to do next" text for an upstream status (and code). Exported for tools that build
 * their own messages.
 */
export function hintForStatus(
  status: number,
  code?: string,
  outcomeUnknown?: boolean,
  retryAfterSeconds?: number,
): string {
  const c = (code ?? "").toUpperCase();
  if (outcomeUnknown) {
    return "The change may or may not have been applied: check the tenant before retrying";
  }
  switch (status) {
    case 400:
      return "The request was rejected as invalid: check the arguments (ids, field names and values)";
    case 401:
      return "Check the OneAPI client id and secret (or private key), that the API client is enabled, and its scopes";
    case 403:
      if (c === "NOT_SUBSCRIBED") return "The tenant is not subscribed to this feature";
      if (c === "SCOPE_LIMITED") return "The API client's role scope does not cover this object";
      if (c === "LIMIT_EXCEEDED") return "A tenant limit was reached: remove unused objects first";
      if (c === "STATE_READONLY") {
        return "The tenant is in read-only (maintenance) mode: retry later";
      }
      return "The API client is not entitled to this service, or its role scope does not allow this call";
    case 404:
      return "Check the id: the object may not exist, may have been deleted, or belongs to another service";
    case 408:
      return "The gateway timed out waiting for the service: retry later";
    case 409:
      if (c === "EDIT_LOCK_NOT_AVAILABLE") {
        return "Another admin session holds the edit lock: retry in a few seconds";
      }
      if (c === "DUPLICATE_ITEM") return "An object with the same name or value already exists";
      return "The object was changed concurrently or conflicts with an existing one: re-read it and retry";
    case 413:
      return "The request body is too large: send fewer items per call";
    case 415:
      return "The service did not accept the request media type";
    case 429:
      return retryAfterSeconds !== undefined
        ? `Rate limited: retry after ${formatSeconds(retryAfterSeconds)}`
        : "Rate limited: wait before retrying";
  }
  if (status >= 500) return "The Zscaler service had an error: retry later";
  if (status >= 300 && status < 400) {
    return "The API answered with a redirect, which this client does not follow: check the API base URL";
  }
  if (status >= 200 && status < 300) return "The service sent a response this client cannot read";
  return "See the upstream message";
}

/** Render a duration in seconds for messages (`1 s`, `2.5 s`). */
export function formatSeconds(seconds: number): string {
  const rounded = Math.round(seconds * 10) / 10;
  return `${rounded} s`;
}
