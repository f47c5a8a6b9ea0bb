/**
 * Upstream behaviour through the real server process against the simulated tenant: token refresh,
 * 429 with Retry-After in both forms, 5xx retry of a GET, and a persistent outage reported as a
 * clear tool error.
 */

import assert from "node:assert/strict";
import type { Client } from "@modelcontextprotocol/client";
import { connectHttp } from "../helpers/clients.ts";
import { startHttpServer } from "../helpers/server_process.ts";
import { startTestSim, type TestSim } from "../helpers/sim.ts";

function requestsTo(sim: TestSim, path: string): number {
  return sim.tenant.requests.filter((r) => r.path === path).length;
}

async function withServer(fn: (client: Client, sim: TestSim) => Promise<void>): Promise<void> {
  const sim = await startTestSim();
  const server = await startHttpServer([], sim.env);
  const client = await connectHttp(server.url, "2026-07-28");
  try {
    await fn(client, sim);
  } finally {
    await client.close();
    await server.stop();
    await sim.close();
  }
}

const STATUS = "/zia/api/v1/status";

Deno.test("an expired token is refreshed once and the call succeeds", async () => {
  await withServer(async (client, sim) => {
    assert.notEqual((await client.callTool({ name: "zia_get_activation_status" })).isError, true);
    const tokens = sim.tenant.tokenRequests();
    assert.equal(tokens, 1);
    sim.tenant.expireTokens();
    const result = await client.callTool({ name: "zia_get_activation_status" });
    assert.notEqual(result.isError, true, JSON.stringify(result.content));
    assert.equal(sim.tenant.tokenRequests(), tokens + 1);
    const statuses = sim.tenant.requests.filter((r) => r.path === STATUS).map((r) => r.status);
    assert.deepEqual(statuses, [200, 401, 200]);
  });
});

Deno.test("429 with Retry-After is waited out, in the ZIA and the ZPA form", async () => {
  await withServer(async (client, sim) => {
    sim.tenant.faults.add({ kind: "rate-limit", retryAfter: "1", match: { pathPrefix: STATUS } });
    const zia = await client.callTool({ name: "zia_get_activation_status" });
    assert.notEqual(zia.isError, true, JSON.stringify(zia.content));
    assert.deepEqual(
      sim.tenant.requests.filter((r) => r.path === STATUS).map((r) => r.status),
      [429, 200],
    );

    const zpaPath =
      `/zpa/mgmtconfig/v1/admin/customers/${sim.tenant.options.customerId}/segmentGroup`;
    sim.tenant.faults.add({ kind: "rate-limit", retryAfter: "1s", match: { pathPrefix: zpaPath } });
    const zpa = await client.callTool({ name: "zpa_list_segment_groups", arguments: {} });
    assert.notEqual(zpa.isError, true, JSON.stringify(zpa.content));
    assert.deepEqual(
      sim.tenant.requests.filter((r) => r.path === zpaPath).map((r) => r.status),
      [429, 200],
    );
  });
});

Deno.test("a 5xx on a GET is retried; a persistent one is a clear tool error", async () => {
  await withServer(async (client, sim) => {
    sim.tenant.faults.add({ kind: "server-error", status: 503, match: { pathPrefix: STATUS } });
    const recovered = await client.callTool({ name: "zia_get_activation_status" });
    assert.notEqual(recovered.isError, true, JSON.stringify(recovered.content));
    assert.equal(requestsTo(sim, STATUS), 2);

    sim.tenant.faults.add({
      kind: "server-error",
      status: 500,
      times: Infinity,
      match: { pathPrefix: STATUS },
    });
    const failed = await client.callTool({ name: "zia_get_activation_status" });
    assert.equal(failed.isError, true);
    const text = JSON.stringify(failed.content);
    assert.match(text, /zia_get_activation_status failed/);
    assert.match(text, /500/);
    assert.doesNotMatch(text, /Bearer|eyJ/, "no token in the message");
    assert.ok(requestsTo(sim, STATUS) <= 2 + 4, "bounded retries");
    sim.tenant.faults.clear();
  });
});
