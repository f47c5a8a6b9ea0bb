import assert from "node:assert/strict";
import { join } from "node:path";
import {
  DEFAULT_REDIRECT_PATTERNS,
  issuerOfConfigUrl,
  oidcSettingsProblems,
  parseScopeList,
} from "../../../lib/auth/oidc/mod.ts";
import { OidcSetupError } from "../../../lib/auth/oidc/errors.ts";
import { resolveOidcSettings } from "../../../lib/auth/oidc/settings.ts";
import { Secret } from "../../../lib/config/secret.ts";
import { validateSettings } from "../../../lib/config/schema.ts";
import type { RawSettings } from "../../../lib/config/sources.ts";

const GOOD = {
  configUrl: "https://idp.example.com/.well-known/openid-configuration",
  baseUrl: "https://mcp.example.com",
  clientId: "zscaler-mcp",
};

Deno.test("settings: a complete configuration has no problems", () => {
  assert.deepEqual(oidcSettingsProblems(GOOD), []);
  assert.deepEqual(
    oidcSettingsProblems({
      ...GOOD,
      baseUrl: "http://127.0.0.1:8000/",
      configUrl: "http://localhost:9000/realms/x/.well-known/openid-configuration",
      clientSecret: new Secret("s"),
      audience: "api://zscaler-mcp",
      requiredScopes: ["mcp:tools", "read"],
      allowedRedirectUris: ["https://claude.ai/api/mcp/auth_callback"],
      codeTtlSeconds: 1,
      tokenTtlSeconds: 3600,
    }),
    [],
  );
});

Deno.test("settings: each missing or unusable setting is one line naming its variable", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["no config URL", { configUrl: undefined }, /^OIDCPROXY_CONFIG_URL: is required/],
    ["plain http config URL", {
      configUrl: "http://idp.example.com/.well-known/openid-configuration",
    }, /^OIDCPROXY_CONFIG_URL: must use https/],
    [
      "config URL not a discovery URL",
      { configUrl: "https://idp.example.com/config.json" },
      /^OIDCPROXY_CONFIG_URL: must end in \/\.well-known\/openid-configuration/,
    ],
    ["config URL with credentials", {
      configUrl: "https://u:p@idp.example.com/.well-known/openid-configuration",
    }, /^OIDCPROXY_CONFIG_URL: must not contain credentials/],
    ["no base URL", { baseUrl: undefined }, /^OIDCPROXY_BASE_URL: is required/],
    [
      "plain http base URL off loopback",
      { baseUrl: "http://mcp.example.com" },
      /^OIDCPROXY_BASE_URL: must use https/,
    ],
    [
      "base URL with a path",
      { baseUrl: "https://mcp.example.com/mcp" },
      /^OIDCPROXY_BASE_URL: must be an origin only/,
    ],
    [
      "base URL with a query",
      { baseUrl: "https://mcp.example.com/?x=1" },
      /^OIDCPROXY_BASE_URL: must be an origin only/,
    ],
    [
      "base URL with a fragment",
      { baseUrl: "https://mcp.example.com/#x" },
      /^OIDCPROXY_BASE_URL: must not contain a fragment/,
    ],
    [
      "base URL not a URL",
      { baseUrl: "mcp.example.com" },
      /^OIDCPROXY_BASE_URL: is not a valid URL/,
    ],
    ["no client id", { clientId: "" }, /^OIDCPROXY_CLIENT_ID: is required/],
    [
      "empty secret",
      { clientSecret: new Secret(" ") },
      /^OIDCPROXY_CLIENT_SECRET: must not be empty/,
    ],
    ["empty audience", { audience: " " }, /^OIDCPROXY_AUDIENCE: must not be empty/],
    [
      "bad scope",
      { requiredScopes: ['a"b'] },
      /^OIDCPROXY_REQUIRED_SCOPES: "a\\"b" is not a scope token/,
    ],
    [
      "custom-scheme redirect pattern",
      { allowedRedirectUris: ["cursor://callback"] },
      /^OIDCPROXY_ALLOWED_REDIRECT_URIS: "cursor:\/\/callback" is not an http\(s\) URL pattern/,
    ],
    [
      "redirect pattern with a fragment",
      { allowedRedirectUris: ["https://a.example/cb#x"] },
      /must not contain a fragment/,
    ],
    [
      "empty redirect list",
      { allowedRedirectUris: [] },
      /^OIDCPROXY_ALLOWED_REDIRECT_URIS: the list is empty/,
    ],
    [
      "code TTL 0",
      { codeTtlSeconds: 0 },
      /^OIDCPROXY_CODE_TTL: must be a whole number of seconds from 1 to 600/,
    ],
    ["code TTL 601", { codeTtlSeconds: 601 }, /^OIDCPROXY_CODE_TTL/],
    [
      "token TTL 59",
      { tokenTtlSeconds: 59 },
      /^OIDCPROXY_TOKEN_TTL: must be a whole number of seconds from 60 to 3600/,
    ],
    ["token TTL 3601", { tokenTtlSeconds: 3601 }, /^OIDCPROXY_TOKEN_TTL/],
    ["empty store dir", { storeDir: " " }, /^OIDCPROXY_STORE_DIR: must not be empty/],
  ];
  for (const [name, override, expected] of cases) {
    const problems = oidcSettingsProblems({ ...GOOD, ...override });
    assert.equal(problems.length, 1, `${name}: ${problems.join(" | ")}`);
    assert.match(problems[0], expected, name);
  }
  assert.equal(oidcSettingsProblems({}).length, 3, "config URL, base URL and client id");
});

