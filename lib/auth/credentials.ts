/**
 * Reading credentials out of request headers. Parsers return what was presented or a fixed
 * problem description; they never put the credential into an error.
 *
 * @module
 */

import type { Refusal } from "./refusal.ts";

/** The result of reading one kind of credential from a request. */
export type Presented<T> =
  | { kind: "absent" }
  | { kind: "present"; value: T }
  | { kind: "malformed"; refusal: Refusal };

/** Longest credential accepted in any header, in characters (a JWT may be long). */
export const MAX_CREDENTIAL_LENGTH = 16 * 1024;

/**
 * The `Authorization` header split into scheme and credentials. Absent when there is no header;
 * malformed when it is not `<scheme> <credentials>` (credentials without inner whitespace).
 */
export function authorizationOf(
  request: Request,
): Presented<{ scheme: string; credentials: string }> {
  const header = request.headers.get("authorization");
  if (header === null) return { kind: "absent" };
  if (header.length > MAX_CREDENTIAL_LENGTH + 32) {
    return malformed("authorization_too_long", "authorization header too long");
  }
  const match = /^[ \t]*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)[ \t]+([^ \t]+)[ \t]*$/.exec(header);
  if (!match) return malformed("authorization_malformed", "malformed authorization header");
  return { kind: "present", value: { scheme: match[1]!.toLowerCase(), credentials: match[2]! } };
}

/**
 * A bearer token from `Authorization: Bearer <token>` (scheme case-insensitive). A header with
 * another scheme is malformed for a bearer-only mode.
 */
export function bearerTokenOf(request: Request): Presented<string> {
  const auth = authorizationOf(request);
  if (auth.kind !== "present") return auth;
  if (auth.value.scheme !== "bearer") {
    return malformed("unsupported_scheme", "unsupported authorization scheme");
  }
  return { kind: "present", value: auth.value.credentials };
}

/** A single-valued custom header, trimmed; an empty or over-long value is malformed. */
export function headerValueOf(
  request: Request,
  name: string,
  maxLength = MAX_CREDENTIAL_LENGTH,
): Presented<string> {
  const raw = request.headers.get(name);
  if (raw === null) return { kind: "absent" };
  const value = raw.trim();
  const reason = name.toLowerCase().replace(/-/g, "_");
  if (value === "") return malformed(`${reason}_empty`, `empty ${name} header`);
  if (value.length > maxLength) return malformed(`${reason}_too_long`, `${name} header too long`);
  if (/\s/.test(value)) return malformed(`${reason}_malformed`, `malformed ${name} header`);
  return { kind: "present", value };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * `user:password` from the credentials of `Authorization: Basic …` (RFC 7617): standard base64
 * of UTF-8, split at the first colon. Undefined when the value is not valid base64 or UTF-8 or
 * has no colon.
 */
export function decodeBasic(credentials: string): { user: string; password: string } | undefined {
  if (!BASE64.test(credentials)) return undefined;
  let text: string;
  try {
    const binary = atob(credentials);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const colon = text.indexOf(":");
  if (colon < 0) return undefined;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

function malformed(reason: string, description: string): { kind: "malformed"; refusal: Refusal } {
  return { kind: "malformed", refusal: { reason, description } };
}
