import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { decodeProtectedHeader, exportPKCS8, generateKeyPair, jwtVerify } from "jose";
import {
  ASSERTION_LIFETIME_SECONDS,
  JWT_BEARER_ASSERTION_TYPE,
  ONEAPI_AUDIENCE,
  parseExpiresIn,
  refreshMarginMs,
  TokenProvider,
  type TokenProviderOptions,
  ZscalerAuthError,
  ZscalerConfigError,
} from "../../lib/zscaler/mod.ts";
import { recordingSleep, rejection, SECRET } from "./_helpers.ts";
import {
  ClosingServer,
  type RecordedRequest,
  ScriptedServer,
  serveTokens,
} from "./scripted_server.ts";

const TOKEN_PATH = "/oauth2/v1/token";

function provider(
  server: ScriptedServer,
  extra: Partial<TokenProviderOptions> = {},
): TokenProvider {
  return new TokenProvider({
    tokenUrl: `${server.url}${TOKEN_PATH}`,
    credentials: { clientId: "client-1", clientSecret: SECRET },
    backoffBaseMs: 10,
    sleep: recordingSleep().sleep,
    ...extra,
  });
}

function form(req: RecordedRequest): URLSearchParams {
  return new URLSearchParams(req.body);
}

Deno.test("client secret: form fields and headers", async () => {
  const server = ScriptedServer.start();
  serveTokens(server);
  try {
    const tokens = provider(server);
    assert.equal(tokens.authMethod, "client_secret");
    assert.equal(await tokens.getToken(), "tok-1");
    const [req] = server.requestsTo(TOKEN_PATH);
    assert.equal(req!.method, "POST");
    assert.match(req!.headers.get("content-type")!, /^application\/x-www-form-urlencoded/);
    assert.equal(req!.headers.get("accept"), "application/json");
    const f = form(req!);
    assert.equal(f.get("grant_type"), "client_credentials");
    assert.equal(f.get("client_id"), "client-1");
    assert.equal(f.get("client_secret"), SECRET);
    assert.equal(f.get("audience"), "https://api.zscaler.com");
    assert.equal(f.has("client_assertion"), false);
  } finally {
    await server.close();
  }
});

async function assertionRoundTrip(alg: "RS256" | "ES256"): Promise<void> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const pem = await exportPKCS8(privateKey);
  const server = ScriptedServer.start();
  const verified: Array<Record<string, unknown>> = [];
  server.fallback("POST", TOKEN_PATH, async (req) => {
    const f = form(req);
    assert.equal(f.get("grant_type"), "client_credentials");
    assert.equal(f.get("client_id"), "client-1");
    assert.equal(f.get("audience"), ONEAPI_AUDIENCE);
    assert.equal(f.get("client_assertion_type"), JWT_BEARER_ASSERTION_TYPE);
    assert.equal(f.has("client_secret"), false);
    const assertion = f.get("client_assertion")!;
    const header = decodeProtectedHeader(assertion);
    assert.equal(header.alg, alg);
    assert.equal(header.typ, "JWT");
    const { payload } = await jwtVerify(assertion, publicKey, {
      algorithms: [alg],
      issuer: "client-1",
      subject: "client-1",
      audience: "https://api.zscaler.com",
    });
    verified.push(payload as Record<string, unknown>);
    return {
      json: { access_token: `signed-${verified.length}`, token_type: "Bearer", expires_in: 60 },
    };
  });
  try {
    const tokens = provider(server, { credentials: { clientId: "client-1", privateKey: pem } });
    assert.equal(tokens.authMethod, "private_key_jwt");
    assert.equal(tokens.assertionAlgorithm, alg);
    assert.equal(await tokens.getToken(), "signed-1");
    tokens.invalidate();
    assert.equal(await tokens.getToken(), "signed-2");
    assert.equal(verified.length, 2);
    const [a, b] = verified;
    assert.equal(typeof a!.iat, "number");
    assert.equal((a!.exp as number) - (a!.iat as number), ASSERTION_LIFETIME_SECONDS);
    assert.equal(typeof a!.jti, "string");
    assert.notEqual(a!.jti, b!.jti, "every assertion has a fresh jti");
  } finally {
    await server.close();
  }
}

