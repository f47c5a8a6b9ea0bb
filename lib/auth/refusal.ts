/**
 * The refusals every mode sends: `401` with an RFC 6750 / RFC 9728 `WWW-Authenticate`
 * challenge, and `503` when the identity provider cannot be asked. Bodies carry a fixed, short
 * description; nothing the client sent is ever echoed.
 *
 * @module
 */

import { getOAuthProtectedResourceMetadataUrl } from "@modelcontextprotocol/server";
import type { Logger } from "../log.ts";
import { NAME } from "../version.ts";
import { jsonResponse } from "../server/responses.ts";
import type { AuthMode } from "./types.ts";

/** The path of the MCP endpoint the metadata describes. */
export const RESOURCE_PATH = "/mcp";

/** Seconds a client is asked to wait after an identity-provider outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** What went wrong, for the log (`reason`) and the client (`description`). */
export interface Refusal {
  /** A fixed machine-readable reason for the log line, e.g. `missing_credentials`. */
  reason: string;
  /** A fixed, short, human-readable description for the response body. */
  description: string;
}

/** The RFC 9728 metadata URL advertised to clients of `request`'s origin. */
export function resourceMetadataUrl(request: Request): string {
  const origin = new URL(request.url).origin;
  return getOAuthProtectedResourceMetadataUrl(new URL(RESOURCE_PATH, origin));
}

/**
 * The `WWW-Authenticate` value of a `401`: `Bearer realm="zscaler-mcp",
 * resource_metadata="<url>"`, plus `error="invalid_token"` when a credential was presented.
 */
export function bearerChallenge(request: Request, invalidToken: boolean): string {
  return bearerChallengeFor(resourceMetadataUrl(request), invalidToken);
}

/**
 * The same challenge with a fixed metadata URL (oidc mode names its public origin, whatever
 * address the request came in on).
 */
export function bearerChallengeFor(metadataUrl: string, invalidToken: boolean): string {
  const parts = [`realm="${NAME}"`, `resource_metadata="${metadataUrl}"`];
  if (invalidToken) parts.push(`error="invalid_token"`);
  return `Bearer ${parts.join(", ")}`;
}

/**
 * A `401` for `request`. `invalidToken` is true when a credential was presented but rejected
 * (`error: "invalid_token"`), false when none was presented (`error: "unauthorized"`).
 */
export function unauthorizedResponse(
  request: Request,
  refusal: Refusal,
  invalidToken: boolean,
): Response {
  return jsonResponse(
    401,
    {
      error: invalidToken ? "invalid_token" : "unauthorized",
      error_description: refusal.description,
    },
    { "www-authenticate": bearerChallenge(request, invalidToken) },
  );
}

/** A `503 temporarily_unavailable` with `Retry-After` (the identity provider cannot be asked). */
export function unavailableResponse(refusal: Refusal, retryAfterSeconds: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return jsonResponse(
    503,
    { error: "temporarily_unavailable", error_description: refusal.description },
    { "retry-after": String(seconds) },
  );
}

/** Builds the refusals of one mode and logs each one (`mode` and `reason`, nothing else). */
export class Refuser {
  readonly #mode: AuthMode;
  readonly #logger: Logger;

  /** A refuser for `mode` that logs to `logger`. */
  constructor(mode: AuthMode, logger: Logger) {
    this.#mode = mode;
    this.#logger = logger;
  }

  /** `401 unauthorized`: no credential was presented. */
  missing(request: Request, refusal: Refusal): { ok: false; response: Response } {
    this.#log(refusal);
    return { ok: false, response: unauthorizedResponse(request, refusal, false) };
  }

  /** `401 invalid_token`: a credential was presented and rejected. */
  invalid(request: Request, refusal: Refusal): { ok: false; response: Response } {
    this.#log(refusal);
    return { ok: false, response: unauthorizedResponse(request, refusal, true) };
  }

  /** `503 temporarily_unavailable`: the identity provider cannot be asked right now. */
  unavailable(
    refusal: Refusal,
    retryAfterSeconds = OUTAGE_RETRY_AFTER_SECONDS,
  ): { ok: false; response: Response } {
    this.#log(refusal);
    return { ok: false, response: unavailableResponse(refusal, retryAfterSeconds) };
  }

  #log(refusal: Refusal): void {
    this.#logger.warn("authentication refused", { mode: this.#mode, reason: refusal.reason });
  }
}
