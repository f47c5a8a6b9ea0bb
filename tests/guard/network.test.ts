import assert from "node:assert/strict";
import type { Logger } from "../../lib/log.ts";
import {
  type ClientAddress,
  createNetworkGuard,
  defaultAllowedHosts,
  type NetworkPolicy,
  networkPolicyProblems,
} from "../../lib/guard/network.ts";

interface Line {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

function capturingLogger(): { logger: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push({ level, message, fields });
  return {
    lines,
    logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
  };
}

const BASE: NetworkPolicy = {
  allowedHosts: defaultAllowedHosts("127.0.0.1"),
  allowedOrigins: [],
  allowedSourceIps: null,
  maxBodyBytes: 1000,
  rateLimitPerMinute: 0,
};

function setup(policy: Partial<NetworkPolicy> = {}, now?: () => number) {
  const { logger, lines } = capturingLogger();
  const guard = createNetworkGuard({ ...BASE, ...policy }, logger, { now });
  return { guard, lines };
}

const LOCAL: ClientAddress = { hostname: "127.0.0.1", port: 50123 };
const URL_LOCAL = "http://127.0.0.1:8000/mcp";

function get(headers: Record<string, string> = {}, url = URL_LOCAL): Request {
  return new Request(url, { headers });
}

function post(headers: Record<string, string> = {}, url = URL_LOCAL): Request {
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: "{}",
  });
}

function preflight(origin: string, extra: Record<string, string> = {}): Request {
  return new Request(URL_LOCAL, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", ...extra },
  });
}

/** Asserts a refusal's status and common headers, and returns its body text. */
async function refused(response: Response | undefined, status: number): Promise<string> {
  assert.ok(response, `expected a ${status} refusal, got a pass`);
  assert.equal(response.status, status);
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.equal(response.headers.get("content-type"), "application/json");
  assert.equal(response.headers.get("access-control-allow-origin"), null);
  const text = await response.text();
  JSON.parse(text);
  return text;
}

const HOST_BODY = {
  jsonrpc: "2.0",
  error: { code: -32000, message: "Forbidden: Host not allowed" },
  id: null,
};
const IP_BODY = { error: "forbidden", reason: "source address not allowed" };

// --- pass -----------------------------------------------------------------------------------

Deno.test("an ordinary local request passes every step and logs nothing", () => {
  const { guard, lines } = setup({ rateLimitPerMinute: 10, allowedSourceIps: ["127.0.0.1"] });
  assert.equal(guard.check(post({ host: "127.0.0.1:8000" }), LOCAL), undefined);
  assert.equal(guard.check(get({ host: "localhost:8000" }), LOCAL), undefined);
  assert.deepEqual(lines, []);
});

// --- source IP ACL --------------------------------------------------------------------------

Deno.test("source IP: exact IPv4 entry allows that address only", async () => {
  const { guard } = setup({ allowedSourceIps: ["192.168.1.7"] });
  assert.equal(guard.check(get(), { hostname: "192.168.1.7" }), undefined);
  const body = await refused(guard.check(get(), { hostname: "192.168.1.8" }), 403);
  assert.deepEqual(JSON.parse(body), IP_BODY);
});

Deno.test("source IP: IPv4 CIDR", async () => {
  const { guard } = setup({ allowedSourceIps: ["10.0.0.0/8"] });
  assert.equal(guard.check(get(), { hostname: "10.255.0.1" }), undefined);
  await refused(guard.check(get(), { hostname: "11.0.0.1" }), 403);
  await refused(guard.check(get(), { hostname: "127.0.0.1" }), 403);
});

Deno.test("source IP: IPv6 CIDR and exact IPv6 entry in any spelling", async () => {
  const { guard } = setup({ allowedSourceIps: ["2001:db8::/32", "::1"] });
  assert.equal(guard.check(get(), { hostname: "2001:db8:1::5" }), undefined);
  assert.equal(guard.check(get(), { hostname: "::1" }), undefined);
  assert.equal(guard.check(get(), { hostname: "0:0:0:0:0:0:0:1" }), undefined);
  await refused(guard.check(get(), { hostname: "2001:db9::1" }), 403);
  await refused(guard.check(get(), { hostname: "::2" }), 403);
});