Deno.test("private key JWT (RSA -> RS256): signature and claims verify on the server", async () => {
  await assertionRoundTrip("RS256");
});

Deno.test("private key JWT (EC P-256 -> ES256): signature and claims verify on the server", async () => {
  await assertionRoundTrip("ES256");
});

Deno.test("private key: PKCS#1/SEC1 PEM and escaped newlines are accepted; bad keys are config errors", () => {
  const base = { tokenUrl: "https://acme.zslogin.net/oauth2/v1/token" };
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pkcs1 = rsa.privateKey.export({ type: "pkcs1", format: "pem" }) as string;
  assert.equal(
    new TokenProvider({ ...base, credentials: { clientId: "c", privateKey: pkcs1 } })
      .assertionAlgorithm,
    "RS256",
  );
  const escaped = pkcs1.trim().replaceAll("\n", "\\n");
  assert.equal(
    new TokenProvider({ ...base, credentials: { clientId: "c", privateKey: escaped } })
      .assertionAlgorithm,
    "RS256",
  );
  const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const sec1 = ec.privateKey.export({ type: "sec1", format: "pem" }) as string;
  assert.equal(
    new TokenProvider({ ...base, credentials: { clientId: "c", privateKey: sec1 } })
      .assertionAlgorithm,
    "ES256",
  );

  const p384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" }).privateKey.export({
    type: "pkcs8",
    format: "pem",
  }) as string;
  const ed = generateKeyPairSync("ed25519").privateKey.export({
    type: "pkcs8",
    format: "pem",
  }) as string;
  const pub = rsa.publicKey.export({ type: "spki", format: "pem" }) as string;
  const garbage = "-----BEGIN PRIVATE KEY-----\nnot-base64!!\n-----END PRIVATE KEY-----";
  for (const key of [p384, ed, pub, garbage, "/etc/keys/client.pem"]) {
    const error = (() => {
      try {
        new TokenProvider({ ...base, credentials: { clientId: "c", privateKey: key } });
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof ZscalerConfigError, `${key.slice(0, 40)}: ${error}`);
    assert.ok(!error.message.includes("BEGIN") && !error.message.includes("MII"), error.message);
  }
  assert.throws(
    () =>
      new TokenProvider({
        ...base,
        credentials: { clientId: "c", clientSecret: "s", privateKey: pkcs1 },
      }),
    /only one of/,
  );
});

Deno.test("token cache: reused until max(30 s, 10 %) of the lifetime remains, then refreshed", async () => {
  const server = ScriptedServer.start();
  const count = serveTokens(server, 3600).count;
  let clock = 1_000_000;
  try {
    const tokens = provider(server, { now: () => clock });
    assert.equal(await tokens.getToken(), "tok-1");
    clock += (3600 - 361) * 1000; // 361 s left > 360 s margin
    assert.equal(await tokens.getToken(), "tok-1");
    assert.equal(count(), 1);
    clock += 2000; // 359 s left
    assert.equal(await tokens.getToken(), "tok-2");
    assert.equal(count(), 2);
  } finally {
    await server.close();
  }
});

Deno.test("short and string expires_in: 60 -> refreshed when less than 30 s remain", async () => {
  const server = ScriptedServer.start();
  const count = serveTokens(server, "60").count;
  let clock = 5_000_000;
  try {
    const tokens = provider(server, { now: () => clock });
    assert.equal(await tokens.getToken(), "tok-1");
    clock += 29_000;
    assert.equal(await tokens.getToken(), "tok-1");
    clock += 2_000;
    assert.equal(await tokens.getToken(), "tok-2");
    assert.equal(count(), 2);
  } finally {
    await server.close();
  }
});

