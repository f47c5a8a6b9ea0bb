/**
 * `/mcp` authentication in oidc mode: this server's own tokens, IdP-issued tokens bound to the
 * audience, the 401 challenge on the public origin, 403 insufficient_scope, and 503 when the IdP's
 * keys cannot be had.
 */

import assert from "node:assert/strict";
import { SignJWT, UnsecuredJWT } from "jose";
import {
  AUDIENCE,
  BASE,
  type FakeIdp,
  mcpRequest,
  register,
  SCOPE,
  setup,
  signIn,
  startFakeIdp,
} from "./helpers.ts";

const METADATA = `${BASE}/.well-known/oauth-protected-resource/mcp`;

async function withIdp(
  fn: (idp: FakeIdp) => Promise<void>,
  options: Parameters<typeof startFakeIdp>[0] = {},
): Promise<void> {
  const idp = await startFakeIdp(options);
  try {
    await fn(idp);
  } finally {
    await idp.close();
  }
}

async function refused(outcome: { ok: boolean; response?: Response }) {
  assert.equal(outcome.ok, false);
  const response = (outcome as { response: Response }).response;
  return {
    status: response.status,
    challenge: response.headers.get("www-authenticate"),
    body: await response.json(),
    retryAfter: response.headers.get("retry-after"),
  };
}

Deno.test("resource: no token is 401 with the challenge on the public origin, whatever address was used", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    for (const url of [`${BASE}/mcp`, "http://127.0.0.1:8123/mcp"]) {
      const missing = await refused(await auth.authenticate(new Request(url, { method: "POST" })));
      assert.equal(missing.status, 401);
      assert.equal(
        missing.challenge,
        `Bearer realm="zscaler-mcp", resource_metadata="${METADATA}"`,
      );
      assert.equal(missing.body.error, "unauthorized");
    }
    for (
      const header of [
        "Bearer not-a-jwt",
        "Bearer a.b",
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer a b",
      ]
    ) {
      const bad = await refused(
        await auth.authenticate(new Request(`${BASE}/mcp`, { headers: { authorization: header } })),
      );
      assert.equal(bad.status, 401, header);
      assert.equal(
        bad.challenge,
        `Bearer realm="zscaler-mcp", resource_metadata="${METADATA}", error="invalid_token"`,
        header,
      );
      assert.equal(bad.body.error, "invalid_token", header);
    }
  });
});

Deno.test("resource: this server's token is accepted until it expires; another instance's is not", async () => {
  await withIdp(async (idp) => {
    const { auth, clock } = await setup(idp);
    const client = await register(auth);
    const tokens = await signIn(auth, idp, client);
    const outcome = await auth.authenticate(mcpRequest(tokens.access_token));
    assert.ok(outcome.ok);
    assert.equal(outcome.principal.mode, "oidc");
    assert.equal(outcome.principal.id, "alice");
    assert.equal(outcome.principal.claims?.client_id, client.client_id);
    assert.deepEqual(outcome.principal.scopes, [SCOPE]);

    const other = await setup(idp);
    const elsewhere = await refused(await other.auth.authenticate(mcpRequest(tokens.access_token)));
    assert.equal(elsewhere.status, 401, "signed by another process's key");

    clock.advance(931_000);
    const expired = await refused(await auth.authenticate(mcpRequest(tokens.access_token)));
    assert.equal(expired.status, 401);
    assert.match(expired.challenge!, /error="invalid_token"/);
  });
});

Deno.test("resource: an IdP token is accepted for the audience only, never an ID token", async () => {
  await withIdp(async (idp) => {
    const { auth, logger } = await setup(idp);
    const good = await auth.authenticate(mcpRequest(await idp.accessToken()));
    assert.ok(good.ok);
    assert.equal(good.principal.id, "alice");
    assert.deepEqual(good.principal.scopes, [SCOPE]);
    assert.ok(
      (await auth.authenticate(mcpRequest(await idp.accessToken({ aud: ["other", AUDIENCE] })))).ok,
      "an aud array that contains the audience",
    );
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string][] = [
      ["another audience", await idp.accessToken({ aud: "https://other.example/api" })],
      ["expired", await idp.accessToken({ iat: now - 7200, exp: now - 3600 })],
      ["no exp", await idp.accessToken({ exp: undefined })],
      ["an ID token (nonce)", await idp.accessToken({ nonce: "n" })],
      ["another issuer", await idp.accessToken({ iss: "https://other-idp.example" })],
      [
        "HS256",
        await new SignJWT({ iss: idp.issuer, aud: AUDIENCE, sub: "x", exp: now + 60 })
          .setProtectedHeader({ alg: "HS256" })
          .sign(new TextEncoder().encode("k".repeat(32))),
      ],
      [
        "alg none",
        new UnsecuredJWT({ iss: idp.issuer, aud: AUDIENCE, sub: "x", exp: now + 60 }).encode(),
      ],
    ];
    for (const [name, token] of cases) {
      const answer = await refused(await auth.authenticate(mcpRequest(token)));
      assert.equal(answer.status, 401, name);
      assert.match(answer.challenge!, /error="invalid_token"/, name);
    }
    assert.match(
      logger.lines.join("\n"),
      /authentication refused mode=oidc reason=id_token_presented/,
    );

    const strict = await setup(idp, { audience: undefined });
    const noAudience = await refused(
      await strict.auth.authenticate(mcpRequest(await idp.accessToken())),
    );
    assert.equal(noAudience.status, 401, "without OIDCPROXY_AUDIENCE only own tokens count");
    assert.match(
      strict.logger.lines.join("\n"),
      /authentication refused mode=oidc reason=idp_token_not_accepted/,
    );
  });
});

Deno.test("resource: a valid token without a required scope is 403 insufficient_scope", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    for (const scope of ["other:scope", undefined]) {
      const answer = await refused(
        await auth.authenticate(mcpRequest(await idp.accessToken({ scope }))),
      );
      assert.equal(answer.status, 403, String(scope));
      assert.equal(answer.body.error, "insufficient_scope");
      assert.equal(
        answer.challenge,
        `Bearer error="insufficient_scope", scope="${SCOPE}", resource_metadata="${METADATA}"`,
      );
    }
    assert.ok(
      (await auth.authenticate(
        mcpRequest(await idp.accessToken({ scope: undefined, scp: [SCOPE] })),
      ))
        .ok,
      "scp as an array counts",
    );
  });
});

Deno.test("resource: this server's token lacks a scope the IdP did not grant: 403", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp, { requiredScopes: [SCOPE, "mcp:admin"] });
    const client = await register(auth);
    const tokens = await signIn(auth, idp, client);
    assert.equal(tokens.scope, SCOPE, "only what the IdP granted");
    const answer = await refused(await auth.authenticate(mcpRequest(tokens.access_token)));
    assert.equal(answer.status, 403);
    assert.match(answer.challenge!, /scope="mcp:tools mcp:admin"/);
  }, { grantedScope: `openid ${SCOPE}` });
});

Deno.test("resource: the IdP's keys unavailable is 503 with Retry-After", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    idp.setJwksDown(true);
    const answer = await refused(await auth.authenticate(mcpRequest(await idp.accessToken())));
    assert.equal(answer.status, 503);
    assert.equal(answer.body.error, "temporarily_unavailable");
    assert.equal(answer.retryAfter, "5");
  });
});
