/**
 * `/authorize`, `/authorize/decision` and `/auth/callback` through the real router, against a
 * loopback IdP: every check passes once and refuses each way it can.
 */

import assert from "node:assert/strict";
import {
  AUDIENCE,
  authorizeFlow,
  authorizeQuery,
  BASE,
  call,
  consent,
  cookiesOf,
  type FakeIdp,
  pkcePair,
  postForm,
  register,
  SCOPE,
  setup,
  startFakeIdp,
} from "./helpers.ts";
import type { OidcAuthenticator } from "../../../lib/auth/oidc/mod.ts";

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

/** Answers with no redirect and a 400 page. */
async function assertPage(response: Response, status: number, name: string) {
  assert.equal(response.status, status, name);
  assert.equal(response.headers.get("location"), null, `${name}: never a redirect`);
  assert.match(response.headers.get("content-type") ?? "", /text\/html/, name);
  assert.match(response.headers.get("content-security-policy") ?? "", /default-src 'none'/, name);
  await response.body?.cancel();
}

/** A redirect back to the client with `error`, the client's state and this server's iss. */
function assertBack(response: Response, redirectUri: string, error: string, name: string) {
  assert.equal(response.status, 302, name);
  const back = new URL(response.headers.get("location")!);
  assert.equal(`${back.origin}${back.pathname}`, redirectUri, name);
  assert.equal(back.searchParams.get("error"), error, name);
  assert.equal(back.searchParams.get("state"), "client-state-1", name);
  assert.equal(back.searchParams.get("iss"), BASE, name);
  assert.equal(back.searchParams.get("code"), null, name);
}

Deno.test("/authorize: a valid request gets the consent page with a CSRF cookie and strict headers", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    const client = await register(auth, { client_name: "Desk <App>" });
    const page = await consent(
      auth,
      authorizeQuery(client, pkcePair().challenge, { scope: SCOPE }),
    );
    const headers = page.response.headers;
    const csp = headers.get("content-security-policy")!;
    assert.match(csp, new RegExp(`form-action 'self' ${idp.issuer} http://127\\.0\\.0\\.1:7777;`));
    assert.equal(headers.get("x-frame-options"), "DENY");
    assert.equal(headers.get("cache-control"), "no-store");
    assert.equal(headers.get("referrer-policy"), "same-origin");
    const cookie = headers.getSetCookie()[0];
    assert.match(
      cookie,
      /^__Host-zscaler_mcp_csrf=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Strict; Secure$/,
    );
    assert.ok(cookie.includes(page.csrf), "the cookie carries the form's token");
    assert.match(page.html, /Desk &lt;App&gt;/);
    assert.match(page.html, new RegExp(client.client_id));
    assert.match(page.html, /<code>mcp:tools<\/code>/);
  });
});

Deno.test("/authorize: an unknown client or a redirect URI not registered exactly is a 400 page", async () => {
  await withIdp(async (idp) => {
    const { auth, logger } = await setup(idp);
    const client = await register(auth);
    const { challenge } = pkcePair();
    const cases: [string, Record<string, string | undefined>][] = [
      ["unknown client", { client_id: "zmcp-unknown" }],
      ["no client_id", { client_id: undefined }],
      ["no redirect_uri", { redirect_uri: undefined }],
      ["another port", { redirect_uri: "http://127.0.0.1:7778/callback" }],
      ["another path", { redirect_uri: "http://127.0.0.1:7777/other" }],
      ["a longer path", { redirect_uri: "http://127.0.0.1:7777/callback/x" }],
      ["an added query", { redirect_uri: "http://127.0.0.1:7777/callback?x=1" }],
      ["another host", { redirect_uri: "http://localhost:7777/callback" }],
    ];
    for (const [name, overrides] of cases) {
      await assertPage(await call(auth, authorizeQuery(client, challenge, overrides)), 400, name);
    }
    const repeated = `${authorizeQuery(client, challenge)}&redirect_uri=${
      encodeURIComponent("https://evil.example/cb")
    }`;
    await assertPage(await call(auth, repeated), 400, "a repeated parameter");
    const json = await call(auth, authorizeQuery(client, challenge, { client_id: "zmcp-x" }), {
      headers: { accept: "application/json" },
    });
    assert.equal(json.status, 400);
    assert.equal((await json.json()).error, "invalid_client");
    const log = logger.lines.join("\n");
    assert.match(log, /endpoint=authorize reason=unknown_client/);
    assert.match(log, /endpoint=authorize reason=redirect_uri_mismatch/);
  });
});

