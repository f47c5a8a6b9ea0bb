/**
 * Test helpers for oidc mode: a small OpenID provider on loopback (discovery, JWKS, a token
 * endpoint that checks client authentication, the redirect URI and PKCE, and signs ID and access
 * tokens), and a driver that walks a client through `/authorize` → consent → decision → IdP →
 * `/auth/callback` → `/token` with real Requests and the cookies a browser would carry.
 *
 * @module
 */

import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { createHash } from "node:crypto";
import type { AuthDeps, AuthSettings } from "../../../lib/auth/types.ts";
import { Secret } from "../../../lib/config/secret.ts";
import {
  createOidcAuthenticator,
  type OidcAuthenticator,
  type OidcSettings,
} from "../../../lib/auth/oidc/mod.ts";
import { SCRATCH } from "../../helpers/server_process.ts";
import { type CapturedLogger, captureLogger } from "../helpers.ts";

/** The public origin used by tests that never listen (router calls with Request objects). */
export const BASE = "https://mcp.example.test";
/** Scope every token must hold in these tests. */
export const SCOPE = "mcp:tools";
/** The audience IdP-issued access tokens carry for this server. */
export const AUDIENCE = "https://api.example.test/mcp";

/** What the fake IdP's token endpoint saw. */
export interface TokenCall {
  authorization: string | null;
  form: URLSearchParams;
}

/** Options of {@linkcode startFakeIdp}. */
export interface FakeIdpOptions {
  /** Replace or add discovery fields (a value of `undefined` removes the field). */
  discovery?: Record<string, unknown>;
  /** This server's client at the IdP. */
  clientId?: string;
  clientSecret?: string;
  /** The `scope` the token endpoint answers with (default: none, i.e. as requested). */
  grantedScope?: string;
}

