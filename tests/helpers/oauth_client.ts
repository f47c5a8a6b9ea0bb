/**
 * An OAuth 2.1 client for end-to-end tests of the server's authorization endpoints, built from
 * `fetch`, a real cookie jar (`npm:tough-cookie`) and a real HTML parser (`npm:htmlparser2`) —
 * what a browser does, step by step, without a browser:
 *
 * - {@linkcode Browser}: requests with cookies in and out, redirects followed by hand so a test
 *   can see (and stop at) every hop.
 * - {@linkcode discover}: RFC 9728 protected-resource metadata found from the 401 challenge of
 *   `/mcp`, then the RFC 8414 authorization-server metadata it names.
 * - {@linkcode OAuthTestClient}: registers itself (RFC 7591), runs `/authorize` → consent page →
 *   decision → IdP → callback → its redirect URI, redeems codes, refreshes and revokes.
 *
 * @module
 */

import { Parser } from "htmlparser2";
import { CookieJar } from "tough-cookie";

/** A request/response pair seen by {@linkcode Browser}. */
export interface Hop {
  method: string;
  url: string;
  status: number;
}

/** The end of a redirect chain: the URL reached and, unless stopped before it, its response. */
export interface Landing {
  url: URL;
  /** Absent when the chain was stopped at `url` without requesting it. */
  response?: Response;
}

/** Cookie-keeping HTTP client that never follows redirects on its own. */
export class Browser {
  /** The cookies, scoped by domain and path as a browser scopes them. */
  readonly jar: CookieJar = new CookieJar();
  /** Every request made, in order. */
  readonly hops: Hop[] = [];

  /** One request: the jar's cookies go out, `Set-Cookie` comes back in; no redirect follow. */
  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookies = await this.jar.getCookieString(target.href);
    if (cookies) headers.set("cookie", cookies);
    const response = await fetch(target, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      await this.jar.setCookie(line, target.href, { ignoreError: true });
    }
    this.hops.push({ method: init.method ?? "GET", url: target.href, status: response.status });
    return response;
  }

  /**
   * Follows `response`'s redirect chain (received for `from`) with GETs until a URL for which
   * `stop` is true (not requested), or a response that is not a redirect.
   */
  async follow(
    from: string | URL,
    response: Response,
    stop: (url: URL) => boolean = () => false,
    maxHops = 20,
  ): Promise<Landing> {
    let url = new URL(from);
    for (let hop = 0; hop < maxHops; hop++) {
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || location === null) {
        return { url, response };
      }
      await response.body?.cancel();
      url = new URL(location, url);
      if (stop(url)) return { url };
      response = await this.request(url);
    }
    throw new Error(`more than ${maxHops} redirects from ${from}`);
  }

  /** GETs `url` and follows its redirects like {@linkcode Browser.follow}. */
  async navigate(url: string | URL, stop?: (url: URL) => boolean): Promise<Landing> {
    const target = new URL(url);
    if (stop?.(target)) return { url: target };
    return this.follow(target, await this.request(target), stop);
  }
}

/** A form on an HTML page. */
export interface HtmlForm {
  method: string;
  /** Absolute action URL. */
  action: string;
  /** `<input>` names and values (hidden fields included). */
  fields: Record<string, string>;
  /** Submit buttons: name and value. */
  buttons: { name: string; value: string }[];
}

/** The forms of an HTML page, parsed with a real HTML parser. */
export function parseForms(html: string, pageUrl: string | URL): HtmlForm[] {
  const forms: HtmlForm[] = [];
  let current: HtmlForm | undefined;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === "form") {
        current = {
          method: (attributes.method ?? "get").toLowerCase(),
          action: new URL(attributes.action ?? "", pageUrl).href,
          fields: {},
          buttons: [],
        };
        forms.push(current);
      } else if (current && name === "input" && attributes.name !== undefined) {
        const type = (attributes.type ?? "text").toLowerCase();
        if (type === "submit") {
          current.buttons.push({ name: attributes.name, value: attributes.value ?? "" });
        } else current.fields[attributes.name] = attributes.value ?? "";
      } else if (current && name === "button" && attributes.name !== undefined) {
        const type = (attributes.type ?? "submit").toLowerCase();
        if (type === "submit") {
          current.buttons.push({ name: attributes.name, value: attributes.value ?? "" });
        }
      }
    },
    onclosetag(name) {
      if (name === "form") current = undefined;
    },
  }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return forms;
}

/**
 * The page's referrer policy as a browser applies it: the last valid token of the
 * `Referrer-Policy` header, overridden by a `<meta name="referrer">` in the document; the default
 * is `strict-origin-when-cross-origin`.
 */
