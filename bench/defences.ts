/**
 * Where the full stack's extra time goes: CPU time per `tools/call` of the production handler
 * (`createHttpHandler` over `createServerFactory`, assembled as `lib/cli/run.ts` does, see
 * `support/stack.ts`) with every defence on, then with one defence switched off at a time, next
 * to the bare SDK handler of `bench/bare_server.ts`.
 *
 * In process and without sockets: each call hands a fresh `Request` (the bytes an SDK v2 client
 * pinned to 2026-07-28 sends) to `handler.fetch`, reads the whole response and ends the task; the
 * upstream is a byte-for-byte replay of the simulated tenant's answers (`support/replay.ts`), the
 * same for every variant. So the figures are the server's own work, without the HTTP socket layer
 * (the same for both servers) or the upstream. Variants are interleaved in rounds (the order
 * rotates each round) and each is reported by the median over rounds of its mean time per call,
 * so other load on the machine and drift affect them alike; this process's CPU time
 * (`/proc/self/stat`, which also counts V8's background GC threads) is printed next to it.
 *
 * Run alone: `deno run -A bench/defences.ts`.
 *
 * @module
 */

import { clientFromEnv, createBareHandler } from "./bare_server.ts";
import { printHeader } from "./support/machine.ts";
import { cpuMsOf, removeScratch, SCRATCH } from "./support/process.ts";
import { installReplayUpstream } from "./support/replay.ts";
import { buildStack } from "./support/stack.ts";
import { median, printTable } from "./support/stats.ts";
import { closeTasks, nextTask } from "./support/task.ts";

const PORT = 8000;
const ARGV = ["--transport", "streamable-http", "--host", "127.0.0.1", "--port", String(PORT)];
const CLIENT = { hostname: "127.0.0.1", port: 40000 };
const API_KEY = "bench-api-key-" + "k".repeat(40);

/** Settings of the attribution bench. */
export interface DefencesOptions {
  tools: readonly string[];
  rounds: number;
  callsPerSlice: number;
  warmupCalls: number;
}

/** The defaults `deno task bench` uses. */
export const DEFENCES_DEFAULTS: DefencesOptions = {
  tools: ["zia_list_locations", "zia_get_activation_status"],
  rounds: 12,
  callsPerSlice: 200,
  warmupCalls: 300,
};

function callRequest(tool: string, auth: boolean): Request {
  return new Request(`http://127.0.0.1:${PORT}/mcp`, {
    method: "POST",
    headers: {
      host: `127.0.0.1:${PORT}`,
      accept: "application/json, text/event-stream",
      "content-type": "application/json",
      "mcp-method": "tools/call",
      "mcp-name": tool,
      "mcp-protocol-version": "2026-07-28",
      ...(auth ? { authorization: `Bearer ${API_KEY}` } : {}),
    },
    body: JSON.stringify({
      method: "tools/call",
      params: {
        name: tool,
        arguments: {},
        _meta: {
          "io.modelcontextprotocol/protocolVersion": "2026-07-28",
          "io.modelcontextprotocol/clientInfo": { name: "zscaler-mcp-bench", version: "1.0.0" },
          "io.modelcontextprotocol/clientCapabilities": {},
        },
      },
      jsonrpc: "2.0",
      id: 1,
    }),
  });
}

interface Variant {
  label: string;
  auth: boolean;
  fetch(request: Request): Promise<Response>;
}

async function call(variant: Variant, tool: string): Promise<void> {
  await (await variant.fetch(callRequest(tool, variant.auth))).arrayBuffer();
  await nextTask();
}

