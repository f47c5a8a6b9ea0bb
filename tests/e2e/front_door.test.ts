/**
 * The HTTP front door of the real process over real sockets: TLS with a certificate made by the
 * test, every refusal to start, and each network-guard refusal (source IP, Host, Origin/CORS, body
 * size, content type, rate limit) next to the request that passes.
 */

import assert from "node:assert/strict";
import { connectHttp } from "../helpers/clients.ts";
import { postMcp } from "../helpers/messages.ts";
import { rawRequest } from "../helpers/raw_http.ts";
import { runCli, startHttpServer } from "../helpers/server_process.ts";
import { makeCertificate } from "../helpers/tls.ts";

const API_KEY = "k".repeat(16) + crypto.randomUUID().replaceAll("-", "");

const post = postMcp;

async function status(response: Promise<Response>): Promise<number> {
  const r = await response;
  await r.body?.cancel();
  return r.status;
}

Deno.test("TLS: served over https with a test certificate, plain and encrypted key", async (t) => {
  const certificate = await makeCertificate();
  const client = Deno.createHttpClient({ caCerts: [certificate.cert] });
  const tlsFetch: typeof fetch = (input, init) => fetch(input, { ...init, client });
  try {
    for (
      const [name, env] of [
        ["plain key", { ZSCALER_MCP_TLS_KEYFILE: certificate.keyFile }],
        ["encrypted key", {
          ZSCALER_MCP_TLS_KEYFILE: certificate.encryptedKeyFile,
          ZSCALER_MCP_TLS_KEYFILE_PASSWORD: certificate.password,
        }],
      ] as const
    ) {
      await t.step(name, async () => {
        const server = await startHttpServer(["--sandbox"], {
          ZSCALER_MCP_TLS_CERTFILE: certificate.certFile,
          ...env,
        });
        try {
          assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+\/mcp$/);
          assert.match(server.stderr(), /TLS\s+on \(/);
          assert.ok(!server.stderr().includes(certificate.password));
          const health = await tlsFetch(`${server.origin}/health`);
          assert.deepEqual(await health.json(), { status: "ok" });
          await assert.rejects(fetch(`${server.origin}/health`), "an unknown CA is refused");
          const mcp = await connectHttp(server.url, "2026-07-28", { fetch: tlsFetch });
          try {
            const result = await mcp.callTool({ name: "zia_get_activation_status" });
            assert.notEqual(result.isError, true);
          } finally {
            await mcp.close();
          }
        } finally {
          await server.stop();
        }
      });
    }
  } finally {
    client.close();
  }
});

Deno.test("refusals to start: exit 2 with a security line, nothing listens", async (t) => {
  const certificate = await makeCertificate();
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ["plain HTTP on a public bind", ["--host", "0.0.0.0"], {
      ZSCALER_MCP_AUTH_API_KEY: API_KEY,
      ZSCALER_MCP_ALLOWED_HOSTS: "mcp.example.com",
    }, /security: refusing to serve plain HTTP on "0\.0\.0\.0"/],
    ["wildcard bind without a Host allowlist", ["--host", "0.0.0.0"], {
      ZSCALER_MCP_ALLOW_HTTP: "true",
      ZSCALER_MCP_AUTH_API_KEY: API_KEY,
    }, /binding "0\.0\.0\.0" needs ZSCALER_MCP_ALLOWED_HOSTS/],
    ["non-loopback without client auth", ["--host", "::"], {
      ZSCALER_MCP_TLS_CERTFILE: certificate.certFile,
      ZSCALER_MCP_TLS_KEYFILE: certificate.keyFile,
      ZSCALER_MCP_ALLOWED_HOSTS: "mcp.example.com",
    }, /without client authentication/],
    ["auth disabled off loopback", ["--host", "0.0.0.0"], {
      ZSCALER_MCP_ALLOW_HTTP: "true",
      ZSCALER_MCP_ALLOWED_HOSTS: "mcp.example.com",
      ZSCALER_MCP_AUTH_ENABLED: "false",
    }, /without client authentication/],
    [
      "certificate without key",
      [],
      { ZSCALER_MCP_TLS_CERTFILE: certificate.certFile },
      /set both, or neither/,
    ],
    ["wrong key password", [], {
      ZSCALER_MCP_TLS_CERTFILE: certificate.certFile,
      ZSCALER_MCP_TLS_KEYFILE: certificate.encryptedKeyFile,
      ZSCALER_MCP_TLS_KEYFILE_PASSWORD: "not-the-password",
    }, /cannot decrypt the key/],
    ["encrypted key without password", [], {
      ZSCALER_MCP_TLS_CERTFILE: certificate.certFile,
      ZSCALER_MCP_TLS_KEYFILE: certificate.encryptedKeyFile,
    }, /not a usable PEM private key/],
    ["short API key", [], { ZSCALER_MCP_AUTH_API_KEY: "short" }, /at least 32 characters/],
    [
      "jwt without audience",
      [],
      { ZSCALER_MCP_AUTH_JWKS_URI: "https://idp.example/jwks" },
      /AUDIENCE: is required/,
    ],
    ["HMAC algorithm", [], {
      ZSCALER_MCP_AUTH_JWKS_URI: "https://idp.example/jwks",
      ZSCALER_MCP_AUTH_AUDIENCE: "zscaler-mcp",
      ZSCALER_MCP_AUTH_ALGORITHMS: "HS256,none",
    }, /"HS256" is not accepted/],
    ["bad source ACL and origin", [], {
      ZSCALER_MCP_ALLOWED_SOURCE_IPS: "10.0.0.0/33",
      ZSCALER_MCP_ALLOWED_ORIGINS: "https://app.example.com/path",
    }, /ALLOWED_SOURCE_IPS: "10\.0\.0\.0\/33"/],
  ];
  for (const [name, args, env, expected] of cases) {
    await t.step(name, async () => {
      const result = await runCli(
        ["--transport", "streamable-http", "--port", "0", "--sandbox", ...args],
        env,
      );
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, expected);
      assert.doesNotMatch(result.stderr, /security posture/, "nothing listens");
      assert.ok(!result.stderr.includes(API_KEY) && !result.stderr.includes(certificate.password));
    });
  }
});

