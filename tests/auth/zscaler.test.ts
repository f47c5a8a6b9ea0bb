import assert from "node:assert/strict";
import {
  AuthConfigError,
  type AuthOutcome,
  type AuthTuning,
  createAuthenticator,
} from "../../lib/auth/mod.ts";
import {
  bodyOf,
  type CapturedLogger,
  captureLogger,
  closedPort,
  EXAMPLE_METADATA_URL,
  exposed,
  mcpRequest,
  startServer,
  type TestServer,
} from "./helpers.ts";

const CLIENT_ID = "oneapi-client-7f3a";
const SECRET = "S3cr3t-Value-That-Must-Never-Leak-9d1c";
const ISSUED_TOKEN = "eyJissued.access.token-never-leaks";

type Mode = "normal" | "500" | "429" | "hang" | "no-token";

/** A fake ZIdentity token endpoint: 200 for the known client, 401 otherwise; knobs for faults. */
class FakeZIdentity {
  mode: Mode = "normal";
  expiresIn: number | undefined = 3600;
  forms: URLSearchParams[] = [];
  readonly server: TestServer;

  constructor() {
    this.server = startServer(async (request) => {
      const form = new URLSearchParams(await request.text());
      this.forms.push(form);
      if (this.mode === "hang") {
        await this.server.hold();
        return new Response(null, { status: 504 });
      }
      if (this.mode === "500") return Response.json({ error: "server_error" }, { status: 500 });
      if (this.mode === "429") return Response.json({ error: "slow down" }, { status: 429 });
      if (form.get("client_id") !== CLIENT_ID || form.get("client_secret") !== SECRET) {
        return Response.json({ error: "invalid_client" }, { status: 401 });
      }
      if (this.mode === "no-token") return Response.json({ token_type: "Bearer" });
      return Response.json({
        access_token: ISSUED_TOKEN,
        token_type: "Bearer",
        ...(this.expiresIn === undefined ? {} : { expires_in: this.expiresIn }),
      });
    });
  }

  get calls(): number {
    return this.server.calls;
  }

  get tokenUrl(): string {
    return `${this.server.origin}/oauth2/v1/token`;
  }
}

interface Harness {
  idp: FakeZIdentity;
  logger: CapturedLogger;
  clock: { t: number };
  auth: (headers: Record<string, string>) => Promise<AuthOutcome>;
  /** Every response seen, rendered, for the leak check. */
  seen: string[];
}

async function withZIdentity(
  fn: (h: Harness) => Promise<void>,
  tuning: Partial<AuthTuning> = {},
): Promise<void> {
  const idp = new FakeZIdentity();
  const logger = captureLogger();
  const clock = { t: 1_800_000_000_000 };
  const seen: string[] = [];
  try {
    const authenticator = createAuthenticator(
      { mode: "zscaler", algorithms: [], tokenUrl: idp.tokenUrl },
      { logger, now: () => clock.t, tuning },
    );
    const auth = async (headers: Record<string, string>) => {
      const outcome = await authenticator.authenticate(mcpRequest(headers));
      seen.push(outcome.ok ? JSON.stringify(outcome.principal) : await exposed(outcome.response));
      return outcome;
    };
    await fn({ idp, logger, clock, auth, seen });
  } finally {
    await idp.server.close();
  }
  for (const text of [...seen, ...logger.lines]) {
    assert.ok(!text.includes(SECRET), `secret leaked: ${text}`);
    assert.ok(!text.includes(ISSUED_TOKEN), `issued token leaked: ${text}`);
    assert.ok(!text.includes(btoa(`${CLIENT_ID}:${SECRET}`)), `basic credentials leaked: ${text}`);
  }
}

const basic = (id: string, secret: string) => ({
  Authorization: `Basic ${btoa(`${id}:${secret}`)}`,
});
const pair = (id: string, secret: string) => ({
  "X-Zscaler-Client-ID": id,
  "X-Zscaler-Client-Secret": secret,
});
const GOOD = basic(CLIENT_ID, SECRET);
const BAD = basic(CLIENT_ID, "wrong-secret");

async function assertRejected(outcome: AuthOutcome): Promise<void> {
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.equal(outcome.response.status, 401);
  assert.equal((await bodyOf(outcome.response)).error, "invalid_token");
  assert.equal(
    outcome.response.headers.get("www-authenticate"),
    `Bearer realm="zscaler-mcp", resource_metadata="${EXAMPLE_METADATA_URL}", error="invalid_token"`,
  );
}

async function assertUnavailable(outcome: AuthOutcome): Promise<number> {
  assert.equal(outcome.ok, false);
  if (outcome.ok) return 0;
  assert.equal(outcome.response.status, 503);
  assert.equal((await bodyOf(outcome.response)).error, "temporarily_unavailable");
  const retryAfter = outcome.response.headers.get("retry-after") ?? "";
  assert.match(retryAfter, /^[1-9]\d*$/);
  return Number(retryAfter);
}

const reasons = (logger: CapturedLogger) =>
  logger.lines.map((l) => /reason=(\S+)$/.exec(l)?.[1] ?? l);

