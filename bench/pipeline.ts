/**
 * Pipeline overhead: what the full production stack costs per `tools/call` next to a bare SDK
 * server, measured side by side in one run.
 *
 * - **full**: the real server process (`deno run … main.ts --transport streamable-http`, the
 *   flags of `deno task start`) with api-key client auth, Host and Origin checks, the rate limit
 *   (set to 1,000,000/min so it counts every request but never refuses one), body limits, the
 *   write inspector, output sanitization (and its per-result warning on stderr when it removes
 *   something), the untrusted-content label where a tool needs it, and the JSON audit log written
 *   to a file.
 * - **bare**: `bench/bare_server.ts`, the same read tools calling the same `ZscalerClient`,
 *   served by `createMcpHandler` on `Deno.serve` with no defences.
 *
 * Both are separate processes started the same way (so neither shares the event loop with the
 * load generator), both call the same simulated tenant (`startSimServer` in this process on
 * 127.0.0.1), both make exactly one upstream GET per call (checked, printed) over a new
 * connection (the simulator closes every connection), and both get the same clients: 16 SDK v2
 * clients pinned to 2026-07-28, one call each at a time. After a warm-up of each, the bench runs
 * rounds of one bare and one full run in alternating order (bare, full | full, bare | …); the
 * ratio reported is the median of the rounds' full/bare throughput ratios, so drift and other
 * load on the machine fall on both sides of each ratio alike. The simulator's 60-second gateway
 * window is reset before each run so no run is rate limited upstream. Server CPU time per call is
 * read from `/proc/<pid>/stat`: it is what the server itself costs, whatever the load
 * generator's limits.
 *
 * Run alone: `deno run --unstable-no-legacy-abort -A bench/pipeline.ts`.
 *
 * @module
 */

import { printHeader } from "./support/machine.ts";
import { connectPool, type LoadResult, runLoad } from "./support/load.ts";
import {
  BARE_FLAGS,
  cpuMsOf,
  type HttpProcess,
  removeScratch,
  SCRATCH,
  SERVER_FLAGS,
  spawnHttp,
} from "./support/process.ts";
import { freshWindow, startBenchSim } from "./support/sim.ts";
import { count, median, percentile, printTable } from "./support/stats.ts";

/** Settings of the pipeline bench. */
export interface PipelineOptions {
  concurrency: number;
  callsPerRun: number;
  rounds: number;
  warmupCalls: number;
  tools: readonly { name: string; args: Record<string, unknown>; what: string }[];
}

/** The defaults `deno task bench` uses. */
export const PIPELINE_DEFAULTS: PipelineOptions = {
  concurrency: 16,
  callsPerRun: 1500,
  rounds: 6,
  warmupCalls: 500,
  tools: [
    {
      name: "zia_list_locations",
      args: {},
      what: "every seeded location, sanitized (about 5 KB of JSON per call)",
    },
    {
      name: "zia_get_activation_status",
      args: {},
      what: "a 20-byte answer: the fixed per-request cost of the stack",
    },
  ],
};

interface Side {
  label: "bare" | "full";
  server: HttpProcess;
  headers: Record<string, string>;
}

interface Run extends LoadResult {
  cpuMs: number;
  upstreamPerCall: number;
}

