/**
 * OAuth 2.1 mode of the real server process, end to end: a real OpenID provider
 * (`npm:oidc-provider`, tests/helpers/oidc_provider.ts) behind the server's OAuth proxy, a client
 * that discovers, registers and runs authorization code + PKCE with `fetch` and a cookie jar, the
 * MCP SDK v2 client calling a tool with the token it got, against the simulated tenant. Then every
 * way the proxy must refuse, one step each, and resource-server mode with tokens the IdP issued
 * directly.
 */

import assert from "node:assert/strict";
import { decodeJwt } from "jose";
import { connectHttp, ERAS } from "../helpers/clients.ts";
import { postMcp } from "../helpers/messages.ts";
import {
  type AuthServerMetadata,
  Browser,
  discover,
  type Discovery,
  type JsonAnswer,
  OAuthTestClient,
  pkce,
  postRegistration,
  randomString,
} from "../helpers/oauth_client.ts";
import {
  IDP_USER,
  REQUIRED_SCOPE,
  startOidcStack,
  TEST_AUDIENCE,
} from "../helpers/oidc_provider.ts";

/** Calls a read tool through the MCP SDK v2 client with `token`; throws if it fails. */
async function callTool(mcpUrl: string, token: string, era: (typeof ERAS)[number] = ERAS[0]) {
  const client = await connectHttp(mcpUrl, era, {
    headers: { authorization: `Bearer ${token}` },
  });
  try {
    const result = await client.callTool({ name: "zia_get_activation_status" });
    assert.notEqual(result.isError, true, JSON.stringify(result));
    return result;
  } finally {
    await client.close();
  }
}

/** Status of an unauthenticated-or-not `POST /mcp` with `token`, and its challenge. */
async function mcpStatus(mcpUrl: string, token: string) {
  const response = await postMcp(mcpUrl, { authorization: `Bearer ${token}` });
  const body = await response.text();
  return { status: response.status, challenge: response.headers.get("www-authenticate"), body };
}

/** Asserts an RFC 6749 error answer: `error` with 400 (401 is allowed for invalid_client). */
function assertGrantError(answer: JsonAnswer, error: string, message: string) {
  const statuses = error === "invalid_client" ? [400, 401] : [400];
  assert.ok(statuses.includes(answer.status), `${message}: ${answer.status}`);
  assert.equal(answer.body?.error, error, `${message}: ${JSON.stringify(answer.body)}`);
  assert.match(answer.headers.get("cache-control") ?? "", /no-store/, message);
}

/** Every file under `dir` with its text. */
async function filesUnder(dir: string): Promise<{ path: string; text: string; mode: number }[]> {
  const files = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) files.push(...await filesUnder(path));
    else if (entry.isFile) {
      files.push({
        path,
        text: await Deno.readTextFile(path),
        mode: (await Deno.stat(path)).mode ?? 0,
      });
    }
  }
  return files;
}

