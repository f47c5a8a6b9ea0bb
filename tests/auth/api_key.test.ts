import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Secret } from "../../lib/config/secret.ts";
import { AuthConfigError, type Authenticator, createAuthenticator } from "../../lib/auth/mod.ts";
import { matchesKey } from "../../lib/auth/api_key.ts";
import { captureLogger, startServer, type TestServer } from "./helpers.ts";

const KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/** The authenticator behind a real loopback HTTP server: 200 + principal, or the refusal. */
function serveAuthenticator(authenticator: Authenticator): TestServer {
  return startServer(async (request) => {
    const outcome = await authenticator.authenticate(request);
    return outcome.ok ? Response.json(outcome.principal) : outcome.response;
  });
}

async function withServer(
  fn: (server: TestServer, lines: string[]) => Promise<void>,
): Promise<void> {
  const logger = captureLogger();
  const authenticator = createAuthenticator({
    mode: "api-key",
    apiKey: new Secret(KEY),
    algorithms: [],
  }, { logger });
  const server = serveAuthenticator(authenticator);
  try {
    await fn(server, logger.lines);
  } finally {
    await server.close();
  }
  for (const line of logger.lines) assert.ok(!line.includes(KEY), "the key is never logged");
}

async function call(server: TestServer, headers: Record<string, string>) {
  const res = await fetch(`${server.origin}/mcp`, { method: "POST", headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
}

const expectedId = `api-key:${createHash("sha256").update(KEY).digest("hex").slice(0, 8)}`;

Deno.test("api-key: Authorization: Bearer <key> passes, with the hashed-key principal", async () => {
  await withServer(async (server) => {
    const res = await call(server, { Authorization: `Bearer ${KEY}` });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { mode: "api-key", id: expectedId });
    assert.ok(!res.text.includes(KEY));
  });
});

Deno.test("api-key: X-Api-Key passes; the scheme is case-insensitive", async () => {
  await withServer(async (server) => {
    assert.equal((await call(server, { "X-Api-Key": KEY })).status, 200);
    assert.equal((await call(server, { Authorization: `bearer ${KEY}` })).status, 200);
    assert.equal((await call(server, { Authorization: `BEARER  ${KEY}` })).status, 200);
    assert.equal(
      (await call(server, { Authorization: `Bearer ${KEY}`, "X-Api-Key": KEY })).status,
      200,
    );
  });
});

Deno.test("api-key: missing credentials → 401 unauthorized, challenge without error=", async () => {
  await withServer(async (server, lines) => {
    const res = await call(server, {});
    assert.equal(res.status, 401);
    assert.equal(res.body.error, "unauthorized");
    assert.equal(typeof res.body.error_description, "string");
    assert.equal(
      res.headers.get("www-authenticate"),
      `Bearer realm="zscaler-mcp", resource_metadata="${server.origin}/.well-known/oauth-protected-resource/mcp"`,
    );
    assert.equal(res.headers.get("cache-control"), "no-store");
    assert.deepEqual(lines, [
      "zscaler-mcp: warn: authentication refused mode=api-key reason=missing_credentials",
    ]);
  });
});

Deno.test("api-key: a wrong key → 401 invalid_token, never echoed", async () => {
  await withServer(async (server, lines) => {
    const wrong = KEY.slice(0, -1) + "0";
    const attempts: Record<string, string>[] = [
      { Authorization: `Bearer ${wrong}` },
      { "X-Api-Key": wrong },
    ];
    for (const headers of attempts) {
      const res = await call(server, headers);
      assert.equal(res.status, 401);
      assert.equal(res.body.error, "invalid_token");
      assert.equal(
        res.headers.get("www-authenticate"),
        `Bearer realm="zscaler-mcp", resource_metadata="${server.origin}/.well-known/oauth-protected-resource/mcp", error="invalid_token"`,
      );
      assert.ok(!res.text.includes(wrong));
      assert.ok(![...res.headers.values()].some((v) => v.includes(wrong)));
    }
    assert.ok(lines.every((l) => l.endsWith("reason=wrong_api_key") && !l.includes(wrong)));
  });
});

Deno.test("api-key: keys of another length (prefix, longer, empty) are refused", async () => {
  await withServer(async (server) => {
    for (const value of [KEY.slice(0, 16), KEY + "00", KEY.slice(0, 1), "x".repeat(5000)]) {
      const res = await call(server, { Authorization: `Bearer ${value}` });
      assert.equal(res.status, 401);
      assert.equal(res.body.error, "invalid_token");
    }
    const empty = await call(server, { "X-Api-Key": "" });
    assert.equal(empty.status, 401);
    assert.equal(empty.body.error, "invalid_token");
  });
});

Deno.test("api-key: every presented credential must be right; other schemes are refused", async () => {
  await withServer(async (server) => {
    const mixed = await call(server, { Authorization: `Bearer ${KEY}`, "X-Api-Key": "nope" });
    assert.equal(mixed.status, 401);
    const basic = await call(server, { Authorization: `Basic ${btoa(`user:${KEY}`)}` });
    assert.equal(basic.status, 401);
    assert.equal(basic.body.error, "invalid_token");
    const noToken = await call(server, { Authorization: "Bearer" });
    assert.equal(noToken.status, 401);
    const two = await call(server, { Authorization: `Bearer ${KEY} ${KEY}` });
    assert.equal(two.status, 401);
  });
});

Deno.test("api-key: comparison hashes both sides (length does not matter to timingSafeEqual)", () => {
  const digest = createHash("sha256").update(KEY).digest();
  assert.equal(matchesKey(KEY, digest), true);
  assert.equal(matchesKey("", digest), false);
  assert.equal(matchesKey(KEY + KEY, digest), false);
});

Deno.test("api-key: an empty or missing key is a typed configuration error", () => {
  const logger = captureLogger();
  for (const apiKey of [undefined, new Secret(""), new Secret("   ")]) {
    assert.throws(
      () => createAuthenticator({ mode: "api-key", apiKey, algorithms: [] }, { logger }),
      (error: unknown) =>
        error instanceof AuthConfigError && error.setting === "ZSCALER_MCP_AUTH_API_KEY",
    );
  }
});
