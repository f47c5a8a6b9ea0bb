import assert from "node:assert/strict";
import {
  type CryptoKey,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from "jose";
import { AuthConfigError, type AuthDeps, createAuthenticator } from "../../lib/auth/mod.ts";
import type { AuthSettings } from "../../lib/auth/types.ts";
import {
  bodyOf,
  captureLogger,
  closedPort,
  EXAMPLE_METADATA_URL,
  mcpRequest,
  startServer,
  type TestServer,
} from "./helpers.ts";

const ISSUER = "https://idp.example.test";
const AUDIENCE = "https://mcp.example.test/mcp";

interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function signingKey(alg: "RS256" | "ES256", kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...await exportJWK(publicKey), kid, alg, use: "sig" };
  return { kid, alg, privateKey, publicJwk };
}

const RSA = await signingKey("RS256", "rsa-1");
const EC = await signingKey("ES256", "ec-1");
const ROTATED = await signingKey("RS256", "rsa-2");

const nowSeconds = () => Math.floor(Date.now() / 1000);

function sign(
  key: SigningKey,
  claims: JWTPayload = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  const now = nowSeconds();
  return new SignJWT({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: "alice",
    iat: now,
    exp: now + 600,
    scope: "zia.read zpa.read",
    ...claims,
  }).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT", ...header })
    .sign(key.privateKey);
}

/** A JWKS endpoint serving `keys` (mutable), counting fetches. */
function jwksServer(keys: JWK[]): TestServer {
  return startServer(() => Response.json({ keys }));
}

function settings(jwksUri: string, extra: Partial<AuthSettings> = {}): AuthSettings {
  return {
    mode: "jwt",
    jwksUri,
    algorithms: ["RS256", "ES256"],
    issuer: ISSUER,
    audience: AUDIENCE,
    ...extra,
  };
}

async function withJwks(
  fn: (
    ctx: {
      server: TestServer;
      keys: JWK[];
      lines: string[];
      auth: (token: string) => ReturnType<ReturnType<typeof createAuthenticator>["authenticate"]>;
    },
  ) => Promise<void>,
  options: { extra?: Partial<AuthSettings>; deps?: Partial<AuthDeps> } = {},
): Promise<void> {
  const keys = [RSA.publicJwk, EC.publicJwk];
  const server = jwksServer(keys);
  const logger = captureLogger();
  try {
    const authenticator = createAuthenticator(
      settings(`${server.origin}/jwks.json`, options.extra),
      { logger, ...options.deps },
    );
    await fn({
      server,
      keys,
      lines: logger.lines,
      auth: (token) => authenticator.authenticate(mcpRequest({ Authorization: `Bearer ${token}` })),
    });
  } finally {
    await server.close();
  }
}

async function assertInvalid(
  outcome: Awaited<ReturnType<ReturnType<typeof createAuthenticator>["authenticate"]>>,
  token?: string,
): Promise<void> {
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.equal(outcome.response.status, 401);
  const body = await bodyOf(outcome.response);
  assert.equal(body.error, "invalid_token");
  assert.equal(
    outcome.response.headers.get("www-authenticate"),
    `Bearer realm="zscaler-mcp", resource_metadata="${EXAMPLE_METADATA_URL}", error="invalid_token"`,
  );
  if (token) assert.ok(!JSON.stringify(body).includes(token));
}

async function assertUnavailable(
  outcome: Awaited<ReturnType<ReturnType<typeof createAuthenticator>["authenticate"]>>,
): Promise<void> {
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.equal(outcome.response.status, 503);
  assert.equal((await bodyOf(outcome.response)).error, "temporarily_unavailable");
  assert.match(outcome.response.headers.get("retry-after") ?? "", /^[1-9]\d*$/);
  assert.equal(outcome.response.headers.get("www-authenticate"), null);
}

Deno.test("jwt: valid RS256 and ES256 tokens pass; principal = sub, scopes, kept claims", async () => {
  await withJwks(async ({ server, auth }) => {
    for (const key of [RSA, EC]) {
      const outcome = await auth(await sign(key, { email: "a@example.test", client_id: "cli" }));
      assert.ok(outcome.ok, `${key.alg} accepted`);
      if (!outcome.ok) continue;
      const { principal } = outcome;
      assert.equal(principal.mode, "jwt");
      assert.equal(principal.id, "alice");
      assert.deepEqual(principal.scopes, ["zia.read", "zpa.read"]);
      assert.equal(principal.claims?.iss, ISSUER);
      assert.equal(principal.claims?.aud, AUDIENCE);
      assert.equal(principal.claims?.client_id, "cli");
      assert.equal(typeof principal.claims?.exp, "number");
      assert.equal(principal.claims?.email, undefined, "claims outside the allowlist are dropped");
    }
    assert.equal(server.calls, 1, "the JWKS is fetched once and cached");
  });
});