/** A running fake IdP. */
export interface FakeIdp {
  issuer: string;
  configUrl: string;
  clientId: string;
  clientSecret: string;
  /** Token endpoint calls, oldest first. */
  tokenCalls: TokenCall[];
  /** Every token the token endpoint handed out (access, refresh and ID tokens). */
  issued: string[];
  /** Sign an access token as the IdP (iss, exp, iat defaulted). */
  accessToken(claims?: JWTPayload): Promise<string>;
  /**
   * Act as the IdP for an authorization request URL this server redirected to: remember the
   * request and answer with the callback URL (code, state, iss), or an error.
   */
  authorize(
    url: string,
    options?: { error?: string; sub?: string; idToken?: JWTPayload; iss?: string | null },
  ): string;
  /** Make the JWKS endpoint answer 503. */
  setJwksDown(down: boolean): void;
  close(): Promise<void>;
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** Start the fake IdP on 127.0.0.1. */
export async function startFakeIdp(options: FakeIdpOptions = {}): Promise<FakeIdp> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...await exportJWK(publicKey), kid: "idp-1", alg: "RS256", use: "sig" };
  const clientId = options.clientId ?? "zscaler-mcp-at-idp";
  const clientSecret = options.clientSecret ?? "idp-secret-" + crypto.randomUUID();
  const codes = new Map<
    string,
    { redirectUri: string; challenge: string; nonce: string; sub: string; idToken: JWTPayload }
  >();
  const tokenCalls: TokenCall[] = [];
  const issued: string[] = [];
  let jwksDown = false;
  let issuer = "";

  const sign = (claims: JWTPayload) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: issuer, iat: now, exp: now + 600, ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "idp-1", typ: "JWT" })
      .sign(privateKey);
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const path = new URL(request.url).pathname;
    if (path === "/.well-known/openid-configuration") {
      const doc: Record<string, unknown> = {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        grant_types_supported: ["authorization_code", "refresh_token"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        id_token_signing_alg_values_supported: ["RS256"],
        scopes_supported: ["openid", "offline_access", SCOPE],
        authorization_response_iss_parameter_supported: true,
      };
      for (const [name, value] of Object.entries(options.discovery ?? {})) {
        if (value === undefined) delete doc[name];
        else doc[name] = value;
      }
      return Response.json(doc);
    }
    if (path === "/jwks") {
      return jwksDown ? new Response("down", { status: 503 }) : Response.json({ keys: [jwk] });
    }
    if (path === "/token" && request.method === "POST") {
      const form = new URLSearchParams(await request.text());
      const authorization = request.headers.get("authorization");
      tokenCalls.push({ authorization, form });
      const basic = `Basic ${btoa(`${clientId}:${clientSecret}`)}`;
      const authenticated = authorization === basic ||
        (form.get("client_id") === clientId && form.get("client_secret") === clientSecret);
      if (!authenticated) return Response.json({ error: "invalid_client" }, { status: 401 });
      const code = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      if (
        !code || code.redirectUri !== form.get("redirect_uri") ||
        s256(form.get("code_verifier") ?? "") !== code.challenge
      ) {
        return Response.json({ error: "invalid_grant" }, { status: 400 });
      }
      const body: Record<string, unknown> = {
        access_token: await sign({ sub: code.sub, aud: AUDIENCE, scope: SCOPE }),
        token_type: "Bearer",
        expires_in: 600,
        refresh_token: "idp-refresh-" + crypto.randomUUID(),
        id_token: await sign({ sub: code.sub, aud: clientId, nonce: code.nonce, ...code.idToken }),
      };
      if (options.grantedScope !== undefined) body.scope = options.grantedScope;
      issued.push(
        body.access_token as string,
        body.refresh_token as string,
        body.id_token as string,
      );
      return Response.json(body);
    }
    return new Response("not found", { status: 404 });
  });
  issuer = `http://127.0.0.1:${server.addr.port}`;

  return {
    issuer,
    configUrl: `${issuer}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    tokenCalls,
    issued,
    accessToken: (claims = {}) => sign({ sub: "alice", aud: AUDIENCE, scope: SCOPE, ...claims }),
    authorize(url, { error, sub = "alice", idToken = {}, iss } = {}) {
      const request = new URL(url);
      const q = request.searchParams;
      const callback = new URL(q.get("redirect_uri")!);
      if (error) callback.searchParams.set("error", error);
      else {
        const code = crypto.randomUUID();
        codes.set(code, {
          redirectUri: q.get("redirect_uri")!,
          challenge: q.get("code_challenge")!,
          nonce: q.get("nonce")!,
          sub,
          idToken,
        });
        callback.searchParams.set("code", code);
      }
      callback.searchParams.set("state", q.get("state")!);
      if (iss !== null) callback.searchParams.set("iss", iss ?? issuer);
      return callback.href;
    },
    setJwksDown: (down) => jwksDown = down,
    close: () => server.shutdown(),
  };
}

/** oidc settings pointing at `idp`, with `overrides`. */
export function oidcSettings(idp: FakeIdp, overrides: Partial<OidcSettings> = {}): AuthSettings {
  return {
    mode: "oidc",
    algorithms: [],
    oidc: {
      configUrl: idp.configUrl,
      baseUrl: BASE,
      clientId: idp.clientId,
      clientSecret: new Secret(idp.clientSecret),
      audience: AUDIENCE,
      requiredScopes: [SCOPE],
      storeDir: `${Deno.makeTempDirSync({ dir: SCRATCH })}/oauth`,
      ...overrides,
    },
  };
}

/** A clock tests move by hand. */
export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

/** A clock starting at the real time. */
export function testClock(): TestClock {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => offset += ms };
}

/** An oidc authenticator against `idp`, with a captured logger and a test clock. */
export async function setup(
  idp: FakeIdp,
  overrides: Partial<OidcSettings> = {},
  deps: Partial<AuthDeps> = {},
): Promise<{ auth: OidcAuthenticator; logger: CapturedLogger; clock: TestClock }> {
  const logger = captureLogger();
  const clock = testClock();
  const auth = await createOidcAuthenticator(oidcSettings(idp, overrides), {
    logger,
    now: clock.now,
    ...deps,
  });
  return { auth, logger, clock };
}

/** Call the OAuth router; it must answer. */
export async function call(
  auth: OidcAuthenticator,
  path: string,
  init: RequestInit & { cookie?: string } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  const response = await auth.handleOAuthRequest(
    new Request(new URL(path, BASE), { ...init, headers }),
  );
  if (!response) throw new Error(`no answer for ${path}`);
  return response;
}

/** POST a form to the router. */
export function postForm(
  auth: OidcAuthenticator,
  path: string,
  fields: Record<string, string>,
  init: { cookie?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return call(auth, path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...init.headers },
    body: new URLSearchParams(fields),
    cookie: init.cookie,
  });
}

/** A registration answer. */
export interface RegisteredClient {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  token_endpoint_auth_method?: string;
  [field: string]: unknown;
}

/** Register a client through `/register`. */
export async function register(
  auth: OidcAuthenticator,
  metadata: Record<string, unknown> = {},
): Promise<RegisteredClient> {
  const response = await call(auth, "/register", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_name: "unit test client",
      redirect_uris: ["http://127.0.0.1:7777/callback"],
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      ...metadata,
    }),
  });
  if (response.status !== 201) {
    throw new Error(`registration failed: ${response.status} ${await response.text()}`);
  }
  return await response.json();
}

/** A PKCE pair. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = crypto.randomUUID() + crypto.randomUUID();
  return { verifier, challenge: s256(verifier) };
}

/** The `name=value` of every cookie a response sets (attributes dropped). */
export function cookiesOf(response: Response): string {
  return response.headers.getSetCookie().map((line) => line.split(";", 1)[0]).join("; ");
}

/** The value of hidden input `name` on a page. */
export function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden ${name}`);
  return match[1];
}

