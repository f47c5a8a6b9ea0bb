import assert from "node:assert/strict";
import {
  AuthConfigError,
  authConfigProblems,
  createAuthenticator,
  createAuthenticatorAsync,
} from "../../../lib/auth/mod.ts";
import { discoverIdp, parseDiscovery } from "../../../lib/auth/oidc/discovery.ts";
import { OidcSetupError } from "../../../lib/auth/oidc/errors.ts";
import { Secret } from "../../../lib/config/secret.ts";
import { captureLogger, closedPort, startServer } from "../helpers.ts";
import { oidcSettings, startFakeIdp } from "./helpers.ts";

const EXPECTED = { expectedIssuer: "https://idp.example.com" };

function document(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    issuer: "https://idp.example.com",
    authorization_endpoint: "https://idp.example.com/authorize",
    token_endpoint: "https://idp.example.com/token",
    jwks_uri: "https://idp.example.com/jwks",
    code_challenge_methods_supported: ["S256"],
    scopes_supported: ["openid", "offline_access"],
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete doc[name];
    else doc[name] = value;
  }
  return doc;
}

Deno.test("discovery: a usable document", () => {
  const result = parseDiscovery(document(), EXPECTED, true);
  assert.deepEqual(result.problems, []);
  const metadata = result.metadata!;
  assert.equal(metadata.issuer, "https://idp.example.com");
  assert.equal(metadata.tokenAuthMethod, "client_secret_basic", "the default of RFC 8414");
  assert.equal(metadata.offlineAccess, true);
  assert.deepEqual(metadata.idTokenAlgorithms, ["RS256"]);
  assert.deepEqual(metadata.origins, ["https://idp.example.com"]);
  assert.equal(parseDiscovery(document(), EXPECTED, false).metadata!.tokenAuthMethod, "none");
  assert.equal(
    parseDiscovery(
      document({ token_endpoint_auth_methods_supported: ["client_secret_post"] }),
      EXPECTED,
      true,
    ).metadata!.tokenAuthMethod,
    "client_secret_post",
  );
  const trailing = parseDiscovery(document({ issuer: "https://idp.example.com/" }), EXPECTED, true);
  assert.deepEqual(trailing.problems, [], "a trailing slash on the issuer is the same issuer");
  const split = parseDiscovery(
    document({ authorization_endpoint: "https://login.example.com/authorize" }),
    EXPECTED,
    true,
  );
  assert.deepEqual(split.metadata!.origins, [
    "https://idp.example.com",
    "https://login.example.com",
  ]);
  assert.equal(
    parseDiscovery(document({ scopes_supported: undefined }), EXPECTED, true).metadata!
      .offlineAccess,
    false,
  );
});

Deno.test("discovery: every unusable document is refused, one line per problem", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["issuer mismatch", { issuer: "https://evil.example.com" }, /issuer mismatch/],
    ["no issuer", { issuer: undefined }, /has no issuer/],
    ["no S256", { code_challenge_methods_supported: ["plain"] }, /S256/],
    ["no PKCE methods listed", { code_challenge_methods_supported: undefined }, /S256/],
    ["no jwks_uri", { jwks_uri: undefined }, /has no jwks_uri/],
    ["no token endpoint", { token_endpoint: undefined }, /has no token_endpoint/],
    ["no authorization endpoint", { authorization_endpoint: 7 }, /has no authorization_endpoint/],
    [
      "plain http endpoint",
      { token_endpoint: "http://idp.example.com/token" },
      /token_endpoint must use https/,
    ],
    ["no code flow", { response_types_supported: ["id_token"] }, /response_type code/],
    [
      "no authorization_code grant",
      { grant_types_supported: ["client_credentials"] },
      /authorization_code grant/,
    ],
    [
      "no usable client authentication",
      { token_endpoint_auth_methods_supported: ["private_key_jwt"] },
      /neither client_secret_basic nor client_secret_post/,
    ],
    [
      "only symmetric ID tokens",
      { id_token_signing_alg_values_supported: ["HS256", "none"] },
      /no asymmetric ID token signing algorithm/,
    ],
  ];
  for (const [name, overrides, expected] of cases) {
    const result = parseDiscovery(document(overrides), EXPECTED, true);
    assert.equal(result.metadata, undefined, name);
    assert.equal(result.problems.length, 1, `${name}: ${result.problems.join(" | ")}`);
    assert.match(result.problems[0], /^OIDCPROXY_CONFIG_URL: the discovery document/, name);
    assert.match(result.problems[0], expected, name);
  }
  assert.match(parseDiscovery([1], EXPECTED, true).problems[0], /not a JSON object/);
  assert.equal(
    parseDiscovery(document({ jwks_uri: undefined, issuer: "https://x.example" }), EXPECTED, true)
      .problems.length,
    2,
    "all problems are reported together",
  );
});

