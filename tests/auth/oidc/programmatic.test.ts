/**
 * oidc mode built in code from what `main.ts` exports — `AuthSettings` with an `oidc` object,
 * `createAuthenticatorAsync`, `createHttpHandler` — served with `Deno.serve` on loopback and used
 * over real HTTP: discovery, registration, the network guard's OAuth exceptions, a sign-in with
 * a cookie-carrying client, and an MCP SDK client calling a tool with the token it got.
 */

import assert from "node:assert/strict";
import { McpServer } from "@modelcontextprotocol/server";
import {
  type AuthSettings,
  createAuthenticatorAsync,
  createHttpHandler,
  Secret,
} from "../../../main.ts";
import { defaultAllowedHosts } from "../../../lib/guard/network.ts";
import { connectHttp } from "../../helpers/clients.ts";
import { SCRATCH } from "../../helpers/server_process.ts";
import { captureLogger } from "../helpers.ts";
import { pkcePair, SCOPE, startFakeIdp } from "./helpers.ts";

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Cookies as a browser keeps them for one origin (name → value). */
class Jar {
  readonly #cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || attributes.some((a) => /max-age=0/i.test(a.trim()))) {
        this.#cookies.delete(name);
      } else this.#cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

Deno.test("programmatic: createAuthenticatorAsync + createHttpHandler serve the OAuth proxy over HTTP", async () => {
  const idp = await startFakeIdp();
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const logger = captureLogger();
  const auth: AuthSettings = {
    mode: "oidc",
    algorithms: [],
    oidc: {
      configUrl: idp.configUrl,
      baseUrl: base,
      clientId: idp.clientId,
      clientSecret: new Secret(idp.clientSecret),
      requiredScopes: [SCOPE],
      storeDir: `${Deno.makeTempDirSync({ dir: SCRATCH })}/oauth`,
    },
  };
  const authenticator = await createAuthenticatorAsync(auth, { logger });
  const handler = createHttpHandler(() => {
    const server = new McpServer({ name: "programmatic", version: "1.0.0" }, {
      capabilities: { tools: {} },
    });
    server.registerTool("whoami", { description: "who is calling" }, (ctx) => ({
      content: [{
        type: "text",
        text: String((ctx.http?.authInfo?.extra?.principal as { id?: string })?.id),
      }],
    }));
    return server;
  }, {
    http: {
      allowHttp: false,
      allowedHosts: defaultAllowedHosts("127.0.0.1"),
      allowedOrigins: [],
      allowedSourceIps: null,
      maxBodyBytes: 1024 * 1024,
      rateLimitPerMinute: 0,
    },
    auth,
    authenticator,
    sessionTtlMs: 60_000,
    maxSessions: 10,
    logger,
    inspectWrites: () => {},
  });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port, onListen() {} },
    (request, info) => handler.fetch(request, info.remoteAddr),
  );
  try {
    // Discovery: 401 → RFC 9728 → RFC 8414.
    const challenge = await fetch(`${base}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    await challenge.body?.cancel();
    assert.equal(challenge.status, 401);
    assert.match(
      challenge.headers.get("www-authenticate")!,
      new RegExp(`resource_metadata="${base}/\\.well-known/oauth-protected-resource/mcp"`),
    );
    const resource = await (await fetch(`${base}/.well-known/oauth-protected-resource/mcp`)).json();
    assert.deepEqual(resource.authorization_servers, [base]);
    const meta = await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json();
    assert.equal(meta.registration_endpoint, `${base}/register`);

    // Registration (JSON), and the guard's content-type rules on the OAuth paths.
    const registered = await fetch(meta.registration_endpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_name: "programmatic client",
        redirect_uris: ["http://127.0.0.1:9999/cb"],
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code", "refresh_token"],
      }),
    });
    assert.equal(registered.status, 201);
    const client = await registered.json();
    const formRegister = await fetch(`${base}/register`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "redirect_uris=x",
    });
    await formRegister.body?.cancel();
    assert.equal(formRegister.status, 415, "/register takes JSON only");
    const formMcp = await fetch(`${base}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    await formMcp.body?.cancel();
    assert.equal(formMcp.status, 415, "/mcp takes JSON only");
    const jsonToken = await fetch(`${base}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    await jsonToken.body?.cancel();
    assert.equal(jsonToken.status, 415, "/token takes a form only");

    // Sign-in like a browser: consent page, approve (same-origin form post), IdP, callback.
    const jar = new Jar();
    const { verifier, challenge: pkce } = pkcePair();
    const authorize = new URL(`${base}/authorize`);
    for (
      const [name, value] of Object.entries({
        response_type: "code",
        client_id: client.client_id,
        redirect_uri: "http://127.0.0.1:9999/cb",
        code_challenge: pkce,
        code_challenge_method: "S256",
        state: "st",
        scope: SCOPE,
        resource: `${base}/mcp`,
      })
    ) authorize.searchParams.set(name, value);
    const page = await fetch(authorize);
    jar.take(page);
    const html = await page.text();
    assert.equal(page.status, 200);
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)![1];
    const decided = await fetch(`${base}/authorize/decision`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: base,
        cookie: jar.header(),
      },
      body: new URLSearchParams({ txn: field("txn"), csrf: field("csrf"), decision: "approve" }),
    });
    await decided.body?.cancel();
    jar.take(decided);
    assert.equal(decided.status, 302);
    const callback = idp.authorize(decided.headers.get("location")!);
    const back = await fetch(callback, {
      redirect: "manual",
      headers: { cookie: jar.header(), origin: idp.issuer },
    });
    await back.body?.cancel();
    assert.equal(back.status, 302, "the IdP's origin is accepted on the callback");
    const code = new URL(back.headers.get("location")!).searchParams.get("code")!;

    const tokens = await fetch(meta.token_endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: "http://127.0.0.1:9999/cb",
        code_verifier: verifier,
        client_id: client.client_id,
      }),
    });
    assert.equal(tokens.status, 200);
    const { access_token: accessToken } = await tokens.json();

    // A real MCP client with the token.
    const mcp = await connectHttp(`${base}/mcp`, "2026-07-28", {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    try {
      const result = await mcp.callTool({ name: "whoami" });
      assert.deepEqual(result.content, [{ type: "text", text: "alice" }]);
    } finally {
      await mcp.close();
    }
    const log = logger.lines.join("\n");
    for (const secret of [code, verifier, accessToken, field("csrf"), idp.clientSecret]) {
      assert.ok(!log.includes(secret), "nothing secret in the log");
    }
  } finally {
    await handler.close();
    await server.shutdown();
    await idp.close();
  }
});
