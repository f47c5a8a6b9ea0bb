import assert from "node:assert/strict";
import { resolveHttp } from "../../lib/config/http.ts";

const noFiles = (path: string): string => {
  throw new Deno.errors.NotFound(path);
};

const resolve = (inputs: Parameters<typeof resolveHttp>[0]) => resolveHttp(inputs, noFiles);

Deno.test("loopback HTTP: no auth allowed with a warning; default Host list", () => {
  const r = resolve({ transport: "streamable-http", host: "127.0.0.1" });
  assert.deepEqual(r.problems, []);
  assert.equal(r.auth.mode, "none");
  assert.match(r.warnings.join("\n"), /client authentication is OFF/);
  assert.ok(r.http.allowedHosts?.includes("127.0.0.1"));
  assert.ok(r.http.allowedHosts?.includes("localhost"));
  assert.equal(r.http.allowedSourceIps, null);
  assert.deepEqual(r.http.allowedOrigins, []);
  assert.equal(r.http.maxBodyBytes, 1024 * 1024);
  assert.equal(r.http.rateLimitPerMinute, 600);
});

Deno.test("auth mode detection: api key, then JWKS; explicit mode wins", () => {
  const key = "a".repeat(40);
  const base = { transport: "streamable-http", host: "127.0.0.1" } as const;
  assert.equal(resolve({ ...base, authApiKey: key }).auth.mode, "api-key");
  assert.equal(
    resolve({ ...base, authJwksUri: "https://idp/jwks", authAudience: "a" }).auth.mode,
    "jwt",
  );
  assert.equal(resolve({ ...base, authMode: "zscaler" }).auth.mode, "zscaler");
  assert.deepEqual(
    resolve({ ...base, authJwksUri: "https://idp/jwks", authAudience: "a" }).auth.algorithms,
    [
      "RS256",
      "ES256",
    ],
  );
  assert.match(resolve({ ...base, authMode: "api-key" }).problems[0], /AUTH_API_KEY: is required/);
  assert.match(
    resolve({ ...base, authEnabled: false, authMode: "jwt" }).problems[0],
    /contradicts/,
  );
});

Deno.test("stdio never authenticates and never reads TLS files", () => {
  const r = resolve({ transport: "stdio", host: "0.0.0.0", tlsCertFile: "/x", tlsKeyFile: "/y" });
  assert.deepEqual(r.problems, []);
  assert.equal(r.auth.mode, "none");
  assert.equal(r.http.tls, undefined);
});

Deno.test("non-loopback: TLS or ALLOW_HTTP, a Host list for wildcards, and auth are required", () => {
  const key = "a".repeat(40);
  const problems = resolve({ transport: "streamable-http", host: "0.0.0.0" }).problems;
  assert.equal(problems.length, 3);
  assert.match(problems[0], /refusing to serve plain HTTP/);
  assert.match(problems[1], /needs ZSCALER_MCP_ALLOWED_HOSTS/);
  assert.match(problems[2], /without client authentication/);
  const ok = resolve({
    transport: "streamable-http",
    host: "0.0.0.0",
    allowHttp: true,
    allowedHosts: ["mcp.example.com"],
    authApiKey: key,
  });
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.http.allowedHosts, ["mcp.example.com"]);
  assert.match(ok.warnings.join("\n"), /proxy in front/);
  const acknowledged = resolve({
    transport: "streamable-http",
    host: "0.0.0.0",
    allowHttp: true,
    disableHostValidation: true,
    authApiKey: key,
  });
  assert.deepEqual(acknowledged.problems, []);
  assert.equal(acknowledged.http.allowedHosts, null);
  assert.match(acknowledged.warnings.join("\n"), /DISABLED/);
});

Deno.test("list entries are validated one by one", () => {
  const r = resolve({
    transport: "streamable-http",
    host: "127.0.0.1",
    allowedSourceIps: ["10.0.0.0/8", "300.1.1.1"],
    allowedOrigins: ["https://ok.example", "null"],
    allowedHosts: ["ok.example", "bad host"],
  });
  assert.equal(r.problems.length, 3, r.problems.join("\n"));
  assert.match(r.problems.join("\n"), /"bad host"/);
  assert.match(r.problems.join("\n"), /"null"/);
  assert.match(r.problems.join("\n"), /"300\.1\.1\.1"/);
});

Deno.test("TLS files: both needed, readable, a certificate and a usable key", () => {
  const base = { transport: "streamable-http", host: "127.0.0.1" } as const;
  assert.match(resolve({ ...base, tlsCertFile: "/c" }).problems[0], /set both/);
  assert.match(
    resolve({ ...base, tlsCertFile: "/c", tlsKeyFile: "/k" }).problems[0],
    /cannot read/,
  );
  const files: Record<string, string> = { "/c": "not a cert", "/k": "not a key" };
  const r = resolveHttp({ ...base, tlsCertFile: "/c", tlsKeyFile: "/k" }, (p) => files[p]);
  assert.match(r.problems[0], /not a PEM certificate/);
});