Deno.test("refreshMarginMs and parseExpiresIn", () => {
  assert.equal(refreshMarginMs(60_000), 30_000);
  assert.equal(refreshMarginMs(3_600_000), 360_000);
  assert.equal(parseExpiresIn(83999), 83999);
  assert.equal(parseExpiresIn("3600"), 3600);
  assert.equal(parseExpiresIn(" 60 "), 60);
  assert.equal(parseExpiresIn("abc"), undefined);
  assert.equal(parseExpiresIn(0), undefined);
  assert.equal(parseExpiresIn(null), undefined);
});

Deno.test("single flight: 10 concurrent callers share one token request", async () => {
  const server = ScriptedServer.start();
  const count = serveTokens(server, 3600, 50).count;
  try {
    const tokens = provider(server);
    const got = await Promise.all(Array.from({ length: 10 }, () => tokens.getToken()));
    assert.deepEqual(new Set(got), new Set(["tok-1"]));
    assert.equal(count(), 1);
  } finally {
    await server.close();
  }
});

Deno.test("invalidate(token) only drops the cache when it still holds that token", async () => {
  const server = ScriptedServer.start();
  const count = serveTokens(server).count;
  try {
    const tokens = provider(server);
    assert.equal(await tokens.getToken(), "tok-1");
    tokens.invalidate("some-other-token");
    assert.equal(await tokens.getToken(), "tok-1");
    tokens.invalidate("tok-1");
    assert.equal(await tokens.getToken(), "tok-2");
    assert.equal(count(), 2);
  } finally {
    await server.close();
  }
});

Deno.test("token endpoint 401/400 -> ZscalerAuthError without the secret, not retried", async () => {
  for (const status of [400, 401, 403]) {
    const server = ScriptedServer.start();
    server.fallback("POST", TOKEN_PATH, {
      status,
      json: {
        error: "invalid_client",
        error_description: `Client authentication failed for ${SECRET}`,
      },
    });
    try {
      const error = await rejection(provider(server).getToken());
      assert.ok(error instanceof ZscalerAuthError, String(error));
      assert.equal(error.reason, "credentials_rejected");
      assert.equal(error.status, status);
      assert.equal(error.oauthError, "invalid_client");
      assert.match(error.message, new RegExp(`HTTP ${status}`));
      assert.match(error.message, /ZSCALER_CLIENT_SECRET/);
      assert.ok(!error.message.includes(SECRET), error.message);
      assert.ok(!JSON.stringify(error).includes(SECRET));
      assert.equal(server.requestsTo(TOKEN_PATH).length, 1);
    } finally {
      await server.close();
    }
  }
});

Deno.test("private-key auth failure never echoes the assertion", async () => {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const pem = await exportPKCS8(privateKey);
  const server = ScriptedServer.start();
  server.fallback("POST", TOKEN_PATH, (req) => ({
    status: 401,
    json: {
      error: "invalid_client",
      error_description: `bad assertion ${form(req).get("client_assertion")}`,
    },
  }));
  try {
    const error = await rejection(
      provider(server, { credentials: { clientId: "client-1", privateKey: pem } }).getToken(),
    );
    assert.ok(error instanceof ZscalerAuthError);
    assert.ok(!/eyJ/.test(error.message), error.message);
    assert.match(error.message, /\[redacted\]/);
    assert.match(error.message, /private key/);
  } finally {
    await server.close();
  }
});