Deno.test("/authorize: other errors go back to the client with error, state and iss", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    const client = await register(auth);
    const uri = client.redirect_uris[0];
    const { challenge } = pkcePair();
    const cases: [string, Record<string, string | undefined>, string][] = [
      ["no response_type", { response_type: undefined }, "invalid_request"],
      ["implicit", { response_type: "token" }, "unsupported_response_type"],
      [
        "no code_challenge",
        { code_challenge: undefined, code_challenge_method: undefined },
        "invalid_request",
      ],
      ["plain PKCE", { code_challenge_method: "plain" }, "invalid_request"],
      ["no code_challenge_method", { code_challenge_method: undefined }, "invalid_request"],
      ["a malformed challenge", { code_challenge: "short" }, "invalid_request"],
      ["another resource", { resource: "https://other.example/mcp" }, "invalid_target"],
      ["an unknown scope", { scope: "mcp:tools admin" }, "invalid_scope"],
      ["a state too long", { state: "s".repeat(1025) }, "invalid_request"],
    ];
    for (const [name, overrides, error] of cases) {
      const response = await call(auth, authorizeQuery(client, challenge, overrides));
      if (name === "a state too long") {
        assert.equal(response.status, 302, name);
        const back = new URL(response.headers.get("location")!);
        assert.equal(back.searchParams.get("error"), error, name);
        continue;
      }
      assertBack(response, uri, error, name);
    }
    const ok = await call(auth, authorizeQuery(client, challenge, { resource: `${BASE}/mcp` }));
    assert.equal(ok.status, 200, "resource = this server's /mcp is accepted");
  });
});

async function approveUpstream(
  auth: OidcAuthenticator,
  client: { client_id: string; redirect_uris: string[] },
) {
  const { challenge } = pkcePair();
  const page = await consent(auth, authorizeQuery(client, challenge));
  const decided = await postForm(auth, "/authorize/decision", {
    txn: page.txn,
    csrf: page.csrf,
    decision: "approve",
  }, { cookie: page.cookie });
  return { page, decided, challenge };
}

Deno.test("/authorize/decision: approve goes to the IdP with this server's own client, PKCE, state and nonce", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    const client = await register(auth);
    const { decided, challenge } = await approveUpstream(auth, client);
    assert.equal(decided.status, 302);
    const upstream = new URL(decided.headers.get("location")!);
    assert.equal(`${upstream.origin}${upstream.pathname}`, `${idp.issuer}/authorize`);
    const q = upstream.searchParams;
    assert.equal(q.get("response_type"), "code");
    assert.equal(q.get("client_id"), idp.clientId);
    assert.equal(q.get("redirect_uri"), `${BASE}/auth/callback`);
    assert.equal(q.get("code_challenge_method"), "S256");
    assert.match(q.get("code_challenge")!, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(q.get("code_challenge"), challenge, "its own PKCE pair, not the client's");
    assert.match(q.get("state")!, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(q.get("state"), "client-state-1");
    assert.match(q.get("nonce")!, /^[A-Za-z0-9_-]{32}$/);
    assert.equal(q.get("scope"), `openid ${SCOPE} offline_access`);
    assert.equal(q.get("audience"), AUDIENCE);
    assert.equal(q.get("resource"), AUDIENCE, "an absolute-URL audience is also the resource");
    const cookies = decided.headers.getSetCookie();
    assert.ok(
      cookies.some((c) => /^__Host-zscaler_mcp_csrf=; .*Max-Age=0/.test(c)),
      "CSRF cookie cleared",
    );
    assert.ok(
      cookies.some((c) =>
        /^__Host-zscaler_mcp_signin=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/
          .test(c)
      ),
      cookies.join("\n"),
    );
  });
});

