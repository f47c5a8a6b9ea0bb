import assert from "node:assert/strict";
import { protectedResourceMetadataResponse } from "../../../lib/auth/mod.ts";
import { BASE, call, oidcSettings, SCOPE, setup, startFakeIdp } from "./helpers.ts";

Deno.test("metadata: RFC 8414 authorization server metadata names this server's endpoints", async () => {
  const idp = await startFakeIdp();
  try {
    const { auth } = await setup(idp);
    const response = await call(auth, "/.well-known/oauth-authorization-server");
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      issuer: BASE,
      authorization_endpoint: `${BASE}/authorize`,
      token_endpoint: `${BASE}/token`,
      registration_endpoint: `${BASE}/register`,
      revocation_endpoint: `${BASE}/revoke`,
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
      revocation_endpoint_auth_methods_supported: [
        "none",
        "client_secret_basic",
        "client_secret_post",
      ],
      scopes_supported: [SCOPE],
      authorization_response_iss_parameter_supported: true,
      client_id_metadata_document_supported: true,
    });
    const head = await call(auth, "/.well-known/oauth-authorization-server", { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), "");
    const post = await call(auth, "/.well-known/oauth-authorization-server", { method: "POST" });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET, HEAD");
    assert.equal(
      await auth.handleOAuthRequest(new Request(`${BASE}/.well-known/openid-configuration`)),
      undefined,
      "this server is not an OpenID provider",
    );
    assert.equal(await auth.handleOAuthRequest(new Request(`${BASE}/mcp`)), undefined);
    assert.equal(await auth.handleOAuthRequest(new Request(`${BASE}/other`)), undefined);
  } finally {
    await idp.close();
  }
});

Deno.test("metadata: RFC 9728 metadata in oidc mode describes the public origin on both paths", async () => {
  const idp = await startFakeIdp();
  try {
    const settings = oidcSettings(idp, { baseUrl: "https://mcp.example.test/" });
    for (
      const url of [
        "http://127.0.0.1:9000/.well-known/oauth-protected-resource",
        "http://127.0.0.1:9000/.well-known/oauth-protected-resource/mcp",
      ]
    ) {
      const response = protectedResourceMetadataResponse(new Request(url), settings)!;
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), {
        resource: `${BASE}/mcp`,
        authorization_servers: [BASE],
        scopes_supported: [SCOPE],
        bearer_methods_supported: ["header"],
        resource_name: "zscaler-mcp",
      });
    }
  } finally {
    await idp.close();
  }
});
