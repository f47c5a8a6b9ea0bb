import assert from "node:assert/strict";
import { originProblem } from "../../lib/guard/network.ts";
import {
  normalizeOrigin,
  preflightAllowHeaders,
  requestOrigin,
} from "../../lib/guard/network_origin.ts";

Deno.test("originProblem accepts scheme://host[:port] with http or https", () => {
  for (
    const origin of [
      "https://app.example.com",
      "http://localhost:3000",
      "https://[::1]:8443",
      "HTTPS://App.Example.com",
      "https://app.example.com:443",
      "http://10.0.0.5:8080",
    ]
  ) {
    assert.equal(originProblem(origin), undefined, origin);
  }
});

Deno.test("originProblem refuses null, *, paths, userinfo and other schemes", () => {
  for (
    const origin of [
      "null",
      "NULL",
      "*",
      "",
      "https://app.example.com/",
      "https://app.example.com/path",
      "https://app.example.com?q=1",
      "https://app.example.com#f",
      "https://user@app.example.com",
      "https://user:pw@app.example.com",
      "ftp://app.example.com",
      "chrome-extension://abc",
      "app.example.com",
      "//app.example.com",
      "https://",
      "https://app.example.com:0",
      "https://app.example.com:99999",
      "https://*.example.com",
      "https://app example.com",
      "https://app.example.com\\evil",
    ]
  ) {
    assert.equal(typeof originProblem(origin), "string", origin);
  }
  assert.match(originProblem("*")!, /list each origin/);
});

Deno.test("normalizeOrigin drops default ports and lower-cases", () => {
  assert.equal(normalizeOrigin("HTTPS://App.Example.COM:443"), "https://app.example.com");
  assert.equal(normalizeOrigin("http://a.example:80"), "http://a.example");
  assert.equal(normalizeOrigin("http://a.example:443"), "http://a.example:443");
  assert.equal(normalizeOrigin("https://[0:0::1]:8443"), "https://[::1]:8443");
  assert.equal(normalizeOrigin("null"), undefined);
});

Deno.test("requestOrigin is the origin of the request URL", () => {
  assert.equal(requestOrigin(new Request("https://localhost:443/mcp")), "https://localhost");
  assert.equal(requestOrigin(new Request("http://127.0.0.1:8000/x")), "http://127.0.0.1:8000");
});

Deno.test("preflightAllowHeaders echoes requested mcp-* headers only, boundedly", () => {
  const list = preflightAllowHeaders("Mcp-Param-A, x-other, mcp-param-b,mcp-, mcp-bad name");
  const names = list.split(", ");
  assert.ok(names.includes("mcp-param-a") && names.includes("mcp-param-b"));
  assert.ok(
    !names.includes("x-other") && !names.includes("mcp-") && !names.includes("mcp-bad name"),
  );
  const many = Array.from({ length: 100 }, (_, i) => `mcp-param-${i}`).join(",");
  assert.equal(preflightAllowHeaders(many).split(", ").length, 10 + 32);
  assert.equal(preflightAllowHeaders(null).split(", ").length, 10);
});