export function referrerPolicy(headers: Headers, html: string): string {
  const known = new Set([
    "no-referrer",
    "no-referrer-when-downgrade",
    "same-origin",
    "origin",
    "strict-origin",
    "origin-when-cross-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
  ]);
  let policy = "strict-origin-when-cross-origin";
  for (const token of (headers.get("referrer-policy") ?? "").split(",")) {
    const value = token.trim().toLowerCase();
    if (known.has(value)) policy = value;
  }
  const parser = new Parser({
    onopentag(name, attributes) {
      const value = attributes.content?.trim().toLowerCase();
      if (name === "meta" && attributes.name?.toLowerCase() === "referrer" && value) {
        if (known.has(value)) policy = value;
      }
    },
  });
  parser.write(html);
  parser.end();
  return policy;
}

/**
 * The `Origin` header a browser sends with a form POST from `page` to `target` (Fetch standard,
 * "append a request Origin header"): `null` when the page's referrer policy withholds it.
 */
export function formPostOrigin(page: URL, target: URL, policy: string): string {
  const downgrade = page.protocol === "https:" && target.protocol !== "https:";
  switch (policy) {
    case "no-referrer":
      return "null";
    case "no-referrer-when-downgrade":
    case "strict-origin":
    case "strict-origin-when-cross-origin":
      return downgrade ? "null" : page.origin;
    case "same-origin":
      return page.origin === target.origin ? page.origin : "null";
    default:
      return page.origin;
  }
}

/** The form that posts to `/authorize/decision` on a consent page. */
export function decisionForm(html: string, pageUrl: string | URL): HtmlForm {
  const form = parseForms(html, pageUrl).find((f) =>
    new URL(f.action).pathname === "/authorize/decision"
  );
  if (!form) throw new Error(`no decision form on the consent page:\n${html}`);
  return form;
}

/**
 * What a person does in a browser with an authorization URL someone else built (mcp-remote): open
 * it, press `decision` on the consent page, and let the browser follow every redirect — through
 * the IdP and back — up to and including the client's redirect URI (unless `stop` says otherwise).
 */
export async function decideInBrowser(
  browser: Browser,
  authorizationUrl: string,
  decision: "approve" | "deny" = "approve",
  stop?: (url: URL) => boolean,
): Promise<Landing> {
  const page = await browser.request(authorizationUrl);
  const html = await page.text();
  if (page.status !== 200) {
    throw new Error(`expected the consent page, got ${page.status}: ${html}`);
  }
  const form = decisionForm(html, authorizationUrl);
  const button = form.buttons.find((b) => b.value === decision);
  if (!button) throw new Error(`no ${decision} button on the consent page`);
  const origin = formPostOrigin(
    new URL(authorizationUrl),
    new URL(form.action),
    referrerPolicy(page.headers, html),
  );
  const decided = await browser.request(form.action, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams({ ...form.fields, [button.name]: button.value }),
  });
  return browser.follow(form.action, decided, stop);
}

/** Base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/=+$/, "").replace(/\+/g, "-").replace(
    /\//g,
    "_",
  );
}

/** A random base64url string of `bytes` random bytes. */
export function randomString(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** An RFC 7636 verifier and its S256 challenge. */
export async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomString(32);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

/** The RFC 8414 metadata fields these tests use. */
export interface AuthServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  registration_endpoint: string;
  revocation_endpoint: string;
  [field: string]: unknown;
}

/** What discovery found. */
export interface Discovery {
  /** The `resource_metadata` URL from the 401 challenge. */
  resourceMetadataUrl: string;
  /** The RFC 9728 document. */
  resource: Record<string, unknown>;
  /** The RFC 8414 document of its first authorization server. */
  server: AuthServerMetadata;
}

/**
 * Discovery as an MCP client does it: an unauthenticated `POST /mcp` → 401 with
 * `resource_metadata` → RFC 9728 document → its `authorization_servers[0]` → RFC 8414 document at
 * `/.well-known/oauth-authorization-server` (path inserted before any issuer path).
 */
