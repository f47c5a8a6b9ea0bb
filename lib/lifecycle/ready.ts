/**
 * Readiness: can the server do its job right now? It can when a OneAPI token can be obtained (a
 * cached, still valid token counts) or when it serves the built-in sandbox. The reason given when
 * it cannot is written here, from the failure's kind: no upstream body, no secret.
 *
 * @module
 */

import { ZscalerAuthError, ZscalerConfigError } from "../zscaler/mod.ts";

/** The answer of a readiness check. */
export type Readiness = { ready: true } | { ready: false; reason: string };

/** A readiness check, as the HTTP layer calls it for `GET /ready`. */
export type ReadinessCheck = () => Promise<Readiness>;

/** What a readiness check needs. */
export interface ReadinessOptions {
  /** Serving the built-in simulated tenant: always ready. */
  sandbox: boolean;
  /** Hands out OneAPI tokens (the client's shared, caching token provider). */
  tokens: { getToken(signal?: AbortSignal): Promise<string> };
  /** Longest time one check waits for a token (default 5 s); the token request itself goes on. */
  timeoutMs?: number;
  /**
   * How long a "not ready" answer is reused before ZIdentity is asked again (default 5 s): the
   * endpoint needs no authentication, so probes must not turn into a stream of token requests
   * with credentials ZIdentity has just refused.
   */
  failureCacheMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** A safe, fixed sentence for why no token could be obtained. */
export function notReadyReason(error: unknown): string {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return "no OneAPI token within the readiness timeout (ZIdentity is slow or unreachable)";
  }
  if (error instanceof ZscalerAuthError) {
    const status = error.status === undefined ? "" : ` (HTTP ${error.status})`;
    switch (error.reason) {
      case "credentials_rejected":
        return `ZIdentity rejected the OneAPI client credentials${status}`;
      case "unavailable":
        return `the ZIdentity token endpoint is unavailable${status}`;
      case "malformed_response":
        return "ZIdentity answered without a usable token";
    }
  }
  if (error instanceof ZscalerConfigError) return "the OneAPI client is misconfigured";
  return "no OneAPI token could be obtained";
}

/** Builds the readiness check of a server. */
export function readinessCheck(options: ReadinessOptions): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const failureCacheMs = options.failureCacheMs ?? 5_000;
  const now = options.now ?? Date.now;
  let failure: { answer: Readiness; until: number } | undefined;
  return async () => {
    if (options.sandbox) return { ready: true };
    if (failure && now() < failure.until) return failure.answer;
    try {
      await options.tokens.getToken(AbortSignal.timeout(timeoutMs));
      failure = undefined;
      return { ready: true };
    } catch (error) {
      const answer: Readiness = { ready: false, reason: notReadyReason(error) };
      failure = { answer, until: now() + failureCacheMs };
      return answer;
    }
  };
}
