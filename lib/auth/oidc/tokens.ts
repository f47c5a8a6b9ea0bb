/**
 * This server's own access tokens: JWTs (RFC 9068 `at+jwt`) signed with an ES256 key generated
 * at startup that never leaves the process. Restarting the server therefore invalidates every
 * token it issued; clients sign in again (their registrations persist).
 *
 * @module
 */

import { generateKeyPair, type JWTPayload, jwtVerify, SignJWT } from "jose";
import { randomToken } from "./crypto.ts";

/** The one algorithm of this server's tokens. */
export const TOKEN_ALGORITHM = "ES256";
/** The JOSE `typ` of this server's access tokens (RFC 9068). */
export const TOKEN_TYPE = "at+jwt";

/** The claims of one access token to issue. */
export interface AccessTokenClaims {
  sub: string;
  client_id: string;
  scopes: readonly string[];
}

/** A signed token and the facts the grant store keeps about it. */
export interface IssuedToken {
  token: string;
  jti: string;
  /** Epoch seconds. */
  exp: number;
}

/** Signs and verifies this server's access tokens. */
export class TokenSigner {
  readonly #privateKey: CryptoKey;
  readonly #publicKey: CryptoKey;
  readonly #kid: string;
  readonly #issuer: string;
  readonly #audience: string;
  readonly #ttlSeconds: number;

  private constructor(
    keys: { privateKey: CryptoKey; publicKey: CryptoKey },
    options: { issuer: string; audience: string; ttlSeconds: number },
  ) {
    this.#privateKey = keys.privateKey;
    this.#publicKey = keys.publicKey;
    this.#kid = randomToken(12);
    this.#issuer = options.issuer;
    this.#audience = options.audience;
    this.#ttlSeconds = options.ttlSeconds;
  }

  /**
   * A signer with a fresh non-extractable ES256 key, issuing tokens from `issuer` for
   * `audience` that live `ttlSeconds`.
   */
  static async create(
    options: { issuer: string; audience: string; ttlSeconds: number },
  ): Promise<TokenSigner> {
    const keys = await generateKeyPair(TOKEN_ALGORITHM, { extractable: false });
    return new TokenSigner(keys, options);
  }

  /** Seconds a token lives. */
  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  /** The issuer (`iss`) of this server's tokens. */
  get issuer(): string {
    return this.#issuer;
  }

  /** Sign an access token at `nowMs`. */
  async issue(claims: AccessTokenClaims, nowMs: number): Promise<IssuedToken> {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + this.#ttlSeconds;
    const jti = randomToken(16);
    const payload: JWTPayload = { client_id: claims.client_id };
    if (claims.scopes.length > 0) payload.scope = claims.scopes.join(" ");
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: TOKEN_TYPE, kid: this.#kid })
      .setIssuer(this.#issuer)
      .setAudience(this.#audience)
      .setSubject(claims.sub)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.#privateKey);
    return { token, jti, exp };
  }

  /**
   * The payload of `token` when this server signed it and it is in force at `nowMs` (`iss`,
   * `aud`, `exp`, `typ` checked).
   *
   * @throws the jose error that says why not.
   */
  async verify(token: string, nowMs: number): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.#publicKey, {
      algorithms: [TOKEN_ALGORITHM],
      issuer: this.#issuer,
      audience: this.#audience,
      typ: TOKEN_TYPE,
      requiredClaims: ["exp", "iat", "jti", "sub", "client_id"],
      currentDate: new Date(nowMs),
    });
    return payload;
  }

  /**
   * Like {@linkcode verify}, but an expired token still verifies (for revocation, where an
   * expired token needs no action but must have been ours).
   */
  async verifyIgnoringExpiry(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.#publicKey, {
      algorithms: [TOKEN_ALGORITHM],
      issuer: this.#issuer,
      audience: this.#audience,
      typ: TOKEN_TYPE,
      requiredClaims: ["exp", "jti", "client_id"],
      currentDate: new Date(0),
    });
    return payload;
  }
}
