/**
 * The small cryptographic helpers of oidc mode: random tokens, hashing for storage, and
 * constant-time comparison. Codes, refresh tokens and client secrets are stored only as their
 * SHA-256 (they are 256-bit random values, so a fast hash is enough).
 *
 * @module
 */

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** `bytes` random bytes as base64url (256 bits by default). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** SHA-256 of `value` (UTF-8) as base64url: how a secret value is stored and looked up. */
export function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("base64url");
}

/** True when `a` equals `b`; the time taken does not depend on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash("sha256").update(a, "utf8").digest();
  const right = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}