Deno.test("token endpoint 5xx and 429 are retried; persistent 503 -> unavailable", async () => {
  const server = ScriptedServer.start();
  const { sleep, waits } = recordingSleep();
  server.script(
    "POST",
    TOKEN_PATH,
    { status: 503, text: "down" },
    { status: 429, headers: { "retry-after": "2" }, json: { error: "slow_down" } },
    { json: { access_token: "tok-after-retry", expires_in: 3600 } },
  );
  try {
    const tokens = provider(server, { sleep });
    assert.equal(await tokens.getToken(), "tok-after-retry");
    assert.equal(waits.length, 2);
    assert.equal(waits[1], 2000);

    const down = ScriptedServer.start();
    down.fallback("POST", TOKEN_PATH, { status: 503, text: "down" });
    try {
      const error = await rejection(provider(down, { maxRetries: 2 }).getToken());
      assert.ok(error instanceof ZscalerAuthError);
      assert.equal(error.reason, "unavailable");
      assert.equal(error.status, 503);
      assert.equal(down.requestsTo(TOKEN_PATH).length, 3);
    } finally {
      await down.close();
    }
  } finally {
    await server.close();
  }
});

Deno.test("token endpoint unreachable or timing out -> ZscalerAuthError unavailable after retries", async () => {
  const closing = new ClosingServer();
  const slow = ScriptedServer.start();
  slow.fallback("POST", TOKEN_PATH, {
    delayMs: 5000,
    json: { access_token: "late", expires_in: 60 },
  });
  try {
    const unreachable = new TokenProvider({
      tokenUrl: `${closing.url}${TOKEN_PATH}`,
      credentials: { clientId: "c", clientSecret: SECRET },
      maxRetries: 1,
      sleep: recordingSleep().sleep,
    });
    const a = await rejection(unreachable.getToken());
    assert.ok(a instanceof ZscalerAuthError);
    assert.equal(a.reason, "unavailable");
    assert.match(a.message, /could not be reached/);
    assert.equal(closing.connections, 2);

    const timing = provider(slow, { timeoutMs: 100, maxRetries: 1 });
    const b = await rejection(timing.getToken());
    assert.ok(b instanceof ZscalerAuthError);
    assert.match(b.message, /timed out after 0\.1 s/);
    assert.equal(slow.requestsTo(TOKEN_PATH).length, 2);
  } finally {
    await closing.close();
    await slow.close();
  }
});

Deno.test("malformed token responses -> ZscalerAuthError malformed_response", async () => {
  for (const body of [{ token_type: "Bearer" }, { access_token: "" }, "not json"]) {
    const server = ScriptedServer.start();
    server.fallback("POST", TOKEN_PATH, typeof body === "string" ? { text: body } : { json: body });
    try {
      const error = await rejection(provider(server).getToken());
      assert.ok(error instanceof ZscalerAuthError);
      assert.equal(error.reason, "malformed_response");
      assert.equal(server.requestsTo(TOKEN_PATH).length, 1);
    } finally {
      await server.close();
    }
  }
});

Deno.test("a failed proactive refresh falls back to the still-valid token", async () => {
  const server = ScriptedServer.start();
  let clock = 0;
  server.script("POST", TOKEN_PATH, { json: { access_token: "tok-1", expires_in: 3600 } });
  server.fallback("POST", TOKEN_PATH, { status: 503, text: "down" });
  try {
    const tokens = provider(server, { now: () => clock, maxRetries: 0 });
    assert.equal(await tokens.getToken(), "tok-1");
    clock = 3500 * 1000; // inside the refresh margin, not expired
    assert.equal(await tokens.getToken(), "tok-1");
    clock = 3599 * 1000; // about to expire: no fallback
    const error = await rejection(tokens.getToken());
    assert.ok(error instanceof ZscalerAuthError);
  } finally {
    await server.close();
  }
});

Deno.test("a caller abort stops waiting for a shared token request without cancelling it", async () => {
  const server = ScriptedServer.start();
  const count = serveTokens(server, 3600, 100).count;
  try {
    const tokens = provider(server);
    const controller = new AbortController();
    const first = tokens.getToken(controller.signal);
    const second = tokens.getToken();
    controller.abort();
    const error = await rejection(first);
    assert.equal((error as Error).name, "AbortError");
    assert.equal(await second, "tok-1");
    assert.equal(count(), 1);
  } finally {
    await server.close();
  }
});