Deno.test("source IP: IPv4-mapped IPv6 clients are matched by IPv4 entries", () => {
  const { guard } = setup({ allowedSourceIps: ["10.0.0.0/8"] });
  assert.equal(guard.check(get(), { hostname: "::ffff:10.1.2.3" }), undefined);
  assert.equal(guard.check(get(), { hostname: "::ffff:a01:203" }), undefined);
  assert.ok(guard.check(get(), { hostname: "::ffff:11.1.2.3" }));
});

Deno.test("source IP: IPv4 entries never match IPv6 clients and vice versa", async () => {
  const v4 = setup({ allowedSourceIps: ["0.0.0.0/0"] }).guard;
  await refused(v4.check(get(), { hostname: "::1" }), 403);
  await refused(v4.check(get(), { hostname: "::7f00:1" }), 403); // IPv4-compatible, not mapped
  const v6 = setup({ allowedSourceIps: ["::/0"] }).guard;
  await refused(v6.check(get(), { hostname: "127.0.0.1" }), 403);
  await refused(v6.check(get(), { hostname: "::ffff:127.0.0.1" }), 403);
  assert.equal(v6.check(get(), { hostname: "2001:db8::1" }), undefined);
});

Deno.test("source IP: an unparsable client address is refused, even with no ACL", async () => {
  for (const allowedSourceIps of [null, ["0.0.0.0/0", "::/0"]]) {
    const { guard, lines } = setup({ allowedSourceIps });
    for (const hostname of ["", "localhost", "127.1", "999.1.1.1", "1.2.3.4.5", "[::1]", "::g"]) {
      const body = await refused(guard.check(get(), { hostname }), 403);
      assert.deepEqual(JSON.parse(body), IP_BODY);
    }
    assert.ok(lines.every((line) => line.fields?.reason === "bad-client-address"));
  }
});

// --- rate limit -----------------------------------------------------------------------------

Deno.test("rate limit: N pass, N+1 is 429 with Retry-After, the window rolls over", async () => {
  let now = 1_000;
  const { guard, lines } = setup({ rateLimitPerMinute: 3 }, () => now);
  for (let i = 0; i < 3; i++) assert.equal(guard.check(get(), LOCAL), undefined);
  now += 20_000;
  const response = guard.check(get(), LOCAL);
  const body = JSON.parse(await refused(response, 429));
  assert.equal(response!.headers.get("retry-after"), "40");
  assert.equal(body.jsonrpc, "2.0");
  assert.equal(body.error.code, -32000);
  assert.equal(lines.at(-1)?.fields?.reason, "rate-limited");
  assert.equal(lines.at(-1)?.fields?.retry_after, 40);
  now += 39_500;
  assert.equal(guard.check(get(), LOCAL)?.headers.get("retry-after"), "1");
  now += 500;
  assert.equal(guard.check(get(), LOCAL), undefined);
});

Deno.test("rate limit: addresses are counted separately; mapped IPv4 counts as IPv4", async () => {
  const { guard } = setup({ rateLimitPerMinute: 1 }, () => 0);
  assert.equal(guard.check(get(), { hostname: "10.0.0.1" }), undefined);
  await refused(guard.check(get(), { hostname: "10.0.0.1" }), 429);
  await refused(guard.check(get(), { hostname: "::ffff:10.0.0.1" }), 429);
  assert.equal(guard.check(get(), { hostname: "10.0.0.2" }), undefined);
  assert.equal(guard.check(get(), { hostname: "::1" }), undefined);
  await refused(guard.check(get(), { hostname: "0:0::1" }), 429);
});

Deno.test("rate limit: 0 turns it off", () => {
  const { guard } = setup({ rateLimitPerMinute: 0 }, () => 0);
  for (let i = 0; i < 1000; i++) assert.equal(guard.check(get(), LOCAL), undefined);
});

// --- Host -----------------------------------------------------------------------------------

Deno.test("Host: the default list for a 127.0.0.1 bind, with and without port, any case", () => {
  const { guard } = setup();
  for (
    const host of [
      "127.0.0.1:8000",
      "127.0.0.1",
      "localhost:8000",
      "LocalHost:8000",
      "localhost",
      "[::1]:8000",
      "[0:0:0:0:0:0:0:1]:8000",
    ]
  ) {
    assert.equal(guard.check(get({ host }), LOCAL), undefined, host);
  }
});

