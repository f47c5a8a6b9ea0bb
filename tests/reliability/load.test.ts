/**
 * Load: 50 concurrent MCP clients over streamable HTTP against the real server process, which is
 * backed by the simulated tenant, in both protocol eras. Every call must return the right data
 * (zero failed calls, and exactly one upstream GET per call: nothing was silently retried), and
 * the server's resident memory must not keep growing between two equal rounds.
 *
 * Sizes. 2026-07-28: 50 clients × 200 calls per round, two rounds (20,000 calls). 2025-11-25: the
 * same pattern with 50 calls per client (2 × 2,500 calls). Each legacy round still opens and
 * closes 50 sessions, which is what that route adds; past the session routing a call takes the
 * same path in both eras. Measured on this 2-core machine, 10,000 calls take 8–15 s depending on
 * what else runs, so the full 20,000 legacy calls would add 15–30 s (the reliability suite is
 * meant to stay near a minute) for no new coverage.
 *
 * The tenant is served with keep-alive (tests/helpers/sim_keepalive.ts): no faults are injected
 * here, and a fresh TCP connection per upstream call roughly halved the calls per second.
 *
 * Memory. RSS is read from /proc/<pid>/status of the server process after each round. V8 sizes
 * its heap relative to its limit, which on a large machine is several GB: without a limit the
 * heap kept expanding for ~30,000 calls (measured 273 → 313 → 371 → 382 → 392 MB over rounds)
 * and a round-to-round comparison measured V8's growth policy, not leaks. The server therefore
 * runs with DENO_V8_FLAGS=--max-old-space-size=160, where round 2 measured 3–16 MB above round 1
 * (at ~195 MB) and throughput was unchanged. A leak can then fail this test two ways: RSS growth
 * over the 25 % bound (~50 MB, i.e. ~5 KB retained per call of a 10,000-call round), or the
 * process running out of memory, so that calls fail and it exits non-zero. Checked by hand with
 * a leak planted in the request path: ~10 KB per request crashed the server in round 2 (caught);
 * ~5 KB per request was NOT caught (RSS 264 → 246 MB: V8 compacted the heap as it neared its
 * limit). So this catches what matters at this scale — a per-request McpServer or transport, a
 * session never released (tens of KB or more each) — not a few KB per call.
 *
 * Configuration for the test: ZSCALER_MCP_RATE_LIMIT=0, because all 50 clients share 127.0.0.1
 * and the per-address limit (default 600/min) would refuse most calls (the limiter has its own
 * tests); ZSCALER_MCP_MAX_SESSIONS stays at its default of 100, above the 50 sessions a round
 * opens (each round ends them with DELETE).
 */

import assert from "node:assert/strict";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import type { RecordedRequest } from "../../lib/sim/mod.ts";
import type { Era } from "../helpers/clients.ts";
import { postMcp } from "../helpers/messages.ts";
import { startWatchedServer, type WatchedServer } from "../helpers/server_pid.ts";
import { type KeepAliveSim, startKeepAliveSim } from "../helpers/sim_keepalive.ts";
import { assertAlive, describeRequests, legitimatePath, resultText } from "./_support.ts";

const CLIENTS = 50;
const CALLS: Record<Era, number> = { "2026-07-28": 200, "2025-11-25": 50 };
/** Round 2 may use at most this much more resident memory than round 1. */
const GROWTH_LIMIT = 0.25;
/** The server's V8 old-space limit for this test, in MB (see the module documentation). */
const HEAP_LIMIT_MB = 160;
/**
 * The simulated gateway allows 5,000 requests a minute (as the real one does) and answers 429
 * beyond that. A round sends 10,000 in ~10 s, so the test starts a fresh window (tenant.reset())
 * every 4,000 requests; reset also reseeds the tenant, which read-only calls cannot notice.
 */
const WINDOW_RESET_AT = 4_000;

interface Call {
  name: string;
  arguments: Record<string, unknown>;
  check(structured: unknown): boolean;
}

function workload(sim: KeepAliveSim): Call[] {
  const group = sim.tenant.zpa.collection("segmentGroup")[0];
  const ruleId = sim.tenant.zia.collection("urlFilteringRules")[0].id;
  return [
    {
      name: "zia_get_activation_status",
      arguments: {},
      check: (s) => (s as { status?: string }).status === "ACTIVE",
    },
    {
      name: "zpa_get_segment_group",
      arguments: { group_id: String(group.id) },
      check: (s) => (s as { id?: unknown }).id === group.id,
    },
    {
      name: "zia_get_url_filtering_rule",
      arguments: { rule_id: ruleId },
      check: (s) => (s as { id?: unknown }).id === ruleId,
    },
  ];
}

interface RoundResult {
  ok: number;
  failures: string[];
  rssKiB: number;
}

/** Keeps every upstream request record across gateway-window resets. */
class UpstreamLog {
  readonly all: RecordedRequest[] = [];
  constructor(private readonly sim: KeepAliveSim) {}
  /** Moves the tenant's records here and starts a fresh gateway window when it is time. */
  maybeReset(): void {
    if (this.sim.tenant.requests.length < WINDOW_RESET_AT) return;
    this.drain();
  }
  drain(): void {
    this.all.push(...this.sim.tenant.requests);
    this.sim.tenant.reset();
  }
}

