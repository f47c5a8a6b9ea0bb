/**
 * Encryption of the identity provider's tokens while this server holds them: AES-256-GCM with
 * WebCrypto, a random 96-bit IV per value, and additional data binding each value to its grant.
 *
 * The key is random and lives only in this process (non-extractable). Nothing encrypted with it
 * is ever written to disk: grants, codes and refresh tokens live in memory and end with the
 * process, as do this server's signing key and every token it issued. So no key setting is
 * needed, and none can leak.
 *
 * @module
 */

import { SealedDataError } from "./errors.ts";

const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Seals and opens values with one AES-256-GCM key. */
export class TokenSealer {
  readonly #key: CryptoKey;

  private constructor(key: CryptoKey) {
    this.#key = key;
  }

  /** A sealer with a fresh random, non-extractable key. */
  static async create(): Promise<TokenSealer> {
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
      "encrypt",
      "decrypt",
    ]);
    return new TokenSealer(key);
  }

  /** `plaintext` encrypted and bound to `binding`, as base64url(IV ‖ ciphertext ‖ tag). */
  async seal(plaintext: string, binding: string): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encoder.encode(binding) },
        this.#key,
        encoder.encode(plaintext),
      ),
    );
    const out = new Uint8Array(IV_BYTES + sealed.length);
    out.set(iv);
    out.set(sealed, IV_BYTES);
    return toBase64Url(out);
  }

  /**
   * The plaintext of `sealed`.
   *
   * @throws {SealedDataError} when it was tampered with, sealed by another key, or bound to
   * something other than `binding`.
   */
  async open(sealed: string, binding: string): Promise<string> {
    const bytes = fromBase64Url(sealed);
    if (!bytes || bytes.length < IV_BYTES + 16) throw new SealedDataError();
    try {
      const plain = await crypto.subtle.decrypt(
        {
          name: "AES-GCM",
          iv: bytes.subarray(0, IV_BYTES),
          additionalData: encoder.encode(binding),
        },
        this.#key,
        bytes.subarray(IV_BYTES),
      );
      return decoder.decode(plain);
    } catch {
      throw new SealedDataError();
    }
  }
}
