/**
 * Grants and the credentials issued from them, all in memory:
 *
 * - a grant is one user's approval for one client (subject, scopes, the identity provider's
 *   tokens sealed); it ends when revoked or after {@linkcode GRANT_MAX_AGE_SECONDS};
 * - authorization codes: random, stored hashed, single-use, short-lived, bound to client,
 *   redirect URI and PKCE challenge. A code presented again revokes its grant, and with it every
 *   token issued from it;
 * - refresh tokens: random, stored hashed, bound to the client, rotated on every use; the grant
 *   is their family, so presenting a rotated token again revokes the whole family;
 * - access tokens are JWTs; their `jti` is recorded so a token can be revoked on its own or with
 *   its grant, and a token this process did not record is never accepted.
 *
 * @module
 */

import { BoundedTtlCache } from "../cache.ts";
import { randomToken, sha256 } from "./crypto.ts";
import { verifyS256 } from "./pkce.ts";
import { GRANT_MAX_AGE_SECONDS, REFRESH_TTL_SECONDS, TRANSACTION_TTL_SECONDS } from "./settings.ts";

/** One user's approval for one client. */
export interface Grant {
  readonly id: string;
  readonly clientId: string;
  readonly sub: string;
  readonly scopes: readonly string[];
  /** The identity provider's tokens, sealed with {@linkcode TokenSealer} bound to `id`. */
  readonly upstream: string;
  readonly expiresAtMs: number;
  revoked: boolean;
}

interface CodeRecord {
  grantId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  resource?: string;
  expiresAtMs: number;
  used: boolean;
}

interface RefreshRecord {
  grantId: string;
  clientId: string;
  expiresAtMs: number;
  used: boolean;
}

interface AccessRecord {
  grantId: string;
  clientId: string;
  revoked: boolean;
}

/** Why a code or refresh token was refused: a fixed log reason. */
export type GrantRefusal = { ok: false; reason: string };

/** What a code is checked against at `/token`. */
export interface CodeRedemption {
  clientId: string;
  redirectUri: string;
  verifier: string;
}

/** Size limits of the grant store. */
export interface GrantLimits {
  grants: number;
  codes: number;
  refreshTokens: number;
  accessTokens: number;
}

/** The default {@linkcode GrantLimits}. */
export const DEFAULT_GRANT_LIMITS: Readonly<GrantLimits> = Object.freeze({
  grants: 10_000,
  codes: 10_000,
  refreshTokens: 50_000,
  accessTokens: 100_000,
});

/** Grants, codes, refresh tokens and issued access tokens. */
export class GrantStore {
  readonly #now: () => number;
  readonly #grants: BoundedTtlCache<Grant>;
  readonly #codes: BoundedTtlCache<CodeRecord>;
  readonly #refresh: BoundedTtlCache<RefreshRecord>;
  readonly #access: BoundedTtlCache<AccessRecord>;

  /** A store on the clock `now` (epoch milliseconds). */
  constructor(now: () => number = () => Date.now(), limits: GrantLimits = DEFAULT_GRANT_LIMITS) {
    this.#now = now;
    this.#grants = new BoundedTtlCache(limits.grants);
    this.#codes = new BoundedTtlCache(limits.codes);
    this.#refresh = new BoundedTtlCache(limits.refreshTokens);
    this.#access = new BoundedTtlCache(limits.accessTokens);
  }

  /** A new grant id (the binding of its sealed upstream tokens). */
  newGrantId(): string {
    return randomToken(16);
  }

  /** Record a grant created with {@linkcode newGrantId}. */
  addGrant(grant: Omit<Grant, "expiresAtMs" | "revoked">): Grant {
    const record: Grant = {
      ...grant,
      expiresAtMs: this.#now() + GRANT_MAX_AGE_SECONDS * 1000,
      revoked: false,
    };
    this.#grants.set(grant.id, record, record.expiresAtMs);
    return record;
  }

  /** The live (unrevoked, unexpired) grant `id`. */
  grant(id: string): Grant | undefined {
    const grant = this.#grants.get(id, this.#now());
    return grant && !grant.revoked ? grant : undefined;
  }

  /** Revoke grant `id`: its refresh tokens and access tokens stop working at once. */
  revokeGrant(id: string): void {
    const grant = this.#grants.get(id, this.#now());
    if (grant) grant.revoked = true;
  }

  /** Issue an authorization code for `grant`, living `ttlMs`. */
  issueCode(
    grant: Grant,
    binding: { redirectUri: string; codeChallenge: string; resource?: string },
    ttlMs: number,
  ): string {
    const code = randomToken(32);
    const now = this.#now();
    const record: CodeRecord = {
      grantId: grant.id,
      clientId: grant.clientId,
      ...binding,
      expiresAtMs: now + ttlMs,
      used: false,
    };
    // Kept past its expiry so that a replay is still recognised (and revokes the grant).
    this.#codes.set(sha256(code), record, now + Math.max(ttlMs, TRANSACTION_TTL_SECONDS * 1000));
    return code;
  }