Deno.test("/authorize/decision: deny goes back to the client with access_denied; the IdP is never asked", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    const client = await register(auth);
    const page = await consent(auth, authorizeQuery(client, pkcePair().challenge));
    const denied = await postForm(auth, "/authorize/decision", {
      txn: page.txn,
      csrf: page.csrf,
      decision: "deny",
    }, { cookie: page.cookie });
    assertBack(denied, client.redirect_uris[0], "access_denied", "deny");
    assert.equal(idp.tokenCalls.length, 0);
  });
});

Deno.test("/authorize/decision: CSRF, unknown, expired and used transactions are refused", async () => {
  await withIdp(async (idp) => {
    const { auth, clock, logger } = await setup(idp);
    const client = await register(auth);
    const query = () => authorizeQuery(client, pkcePair().challenge);
    const page = await consent(auth, query());
    const other = await consent(auth, query());
    const submit = (fields: Record<string, string>, cookie?: string) =>
      postForm(auth, "/authorize/decision", { decision: "approve", ...fields }, { cookie });
    const refusals: [string, Promise<Response>, number][] = [
      ["wrong CSRF field", submit({ txn: page.txn, csrf: "x".repeat(43) }, page.cookie), 403],
      ["no cookie", submit({ txn: page.txn, csrf: page.csrf }), 403],
      ["no CSRF field", submit({ txn: page.txn }, page.cookie), 403],
      [
        "another transaction's token and cookie",
        submit({ txn: page.txn, csrf: other.csrf }, other.cookie),
        403,
      ],
      ["an unknown transaction", submit({ txn: "nope", csrf: page.csrf }, page.cookie), 400],
      ["no transaction", submit({ csrf: page.csrf }, page.cookie), 400],
      [
        "an answer that is neither",
        submit({ txn: page.txn, csrf: page.csrf, decision: "maybe" }, page.cookie),
        400,
      ],
    ];
    for (const [name, pending, status] of refusals) {
      const response = await pending;
      assert.deepEqual(response.headers.getSetCookie(), [], `${name}: the cookie is left alone`);
      await assertPage(response, status, name);
    }
    const repeated = await call(auth, "/authorize/decision", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `txn=${page.txn}&txn=${other.txn}&csrf=${page.csrf}&decision=approve`,
      cookie: page.cookie,
    });
    await assertPage(repeated, 400, "a repeated field");
    const json = await call(auth, "/authorize/decision", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
      cookie: page.cookie,
    });
    await assertPage(json, 400, "not a form");

    // The refusals above did not use the transaction up: the right answer still works, once.
    const approved = await submit({ txn: page.txn, csrf: page.csrf }, page.cookie);
    assert.equal(approved.status, 302);
    await assertPage(await submit({ txn: page.txn, csrf: page.csrf }, page.cookie), 400, "used");

    const stale = await consent(auth, query());
    clock.advance(601_000);
    await assertPage(
      await submit({ txn: stale.txn, csrf: stale.csrf }, stale.cookie),
      400,
      "expired",
    );
    assert.match(logger.lines.join("\n"), /endpoint=authorize\/decision reason=csrf_mismatch/);
  });
});

