/**
 * What the OAuth endpoints answer with, and how they read requests: RFC 6749 error JSON, redirects
 * back to a client, bounded form and JSON bodies, and single-valued parameters.
 *
 * @module
 */

import { jsonResponse } from "../../server/responses.ts";
import { readBodyText } from "../../zscaler/http.ts";

/** Largest form or JSON body an OAuth endpoint reads, in bytes. */
export const MAX_OAUTH_BODY_BYTES = 16 * 1024;

/** An RFC 6749 §5.2 error: `{"error", "error_description"}`, `Cache-Control: no-store`. */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, { error, error_description: description }, {
    pragma: "no-cache",
    ...headers,
  });
}

/** A successful OAuth JSON answer (`Cache-Control: no-store`, `Pragma: no-cache`). */
export function oauthJson(status: number, body: unknown): Response {
  return jsonResponse(status, body, { pragma: "no-cache" });
}

/** `405` naming the allowed methods. */
export function methodNotAllowed(allow: string): Response {
  return jsonResponse(405, { error: "method not allowed" }, { allow });
}

/**
 * A `302` to `uri` with `params` added to its query (existing query parameters are kept). Never
 * cached, never leaking the URL through `Referer`.
 */
export function redirectTo(
  uri: string,
  params: Record<string, string | undefined>,
  headers: Headers = new Headers(),
): Response {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.append(name, value);
  }
  headers.set("location", url.href);
  headers.set("cache-control", "no-store");
  headers.set("referrer-policy", "no-referrer");
  return new Response(null, { status: 302, headers });
}

/** A body could not be read. */
export type BodyProblem = "too_large" | "wrong_type" | "unreadable" | "invalid_json";

async function readText(
  request: Request,
  mediaType: string,
): Promise<{ text: string } | { problem: BodyProblem }> {
  const type = request.headers.get("content-type")?.split(";", 1)[0].trim().toLowerCase();
  if (type !== mediaType) {
    await request.body?.cancel().catch(() => {});
    return { problem: "wrong_type" };
  }
  try {
    const text = await readBodyText(
      new Response(request.body, { headers: request.headers }),
      MAX_OAUTH_BODY_BYTES,
    );
    return { text };
  } catch (error) {
    return {
      problem: error instanceof Error && error.name === "ResponseTooLargeError"
        ? "too_large"
        : "unreadable",
    };
  }
}

/** The `application/x-www-form-urlencoded` body of `request` (bounded). */
export async function readForm(
  request: Request,
): Promise<{ form: URLSearchParams } | { problem: BodyProblem }> {
  const read = await readText(request, "application/x-www-form-urlencoded");
  if ("problem" in read) return read;
  return { form: new URLSearchParams(read.text) };
}

/** The JSON body of `request` (bounded). */
export async function readJson(
  request: Request,
): Promise<{ value: unknown } | { problem: BodyProblem }> {
  const read = await readText(request, "application/json");
  if ("problem" in read) return read;
  try {
    return { value: JSON.parse(read.text) };
  } catch {
    return { problem: "invalid_json" };
  }
}

/** A parameter sent more than once (RFC 6749 §3.1: that is an invalid request). */
export const REPEATED = Symbol("repeated");

/** The single value of `name` in `params`, undefined when absent, {@linkcode REPEATED} when sent twice. */
export function single(
  params: URLSearchParams,
  name: string,
): string | undefined | typeof REPEATED {
  const values = params.getAll(name);
  if (values.length > 1) return REPEATED;
  return values[0];
}

/**
 * The values of `names` in `params`, or the name of the first one sent more than once. An empty
 * value counts as absent.
 */
export function singles<K extends string>(
  params: URLSearchParams,
  names: readonly K[],
): { values: Partial<Record<K, string>> } | { repeated: K } {
  const values: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = single(params, name);
    if (value === REPEATED) return { repeated: name };
    if (value !== undefined && value !== "") values[name] = value;
  }
  return { values };
}
