/**
 * `none` mode: everyone is the anonymous principal. The configuration layer allows it only on
 * a loopback listener.
 *
 * @module
 */

import type { Authenticator, AuthOutcome, Principal } from "./types.ts";

/** The principal of every request in `none` mode. */
export const ANONYMOUS: Principal = Object.freeze({ mode: "none", id: "anonymous" });

/** Create the authenticator that accepts every request as {@linkcode ANONYMOUS}. */
export function createNoneAuthenticator(): Authenticator {
  const outcome: AuthOutcome = Object.freeze({ ok: true, principal: ANONYMOUS });
  return { mode: "none", authenticate: () => Promise.resolve(outcome) };
}
