import assert from "node:assert/strict";
import { defaultAllowedHosts, hostPatternProblem } from "../../lib/guard/network.ts";
import {
  compileHostPattern,
  parseAuthority,
  patternMatches,
  urlAuthority,
} from "../../lib/guard/network_host.ts";

Deno.test("defaultAllowedHosts: the bind address plus the loopback names", () => {
  assert.deepEqual(defaultAllowedHosts("127.0.0.1"), ["127.0.0.1", "localhost", "[::1]"]);
  assert.deepEqual(defaultAllowedHosts("::1"), ["[::1]", "localhost", "127.0.0.1"]);
  assert.deepEqual(defaultAllowedHosts("[::1]"), ["[::1]", "localhost", "127.0.0.1"]);
  assert.deepEqual(defaultAllowedHosts("0.0.0.0"), ["0.0.0.0", "localhost", "127.0.0.1", "[::1]"]);
  assert.deepEqual(defaultAllowedHosts("::"), ["[::]", "localhost", "127.0.0.1", "[::1]"]);
  assert.deepEqual(defaultAllowedHosts("LocalHost"), ["localhost", "127.0.0.1", "[::1]"]);
  for (const bind of ["127.0.0.1", "::1", "0.0.0.0", "::", "localhost", "10.1.2.3"]) {
    for (const pattern of defaultAllowedHosts(bind)) {
      assert.equal(hostPatternProblem(pattern), undefined);
    }
  }
});

Deno.test("hostPatternProblem accepts names, addresses and anchored globs", () => {
  for (
    const pattern of [
      "localhost",
      "127.0.0.1",
      "[::1]",
      "[::1]:8000",
      "mcp.corp.example:8443",
      "MCP.Corp.Example",
      "my_host",
      "*.corp.example",
      "*.corp.example:8443",
      "api-?.corp.example",
      "api-*.mcp.corp.example",
    ]
  ) {
    assert.equal(hostPatternProblem(pattern), undefined, pattern);
  }
});

Deno.test("hostPatternProblem refuses malformed patterns and over-broad globs", () => {
  for (
    const pattern of [
      "",
      "*",
      "*:8000",
      "*.*",
      "*.example",
      "example.*",
      "*example.com",
      "corp*",
      "10.0.0.*",
      "localhost:",
      "localhost:0",
      "localhost:70000",
      "localhost:*",
      "http://localhost",
      "a b",
      "user@host",
      "host/path",
      "[::1",
      "::1",
      "[fe80::1%eth0]",
      "[*]",
      "host.",
      ".host",
      "a..b",
      "{a,b}.corp.example",
      "[a-z].corp.example",
      "!x.corp.example",
      "+(a|b).corp.example",
      "x".repeat(254),
    ]
  ) {
    const problem = hostPatternProblem(pattern);
    assert.equal(typeof problem, "string", pattern);
  }
  assert.match(hostPatternProblem("*.example")!, /two literal labels/);
  assert.throws(() => compileHostPattern("*"), TypeError);
});

Deno.test("parseAuthority: lower-cases, canonicalizes IPv6, reads the port", () => {
  assert.deepEqual(parseAuthority("LocalHost:08000"), { hostname: "localhost", port: 8000 });
  assert.deepEqual(parseAuthority("example.com"), { hostname: "example.com" });
  assert.deepEqual(parseAuthority("[0:0::1]:80"), { hostname: "[::1]", port: 80 });
  assert.deepEqual(parseAuthority("[::FFFF:127.0.0.1]"), { hostname: "[::ffff:7f00:1]" });
  for (const bad of ["", ":80", "a:b", "a:80:80", "[::1]x", "a*b", "é.example", "a\tb"]) {
    assert.equal(parseAuthority(bad), undefined, bad);
  }
});

Deno.test("glob stars do not cross into ports or IPv6 brackets", () => {
  const star = compileHostPattern("*.corp.example");
  assert.ok(patternMatches(star, parseAuthority("x.corp.example:1")!, 80));
  assert.ok(!patternMatches(star, parseAuthority("[::1]")!, 80));
  const ported = compileHostPattern("*.corp.example:8000");
  assert.ok(patternMatches(ported, parseAuthority("x.corp.example:8000")!, 80));
  assert.ok(!patternMatches(ported, parseAuthority("x.corp.example:9000")!, 80));
  assert.ok(!patternMatches(ported, parseAuthority("x.corp.example")!, 80));
  assert.ok(
    patternMatches(compileHostPattern("x.example.com:443"), parseAuthority("x.example.com")!, 443),
  );
});

Deno.test("urlAuthority reads the raw authority of a request URL", () => {
  assert.deepEqual(urlAuthority("https://[::1]:8443/mcp?x"), {
    scheme: "https",
    authority: "[::1]:8443",
  });
  assert.deepEqual(urlAuthority("HTTP://a b/f"), { scheme: "http", authority: "a b" });
  assert.deepEqual(urlAuthority("http://a/b@c/g"), { scheme: "http", authority: "a" });
  assert.equal(urlAuthority("/relative"), undefined);
});