export async function discover(mcpUrl: string): Promise<Discovery> {
  const challenge = await fetch(mcpUrl, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
  });
  await challenge.body?.cancel();
  if (challenge.status !== 401) throw new Error(`expected 401 from /mcp, got ${challenge.status}`);
  const header = challenge.headers.get("www-authenticate") ?? "";
  const resourceMetadataUrl = header.match(/resource_metadata="([^"]+)"/)?.[1];
  if (!resourceMetadataUrl) throw new Error(`no resource_metadata in: ${header}`);
  const resource = await getJson(resourceMetadataUrl) as Record<string, unknown>;
  const servers = resource.authorization_servers;
  if (!Array.isArray(servers) || typeof servers[0] !== "string") {
    throw new Error(`no authorization_servers in ${JSON.stringify(resource)}`);
  }
  const issuer = new URL(servers[0]);
  const path = issuer.pathname === "/" ? "" : issuer.pathname;
  const server = await getJson(
    `${issuer.origin}/.well-known/oauth-authorization-server${path}`,
  ) as AuthServerMetadata;
  return { resourceMetadataUrl, resource, server };
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** An HTTP answer read to the end. */
export interface JsonAnswer {
  status: number;
  headers: Headers;
  // deno-lint-ignore no-explicit-any
  body: any;
}

async function answer(response: Response): Promise<JsonAnswer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

