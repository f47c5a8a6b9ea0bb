/**
 * A real OpenID provider for end-to-end tests: `npm:oidc-provider` (a certified OpenID Connect
 * implementation), served over real HTTP on a random loopback port inside the test process.
 *
 * What it is set up with:
 *
 * - **Issuer** `http://127.0.0.1:<port>`, discovery at `/.well-known/openid-configuration`, an
 *   RS256 signing key generated per start (published at `jwks_uri`).
 * - **The server's client** ({@linkcode TestIdp.client}): a confidential client (random id and
 *   secret) with redirect URI `<server BASE_URL>/auth/callback`, grant types
 *   `authorization_code` + `refresh_token`, response type `code`, client authentication
 *   `client_secret_basic` (or `client_secret_post`, see {@linkcode IdpOptions.authMethod}). PKCE
 *   is accepted (S256 is the only method oidc-provider 9 knows) and enforced when the request
 *   carries a challenge. Refresh tokens are issued to it even without `offline_access`.
 * - **Resource indicators (RFC 8707)**: every absolute URI is a resource server whose access
 *   tokens are JWTs (`typ: at+jwt`, RS256) with `aud` = the indicator, scopes limited to
 *   {@linkcode RESOURCE_SCOPES}. When a request names no resource, the configured audience is used,
 *   so a proxy that only sends `audience=` still gets JWT access tokens for it.
 * - **A resource-server test client** ({@linkcode TestIdp.accessToken}): a second confidential
 *   client with the `client_credentials` grant, for minting IdP-issued access tokens directly —
 *   with or without a scope and for any audience — to test resource-server mode.
 * - **One fixed account** ({@linkcode IDP_USER}) returned by `findAccount`.
 * - **Interactions without a browser**: the development interaction pages are off; instead
 *   `GET /interaction/:uid` logs the test user in (prompt `login`) and grants every requested
 *   scope, claim and resource scope (prompt `consent`), each answered with a 303 back to
 *   oidc-provider. So a `fetch` with a cookie jar, or a headless browser, passes through the IdP by
 *   following redirects. {@linkcode TestIdp.denyNext} makes the next interaction end in
 *   `access_denied` instead, to test how the caller handles an IdP error;
 *   {@linkcode TestIdp.setJwksDown} makes its JWKS endpoint fail, to test a key outage.
 * - **A record of every token response** ({@linkcode TestIdp.issued}): each access, refresh and
 *   ID token the IdP's token endpoint handed out, so a test can prove none of them ever reaches a
 *   client of the proxy.
 *
 * {@linkcode startOidcStack} puts the real server process (oidc mode, `OIDCPROXY_*` pointing at
 * this IdP) in front of it, against a simulated tenant.
 *
 * @module
 */

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";
import { freePort } from "./oauth_client.ts";
import { emptyDir, type ServerProcess, startHttpServer } from "./server_process.ts";
import { startTestSim, type TestSim } from "./sim.ts";

/** The fixed end user every login signs in as. */
export const IDP_USER = Object.freeze({
  sub: "idp-user-7f3a",
  email: "alice@example.test",
  name: "Alice Example",
});

/** The scopes any resource server at this IdP may grant. */
export const RESOURCE_SCOPES = ["mcp:tools", "mcp:admin", "other:scope"] as const;

/** A client registered at the IdP. */
export interface IdpClient {
  clientId: string;
  clientSecret: string;
}

/** What the IdP's token endpoint returned once. */
export interface IssuedTokens {
  access_token?: string;
  refresh_token?: string;
  id_token?: string;
}

/** Options of {@linkcode startTestIdp}. */
export interface IdpOptions {
  /** The proxy server's public origin; its client's redirect URI is `<baseUrl>/auth/callback`. */
  serverBaseUrl: string;
  /** The resource (audience) used when a request names none. */
  audience: string;
  /** How the server's client authenticates at the token endpoint (default client_secret_basic). */
  authMethod?: "client_secret_basic" | "client_secret_post";
  /** Lifetime of IdP access tokens in seconds (default 600). */
  accessTokenTtl?: number;
}

/** A running provider. */
export interface TestIdp {
  /** `http://127.0.0.1:<port>` — also the `iss` of everything it signs. */
  issuer: string;
  /** The discovery document URL (what `OIDCPROXY_CONFIG_URL` points at). */
  configUrl: string;
  /** The server's client at this IdP. */
  client: IdpClient;
  /**
   * An IdP-issued access token (client credentials grant of the resource-server test client) for
   * `resource` (default: the configured audience) with exactly `scope` (space-separated; may be
   * empty).
   */
  accessToken(options?: { scope?: string; resource?: string }): Promise<string>;
  /** Every token response the token endpoint sent, oldest first. */
  issued(): readonly IssuedTokens[];
  /** Requests answered by the token endpoint so far. */
  tokenRequests(): number;
  /** The next interaction ends with `error=access_denied` instead of a login. */
  denyNext(): void;
  /** While true, the JWKS endpoint answers 503 (an outage of the IdP's keys). */
  setJwksDown(down: boolean): void;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** The small part of oidc-provider's API these tests use (the package ships no types). */
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: GrantClass;
  on(event: string, listener: (...args: unknown[]) => void): void;
}

