import assert from "node:assert/strict";
import { constantTimeEqual, randomToken, sha256 } from "../../../lib/auth/oidc/crypto.ts";
import {
  createPkcePair,
  isCodeVerifier,
  isS256Challenge,
  s256Challenge,
  verifyS256,
} from "../../../lib/auth/oidc/pkce.ts";

Deno.test("PKCE: the RFC 7636 appendix B example", () => {
  const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  assert.equal(s256Challenge(verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  assert.equal(verifyS256(verifier, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), true);
});

Deno.test("PKCE: a wrong, short, long or malformed verifier or challenge fails", () => {
  const { verifier, challenge } = createPkcePair();
  assert.equal(verifyS256(verifier, challenge), true);
  assert.equal(verifyS256(createPkcePair().verifier, challenge), false, "another verifier");
  assert.equal(verifyS256(challenge, challenge), false, "the challenge as verifier");
  assert.equal(verifyS256(verifier.slice(0, 42), s256Challenge(verifier.slice(0, 42))), false);
  const long = "a".repeat(129);
  assert.equal(verifyS256(long, s256Challenge(long)), false, "longer than 128");
  const bad = "a".repeat(42) + "!";
  assert.equal(verifyS256(bad, s256Challenge(bad)), false, "a character outside the set");
  assert.equal(verifyS256(verifier, `${challenge}=`), false);
  assert.equal(isCodeVerifier("a".repeat(43)), true);
  assert.equal(isCodeVerifier("a".repeat(128)), true);
  assert.equal(isS256Challenge("a".repeat(43)), true);
  assert.equal(isS256Challenge("a".repeat(44)), false);
  assert.equal(isS256Challenge("plain-challenge"), false);
});

Deno.test("crypto: random tokens carry 256 bits; hashes and comparisons", () => {
  const tokens = new Set(Array.from({ length: 100 }, () => randomToken()));
  assert.equal(tokens.size, 100);
  for (const token of tokens) assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(sha256("abc"), "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  assert.equal(constantTimeEqual("abc", "abc"), true);
  assert.equal(constantTimeEqual("abc", "abd"), false);
  assert.equal(constantTimeEqual("abc", "abcd"), false);
  assert.equal(constantTimeEqual("", ""), true);
});