async function round(
  server: WatchedServer,
  era: Era,
  calls: Call[],
  upstream: UpstreamLog,
): Promise<RoundResult> {
  const sessions = await Promise.all(Array.from({ length: CLIENTS }, async () => {
    const client = new Client(
      { name: "reliability-load", version: "1" },
      era === "2026-07-28" ? { versionNegotiation: { mode: { pin: era } } } : {},
    );
    const transport = new StreamableHTTPClientTransport(new URL(server.url));
    await client.connect(transport);
    return { client, transport };
  }));
  let ok = 0;
  const failures: string[] = [];
  await Promise.all(sessions.map(async ({ client }, c) => {
    for (let i = 0; i < CALLS[era]; i++) {
      upstream.maybeReset();
      const call = calls[(c + i) % calls.length];
      try {
        const result = await client.callTool({ name: call.name, arguments: call.arguments });
        if (result.isError || !call.check(result.structuredContent)) {
          failures.push(`${call.name}: ${resultText(result).slice(0, 300)}`);
        } else ok++;
      } catch (error) {
        failures.push(`${call.name}: ${String(error).slice(0, 300)}`);
      }
    }
  }));
  for (const { client, transport } of sessions) {
    const sessionId = transport.sessionId;
    if (era === "2025-11-25") {
      await transport.terminateSession();
      // The session is really gone on the server (else the next round would pile up more).
      const after = await postMcp(
        server.url,
        { "mcp-session-id": sessionId ?? "", "mcp-protocol-version": era },
        '{"jsonrpc":"2.0","id":1,"method":"ping"}',
      );
      await after.body?.cancel();
      if (after.status !== 404) failures.push(`session ${sessionId} still answers after DELETE`);
    }
    await client.close();
  }
  // A server that died (out of memory, say) has no RSS; its calls have failed already.
  return { ok, failures, rssKiB: server.exited() ? NaN : server.rssKiB() };
}

for (const era of ["2026-07-28", "2025-11-25"] as const) {
  Deno.test(`load (${era}): ${CLIENTS} clients × ${CALLS[era]} calls, twice: no failures, no memory growth`, async () => {
    const sim = startKeepAliveSim();
    const server = await startWatchedServer([], {
      ...sim.env,
      ZSCALER_MCP_RATE_LIMIT: "0",
      DENO_V8_FLAGS: `--max-old-space-size=${HEAP_LIMIT_MB}`,
    });
    const upstream = new UpstreamLog(sim);
    let code: number;
    try {
      const calls = workload(sim);
      const idle = server.rssKiB();
      const first = await round(server, era, calls, upstream);
      const second = await round(server, era, calls, upstream);
      const expected = CLIENTS * CALLS[era];
      const mb = (kib: number) => (kib / 1024).toFixed(0);
      console.log(
        `load ${era}: ${first.ok}+${second.ok} calls ok; RSS idle ${mb(idle)} MB, ` +
          `after round 1 ${mb(first.rssKiB)} MB, after round 2 ${mb(second.rssKiB)} MB`,
      );
      const died = server.exited() ? `; the server exited:\n${server.stderr().slice(-2000)}` : "";
      assert.deepEqual(
        first.failures.slice(0, 5),
        [],
        `${first.failures.length} failed calls in round 1${died}`,
      );
      assert.deepEqual(
        second.failures.slice(0, 5),
        [],
        `${second.failures.length} failed calls in round 2${died}`,
      );
      assert.equal(first.ok, expected);
      assert.equal(second.ok, expected);

      // Each call is exactly one upstream GET answered 200 (plus the one token request):
      // nothing was rate-limited, failed or silently retried under load.
      upstream.drain();
      const allowed = legitimatePath(sim.tenant.options.customerId);
      assert.deepEqual(upstream.all.filter((r) => !allowed.test(r.path)), []);
      const gets = upstream.all.filter((r) => r.service !== "token");
      const odd = gets.filter((r) => r.method !== "GET" || r.status !== 200);
      assert.deepEqual(odd.slice(0, 5), [], describeRequests(odd.slice(0, 20)));
      assert.equal(gets.length, 2 * expected);
      assert.equal(upstream.all.filter((r) => r.service === "token").length, 1);

      const growth = (second.rssKiB - first.rssKiB) / first.rssKiB;
      assert.ok(
        growth < GROWTH_LIMIT,
        `RSS grew ${(growth * 100).toFixed(1)} % from round 1 (${mb(first.rssKiB)} MB) to ` +
          `round 2 (${mb(second.rssKiB)} MB); limit ${GROWTH_LIMIT * 100} %`,
      );
      await assertAlive(server);
    } finally {
      code = (await server.stop()).code;
      await sim.close();
    }
    // Only reached when the checks passed: a failure above is not masked by this one.
    assert.equal(code, 0, "graceful exit after the load");
  });
}
