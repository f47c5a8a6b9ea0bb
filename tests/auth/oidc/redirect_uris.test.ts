import assert from "node:assert/strict";
import {
  parseRedirectUri,
  redirectPatternProblem,
  RedirectUriPolicy,
} from "../../../lib/auth/oidc/redirect_uris.ts";
import { DEFAULT_REDIRECT_PATTERNS } from "../../../lib/auth/oidc/settings.ts";

Deno.test("redirect URIs: the default patterns allow loopback on any port and path only", () => {
  const policy = new RedirectUriPolicy(DEFAULT_REDIRECT_PATTERNS);
  for (
    const uri of [
      "http://127.0.0.1:3334/oauth/callback",
      "http://localhost:49152/callback",
      "http://[::1]:8080/cb",
      "http://127.0.0.1:1/",
      "http://127.0.0.1:1/a/b/c?x=1",
    ]
  ) assert.equal(policy.problem(uri), undefined, uri);
  for (
    const uri of [
      "https://evil.example/callback",
      "http://evil.example:8080/callback",
      "http://127.0.0.1.evil.example:8080/callback",
      "http://127.0.0.1:8080@evil.example/callback",
      "http://user:pw@127.0.0.1:8080/callback",
      "http://127.0.0.1/callback",
      "http://[::2]:8080/cb",
      "http://127.0.0.1:8080/cb#frag",
      "javascript://127.0.0.1:8080/%0aalert(1)",
      "cursor://anything",
      "not a url",
      "",
      `http://127.0.0.1:1/${"a".repeat(2100)}`,
    ]
  ) assert.ok(policy.problem(uri), uri);
});

Deno.test("redirect URIs: operator patterns match the normalized URL; only * and ** are special", () => {
  const policy = new RedirectUriPolicy([
    "https://claude.ai/api/mcp/auth_callback",
    "https://*.corp.example/oauth/*",
    "https://app.example/cb?tenant=1",
  ]);
  assert.equal(policy.problem("https://claude.ai/api/mcp/auth_callback"), undefined);
  assert.equal(policy.problem("HTTPS://CLAUDE.AI/api/mcp/auth_callback"), undefined, "normalized");
  assert.ok(policy.problem("https://claude.ai/api/mcp/auth_callback/x"));
  assert.equal(policy.problem("https://a.corp.example/oauth/done"), undefined);
  assert.ok(policy.problem("https://a.corp.example/oauth/a/b"), "* stays within one part");
  assert.ok(policy.problem("https://evil.example/.corp.example/oauth/x"));
  assert.equal(policy.problem("https://app.example/cb?tenant=1"), undefined);
  assert.ok(policy.problem("https://app.example/cbXtenant=1"), "? is literal, not a wildcard");
});

Deno.test("redirect URIs: patterns must be http(s) URL patterns", () => {
  assert.equal(redirectPatternProblem("http://127.0.0.1:*/**"), undefined);
  assert.equal(redirectPatternProblem("https://*.example.com/cb"), undefined);
  assert.match(redirectPatternProblem("cursor://cb")!, /not an http\(s\) URL pattern/);
  assert.match(redirectPatternProblem("*")!, /not an http\(s\) URL pattern/);
  assert.match(redirectPatternProblem("https:///cb")!, /not an http\(s\) URL pattern/);
  assert.match(redirectPatternProblem("https://a.example/ cb")!, /whitespace/);
  assert.match(redirectPatternProblem("https://a.example/cb#x")!, /fragment/);
  assert.throws(() => new RedirectUriPolicy(["ftp://x"]), TypeError);
  assert.equal(parseRedirectUri("http://127.0.0.1:1/cb")?.port, "1");
  assert.equal(parseRedirectUri("data:text/html,hi"), undefined);
});
