import assert from "node:assert/strict";
import { createOidcAuthenticator } from "../../../lib/auth/oidc/mod.ts";
import { sha256 } from "../../../lib/auth/oidc/crypto.ts";
import { STORE_FILE } from "../../../lib/auth/oidc/store.ts";
import { captureLogger } from "../helpers.ts";
import { call, oidcSettings, register, setup, startFakeIdp } from "./helpers.ts";

function postJson(body: unknown, type = "application/json"): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": type },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

Deno.test("register: a public client gets an id, no secret, and its metadata back (201)", async () => {
  const idp = await startFakeIdp();
  try {
    const { auth, logger } = await setup(idp);
    const response = await call(
      auth,
      "/register",
      postJson({
        client_name: "MCP CLI Proxy",
        client_uri: "https://github.com/example",
        logo_uri: "https://example/logo.png",
        redirect_uris: ["http://localhost:3334/oauth/callback"],
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        software_id: "mcp-remote",
        software_version: "0.1",
      }),
    );
    assert.equal(response.status, 201);
    assert.match(response.headers.get("cache-control") ?? "", /no-store/);
    const body = await response.json();
    assert.match(body.client_id, /^zmcp-[A-Za-z0-9_-]{32}$/);
    assert.equal(typeof body.client_id_issued_at, "number");
    assert.equal(body.client_secret, undefined);
    assert.deepEqual(body.redirect_uris, ["http://localhost:3334/oauth/callback"]);
    assert.equal(body.token_endpoint_auth_method, "none");
    assert.deepEqual(body.grant_types, ["authorization_code", "refresh_token"]);
    assert.deepEqual(body.response_types, ["code"]);
    assert.equal(body.client_name, "MCP CLI Proxy");
    assert.equal(body.software_id, "mcp-remote");
    assert.equal(body.logo_uri, undefined, "metadata this server does not use is not echoed");
    assert.equal(body.secret_hash, undefined);
    assert.match(logger.lines.join("\n"), /oauth client registered client_id=zmcp-/);
  } finally {
    await idp.close();
  }
});

Deno.test("register: a confidential client gets a secret once; only its hash is stored", async () => {
  const idp = await startFakeIdp();
  try {
    const settings = oidcSettings(idp);
    const auth = await createOidcAuthenticator(settings, { logger: captureLogger() });
    for (const method of ["client_secret_basic", "client_secret_post", undefined]) {
      const body = await register(auth, { token_endpoint_auth_method: method });
      assert.equal(body.token_endpoint_auth_method ?? "", method ?? "client_secret_basic");
      assert.match(body.client_secret!, /^[A-Za-z0-9_-]{43}$/);
      assert.equal((body as Record<string, unknown>).client_secret_expires_at, 0);
      const stored = Deno.readTextFileSync(`${settings.oidc!.storeDir}/${STORE_FILE}`);
      assert.ok(!stored.includes(body.client_secret!), "the secret is not stored");
      assert.ok(stored.includes(sha256(body.client_secret!)), "its hash is");
    }
  } finally {
    await idp.close();
  }
});

