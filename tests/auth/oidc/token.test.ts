/**
 * `/token` and `/revoke` through the real router after real sign-ins at a loopback IdP: codes
 * (single use, expiry, client binding, PKCE, redirect URI), client authentication, refresh
 * rotation with reuse detection, scopes, and revocation.
 */

import assert from "node:assert/strict";
import { decodeJwt, decodeProtectedHeader } from "jose";
import type { OidcAuthenticator } from "../../../lib/auth/oidc/mod.ts";
import {
  authorizeFlow,
  BASE,
  call,
  type FakeIdp,
  mcpRequest,
  postForm,
  register,
  type RegisteredClient,
  SCOPE,
  setup,
  signIn,
  startFakeIdp,
} from "./helpers.ts";

async function withIdp(fn: (idp: FakeIdp) => Promise<void>): Promise<void> {
  const idp = await startFakeIdp();
  try {
    await fn(idp);
  } finally {
    await idp.close();
  }
}

async function token(
  auth: OidcAuthenticator,
  fields: Record<string, string>,
  init: { headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await postForm(auth, "/token", fields, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
}

function assertError(
  answer: { status: number; body: Record<string, unknown>; headers: Headers },
  error: string,
  name: string,
  status = 400,
) {
  assert.equal(answer.status, status, `${name}: ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body.error, error, name);
  assert.equal(typeof answer.body.error_description, "string", name);
  assert.match(answer.headers.get("cache-control") ?? "", /no-store/, name);
}

async function codeFor(auth: OidcAuthenticator, idp: FakeIdp, client: RegisteredClient) {
  const { back, verifier } = await authorizeFlow(auth, idp, client);
  return { code: back.searchParams.get("code")!, verifier };
}

const redeem = (client: RegisteredClient, code: string, verifier: string) => ({
  grant_type: "authorization_code",
  code,
  redirect_uri: client.redirect_uris[0],
  code_verifier: verifier,
  client_id: client.client_id,
});

Deno.test("token: a code becomes this server's own ES256 access token and a refresh token", async () => {
  await withIdp(async (idp) => {
    const { auth, logger } = await setup(idp);
    const client = await register(auth);
    const { code, verifier } = await codeFor(auth, idp, client);
    const answer = await token(auth, redeem(client, code, verifier));
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get("cache-control")!, /no-store/);
    assert.equal(answer.body.token_type, "Bearer");
    assert.equal(answer.body.expires_in, 900);
    assert.equal(answer.body.scope, SCOPE);
    assert.match(answer.body.refresh_token as string, /^[A-Za-z0-9_-]{43}$/);
    const access = answer.body.access_token as string;
    assert.deepEqual(
      { alg: decodeProtectedHeader(access).alg, typ: decodeProtectedHeader(access).typ },
      { alg: "ES256", typ: "at+jwt" },
    );
    const claims = decodeJwt(access);
    assert.equal(claims.iss, BASE);
    assert.equal(claims.aud, `${BASE}/mcp`);
    assert.equal(claims.sub, "alice");
    assert.equal(claims.client_id, client.client_id);
    assert.equal(claims.scope, SCOPE);
    assert.equal(claims.exp! - claims.iat!, 900);
    assert.match(claims.jti!, /^[A-Za-z0-9_-]{22}$/);
    const text = JSON.stringify(answer.body);
    for (const upstream of idp.issued) assert.ok(!text.includes(upstream), "no IdP token leaks");
    const outcome = await auth.authenticate(mcpRequest(access));
    assert.ok(outcome.ok);
    const log = logger.lines.join("\n");
    for (
      const secret of [code, verifier, access, answer.body.refresh_token as string, ...idp.issued]
    ) {
      assert.ok(!log.includes(secret), "nothing secret reaches the log");
    }
  });
});

Deno.test("token: a replayed code is invalid_grant and revokes every token issued from it", async () => {
  await withIdp(async (idp) => {
    const { auth, logger } = await setup(idp);
    const client = await register(auth);
    const { code, verifier } = await codeFor(auth, idp, client);
    const first = await token(auth, redeem(client, code, verifier));
    assert.equal(first.status, 200);
    assertError(await token(auth, redeem(client, code, verifier)), "invalid_grant", "replay");
    assert.equal(
      (await auth.authenticate(mcpRequest(first.body.access_token as string))).ok,
      false,
    );
    assertError(
      await token(auth, {
        grant_type: "refresh_token",
        refresh_token: first.body.refresh_token as string,
        client_id: client.client_id,
      }),
      "invalid_grant",
      "the refresh token from the replayed code",
    );
    assert.match(logger.lines.join("\n"), /endpoint=token reason=code_replayed/);
  });
});

Deno.test("token: an expired code, a wrong verifier, another redirect URI or another client is invalid_grant", async () => {
  await withIdp(async (idp) => {
    const { auth, clock } = await setup(idp, { codeTtlSeconds: 1 });
    const client = await register(auth, {
      redirect_uris: ["http://127.0.0.1:7777/callback", "http://127.0.0.1:7777/other"],
    });
    const thief = await register(auth);

    const expired = await codeFor(auth, idp, client);
    clock.advance(1_001);
    assertError(
      await token(auth, redeem(client, expired.code, expired.verifier)),
      "invalid_grant",
      "expired",
    );

    const stolen = await codeFor(auth, idp, client);
    assertError(
      await token(auth, {
        ...redeem(client, stolen.code, stolen.verifier),
        client_id: thief.client_id,
      }),
      "invalid_grant",
      "another client",
    );
    const owner = await token(auth, redeem(client, stolen.code, stolen.verifier));
    assert.equal(owner.status, 200, "the thief's attempt did not burn the owner's code");

    const redirected = await codeFor(auth, idp, client);
    assertError(
      await token(auth, {
        ...redeem(client, redirected.code, redirected.verifier),
        redirect_uri: "http://127.0.0.1:7777/other",
      }),
      "invalid_grant",
      "another registered redirect URI",
    );

    const guessed = await codeFor(auth, idp, client);
    assertError(
      await token(auth, redeem(client, guessed.code, "v".repeat(43))),
      "invalid_grant",
      "a wrong verifier",
    );
    assertError(
      await token(auth, redeem(client, guessed.code, guessed.verifier)),
      "invalid_grant",
      "a wrong verifier used the code up",
    );
    assertError(
      await token(auth, redeem(client, "made-up", "v".repeat(43))),
      "invalid_grant",
      "unknown",
    );

    const missing = await codeFor(auth, idp, client);
    const { code_verifier: _, ...noVerifier } = redeem(client, missing.code, missing.verifier);
    assertError(await token(auth, noVerifier), "invalid_request", "no verifier");
    assertError(
      await token(auth, {
        ...redeem(client, missing.code, missing.verifier),
        resource: "https://x/mcp",
      }),
      "invalid_target",
      "another resource",
    );
    const ok = await token(auth, {
      ...redeem(client, missing.code, missing.verifier),
      resource: `${BASE}/mcp`,
    });
    assert.equal(ok.status, 200, "resource = this server's /mcp");
  });
});

Deno.test("token: refresh tokens rotate; reuse revokes the family; another client's is refused", async () => {
  await withIdp(async (idp) => {
    const { auth, logger } = await setup(idp);
    const client = await register(auth);
    const other = await register(auth, { redirect_uris: ["http://127.0.0.1:8888/cb"] });
    const first = await signIn(auth, idp, client);
    const refresh = (refreshToken: string, clientId = client.client_id, extra = {}) =>
      token(auth, {
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        client_id: clientId,
        ...extra,
      });

    assertError(
      await refresh(first.refresh_token, other.client_id),
      "invalid_grant",
      "another client",
    );
    const second = await refresh(first.refresh_token);
    assert.equal(second.status, 200, "the other client's attempt did not burn it");
    assert.notEqual(second.body.refresh_token, first.refresh_token, "rotated");
    assert.notEqual(second.body.access_token, first.access_token);
    assert.ok((await auth.authenticate(mcpRequest(second.body.access_token as string))).ok);

    const narrowed = await refresh(second.body.refresh_token as string, client.client_id, {
      scope: SCOPE,
    });
    assert.equal(narrowed.status, 200);
    assertError(
      await refresh(narrowed.body.refresh_token as string, client.client_id, {
        scope: "mcp:admin",
      }),
      "invalid_scope",
      "a scope beyond the grant",
    );
    const third = await refresh(narrowed.body.refresh_token as string);
    assert.equal(third.status, 200, "a refused scope did not use the token up");

    assertError(await refresh(first.refresh_token), "invalid_grant", "reuse of a rotated token");
    assertError(
      await refresh(third.body.refresh_token as string),
      "invalid_grant",
      "the family is revoked",
    );
    assert.equal(
      (await auth.authenticate(mcpRequest(third.body.access_token as string))).ok,
      false,
    );
    assert.match(logger.lines.join("\n"), /endpoint=token reason=refresh_reused/);
  });
});

Deno.test("token: a refresh token expires; a client without the refresh grant gets none", async () => {
  await withIdp(async (idp) => {
    const { auth, clock } = await setup(idp);
    const client = await register(auth);
    const tokens = await signIn(auth, idp, client);
    const codeOnly = await register(auth, { grant_types: ["authorization_code"] });
    const answer = await signIn(auth, idp, codeOnly);
    assert.equal(answer.refresh_token, undefined);
    assertError(
      await token(auth, {
        grant_type: "refresh_token",
        refresh_token: "x",
        client_id: codeOnly.client_id,
      }),
      "unauthorized_client",
      "the refresh grant is not registered",
    );
    clock.advance(86_400_001);
    assertError(
      await token(auth, {
        grant_type: "refresh_token",
        refresh_token: tokens.refresh_token,
        client_id: client.client_id,
      }),
      "invalid_grant",
      "expired",
    );
  });
});

Deno.test("token: client authentication of confidential and public clients", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    const basic = await register(auth, { token_endpoint_auth_method: "client_secret_basic" });
    const post = await register(auth, { token_endpoint_auth_method: "client_secret_post" });
    const pub = await register(auth);
    const header = (id: string, secret: string) => ({
      authorization: `Basic ${btoa(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`,
    });

    const a = await codeFor(auth, idp, basic);
    const { client_id: _, ...withoutId } = redeem(basic, a.code, a.verifier);
    assertError(
      await token(auth, withoutId, { headers: header(basic.client_id, "wrong") }),
      "invalid_client",
      "wrong secret",
      401,
    );
    assertError(
      await token(auth, redeem(basic, a.code, a.verifier)),
      "invalid_client",
      "no secret",
      401,
    );
    assertError(
      await token(auth, {
        ...redeem(basic, a.code, a.verifier),
        client_secret: basic.client_secret!,
      }, {
        headers: header(basic.client_id, basic.client_secret!),
      }),
      "invalid_request",
      "two methods at once",
    );
    const refused = await postForm(auth, "/token", withoutId, {
      headers: header(basic.client_id, "wrong"),
    });
    assert.match(refused.headers.get("www-authenticate") ?? "", /^Basic realm=/);
    const ok = await token(auth, withoutId, {
      headers: header(basic.client_id, basic.client_secret!),
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));

    const b = await codeFor(auth, idp, post);
    const viaPost = await token(auth, {
      ...redeem(post, b.code, b.verifier),
      client_secret: post.client_secret!,
    });
    assert.equal(viaPost.status, 200);

    const c = await codeFor(auth, idp, pub);
    assertError(
      await token(auth, { ...redeem(pub, c.code, c.verifier), client_secret: "anything" }),
      "invalid_client",
      "a public client presenting a secret",
      401,
    );
    assertError(
      await token(auth, { ...redeem(pub, c.code, c.verifier), client_id: "zmcp-unknown" }),
      "invalid_client",
      "an unknown client",
      401,
    );
    assertError(
      await token(auth, redeem(pub, c.code, c.verifier), {
        headers: { authorization: "Bearer x" },
      }),
      "invalid_client",
      "another scheme",
      401,
    );
  });
});

Deno.test("token: malformed requests", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    const client = await register(auth);
    assertError(
      await token(auth, { client_id: client.client_id }),
      "invalid_request",
      "no grant_type",
    );
    assertError(
      await token(auth, { grant_type: "password", client_id: client.client_id }),
      "unsupported_grant_type",
      "password grant",
    );
    assertError(
      await token(auth, { grant_type: "refresh_token", client_id: client.client_id }),
      "invalid_request",
      "no refresh_token",
    );
    const empty = await postForm(auth, "/token", {});
    assert.equal(empty.status, 400);
    const twice = await call(auth, "/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=authorization_code&grant_type=refresh_token",
    });
    assert.equal(twice.status, 400);
    assert.equal((await twice.json()).error, "invalid_request");
    const json = await call(auth, "/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(json.status, 400);
    const get = await call(auth, "/token");
    assert.equal(get.status, 405);
  });
});

Deno.test("revoke: a refresh token revokes its family, an access token only itself; unknown is 200; only the owner may", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    const client = await register(auth);
    const other = await register(auth, { redirect_uris: ["http://127.0.0.1:8888/cb"] });
    const revoke = (value: string, clientId = client.client_id) =>
      postForm(auth, "/revoke", { token: value, client_id: clientId });

    const a = await signIn(auth, idp, client);
    const foreign = await revoke(a.access_token, other.client_id);
    assert.equal(foreign.status, 400);
    assert.equal((await foreign.json()).error, "unauthorized_client");
    assert.equal((await revoke(a.refresh_token, other.client_id)).status, 400);
    assert.ok((await auth.authenticate(mcpRequest(a.access_token))).ok, "nothing was revoked");

    const revoked = await revoke(a.access_token);
    assert.equal(revoked.status, 200);
    assert.match(revoked.headers.get("cache-control") ?? "", /no-store/);
    assert.equal((await auth.authenticate(mcpRequest(a.access_token))).ok, false);
    const refreshed = await token(auth, {
      grant_type: "refresh_token",
      refresh_token: a.refresh_token,
      client_id: client.client_id,
    });
    assert.equal(refreshed.status, 200, "revoking an access token leaves the grant alive");
    const fresh = refreshed.body.access_token as string;
    assert.ok((await auth.authenticate(mcpRequest(fresh))).ok);

    assert.equal((await revoke(refreshed.body.refresh_token as string)).status, 200);
    assert.equal((await auth.authenticate(mcpRequest(fresh))).ok, false, "the family is revoked");

    assert.equal((await revoke("unknown-token")).status, 200);
    assert.equal((await revoke("a.b.c")).status, 200);
    assert.equal((await revoke(await idp.accessToken())).status, 200, "not ours: nothing to do");
    const noToken = await postForm(auth, "/revoke", { client_id: client.client_id });
    assert.equal(noToken.status, 400);
    const noClient = await postForm(auth, "/revoke", { token: "x" });
    assert.equal(noClient.status, 401);
  });
});
