/**
 * Upstream faults, injected through the simulated tenant, each met by a real tool call through the
 * real server process: 429 with Retry-After (ZIA and ZPA forms), 500/502/503, responses slower
 * than the request timeout, connection resets, token expiry mid-session, malformed JSON.
 *
 * Every call must end in the right data or a clear `isError` result; a write whose outcome is
 * unknown is never re-sent (exactly one POST reaches the tenant and the collection grows by at
 * most one); and the process stays up (`/health` and a follow-up call succeed after each fault).
 *
 * The server runs with ZSCALER_MCP_REQUEST_TIMEOUT=1 (the smallest the setting takes) so that a
 * 1.5 s latency fault is a timeout, and with `zia_create_*` write tools allowlisted.
 */

import assert from "node:assert/strict";
import type { Client } from "@modelcontextprotocol/client";
import { connectHttp, type Era } from "../helpers/clients.ts";
import { startWatchedServer, type WatchedServer } from "../helpers/server_pid.ts";
import { startTestSim, type TestSim } from "../helpers/sim.ts";
import {
  assertAlive,
  assertClearToolError,
  assertLegitimatePaths,
  describeRequests,
  eventually,
  requestsSince,
  resultText,
} from "./_support.ts";

const STATUS = "/zia/api/v1/status";
const RULES = "/zia/api/v1/urlFilteringRules";
const LOCATIONS = "/zia/api/v1/locations";
const TIMEOUT_SECONDS = 1;
/** Longer than the timeout: the server's fetch is aborted first. */
const SLOW_MS = 1500;

interface Fixture {
  sim: TestSim;
  server: WatchedServer;
  client: Client;
}

async function withFixture(era: Era, fn: (f: Fixture) => Promise<void>): Promise<void> {
  const sim = await startTestSim();
  const server = await startWatchedServer(
    ["--enable-write-tools", "--write-tools", "zia_create_*"],
    { ...sim.env, ZSCALER_MCP_REQUEST_TIMEOUT: String(TIMEOUT_SECONDS) },
  );
  let code: number;
  try {
    const client = await connectHttp(server.url, era);
    try {
      await fn({ sim, server, client });
    } finally {
      await client.close();
    }
    assertLegitimatePaths(sim);
  } finally {
    code = (await server.stop()).code;
    await sim.close();
  }
  // Only reached when the steps passed: a failure above is not masked by this one.
  assert.equal(code, 0, "graceful exit after the faults");
}

/** The process is up and a plain read still works after the fault. */
async function assertRecovered({ sim, server, client }: Fixture): Promise<void> {
  assert.equal(sim.tenant.faults.pending(), 0, "every armed fault was used up");
  await assertAlive(server);
  const result = await client.callTool({ name: "zia_get_activation_status" });
  assert.notEqual(result.isError, true, resultText(result));
  assert.match(String((result.structuredContent as { status?: string }).status), /^[A-Z]+$/);
}

function segmentGroupPath(sim: TestSim): string {
  return `/zpa/mgmtconfig/v1/admin/customers/${sim.tenant.options.customerId}/segmentGroup`;
}

function statusesOf(sim: TestSim, since: number, path: string, method = "GET"): number[] {
  return requestsSince(sim, since).filter((r) => r.path === path && r.method === method)
    .map((r) => r.status);
}

