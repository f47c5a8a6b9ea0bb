/**
 * The URL policy for identity-provider endpoints the server calls (JWKS, ZIdentity token).
 *
 * @module
 */

import { isLoopbackHost } from "../zscaler/http.ts";
import { AuthConfigError } from "./errors.ts";

/**
 * Parse an endpoint URL: `https:`, or `http:` only on a loopback host; no credentials or
 * fragment.
 *
 * @throws {AuthConfigError} naming `setting` when the URL is missing or unusable.
 */
export function checkIdpUrl(value: string | undefined, setting: string, what: string): URL {
  if (value === undefined || value.trim() === "") {
    throw new AuthConfigError(`${what} is required`, { setting });
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new AuthConfigError(`${what} is not a valid URL`, { setting });
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    throw new AuthConfigError(`${what} must use https (plain http only on loopback)`, {
      setting,
    });
  }
  if (url.username || url.password) {
    throw new AuthConfigError(`${what} must not contain credentials`, { setting });
  }
  if (url.hash) throw new AuthConfigError(`${what} must not contain a fragment`, { setting });
  return url;
}