Deno.test("Host: default lists for ::1 and wildcard binds", async () => {
  const v6 = setup({ allowedHosts: defaultAllowedHosts("::1") }).guard;
  assert.equal(v6.check(get({ host: "[::1]:8000" }, "http://[::1]:8000/mcp"), LOCAL), undefined);
  assert.equal(v6.check(get({ host: "localhost:8000" }), LOCAL), undefined);
  const any = setup({ allowedHosts: defaultAllowedHosts("0.0.0.0") }).guard;
  assert.equal(any.check(get({ host: "0.0.0.0:8000" }), LOCAL), undefined);
  assert.equal(any.check(get({ host: "127.0.0.1:8000" }), LOCAL), undefined);
  await refused(any.check(get({ host: "192.168.1.20:8000" }), LOCAL), 403);
});

Deno.test("Host: DNS-rebinding names are refused and never echoed", async () => {
  const { guard, lines } = setup();
  for (
    const host of [
      "attacker.example",
      "attacker.example:8000",
      "127.0.0.1.nip.io:8000",
      "localhost.attacker.example:8000",
      "2130706433:8000",
      "127.0.0.01:8000",
    ]
  ) {
    const body = await refused(guard.check(get({ host }), LOCAL), 403);
    assert.deepEqual(JSON.parse(body), HOST_BODY);
    assert.ok(!body.includes(host.split(":")[0]), body);
    assert.equal(lines.at(-1)?.fields?.reason, "host-not-allowed");
  }
});

Deno.test("Host: malformed values are refused with 403", async () => {
  const { guard, lines } = setup();
  for (
    const host of [
      "",
      "local host",
      "localhost:",
      "localhost:0",
      "localhost:65536",
      "localhost:8000:1",
      "user@localhost",
      "localhost/evil",
      "localhost.",
      "localhost, attacker.example",
      "[::1",
      "::1",
      "[fe80::1%25eth0]:8000",
      "[127.0.0.1]",
    ]
  ) {
    const body = await refused(guard.check(get({ host }), LOCAL), 403);
    assert.deepEqual(JSON.parse(body), HOST_BODY, host);
    assert.equal(lines.at(-1)?.fields?.reason, "host-malformed", host);
  }
});

Deno.test("Host: without a Host header (HTTP/2) the URL authority is judged", async () => {
  const { guard } = setup();
  assert.equal(guard.check(get({}, "https://localhost:8443/mcp"), LOCAL), undefined);
  const body = await refused(guard.check(get({}, "https://attacker.example/mcp"), LOCAL), 403);
  assert.deepEqual(JSON.parse(body), HOST_BODY);
});

Deno.test("Host: the Host header and the URL authority must both be allowed", async () => {
  const { guard } = setup();
  // Absolute-form request target naming another host, with an allowed Host header.
  await refused(
    guard.check(get({ host: "localhost:8000" }, "http://attacker.example/"), LOCAL),
    403,
  );
  // Deno does not normalize request.url: a Host of "a/b@c" yields "http://a/b@c/…".
  const odd = {
    url: "http://localhost/b@c/mcp",
    method: "GET",
    headers: new Headers({ host: "localhost/b@c" }),
  };
  await refused(guard.check(odd as unknown as Request, LOCAL), 403);
  const spaced = { url: "http://local host/mcp", method: "GET", headers: new Headers() };
  await refused(guard.check(spaced as unknown as Request, LOCAL), 403);
});

Deno.test("Host: globs match names on any port; a pattern with a port needs that port", async () => {
  const { guard } = setup({ allowedHosts: ["*.corp.example", "mcp.example.com:8443"] });
  for (const host of ["mcp.corp.example", "a.b.corp.example:9000", "MCP.Corp.Example:8000"]) {
    assert.equal(guard.check(get({ host }, `http://${host}/mcp`), LOCAL), undefined, host);
  }
  for (
    const host of [
      "corp.example",
      "evilcorp.example",
      "mcp.corp.example.attacker.example",
      "mcp.example.com",
      "mcp.example.com:8444",
      "[::1]",
      "localhost",
    ]
  ) {
    await refused(guard.check(get({ host }), LOCAL), 403);
  }
  const exact = get({ host: "mcp.example.com:8443" }, "http://mcp.example.com:8443/mcp");
  assert.equal(guard.check(exact, LOCAL), undefined);
});

