import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  consentHtml,
  cspSource,
  errorPage,
  escapeHtml,
  pageHeaders,
  STYLE_HASH,
} from "../../../lib/auth/oidc/consent.ts";
import { cookieName, readCookie, setCookie } from "../../../lib/auth/oidc/cookies.ts";

const VIEW = {
  clientId: "zmcp-abc",
  clientName: `<script>alert("x")</script> & 'friends'`,
  redirectUri: "http://127.0.0.1:7777/callback",
  resource: "https://mcp.example.test/mcp",
  scopes: ["mcp:tools", `"><img src=x>`],
  transaction: "txn-1",
  csrf: "csrf-1",
};

Deno.test("consent page: every value shown is escaped, and the form posts to /authorize/decision", () => {
  const html = consentHtml(VIEW);
  assert.ok(!html.includes("<script>"), "no markup from the client name");
  assert.ok(!html.includes("<img"), "no markup from a scope");
  assert.ok(
    html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;friends&apos;"),
  );
  assert.match(html, /<form method="post" action="\/authorize\/decision">/);
  assert.match(html, /<input type="hidden" name="txn" value="txn-1">/);
  assert.match(html, /<input type="hidden" name="csrf" value="csrf-1">/);
  assert.match(html, /name="decision" value="approve"/);
  assert.match(html, /name="decision" value="deny"/);
  assert.match(html, /<code>zmcp-abc<\/code>/, "the client id");
  assert.match(html, /<code>127\.0\.0\.1:7777<\/code>/, "the redirect URI host");
  assert.match(html, /https:\/\/mcp\.example\.test\/mcp/, "the resource");
  assert.ok(!/<script/i.test(html), "the page has no script at all");
});

Deno.test("consent page: control and bidirectional-override characters are removed before escaping", () => {
  assert.equal(escapeHtml("Good\u202Elive\u0000\u0007 app"), "Goodlive app");
  const html = consentHtml({ ...VIEW, clientName: "\u202e\u2066 " });
  assert.match(html, /An unnamed application/);
  assert.match(consentHtml({ ...VIEW, clientName: undefined }), /An unnamed application/);
});

Deno.test("page headers: strict CSP with the style hash, form targets, no framing, no caching, no referrer", () => {
  const headers = pageHeaders(["https://idp.example.com", "http://127.0.0.1:7777"]);
  const csp = headers.get("content-security-policy")!;
  assert.match(csp, /^default-src 'none'; /);
  assert.ok(csp.includes(`style-src ${STYLE_HASH};`));
  assert.match(csp, /form-action 'self' https:\/\/idp\.example\.com http:\/\/127\.0\.0\.1:7777;/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /base-uri 'none'/);
  assert.equal(headers.get("x-frame-options"), "DENY");
  assert.equal(headers.get("cache-control"), "no-store");
  assert.equal(headers.get("referrer-policy"), "same-origin");
  assert.equal(headers.get("x-content-type-options"), "nosniff");
  assert.match(headers.get("content-type")!, /^text\/html; charset=utf-8/);
  // The hash is the hash of the style block actually on the page.
  const style = /<style>([^<]*)<\/style>/.exec(consentHtml(VIEW))![1];
  const hash = createHash("sha256").update(style).digest("base64");
  assert.equal(STYLE_HASH, `'sha256-${hash}'`);
  assert.equal(cspSource("http://[::1]:7777"), "http:", "an IPv6 literal by scheme only");
  assert.equal(cspSource("https://idp.example.com"), "https://idp.example.com");
});

Deno.test("error page: HTML with the same headers, or JSON for a JSON caller; the message is escaped", async () => {
  const html = errorPage(new Request("https://x/authorize"), 400, "invalid_client", "<b>bad</b>");
  assert.equal(html.status, 400);
  assert.match(html.headers.get("content-security-policy")!, /default-src 'none'/);
  const text = await html.text();
  assert.match(text, /invalid_client/);
  assert.ok(text.includes("&lt;b&gt;bad&lt;/b&gt;"));
  const json = errorPage(
    new Request("https://x/authorize", { headers: { accept: "application/json" } }),
    403,
    "access_denied",
    "no",
  );
  assert.equal(json.status, 403);
  assert.deepEqual(await json.json(), { error: "access_denied", error_description: "no" });
});

Deno.test("cookies: __Host- prefixed and Secure on https, plain names on http; HttpOnly, SameSite", () => {
  assert.equal(cookieName("csrf", true), "__Host-zscaler_mcp_csrf");
  assert.equal(cookieName("csrf", false), "zscaler_mcp_csrf");
  assert.equal(cookieName("browser", true), "__Host-zscaler_mcp_signin");
  const csrf = setCookie("csrf", "v1", true);
  assert.equal(
    csrf,
    "__Host-zscaler_mcp_csrf=v1; Path=/; Max-Age=600; HttpOnly; SameSite=Strict; Secure",
  );
  assert.equal(
    setCookie("browser", "v2", false),
    "zscaler_mcp_signin=v2; Path=/; Max-Age=600; HttpOnly; SameSite=Lax",
  );
  assert.match(setCookie("csrf", "", true), /Max-Age=0/);

  const request = (cookie: string) => new Request("https://x/", { headers: { cookie } });
  assert.equal(readCookie(request("a=1; __Host-zscaler_mcp_csrf=tok; b=2"), "csrf", true), "tok");
  assert.equal(
    readCookie(request("zscaler_mcp_csrf=tok"), "csrf", true),
    undefined,
    "prefix required on https",
  );
  assert.equal(
    readCookie(request("zscaler_mcp_csrf=a; zscaler_mcp_csrf=b"), "csrf", false),
    undefined,
    "ambiguous",
  );
  assert.equal(readCookie(request("zscaler_mcp_csrf="), "csrf", false), undefined);
  assert.equal(readCookie(new Request("https://x/"), "csrf", false), undefined);
});