/** `+1.5 ms` / `-0.4 ms`. */
function signedMs(value: number): string {
  return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(1)} ms`;
}

/** Runs the bench and prints its tables; returns the full/bare throughput ratios by tool. */
export async function pipelineBench(
  options: PipelineOptions = PIPELINE_DEFAULTS,
): Promise<Record<string, number>> {
  printHeader("pipeline overhead: full production stack vs bare SDK server (streamable HTTP)");
  const sim = await startBenchSim();
  const apiKey = crypto.randomUUID() + crypto.randomUUID();
  const auditPath = `${SCRATCH}/pipeline-audit.jsonl`;
  const full = await spawnHttp(
    SERVER_FLAGS,
    ["--transport", "streamable-http", "--host", "127.0.0.1", "--port", "0"],
    {
      ...sim.env,
      ZSCALER_MCP_AUTH_API_KEY: apiKey,
      ZSCALER_MCP_RATE_LIMIT: "1000000",
      ZSCALER_MCP_LOG_TOOL_CALLS: "true",
      ZSCALER_MCP_AUDIT_LOG: auditPath,
    },
  );
  const bare = await spawnHttp(BARE_FLAGS, [], sim.env);
  const ratios: Record<string, number> = {};
  try {
    const posture = full.stderr().split("\n").filter((line) =>
      /^\s+(client auth|host validation|origin check|limits|sanitization|audit logging|tools)\s/
        .test(line)
    );
    console.log("full stack posture (from its banner):");
    for (const line of posture) console.log(`  ${line.trim()}`);
    console.log(
      `load: ${options.concurrency} concurrent SDK v2 clients (2026-07-28), ` +
        `${
          count(options.callsPerRun)
        } calls per run, ${options.rounds} rounds of one bare and one ` +
        `full run (order alternating) after a ${options.warmupCalls}-call warm-up of each`,
    );
    const sides: Side[] = [
      { label: "bare", server: bare, headers: {} },
      { label: "full", server: full, headers: { authorization: `Bearer ${apiKey}` } },
    ];
    const pools = new Map<string, Awaited<ReturnType<typeof connectPool>>>();
    for (const side of sides) {
      pools.set(
        side.label,
        await connectPool(side.server.url, options.concurrency, side.headers),
      );
    }
    for (const tool of options.tools) {
      console.log(`\ntool ${tool.name}: ${tool.what}`);
      const runs: Record<string, Run[]> = { bare: [], full: [] };
      for (const side of sides) {
        freshWindow(sim);
        await runLoad(pools.get(side.label)!, options.warmupCalls, tool.name, tool.args);
      }
      const pairRatios: number[] = [];
      for (let round = 0; round < options.rounds; round++) {
        // A pair per round, in alternating order (bare, full | full, bare | …), so drift and
        // other load on the machine fall on both sides alike.
        const order = round % 2 === 0 ? sides : [...sides].reverse();
        const throughput: Record<string, number> = {};
        for (const side of order) {
          freshWindow(sim);
          const cpu0 = cpuMsOf(side.server.pid);
          const result = await runLoad(
            pools.get(side.label)!,
            options.callsPerRun,
            tool.name,
            tool.args,
          );
          const cpuMs = cpuMsOf(side.server.pid) - cpu0;
          const upstream = sim.sim.tenant.requests.filter((r) => r.service !== "token").length;
          runs[side.label].push({ ...result, cpuMs, upstreamPerCall: upstream / result.calls });
          throughput[side.label] = result.calls / (result.elapsedMs / 1000);
          if (result.failures > 0) {
            console.log(
              `  ${side.label} run ${round + 1}: ${result.failures} failed calls, first: ` +
                result.firstError,
            );
          }
        }
        pairRatios.push(throughput.full / throughput.bare);
      }
      const summary = (label: string) => {
        const list = runs[label];
        const throughputs = list.map((r) => r.calls / (r.elapsedMs / 1000));
        const latencies = list.flatMap((r) => r.latencies);
        return {
          throughput: median(throughputs),
          perRun: throughputs.map((t) => t.toFixed(0)).join(" / "),
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          cpuPerCall: list.reduce((a, r) => a + r.cpuMs, 0) /
            list.reduce((a, r) => a + r.calls, 0),
          failures: list.reduce((a, r) => a + r.failures, 0),
          upstream: median(list.map((r) => r.upstreamPerCall)),
        };
      };
      const b = summary("bare");
      const f = summary("full");
      printTable([
        [
          "server",
          "calls/s (median run)",
          "calls/s per run",
          "p50",
          "p99",
          "server CPU/call",
          "upstream GETs/call",
          "failed",
        ],
        ...[["bare", b], ["full", f]].map(([label, s]) => {
          const x = s as typeof b;
          return [
            label as string,
            x.throughput.toFixed(0),
            x.perRun,
            `${x.p50.toFixed(1)} ms`,
            `${x.p99.toFixed(1)} ms`,
            `${x.cpuPerCall.toFixed(2)} ms`,
            x.upstream.toFixed(2),
            String(x.failures),
          ];
        }),
      ]);
      const ratio = median(pairRatios);
      ratios[tool.name] = ratio;
      console.log(
        `if the server process were the bottleneck (bare CPU/full CPU per call): ` +
          `${(b.cpuPerCall / f.cpuPerCall * 100).toFixed(1)}%`,
      );
      console.log(
        `full/bare throughput, per round: ${
          pairRatios.map((r) => `${(r * 100).toFixed(0)}%`).join(", ")
        }`,
      );
      console.log(
        `full/bare throughput: ${(ratio * 100).toFixed(1)}% (median of the rounds; target ≥ 90%: ` +
          `${ratio >= 0.9 ? "met" : "MISSED"}); server CPU per call full/bare: ` +
          `${(f.cpuPerCall / b.cpuPerCall).toFixed(2)}×; p50 ${signedMs(f.p50 - b.p50)}, ` +
          `p99 ${signedMs(f.p99 - b.p99)}`,
      );
    }
    const auditLines = Deno.readTextFileSync(auditPath).split("\n").filter(Boolean).length;
    console.log(
      `\naudit log: ${count(auditLines)} JSON lines written by the full server ` +
        "(one `call` and one `result` line per call, warm-ups included)",
    );
    for (const pool of pools.values()) await pool.close();
  } finally {
    await full.stop();
    await bare.stop();
    await sim.close();
  }
  return ratios;
}

if (import.meta.main) {
  try {
    await pipelineBench();
  } finally {
    removeScratch();
  }
}
