/**
 * The simulated tenant served with HTTP keep-alive (`Deno.serve`), for load tests.
 *
 * `startTestSim` (sim.ts) serves through `node:http` and closes every connection, so that a
 * `drop` fault is seen as a network error (see lib/sim/server.ts). Under load that costs a TCP
 * connection per upstream call in both processes and halves the calls a 2-core machine gets
 * through; a load test injects no faults, so it can use this one. Loopback only.
 */

import { SimTenant, TOKEN_PATH } from "../../lib/sim/mod.ts";

/** A running keep-alive simulator plus the environment that points a server process at it. */
export interface KeepAliveSim {
  tenant: SimTenant;
  /** ZSCALER_* variables for a child server process. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts a fresh simulated tenant on 127.0.0.1 with an ephemeral port. */
export function startKeepAliveSim(): KeepAliveSim {
  const tenant = new SimTenant();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, tenant.fetch);
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const client = tenant.options.clients[0];
  return {
    tenant,
    env: {
      ZSCALER_CLIENT_ID: client.clientId,
      ZSCALER_CLIENT_SECRET: client.clientSecret!,
      ZSCALER_CUSTOMER_ID: tenant.options.customerId,
      ZSCALER_MCP_TOKEN_URL: `${origin}${TOKEN_PATH}`,
      ZSCALER_MCP_API_BASE_URL: origin,
    },
    close: () => server.shutdown(),
  };
}
