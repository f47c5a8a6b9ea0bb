/**
 * PKCE (RFC 7636), S256 only: the checks of a client's challenge and verifier, and this server's
 * own pair for its request to the identity provider.
 *
 * @module
 */

import { constantTimeEqual, randomToken, sha256 } from "./crypto.ts";

/** The only code challenge method accepted. */
export const PKCE_METHOD = "S256";

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** True for a well-formed code verifier (43–128 unreserved characters). */
export function isCodeVerifier(value: string): boolean {
  return VERIFIER.test(value);
}

/** True for a well-formed S256 code challenge (43 base64url characters). */
export function isS256Challenge(value: string): boolean {
  return S256_CHALLENGE.test(value);
}

/** The S256 challenge of `verifier`: BASE64URL(SHA256(verifier)). */
export function s256Challenge(verifier: string): string {
  return sha256(verifier);
}

/** True when `verifier` is well-formed and its S256 challenge is `challenge`. */
export function verifyS256(verifier: string, challenge: string): boolean {
  if (!isCodeVerifier(verifier) || !isS256Challenge(challenge)) return false;
  return constantTimeEqual(s256Challenge(verifier), challenge);
}

/** A fresh verifier (256 random bits) and its S256 challenge. */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomToken(32);
  return { verifier, challenge: s256Challenge(verifier) };
}