/** Runs the bench and prints one table per tool. */
export async function defencesBench(options: DefencesOptions = DEFENCES_DEFAULTS): Promise<void> {
  printHeader("where the time goes: server CPU per tools/call, in process, by defence");
  const upstream = installReplayUpstream();
  try {
    const dotenv = `${SCRATCH}/empty.env`;
    Deno.writeTextFileSync(dotenv, "");
    const full: Record<string, string> = {
      ...upstream.env,
      ZSCALER_MCP_DOTENV_PATH: dotenv,
      ZSCALER_MCP_AUTH_API_KEY: API_KEY,
      ZSCALER_MCP_RATE_LIMIT: "1000000",
      ZSCALER_MCP_LOG_TOOL_CALLS: "true",
      ZSCALER_MCP_AUDIT_LOG: `${SCRATCH}/defences-audit.jsonl`,
    };
    const noAuth = { ZSCALER_MCP_AUTH_API_KEY: "", ZSCALER_MCP_AUTH_ENABLED: "false" };
    const configs: [string, Record<string, string>][] = [
      ["full stack, every defence on", full],
      ["… audit log off", { ...full, ZSCALER_MCP_LOG_TOOL_CALLS: "false" }],
      ["… sanitizer off", { ...full, ZSCALER_MCP_DISABLE_OUTPUT_SANITIZATION: "true" }],
      ["… client auth off", { ...full, ...noAuth }],
      ["… rate limit off", { ...full, ZSCALER_MCP_RATE_LIMIT: "0" }],
      ["… Host check off", { ...full, ZSCALER_MCP_DISABLE_HOST_VALIDATION: "true" }],
      ["… all five off", {
        ...full,
        ...noAuth,
        ZSCALER_MCP_LOG_TOOL_CALLS: "false",
        ZSCALER_MCP_DISABLE_OUTPUT_SANITIZATION: "true",
        ZSCALER_MCP_RATE_LIMIT: "0",
        ZSCALER_MCP_DISABLE_HOST_VALIDATION: "true",
      }],
    ];
    const bare = createBareHandler(clientFromEnv(upstream.env), upstream.env.ZSCALER_CUSTOMER_ID);
    const variants: Variant[] = [
      { label: "bare SDK handler", auth: false, fetch: (r) => bare.fetch(r) },
    ];
    for (const [label, env] of configs) {
      const { handler } = await buildStack(ARGV, env);
      variants.push({
        label,
        auth: env.ZSCALER_MCP_AUTH_API_KEY !== "",
        fetch: (r) => handler.fetch(r, CLIENT),
      });
    }
    console.log(
      `${options.rounds} interleaved rounds of ${options.callsPerSlice} sequential calls per ` +
        `variant after ${options.warmupCalls} warm-up calls each; upstream replayed in process`,
    );
    for (const tool of options.tools) {
      for (const variant of variants) {
        const response = await variant.fetch(callRequest(tool, variant.auth));
        const text = await response.text();
        if (response.status !== 200 || text.includes('"isError":true')) {
          throw new Error(`${variant.label}: ${tool} failed: ${response.status} ${text}`);
        }
        for (let i = 0; i < options.warmupCalls; i++) await call(variant, tool);
      }
      const cpu = new Map<string, number>(variants.map((v) => [v.label, 0]));
      const wall = new Map<string, number[]>(variants.map((v) => [v.label, []]));
      for (let round = 0; round < options.rounds; round++) {
        // Rotate the order each round so no variant always follows the same one.
        const order = variants.map((_, i) => variants[(i + round) % variants.length]);
        for (const variant of order) {
          const cpu0 = cpuMsOf(Deno.pid);
          const t0 = performance.now();
          for (let i = 0; i < options.callsPerSlice; i++) await call(variant, tool);
          wall.get(variant.label)!.push((performance.now() - t0) / options.callsPerSlice * 1000);
          cpu.set(variant.label, cpu.get(variant.label)! + cpuMsOf(Deno.pid) - cpu0);
        }
      }
      const calls = options.rounds * options.callsPerSlice;
      const cpuUs = (label: string) => cpu.get(label)! / calls * 1000;
      const wallUs = (label: string) => median(wall.get(label)!);
      const bareWall = wallUs("bare SDK handler");
      const fullWall = wallUs("full stack, every defence on");
      console.log(`\ntool ${tool} (${calls} calls per variant)`);
      printTable([
        ["variant", "wall µs/call (median of rounds)", "vs bare", "saved vs full", "CPU µs/call"],
        ...variants.map((v) => {
          const w = wallUs(v.label);
          return [
            v.label,
            w.toFixed(0),
            `${(w / bareWall).toFixed(2)}×`,
            v.label.startsWith("…") ? `${(fullWall - w).toFixed(0)} µs` : "",
            cpuUs(v.label).toFixed(0),
          ];
        }),
      ]);
    }
  } finally {
    upstream.uninstall();
  }
}

if (import.meta.main) {
  try {
    await defencesBench();
  } finally {
    closeTasks();
    removeScratch();
  }
}