Deno.test("/auth/callback: the IdP's answer becomes this server's code for the client; IdP tokens stay here", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    const client = await register(auth);
    const { back } = await authorizeFlow(auth, idp, client);
    assert.equal(`${back.origin}${back.pathname}`, client.redirect_uris[0]);
    assert.match(back.searchParams.get("code")!, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(back.searchParams.get("state"), "client-state-1");
    assert.equal(back.searchParams.get("iss"), BASE);
    for (const token of idp.issued) assert.ok(!back.href.includes(token));
    const call0 = idp.tokenCalls[0];
    assert.equal(call0.authorization, `Basic ${btoa(`${idp.clientId}:${idp.clientSecret}`)}`);
    assert.equal(call0.form.get("grant_type"), "authorization_code");
    assert.equal(call0.form.get("redirect_uri"), `${BASE}/auth/callback`);
    assert.match(call0.form.get("code_verifier")!, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(call0.form.get("resource"), AUDIENCE);
    assert.equal(call0.form.get("client_secret"), null, "Basic, not in the body");
  });
});

Deno.test("/auth/callback: client_secret_post when the IdP supports only that", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    const client = await register(auth);
    await authorizeFlow(auth, idp, client);
    const form = idp.tokenCalls[0].form;
    assert.equal(idp.tokenCalls[0].authorization, null);
    assert.equal(form.get("client_id"), idp.clientId);
    assert.equal(form.get("client_secret"), idp.clientSecret);
  }, { discovery: { token_endpoint_auth_methods_supported: ["client_secret_post"] } });
});

Deno.test("/auth/callback: state and browser binding are checked, single use", async () => {
  await withIdp(async (idp) => {
    const { auth, logger } = await setup(idp);
    const client = await register(auth);
    const { decided } = await approveUpstream(auth, client);
    const callbackUrl = new URL(idp.authorize(decided.headers.get("location")!));
    const path = callbackUrl.pathname + callbackUrl.search;
    const browser = cookiesOf(decided).split("; ").filter((c) => c.includes("signin")).join("; ");
    await assertPage(await call(auth, "/auth/callback?code=x"), 400, "no state");
    const forged = await call(auth, "/auth/callback?code=x&state=unknown", { cookie: browser });
    assert.deepEqual(
      forged.headers.getSetCookie(),
      [],
      "a forged callback leaves the cookie alone",
    );
    await assertPage(forged, 400, "unknown state");
    const stolen = await call(auth, path);
    assert.match(stolen.headers.getSetCookie()[0] ?? "", /^__Host-zscaler_mcp_signin=; /);
    await assertPage(stolen, 403, "no browser cookie");
    await assertPage(await call(auth, path, { cookie: browser }), 400, "the state was used up");
    assert.match(logger.lines.join("\n"), /endpoint=auth\/callback reason=browser_mismatch/);

    const second = await approveUpstream(auth, client);
    const again = new URL(idp.authorize(second.decided.headers.get("location")!));
    await assertPage(
      await call(auth, again.pathname + again.search, { cookie: browser }),
      403,
      "another sign-in's browser cookie",
    );
    await assertPage(
      await call(auth, `${again.pathname}${again.search}&state=x`),
      400,
      "a repeated state",
    );
  });
});

