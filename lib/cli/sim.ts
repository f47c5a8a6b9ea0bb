/** `sim`: the simulated tenant on its own, for testing other clients and scripts against it. */

import { parseArgs } from "node:util";
import { ConfigError, isLoopbackHost } from "../config/mod.ts";
import { writeStderr } from "../log.ts";
import { startSimServer } from "../sim/mod.ts";

/** Runs the simulator until SIGINT/SIGTERM. Returns the exit code. */
export async function runSim(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { host: { type: "string" }, port: { type: "string" } },
      strict: true,
    }));
  } catch (error) {
    throw new ConfigError([(error as Error).message.split(". To specify")[0]]);
  }
  const hostname = values.host ?? "127.0.0.1";
  const port = Number(values.port ?? "9000");
  const problems = [];
  if (!isLoopbackHost(hostname)) problems.push(`--host: the simulator listens on loopback only`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`--port: must be a whole number from 0 to 65535`);
  }
  if (problems.length) throw new ConfigError(problems);
  const sim = await startSimServer({ hostname, port, control: true });
  const client = sim.tenant.options.clients[0];
  writeStderr(
    [
      "zscaler-mcp: SIMULATED Zscaler tenant (nothing here is real)",
      `  gateway    ${sim.apiBaseUrl}`,
      `  token URL  ${sim.tokenUrl}`,
      `  client id  ${client.clientId}   client secret  ${client.clientSecret}`,
      `  ZPA customer id  ${sim.tenant.options.customerId}`,
      `  control    ${sim.url}/__sim/requests, /__sim/faults, /__sim/reset, /__sim/expire-tokens`,
      "Point the server at it with ZSCALER_MCP_TOKEN_URL and ZSCALER_MCP_API_BASE_URL.",
    ].join("\n"),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    Deno.addSignalListener("SIGINT", stop);
    Deno.addSignalListener("SIGTERM", stop);
  });
  await sim.close();
  return 0;
}