Deno.test("jwt: scopes from an scp array; a token without sub is 'unknown'", async () => {
  await withJwks(async ({ auth }) => {
    const token = await new SignJWT({ scp: ["a", "b"] })
      .setProtectedHeader({ alg: "RS256", kid: RSA.kid })
      .setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime("5m").sign(RSA.privateKey);
    const outcome = await auth(token);
    assert.ok(outcome.ok);
    if (outcome.ok) {
      assert.equal(outcome.principal.id, "unknown");
      assert.deepEqual(outcome.principal.scopes, ["a", "b"]);
    }
  });
});

Deno.test("jwt: expired, not yet valid, wrong aud, wrong iss, missing aud, missing exp → 401", async () => {
  await withJwks(async ({ auth, lines }) => {
    const now = nowSeconds();
    await assertInvalid(await auth(await sign(RSA, { exp: now - 120 })));
    await assertInvalid(await auth(await sign(RSA, { nbf: now + 120 })));
    await assertInvalid(await auth(await sign(RSA, { aud: "https://other.example.test" })));
    await assertInvalid(await auth(await sign(RSA, { iss: "https://evil.example.test" })));
    const noAud = await new SignJWT({}).setProtectedHeader({ alg: "RS256", kid: RSA.kid })
      .setIssuer(ISSUER).setSubject("alice").setExpirationTime("5m").sign(RSA.privateKey);
    await assertInvalid(await auth(noAud));
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: "RS256", kid: RSA.kid })
      .setIssuer(ISSUER).setAudience(AUDIENCE).setSubject("alice").sign(RSA.privateKey);
    await assertInvalid(await auth(noExp));
    assert.deepEqual(lines.map((l) => l.replace(/^.* reason=/, "")), [
      "jwt_expired",
      "jwt_bad_nbf",
      "jwt_bad_aud",
      "jwt_bad_iss",
      "jwt_missing_aud",
      "jwt_missing_exp",
    ]);
  });
});

Deno.test("jwt: a clock skew within 30 s is tolerated", async () => {
  await withJwks(async ({ auth }) => {
    const now = nowSeconds();
    assert.ok((await auth(await sign(RSA, { exp: now - 10 }))).ok);
    assert.ok((await auth(await sign(RSA, { nbf: now + 10 }))).ok);
  });
});

