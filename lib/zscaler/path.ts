/**
 * Safe construction of OneAPI request paths. Tool code never concatenates ids into a path: it
 * writes `apiPath\`/zia/api/v1/urlFilteringRules/${id}\`` and every interpolated value is
 * validated and percent-encoded as exactly one path segment (or part of one).
 *
 * @module
 */

import { ZscalerRequestError } from "./errors.ts";

/** Values that may be interpolated into {@linkcode apiPath}. */
export type PathValue = string | number | bigint;

// C0 controls, DEL and C1 controls.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Percent-encoded "/", "\" and "." — a server or proxy that decodes once would turn these into
// separators or dot segments.
const ENCODED_SEPARATOR = /%(?:2f|5c|2e)/i;
// RFC 3986 path characters: unreserved, sub-delims, ":", "@", "/" and well-formed pct-encodings.
const PATH_CHARS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;

/**
 * Validate and percent-encode one interpolated path value.
 *
 * Refused (with {@linkcode ZscalerRequestError}): non-string/number/bigint values; numbers that
 * are not safe integers (pass large ids such as ZPA's as strings); empty or whitespace-only
 * strings; `.` and `..`; control characters; `/` and `\`; percent-encoded `/`, `\` or `.`;
 * strings that are not well-formed Unicode.
 *
 * @param value The value to encode.
 * @param label Name used in the error message (e.g. `"value #1"`).
 */
export function encodePathValue(value: unknown, label = "path value"): string {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || !Number.isInteger(value)) {
      throw refuse(`${label} must be a finite integer, got ${String(value)}`);
    }
    if (!Number.isSafeInteger(value)) {
      throw refuse(
        `${label} ${String(value)} is too large to be exact as a number`,
        "Pass large ids as strings",
      );
    }
    text = String(value);
  } else if (typeof value === "bigint") {
    text = value.toString();
  } else if (typeof value === "string") {
    text = value;
  } else {
    throw refuse(
      `${label} must be a string or an integer, got ${value === null ? "null" : typeof value}`,
    );
  }
  if (text.trim() === "") throw refuse(`${label} is empty`);
  if (text === "." || text === "..") throw refuse(`${label} must not be "." or ".."`);
  if (CONTROL.test(text)) throw refuse(`${label} contains control characters`);
  if (text.includes("/") || text.includes("\\")) {
    throw refuse(`${label} must not contain "/" or "\\"`, "Pass a single id, not a path");
  }
  if (ENCODED_SEPARATOR.test(text)) {
    throw refuse(`${label} must not contain percent-encoded "/", "\\" or "."`);
  }
  if (!text.isWellFormed()) throw refuse(`${label} is not well-formed text`);
  return encodeURIComponent(text);
}

/**
 * Tagged template that builds a request path, encoding every interpolated value with
 * {@linkcode encodePathValue}. The literal parts must form an absolute path without a query or
 * fragment (pass query parameters through the client's `query` option).
 *
 * @throws {ZscalerRequestError} for any refused value or malformed template.
 *
 * @example
 * ```ts
 * const path = apiPath`/zia/api/v1/urlFilteringRules/${ruleId}`;
 * const seg = apiPath`/zpa/mgmtconfig/v1/admin/customers/${customerId}/segmentGroup/${id}`;
 * ```
 */
export function apiPath(strings: TemplateStringsArray, ...values: PathValue[]): string {
  let out = "";
  for (let i = 0; i < strings.length; i++) {
    const literal = strings[i]!;
    if (literal.includes("?") || literal.includes("#")) {
      throw refuse(
        "apiPath literal parts must not contain a query or fragment",
        "Use the query option",
      );
    }
    out += literal;
    if (i < values.length) out += encodePathValue(values[i], `path value #${i + 1}`);
  }
  assertSafePath(out);
  return out;
}

/**
 * Check that a path is safe to append to the API base URL: absolute, no empty segment (`//`), no query or
 * fragment, only RFC 3986 path characters with well-formed percent-encodings, and no dot
 * segments (literal or percent-encoded) or encoded separators. The client calls this on every
 * request.
 *
 * @throws {ZscalerRequestError} when the path is unsafe.
 */
export function assertSafePath(path: string): void {
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw refuse(
      'request path must be an absolute path starting with "/"',
      "Build paths with apiPath",
    );
  }
  if (path.includes("//")) throw refuse('request path must not contain an empty segment ("//")');
  if (!PATH_CHARS.test(path)) {
    throw refuse(
      "request path contains characters that are not allowed in a path (query, fragment, spaces, control characters or bad percent-encoding)",
      "Build paths with apiPath and pass query parameters through the query option",
    );
  }
  for (const segment of path.split("/").slice(1)) {
    if (segment === "." || segment === ".." || ENCODED_SEPARATOR.test(segment)) {
      throw refuse("request path contains a dot segment or an encoded separator");
    }
  }
}

function refuse(message: string, hint?: string): ZscalerRequestError {
  return new ZscalerRequestError(message, {
    hint: hint ?? "Check the id or name passed to the tool",
  });
}
