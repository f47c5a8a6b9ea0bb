/**
 * The two cookies of the sign-in flow:
 *
 * - the CSRF cookie, set with the consent page and checked against the form's hidden field at
 *   `/authorize/decision` (`SameSite=Strict`: the form is posted from this server's own page);
 * - the browser-binding cookie, set when the user approves and checked at `/auth/callback`, so
 *   the identity provider's answer is accepted only in the browser that approved
 *   (`SameSite=Lax`: the callback is a top-level navigation coming from the identity provider).
 *
 * Both are `HttpOnly`, `Path=/`, short-lived; over https they are `Secure` with the `__Host-`
 * prefix (plain names on an http loopback origin, where `Secure` cookies cannot be set).
 *
 * @module
 */

import { TRANSACTION_TTL_SECONDS } from "./settings.ts";

/** Which cookie. */
export type FlowCookie = "csrf" | "browser";

/** The name of `cookie` for an https (`secure`) or http origin. */
export function cookieName(cookie: FlowCookie, secure: boolean): string {
  const base = cookie === "csrf" ? "zscaler_mcp_csrf" : "zscaler_mcp_signin";
  return secure ? `__Host-${base}` : base;
}

/** The `Set-Cookie` value that sets `cookie` to `value` (or clears it when `value` is empty). */
export function setCookie(cookie: FlowCookie, value: string, secure: boolean): string {
  const parts = [
    `${cookieName(cookie, secure)}=${value}`,
    "Path=/",
    `Max-Age=${value === "" ? 0 : TRANSACTION_TTL_SECONDS}`,
    "HttpOnly",
    `SameSite=${cookie === "csrf" ? "Strict" : "Lax"}`,
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/**
 * The value of `cookie` in the request's `Cookie` header; undefined when absent or sent more
 * than once (an ambiguous cookie is not trusted).
 */
export function readCookie(
  request: Request,
  cookie: FlowCookie,
  secure: boolean,
): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  const name = cookieName(cookie, secure);
  const values: string[] = [];
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() === name) values.push(pair.slice(eq + 1).trim());
  }
  return values.length === 1 && values[0] !== "" ? values[0] : undefined;
}