Deno.test("jwt: alg none and HS256 signed with the RSA public key are refused without a key lookup", async () => {
  await withJwks(async ({ server, auth, lines }) => {
    const unsecured = new UnsecuredJWT({ sub: "mallory" }).setIssuer(ISSUER).setAudience(AUDIENCE)
      .setExpirationTime("5m").encode();
    await assertInvalid(await auth(unsecured), unsecured);

    const publicPem = await exportSPKI(
      (await crypto.subtle.importKey(
        "jwk",
        RSA.publicJwk as JsonWebKey,
        { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
        true,
        ["verify"],
      )) as CryptoKey,
    );
    for (const secret of [publicPem, JSON.stringify(RSA.publicJwk)]) {
      const confused = await new SignJWT({ sub: "mallory" })
        .setProtectedHeader({ alg: "HS256", kid: RSA.kid })
        .setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime("5m")
        .sign(new TextEncoder().encode(secret));
      await assertInvalid(await auth(confused), confused);
    }
    assert.equal(server.calls, 0, "refused before the JWKS is consulted");
    assert.ok(lines.every((l) => l.endsWith("reason=jwt_alg_not_allowed")));
  });
});

Deno.test("jwt: HS256 and none listed in the settings are ignored (with a warning)", async () => {
  await withJwks(async ({ auth, lines }) => {
    assert.match(lines[0] ?? "", /jwt algorithms ignored.*ignored="HS256,none"/);
    const hs = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setIssuer(ISSUER)
      .setAudience(AUDIENCE).setSubject("mallory").setExpirationTime("5m")
      .sign(new TextEncoder().encode("shared-secret-shared-secret-shared"));
    await assertInvalid(await auth(hs));
    assert.ok((await auth(await sign(RSA))).ok);
  }, { extra: { algorithms: ["HS256", "none", "RS256"] } });
});

Deno.test("jwt: an algorithm outside the configured list is refused", async () => {
  await withJwks(async ({ auth }) => {
    await assertInvalid(await auth(await sign(EC)));
    assert.ok((await auth(await sign(RSA))).ok);
  }, { extra: { algorithms: ["RS256"] } });
});

Deno.test("jwt: garbage and tampered tokens → 401 invalid_token", async () => {
  await withJwks(async ({ auth, lines }) => {
    for (const token of ["garbage", "a.b", "aaa.bbb.ccc", "é.x.y", "x".repeat(20_000)]) {
      await assertInvalid(await auth(token), token);
    }
    const good = await sign(RSA);
    const [h, p, s] = good.split(".");
    const forged = `${h}.${
      btoa(JSON.stringify({ sub: "root", aud: AUDIENCE, iss: ISSUER, exp: nowSeconds() + 600 }))
        .replace(/=+$/, "")
    }.${s}`;
    await assertInvalid(await auth(forged));
    await assertInvalid(await auth(`${h}.${p}.${s!.slice(0, -4)}AAAA`));
    assert.ok(lines.some((l) => l.endsWith("reason=jwt_bad_signature")));
    for (const line of lines) assert.ok(!line.includes(good.slice(0, 40)));
  });
});

Deno.test("jwt: missing bearer token → 401 unauthorized; other schemes → invalid_token", async () => {
  await withJwks(async ({ server }) => {
    const authenticator = createAuthenticator(settings(`${server.origin}/jwks.json`), {
      logger: captureLogger(),
    });
    const missing = await authenticator.authenticate(mcpRequest());
    assert.equal(missing.ok, false);
    if (!missing.ok) {
      assert.equal(missing.response.status, 401);
      assert.equal((await bodyOf(missing.response)).error, "unauthorized");
      assert.equal(
        missing.response.headers.get("www-authenticate"),
        `Bearer realm="zscaler-mcp", resource_metadata="${EXAMPLE_METADATA_URL}"`,
      );
    }
    const basic = await authenticator.authenticate(mcpRequest({ Authorization: "Basic dTpw" }));
    await assertInvalid(basic);
    const xApiKey = await authenticator.authenticate(mcpRequest({ "X-Api-Key": await sign(RSA) }));
    assert.equal(xApiKey.ok, false, "jwt mode reads the Authorization header only");
  });
});

Deno.test("jwt: an unknown kid refetches the JWKS at most once per cooldown", async () => {
  const realNow = Date.now;
  let clock = realNow();
  // jose measures its cooldown with Date.now(); drive it with a fake clock.
  Date.now = () => clock;
  try {
    await withJwks(async ({ server, keys, auth, lines }) => {
      assert.ok((await auth(await sign(RSA))).ok);
      assert.equal(server.calls, 1);

      // The issuer rotates in a new key; within the cooldown nobody may trigger a refetch.
      keys.push(ROTATED.publicJwk);
      const rotated = await sign(ROTATED);
      const unknown = await sign(RSA, {}, { kid: "no-such-key" });
      for (let i = 0; i < 5; i++) await assertInvalid(await auth(unknown));
      await assertInvalid(await auth(rotated));
      assert.equal(server.calls, 1, "no refetch within the cooldown");
      assert.ok(lines.every((l) => l.endsWith("reason=jwt_unknown_key")));

      // After the cooldown, one unknown kid triggers one refetch, shared by concurrent requests.
      clock += 30_001;
      const results = await Promise.all(Array.from({ length: 10 }, () => auth(unknown)));
      for (const outcome of results) await assertInvalid(outcome);
      assert.equal(server.calls, 2, "exactly one refetch after the cooldown");
      assert.ok((await auth(rotated)).ok, "the refetched key set has the rotated key");
      for (let i = 0; i < 5; i++) await assertInvalid(await auth(unknown));
      assert.equal(server.calls, 2, "the refetch started a new cooldown");
    });
  } finally {
    Date.now = realNow;
  }
});

Deno.test("jwt: JWKS connection refused → 503, not 401", async () => {
  const port = await closedPort();
  const logger = captureLogger();
  const authenticator = createAuthenticator(
    settings(`http://127.0.0.1:${port}/jwks.json`),
    { logger },
  );
  const token = await sign(RSA);
  await assertUnavailable(
    await authenticator.authenticate(
      mcpRequest({ Authorization: `Bearer ${token}` }),
    ),
  );
  assert.deepEqual(logger.lines, [
    "zscaler-mcp: warn: authentication refused mode=jwt reason=jwks_network",
  ]);
});

Deno.test("jwt: JWKS timeout → 503", async () => {
  const server = startServer(async () => {
    await server.hold();
    return Response.json({ keys: [] });
  });
  const logger = captureLogger();
  try {
    const authenticator = createAuthenticator(settings(`${server.origin}/jwks.json`), {
      logger,
      tuning: { jwksTimeoutMs: 100 },
    });
    const outcome = await authenticator.authenticate(
      mcpRequest({ Authorization: `Bearer ${await sign(RSA)}` }),
    );
    await assertUnavailable(outcome);
    assert.match(logger.lines[0] ?? "", /reason=jwks_timeout$/);
  } finally {
    await server.close();
  }
});

Deno.test("jwt: JWKS answering invalid JSON, a non-JWKS document or HTTP 500 → 503", async () => {
  const answers = [
    {
      response: () =>
        new Response("{not json", { headers: { "content-type": "application/json" } }),
      reason: "jwks_invalid_json",
    },
    { response: () => Response.json({ hello: "world" }), reason: "jwks_invalid_jwks" },
    {
      response: () => Response.json({ keys: [RSA.publicJwk] }, { status: 500 }),
      reason: "jwks_http_status",
    },
  ];
  for (const answer of answers) {
    const server = startServer(answer.response);
    const logger = captureLogger();
    try {
      const authenticator = createAuthenticator(settings(`${server.origin}/jwks.json`), { logger });
      await assertUnavailable(
        await authenticator.authenticate(
          mcpRequest({ Authorization: `Bearer ${await sign(RSA)}` }),
        ),
      );
      assert.match(logger.lines[0] ?? "", new RegExp(`reason=${answer.reason}$`));
    } finally {
      await server.close();
    }
  }
});

Deno.test("jwt: an injected fetch is used for the JWKS", async () => {
  let calls = 0;
  const fakeFetch = ((_url: string | URL | Request) => {
    calls++;
    return Promise.resolve(Response.json({ keys: [RSA.publicJwk] }));
  }) as typeof fetch;
  const authenticator = createAuthenticator(settings("https://idp.example.test/jwks.json"), {
    logger: captureLogger(),
    fetch: fakeFetch,
  });
  const outcome = await authenticator.authenticate(
    mcpRequest({ Authorization: `Bearer ${await sign(RSA)}` }),
  );
  assert.ok(outcome.ok);
  assert.equal(calls, 1);
});

Deno.test("jwt: configuration errors are typed (audience, JWKS URI, algorithms)", () => {
  const logger = captureLogger();
  const base = settings("https://idp.example.test/jwks.json");
  const cases: [Partial<AuthSettings>, string][] = [
    [{ audience: undefined }, "ZSCALER_MCP_AUTH_AUDIENCE"],
    [{ audience: "  " }, "ZSCALER_MCP_AUTH_AUDIENCE"],
    [{ jwksUri: undefined }, "ZSCALER_MCP_AUTH_JWKS_URI"],
    [{ jwksUri: "not a url" }, "ZSCALER_MCP_AUTH_JWKS_URI"],
    [{ jwksUri: "http://idp.example.test/jwks.json" }, "ZSCALER_MCP_AUTH_JWKS_URI"],
    [{ algorithms: [] }, "ZSCALER_MCP_AUTH_ALGORITHMS"],
    [{ algorithms: ["HS256", "none"] }, "ZSCALER_MCP_AUTH_ALGORITHMS"],
  ];
  for (const [change, setting] of cases) {
    assert.throws(
      () => createAuthenticator({ ...base, ...change }, { logger }),
      (error: unknown) => error instanceof AuthConfigError && error.setting === setting,
      JSON.stringify(change),
    );
  }
  assert.doesNotThrow(() =>
    createAuthenticator({ ...base, jwksUri: "http://127.0.0.1:1/jwks.json" }, { logger })
  );
});
