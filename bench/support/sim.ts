/**
 * The simulated tenant the benches run against: started in the bench process on loopback, with
 * the environment that points a server process at it.
 */

import { type SimServer, startSimServer } from "../../lib/sim/mod.ts";
import { simAccessToken, simServerEnv } from "../../tests/helpers/sim.ts";

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
  const env = simServerEnv(sim);
  const token = () => simAccessToken(sim);
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
