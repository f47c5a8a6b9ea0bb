/**
 * Sealed confirmation claims: a short HMAC-SHA256 token binding one destructive call (tool, every
 * argument, caller) to an expiry and a nonce. The same seal protects the `requestState` of an
 * input request and the `confirmation_token` of the prompt-and-retry mechanism.
 *
 * @module
 */

/** What a seal binds. */
export interface Claim {
  /** Which mechanism minted it; a token is never accepted as request state or the reverse. */
  kind: "token" | "state";
  tool: string;
  /** SHA-256 of the canonical JSON of the arguments (the token itself excluded). */
  args: string;
  principal: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
  nonce: string;
}

/** Why a seal was refused. */
export type SealRefusal =
  | "malformed"
  | "forged"
  | "expired"
  | "other-mechanism"
  | "other-tool"
  | "other-arguments"
  | "other-caller";

/** A ring of HMAC keys: the first seals, every one verifies (rotation, several replicas). */
export class KeyRing {
  readonly #keys: CryptoKey[];

  private constructor(keys: CryptoKey[]) {
    this.#keys = keys;
  }

  /** Imports the given secrets (32+ characters each), or makes one random key when none. */
  static async from(secrets: readonly string[]): Promise<KeyRing> {
    const material = secrets.length > 0
      ? secrets.map((secret) => new TextEncoder().encode(secret))
      : [crypto.getRandomValues(new Uint8Array(32))];
    const keys = await Promise.all(
      material.map((bytes) =>
        crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, [
          "sign",
          "verify",
        ])
      ),
    );
    return new KeyRing(keys);
  }

  /** MAC of `data` under the sealing key. */
  async sign(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
    return new Uint8Array(await crypto.subtle.sign("HMAC", this.#keys[0], data));
  }

  /** True when any key of the ring produced `mac` over `data` (constant-time per key). */
  async verify(mac: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
    for (const key of this.#keys) {
      if (await crypto.subtle.verify("HMAC", key, mac, data)) return true;
    }
    return false;
  }
}

/** JSON with object keys sorted at every depth: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${
      entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(",")
    }}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** SHA-256 (base64url) of the canonical JSON of a call's arguments. */
export async function argumentsDigest(args: Record<string, unknown>): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(args));
  return encodeBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
}

/** Seals a claim: `base64url(claim JSON).base64url(HMAC)`. */
export async function seal(ring: KeyRing, claim: Claim): Promise<string> {
  const payload = encodeBase64Url(new TextEncoder().encode(JSON.stringify(claim)));
  const mac = await ring.sign(new TextEncoder().encode(payload));
  return `${payload}.${encodeBase64Url(mac)}`;
}

/** What a call must match for its seal to be accepted. */
export interface Expected {
  kind: Claim["kind"];
  tool: string;
  args: string;
  principal: string;
  now: number;
}

/**
 * Opens a sealed claim and checks it against the call. Checks the MAC before reading anything,
 * then the mechanism, expiry, tool, arguments and caller. The nonce is not consumed here.
 */
export async function open(
  ring: KeyRing,
  sealed: string,
  expected: Expected,
): Promise<{ ok: true; claim: Claim } | { ok: false; reason: SealRefusal }> {
  const match = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(sealed);
  if (!match) return { ok: false, reason: "malformed" };
  const [, payload, macText] = match;
  let mac: Uint8Array<ArrayBuffer>;
  try {
    mac = decodeBase64UrlStrict(macText);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!(await ring.verify(mac, new TextEncoder().encode(payload)))) {
    return { ok: false, reason: "forged" };
  }
  let claim: Claim;
  try {
    claim = JSON.parse(new TextDecoder().decode(decodeBase64UrlStrict(payload)));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (claim.kind !== expected.kind) return { ok: false, reason: "other-mechanism" };
  if (typeof claim.exp !== "number" || claim.exp <= expected.now) {
    return { ok: false, reason: "expired" };
  }
  if (claim.tool !== expected.tool) return { ok: false, reason: "other-tool" };
  if (claim.args !== expected.args) return { ok: false, reason: "other-arguments" };
  if (claim.principal !== expected.principal) return { ok: false, reason: "other-caller" };
  return { ok: true, claim };
}

function encodeBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
}

function decodeBase64UrlStrict(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