Deno.test("zscaler: good credentials via Basic pass; ZIdentity gets a client-credentials form", async () => {
  await withZIdentity(async ({ idp, auth }) => {
    const outcome = await auth(GOOD);
    assert.ok(outcome.ok);
    if (outcome.ok) {
      assert.deepEqual(outcome.principal, {
        mode: "zscaler",
        id: CLIENT_ID,
        claims: { client_id: CLIENT_ID },
      });
    }
    assert.equal(idp.calls, 1);
    const form = idp.forms[0]!;
    assert.equal(form.get("grant_type"), "client_credentials");
    assert.equal(form.get("client_id"), CLIENT_ID);
    assert.equal(form.get("client_secret"), SECRET);
    assert.equal(form.get("audience"), "https://api.zscaler.com");
  });
});

Deno.test("zscaler: good credentials via the X-Zscaler-Client-ID/-Secret pair pass", async () => {
  await withZIdentity(async ({ idp, auth }) => {
    const outcome = await auth(pair(CLIENT_ID, SECRET));
    assert.ok(outcome.ok);
    assert.equal(idp.calls, 1);
    assert.ok((await auth(GOOD)).ok, "the same credential, sent the other way, is cached");
    assert.equal(idp.calls, 1);
  });
});

Deno.test("zscaler: a success is cached until expires_in, capped at one hour", async () => {
  await withZIdentity(async ({ idp, auth, clock }) => {
    idp.expiresIn = 600;
    assert.ok((await auth(GOOD)).ok);
    clock.t += 599_000;
    assert.ok((await auth(GOOD)).ok);
    assert.equal(idp.calls, 1, "second request made no upstream call");
    clock.t += 1_001;
    assert.ok((await auth(GOOD)).ok);
    assert.equal(idp.calls, 2, "revalidated after expires_in");

    idp.expiresIn = 86_400;
    clock.t += 600_000;
    assert.ok((await auth(GOOD)).ok);
    assert.equal(idp.calls, 3);
    clock.t += 3_599_000;
    assert.ok((await auth(GOOD)).ok);
    assert.equal(idp.calls, 3);
    clock.t += 1_001;
    assert.ok((await auth(GOOD)).ok);
    assert.equal(idp.calls, 4, "a day-long token is trusted for one hour only");

    idp.expiresIn = undefined;
    clock.t += 3_600_001;
    assert.ok((await auth(GOOD)).ok);
    clock.t += 300_001;
    assert.ok((await auth(GOOD)).ok);
    assert.equal(idp.calls, 6, "without expires_in a success is trusted for 300 s");
  });
});

Deno.test("zscaler: bad credentials → 401 invalid_token, cached for 30 s", async () => {
  await withZIdentity(async ({ idp, auth, clock, logger }) => {
    await assertRejected(await auth(BAD));
    await assertRejected(await auth(BAD));
    assert.equal(idp.calls, 1, "the cached failure did not reach ZIdentity");
    clock.t += 30_001;
    await assertRejected(await auth(BAD));
    assert.equal(idp.calls, 2);
    assert.deepEqual(reasons(logger), [
      "credentials_rejected",
      "credentials_rejected_cached",
      "credentials_rejected",
    ]);
    assert.ok((await auth(GOOD)).ok, "another secret for the same id is a different credential");
  });
});

Deno.test("zscaler: 50 requests with the same bad credential make one upstream call", async () => {
  await withZIdentity(async ({ idp, auth }) => {
    const concurrent = await Promise.all(Array.from({ length: 25 }, () => auth(BAD)));
    for (let i = 0; i < 25; i++) await assertRejected(await auth(BAD));
    for (const outcome of concurrent) await assertRejected(outcome);
    assert.equal(idp.calls, 1);
  });
});

Deno.test("zscaler: 50 distinct bad credentials are bounded by the global limiter", async () => {
  await withZIdentity(async ({ idp, auth, clock, logger }) => {
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => auth(basic(`attacker-${i}`, `guess-${i}`))),
    );
    assert.equal(idp.calls, 10, "at most 10 validations per 10 s");
    let rejected = 0;
    for (const outcome of outcomes) {
      if (!outcome.ok && outcome.response.status === 401) rejected++;
      else assert.ok((await assertUnavailable(outcome)) <= 10);
    }
    assert.equal(rejected, 10);
    assert.equal(reasons(logger).filter((r) => r === "validation_rate_limited").length, 40);
    clock.t += 10_001;
    await assertRejected(await auth(basic("attacker-x", "guess-x")));
    assert.equal(idp.calls, 11, "the window slides");
  });
});

Deno.test("zscaler: a credential that validated before is revalidated even when the limiter is full", async () => {
  await withZIdentity(async ({ idp, auth, clock }) => {
    idp.expiresIn = 60;
    assert.ok((await auth(GOOD)).ok);
    clock.t += 60_001;
    for (let i = 0; i < 10; i++) await auth(basic(`attacker-${i}`, "x"));
    await assertUnavailable(await auth(basic("attacker-new", "x")));
    assert.equal(idp.calls, 11);
    assert.ok((await auth(GOOD)).ok);
    assert.equal(idp.calls, 12);
  });
});

