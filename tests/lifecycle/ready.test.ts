/**
 * The readiness check against the simulated tenant over real HTTP: ready with a token (a cached
 * one counts) or in sandbox mode; not ready, with a fixed reason that carries no secret and no
 * upstream text, when the token endpoint fails, refuses the credentials or is too slow.
 */

import assert from "node:assert/strict";
import { notReadyReason, readinessCheck } from "../../lib/lifecycle/ready.ts";
import { TokenProvider } from "../../lib/zscaler/mod.ts";
import { startTestSim } from "../helpers/sim.ts";

const TOKEN_PATH = "/oauth2/v1/token";

Deno.test("sandbox: ready without asking any token endpoint", async () => {
  // Nothing listens on port 9 of loopback: any token request would fail.
  const tokens = new TokenProvider({
    tokenUrl: "http://127.0.0.1:9/oauth2/v1/token",
    credentials: { clientId: "x", clientSecret: "y" },
    maxRetries: 0,
  });
  assert.deepEqual(await readinessCheck({ sandbox: true, tokens })(), { ready: true });
  assert.equal((await readinessCheck({ sandbox: false, tokens })()).ready, false);
});

Deno.test("a token from the tenant: ready; a cached token keeps it ready through an outage", async () => {
  const sim = await startTestSim();
  try {
    const tokens = new TokenProvider({
      tokenUrl: sim.tokenUrl,
      credentials: {
        clientId: sim.env.ZSCALER_CLIENT_ID,
        clientSecret: sim.env.ZSCALER_CLIENT_SECRET,
      },
      maxRetries: 0,
    });
    const check = readinessCheck({ sandbox: false, tokens });
    assert.deepEqual(await check(), { ready: true });
    const asked = sim.tenant.requests.filter((r) => r.path === TOKEN_PATH).length;
    sim.tenant.faults.add({
      kind: "server-error",
      times: Infinity,
      match: { pathPrefix: TOKEN_PATH },
    });
    assert.deepEqual(await check(), { ready: true });
    assert.equal(
      sim.tenant.requests.filter((r) => r.path === TOKEN_PATH).length,
      asked,
      "the cached token was used; ZIdentity was not asked again",
    );
  } finally {
    await sim.close();
  }
});

Deno.test("not ready: endpoint failing, credentials refused, too slow — with safe reasons", async () => {
  const sim = await startTestSim();
  try {
    const secret = sim.env.ZSCALER_CLIENT_SECRET;
    const provider = (clientSecret: string) =>
      new TokenProvider({
        tokenUrl: sim.tokenUrl,
        credentials: { clientId: sim.env.ZSCALER_CLIENT_ID, clientSecret },
        maxRetries: 0,
      });

    sim.tenant.faults.add({
      kind: "server-error",
      status: 503,
      match: { pathPrefix: TOKEN_PATH },
    });
    assert.deepEqual(
      await readinessCheck({ sandbox: false, tokens: provider(secret), failureCacheMs: 0 })(),
      { ready: false, reason: "the ZIdentity token endpoint is unavailable (HTTP 503)" },
    );

    const wrong = "not-the-secret-" + crypto.randomUUID();
    const refused = await readinessCheck({
      sandbox: false,
      tokens: provider(wrong),
      failureCacheMs: 0,
    })();
    assert.deepEqual(refused, {
      ready: false,
      reason: "ZIdentity rejected the OneAPI client credentials (HTTP 401)",
    });
    // Neither secret, nor the upstream's own words (`invalid_client`, its description).
    const text = JSON.stringify(refused);
    for (const leak of [wrong, secret, "invalid_client"]) assert.ok(!text.includes(leak), leak);

    sim.tenant.faults.add({ kind: "latency", delayMs: 3000, match: { pathPrefix: TOKEN_PATH } });
    const slow = await readinessCheck({
      sandbox: false,
      tokens: provider(secret),
      timeoutMs: 200,
    })();
    assert.equal(slow.ready, false);
    assert.match((slow as { reason: string }).reason, /readiness timeout/);
  } finally {
    await sim.close();
  }
});

Deno.test("a not-ready answer is reused for a while: probes do not hammer ZIdentity", async () => {
  const sim = await startTestSim();
  try {
    let clock = 1_000_000;
    const check = readinessCheck({
      sandbox: false,
      tokens: new TokenProvider({
        tokenUrl: sim.tokenUrl,
        credentials: { clientId: sim.env.ZSCALER_CLIENT_ID, clientSecret: "wrong-secret" },
        maxRetries: 0,
      }),
      failureCacheMs: 5_000,
      now: () => clock,
    });
    const asked = () => sim.tenant.requests.filter((r) => r.path === TOKEN_PATH).length;
    const first = await check();
    assert.equal(first.ready, false);
    for (let i = 0; i < 20; i++) assert.deepEqual(await check(), first);
    assert.equal(asked(), 1, "twenty probes, one token request");
    clock += 5_000;
    await check();
    assert.equal(asked(), 2, "asked again once the failure has aged");
  } finally {
    await sim.close();
  }
});

Deno.test("notReadyReason: anything unexpected gets a generic sentence, never its message", () => {
  assert.equal(
    notReadyReason(new Error("secret=abc123 in some stack")),
    "no OneAPI token could be obtained",
  );
});