Deno.test("oidc proxy: discovery, registration, code + PKCE, a tool call, refresh, revoke, and every refusal", async (t) => {
  const stack = await startOidcStack();
  const { idp, baseUrl, mcpUrl } = stack;
  /** Everything secret the test sees; none of it may reach the server's log. */
  const secrets = new Set<string>([idp.client.clientSecret]);
  const keep = (...values: (string | undefined)[]) => {
    for (const value of values) if (value) secrets.add(value);
  };
  let discovery: Discovery;
  let meta: AuthServerMetadata;
  /** Registered before the restart step, used after it. */
  let survivor: OAuthTestClient;
  try {
    await t.step("discovery: the 401 challenge → RFC 9728 → RFC 8414", async () => {
      discovery = await discover(mcpUrl);
      meta = discovery.server;
      assert.equal(
        discovery.resourceMetadataUrl,
        `${baseUrl}/.well-known/oauth-protected-resource/mcp`,
      );
      assert.equal(discovery.resource.resource, mcpUrl);
      assert.deepEqual(discovery.resource.authorization_servers, [baseUrl]);
      assert.deepEqual(discovery.resource.scopes_supported, [REQUIRED_SCOPE]);
      assert.deepEqual(discovery.resource.bearer_methods_supported, ["header"]);
      const root = await (await fetch(`${baseUrl}/.well-known/oauth-protected-resource`)).json();
      assert.equal(root.resource, mcpUrl);

      assert.equal(meta.issuer, baseUrl);
      assert.equal(meta.authorization_endpoint, `${baseUrl}/authorize`);
      assert.equal(meta.token_endpoint, `${baseUrl}/token`);
      assert.equal(meta.registration_endpoint, `${baseUrl}/register`);
      assert.equal(meta.revocation_endpoint, `${baseUrl}/revoke`);
      assert.deepEqual(meta.response_types_supported, ["code"]);
      assert.deepEqual(meta.code_challenge_methods_supported, ["S256"]);
      assert.deepEqual(
        [...(meta.grant_types_supported as string[])].sort(),
        ["authorization_code", "refresh_token"],
      );
      assert.deepEqual(
        [...(meta.token_endpoint_auth_methods_supported as string[])].sort(),
        ["client_secret_basic", "client_secret_post", "none"],
      );
      assert.ok((meta.scopes_supported as string[]).includes(REQUIRED_SCOPE));
      assert.equal(meta.client_id_metadata_document_supported, true);
    });

    await t.step("registration: a public client gets an id and no secret", async () => {
      const answer = await postRegistration(meta, {
        client_name: "public e2e client",
        redirect_uris: ["http://127.0.0.1:40001/callback"],
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
      });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(typeof answer.body.client_id, "string");
      assert.equal(typeof answer.body.client_id_issued_at, "number");
      assert.deepEqual(answer.body.redirect_uris, ["http://127.0.0.1:40001/callback"]);
      assert.equal(answer.body.token_endpoint_auth_method, "none");
      assert.equal(answer.body.client_secret, undefined);
      survivor = new OAuthTestClient(meta, answer.body);
    });

    await t.step(
      "registration: redirect URIs outside the allowed patterns are refused",
      async () => {
        const refused = [
          "https://evil.example/callback",
          "http://evil.example:8080/callback",
          "http://127.0.0.1.evil.example:8080/callback",
          "http://127.0.0.1:8080@evil.example/callback",
          "javascript://127.0.0.1:8080/%0aalert(1)",
          "not a url",
        ];
        for (const uri of refused) {
          const answer = await postRegistration(meta, {
            redirect_uris: ["http://127.0.0.1:40002/callback", uri],
            token_endpoint_auth_method: "none",
          });
          assert.equal(answer.status, 400, `${uri}: ${JSON.stringify(answer.body)}`);
          assert.equal(answer.body.error, "invalid_redirect_uri", uri);
        }
        const none = await postRegistration(meta, { token_endpoint_auth_method: "none" });
        assert.equal(none.status, 400);
        assert.ok(
          ["invalid_redirect_uri", "invalid_client_metadata"].includes(none.body.error),
          JSON.stringify(none.body),
        );
        const grants = await postRegistration(meta, {
          redirect_uris: ["http://127.0.0.1:40002/callback"],
          grant_types: ["client_credentials"],
        });
        assert.equal(grants.status, 400);
        assert.equal(grants.body.error, "invalid_client_metadata");
      },
    );

    await t.step(
      "the whole flow: consent, IdP, callback, token, tool call, refresh, revoke",
      async () => {
        const client = await OAuthTestClient.register(meta, {
          client_name: "Flow <b>client</b>",
          redirect_uris: ["http://127.0.0.1:40003/callback"],
        });
        const browser = new Browser();
        const { params, verifier } = await client.defaults({
          scope: REQUIRED_SCOPE,
          resource: mcpUrl,
        });
        const page = await client.consentPage(browser, params);
        const csp = page.response.headers.get("content-security-policy") ?? "";
        assert.match(csp, /default-src 'none'/);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.match(csp, /base-uri 'none'/);
        const formAction = csp.match(/form-action ([^;]*)/)?.[1] ?? "";
        assert.ok(formAction.includes("'self'"), csp);
        assert.ok(formAction.includes(idp.issuer), `the IdP origin is a form target: ${csp}`);
        assert.ok(formAction.includes("http://127.0.0.1:40003"), `the client origin: ${csp}`);
        assert.equal(page.response.headers.get("x-frame-options"), "DENY");
        assert.match(page.response.headers.get("cache-control") ?? "", /no-store/);
        // No referrer to the IdP or the client (see tests/e2e/oidc_browser.test.ts).
        assert.match(
          page.response.headers.get("referrer-policy") ?? "",
          /^(no-referrer|same-origin)$/,
        );
        assert.ok(!page.html.includes("<b>client</b>"), "the client name is escaped");
        assert.ok(page.html.includes("Flow &lt;b&gt;client&lt;/b&gt;"), page.html);
        assert.ok(page.html.includes(client.clientId));
        assert.ok(page.html.includes("127.0.0.1:40003"), "the redirect host is shown");
        const csrfCookie = page.response.headers.getSetCookie().find((c) => /httponly/i.test(c));
        assert.ok(csrfCookie, "an HttpOnly cookie carries the CSRF binding");
        assert.match(csrfCookie, /samesite=strict/i);
        assert.ok(page.form.fields.txn, "a transaction id");
        assert.ok(page.form.fields.csrf, "a CSRF token");

        const decided = await client.submitDecision(browser, page, "approve");
        assert.ok([302, 303].includes(decided.status), `${decided.status}`);
        const toIdp = new URL(decided.headers.get("location")!);
        assert.equal(toIdp.origin, idp.issuer, "approve goes to the IdP");
        assert.equal(toIdp.searchParams.get("client_id"), idp.client.clientId);
        assert.equal(toIdp.searchParams.get("redirect_uri"), `${baseUrl}/auth/callback`);
        assert.equal(toIdp.searchParams.get("code_challenge_method"), "S256");
        assert.ok(toIdp.searchParams.get("code_challenge"));
        assert.notEqual(toIdp.searchParams.get("code_challenge"), params.code_challenge);
        assert.notEqual(toIdp.searchParams.get("state"), params.state, "its own state");
        assert.ok(toIdp.searchParams.get("nonce"));
        assert.ok(toIdp.searchParams.get("scope")!.split(" ").includes("openid"));
        assert.ok(toIdp.searchParams.get("scope")!.split(" ").includes(REQUIRED_SCOPE));
        const issuedBefore = idp.issued().length;
        const landing = await browser.follow(
          page.form.action,
          decided,
          (url) => client.isRedirect(url),
        );
        assert.equal(landing.response, undefined, "the chain ends at the client's redirect URI");
        const code = landing.url.searchParams.get("code")!;
        assert.ok(code);
        assert.equal(landing.url.searchParams.get("state"), params.state);
        assert.equal(landing.url.searchParams.get("iss"), baseUrl);
        assert.ok(idp.issued().length > issuedBefore, "the proxy redeemed a code at the IdP");

        const tokens = await client.redeem(code, verifier, { resource: mcpUrl });
        assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
        assert.match(tokens.headers.get("cache-control") ?? "", /no-store/);
        assert.equal(String(tokens.body.token_type).toLowerCase(), "bearer");
        assert.ok(tokens.body.expires_in > 0 && tokens.body.expires_in <= 900);
        const { access_token: access, refresh_token: refresh } = tokens.body;
        keep(code, verifier, access, refresh);
        const claims = decodeJwt(access);
        assert.equal(claims.iss, baseUrl, "the server's own token, not the IdP's");
        assert.notEqual(claims.iss, idp.issuer);
        assert.deepEqual([claims.aud].flat(), [mcpUrl]);
        assert.equal(claims.sub, IDP_USER.sub);
        assert.equal(claims.client_id, client.clientId);
        assert.ok(String(claims.scope).split(" ").includes(REQUIRED_SCOPE));
        assert.ok(claims.jti);
        assert.ok(claims.exp! - Math.floor(Date.now() / 1000) <= 900);

        const upstream = idp.issued().flatMap((t) => [t.access_token, t.refresh_token, t.id_token]);
        const seen = JSON.stringify(tokens.body) + landing.url.href + toIdp.href;
        for (const token of upstream) {
          if (!token) continue;
          keep(token);
          assert.ok(!seen.includes(token), "no IdP token ever reaches the client");
        }

        for (const era of ERAS) await callTool(mcpUrl, access, era);

        const rotated = await client.refresh(refresh);
        assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
        assert.match(rotated.headers.get("cache-control") ?? "", /no-store/);
        assert.notEqual(rotated.body.refresh_token, refresh, "the refresh token rotates");
        assert.notEqual(rotated.body.access_token, access);
        keep(rotated.body.access_token, rotated.body.refresh_token);
        await callTool(mcpUrl, rotated.body.access_token);

        const revokedAccess = await client.revoke(rotated.body.access_token, "access_token");
        assert.equal(revokedAccess.status, 200);
        assert.equal((await mcpStatus(mcpUrl, rotated.body.access_token)).status, 401);
        const revokedRefresh = await client.revoke(rotated.body.refresh_token, "refresh_token");
        assert.equal(revokedRefresh.status, 200);
        assertGrantError(
          await client.refresh(rotated.body.refresh_token),
          "invalid_grant",
          "a revoked refresh token",
        );
        assert.equal((await client.revoke(randomString(32))).status, 200, "unknown token: 200");
      },
    );

    await t.step(
      "a confidential client authenticates at /token; a wrong secret is refused",
      async () => {
        for (const method of ["client_secret_basic", "client_secret_post"]) {
          const client = await OAuthTestClient.register(meta, {
            redirect_uris: ["http://127.0.0.1:40004/callback"],
            token_endpoint_auth_method: method,
          });
          assert.equal(typeof client.registration.client_secret, "string", method);
          keep(client.registration.client_secret);
          const result = await client.authorize();
          const forged = new OAuthTestClient(meta, {
            ...client.registration,
            client_secret: randomString(32),
          });
          const wrong = await forged.redeem(result.code!, result.verifier);
          assert.equal(
            wrong.body.error,
            "invalid_client",
            `${method}: ${JSON.stringify(wrong.body)}`,
          );
          const unauthenticated = new OAuthTestClient(meta, {
            ...client.registration,
            token_endpoint_auth_method: "none",
          });
          const anonymous = await unauthenticated.redeem(result.code!, result.verifier);
          assert.equal(anonymous.body.error, "invalid_client", method);
          const fresh = await client.authorize();
          const tokens = await client.redeem(fresh.code!, fresh.verifier);
          assert.equal(tokens.status, 200, `${method}: ${JSON.stringify(tokens.body)}`);
          keep(tokens.body.access_token, tokens.body.refresh_token);
          await callTool(mcpUrl, tokens.body.access_token);
        }
      },
    );

    await t.step(
      "deny on the consent page: access_denied at the client, nothing at the IdP",
      async () => {
        const client = await OAuthTestClient.register(meta, {
          redirect_uris: ["http://127.0.0.1:40005/callback"],
        });
        const result = await client.authorize({ decision: "deny" });
        assert.equal(result.error, "access_denied");
        assert.equal(result.code, undefined);
        assert.ok(result.state);
        assert.equal(result.iss, baseUrl);
        assert.ok(
          result.browser.hops.every((hop) => !hop.url.startsWith(idp.issuer)),
          "the IdP is never asked",
        );
      },
    );

    await t.step("an error from the IdP reaches the client as that error", async () => {
      const client = await OAuthTestClient.register(meta, {
        redirect_uris: ["http://127.0.0.1:40006/callback"],
      });
      idp.denyNext();
      const result = await client.authorize();
      assert.equal(result.error, "access_denied");
      assert.equal(result.code, undefined);
      assert.ok(result.state);
      assert.equal(result.iss, baseUrl);
    });

    await t.step(
      "/authorize: an unregistered redirect URI or client is a 400, never a redirect",
      async () => {
        const client = await OAuthTestClient.register(meta, {
          redirect_uris: ["http://127.0.0.1:40007/callback"],
        });
        const cases: [string, Record<string, string>][] = [
          ["another port", { redirect_uri: "http://127.0.0.1:40008/callback" }],
          ["another path", { redirect_uri: "http://127.0.0.1:40007/other" }],
          ["a longer path", { redirect_uri: "http://127.0.0.1:40007/callback/x" }],
          ["an added query", { redirect_uri: "http://127.0.0.1:40007/callback?x=1" }],
          ["an unknown client", { client_id: randomString(12) }],
        ];
        for (const [name, override] of cases) {
          const { params } = await client.defaults(override);
          const response = await fetch(client.authorizeUrl(params), { redirect: "manual" });
          await response.body?.cancel();
          assert.equal(response.status, 400, name);
          assert.equal(response.headers.get("location"), null, name);
        }
      },
    );

    await t.step(
      "/token: a redirect_uri other than the one authorized is invalid_grant",
      async () => {
        const client = await OAuthTestClient.register(meta, {
          redirect_uris: ["http://127.0.0.1:40009/a", "http://127.0.0.1:40009/b"],
        });
        const result = await client.authorize();
        const answer = await client.redeem(result.code!, result.verifier, {
          redirect_uri: "http://127.0.0.1:40009/b",
        });
        assertGrantError(answer, "invalid_grant", "redirect_uri mismatch");
      },
    );

    await t.step("a replayed code is invalid_grant and revokes what it issued", async () => {
      const client = await OAuthTestClient.register(meta, {
        redirect_uris: ["http://127.0.0.1:40010/callback"],
      });
      const result = await client.authorize();
      const first = await client.redeem(result.code!, result.verifier);
      assert.equal(first.status, 200);
      keep(first.body.access_token, first.body.refresh_token);
      await callTool(mcpUrl, first.body.access_token);
      const replay = await client.redeem(result.code!, result.verifier);
      assertGrantError(replay, "invalid_grant", "replayed code");
      assert.equal(
        (await mcpStatus(mcpUrl, first.body.access_token)).status,
        401,
        "the access token issued from the replayed code is revoked",
      );
      assertGrantError(
        await client.refresh(first.body.refresh_token),
        "invalid_grant",
        "the refresh token issued from the replayed code",
      );
    });

    await t.step("a wrong or missing code_verifier is invalid_grant", async () => {
      const client = await OAuthTestClient.register(meta, {
        redirect_uris: ["http://127.0.0.1:40011/callback"],
      });
      const wrong = await client.authorize();
      const other = await pkce();
      assertGrantError(
        await client.redeem(wrong.code!, other.verifier),
        "invalid_grant",
        "wrong verifier",
      );
      const missing = await client.authorize();
      const answer = await client.token({
        grant_type: "authorization_code",
        code: missing.code!,
        redirect_uri: client.redirectUri,
      });
      assert.equal(answer.status, 400);
      assert.ok(
        ["invalid_grant", "invalid_request"].includes(answer.body.error),
        JSON.stringify(answer.body),
      );
    });

    await t.step("a code issued to one client cannot be redeemed by another", async () => {
      const redirect = "http://127.0.0.1:40012/callback";
      const owner = await OAuthTestClient.register(meta, { redirect_uris: [redirect] });
      const thief = await OAuthTestClient.register(meta, { redirect_uris: [redirect] });
      const result = await owner.authorize();
      assertGrantError(
        await thief.redeem(result.code!, result.verifier),
        "invalid_grant",
        "another client's code",
      );
    });

    await t.step("another client's refresh token is invalid_grant", async () => {
      const owner = await OAuthTestClient.register(meta, {
        redirect_uris: ["http://127.0.0.1:40013/callback"],
      });
      const thief = await OAuthTestClient.register(meta, {
        redirect_uris: ["http://127.0.0.1:40014/callback"],
      });
      const tokens = await owner.signIn();
      keep(tokens.access_token, tokens.refresh_token);
      assertGrantError(
        await thief.refresh(tokens.refresh_token),
        "invalid_grant",
        "another client's refresh token",
      );
    });

    await t.step("/revoke: another client's revocation revokes nothing", async () => {
      const owner = await OAuthTestClient.register(meta, {
        redirect_uris: ["http://127.0.0.1:40019/callback"],
      });
      const thief = await OAuthTestClient.register(meta, {
        redirect_uris: ["http://127.0.0.1:40020/callback"],
      });
      const tokens = await owner.signIn();
      keep(tokens.access_token, tokens.refresh_token);
      for (
        const [token, hint] of [[tokens.access_token, "access_token"], [
          tokens.refresh_token,
          "refresh_token",
        ]] as const
      ) {
        const answer = await thief.revoke(token, hint);
        assert.ok([200, 400, 401].includes(answer.status), `${hint}: ${answer.status}`);
      }
      await callTool(mcpUrl, tokens.access_token);
      const mine = await owner.refresh(tokens.refresh_token);
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      keep(mine.body.access_token, mine.body.refresh_token);
    });

    await t.step("reusing a rotated refresh token revokes the whole family", async () => {
      const client = await OAuthTestClient.register(meta, {
        redirect_uris: ["http://127.0.0.1:40015/callback"],
      });
      const first = await client.signIn();
      const second = await client.refresh(first.refresh_token);
      assert.equal(second.status, 200);
      keep(first.access_token, first.refresh_token, second.body.refresh_token);
      keep(second.body.access_token);
      assertGrantError(
        await client.refresh(first.refresh_token),
        "invalid_grant",
        "a rotated refresh token",
      );
      assertGrantError(
        await client.refresh(second.body.refresh_token),
        "invalid_grant",
        "the newest token of a family whose old token was reused",
      );
    });

    await t.step("PKCE: plain, a missing challenge and a missing method are refused", async () => {
      const client = await OAuthTestClient.register(meta, {
        redirect_uris: ["http://127.0.0.1:40016/callback"],
      });
      const cases: [string, Record<string, string | undefined>][] = [
        ["plain", { code_challenge_method: "plain", code_challenge: randomString(32) }],
        ["no challenge", { code_challenge: undefined, code_challenge_method: undefined }],
        ["no method", { code_challenge_method: undefined }],
      ];
      for (const [name, override] of cases) {
        const { params } = await client.defaults(override);
        const response = await fetch(client.authorizeUrl(params), { redirect: "manual" });
        await response.body?.cancel();
        assert.ok([302, 303].includes(response.status), `${name}: ${response.status}`);
        const back = new URL(response.headers.get("location")!);
        assert.ok(client.isRedirect(back), name);
        assert.equal(back.searchParams.get("error"), "invalid_request", name);
        assert.equal(back.searchParams.get("state"), params.state, name);
        assert.equal(back.searchParams.get("iss"), baseUrl, name);
        assert.equal(back.searchParams.get("code"), null, name);
      }
    });

    await t.step("/authorize: a resource other than this server's /mcp is refused", async () => {
      const client = await OAuthTestClient.register(meta, {
        redirect_uris: ["http://127.0.0.1:40017/callback"],
      });
      const { params } = await client.defaults({ resource: "https://other.example/mcp" });
      const response = await fetch(client.authorizeUrl(params), { redirect: "manual" });
      await response.body?.cancel();
      assert.ok([302, 303].includes(response.status), `${response.status}`);
      const back = new URL(response.headers.get("location")!);
      assert.ok(back.searchParams.get("error"));
      assert.equal(back.searchParams.get("code"), null);
    });

    await t.step(
      "CSRF: a wrong token or a missing cookie is refused; a transaction is single-use",
      async () => {
        const client = await OAuthTestClient.register(meta, {
          redirect_uris: ["http://127.0.0.1:40018/callback"],
        });
        const refusedBy = async (response: Response, name: string) => {
          await response.body?.cancel();
          assert.ok([400, 403].includes(response.status), `${name}: ${response.status}`);
          const location = response.headers.get("location");
          assert.ok(location === null || !location.startsWith(idp.issuer), `${name}: ${location}`);
        };
        const browser = new Browser();
        const { params } = await client.defaults();
        const page = await client.consentPage(browser, params);
        await refusedBy(
          await client.submitDecision(browser, page, "approve", { csrf: randomString(32) }),
          "wrong CSRF token",
        );
        const other = await client.consentPage(new Browser(), (await client.defaults()).params);
        await refusedBy(
          await client.submitDecision(new Browser(), other, "approve"),
          "no cookie",
        );
        await refusedBy(
          await client.submitDecision(browser, page, "approve", { txn: randomString(16) }),
          "unknown transaction",
        );
        const foreign = await client.consentPage(browser, (await client.defaults()).params);
        await refusedBy(
          await browser.request(foreign.form.action, {
            method: "POST",
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              origin: "https://evil.example",
            },
            body: new URLSearchParams({ ...foreign.form.fields, decision: "approve" }),
          }),
          "a post from another site, with the right token and cookie",
        );

        const fresh = new Browser();
        const good = await client.consentPage(fresh, (await client.defaults()).params);
        const approved = await client.submitDecision(fresh, good, "approve");
        await approved.body?.cancel();
        assert.ok([302, 303].includes(approved.status));
        assert.ok(approved.headers.get("location")!.startsWith(idp.issuer));
        await refusedBy(
          await client.submitDecision(fresh, good, "approve"),
          "the same transaction a second time",
        );
      },
    );

    await t.step(
      "resource-server mode: an IdP token with the audience and scope is accepted",
      async () => {
        const token = await idp.accessToken({ scope: REQUIRED_SCOPE });
        keep(token);
        assert.equal(decodeJwt(token).iss, idp.issuer);
        await callTool(mcpUrl, token);
      },
    );

    await t.step("a token without the required scope: 403 insufficient_scope", async () => {
      const token = await idp.accessToken({ scope: "other:scope" });
      keep(token);
      const { status, challenge, body } = await mcpStatus(mcpUrl, token);
      assert.equal(status, 403);
      assert.equal(JSON.parse(body).error, "insufficient_scope");
      assert.match(challenge ?? "", /^Bearer /);
      assert.match(challenge ?? "", /error="insufficient_scope"/);
      assert.match(challenge ?? "", new RegExp(`scope="${REQUIRED_SCOPE}"`));
      assert.match(
        challenge ?? "",
        new RegExp(`resource_metadata="${baseUrl}/\\.well-known/oauth-protected-resource/mcp"`),
      );
      const none = await idp.accessToken({ scope: "" });
      keep(none);
      assert.equal((await mcpStatus(mcpUrl, none)).status, 403, "no scope at all");
    });

    await t.step("an IdP token for another audience: 401", async () => {
      const token = await idp.accessToken({
        scope: REQUIRED_SCOPE,
        resource: "https://other-api.example/",
      });
      keep(token);
      assert.notEqual(decodeJwt(token).aud, TEST_AUDIENCE);
      const { status, challenge } = await mcpStatus(mcpUrl, token);
      assert.equal(status, 401);
      assert.match(challenge ?? "", /error="invalid_token"/);
      assert.match(challenge ?? "", /resource_metadata="/);
      const garbage = await mcpStatus(mcpUrl, "not.a.token");
      assert.equal(garbage.status, 401);
    });

    await t.step("registrations survive a restart (same store directory)", async () => {
      const before = await Deno.stat(stack.storeDir);
      assert.ok(before.isDirectory);
      assert.equal(before.mode! & 0o777, 0o700);
      const files = await filesUnder(stack.storeDir);
      assert.ok(files.length > 0, "the registrations are on disk");
      for (const file of files) {
        assert.equal(file.mode & 0o777, 0o600, file.path);
        for (const secret of secrets) {
          assert.ok(!file.text.includes(secret), `a secret is stored in clear in ${file.path}`);
        }
      }
      await stack.restart();
      const tokens = await survivor.signIn();
      keep(tokens.access_token, tokens.refresh_token);
      await callTool(mcpUrl, tokens.access_token);
    });

    await t.step("an expired code is invalid_grant (OIDCPROXY_CODE_TTL=1)", async () => {
      await stack.restart({ OIDCPROXY_CODE_TTL: "1" });
      const result = await survivor.authorize();
      keep(result.code, result.verifier);
      // Past the one-second lifetime, whatever the rounding of the server's clock.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      assertGrantError(
        await survivor.redeem(result.code!, result.verifier),
        "invalid_grant",
        "an expired code",
      );
    });

    await t.step("the IdP's keys unreachable: its tokens get 503, never a pass", async () => {
      const token = await idp.accessToken({ scope: REQUIRED_SCOPE });
      keep(token);
      idp.setJwksDown(true);
      try {
        await stack.restart(); // a fresh process has no cached keys
        const { status } = await mcpStatus(mcpUrl, token);
        assert.equal(status, 503);
      } finally {
        idp.setJwksDown(false);
      }
      await callTool(mcpUrl, token);
    });

    await t.step("no code, token, secret or verifier reaches the log", () => {
      const log = stack.log();
      for (const secret of secrets) {
        assert.ok(!log.includes(secret), "a secret reached the server's log");
      }
    });
  } finally {
    await stack.close();
  }
});