Deno.test("discovery: fetching refuses unreachable, failing, redirecting, huge and non-JSON documents", async () => {
  const base = { expectedIssuer: "http://127.0.0.1", clientSecret: undefined };
  const port = await closedPort();
  await assert.rejects(
    discoverIdp({
      ...base,
      configUrl: new URL(`http://127.0.0.1:${port}/.well-known/openid-configuration`),
    }),
    (error) => error instanceof OidcSetupError && /is unreachable/.test(error.problems[0]),
  );
  const answers: [string, () => Response, RegExp][] = [
    ["500", () => new Response("no", { status: 500 }), /answered HTTP 500/],
    [
      "redirect",
      () => new Response(null, { status: 302, headers: { location: "https://evil.example/" } }),
      /answered HTTP 302/,
    ],
    ["not JSON", () => new Response("<html>"), /is not valid JSON/],
    ["huge", () => new Response("x".repeat(300 * 1024)), /is larger than 262144 bytes/],
  ];
  for (const [name, answer, expected] of answers) {
    const server = startServer(answer);
    try {
      await assert.rejects(
        discoverIdp({
          ...base,
          configUrl: new URL(`${server.origin}/.well-known/openid-configuration`),
        }),
        (error) => error instanceof OidcSetupError && expected.test(error.problems[0]),
        name,
      );
    } finally {
      await server.close();
    }
  }
  const slow = startServer(async () => {
    await slow.hold();
    return new Response("{}");
  });
  try {
    await assert.rejects(
      discoverIdp({
        ...base,
        configUrl: new URL(`${slow.origin}/.well-known/openid-configuration`),
      }, { timeoutMs: 50 }),
      (error) => error instanceof OidcSetupError && /timed out/.test(error.problems[0]),
    );
  } finally {
    await slow.close();
  }
});

Deno.test("setup: createAuthenticatorAsync builds oidc mode; createAuthenticator points to it", async () => {
  const idp = await startFakeIdp();
  try {
    const logger = captureLogger();
    const authenticator = await createAuthenticatorAsync(oidcSettings(idp), { logger });
    assert.equal(authenticator.mode, "oidc");
    assert.equal(typeof authenticator.handleOAuthRequest, "function");
    assert.deepEqual(authenticator.guardRoutes?.formPaths, [
      "/token",
      "/revoke",
      "/authorize/decision",
    ]);
    assert.deepEqual(authenticator.guardRoutes?.ownOrigins, ["https://mcp.example.test"]);
    assert.deepEqual(authenticator.guardRoutes?.pathOrigins, { "/auth/callback": [idp.issuer] });
    assert.throws(
      () => createAuthenticator(oidcSettings(idp), { logger }),
      (error) => error instanceof AuthConfigError && /createAuthenticatorAsync/.test(error.message),
    );
    const other = await createAuthenticatorAsync(
      { mode: "api-key", algorithms: [], apiKey: new Secret("k".repeat(40)) },
      { logger },
    );
    assert.equal(other.mode, "api-key", "the async factory serves every mode");
  } finally {
    await idp.close();
  }
});

Deno.test("setup: an issuer mismatch or a discovery document without S256 stops oidc mode", async () => {
  const logger = captureLogger();
  for (
    const [discovery, expected] of [
      [{ issuer: "https://impostor.example" }, /issuer mismatch/],
      [{ code_challenge_methods_supported: ["plain"] }, /S256/],
      [{ jwks_uri: undefined }, /has no jwks_uri/],
    ] as const
  ) {
    const idp = await startFakeIdp({ discovery });
    try {
      await assert.rejects(
        createAuthenticatorAsync(oidcSettings(idp), { logger }),
        (error) => {
          assert.ok(error instanceof OidcSetupError);
          const lines = authConfigProblems(error);
          assert.equal(lines.length, 1);
          assert.match(lines[0], /^OIDCPROXY_CONFIG_URL: /);
          assert.match(lines[0], expected);
          return true;
        },
      );
    } finally {
      await idp.close();
    }
  }
  assert.deepEqual(
    authConfigProblems(new AuthConfigError("bad", { setting: "X" })),
    ["X: bad"],
  );
});
