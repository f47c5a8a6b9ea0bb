/**
 * Building oidc mode: check the settings, fetch the identity provider's discovery document, open
 * the client registry, generate this process's signing and sealing keys — all before the server
 * listens — and put the resource server and the OAuth endpoints together.
 *
 * @module
 */

import {
  type AuthDeps,
  type Authenticator,
  type AuthSettings,
  DEFAULT_AUTH_TUNING,
} from "../types.ts";
import type { StateEnv } from "../../config/state_dir.ts";
import { remoteJwksKeys } from "../jwt.ts";
import { CimdFetcher, type CimdOptions } from "./cimd.ts";
import { ClientResolver } from "./clients.ts";
import type { OidcContext } from "./context.ts";
import { discoverIdp, type IdpMetadata } from "./discovery.ts";
import { TokenSealer } from "./encryption.ts";
import { GrantStore } from "./grants.ts";
import { RedirectUriPolicy } from "./redirect_uris.ts";
import { createResourceAuthenticator } from "./resource.ts";
import { CALLBACK_PATH, createOAuthRouter, FORM_PATHS } from "./router.ts";
import { type ResolvedOidcSettings, resolveOidcSettings } from "./settings.ts";
import { ClientStore } from "./store.ts";
import { TokenSigner } from "./tokens.ts";
import { Transactions } from "./transactions.ts";
import { UPSTREAM_TIMEOUT_MS } from "./upstream.ts";

/** What oidc mode may additionally use (tests shrink or replace these). */
export interface OidcDeps {
  /** Decides the default store directory (default: the process environment). */
  env?: StateEnv;
  /** The client ID metadata document fetcher's resolver, address rule, trust and deadline. */
  cimd?: CimdOptions;
  /** Deadline of the discovery request, in milliseconds. */
  discoveryTimeoutMs?: number;
  /** Deadline of the code exchange at the identity provider, in milliseconds. */
  upstreamTimeoutMs?: number;
  /** Most registered clients kept. */
  maxClients?: number;
}

/** What the network guard must let through for the OAuth endpoints. */
export interface OAuthGuardRoutes {
  /** POST paths whose body is `application/x-www-form-urlencoded` (all others stay JSON). */
  formPaths: readonly string[];
  /** Origins that are this server's own (its public origin), accepted on every path. */
  ownOrigins: readonly string[];
  /** Extra origins accepted on one path only (the identity provider's, on the callback). */
  pathOrigins: Readonly<Record<string, readonly string[]>>;
}

/** The authenticator of oidc mode. */
export interface OidcAuthenticator extends Authenticator {
  readonly mode: "oidc";
  /** The OAuth endpoints: a response for their paths, undefined for every other path. */
  handleOAuthRequest(request: Request): Promise<Response | undefined>;
  /** What the network guard must let through for those endpoints. */
  readonly guardRoutes: OAuthGuardRoutes;
  /** The resolved settings. */
  readonly settings: ResolvedOidcSettings;
  /** What the identity provider's discovery document said. */
  readonly idp: IdpMetadata;
}

/**
 * Create the oidc authenticator. Everything that can fail does so here, before the server
 * listens.
 *
 * @throws {OidcSetupError} for unusable settings, an unusable discovery document or registry.
 */
export async function createOidcAuthenticator(
  settings: AuthSettings,
  deps: AuthDeps,
): Promise<OidcAuthenticator> {
  const oidcDeps = deps.oidc ?? {};
  const resolved = resolveOidcSettings(settings.oidc, oidcDeps.env);
  const now = deps.now ?? (() => Date.now());
  const fetchFn = deps.fetch ?? fetch;
  const idp = await discoverIdp(resolved, {
    fetch: fetchFn,
    timeoutMs: oidcDeps.discoveryTimeoutMs,
  });
  const store = await ClientStore.open(resolved.storeDir, { now, maxClients: oidcDeps.maxClients });
  const redirects = new RedirectUriPolicy(resolved.allowedRedirectUris);
  const tuning = { ...DEFAULT_AUTH_TUNING, ...deps.tuning };
  const ctx: OidcContext = {
    settings: resolved,
    idp,
    idpKeys: remoteJwksKeys(new URL(idp.jwksUri), tuning, deps.fetch),
    store,
    clients: new ClientResolver(store, new CimdFetcher(redirects, { now, ...oidcDeps.cimd })),
    redirects,
    transactions: new Transactions(now),
    grants: new GrantStore(now),
    signer: await TokenSigner.create({
      issuer: resolved.baseUrl,
      audience: resolved.resource,
      ttlSeconds: resolved.tokenTtlSeconds,
    }),
    sealer: await TokenSealer.create(),
    logger: deps.logger,
    now,
    fetch: fetchFn,
    upstreamTimeoutMs: oidcDeps.upstreamTimeoutMs ?? UPSTREAM_TIMEOUT_MS,
  };
  const authenticate = createResourceAuthenticator(ctx);
  const router = createOAuthRouter(ctx);
  const guardRoutes: OAuthGuardRoutes = Object.freeze({
    formPaths: FORM_PATHS,
    ownOrigins: Object.freeze([resolved.baseUrl]),
    pathOrigins: Object.freeze({ [CALLBACK_PATH]: idp.origins }),
  });
  return {
    mode: "oidc",
    authenticate,
    handleOAuthRequest: router,
    guardRoutes,
    settings: resolved,
    idp,
  };
}