Deno.test("faults: 429 with Retry-After is waited out (ZIA and ZPA forms); too long a wait is a clear error", async (t) => {
  await withFixture("2026-07-28", async (f) => {
    const { sim, client } = f;
    await t.step("ZIA form: retry-after: 1", async () => {
      const since = sim.tenant.requests.length;
      sim.tenant.faults.add({ kind: "rate-limit", retryAfter: "1", match: { pathPrefix: STATUS } });
      const result = await client.callTool({ name: "zia_get_activation_status" });
      assert.notEqual(result.isError, true, resultText(result));
      assert.deepEqual(result.structuredContent, { status: "ACTIVE" });
      assert.deepEqual(statusesOf(sim, since, STATUS), [429, 200]);
      await assertRecovered(f);
    });

    await t.step("ZPA form: retry-after: 1s", async () => {
      const since = sim.tenant.requests.length;
      const path = segmentGroupPath(sim);
      sim.tenant.faults.add({ kind: "rate-limit", retryAfter: "1s", match: { pathPrefix: path } });
      const result = await client.callTool({
        name: "zpa_list_segment_groups",
        arguments: { query: "[].id" },
      });
      assert.notEqual(result.isError, true, resultText(result));
      const expected = sim.tenant.zpa.collection("segmentGroup").map((g) => g.id);
      assert.deepEqual((result.structuredContent as { items: unknown[] }).items, expected);
      assert.deepEqual(statusesOf(sim, since, path), [429, 200]);
      await assertRecovered(f);
    });

    await t.step("a 429 on a write is retried and applied exactly once", async () => {
      const since = sim.tenant.requests.length;
      const before = sim.tenant.zia.collection("locations").length;
      sim.tenant.faults.add({
        kind: "rate-limit",
        retryAfter: "1",
        match: { method: "POST", pathPrefix: LOCATIONS },
      });
      const result = await client.callTool({
        name: "zia_create_location",
        arguments: { name: "reliability 429" },
      });
      assert.notEqual(result.isError, true, resultText(result));
      // 429 means "not processed": re-sending is safe, and the tenant holds one new location.
      assert.deepEqual(statusesOf(sim, since, LOCATIONS, "POST"), [429, 200]);
      const after = sim.tenant.zia.collection("locations");
      assert.equal(after.length, before + 1);
      assert.equal(after.filter((l) => l.name === "reliability 429").length, 1);
      await assertRecovered(f);
    });

    await t.step(
      "Retry-After longer than the client waits: clear error, no second try",
      async () => {
        const since = sim.tenant.requests.length;
        sim.tenant.faults.add({
          kind: "rate-limit",
          retryAfter: "120",
          match: { pathPrefix: STATUS },
        });
        const result = await client.callTool({ name: "zia_get_activation_status" });
        assertClearToolError(result, "zia_get_activation_status", /HTTP 429.*120 s/);
        assert.deepEqual(statusesOf(sim, since, STATUS), [429]);
        await assertRecovered(f);
      },
    );
  });
});

Deno.test("faults: 500/502/503 on a GET are retried to the data; a persistent one is a clear error", async (t) => {
  await withFixture("2026-07-28", async (f) => {
    const { sim, client } = f;
    for (const status of [500, 502, 503]) {
      await t.step(`one ${status} on a ZIA GET, then the data`, async () => {
        const since = sim.tenant.requests.length;
        sim.tenant.faults.add({ kind: "server-error", status, match: { pathPrefix: RULES } });
        const result = await client.callTool({
          name: "zia_get_url_filtering_rule",
          arguments: { rule_id: 1690001 },
        });
        assert.notEqual(result.isError, true, resultText(result));
        assert.equal((result.structuredContent as { id: number }).id, 1690001);
        assert.deepEqual(statusesOf(sim, since, `${RULES}/1690001`), [status, 200]);
        await assertRecovered(f);
      });
    }

    await t.step("one 503 (ZPA form, retry-after: 1s) on a ZPA GET, then the data", async () => {
      const since = sim.tenant.requests.length;
      const group = sim.tenant.zpa.collection("segmentGroup")[0];
      const path = `${segmentGroupPath(sim)}/${group.id}`;
      sim.tenant.faults.add({
        kind: "server-error",
        status: 503,
        retryAfter: "1s",
        match: { pathPrefix: path },
      });
      const result = await client.callTool({
        name: "zpa_get_segment_group",
        arguments: { group_id: String(group.id) },
      });
      assert.notEqual(result.isError, true, resultText(result));
      assert.equal((result.structuredContent as { id: unknown }).id, group.id);
      assert.deepEqual(statusesOf(sim, since, path), [503, 200]);
      await assertRecovered(f);
    });

    await t.step("a persistent 502: bounded retries, then a clear error", async () => {
      const since = sim.tenant.requests.length;
      sim.tenant.faults.add({
        kind: "server-error",
        status: 502,
        times: Infinity,
        match: { pathPrefix: STATUS },
      });
      const result = await client.callTool({ name: "zia_get_activation_status" });
      sim.tenant.faults.clear();
      assertClearToolError(result, "zia_get_activation_status", /HTTP 502/);
      const statuses = statusesOf(sim, since, STATUS);
      assert.ok(statuses.length >= 2 && statuses.length <= 4, `retried, boundedly: ${statuses}`);
      assert.ok(statuses.every((s) => s === 502));
      await assertRecovered(f);
    });
  });
});