Deno.test("Host: a missing port counts as the scheme's default port", async () => {
  const { guard } = setup({ allowedHosts: ["mcp.example.com:443"] });
  const url = "https://mcp.example.com/mcp";
  assert.equal(guard.check(get({ host: "mcp.example.com" }, url), LOCAL), undefined);
  assert.equal(guard.check(get({ host: "mcp.example.com:443" }, url), LOCAL), undefined);
  await refused(
    guard.check(get({ host: "mcp.example.com" }, "http://mcp.example.com/"), LOCAL),
    403,
  );
});

Deno.test("Host: IPv6 patterns compare canonical forms", async () => {
  const { guard } = setup({ allowedHosts: ["[2001:db8::1]:8000"] });
  const url = "http://[2001:db8::1]:8000/mcp";
  assert.equal(guard.check(get({ host: "[2001:DB8:0::1]:8000" }, url), LOCAL), undefined);
  await refused(guard.check(get({ host: "[2001:db8::2]:8000" }, url), LOCAL), 403);
  await refused(guard.check(get({ host: "[2001:db8::1]:8001" }, url), LOCAL), 403);
});

Deno.test("Host: null turns host validation off", () => {
  const { guard } = setup({ allowedHosts: null });
  assert.equal(guard.check(get({ host: "attacker.example" }), LOCAL), undefined);
  assert.equal(guard.check(get({ host: "not a host" }), LOCAL), undefined);
});

// --- Origin / CORS --------------------------------------------------------------------------

const APP = "https://app.example.com";

Deno.test("Origin: absent passes; corsHeaders is empty", () => {
  const { guard } = setup({ allowedOrigins: [APP] });
  assert.equal(guard.check(post(), LOCAL), undefined);
  assert.deepEqual(guard.corsHeaders(post()), {});
});

Deno.test("Origin: same-origin passes without being listed and gets no CORS headers", () => {
  const { guard } = setup();
  const request = post({ origin: "http://127.0.0.1:8000" });
  assert.equal(guard.check(request, LOCAL), undefined);
  assert.deepEqual(guard.corsHeaders(request), {});
  const https = get({ origin: "https://localhost" }, "https://localhost:443/mcp");
  assert.equal(guard.check(https, LOCAL), undefined);
});

Deno.test("Origin: a listed origin passes and gets CORS headers", () => {
  const { guard } = setup({ allowedOrigins: [APP] });
  const request = post({ origin: APP });
  assert.equal(guard.check(request, LOCAL), undefined);
  assert.deepEqual(guard.corsHeaders(request), {
    "access-control-allow-origin": APP,
    "vary": "Origin",
    "access-control-expose-headers": "mcp-session-id, www-authenticate, retry-after",
  });
});

Deno.test("Origin: default ports and case are normalized on both sides", async () => {
  const { guard } = setup({
    allowedOrigins: ["https://app.example.com:443", "http://Dev.Example:80"],
  });
  for (const origin of [APP, "https://APP.example.com:443", "http://dev.example"]) {
    assert.equal(guard.check(post({ origin }), LOCAL), undefined, origin);
    assert.equal(guard.corsHeaders(post({ origin }))["access-control-allow-origin"], origin);
  }
  for (
    const origin of [
      "http://app.example.com",
      "https://app.example.com:8443",
      "https://dev.example",
    ]
  ) {
    await refused(guard.check(post({ origin }), LOCAL), 403);
  }
});

Deno.test("Origin: null, malformed and unlisted origins are 403 and not echoed", async () => {
  const { guard, lines } = setup({ allowedOrigins: [APP] });
  for (
    const origin of [
      "null",
      "",
      "https://attacker.example",
      "https://app.example.com/",
      "https://app.example.com.attacker.example",
      "https://user@app.example.com",
      "chrome-extension://abcdef",
    ]
  ) {
    const body = await refused(guard.check(post({ origin }), LOCAL), 403);
    assert.deepEqual(JSON.parse(body), {
      jsonrpc: "2.0",
      error: { code: -32000, message: "Forbidden: Origin not allowed" },
      id: null,
    });
    assert.equal(lines.at(-1)?.fields?.reason, "origin-not-allowed");
    assert.deepEqual(guard.corsHeaders(post({ origin })), {});
  }
});

