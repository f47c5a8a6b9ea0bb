/**
 * Small web-standard HTTP helpers shared by the simulator's handlers.
 *
 * @module
 */

/** A JSON object as the simulator stores and returns it. */
export type JsonObject = Record<string, unknown>;

/** The request body, read once by the tenant and handed to the service handlers. */
export type BodyResult =
  | { kind: "empty" }
  | { kind: "json"; value: unknown }
  | { kind: "invalid"; text: string };

/** What a service handler sees of a request. */
export interface ServiceRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** The full request URL. */
  url: URL;
  /** Decoded path segments after the service's base path. */
  segments: string[];
  /** Parsed query (the last value wins for repeated keys). */
  query: Record<string, string>;
  /** The request's `content-type` header, lower-cased, or "". */
  contentType: string;
  /** The body, already read. */
  body: BodyResult;
  /** The `client_id` of the caller's access token. */
  clientId: string;
}

/** Creates a JSON response with `status`, `body` and extra `headers`. */
export function jsonResponse(
  status: number,
  body: unknown,
  contentType = "application/json",
  headers: HeadersInit = {},
): Response {
  const h = new Headers(headers);
  h.set("content-type", contentType);
  return new Response(JSON.stringify(body), { status, headers: h });
}

/** Creates an empty response (204 and friends). */
export function emptyResponse(status = 204, headers: HeadersInit = {}): Response {
  return new Response(null, { status, headers });
}

/** Parses a URL's query into a plain record (the last value wins for repeated keys). */
export function parseQuery(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}

/** Parses a body text as JSON; an empty text is `empty`, unparsable text is `invalid`. */
export function parseBodyText(text: string): BodyResult {
  if (text.trim() === "") return { kind: "empty" };
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return { kind: "invalid", text };
  }
}

/** True when `contentType` is `application/json` (parameters such as charset allowed). */
export function isJsonContentType(contentType: string): boolean {
  const essence = contentType.split(";")[0].trim().toLowerCase();
  return essence === "application/json";
}

/** True for a plain (non-array, non-null) object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Splits a URL path into decoded segments.
 *
 * @returns the segments, or `undefined` when the path has an empty segment (`//`, a trailing
 *   slash) or an undecodable escape.
 */
export function splitPath(pathname: string): string[] | undefined {
  const raw = pathname.split("/").slice(1);
  const out: string[] = [];
  for (const part of raw) {
    if (part === "") return undefined;
    try {
      out.push(decodeURIComponent(part));
    } catch {
      return undefined;
    }
  }
  return out;
}

/**
 * Waits `ms` milliseconds, or rejects with the signal's reason as soon as `signal` aborts.
 * No timer is left behind either way.
 */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Current time in epoch seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