Deno.test("zscaler: ten concurrent identical requests share one validation", async () => {
  await withZIdentity(async ({ idp, auth }) => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => auth(GOOD)));
    assert.ok(outcomes.every((o) => o.ok));
    assert.equal(idp.calls, 1);
  });
});

Deno.test("zscaler: ZIdentity 500 and 429 → 503, not cached as a credential failure", async () => {
  await withZIdentity(async ({ idp, auth, logger }) => {
    idp.mode = "500";
    await assertUnavailable(await auth(GOOD));
    await assertUnavailable(await auth(BAD));
    idp.mode = "429";
    await assertUnavailable(await auth(GOOD));
    assert.equal(idp.calls, 3, "outages are not cached");
    idp.mode = "normal";
    assert.ok((await auth(GOOD)).ok, "recovers as soon as ZIdentity does");
    await assertRejected(await auth(BAD));
    assert.deepEqual(reasons(logger), [
      "zidentity_http_500",
      "zidentity_http_500",
      "zidentity_http_429",
      "credentials_rejected",
    ]);
  });
});

Deno.test("zscaler: a 200 without an access_token is an outage, not a success", async () => {
  await withZIdentity(async ({ idp, auth, logger }) => {
    idp.mode = "no-token";
    await assertUnavailable(await auth(GOOD));
    assert.deepEqual(reasons(logger), ["zidentity_malformed_response"]);
  });
});

Deno.test("zscaler: ZIdentity timeout → 503", async () => {
  await withZIdentity(async ({ idp, auth, logger }) => {
    idp.mode = "hang";
    await assertUnavailable(await auth(GOOD));
    assert.deepEqual(reasons(logger), ["zidentity_timeout"]);
  }, { zscalerTimeoutMs: 100 });
});

Deno.test("zscaler: ZIdentity connection refused → 503", async () => {
  const port = await closedPort();
  const logger = captureLogger();
  const authenticator = createAuthenticator(
    { mode: "zscaler", algorithms: [], tokenUrl: `http://127.0.0.1:${port}/oauth2/v1/token` },
    { logger },
  );
  const outcome = await authenticator.authenticate(mcpRequest(GOOD));
  await assertUnavailable(outcome);
  assert.deepEqual(reasons(logger), ["zidentity_network"]);
  if (!outcome.ok) assert.ok(!(await exposed(outcome.response)).includes(SECRET));
});

Deno.test("zscaler: missing credentials → 401 unauthorized without error=", async () => {
  await withZIdentity(async ({ idp, auth, logger }) => {
    const outcome = await auth({});
    assert.equal(outcome.ok, false);
    if (!outcome.ok) {
      assert.equal(outcome.response.status, 401);
      assert.equal((await bodyOf(outcome.response)).error, "unauthorized");
      assert.equal(
        outcome.response.headers.get("www-authenticate"),
        `Bearer realm="zscaler-mcp", resource_metadata="${EXAMPLE_METADATA_URL}"`,
      );
    }
    assert.deepEqual(reasons(logger), ["missing_credentials"]);
    assert.equal(idp.calls, 0);
  });
});

Deno.test("zscaler: malformed credentials → 401 invalid_token without an upstream call", async () => {
  await withZIdentity(async ({ idp, auth }) => {
    const cases: Record<string, string>[] = [
      { Authorization: `Bearer ${SECRET}` },
      { Authorization: "Basic !!!notbase64" },
      { Authorization: `Basic ${btoa("no-colon")}` },
      { Authorization: `Basic ${btoa(`:${SECRET}`)}` },
      { Authorization: `Basic ${btoa(`${CLIENT_ID}:`)}` },
      { "X-Zscaler-Client-ID": CLIENT_ID },
      { "X-Zscaler-Client-Secret": SECRET },
      { ...GOOD, ...pair(CLIENT_ID, SECRET) },
      pair("id:with:colons", SECRET),
      pair(CLIENT_ID, "x".repeat(2000)),
    ];
    for (const headers of cases) await assertRejected(await auth(headers));
    assert.equal(idp.calls, 0);
  });
});

Deno.test("zscaler: the secret and the issued token never appear in responses or logs", async () => {
  await withZIdentity(async ({ idp, auth, seen, logger }) => {
    await auth(GOOD);
    await auth(pair(CLIENT_ID, SECRET));
    await auth(basic(CLIENT_ID, `${SECRET}x`));
    await auth({ Authorization: `Bearer ${SECRET}` });
    await auth({ "X-Zscaler-Client-Secret": SECRET });
    idp.mode = "500";
    await auth(basic("other", SECRET));
    assert.ok(seen.length === 6 && logger.lines.length === 4);
    // withZIdentity checks every response and log line for the secret and the token.
  });
});

Deno.test("zscaler: a missing or non-https token URL is a typed configuration error", () => {
  const logger = captureLogger();
  for (const tokenUrl of [undefined, "", "ftp://x/token", "http://idp.example.test/token"]) {
    assert.throws(
      () => createAuthenticator({ mode: "zscaler", algorithms: [], tokenUrl }, { logger }),
      (error: unknown) => error instanceof AuthConfigError,
    );
  }
});