Deno.test("faults: responses slower than the timeout, on a GET and on a write", async (t) => {
  await withFixture("2026-07-28", async (f) => {
    const { sim, client } = f;
    await t.step("one slow GET times out, the retry returns the data", async () => {
      const since = sim.tenant.requests.length;
      sim.tenant.faults.add({ kind: "latency", delayMs: SLOW_MS, match: { pathPrefix: STATUS } });
      const result = await client.callTool({ name: "zia_get_activation_status" });
      assert.notEqual(result.isError, true, resultText(result));
      assert.deepEqual(result.structuredContent, { status: "ACTIVE" });
      const statuses = statusesOf(sim, since, STATUS);
      // 499: the tenant saw the server give up on the slow attempt.
      assert.deepEqual(statuses, [499, 200], describeRequests(requestsSince(sim, since)));
      await assertRecovered(f);
    });

    await t.step("a GET that stays slow: every attempt times out, then a clear error", async () => {
      const since = sim.tenant.requests.length;
      sim.tenant.faults.add({
        kind: "latency",
        delayMs: SLOW_MS,
        times: 4,
        match: { pathPrefix: STATUS },
      });
      const result = await client.callTool({ name: "zia_get_activation_status" });
      sim.tenant.faults.clear();
      assertClearToolError(result, "zia_get_activation_status", /timed out after 1 s/);
      const statuses = statusesOf(sim, since, STATUS);
      assert.ok(statuses.length >= 2 && statuses.length <= 4, `retried, boundedly: ${statuses}`);
      await assertRecovered(f);
    });

    await t.step("a slow POST times out and is not re-sent", async () => {
      const since = sim.tenant.requests.length;
      const before = sim.tenant.zia.collection("locations").length;
      sim.tenant.faults.add({
        kind: "latency",
        delayMs: SLOW_MS,
        match: { method: "POST", pathPrefix: LOCATIONS },
      });
      const result = await client.callTool({
        name: "zia_create_location",
        arguments: { name: "reliability slow" },
      });
      assertClearToolError(result, "zia_create_location", /timed out after 1 s/);
      assert.match(resultText(result), /may or may not have been applied/);
      const posts = () => requestsSince(sim, since).filter((r) => r.method === "POST");
      // Let the tenant finish with the abandoned request before counting.
      assert.ok(await eventually(() => posts().every((r) => r.status !== 0)));
      assert.equal(posts().length, 1, describeRequests(requestsSince(sim, since)));
      const after = sim.tenant.zia.collection("locations").length;
      assert.ok(after - before <= 1, `applied at most once (grew by ${after - before})`);
      await assertRecovered(f);
    });
  });
});

