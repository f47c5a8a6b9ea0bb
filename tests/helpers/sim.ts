/** The simulated tenant for end-to-end tests: started in the test process, on loopback. */

import { type SimOptions, type SimServer, startSimServer } from "../../lib/sim/mod.ts";

/** The `ZSCALER_*` variables that point a server process at `sim` with its default client. */
export function simServerEnv(sim: SimServer): Record<string, string> {
  const client = sim.tenant.options.clients[0];
  return {
    ZSCALER_CLIENT_ID: client.clientId,
    ZSCALER_CLIENT_SECRET: client.clientSecret!,
    ZSCALER_CUSTOMER_ID: sim.tenant.options.customerId,
    ZSCALER_MCP_TOKEN_URL: sim.tokenUrl,
    ZSCALER_MCP_API_BASE_URL: sim.apiBaseUrl,
  };
}

/** A OneAPI access token from `sim` for its default client, for direct gateway calls. */
export async function simAccessToken(sim: SimServer): Promise<string> {
  const client = sim.tenant.options.clients[0];
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

/** A running simulator plus the environment that points a server process at it. */
export type TestSim = Awaited<ReturnType<typeof startSimServer>> & {
  /** ZSCALER_* variables for a child server process. */
  env: Record<string, string>;
  /** GETs a gateway path directly (the oracle a tool's output is compared with). */
  get(path: string): Promise<unknown>;
};

/**
 * Starts a simulator (one client unless `options` says otherwise; the server environment uses
 * the first) and returns it with the matching server environment.
 */
export async function startTestSim(options: SimOptions = {}): Promise<TestSim> {
  const sim = await startSimServer({ ...options, hostname: "127.0.0.1", port: 0 });
  const env = simServerEnv(sim);
  async function get(path: string): Promise<unknown> {
    const token = await simAccessToken(sim);
    const response = await fetch(new URL(path, sim.apiBaseUrl), {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    });
    if (!response.ok) {
      throw new Error(`sim GET ${path}: ${response.status} ${await response.text()}`);
    }
    return response.json();
  }
  return Object.assign(sim, { env, get });
}