interface InteractionDetails {
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  session?: { accountId?: string };
  grantId?: string;
}

interface GrantInstance {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}

interface GrantClass {
  new (init: { accountId?: string; clientId: unknown }): GrantInstance;
  find(id: string): Promise<GrantInstance | undefined>;
}

const ProviderClass = Provider as unknown as new (
  issuer: string,
  configuration: Record<string, unknown>,
) => OidcProvider;

function randomToken(bytes = 24): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw)).replace(/=+$/, "").replace(/\+/g, "-").replace(
    /\//g,
    "_",
  );
}

/** Starts the provider on `127.0.0.1`, on a random port. */
export async function startTestIdp(options: IdpOptions): Promise<TestIdp> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: randomToken(8), use: "sig" };

  const client: IdpClient = {
    clientId: `zscaler-mcp-${randomToken(6)}`,
    clientSecret: randomToken(32),
  };
  const resourceTester: IdpClient = {
    clientId: `rs-tester-${randomToken(6)}`,
    clientSecret: randomToken(32),
  };
  const accessTokenTtl = options.accessTokenTtl ?? 600;

  const provider = new ProviderClass(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [`${options.serverBaseUrl}/auth/callback`],
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: options.authMethod ?? "client_secret_basic",
      },
      {
        client_id: resourceTester.clientId,
        client_secret: resourceTester.clientSecret,
        redirect_uris: [],
        grant_types: ["client_credentials"],
        response_types: [],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomToken(32)] },
    claims: { openid: ["sub"], email: ["email"], profile: ["name"] },
    scopes: ["openid", "offline_access", "email", "profile"],
    findAccount(_ctx: unknown, id: string) {
      if (id !== IDP_USER.sub) return undefined;
      return { accountId: id, claims: () => ({ ...IDP_USER }) };
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx: unknown, _client: unknown, oneOf?: string[]) =>
          oneOf ?? options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: RESOURCE_SCOPES.join(" "),
          audience: resource,
          accessTokenFormat: "jwt",
          accessTokenTTL: accessTokenTtl,
          jwt: { sign: { alg: "RS256" } },
        }),
      },
    },
    issueRefreshToken: (_ctx: unknown, idpClient: { grantTypeAllowed(type: string): boolean }) =>
      idpClient.grantTypeAllowed("refresh_token"),
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      ClientCredentials: accessTokenTtl,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      RefreshToken: 86_400,
      Session: 3600,
    },
    renderError(ctx: { type: string; body: string }, out: Record<string, string>) {
      ctx.type = "text/plain";
      ctx.body = `idp error: ${out.error}`;
    },
  });

  let denyNext = false;
  let jwksDown = false;
  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (denyNext) {
      denyNext = false;
      await provider.interactionFinished(req, res, {
        error: "access_denied",
        error_description: "the test user declined",
      }, { mergeWithLastSubmission: false });
      return;
    }
    if (details.prompt.name === "login") {
      await provider.interactionFinished(req, res, { login: { accountId: IDP_USER.sub } }, {
        mergeWithLastSubmission: false,
      });
      return;
    }
    const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
      new provider.Grant({
        accountId: details.session?.accountId,
        clientId: details.params.client_id,
      });
    const missing = details.prompt.details;
    const oidcScope = missing.missingOIDCScope as string[] | undefined;
    if (oidcScope) grant.addOIDCScope(oidcScope.join(" "));
    const claims = missing.missingOIDCClaims as string[] | undefined;
    if (claims) grant.addOIDCClaims(claims);
    const resourceScopes = missing.missingResourceScopes as Record<string, string[]> | undefined;
    for (const [resource, scopes] of Object.entries(resourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes.join(" "));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, {
      mergeWithLastSubmission: true,
    });
  }

  const issued: IssuedTokens[] = [];
  let tokenRequests = 0;
  const callback = provider.callback();
  handler = (req, res) => {
    const path = new URL(req.url ?? "/", issuer).pathname;
    if (jwksDown && path === "/jwks") {
      res.statusCode = 503;
      res.end("unavailable");
      return;
    }
    if (req.method === "GET" && path.startsWith("/interaction/")) {
      interaction(req, res).catch(() => {
        if (!res.headersSent) res.statusCode = 400;
        res.end("interaction failed");
      });
      return;
    }
    if (path === "/token") {
      tokenRequests++;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        const chunk = args[0];
        if (typeof chunk === "string" || chunk instanceof Uint8Array) {
          try {
            const body = JSON.parse(
              typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk),
            );
            if (body.access_token || body.refresh_token || body.id_token) {
              issued.push({
                access_token: body.access_token,
                refresh_token: body.refresh_token,
                id_token: body.id_token,
              });
            }
          } catch {
            // not JSON: an error page
          }
        }
        return end(...args);
      }) as typeof res.end;
    }
    callback(req, res);
  };

  return {
    issuer,
    configUrl: `${issuer}/.well-known/openid-configuration`,
    client,
    async accessToken({ scope = RESOURCE_SCOPES[0], resource = options.audience } = {}) {
      const response = await fetch(`${issuer}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: resourceTester.clientId,
          client_secret: resourceTester.clientSecret,
          resource,
          ...(scope ? { scope } : {}),
        }),
      });
      const body = await response.json();
      if (!response.ok || typeof body.access_token !== "string") {
        throw new Error(`IdP token request failed: ${response.status} ${JSON.stringify(body)}`);
      }
      return body.access_token;
    },
    issued: () => issued,
    tokenRequests: () => tokenRequests,
    denyNext() {
      denyNext = true;
    },
    setJwksDown(down) {
      jwksDown = down;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The audience IdP access tokens carry for this server (`OIDCPROXY_AUDIENCE` in the stacks). */
export const TEST_AUDIENCE = "https://zscaler-mcp.test/api";

/** The scope every client token must hold (`OIDCPROXY_REQUIRED_SCOPES` in the stacks). */
export const REQUIRED_SCOPE = "mcp:tools";

/** The server in oidc mode in front of a {@linkcode TestIdp}, against a simulated tenant. */
export interface OidcStack {
  idp: TestIdp;
  sim: TestSim;
  /** The running server process (replaced by {@linkcode OidcStack.restart}). */
  readonly server: ServerProcess;
  /** `OIDCPROXY_BASE_URL`: `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** `<baseUrl>/mcp`. */
  mcpUrl: string;
  /** `OIDCPROXY_STORE_DIR`. */
  storeDir: string;
  /** The variables the server runs with. */
  env: Record<string, string>;
  /** What every server process of this stack wrote to stderr, restarts included. */
  log(): string;
  /** Stops the server and starts it again on the same port and store, with `env` added. */
  restart(env?: Record<string, string>): Promise<void>;
  /** Stops everything. */
  close(): Promise<void>;
}

/**
 * Starts a simulator, an IdP and the real server process with `ZSCALER_MCP_AUTH_MODE=oidc` on a
 * port chosen beforehand (BASE_URL and the IdP's redirect URI need it before the server listens).
 */
export async function startOidcStack(
  options: { env?: Record<string, string> } = {},
): Promise<OidcStack> {
  const port = freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const idp = await startTestIdp({ serverBaseUrl: baseUrl, audience: TEST_AUDIENCE });
  const sim = await startTestSim();
  const storeDir = `${emptyDir()}/oauth`;
  const env: Record<string, string> = {
    ...sim.env,
    ZSCALER_MCP_AUTH_MODE: "oidc",
    OIDCPROXY_CONFIG_URL: idp.configUrl,
    OIDCPROXY_BASE_URL: baseUrl,
    OIDCPROXY_CLIENT_ID: idp.client.clientId,
    OIDCPROXY_CLIENT_SECRET: idp.client.clientSecret,
    OIDCPROXY_AUDIENCE: TEST_AUDIENCE,
    OIDCPROXY_REQUIRED_SCOPES: REQUIRED_SCOPE,
    OIDCPROXY_STORE_DIR: storeDir,
    ...options.env,
  };
  const start = (extra: Record<string, string> = {}) =>
    startHttpServer(["--port", String(port)], { ...env, ...extra });
  let server: ServerProcess;
  let earlier = "";
  try {
    server = await start();
  } catch (error) {
    await idp.close();
    await sim.close();
    throw error;
  }
  return {
    idp,
    sim,
    get server() {
      return server;
    },
    baseUrl,
    mcpUrl: `${baseUrl}/mcp`,
    storeDir,
    env,
    log: () => earlier + server.stderr(),
    async restart(extra = {}) {
      earlier += (await server.stop()).stderr;
      server = await start(extra);
    },
    async close() {
      await server.stop();
      await idp.close();
      await sim.close();
    },
  };
}
