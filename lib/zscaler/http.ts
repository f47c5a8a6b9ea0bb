/**
 * HTTP plumbing shared by the token provider and the API client: URL policy, bounded body
 * reading, JSON detection, abort racing and redaction.
 *
 * @module
 */

import { ZscalerConfigError } from "./errors.ts";

/** Default cap on a response body (64 MiB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Default User-Agent sent to Zscaler. */
export const DEFAULT_USER_AGENT = "zscaler-mcp/0.1.0";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** True for `localhost`, `127.0.0.0/8` and `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Parse and check an endpoint URL: `https:`, or `http:` only on a loopback host (the
 * simulator); no credentials, query or fragment.
 *
 * @param value The configured URL.
 * @param label Option name for the error message (`tokenUrl`, `apiBaseUrl`).
 * @throws {ZscalerConfigError} when the URL is unusable or not TLS-or-loopback.
 */
export function checkEndpointUrl(value: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ZscalerConfigError(`${label} is not a valid URL`, {
      hint: "Use an absolute https:// URL",
    });
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    throw new ZscalerConfigError(
      `${label} must use https (plain http is only allowed on loopback)`,
      {
        hint: "Use the https:// URL of the Zscaler host",
      },
    );
  }
  if (url.username || url.password) {
    throw new ZscalerConfigError(`${label} must not contain credentials`);
  }
  if (url.search || url.hash) {
    throw new ZscalerConfigError(`${label} must not contain a query or fragment`);
  }
  return url;
}

/** Thrown by {@linkcode readBodyText} when the body exceeds its cap. */
export class ResponseTooLargeError extends Error {
  /** The cap that was exceeded, in bytes. */
  readonly limit: number;

  /** Build the error for `limit` bytes. */
  constructor(limit: number) {
    super(`response body exceeds ${limit} bytes`);
    this.name = "ResponseTooLargeError";
    this.limit = limit;
  }
}

/**
 * Read a response body as UTF-8 text, failing with {@linkcode ResponseTooLargeError} (and
 * cancelling the stream) once more than `maxBytes` arrive. Always consumes or cancels the body.
 */
export async function readBodyText(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return "";
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body.cancel().catch(() => {});
    throw new ResponseTooLargeError(maxBytes);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let total = 0;
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new ResponseTooLargeError(maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
    return text;
  } finally {
    reader.releaseLock();
  }
}

/** True when a `Content-Type` declares JSON (`application/json`, `…+json`, with parameters). */
export function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || type.endsWith("+json") || type === "text/json";
}

/**
 * A `JSON.parse` reviver that keeps integers beyond 2^53 exactly, as their decimal string: ZPA
 * sends some 18-digit ids as JSON numbers (SCIM groups' `idpId`), and a double would change the
 * last digits — and so name another object.
 */
export function keepLargeIntegers(
  _key: string,
  value: unknown,
  context?: { source?: string },
): unknown {
  if (typeof value !== "number" || Number.isSafeInteger(value)) return value;
  const source = context?.source;
  return source !== undefined && /^-?\d+$/.test(source) ? source : value;
}

/** Parse JSON without throwing (`{ ok: false }` for invalid text); large integers stay exact. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    // Only a run of 16+ digits can be an unsafe integer; most bodies skip the slower reviver.
    return {
      ok: true,
      value: /\d{16}/.test(text) ? JSON.parse(text, keepLargeIntegers) : JSON.parse(text),
    };
  } catch {
    return { ok: false };
  }
}

/**
 * Wait for `promise`, but reject with `signal.reason` as soon as `signal` aborts (the promise
 * itself keeps running for other waiters).
 */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Replace every occurrence of each non-trivial secret in `text` with `[redacted]`. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out.replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/gi, "Bearer [redacted]");
}

/** A short description of a transport failure, safe for messages (no URLs, bounded length). */
export function describeTransportError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const withoutUrls = raw.replace(/\bhttps?:\/\/[^\s)]+/gi, "<url>");
  // deno-lint-ignore no-control-regex
  const flat = withoutUrls.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
