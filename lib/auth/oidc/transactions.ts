/**
 * The two kinds of pending sign-in this server keeps between redirects, both single-use, both
 * expiring after {@linkcode TRANSACTION_TTL_SECONDS}:
 *
 * - a consent transaction: a checked `/authorize` request waiting for the user's decision, bound
 *   to a CSRF token whose hash it keeps;
 * - an upstream sign-in: an approved request waiting for the identity provider's answer at
 *   `/auth/callback`, keyed by the hash of this server's own `state`, with its nonce, its PKCE
 *   verifier and the hash of the browser-binding cookie.
 *
 * @module
 */

import { BoundedTtlCache } from "../cache.ts";
import { randomToken, sha256 } from "./crypto.ts";
import { TRANSACTION_TTL_SECONDS } from "./settings.ts";

/** Most pending sign-ins of each kind kept (the oldest is dropped first). */
export const MAX_PENDING = 10_000;

/** A checked authorization request. */
export interface AuthorizationRequest {
  clientId: string;
  /** The client's name as it registered it (attacker-chosen: escape before showing). */
  clientName?: string;
  /** The redirect URI exactly as registered and requested. */
  redirectUri: string;
  codeChallenge: string;
  state?: string;
  /** Scopes to grant. */
  scopes: readonly string[];
  /** The `resource` the client asked for, when it did. */
  resource?: string;
}

/** A consent transaction. */
export interface ConsentTransaction {
  request: AuthorizationRequest;
  /** SHA-256 of the CSRF token. */
  csrfHash: string;
}

/** An approved request waiting for the identity provider. */
export interface UpstreamSignIn {
  request: AuthorizationRequest;
  nonce: string;
  /** This server's PKCE verifier for the identity provider. */
  verifier: string;
  /** SHA-256 of the browser-binding cookie set when the user approved. */
  browserHash: string;
}

/** Pending consent transactions and upstream sign-ins. */
export class Transactions {
  readonly #now: () => number;
  readonly #consents = new BoundedTtlCache<ConsentTransaction>(MAX_PENDING);
  readonly #upstream = new BoundedTtlCache<UpstreamSignIn>(MAX_PENDING);

  /** Transactions on the clock `now` (epoch milliseconds). */
  constructor(now: () => number = () => Date.now()) {
    this.#now = now;
  }

  #expiry(): number {
    return this.#now() + TRANSACTION_TTL_SECONDS * 1000;
  }

  /** Start a consent transaction: its id and the CSRF token for the page and cookie. */
  begin(request: AuthorizationRequest): { id: string; csrf: string } {
    const id = randomToken(24);
    const csrf = randomToken(32);
    this.#consents.set(id, { request, csrfHash: sha256(csrf) }, this.#expiry());
    return { id, csrf };
  }

  /** The live consent transaction `id`, without using it up. */
  peek(id: string): ConsentTransaction | undefined {
    return this.#consents.get(id, this.#now());
  }

  /** Use up the consent transaction `id`. */
  finish(id: string): void {
    this.#consents.delete(id);
  }

  /** Record an approved request; returns the upstream `state` and the browser-binding value. */
  beginUpstream(signIn: Omit<UpstreamSignIn, "browserHash">): { state: string; browser: string } {
    const state = randomToken(32);
    const browser = randomToken(32);
    this.#upstream.set(sha256(state), { ...signIn, browserHash: sha256(browser) }, this.#expiry());
    return { state, browser };
  }

  /** Take (and use up) the upstream sign-in of `state`. */
  takeUpstream(state: string): UpstreamSignIn | undefined {
    const key = sha256(state);
    const signIn = this.#upstream.get(key, this.#now());
    this.#upstream.delete(key);
    return signIn;
  }
}
