import assert from "node:assert/strict";
import * as jose from "jose";
import { JWT_BEARER_ASSERTION_TYPE, type SimServer } from "../../lib/sim/mod.ts";
import { call, obj, read, tokenRequest, withSim, ZIA } from "./_helpers.ts";

const AUD = "https://api.zscaler.com";

const secretForm = (extra: Record<string, string> = {}) => ({
  grant_type: "client_credentials",
  client_id: "sim-client-id",
  client_secret: "sim-client-secret",
  audience: AUD,
  ...extra,
});

async function assertion(
  key: CryptoKey,
  alg: "RS256" | "ES256",
  claims: { iss?: string; sub?: string; aud?: string; exp?: number | null; iat?: boolean } = {},
): Promise<string> {
  const jwt = new jose.SignJWT({})
    .setProtectedHeader({ alg })
    .setIssuer(claims.iss ?? "pk-client")
    .setSubject(claims.sub ?? "pk-client")
    .setAudience(claims.aud ?? AUD);
  if (claims.exp !== null) jwt.setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600);
  if (claims.iat) jwt.setIssuedAt();
  return await jwt.sign(key);
}

function assertionForm(jwt: string, clientId: string | null = "pk-client") {
  return {
    grant_type: "client_credentials",
    ...(clientId === null ? {} : { client_id: clientId }),
    client_assertion: jwt,
    client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
    audience: AUD,
  };
}

async function assertOk(sim: SimServer, reply: Awaited<ReturnType<typeof tokenRequest>>) {
  assert.equal(reply.status, 200, reply.text);
  const body = obj(reply);
  assert.equal(body.token_type, "Bearer");
  assert.equal(typeof body.expires_in, "number");
  const accessToken = body.access_token as string;
  // The token works at the gateway.
  const status = await call(sim, accessToken, "GET", `${ZIA}/status`);
  assert.equal(status.status, 200);
  return accessToken;
}

Deno.test("token: client secret in the form mints a real JWT with service-info", async () => {
  await withSim({}, async (sim) => {
    const reply = await tokenRequest(sim, secretForm());
    assert.equal(reply.headers.get("content-type"), "application/json;charset=UTF-8");
    assert.deepEqual(Object.keys(obj(reply)).sort(), ["access_token", "expires_in", "token_type"]);
    assert.equal(obj(reply).expires_in, 3600);
    const accessToken = await assertOk(sim, reply);
    assert.equal(accessToken.split(".").length, 3);
    const claims = jose.decodeJwt(accessToken);
    assert.equal(claims.sub, "sim-client-id");
    assert.equal(claims.client_id, "sim-client-id");
    assert.equal(claims.iss, "https://sandbox.zslogin.net");
    assert.equal(typeof claims.iat, "number");
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 3600);
    const info = claims["service-info"] as { prd: string; rnm: string; tnt: string }[];
    assert.deepEqual(
      info.map((i) => i.prd),
      ["ZIA", "ZPA", "ZDX", "ZCC", "ZIAM", "ZINSIGHTS", "ZEASM", "ZMS", "CLOUD_CONNECTOR"],
    );
    for (const entry of info) {
      assert.equal(typeof entry.rnm, "string");
      assert.equal(typeof entry.tnt, "string");
    }
    assert.equal(sim.tenant.tokenRequests(), 1);
  });
});

Deno.test("token: HTTP Basic client authentication", async () => {
  await withSim({}, async (sim) => {
    const basic = btoa("sim-client-id:sim-client-secret");
    const reply = await tokenRequest(
      sim,
      { grant_type: "client_credentials", audience: AUD },
      { authorization: `Basic ${basic}` },
    );
    await assertOk(sim, reply);
  });
});

Deno.test("token: RS256 client_assertion with a CryptoKey public key", async () => {
  const { publicKey, privateKey } = await jose.generateKeyPair("RS256");
  await withSim({ clients: [{ clientId: "pk-client", publicKey }] }, async (sim) => {
    const reply = await tokenRequest(sim, assertionForm(await assertion(privateKey, "RS256")));
    await assertOk(sim, reply);
    // Without client_id in the form: the client is taken from the assertion.
    const noId = await tokenRequest(
      sim,
      assertionForm(await assertion(privateKey, "RS256"), null),
    );
    await assertOk(sim, noId);
  });
});

Deno.test("token: ES256 client_assertion with a JWK public key and the vanity audience", async () => {
  const { publicKey, privateKey } = await jose.generateKeyPair("ES256", { extractable: true });
  const jwk = await jose.exportJWK(publicKey);
  await withSim({ clients: [{ clientId: "pk-client", publicKey: jwk }] }, async (sim) => {
    const vanity = await assertion(privateKey, "ES256", {
      aud: "https://sandbox.zslogin.net",
      iat: true,
    });
    await assertOk(sim, await tokenRequest(sim, assertionForm(vanity)));
    const own = await assertion(privateKey, "ES256", { aud: sim.tokenUrl });
    await assertOk(sim, await tokenRequest(sim, assertionForm(own)));
  });
});