Deno.test("faults: connection resets and 5xx on a write are reported, never re-sent", async (t) => {
  await withFixture("2026-07-28", async (f) => {
    const { sim, client } = f;
    await t.step("a dropped GET is retried to the data", async () => {
      const since = sim.tenant.requests.length;
      sim.tenant.faults.add({ kind: "drop", match: { pathPrefix: RULES } });
      const result = await client.callTool({
        name: "zia_list_url_filtering_rules",
        arguments: { query: "[].id" },
      });
      assert.notEqual(result.isError, true, resultText(result));
      const expected = sim.tenant.zia.collection("urlFilteringRules").map((r) => r.id);
      assert.deepEqual((result.structuredContent as { items: unknown[] }).items, expected);
      // 0: the connection was reset before any status was sent.
      assert.deepEqual(statusesOf(sim, since, RULES), [0, 200]);
      await assertRecovered(f);
    });

    await t.step("a dropped GET, every time: bounded retries, then a clear error", async () => {
      const since = sim.tenant.requests.length;
      sim.tenant.faults.add({ kind: "drop", times: Infinity, match: { pathPrefix: STATUS } });
      const result = await client.callTool({ name: "zia_get_activation_status" });
      sim.tenant.faults.clear();
      assertClearToolError(result, "zia_get_activation_status", /network error/);
      const statuses = statusesOf(sim, since, STATUS);
      assert.ok(statuses.length >= 2 && statuses.length <= 4, `retried, boundedly: ${statuses}`);
      await assertRecovered(f);
    });

    const writeFaults = [
      { label: "a dropped POST", fault: { kind: "drop" }, what: /network error/ },
      { label: "a 500 on POST", fault: { kind: "server-error", status: 500 }, what: /HTTP 500/ },
      { label: "a 502 on POST", fault: { kind: "server-error", status: 502 }, what: /HTTP 502/ },
      { label: "a 503 on POST", fault: { kind: "server-error", status: 503 }, what: /HTTP 503/ },
    ] as const;
    for (const { label, fault, what } of writeFaults) {
      await t.step(`${label} is not re-sent`, async () => {
        const since = sim.tenant.requests.length;
        const before = sim.tenant.zia.collection("locations").length;
        sim.tenant.faults.add({ ...fault, match: { method: "POST", pathPrefix: LOCATIONS } });
        const name = `reliability ${label}`;
        const result = await client.callTool({ name: "zia_create_location", arguments: { name } });
        assertClearToolError(result, "zia_create_location", what);
        assert.match(resultText(result), /may or may not have been applied/);
        const posts = requestsSince(sim, since).filter((r) => r.method === "POST");
        assert.equal(posts.length, 1, describeRequests(requestsSince(sim, since)));
        const after = sim.tenant.zia.collection("locations");
        assert.ok(after.length - before <= 1, `applied at most once`);
        assert.ok(after.filter((l) => l.name === name).length <= 1);
        await assertRecovered(f);
      });
    }
  });
});

for (const era of ["2026-07-28", "2025-11-25"] as const) {
  Deno.test(`faults: token expiry mid-session and malformed JSON (${era})`, async (t) => {
    await withFixture(era, async (f) => {
      const { sim, client } = f;
      await t.step("tokens expire between calls: one refresh, the data", async () => {
        const first = await client.callTool({ name: "zia_get_activation_status" });
        assert.notEqual(first.isError, true, resultText(first));
        const tokens = sim.tenant.tokenRequests();
        const since = sim.tenant.requests.length;
        sim.tenant.expireTokens();
        const result = await client.callTool({ name: "zia_get_activation_status" });
        assert.notEqual(result.isError, true, resultText(result));
        assert.equal(sim.tenant.tokenRequests(), tokens + 1);
        assert.deepEqual(statusesOf(sim, since, STATUS), [401, 200]);
        await assertRecovered(f);
      });

      await t.step("tokens expire and the token endpoint fails once: still the data", async () => {
        sim.tenant.expireTokens();
        sim.tenant.faults.add({
          kind: "server-error",
          status: 503,
          match: { pathPrefix: "/oauth2/v1/token" },
        });
        const since = sim.tenant.requests.length;
        const result = await client.callTool({
          name: "zia_get_url_filtering_rule",
          arguments: { rule_id: 1690002 },
        });
        assert.notEqual(result.isError, true, resultText(result));
        assert.equal((result.structuredContent as { id: number }).id, 1690002);
        const tokenStatuses = requestsSince(sim, since).filter((r) => r.service === "token")
          .map((r) => r.status);
        assert.deepEqual(tokenStatuses, [503, 200]);
        await assertRecovered(f);
      });

      await t.step("malformed JSON from ZIA: a clear error", async () => {
        sim.tenant.faults.add({ kind: "malformed-json", match: { pathPrefix: STATUS } });
        const result = await client.callTool({ name: "zia_get_activation_status" });
        assertClearToolError(result, "zia_get_activation_status", /malformed JSON/);
        await assertRecovered(f);
      });

      await t.step("malformed JSON from ZPA in a paginated list: a clear error", async () => {
        const path = segmentGroupPath(sim);
        sim.tenant.faults.add({ kind: "malformed-json", match: { pathPrefix: path } });
        const result = await client.callTool({ name: "zpa_list_segment_groups", arguments: {} });
        assertClearToolError(result, "zpa_list_segment_groups", /malformed JSON/);
        await assertRecovered(f);
      });
    });
  });
}
