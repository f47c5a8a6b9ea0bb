/**
 * The network guard's exceptions for the OAuth endpoints: form bodies on exactly the form paths,
 * this server's public origin as same-origin, the IdP's origin on the callback only — and the
 * strict rules everywhere else.
 */

import assert from "node:assert/strict";
import { createNetworkGuard, type GuardRoutes } from "../../../lib/guard/network.ts";
import { captureLogger } from "../helpers.ts";

const POLICY = {
  allowedHosts: ["127.0.0.1", "mcp.example.com"],
  allowedOrigins: ["https://app.example.com"],
  allowedSourceIps: null,
  maxBodyBytes: 1024 * 1024,
  rateLimitPerMinute: 0,
};
const ROUTES: GuardRoutes = {
  formPaths: ["/token", "/revoke", "/authorize/decision"],
  ownOrigins: ["https://mcp.example.com"],
  pathOrigins: { "/auth/callback": ["https://idp.example.com"] },
};
const CLIENT = { hostname: "127.0.0.1" };
// Behind a TLS-terminating proxy: requests arrive on plain http, the browser sees https.
const INTERNAL = "http://127.0.0.1:8000";

function request(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new Request(`${INTERNAL}${path}`, {
    method: init.method ?? "GET",
    headers: init.headers,
    body: init.method === "POST" ? "x=1" : undefined,
  });
}

function statusOf(routes: GuardRoutes | undefined, req: Request): number {
  const guard = createNetworkGuard(POLICY, captureLogger(), { routes });
  return guard.check(req, CLIENT)?.status ?? 200;
}

const form = { "content-type": "application/x-www-form-urlencoded" };
const json = { "content-type": "application/json" };

Deno.test("guard: form bodies pass on the form paths only; JSON stays the rule elsewhere", () => {
  for (const path of ["/token", "/revoke", "/authorize/decision"]) {
    assert.equal(statusOf(ROUTES, request(path, { method: "POST", headers: form })), 200, path);
    assert.equal(
      statusOf(ROUTES, request(path, { method: "POST", headers: json })),
      415,
      `${path} takes a form, not JSON`,
    );
    assert.equal(
      statusOf(undefined, request(path, { method: "POST", headers: form })),
      415,
      `${path} without oidc routes`,
    );
  }
  for (const path of ["/mcp", "/register", "/token/x", "/TOKEN"]) {
    assert.equal(statusOf(ROUTES, request(path, { method: "POST", headers: form })), 415, path);
    assert.equal(statusOf(ROUTES, request(path, { method: "POST", headers: json })), 200, path);
  }
  assert.equal(
    statusOf(
      ROUTES,
      request("/token", { method: "POST", headers: { "content-type": "text/plain" } }),
    ),
    415,
  );
  assert.equal(statusOf(ROUTES, request("/token?x=1", { method: "POST", headers: form })), 200);
});

Deno.test("guard: the public origin is same-origin on every path; the IdP's origin on the callback only", () => {
  const own = { origin: "https://mcp.example.com" };
  for (const path of ["/authorize", "/mcp", "/auth/callback"]) {
    assert.equal(statusOf(ROUTES, request(path, { headers: own })), 200, path);
  }
  assert.equal(
    statusOf(
      ROUTES,
      request("/authorize/decision", { method: "POST", headers: { ...own, ...form } }),
    ),
    200,
    "the consent form posted from the public origin",
  );
  assert.equal(statusOf(undefined, request("/authorize", { headers: own })), 403, "without routes");

  const idp = { origin: "https://idp.example.com" };
  assert.equal(statusOf(ROUTES, request("/auth/callback?code=1&state=2", { headers: idp })), 200);
  for (const path of ["/authorize", "/authorize/decision", "/token", "/mcp", "/register"]) {
    const method = path === "/authorize" ? "GET" : "POST";
    const headers = path === "/mcp" || path === "/register" ? json : form;
    assert.equal(
      statusOf(ROUTES, request(path, { method, headers: { ...idp, ...headers } })),
      403,
      `the IdP's origin on ${path}`,
    );
  }
  for (const origin of ["https://evil.example", "null", "https://mcp.example.com.evil.example"]) {
    assert.equal(statusOf(ROUTES, request("/authorize", { headers: { origin } })), 403, origin);
    assert.equal(statusOf(ROUTES, request("/auth/callback", { headers: { origin } })), 403, origin);
  }
  assert.equal(
    statusOf(ROUTES, request("/mcp", { method: "POST", headers: { origin: INTERNAL, ...json } })),
    200,
    "the request's own origin still passes",
  );
  assert.equal(
    statusOf(
      ROUTES,
      request("/token", {
        method: "POST",
        headers: { origin: "https://app.example.com", ...form },
      }),
    ),
    200,
    "a listed CORS origin still passes",
  );
});

Deno.test("guard: unusable route origins are a programming error", () => {
  assert.throws(
    () =>
      createNetworkGuard(POLICY, captureLogger(), { routes: { ownOrigins: ["not an origin"] } }),
    TypeError,
  );
  assert.throws(
    () =>
      createNetworkGuard(POLICY, captureLogger(), {
        routes: { pathOrigins: { "/auth/callback": ["https://x/path"] } },
      }),
    TypeError,
  );
});