Deno.test("settings: resolving applies the defaults, and refuses what the checks refuse", () => {
  const resolved = resolveOidcSettings(
    { ...GOOD, baseUrl: "https://mcp.example.com/" },
    { HOME: "/home/alice" },
  );
  assert.equal(resolved.baseUrl, "https://mcp.example.com");
  assert.equal(resolved.resource, "https://mcp.example.com/mcp");
  assert.equal(
    resolved.resourceMetadataUrl,
    "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
  );
  assert.equal(resolved.callbackUrl, "https://mcp.example.com/auth/callback");
  assert.equal(resolved.expectedIssuer, "https://idp.example.com");
  assert.equal(resolved.secure, true);
  assert.deepEqual(resolved.allowedRedirectUris, DEFAULT_REDIRECT_PATTERNS);
  assert.deepEqual(resolved.requiredScopes, []);
  assert.equal(resolved.storeDir, join("/home/alice", ".local", "state", "zscaler-mcp", "oauth"));
  assert.equal(resolved.codeTtlMs, 60_000);
  assert.equal(resolved.tokenTtlSeconds, 900);
  assert.equal(
    resolveOidcSettings({ ...GOOD }, { ZSCALER_MCP_STATE_DIR: "/srv/state" }).storeDir,
    join("/srv/state", "oauth"),
  );
  assert.equal(resolveOidcSettings({ ...GOOD, storeDir: "/x/y" }, {}).storeDir, "/x/y");
  assert.equal(
    resolveOidcSettings({ ...GOOD, baseUrl: "http://127.0.0.1:8000" }, { HOME: "/h" }).secure,
    false,
  );

  assert.throws(() => resolveOidcSettings({ ...GOOD, clientId: "" }, { HOME: "/h" }), (error) => {
    assert.ok(error instanceof OidcSetupError);
    assert.deepEqual(error.problems.length, 1);
    assert.equal(error.setting, "OIDCPROXY_CLIENT_ID");
    return true;
  });
  assert.throws(() => resolveOidcSettings(GOOD, {}), /OIDCPROXY_STORE_DIR: no state directory/);
  assert.throws(() => resolveOidcSettings(undefined, {}), OidcSetupError);
});

Deno.test("settings: the issuer a discovery URL belongs to", () => {
  const issuer = (url: string) => issuerOfConfigUrl(new URL(url));
  assert.equal(issuer("https://a.example/.well-known/openid-configuration"), "https://a.example");
  assert.equal(
    issuer("https://login.example/tenant/v2.0/.well-known/openid-configuration"),
    "https://login.example/tenant/v2.0",
  );
  assert.equal(
    issuer("https://a.example/.well-known/oauth-authorization-server"),
    "https://a.example",
  );
  assert.equal(
    issuer("https://a.example/.well-known/oauth-authorization-server/tenant1"),
    "https://a.example/tenant1",
  );
  assert.equal(issuer("https://a.example/openid-configuration"), undefined);
  assert.equal(issuer("https://a.example/.well-known/openid-configuration?x=1"), undefined);
});

Deno.test("settings: scope lists split on commas and spaces", () => {
  assert.deepEqual(parseScopeList("a,b c,, d\te"), ["a", "b", "c", "d", "e"]);
  assert.deepEqual(parseScopeList(""), []);
});

function configOf(raw: RawSettings) {
  return validateSettings(
    { transport: "streamable-http", ...raw },
    {},
    null,
    () => {
      throw new Deno.errors.NotFound();
    },
  );
}

