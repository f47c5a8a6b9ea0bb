import assert from "node:assert/strict";
import { TokenSealer } from "../../../lib/auth/oidc/encryption.ts";
import { SealedDataError } from "../../../lib/auth/oidc/errors.ts";

const SECRET = JSON.stringify({ access_token: "idp-access-token-value", refresh_token: "r" });

Deno.test("sealing: a round trip gives the plaintext back, and the ciphertext hides it", async () => {
  const sealer = await TokenSealer.create();
  const sealed = await sealer.seal(SECRET, "grant-1");
  assert.ok(!sealed.includes("idp-access-token-value"));
  assert.match(sealed, /^[A-Za-z0-9_-]+$/);
  assert.equal(await sealer.open(sealed, "grant-1"), SECRET);
  assert.notEqual(await sealer.seal(SECRET, "grant-1"), sealed, "a fresh IV every time");
});

Deno.test("sealing: tampering, another binding, another key or garbage cannot be opened", async () => {
  const sealer = await TokenSealer.create();
  const sealed = await sealer.seal(SECRET, "grant-1");
  const other = await TokenSealer.create();
  const flip = (text: string, at: number) =>
    text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
  const attempts: [string, () => Promise<string>][] = [
    ["a flipped ciphertext character", () => sealer.open(flip(sealed, 30), "grant-1")],
    ["a flipped IV character", () => sealer.open(flip(sealed, 2), "grant-1")],
    ["a flipped tag character", () => sealer.open(flip(sealed, sealed.length - 3), "grant-1")],
    ["truncated", () => sealer.open(sealed.slice(0, -4), "grant-1")],
    ["another binding", () => sealer.open(sealed, "grant-2")],
    ["another key", () => other.open(sealed, "grant-1")],
    ["not base64url", () => sealer.open("!!!", "grant-1")],
    ["too short", () => sealer.open("AAAA", "grant-1")],
  ];
  for (const [name, attempt] of attempts) {
    await assert.rejects(attempt(), SealedDataError, name);
  }
  const error: unknown = await sealer.open("AAAA", "grant-1").catch((e: unknown) => e);
  assert.ok(error instanceof SealedDataError);
  assert.ok(!error.message.includes("AAAA"), "the error carries no data");
});