Deno.test("source-IP ACL: 403 before anything else, pass when listed", async () => {
  const outside = await startHttpServer(["--sandbox"], {
    ZSCALER_MCP_ALLOWED_SOURCE_IPS: "10.0.0.0/8,2001:db8::/32",
  });
  const inside = await startHttpServer(["--sandbox"], {
    ZSCALER_MCP_ALLOWED_SOURCE_IPS: "10.0.0.0/8,127.0.0.0/8",
  });
  try {
    const refused = await fetch(`${outside.origin}/health`);
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /source address not allowed/);
    // Refused before the Host check: a rebinding Host gets the same IP answer.
    const rebound = await rawRequest(outside.origin, "GET /health HTTP/1.1\r\nHost: evil.example");
    assert.equal(rebound.status, 403);
    assert.match(rebound.text, /source address not allowed/);
    assert.match(outside.stderr(), /request refused client=127\.0\.0\.1/);
    assert.equal(await status(fetch(`${inside.origin}/health`)), 200);
  } finally {
    await outside.stop();
    await inside.stop();
  }
});

Deno.test("Host allowlist: configured names with and without port; others refused", async () => {
  const server = await startHttpServer(["--sandbox"], {
    ZSCALER_MCP_ALLOWED_HOSTS: "mcp.example.com,*.corp.example",
  });
  try {
    const port = new URL(server.origin).port;
    const ask = (host: string) =>
      rawRequest(server.origin, `GET /health HTTP/1.1\r\nHost: ${host}`);
    assert.equal((await ask(`mcp.example.com:${port}`)).status, 200);
    assert.equal((await ask("MCP.Example.com")).status, 200);
    assert.equal((await ask(`a.corp.example:${port}`)).status, 200);
    const refused = await ask(`localhost:${port}`);
    assert.equal(refused.status, 403, "the default loopback names are replaced by the list");
    const evil = await ask("evil.example<script>");
    assert.equal(evil.status, 403);
    assert.ok(!evil.text.includes("<script>"), "the offending header is not echoed");
  } finally {
    await server.stop();
  }
});

Deno.test("Origin and CORS: allowed origin gets CORS headers; others 403", async () => {
  const server = await startHttpServer(["--sandbox"], {
    ZSCALER_MCP_ALLOWED_ORIGINS: "https://app.example.com",
  });
  try {
    const allowed = await post(server.url, { origin: "https://app.example.com" });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get("access-control-allow-origin"), "https://app.example.com");
    await allowed.body?.cancel();
    assert.equal(await status(post(server.url, { origin: "https://evil.example" })), 403);
    assert.equal(await status(post(server.url, { origin: "null" })), 403);
    assert.equal(await status(post(server.url, { origin: server.origin })), 200, "same origin");
    const preflight = await fetch(server.url, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, authorization",
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-origin"), "https://app.example.com");
    assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /POST/);
    await preflight.body?.cancel();
    const badPreflight = await fetch(server.url, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    assert.equal(badPreflight.status, 403);
    assert.equal(badPreflight.headers.get("access-control-allow-origin"), null);
    await badPreflight.body?.cancel();
  } finally {
    await server.stop();
  }
});

Deno.test("limits: body size 413, content type 415, rate limit 429 with Retry-After", async () => {
  const server = await startHttpServer(["--sandbox"], {
    ZSCALER_MCP_MAX_BODY_BYTES: "2048",
    ZSCALER_MCP_RATE_LIMIT: "8",
  });
  try {
    assert.equal(await status(post(server.url, {}, "x".repeat(4096))), 413);
    assert.equal(await status(post(server.url, { "content-type": "text/plain" })), 415);
    let last = 0;
    for (let i = 0; i < 8 && last !== 429; i++) {
      last = await status(fetch(`${server.origin}/health`));
    }
    const limited = await fetch(`${server.origin}/health`);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    await limited.body?.cancel();
  } finally {
    await server.stop();
  }
});