Deno.test("/auth/callback: IdP errors, mix-ups and bad ID tokens go back to the client as errors", async () => {
  await withIdp(async (idp) => {
    const { auth, logger } = await setup(idp);
    const client = await register(auth);
    const uri = client.redirect_uris[0];
    const cases: [string, Parameters<FakeIdp["authorize"]>[1], string, RegExp][] = [
      ["the IdP's error", { error: "access_denied" }, "access_denied", /reason=idp_error/],
      [
        "an error code outside the syntax",
        { error: 'bad"error' },
        "server_error",
        /reason=idp_error/,
      ],
      [
        "another issuer (mix-up)",
        { iss: "https://other-idp.example" },
        "server_error",
        /reason=idp_iss_mismatch/,
      ],
      ["no iss though the IdP sends it", { iss: null }, "server_error", /reason=idp_iss_mismatch/],
      [
        "a wrong nonce",
        { idToken: { nonce: "other" } },
        "server_error",
        /reason=id_token_nonce_mismatch/,
      ],
      [
        "another audience",
        { idToken: { aud: "someone-else" } },
        "server_error",
        /reason=id_token_bad_aud/,
      ],
      [
        "another issuer in the ID token",
        { idToken: { iss: "https://evil" } },
        "server_error",
        /reason=id_token_bad_iss/,
      ],
      [
        "an expired ID token",
        { idToken: { exp: Math.floor(Date.now() / 1000) - 3600 } },
        "server_error",
        /reason=id_token_expired/,
      ],
      [
        "another authorized party",
        { idToken: { azp: "other-client" } },
        "server_error",
        /reason=id_token_bad_azp/,
      ],
    ];
    for (const [name, idpAnswer, error, logged] of cases) {
      const { decided } = await approveUpstream(auth, client);
      const callbackUrl = new URL(idp.authorize(decided.headers.get("location")!, idpAnswer));
      const browser = cookiesOf(decided).split("; ").filter((c) => c.includes("signin")).join("; ");
      const response = await call(auth, callbackUrl.pathname + callbackUrl.search, {
        cookie: browser,
      });
      assertBack(response, uri, error, name);
      assert.match(logger.lines.at(-1)!, logged, name);
    }
  });
});

Deno.test("/auth/callback: a code the IdP refuses is server_error; an IdP outage is temporarily_unavailable", async () => {
  await withIdp(async (idp) => {
    const { auth } = await setup(idp);
    const client = await register(auth);
    const { decided } = await approveUpstream(auth, client);
    const callbackUrl = new URL(idp.authorize(decided.headers.get("location")!));
    callbackUrl.searchParams.set("code", "forged");
    const browser = cookiesOf(decided).split("; ").filter((c) => c.includes("signin")).join("; ");
    assertBack(
      await call(auth, callbackUrl.pathname + callbackUrl.search, { cookie: browser }),
      client.redirect_uris[0],
      "server_error",
      "forged code",
    );
    idp.setJwksDown(true);
    const next = await approveUpstream(auth, client);
    const url = new URL(idp.authorize(next.decided.headers.get("location")!));
    const cookie = cookiesOf(next.decided).split("; ").filter((c) => c.includes("signin")).join(
      "; ",
    );
    assertBack(
      await call(auth, url.pathname + url.search, { cookie }),
      client.redirect_uris[0],
      "temporarily_unavailable",
      "JWKS outage",
    );
  });
});

Deno.test("/auth/callback: an IdP that is down is temporarily_unavailable", async () => {
  const idp = await startFakeIdp();
  const { auth } = await setup(idp, {}, { oidc: { upstreamTimeoutMs: 2000 } });
  const client = await register(auth);
  const { decided } = await approveUpstream(auth, client);
  const url = new URL(idp.authorize(decided.headers.get("location")!));
  await idp.close();
  const cookie = cookiesOf(decided).split("; ").filter((c) => c.includes("signin")).join("; ");
  assertBack(
    await call(auth, url.pathname + url.search, { cookie }),
    client.redirect_uris[0],
    "temporarily_unavailable",
    "IdP down",
  );
});

Deno.test("/auth/callback: an IdP answer after ten minutes is refused", async () => {
  await withIdp(async (idp) => {
    const { auth, clock } = await setup(idp);
    const client = await register(auth);
    const { decided } = await approveUpstream(auth, client);
    const url = new URL(idp.authorize(decided.headers.get("location")!));
    const cookie = cookiesOf(decided).split("; ").filter((c) => c.includes("signin")).join("; ");
    clock.advance(601_000);
    await assertPage(await call(auth, url.pathname + url.search, { cookie }), 400, "expired");
    assert.equal(idp.tokenCalls.length, 0, "the code was never exchanged");
  });
});
