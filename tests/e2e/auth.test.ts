/**
 * Client authentication of the real process over real sockets: api-key, jwt (a JWKS served by
 * the test, tokens signed by the test), zscaler (against the simulated ZIdentity) and none; the
 * 401 challenge and RFC 9728 metadata; sessions bound to their principal.
 */

import assert from "node:assert/strict";
import { connectHttp } from "../helpers/clients.ts";
import { startJwks } from "../helpers/jwks.ts";
import { postMcp } from "../helpers/messages.ts";
import { runCli, startHttpServer } from "../helpers/server_process.ts";
import { startTestSim } from "../helpers/sim.ts";

const API_KEY = crypto.randomUUID().replaceAll("-", "") + crypto.randomUUID().replaceAll("-", "");

async function refusal(response: Response) {
  const body = await response.text();
  return { status: response.status, challenge: response.headers.get("www-authenticate"), body };
}

Deno.test("api-key: missing and wrong keys get 401 with the RFC 9728 challenge", async () => {
  const server = await startHttpServer(["--sandbox"], { ZSCALER_MCP_AUTH_API_KEY: API_KEY });
  try {
    assert.match(server.stderr(), /client auth\s+api-key/);
    const missing = await refusal(await postMcp(server.url));
    assert.equal(missing.status, 401);
    assert.match(
      missing.challenge ?? "",
      new RegExp(`resource_metadata="${server.origin}/\\.well-known/oauth-protected-resource/mcp"`),
    );
    const wrong = await refusal(
      await postMcp(server.url, { authorization: `Bearer ${API_KEY}x` }),
    );
    assert.equal(wrong.status, 401);
    assert.match(wrong.challenge ?? "", /error="invalid_token"/);
    assert.ok(!wrong.body.includes(API_KEY), "the presented key is not echoed");

    const metadata = await fetch(`${server.origin}/.well-known/oauth-protected-resource/mcp`);
    assert.equal(metadata.status, 200);
    assert.equal((await metadata.json()).resource, server.url);

    const ways: Record<string, string>[] = [
      { authorization: `Bearer ${API_KEY}` },
      { "x-api-key": API_KEY },
    ];
    for (const headers of ways) {
      for (const era of ["2026-07-28", "2025-11-25"] as const) {
        const client = await connectHttp(server.url, era, { headers });
        try {
          const result = await client.callTool({ name: "zia_get_activation_status" });
          assert.notEqual(result.isError, true);
        } finally {
          await client.close();
        }
      }
    }
    assert.ok(!server.stderr().includes(API_KEY), "the key never reaches a log");
    assert.match(
      server.stderr(),
      /authentication refused mode=api-key reason=wrong_api_key client=127\.0\.0\.1/,
    );
  } finally {
    await server.stop();
  }
});

Deno.test("--generate-auth-token prints a fresh 32-byte key and client snippets", async () => {
  const first = await runCli(["--generate-auth-token", "--transport", "streamable-http"]);
  const second = await runCli(["--generate-auth-token", "--transport", "streamable-http"]);
  assert.equal(first.code, 0, first.stderr);
  const key = first.stdout.match(/\b[0-9a-f]{64}\b/)?.[0];
  assert.ok(key, first.stdout);
  assert.ok(!second.stdout.includes(key), "a new key every time");
  assert.match(first.stdout, /ZSCALER_MCP_AUTH_API_KEY/);
  assert.match(first.stdout, /mcp-remote/);
});

Deno.test("jwt: every forged, stale or misdirected token is refused; a valid one works", async () => {
  const jwks = await startJwks();
  const server = await startHttpServer(["--sandbox"], {
    ZSCALER_MCP_AUTH_JWKS_URI: jwks.uri,
    ZSCALER_MCP_AUTH_ISSUER: "https://idp.test",
    ZSCALER_MCP_AUTH_AUDIENCE: "zscaler-mcp",
  });
  const now = Math.floor(Date.now() / 1000);
  const good = {
    iss: "https://idp.test",
    aud: "zscaler-mcp",
    sub: "alice",
    iat: now,
    exp: now + 600,
  };
  const b64 = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  const hmacKey = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(JSON.stringify(jwks.publicJwk)),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const hs256 = async () => {
    const head = `${b64({ alg: "HS256", kid: "k1" })}.${b64(good)}`;
    const mac = await crypto.subtle.sign("HMAC", hmacKey, new TextEncoder().encode(head));
    return `${head}.${
      btoa(String.fromCharCode(...new Uint8Array(mac))).replace(/=+$/, "").replace(/\+/g, "-")
        .replace(/\//g, "_")
    }`;
  };
  try {
    const refusals: [string, string | Promise<string>][] = [
      ["expired", jwks.sign({ ...good, iat: now - 7200, exp: now - 3600 })],
      ["not yet valid", jwks.sign({ ...good, nbf: now + 3600 })],
      ["wrong audience", jwks.sign({ ...good, aud: "someone-else" })],
      ["wrong issuer", jwks.sign({ ...good, iss: "https://evil.test" })],
      ["alg none", `${b64({ alg: "none" })}.${b64(good)}.`],
      ["HS256 with the public key as secret", hs256()],
      ["signed by another key", jwks.sign(good, { key: jwks.otherKey })],
      ["garbage", "not.a.jwt"],
    ];
    for (const [name, token] of refusals) {
      const response = await postMcp(server.url, { authorization: `Bearer ${await token}` });
      const { status, challenge } = await refusal(response);
      assert.equal(status, 401, name);
      assert.match(challenge ?? "", /error="invalid_token"/, name);
    }

    const fetchesBefore = jwks.fetches();
    for (let i = 0; i < 5; i++) {
      const token = await jwks.sign(good, { kid: `unknown-${i}` });
      assert.equal(
        (await refusal(await postMcp(server.url, { authorization: `Bearer ${token}` })))
          .status,
        401,
      );
    }
    assert.ok(
      jwks.fetches() - fetchesBefore <= 1,
      "an unknown kid refetches the JWKS at most once per cooldown",
    );

    const client = await connectHttp(server.url, "2026-07-28", {
      headers: { authorization: `Bearer ${await jwks.sign(good)}` },
    });
    try {
      assert.notEqual((await client.callTool({ name: "zia_get_activation_status" })).isError, true);
    } finally {
      await client.close();
    }
  } finally {
    await server.stop();
    await jwks.close();
  }
});