Deno.test("Origin: a preflight from an allowed origin is answered with 204", () => {
  const { guard } = setup({ allowedOrigins: [APP] });
  const response = guard.check(
    preflight(APP, {
      "access-control-request-headers": "content-type, Mcp-Param-Region, x-evil, mcp-method",
    }),
    LOCAL,
  );
  assert.ok(response);
  assert.equal(response.status, 204);
  const headers = Object.fromEntries(response.headers);
  assert.equal(headers["access-control-allow-origin"], APP);
  assert.match(headers["vary"], /^Origin\b/);
  assert.equal(headers["access-control-allow-methods"], "GET, POST, DELETE, OPTIONS");
  const allowed = headers["access-control-allow-headers"].split(", ");
  for (
    const name of [
      "authorization",
      "content-type",
      "mcp-protocol-version",
      "mcp-session-id",
      "last-event-id",
      "x-api-key",
      "x-zscaler-client-id",
      "x-zscaler-client-secret",
      "mcp-method",
      "mcp-name",
      "mcp-param-region",
    ]
  ) {
    assert.ok(allowed.includes(name), name);
  }
  assert.ok(!allowed.includes("x-evil"));
  assert.equal(
    headers["access-control-expose-headers"],
    "mcp-session-id, www-authenticate, retry-after",
  );
  assert.equal(headers["access-control-max-age"], "600");
  assert.equal(headers["access-control-allow-credentials"], undefined);
});

Deno.test("Origin: a preflight from another origin is 403 without CORS headers", async () => {
  const { guard, lines } = setup({ allowedOrigins: [APP] });
  await refused(guard.check(preflight("https://attacker.example"), LOCAL), 403);
  assert.equal(lines.at(-1)?.fields?.reason, "preflight-origin-not-allowed");
  await refused(guard.check(preflight("null"), LOCAL), 403);
});

Deno.test("Origin: OPTIONS without Access-Control-Request-Method is not a preflight", () => {
  const { guard } = setup({ allowedOrigins: [APP] });
  const request = new Request(URL_LOCAL, { method: "OPTIONS", headers: { origin: APP } });
  assert.equal(guard.check(request, LOCAL), undefined);
});

// --- size and content type ------------------------------------------------------------------

Deno.test("size: Content-Length over the limit is 413, equal passes", async () => {
  const { guard, lines } = setup({ maxBodyBytes: 100 });
  assert.equal(guard.check(post({ "content-length": "100" }), LOCAL), undefined);
  const body = JSON.parse(
    await refused(guard.check(post({ "content-length": "101" }), LOCAL), 413),
  );
  assert.equal(body.error.message, "Payload Too Large: Request body must not exceed 100 bytes");
  assert.equal(lines.at(-1)?.fields?.reason, "body-too-large");
  await refused(guard.check(get({ "content-length": "1" + "0".repeat(400) }), LOCAL), 413);
});

Deno.test("size: a malformed Content-Length is 400", async () => {
  const { guard, lines } = setup();
  for (const length of ["abc", "-1", "1e3", "1.5", "", "5, 5", "0x10", "+5"]) {
    await refused(guard.check(post({ "content-length": length }), LOCAL), 400);
    assert.equal(lines.at(-1)?.fields?.reason, "bad-content-length", length);
  }
});

Deno.test("content type: POST needs application/json, parameters and case ignored", async () => {
  const { guard, lines } = setup();
  for (
    const type of [
      "application/json",
      "application/json; charset=utf-8",
      "Application/JSON ;charset=UTF-8",
    ]
  ) {
    assert.equal(guard.check(post({ "content-type": type }), LOCAL), undefined, type);
  }
  for (
    const type of ["text/plain", "application/jsonx", "application/x-www-form-urlencoded", "json"]
  ) {
    await refused(guard.check(post({ "content-type": type }), LOCAL), 415);
    assert.equal(lines.at(-1)?.fields?.reason, "unsupported-media-type");
  }
  const bare = new Request(URL_LOCAL, { method: "POST" });
  await refused(guard.check(bare, LOCAL), 415);
  const text = new Request(URL_LOCAL, { method: "POST", body: "hello" });
  await refused(guard.check(text, LOCAL), 415);
});

Deno.test("content type: GET and DELETE are not checked", () => {
  const { guard } = setup();
  assert.equal(guard.check(get({ "content-type": "text/plain" }), LOCAL), undefined);
  assert.equal(guard.check(new Request(URL_LOCAL, { method: "DELETE" }), LOCAL), undefined);
});

// --- ordering -------------------------------------------------------------------------------