/** POSTs a JSON body to the registration endpoint. */
export async function postRegistration(
  meta: AuthServerMetadata,
  body: unknown,
): Promise<JsonAnswer> {
  return answer(
    await fetch(meta.registration_endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

/** The parameters of an authorization request (any may be left out or overridden). */
export type AuthorizeParams = Record<string, string | undefined>;

/** The outcome of an authorization run, read off the redirect to the client. */
export interface AuthorizationResult {
  /** The client redirect URI the chain ended at, with its query. */
  redirect: URL;
  /** `code`, or undefined when the redirect carries `error`. */
  code?: string;
  error?: string;
  state: string | null;
  iss: string | null;
  /** The PKCE verifier that belongs to this run's challenge. */
  verifier: string;
  /** The browser that ran it (its cookies, its hops). */
  browser: Browser;
}

/** The consent page reached by an authorization request. */
export interface ConsentPage {
  response: Response;
  html: string;
  url: URL;
  form: HtmlForm;
}

/** A client registered at the server through `/register`, with the flows a client runs. */
export class OAuthTestClient {
  /**
   * @param meta the server's RFC 8414 metadata
   * @param registration the registration response (client_id, maybe client_secret, metadata)
   */
  constructor(
    readonly meta: AuthServerMetadata,
    readonly registration: {
      client_id: string;
      client_secret?: string;
      redirect_uris: string[];
      token_endpoint_auth_method?: string;
      [field: string]: unknown;
    },
  ) {}

  /** Registers a client (defaults: public, PKCE, one loopback redirect URI); throws unless 201. */
  static async register(
    meta: AuthServerMetadata,
    metadata: Record<string, unknown> = {},
  ): Promise<OAuthTestClient> {
    const body = {
      client_name: "e2e test client",
      redirect_uris: ["http://127.0.0.1:49152/callback"],
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      ...metadata,
    };
    const result = await postRegistration(meta, body);
    if (result.status !== 201) {
      throw new Error(`registration failed: ${result.status} ${JSON.stringify(result.body)}`);
    }
    return new OAuthTestClient(meta, result.body);
  }

  /** The client id. */
  get clientId(): string {
    return this.registration.client_id;
  }

  /** The first registered redirect URI. */
  get redirectUri(): string {
    return this.registration.redirect_uris[0];
  }

  /** Whether `url` is one of this client's redirect URIs (origin and path). */
  isRedirect(url: URL, redirectUri: string = this.redirectUri): boolean {
    const target = new URL(redirectUri);
    return url.origin === target.origin && url.pathname === target.pathname;
  }

  /** The authorization URL for `params` over the defaults (a fresh S256 challenge and state). */
  authorizeUrl(params: AuthorizeParams): string {
    const url = new URL(this.meta.authorization_endpoint);
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    return url.href;
  }

  /** Default authorization parameters plus the PKCE verifier that belongs to them. */
  async defaults(
    overrides: AuthorizeParams = {},
  ): Promise<{ params: AuthorizeParams; verifier: string }> {
    const { verifier, challenge } = await pkce();
    return {
      verifier,
      params: {
        response_type: "code",
        client_id: this.clientId,
        redirect_uri: this.redirectUri,
        code_challenge: challenge,
        code_challenge_method: "S256",
        state: randomString(16),
        ...overrides,
      },
    };
  }

  /** GETs the authorization URL and returns the consent page; throws unless it is one. */
  async consentPage(browser: Browser, params: AuthorizeParams): Promise<ConsentPage> {
    const url = new URL(this.authorizeUrl(params));
    const response = await browser.request(url);
    const html = await response.text();
    if (response.status !== 200) {
      throw new Error(`expected the consent page, got ${response.status}: ${html}`);
    }
    return { response, html, url, form: decisionForm(html, url) };
  }

  /** Submits the consent form with `decision` (and field overrides); returns the raw response. */
  submitDecision(
    browser: Browser,
    page: ConsentPage,
    decision: "approve" | "deny",
    overrides: Record<string, string> = {},
  ): Promise<Response> {
    const button = page.form.buttons.find((b) => b.value === decision);
    if (!button) throw new Error(`no ${decision} button on the consent page`);
    const body = new URLSearchParams({
      ...page.form.fields,
      [button.name]: button.value,
      ...overrides,
    });
    return browser.request(page.form.action, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: formPostOrigin(
          page.url,
          new URL(page.form.action),
          referrerPolicy(page.response.headers, page.html),
        ),
      },
      body,
    });
  }

  /**
   * The whole front channel: `/authorize` → consent page → decision → IdP (login and consent
   * happen there without a user) → `/auth/callback` → this client's redirect URI, which is not
   * requested; its query is returned.
   */
  async authorize(
    options: {
      params?: AuthorizeParams;
      decision?: "approve" | "deny";
      browser?: Browser;
    } = {},
  ): Promise<AuthorizationResult> {
    const browser = options.browser ?? new Browser();
    const { params, verifier } = await this.defaults(options.params);
    const page = await this.consentPage(browser, params);
    const decided = await this.submitDecision(browser, page, options.decision ?? "approve");
    const redirectUri = params.redirect_uri ?? this.redirectUri;
    const landing = await browser.follow(
      page.form.action,
      decided,
      (url) => this.isRedirect(url, redirectUri),
    );
    if (landing.response) {
      throw new Error(
        `the flow ended at ${landing.url} (${landing.response.status}): ${await landing.response
          .text()}`,
      );
    }
    const query = landing.url.searchParams;
    return {
      redirect: landing.url,
      code: query.get("code") ?? undefined,
      error: query.get("error") ?? undefined,
      state: query.get("state"),
      iss: query.get("iss"),
      verifier,
      browser,
    };
  }

  /** Client authentication for the token and revocation endpoints. */
  private authenticate(form: URLSearchParams, headers: Headers): void {
    const method = this.registration.token_endpoint_auth_method ?? "none";
    const secret = this.registration.client_secret;
    if (method === "client_secret_basic" && secret !== undefined) {
      const pair = `${encodeURIComponent(this.clientId)}:${encodeURIComponent(secret)}`;
      headers.set("authorization", `Basic ${btoa(pair)}`);
    } else if (method === "client_secret_post" && secret !== undefined) {
      form.set("client_id", this.clientId);
      form.set("client_secret", secret);
    } else form.set("client_id", this.clientId);
  }

  /** POSTs a form to the token endpoint with this client's authentication. */
  async token(fields: Record<string, string>): Promise<JsonAnswer> {
    const form = new URLSearchParams();
    const headers = new Headers({
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    });
    this.authenticate(form, headers);
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return answer(
      await fetch(this.meta.token_endpoint, { method: "POST", headers, body: form }),
    );
  }

  /** Redeems an authorization code. */
  redeem(
    code: string,
    verifier: string,
    extra: Record<string, string> = {},
  ): Promise<JsonAnswer> {
    return this.token({
      grant_type: "authorization_code",
      code,
      redirect_uri: this.redirectUri,
      code_verifier: verifier,
      ...extra,
    });
  }

  /** Uses a refresh token. */
  refresh(refreshToken: string): Promise<JsonAnswer> {
    return this.token({ grant_type: "refresh_token", refresh_token: refreshToken });
  }

  /** Revokes a token (RFC 7009). */
  async revoke(token: string, hint?: "access_token" | "refresh_token"): Promise<JsonAnswer> {
    const form = new URLSearchParams();
    const headers = new Headers({ "content-type": "application/x-www-form-urlencoded" });
    this.authenticate(form, headers);
    form.set("token", token);
    if (hint) form.set("token_type_hint", hint);
    return answer(
      await fetch(this.meta.revocation_endpoint, { method: "POST", headers, body: form }),
    );
  }

  /** The full happy path: authorize with approval and redeem the code; throws on any error. */
  async signIn(params: AuthorizeParams = {}): Promise<{
    access_token: string;
    refresh_token: string;
    [field: string]: unknown;
  }> {
    const result = await this.authorize({ params });
    if (!result.code) throw new Error(`no code: ${result.redirect}`);
    const tokens = await this.redeem(result.code, result.verifier);
    if (tokens.status !== 200) {
      throw new Error(`token request failed: ${tokens.status} ${JSON.stringify(tokens.body)}`);
    }
    return tokens.body;
  }
}

/** A port nothing listens on right now (bound once on loopback, then released). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