Deno.test("register: every invalid registration is refused with the RFC 7591 error", async () => {
  const idp = await startFakeIdp();
  try {
    const { auth, logger } = await setup(idp);
    const good = {
      redirect_uris: ["http://127.0.0.1:5000/cb"],
      token_endpoint_auth_method: "none",
    };
    const cases: [string, RequestInit, number, string][] = [
      [
        "no redirect_uris",
        postJson({ token_endpoint_auth_method: "none" }),
        400,
        "invalid_redirect_uri",
      ],
      [
        "empty redirect_uris",
        postJson({ ...good, redirect_uris: [] }),
        400,
        "invalid_redirect_uri",
      ],
      [
        "redirect_uris not strings",
        postJson({ ...good, redirect_uris: [5] }),
        400,
        "invalid_redirect_uri",
      ],
      [
        "too many redirect_uris",
        postJson({
          ...good,
          redirect_uris: Array.from({ length: 11 }, (_, i) => `http://127.0.0.1:${5000 + i}/cb`),
        }),
        400,
        "invalid_redirect_uri",
      ],
      [
        "a non-loopback redirect URI",
        postJson({
          ...good,
          redirect_uris: ["http://127.0.0.1:5000/cb", "https://evil.example/cb"],
        }),
        400,
        "invalid_redirect_uri",
      ],
      [
        "userinfo trick",
        postJson({ ...good, redirect_uris: ["http://127.0.0.1:8080@evil.example/cb"] }),
        400,
        "invalid_redirect_uri",
      ],
      [
        "javascript scheme",
        postJson({ ...good, redirect_uris: ["javascript://127.0.0.1:8080/%0aalert(1)"] }),
        400,
        "invalid_redirect_uri",
      ],
      [
        "client_credentials grant",
        postJson({ ...good, grant_types: ["client_credentials"] }),
        400,
        "invalid_client_metadata",
      ],
      [
        "refresh only",
        postJson({ ...good, grant_types: ["refresh_token"] }),
        400,
        "invalid_client_metadata",
      ],
      [
        "implicit response type",
        postJson({ ...good, response_types: ["token"] }),
        400,
        "invalid_client_metadata",
      ],
      [
        "private_key_jwt",
        postJson({ ...good, token_endpoint_auth_method: "private_key_jwt" }),
        400,
        "invalid_client_metadata",
      ],
      [
        "control characters in the name",
        postJson({ ...good, client_name: "Good\u202eevil" }),
        400,
        "invalid_client_metadata",
      ],
      [
        "a name too long",
        postJson({ ...good, client_name: "x".repeat(201) }),
        400,
        "invalid_client_metadata",
      ],
      [
        "an unknown scope",
        postJson({ ...good, scope: "mcp:tools admin:everything" }),
        400,
        "invalid_client_metadata",
      ],
      ["not JSON", postJson("{nope"), 400, "invalid_client_metadata"],
      ["a JSON array", postJson([good]), 400, "invalid_client_metadata"],
      [
        "a form body",
        postJson("redirect_uris=x", "application/x-www-form-urlencoded"),
        400,
        "invalid_client_metadata",
      ],
      [
        "too large",
        postJson({ ...good, client_name: "x".repeat(20_000) }),
        413,
        "invalid_client_metadata",
      ],
    ];
    for (const [name, init, status, error] of cases) {
      const response = await call(auth, "/register", init);
      assert.equal(response.status, status, name);
      assert.equal((await response.json()).error, error, name);
    }
    assert.match(
      logger.lines.join("\n"),
      /oauth request refused endpoint=register reason=redirect_uri_not_allowed/,
    );
    const wrongMethod = await call(auth, "/register");
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get("allow"), "POST");
  } finally {
    await idp.close();
  }
});

Deno.test("register: operator patterns decide which redirect URIs may register", async () => {
  const idp = await startFakeIdp();
  try {
    const { auth } = await setup(idp, {
      allowedRedirectUris: ["https://claude.ai/api/mcp/auth_callback"],
    });
    assert.ok(await register(auth, { redirect_uris: ["https://claude.ai/api/mcp/auth_callback"] }));
    const loopback = await call(
      auth,
      "/register",
      postJson({
        redirect_uris: ["http://127.0.0.1:5000/cb"],
        token_endpoint_auth_method: "none",
      }),
    );
    assert.equal(loopback.status, 400, "loopback is no longer allowed once patterns are set");
  } finally {
    await idp.close();
  }
});

Deno.test("register: a full registry answers 503", async () => {
  const idp = await startFakeIdp();
  try {
    const { auth } = await setup(idp, {}, { oidc: { maxClients: 1 } });
    await register(auth);
    const full = await call(
      auth,
      "/register",
      postJson({
        redirect_uris: ["http://127.0.0.1:5000/cb"],
        token_endpoint_auth_method: "none",
      }),
    );
    assert.equal(full.status, 503);
    assert.equal((await full.json()).error, "temporarily_unavailable");
    assert.equal(full.headers.get("retry-after"), "600");
  } finally {
    await idp.close();
  }
});