/** The authorization request parameters for `client` (overridable). */
export function authorizeQuery(
  client: { client_id: string; redirect_uris: string[] },
  challenge: string,
  overrides: Record<string, string | undefined> = {},
): string {
  const params: Record<string, string | undefined> = {
    response_type: "code",
    client_id: client.client_id,
    redirect_uri: client.redirect_uris[0],
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "client-state-1",
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) query.set(name, value);
  }
  return `/authorize?${query}`;
}

/** The consent page of an authorization request, with its form fields and the CSRF cookie. */
export async function consent(
  auth: OidcAuthenticator,
  query: string,
): Promise<{ response: Response; html: string; txn: string; csrf: string; cookie: string }> {
  const response = await call(auth, query);
  const html = await response.clone().text();
  if (response.status !== 200) throw new Error(`no consent page: ${response.status} ${html}`);
  return {
    response,
    html,
    txn: hidden(html, "txn"),
    csrf: hidden(html, "csrf"),
    cookie: cookiesOf(response),
  };
}

/**
 * The whole front channel for `client`: consent, approve, the IdP, the callback. Returns the
 * redirect back to the client (its URL), the verifier, and each hop's response.
 */
export async function authorizeFlow(
  auth: OidcAuthenticator,
  idp: FakeIdp,
  client: { client_id: string; redirect_uris: string[] },
  options: {
    overrides?: Record<string, string | undefined>;
    idp?: Parameters<FakeIdp["authorize"]>[1];
  } = {},
): Promise<{ back: URL; verifier: string; upstream: URL }> {
  const { verifier, challenge } = pkcePair();
  const page = await consent(auth, authorizeQuery(client, challenge, options.overrides));
  const decided = await postForm(auth, "/authorize/decision", {
    txn: page.txn,
    csrf: page.csrf,
    decision: "approve",
  }, { cookie: page.cookie });
  if (decided.status !== 302) {
    throw new Error(`decision: ${decided.status} ${await decided.text()}`);
  }
  const upstream = new URL(decided.headers.get("location")!);
  const callbackUrl = new URL(idp.authorize(upstream.href, options.idp));
  const callback = await call(auth, callbackUrl.pathname + callbackUrl.search, {
    cookie: cookiesOf(decided).split("; ").filter((c) => c.includes("signin")).join("; "),
  });
  if (callback.status !== 302) {
    throw new Error(`callback: ${callback.status} ${await callback.text()}`);
  }
  return { back: new URL(callback.headers.get("location")!), verifier, upstream };
}

/** Sign in fully: the front channel and the code redeemed. */
export async function signIn(
  auth: OidcAuthenticator,
  idp: FakeIdp,
  client: { client_id: string; redirect_uris: string[] },
): Promise<{ access_token: string; refresh_token: string; scope?: string; expires_in: number }> {
  const { back, verifier } = await authorizeFlow(auth, idp, client);
  const code = back.searchParams.get("code");
  if (!code) throw new Error(`no code: ${back}`);
  const response = await postForm(auth, "/token", {
    grant_type: "authorization_code",
    code,
    redirect_uri: client.redirect_uris[0],
    code_verifier: verifier,
    client_id: client.client_id,
  });
  if (response.status !== 200) {
    throw new Error(`token: ${response.status} ${await response.text()}`);
  }
  return await response.json();
}

/** A `/mcp` request with a bearer token. */
export function mcpRequest(token?: string): Request {
  return new Request(`${BASE}/mcp`, {
    method: "POST",
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}
