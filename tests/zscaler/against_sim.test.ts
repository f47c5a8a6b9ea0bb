/**
 * The OneAPI client against the simulated tenant over real HTTP: the two written independently
 * from the same facts must agree on tokens, retries and error bodies.
 */

import assert from "node:assert/strict";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { startSimServer } from "../../lib/sim/mod.ts";
import {
  apiPath,
  ZscalerApiError,
  ZscalerClient,
  ZscalerNetworkError,
} from "../../lib/zscaler/mod.ts";

const ACTIVATE = "/zia/api/v1/status/activate";

async function withSim(
  fn: (client: ZscalerClient, sim: Awaited<ReturnType<typeof startSimServer>>) => Promise<void>,
) {
  const sim = await startSimServer();
  const { clientId, clientSecret } = sim.tenant.options.clients[0];
  const client = new ZscalerClient({
    tokenUrl: sim.tokenUrl,
    apiBaseUrl: sim.apiBaseUrl,
    credentials: { clientId, clientSecret },
    backoffBaseMs: 1,
  });
  try {
    await fn(client, sim);
  } finally {
    await sim.close();
  }
}

Deno.test("a POST that meets a 5xx is never re-sent", async () => {
  await withSim(async (client, sim) => {
    sim.tenant.faults.add({ kind: "server-error", status: 503, match: { pathPrefix: ACTIVATE } });
    await assert.rejects(
      client.request({ method: "POST", path: apiPath`/zia/api/v1/status/activate` }),
      (error) => error instanceof ZscalerApiError && error.status === 503 && error.outcomeUnknown,
    );
    assert.equal(sim.tenant.requests.filter((r) => r.path === ACTIVATE).length, 1);
  });
});

Deno.test("a POST whose connection drops is never re-sent; a GET is", async () => {
  await withSim(async (client, sim) => {
    sim.tenant.faults.add({ kind: "drop", match: { pathPrefix: ACTIVATE } });
    await assert.rejects(
      client.request({ method: "POST", path: apiPath`/zia/api/v1/status/activate` }),
      (error) => error instanceof ZscalerNetworkError && error.outcomeUnknown,
    );
    assert.equal(sim.tenant.requests.filter((r) => r.path === ACTIVATE).length, 1);

    sim.tenant.faults.add({ kind: "drop", match: { pathPrefix: "/zia/api/v1/status" } });
    const status = await client.request({ method: "GET", path: apiPath`/zia/api/v1/status` });
    assert.equal(status.status, 200);
    assert.deepEqual(
      sim.tenant.requests.filter((r) => r.path === "/zia/api/v1/status").map((r) => r.status),
      [0, 200],
    );
  });
});

Deno.test("a 429 on a POST is retried: the tenant did not process it", async () => {
  await withSim(async (client, sim) => {
    sim.tenant.faults.add({ kind: "rate-limit", retryAfter: "0", match: { pathPrefix: ACTIVATE } });
    const response = await client.request({
      method: "POST",
      path: apiPath`/zia/api/v1/status/activate`,
    });
    assert.deepEqual(response.data, { status: "ACTIVE" });
    assert.deepEqual(
      sim.tenant.requests.filter((r) => r.path === ACTIVATE).map((r) => r.status),
      [429, 200],
    );
  });
});

Deno.test("private-key JWT client authentication against the simulated ZIdentity", async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const sim = await startSimServer({
    clients: [{ clientId: "jwt-client", publicKey: await exportJWK(publicKey) }],
  });
  try {
    const client = new ZscalerClient({
      tokenUrl: sim.tokenUrl,
      apiBaseUrl: sim.apiBaseUrl,
      credentials: { clientId: "jwt-client", privateKey: await exportPKCS8(privateKey) },
    });
    const status = await client.request({ method: "GET", path: apiPath`/zia/api/v1/status` });
    assert.equal(status.status, 200);
    assert.equal(sim.tenant.tokenRequests(), 1);
  } finally {
    await sim.close();
  }
});
