import assert from "node:assert/strict";
import { generateAuthTokenText } from "../../lib/auth/mod.ts";
import { mcpEndpointUrl } from "../../lib/auth/token_gen.ts";

Deno.test("generateAuthTokenText: a 64-hex key that the text contains", () => {
  const { key, text } = generateAuthTokenText("https://mcp.example.test:8443/mcp");
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.ok(text.includes(key));
  assert.ok(text.includes(`ZSCALER_MCP_AUTH_API_KEY=${key}`));
  assert.ok(text.includes("ZSCALER_MCP_AUTH_MODE=api-key"));
});

Deno.test("generateAuthTokenText: fresh keys every call", () => {
  const keys = new Set(
    Array.from({ length: 5 }, () => generateAuthTokenText("http://127.0.0.1:8000").key),
  );
  assert.equal(keys.size, 5);
});

Deno.test("generateAuthTokenText: mcp-remote with the AUTH_HEADER trick, the plain header, and curl", () => {
  const { key, text } = generateAuthTokenText("https://mcp.example.test:8443/mcp");
  assert.ok(text.includes('"Authorization:${AUTH_HEADER}"'));
  assert.ok(text.includes(`"AUTH_HEADER": "Bearer ${key}"`));
  assert.ok(text.includes(`--header "Authorization: Bearer ${key}"`));
  assert.ok(text.includes("mcp-remote"));
  assert.ok(text.includes("curl"));
  assert.ok(text.includes("https://mcp.example.test:8443/mcp"));
  assert.ok(!text.includes("--allow-http"), "https needs no --allow-http");
  const json = text.slice(text.indexOf("{"), text.indexOf("\n  }\n") + 4);
  const config = JSON.parse(json);
  assert.deepEqual(config.mcpServers.zscaler.env, { AUTH_HEADER: `Bearer ${key}` });
});

Deno.test("generateAuthTokenText: never suggests reusing a Zscaler secret", () => {
  const { text } = generateAuthTokenText("http://127.0.0.1:8000");
  assert.ok(!/ZSCALER_CLIENT_SECRET/.test(text));
  assert.ok(!/ZSCALER_PRIVATE_KEY/.test(text));
  assert.match(text, /not a Zscaler credential/);
  assert.ok(text.includes("--allow-http"), "plain-http URLs need mcp-remote's --allow-http");
});

Deno.test("mcpEndpointUrl: a bare origin gets /mcp", () => {
  assert.equal(mcpEndpointUrl("http://127.0.0.1:8000"), "http://127.0.0.1:8000/mcp");
  assert.equal(mcpEndpointUrl("https://h.example/mcp"), "https://h.example/mcp");
  assert.throws(() => mcpEndpointUrl("not a url"), TypeError);
});
