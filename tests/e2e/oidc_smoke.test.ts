/**
 * oidc mode wired through the real process: settings → startup (discovery of a loopback IdP) →
 * the banner → the metadata endpoints → /register → the 401 challenge on /mcp → an IdP-issued
 * token used by a real MCP client; and every startup refusal as one line and exit code 2. The
 * full browser flows against a real OpenID provider live in oidc_proxy / oidc_browser.
 */

import assert from "node:assert/strict";
import { connectHttp } from "../helpers/clients.ts";
import { postMcp } from "../helpers/messages.ts";
import { emptyDir, runCli, startHttpServer } from "../helpers/server_process.ts";
import { AUDIENCE, type FakeIdp, SCOPE, startFakeIdp } from "../auth/oidc/helpers.ts";

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

function oidcEnv(idp: FakeIdp, base: string, extra: Record<string, string> = {}) {
  return {
    ZSCALER_MCP_AUTH_MODE: "oidc",
    ZSCALER_MCP_STATE_DIR: emptyDir(),
    OIDCPROXY_CONFIG_URL: idp.configUrl,
    OIDCPROXY_BASE_URL: base,
    OIDCPROXY_CLIENT_ID: idp.clientId,
    OIDCPROXY_CLIENT_SECRET: idp.clientSecret,
    OIDCPROXY_AUDIENCE: AUDIENCE,
    OIDCPROXY_REQUIRED_SCOPES: SCOPE,
    ...extra,
  };
}

Deno.test("oidc smoke: the real process serves metadata, registration and the challenge, and accepts IdP tokens", async () => {
  const idp = await startFakeIdp();
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = oidcEnv(idp, base);
  const server = await startHttpServer(["--sandbox", "--port", String(port)], env);
  try {
    assert.match(
      server.stderr(),
      new RegExp(
        `client auth\\s+oidc \\(OAuth 2\\.1 authorization server ${base}; IdP ${idp.issuer}; ` +
          `required scopes ${SCOPE}; IdP tokens accepted for aud ${AUDIENCE}\\)`,
      ),
    );
    const resource = await (await fetch(`${base}/.well-known/oauth-protected-resource/mcp`))
      .json();
    assert.deepEqual(resource, {
      resource: `${base}/mcp`,
      authorization_servers: [base],
      scopes_supported: [SCOPE],
      bearer_methods_supported: ["header"],
      resource_name: "zscaler-mcp",
    });
    const meta = await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json();
    assert.equal(meta.issuer, base);
    assert.equal(meta.token_endpoint, `${base}/token`);
    assert.equal(meta.client_id_metadata_document_supported, true);

    const registered = await fetch(`${base}/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        redirect_uris: ["http://127.0.0.1:4321/callback"],
        token_endpoint_auth_method: "none",
      }),
    });
    assert.equal(registered.status, 201);
    const client = await registered.json();
    const store = `${env.ZSCALER_MCP_STATE_DIR}/oauth`;
    assert.equal(
      (await Deno.stat(store)).mode! & 0o777,
      0o700,
      "default store under the state dir",
    );
    const file = await Deno.readTextFile(`${store}/clients.json`);
    assert.ok(file.includes(client.client_id));
    assert.equal((await Deno.stat(`${store}/clients.json`)).mode! & 0o777, 0o600);

    const page = await fetch(
      `${base}/authorize?response_type=code&client_id=${client.client_id}` +
        `&redirect_uri=${encodeURIComponent("http://127.0.0.1:4321/callback")}` +
        `&code_challenge=${"a".repeat(43)}&code_challenge_method=S256&state=s`,
    );
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-security-policy")!, /frame-ancestors 'none'/);
    assert.match(await page.text(), /name="csrf"/);

    const token = await fetch(`${base}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=authorization_code",
    });
    assert.equal(token.status, 401, "a form body reaches /token through the guard");
    assert.equal((await token.json()).error, "invalid_client", "no client authentication");

    const challenge = await postMcp(`${base}/mcp`);
    await challenge.body?.cancel();
    assert.equal(challenge.status, 401);
    assert.equal(
      challenge.headers.get("www-authenticate"),
      `Bearer realm="zscaler-mcp", resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`,
    );

    const mcp = await connectHttp(`${base}/mcp`, "2026-07-28", {
      headers: { authorization: `Bearer ${await idp.accessToken()}` },
    });
    try {
      const result = await mcp.callTool({ name: "zia_get_activation_status" });
      assert.notEqual(result.isError, true, JSON.stringify(result));
    } finally {
      await mcp.close();
    }
    const scopeless = await postMcp(`${base}/mcp`, {
      authorization: `Bearer ${await idp.accessToken({ scope: "other" })}`,
    });
    await scopeless.body?.cancel();
    assert.equal(scopeless.status, 403);
    assert.match(scopeless.headers.get("www-authenticate")!, /error="insufficient_scope"/);
    assert.ok(!server.stderr().includes(idp.clientSecret), "the IdP client secret is never logged");
  } finally {
    await server.stop();
    await idp.close();
  }
});

Deno.test("oidc smoke: bad settings and an unusable IdP refuse to start, one line each, exit 2", async () => {
  const missing = await runCli(["--transport", "streamable-http", "--sandbox"], {
    ZSCALER_MCP_AUTH_MODE: "oidc",
    OIDCPROXY_BASE_URL: "http://mcp.example.com",
    OIDCPROXY_CLIENT_SECRET: "do-not-print-me",
  });
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /config error: OIDCPROXY_CONFIG_URL: is required in oidc mode/);
  assert.match(missing.stderr, /config error: OIDCPROXY_BASE_URL: must use https/);
  assert.match(missing.stderr, /config error: OIDCPROXY_CLIENT_ID: is required in oidc mode/);
  assert.ok(!missing.stderr.includes("do-not-print-me"));

  const unreachable = await runCli(["--transport", "streamable-http", "--sandbox"], {
    ZSCALER_MCP_AUTH_MODE: "oidc",
    ZSCALER_MCP_STATE_DIR: emptyDir(),
    OIDCPROXY_CONFIG_URL: `http://127.0.0.1:${freePort()}/.well-known/openid-configuration`,
    OIDCPROXY_BASE_URL: "http://127.0.0.1:8000",
    OIDCPROXY_CLIENT_ID: "c",
  });
  assert.equal(unreachable.code, 2, unreachable.stderr);
  assert.match(
    unreachable.stderr,
    /config error: OIDCPROXY_CONFIG_URL: the discovery document is unreachable/,
  );
  assert.doesNotMatch(unreachable.stderr, /bind\s+http/, "nothing listened");

  const impostor = await startFakeIdp({ discovery: { issuer: "https://impostor.example" } });
  try {
    const mismatch = await runCli(["--transport", "streamable-http", "--sandbox"], {
      ...oidcEnv(impostor, "http://127.0.0.1:8000"),
    });
    assert.equal(mismatch.code, 2, mismatch.stderr);
    assert.match(mismatch.stderr, /config error: OIDCPROXY_CONFIG_URL: .*issuer mismatch/);
  } finally {
    await impostor.close();
  }
});
