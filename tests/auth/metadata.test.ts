import assert from "node:assert/strict";
import {
  type AuthSettings,
  protectedResourceMetadataResponse,
  resourceMetadataPath,
} from "../../lib/auth/mod.ts";

const JWT: AuthSettings = {
  mode: "jwt",
  jwksUri: "https://idp.example.test/jwks.json",
  algorithms: ["RS256"],
  issuer: "https://idp.example.test",
  audience: "https://mcp.example.test/mcp",
};
const API_KEY: AuthSettings = { mode: "api-key", algorithms: [] };
const ORIGIN = "https://mcp.example.test:8443";

Deno.test("metadata: the path-aware well-known path of /mcp", () => {
  assert.equal(resourceMetadataPath(), "/.well-known/oauth-protected-resource/mcp");
});

Deno.test("metadata: both well-known paths answer the RFC 9728 document", async () => {
  for (
    const path of [
      "/.well-known/oauth-protected-resource",
      "/.well-known/oauth-protected-resource/",
      "/.well-known/oauth-protected-resource/mcp",
    ]
  ) {
    const response = protectedResourceMetadataResponse(new Request(`${ORIGIN}${path}`), JWT);
    assert.ok(response, path);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/json");
    assert.deepEqual(await response.json(), {
      resource: `${ORIGIN}/mcp`,
      authorization_servers: ["https://idp.example.test"],
      bearer_methods_supported: ["header"],
      resource_name: "zscaler-mcp",
    });
  }
});

Deno.test("metadata: no authorization_servers outside jwt mode or without an issuer", async () => {
  const url = `${ORIGIN}/.well-known/oauth-protected-resource/mcp`;
  for (const settings of [API_KEY, { ...JWT, issuer: undefined }, { ...API_KEY, issuer: "x" }]) {
    const response = protectedResourceMetadataResponse(new Request(url), settings);
    assert.deepEqual(await response?.json(), {
      resource: `${ORIGIN}/mcp`,
      bearer_methods_supported: ["header"],
      resource_name: "zscaler-mcp",
    });
  }
});

Deno.test("metadata: the resource follows the request's origin", async () => {
  const response = protectedResourceMetadataResponse(
    new Request("http://127.0.0.1:8000/.well-known/oauth-protected-resource/mcp"),
    API_KEY,
  );
  assert.equal((await response?.json()).resource, "http://127.0.0.1:8000/mcp");
});

Deno.test("metadata: other paths are undefined; HEAD has no body; other methods 405", async () => {
  for (
    const path of [
      "/mcp",
      "/",
      "/health",
      "/.well-known/oauth-protected-resource/other",
      "/.well-known/oauth-authorization-server",
      "/.well-known/oauth-protected-resourcex",
    ]
  ) {
    assert.equal(
      protectedResourceMetadataResponse(new Request(`${ORIGIN}${path}`), JWT),
      undefined,
    );
  }
  const url = `${ORIGIN}/.well-known/oauth-protected-resource/mcp`;
  const head = protectedResourceMetadataResponse(new Request(url, { method: "HEAD" }), JWT);
  assert.equal(head?.status, 200);
  assert.equal(await head?.text(), "");
  const post = protectedResourceMetadataResponse(new Request(url, { method: "POST" }), JWT);
  assert.equal(post?.status, 405);
  assert.equal(post?.headers.get("allow"), "GET, HEAD");
  await post?.body?.cancel();
});
