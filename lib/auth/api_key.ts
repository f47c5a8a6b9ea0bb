/**
 * `api-key` mode: one shared key, presented as `Authorization: Bearer <key>` or
 * `X-Api-Key: <key>`, compared in constant time.
 *
 * @module
 */

import { createHash, timingSafeEqual } from "node:crypto";
import type { Secret } from "../config/secret.ts";
import { bearerTokenOf, headerValueOf, type Presented } from "./credentials.ts";
import { AuthConfigError } from "./errors.ts";
import { Refuser } from "./refusal.ts";
import type { AuthDeps, Authenticator, AuthOutcome, Principal } from "./types.ts";

/** The header that may carry the key instead of `Authorization`. */
export const API_KEY_HEADER = "X-Api-Key";

function sha256(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** The principal id of a key: `api-key:` and the first 8 hex digits of its SHA-256. */
export function apiKeyPrincipalId(key: string): string {
  return `api-key:${sha256(key).toString("hex").slice(0, 8)}`;
}

/**
 * True when `presented` equals the key whose SHA-256 is `expectedDigest`. Both sides are
 * hashed first, so the comparison takes the same time whatever the presented length.
 */
export function matchesKey(presented: string, expectedDigest: Uint8Array): boolean {
  return timingSafeEqual(sha256(presented), expectedDigest);
}

/**
 * Create the api-key authenticator. Every credential presented (both headers, when both are
 * sent) must be the key.
 *
 * @throws {AuthConfigError} when the key is missing or empty.
 */
export function createApiKeyAuthenticator(
  apiKey: Secret | undefined,
  deps: AuthDeps,
): Authenticator {
  const key = apiKey?.reveal() ?? "";
  if (key.trim() === "") {
    throw new AuthConfigError("api-key authentication needs a non-empty API key", {
      setting: "ZSCALER_MCP_AUTH_API_KEY",
    });
  }
  const expected = sha256(key);
  const principal: Principal = Object.freeze({ mode: "api-key", id: apiKeyPrincipalId(key) });
  const refuse = new Refuser("api-key", deps.logger);

  return {
    mode: "api-key",
    authenticate(request: Request): Promise<AuthOutcome> {
      const presented: Presented<string>[] = [
        bearerTokenOf(request),
        headerValueOf(request, API_KEY_HEADER),
      ];
      if (presented.every((p) => p.kind === "absent")) {
        return Promise.resolve(refuse.missing(request, {
          reason: "missing_credentials",
          description: "an API key is required (Authorization: Bearer <key> or X-Api-Key)",
        }));
      }
      for (const p of presented) {
        if (p.kind === "malformed") return Promise.resolve(refuse.invalid(request, p.refusal));
      }
      let allMatch = true;
      for (const p of presented) {
        // Compare every presented value, without short-circuiting.
        if (p.kind === "present" && !matchesKey(p.value, expected)) allMatch = false;
      }
      if (!allMatch) {
        return Promise.resolve(refuse.invalid(request, {
          reason: "wrong_api_key",
          description: "the API key is not valid",
        }));
      }
      return Promise.resolve({ ok: true, principal });
    },
  };
}