  /**
   * Redeem `code`: the grant, or a refusal. A code presented by another client is refused and
   * left alone; a used code revokes its grant; a wrong PKCE verifier uses the code up.
   */
  redeemCode(code: string, attempt: CodeRedemption): { ok: true; grant: Grant } | GrantRefusal {
    const key = sha256(code);
    const record = this.#codes.get(key, this.#now());
    if (!record) return { ok: false, reason: "code_unknown" };
    if (record.clientId !== attempt.clientId) return { ok: false, reason: "code_other_client" };
    if (record.used) {
      this.revokeGrant(record.grantId);
      return { ok: false, reason: "code_replayed" };
    }
    if (this.#now() >= record.expiresAtMs) {
      this.#codes.delete(key);
      return { ok: false, reason: "code_expired" };
    }
    if (record.redirectUri !== attempt.redirectUri) {
      return { ok: false, reason: "code_redirect_uri_mismatch" };
    }
    if (!verifyS256(attempt.verifier, record.codeChallenge)) {
      this.#codes.delete(key);
      return { ok: false, reason: "pkce_verifier_mismatch" };
    }
    record.used = true;
    const grant = this.grant(record.grantId);
    if (!grant) return { ok: false, reason: "grant_revoked" };
    return { ok: true, grant };
  }

  /** The `resource` a code was bound to at `/authorize`, if any (for the `/token` check). */
  codeResource(code: string): string | undefined {
    return this.#codes.get(sha256(code), this.#now())?.resource;
  }

  /** Issue a refresh token in `grant`'s family. */
  issueRefreshToken(grant: Grant): string {
    const token = randomToken(32);
    const expiresAtMs = Math.min(this.#now() + REFRESH_TTL_SECONDS * 1000, grant.expiresAtMs);
    this.#refresh.set(
      sha256(token),
      { grantId: grant.id, clientId: grant.clientId, expiresAtMs, used: false },
      grant.expiresAtMs,
    );
    return token;
  }

  /**
   * Use up refresh token `token` of `clientId`: its grant, or a refusal. Presenting a rotated
   * (used) token again revokes the whole family. `scopes`, when given, must be among the grant's
   * (else `scope_exceeds_grant`, and the token stays usable).
   */
  useRefreshToken(
    token: string,
    clientId: string,
    scopes?: readonly string[],
  ): { ok: true; grant: Grant } | GrantRefusal {
    const record = this.#refresh.get(sha256(token), this.#now());
    if (!record) return { ok: false, reason: "refresh_unknown" };
    if (record.clientId !== clientId) return { ok: false, reason: "refresh_other_client" };
    if (record.used) {
      this.revokeGrant(record.grantId);
      return { ok: false, reason: "refresh_reused" };
    }
    if (this.#now() >= record.expiresAtMs) return { ok: false, reason: "refresh_expired" };
    const grant = this.grant(record.grantId);
    if (!grant) return { ok: false, reason: "grant_revoked" };
    if (scopes && !scopes.every((scope) => grant.scopes.includes(scope))) {
      return { ok: false, reason: "scope_exceeds_grant" };
    }
    record.used = true;
    return { ok: true, grant };
  }

  /**
   * Revoke the family of refresh token `token` when `clientId` owns it. `unknown` for a token
   * that is not (or no longer) known.
   */
  revokeRefreshToken(token: string, clientId: string): "revoked" | "unknown" | "not_owner" {
    const record = this.#refresh.get(sha256(token), this.#now());
    if (!record) return "unknown";
    if (record.clientId !== clientId) return "not_owner";
    this.revokeGrant(record.grantId);
    return "revoked";
  }

  /** Record an access token issued from `grant`, valid until `expSeconds`. */
  recordAccessToken(jti: string, grant: Grant, expSeconds: number): void {
    this.#access.set(
      jti,
      { grantId: grant.id, clientId: grant.clientId, revoked: false },
      expSeconds * 1000,
    );
  }

  /** Whether access token `jti` may be used: `active`, `revoked`, or `unknown`. */
  accessTokenState(jti: string): "active" | "revoked" | "unknown" {
    const record = this.#access.get(jti, this.#now());
    if (!record) return "unknown";
    if (record.revoked || !this.grant(record.grantId)) return "revoked";
    return "active";
  }

  /** Put access token `jti` on the deny list (until it expires) when `clientId` owns it. */
  revokeAccessToken(jti: string, clientId: string): "revoked" | "unknown" | "not_owner" {
    const record = this.#access.get(jti, this.#now());
    if (!record) return "unknown";
    if (record.clientId !== clientId) return "not_owner";
    record.revoked = true;
    return "revoked";
  }
}