Deno.test("order: the IP ACL decides before rate limit, Host and everything else", async () => {
  const { guard, lines } = setup(
    { allowedSourceIps: ["10.0.0.0/8"], rateLimitPerMinute: 1 },
    () => 0,
  );
  const bad = post({ host: "attacker.example", origin: "null", "content-type": "text/plain" });
  for (let i = 0; i < 3; i++) {
    const body = await refused(guard.check(bad, { hostname: "192.0.2.1" }), 403);
    assert.deepEqual(JSON.parse(body), IP_BODY);
  }
  // Never 429: the refused address was not counted by the limiter.
  assert.ok(lines.every((line) => line.fields?.reason === "source-ip-not-allowed"));
});

Deno.test("order: a rate-limited request never reaches the Host check", async () => {
  const { guard, lines } = setup({ rateLimitPerMinute: 1 }, () => 0);
  assert.equal(guard.check(post(), LOCAL), undefined);
  await refused(guard.check(post({ host: "attacker.example" }), LOCAL), 429);
  assert.equal(lines.length, 1);
  assert.equal(lines[0].fields?.reason, "rate-limited");
});

Deno.test("order: Host before Origin before size before content type", async () => {
  const { guard, lines } = setup({ allowedOrigins: [APP], maxBodyBytes: 10 });
  const reasons = () => lines.map((line) => line.fields?.reason);
  await refused(guard.check(post({ host: "attacker.example", origin: "null" }), LOCAL), 403);
  await refused(guard.check(post({ origin: "null", "content-length": "99" }), LOCAL), 403);
  await refused(
    guard.check(post({ "content-length": "99", "content-type": "text/plain" }), LOCAL),
    413,
  );
  await refused(
    guard.check(post({ "content-length": "x", "content-type": "text/plain" }), LOCAL),
    400,
  );
  assert.deepEqual(reasons(), [
    "host-not-allowed",
    "origin-not-allowed",
    "body-too-large",
    "bad-content-length",
  ]);
  // A preflight is answered at the Origin step, before the size step.
  const answered = guard.check(preflight(APP, { "content-length": "99" }), LOCAL);
  assert.equal(answered?.status, 204);
});

// --- logging --------------------------------------------------------------------------------

Deno.test("a refusal logs one warn line with client and reason, never secrets or raw values", () => {
  const { guard, lines } = setup({ allowedOrigins: [APP] });
  const longHost = "a".repeat(300) + '.example"\tforged=line';
  guard.check(
    get({
      host: longHost,
      authorization: "Bearer s3cr3t-token",
      "x-zscaler-client-secret": "hunter2",
    }),
    { hostname: "::ffff:127.0.0.1" },
  );
  assert.equal(lines.length, 1);
  const [line] = lines;
  assert.equal(line.level, "warn");
  assert.equal(line.message, "request refused");
  assert.equal(line.fields?.client, "127.0.0.1");
  assert.equal(line.fields?.reason, "host-malformed");
  assert.equal(line.fields?.method, "GET");
  assert.equal(line.fields?.path, JSON.stringify("/mcp"));
  const host = line.fields?.host as string;
  assert.ok(host.length <= 110, host);
  assert.ok(host.startsWith('"aaa') && !host.includes("forged"));
  const all = JSON.stringify(lines);
  assert.ok(!all.includes("s3cr3t") && !all.includes("hunter2"));
});

Deno.test("an unparsable client address is logged quoted", () => {
  const { guard, lines } = setup();
  guard.check(get(), { hostname: "bad\naddress" });
  assert.equal(lines[0].fields?.client, JSON.stringify("bad\naddress"));
});

// --- policy ---------------------------------------------------------------------------------

Deno.test("a bad policy throws instead of guarding with holes", () => {
  const { logger } = capturingLogger();
  const bad: Partial<NetworkPolicy>[] = [
    { allowedHosts: ["*"] },
    { allowedHosts: [] },
    { allowedOrigins: ["*"] },
    { allowedSourceIps: ["10.0.0.1/8"] },
    { allowedSourceIps: [] },
    { maxBodyBytes: 0 },
    { maxBodyBytes: 1.5 },
    { rateLimitPerMinute: -1 },
  ];
  for (const policy of bad) {
    assert.equal(networkPolicyProblems({ ...BASE, ...policy }).length, 1, JSON.stringify(policy));
    assert.throws(() => createNetworkGuard({ ...BASE, ...policy }, logger), TypeError);
  }
  assert.deepEqual(networkPolicyProblems(BASE), []);
});