Deno.test("jwt: a JWKS that cannot be reached fails closed with 503", async () => {
  const jwks = await startJwks();
  jwks.setDown(true);
  const server = await startHttpServer(["--sandbox"], {
    ZSCALER_MCP_AUTH_JWKS_URI: jwks.uri,
    ZSCALER_MCP_AUTH_AUDIENCE: "zscaler-mcp",
  });
  try {
    const now = Math.floor(Date.now() / 1000);
    const token = await jwks.sign({ aud: "zscaler-mcp", sub: "alice", exp: now + 600 });
    const response = await postMcp(server.url, { authorization: `Bearer ${token}` });
    assert.equal(response.status, 503);
    await response.body?.cancel();
  } finally {
    await server.stop();
    await jwks.close();
  }
});

Deno.test("jwt: a 2025-11-25 session belongs to the principal that opened it", async () => {
  const jwks = await startJwks();
  const server = await startHttpServer(["--sandbox"], {
    ZSCALER_MCP_AUTH_JWKS_URI: jwks.uri,
    ZSCALER_MCP_AUTH_AUDIENCE: "zscaler-mcp",
  });
  try {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const alice = await jwks.sign({ aud: "zscaler-mcp", sub: "alice", exp });
    const mallory = await jwks.sign({ aud: "zscaler-mcp", sub: "mallory", exp });
    const opened = await postMcp(server.url, { authorization: `Bearer ${alice}` });
    assert.equal(opened.status, 200);
    const sessionId = opened.headers.get("mcp-session-id")!;
    await opened.body?.cancel();
    const list = (token: string) =>
      fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          authorization: `Bearer ${token}`,
          "mcp-session-id": sessionId,
          "mcp-protocol-version": "2025-11-25",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }),
      });
    const stolen = await list(mallory);
    assert.equal(stolen.status, 404);
    await stolen.body?.cancel();
    const own = await list(alice);
    assert.equal(own.status, 200);
    await own.body?.cancel();
  } finally {
    await server.stop();
    await jwks.close();
  }
});

Deno.test("zscaler: OneAPI credentials checked at ZIdentity; bad ones cannot flood it", async () => {
  const sim = await startTestSim();
  const server = await startHttpServer([], { ...sim.env, ZSCALER_MCP_AUTH_MODE: "zscaler" });
  const { clientId, clientSecret } = sim.tenant.options.clients[0];
  const basic = (id: string, secret: string) => `Basic ${btoa(`${id}:${secret}`)}`;
  try {
    assert.match(server.stderr(), /client auth\s+zscaler/);
    const ways: Record<string, string>[] = [
      { authorization: basic(clientId, clientSecret!) },
      { "x-zscaler-client-id": clientId, "x-zscaler-client-secret": clientSecret! },
    ];
    for (const headers of ways) {
      const client = await connectHttp(server.url, "2026-07-28", { headers });
      try {
        assert.notEqual(
          (await client.callTool({ name: "zia_get_activation_status" })).isError,
          true,
        );
      } finally {
        await client.close();
      }
    }

    const before = sim.tenant.tokenRequests();
    for (let i = 0; i < 50; i++) {
      const response = await postMcp(server.url, {
        authorization: basic(clientId, "wrong-secret"),
      });
      assert.equal(response.status, 401);
      await response.body?.cancel();
    }
    const upstreamCalls = sim.tenant.tokenRequests() - before;
    assert.ok(upstreamCalls <= 3, `50 bad requests made ${upstreamCalls} ZIdentity calls`);
    assert.ok(
      !server.stderr().includes("wrong-secret") && !server.stderr().includes(clientSecret!),
    );

    sim.tenant.faults.add({
      kind: "server-error",
      status: 500,
      times: Infinity,
      match: { pathPrefix: "/oauth2/v1/token" },
    });
    const outage = await postMcp(server.url, { authorization: basic("another-client", "x") });
    assert.equal(outage.status, 503, "an identity outage is 503, not 401");
    await outage.body?.cancel();
  } finally {
    await server.stop();
    await sim.close();
  }
});
