/**
 * Events the client reports for logging: retries and token refreshes. They carry no tokens,
 * secrets, assertions, request bodies or query strings.
 *
 * @module
 */

/** Why a request is being retried. */
export type RetryReason =
  /** 429: the upstream did not process the request. */
  | "rate_limited"
  /** 401 from the gateway: the token was refreshed and the request is re-sent once. */
  | "unauthorized"
  /** ZIA 409 EDIT_LOCK_NOT_AVAILABLE: the change was not applied. */
  | "edit_lock"
  /** 408/500/502/503/504 on an idempotent request. */
  | "server_error"
  /** Connection failure on an idempotent request. */
  | "network_error"
  /** Per-attempt timeout on an idempotent request. */
  | "timeout";

/** A request (or token request) is about to be retried. */
export interface RetryEvent {
  /** Discriminator. */
  type: "retry";
  /** Why. */
  reason: RetryReason;
  /** Service (`zia`, …, or `zidentity` for the token endpoint). */
  service?: string;
  /** HTTP method. */
  method: string;
  /** Request path, without the query string. */
  path: string;
  /** The attempt that just failed (1-based). */
  attempt: number;
  /** Milliseconds the client will wait before the next attempt. */
  waitMs: number;
  /** Upstream status, when there was a response. */
  status?: number;
}

/** Why a token is being requested. */
export type TokenRequestReason = "initial" | "expiring" | "invalidated";

/** A token request is starting. */
export interface TokenRequestEvent {
  /** Discriminator. */
  type: "token_request";
  /** Why a new token is needed. */
  reason: TokenRequestReason;
  /** `client_secret` or `private_key_jwt`. */
  authMethod: string;
}

/** A token was issued. */
export interface TokenIssuedEvent {
  /** Discriminator. */
  type: "token_issued";
  /** Lifetime the token endpoint granted, in seconds. */
  expiresInSeconds: number;
}

/** The cached token was dropped (a 401 from the gateway, or an explicit call). */
export interface TokenInvalidatedEvent {
  /** Discriminator. */
  type: "token_invalidated";
}

/** Everything `onEvent` can receive. */
export type ClientEvent = RetryEvent | TokenRequestEvent | TokenIssuedEvent | TokenInvalidatedEvent;

/** Listener for {@linkcode ClientEvent}s; exceptions it throws are ignored. */
export type ClientEventListener = (event: ClientEvent) => void;

/** Call a listener, swallowing anything it throws so logging never breaks a request. */
export function emitEvent(listener: ClientEventListener | undefined, event: ClientEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // A broken logger must not change the outcome of a request.
  }
}