Deno.test("token: assertion failures are 401 invalid_client", async () => {
  const { publicKey, privateKey } = await jose.generateKeyPair("RS256");
  const other = await jose.generateKeyPair("RS256");
  await withSim({ clients: [{ clientId: "pk-client", publicKey }] }, async (sim) => {
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string][] = [
      ["wrong key", await assertion(other.privateKey, "RS256")],
      ["expired", await assertion(privateKey, "RS256", { exp: now - 60 })],
      ["no exp", await assertion(privateKey, "RS256", { exp: null })],
      ["wrong issuer", await assertion(privateKey, "RS256", { iss: "someone-else" })],
      ["wrong audience", await assertion(privateKey, "RS256", { aud: "https://evil.example" })],
      ["not a JWT", "not.a.jwt"],
    ];
    for (const [label, jwt] of cases) {
      const reply = await tokenRequest(sim, assertionForm(jwt));
      assert.equal(reply.status, 401, label);
      assert.deepEqual(
        obj(reply),
        { error: "invalid_client", error_description: "Client authentication failed" },
        label,
      );
    }
    // A HS256 assertion is not accepted (algorithm allow-list).
    const hs = await new jose.SignJWT({}).setProtectedHeader({ alg: "HS256" })
      .setIssuer("pk-client").setSubject("pk-client").setAudience(AUD).setExpirationTime("5m")
      .sign(new Uint8Array(32));
    assert.equal((await tokenRequest(sim, assertionForm(hs))).status, 401);
    // Wrong assertion type is a malformed request.
    const wrongType = await tokenRequest(sim, {
      ...assertionForm(await assertion(privateKey, "RS256")),
      client_assertion_type: "urn:example:other",
    });
    assert.equal(wrongType.status, 400);
    assert.equal(obj(wrongType).error, "invalid_request");
  });
});

Deno.test("token: bad secrets are 401 and never echoed", async () => {
  await withSim({}, async (sim) => {
    const bad = await tokenRequest(sim, secretForm({ client_secret: "hunter2-wrong-secret" }));
    assert.equal(bad.status, 401);
    assert.deepEqual(obj(bad), {
      error: "invalid_client",
      error_description: "Client authentication failed",
    });
    assert.ok(!bad.text.includes("hunter2"));
    const unknown = await tokenRequest(sim, secretForm({ client_id: "nobody" }));
    assert.equal(unknown.status, 401);
    const basic = await tokenRequest(
      sim,
      { grant_type: "client_credentials", audience: AUD },
      { authorization: `Basic ${btoa("sim-client-id:nope")}` },
    );
    assert.equal(basic.status, 401);
    assert.ok(basic.headers.get("www-authenticate")?.startsWith("Basic"));
    const noSecret = await tokenRequest(sim, {
      grant_type: "client_credentials",
      client_id: "sim-client-id",
      audience: AUD,
    });
    assert.equal(noSecret.status, 401);
    // Recorded token bodies redact credentials.
    const recorded = sim.tenant.requests.filter((r) => r.service === "token");
    assert.equal(recorded.length, 4);
    assert.ok(!JSON.stringify(sim.tenant.requests).includes("hunter2"));
    assert.equal((recorded[0].body as Record<string, string>).client_secret, "[REDACTED]");
    assert.equal(recorded[0].status, 401);
  });
});

Deno.test("token: malformed requests are 400 with RFC 6749 error codes", async () => {
  await withSim({}, async (sim) => {
    const expectError = async (reply: Promise<Awaited<ReturnType<typeof read>>>, error: string) => {
      const r = await reply;
      assert.equal(r.status, 400, r.text);
      assert.equal(obj(r).error, error);
      assert.equal(typeof obj(r).error_description, "string");
    };
    const { audience: _a, ...noAudience } = secretForm();
    await expectError(tokenRequest(sim, noAudience), "invalid_request");
    await expectError(
      tokenRequest(sim, secretForm({ audience: "https://evil.example" })),
      "invalid_request",
    );
    await expectError(
      tokenRequest(sim, secretForm({ grant_type: "password" })),
      "unsupported_grant_type",
    );
    const { grant_type: _g, ...noGrant } = secretForm();
    await expectError(tokenRequest(sim, noGrant), "invalid_request");
    await expectError(
      fetch(sim.tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(secretForm()),
      }).then(read),
      "invalid_request",
    );
    // Two authentication methods at once.
    await expectError(
      tokenRequest(sim, secretForm(), {
        authorization: `Basic ${btoa("sim-client-id:sim-client-secret")}`,
      }),
      "invalid_request",
    );
    const get = await fetch(sim.tokenUrl).then(read);
    assert.equal(get.status, 405);
    assert.equal(sim.tenant.tokenRequests(), 7);
  });
});

Deno.test("token: per-client services and TTL", async () => {
  await withSim({
    clients: [{ clientId: "zia-only", clientSecret: "s3cret", services: ["ZIA"] }],
    tokenTtlSeconds: 120,
  }, async (sim) => {
    const reply = await tokenRequest(
      sim,
      secretForm({ client_id: "zia-only", client_secret: "s3cret" }),
    );
    assert.equal(reply.status, 200);
    assert.equal(obj(reply).expires_in, 120);
    const claims = jose.decodeJwt(obj(reply).access_token as string);
    assert.deepEqual((claims["service-info"] as { prd: string }[]).map((i) => i.prd), ["ZIA"]);
  });
});
