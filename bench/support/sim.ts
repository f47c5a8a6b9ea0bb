/**
 * The simulated tenant the benches run against: started in the bench process on loopback, with
 * the environment that points a server process at it.
 */

import { type SimServer, startSimServer } from "../../lib/sim/mod.ts";

/** A running simulator plus the `ZSCALER_*` variables for a server process. */
export interface BenchSim {
  sim: SimServer;
  env: Record<string, string>;
  /** A OneAPI access token for direct gateway calls (the upstream-only baselines). */
  token(): Promise<string>;
  close(): Promise<void>;
}

/** Starts a simulator on 127.0.0.1. */
export async function startBenchSim(): Promise<BenchSim> {
  const sim = await startSimServer({ hostname: "127.0.0.1", port: 0 });
  const client = sim.tenant.options.clients[0];
  const env = {
    ZSCALER_CLIENT_ID: client.clientId,
    ZSCALER_CLIENT_SECRET: client.clientSecret!,
    ZSCALER_CUSTOMER_ID: sim.tenant.options.customerId,
    ZSCALER_MCP_TOKEN_URL: sim.tokenUrl,
    ZSCALER_MCP_API_BASE_URL: sim.apiBaseUrl,
  };
  async function token(): Promise<string> {
    const response = await fetch(sim.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: client.clientId,
        client_secret: client.clientSecret!,
        audience: "https://api.zscaler.com",
      }),
    });
    const body = await response.json();
    return body.access_token as string;
  }
  return { sim, env, token, close: () => sim.close() };
}

/**
 * Starts a fresh 60-second gateway window on the simulator (it allows 5,000 requests per
 * window, like the real gateway), so long runs are never rate limited upstream. `reset()` also
 * reseeds the tenant and forgets the recorded requests; tokens stay valid.
 */
export function freshWindow(sim: BenchSim): void {
  sim.sim.tenant.reset();
}