Deno.test("config: oidc mode from the environment, with every setting", () => {
  const result = configOf({
    authMode: "oidc",
    oidcConfigUrl: GOOD.configUrl,
    oidcBaseUrl: "https://mcp.example.com",
    oidcClientId: "zscaler-mcp",
    oidcClientSecret: "very-secret",
    oidcAudience: "api://mcp",
    oidcRequiredScopes: "mcp:tools, mcp:read mcp:admin",
    oidcAllowedRedirectUris: "http://127.0.0.1:*/**,https://claude.ai/api/mcp/auth_callback",
    oidcStoreDir: "/var/lib/zscaler-mcp/oauth",
    oidcCodeTtl: "1",
    oidcTokenTtl: "60",
  });
  assert.deepEqual(result.problems, []);
  const auth = result.config!.auth;
  assert.equal(auth.mode, "oidc");
  assert.equal(auth.oidc?.configUrl, GOOD.configUrl);
  assert.equal(auth.oidc?.clientSecret?.reveal(), "very-secret");
  assert.equal(JSON.stringify(auth).includes("very-secret"), false, "the secret stays wrapped");
  assert.deepEqual(auth.oidc?.requiredScopes, ["mcp:tools", "mcp:read", "mcp:admin"]);
  assert.deepEqual(auth.oidc?.allowedRedirectUris, [
    "http://127.0.0.1:*/**",
    "https://claude.ai/api/mcp/auth_callback",
  ]);
  assert.equal(auth.oidc?.codeTtlSeconds, 1);
  assert.equal(auth.oidc?.tokenTtlSeconds, 60);
  assert.equal(auth.oidc?.storeDir, "/var/lib/zscaler-mcp/oauth");
});

Deno.test("config: OIDCPROXY_CONFIG_URL alone selects oidc mode", () => {
  const result = configOf({
    oidcConfigUrl: GOOD.configUrl,
    oidcBaseUrl: "http://127.0.0.1:8000",
    oidcClientId: "c",
  });
  assert.deepEqual(result.problems, []);
  assert.equal(result.config!.auth.mode, "oidc");
});

Deno.test("config: oidc problems are one line each and refuse to start", () => {
  const result = configOf({
    authMode: "oidc",
    oidcBaseUrl: "http://mcp.example.com",
    oidcAllowedRedirectUris: "ftp://files.example/**",
    oidcCodeTtl: "0",
    oidcTokenTtl: "5000",
    oidcClientSecret: "hunter2-secret",
  });
  assert.equal(result.config, undefined);
  const text = result.problems.join("\n");
  assert.match(text, /^OIDCPROXY_CODE_TTL: must be at least 1/m);
  assert.match(text, /^OIDCPROXY_TOKEN_TTL: must be at most 3600/m);
  assert.match(text, /^OIDCPROXY_CONFIG_URL: is required in oidc mode/m);
  assert.match(text, /^OIDCPROXY_BASE_URL: must use https/m);
  assert.match(text, /^OIDCPROXY_CLIENT_ID: is required in oidc mode/m);
  assert.match(
    text,
    /^OIDCPROXY_ALLOWED_REDIRECT_URIS: "ftp:\/\/files\.example\/\*\*" is not an http\(s\) URL pattern/m,
  );
  assert.ok(!text.includes("hunter2-secret"), "a secret never appears in a problem");
  assert.match(
    configOf({ authMode: "kerberos" as string }).problems.join("\n"),
    /ZSCALER_MCP_AUTH_MODE: must be api-key, jwt, zscaler, oidc or none/,
  );
});

Deno.test("config: a public origin the Host allowlist would refuse is a banner warning", () => {
  const oidc = {
    authMode: "oidc",
    oidcConfigUrl: GOOD.configUrl,
    oidcBaseUrl: "https://mcp.example.com",
    oidcClientId: "c",
  };
  const refused = configOf(oidc);
  assert.deepEqual(refused.problems, []);
  assert.ok(
    refused.config!.warnings.some((w) =>
      /^OIDCPROXY_BASE_URL: host mcp\.example\.com is not in ZSCALER_MCP_ALLOWED_HOSTS/.test(w)
    ),
    refused.config!.warnings.join("\n"),
  );
  const listed = configOf({ ...oidc, allowedHosts: "127.0.0.1,mcp.example.com" });
  assert.ok(!listed.config!.warnings.some((w) => w.startsWith("OIDCPROXY_BASE_URL")));
  const loopback = configOf({ ...oidc, oidcBaseUrl: "http://127.0.0.1:8000" });
  assert.ok(!loopback.config!.warnings.some((w) => w.startsWith("OIDCPROXY_BASE_URL")));
});
