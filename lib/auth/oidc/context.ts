/**
 * Everything the oidc endpoints share, built once at startup, and the one way they log a
 * refusal (endpoint and a fixed reason; never a code, token, secret, verifier or cookie).
 *
 * @module
 */

import type { JWTVerifyGetKey } from "jose";
import type { Logger } from "../../log.ts";
import type { ClientResolver } from "./clients.ts";
import type { IdpMetadata } from "./discovery.ts";
import type { TokenSealer } from "./encryption.ts";
import type { GrantStore } from "./grants.ts";
import type { RedirectUriPolicy } from "./redirect_uris.ts";
import type { ResolvedOidcSettings } from "./settings.ts";
import type { ClientStore } from "./store.ts";
import type { TokenSigner } from "./tokens.ts";
import type { Transactions } from "./transactions.ts";

/** The shared state of oidc mode. */
export interface OidcContext {
  settings: ResolvedOidcSettings;
  idp: IdpMetadata;
  /** The identity provider's signing keys (outages throw `JwksUnavailableError`). */
  idpKeys: JWTVerifyGetKey;
  store: ClientStore;
  clients: ClientResolver;
  redirects: RedirectUriPolicy;
  transactions: Transactions;
  grants: GrantStore;
  signer: TokenSigner;
  sealer: TokenSealer;
  logger: Logger;
  /** Clock in epoch milliseconds. */
  now: () => number;
  /** HTTP client for the identity provider's token endpoint. */
  fetch: typeof fetch;
  /** Deadline of a request to the identity provider's token endpoint, in milliseconds. */
  upstreamTimeoutMs: number;
}

/** Log a refused OAuth request: the endpoint and a fixed reason only. */
export function logRefusal(ctx: OidcContext, endpoint: string, reason: string): void {
  ctx.logger.warn("oauth request refused", { endpoint, reason });
}
