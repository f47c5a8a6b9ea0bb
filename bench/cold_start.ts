/**
 * Cold start and memory of the real server process:
 *
 * - process start → first `tools/list` answer over stdio (`deno run … main.ts --sandbox`): spawned
 *   by the SDK v2 `StdioClientTransport` and asked by an SDK v2 `Client` pinned to 2026-07-28
 *   (what an MCP host sees), and spawned with `Deno.Command` with the same two JSON-RPC lines
 *   written straight to its stdin (the server alone, no client library);
 * - process start → the banner naming the bound URL, and → first `GET /health` 200, with
 *   `--transport streamable-http --port 0 --sandbox`;
 * - resident memory (`/proc/<pid>/status` VmRSS, and VmHWM, the peak) of the HTTP server idle
 *   after start, and after 5,000 and 10,000 `tools/call`s from 16 concurrent clients. That server
 *   runs the full production configuration of `bench/pipeline.ts` against the simulated tenant in
 *   this process (not `--sandbox`, whose in-process tenant would add its own memory and its
 *   5,000-requests-per-minute gateway limit).
 *
 * Start times include Deno loading the (cached) module graph; the first run after a change also
 * pays for transpiling, so the median of several runs is printed.
 *
 * Run alone: `deno run --unstable-no-legacy-abort -A bench/cold_start.ts`.
 *
 * @module
 */

import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { printHeader } from "./support/machine.ts";
import { connectPool, runLoad } from "./support/load.ts";
import {
  childEnv,
  emptyDir,
  memoryOf,
  removeScratch,
  SCRATCH,
  SERVER_FLAGS,
  spawnHttp,
} from "./support/process.ts";
import { freshWindow, startBenchSim } from "./support/sim.ts";
import { count, median, mib, printTable } from "./support/stats.ts";

/** Settings of the cold-start bench. */
export interface ColdStartOptions {
  runs: number;
  calls: number;
  concurrency: number;
  tool: string;
}

/** The defaults `deno task bench` uses. */
export const COLD_START_DEFAULTS: ColdStartOptions = {
  runs: 5,
  calls: 10_000,
  concurrency: 16,
  tool: "zia_list_locations",
};

/** Process start → first `tools/list` answer through the SDK v2 stdio client and transport. */
async function sdkStdioStart(): Promise<{ ms: number; tools: number }> {
  const client = new Client(
    { name: "zscaler-mcp-bench", version: "1.0.0" },
    { versionNegotiation: { mode: { pin: "2026-07-28" } } },
  );
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: [...SERVER_FLAGS, "--sandbox"],
    // The SDK does not pass DENO_DIR and friends to a child on its own.
    env: childEnv(),
    cwd: emptyDir(),
    stderr: "pipe",
  });
  const started = performance.now();
  await client.connect(transport);
  const { tools } = await client.listTools();
  const ms = performance.now() - started;
  await client.close();
  return { ms, tools: tools.length };
}

const META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientInfo": { name: "zscaler-mcp-bench", version: "1.0.0" },
  "io.modelcontextprotocol/clientCapabilities": {},
};

/**
 * Process start → first `tools/list` answer with no client library: the two 2026-07-28 lines an
 * SDK client sends (`server/discover`, `tools/list`) are written to the child's stdin as soon as
 * it is spawned, and its stdout is read until the `tools/list` answer arrives.
 */
async function rawStdioStart(): Promise<number> {
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: [...SERVER_FLAGS, "--sandbox"],
    env: childEnv(),
    clearEnv: true,
    cwd: emptyDir(),
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const lines = [
    { jsonrpc: "2.0", id: 1, method: "server/discover", params: { _meta: META } },
    { jsonrpc: "2.0", id: 2, method: "tools/list", params: { _meta: META } },
  ].map((message) => JSON.stringify(message) + "\n").join("");
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(lines));
  const decoder = new TextDecoder();
  let text = "";
  let ms = NaN;
  for await (const chunk of child.stdout) {
    text += decoder.decode(chunk, { stream: true });
    if (/"id":2[,}]/.test(text) && text.endsWith("\n")) {
      ms = performance.now() - started;
      break;
    }
  }
  await writer.close();
  await child.status;
  if (Number.isNaN(ms)) throw new Error(`no tools/list answer over stdio:\n${text}`);
  return ms;
}

async function httpStart(): Promise<{ listenMs: number; healthMs: number }> {
  const started = performance.now();
  const server = await spawnHttp(
    SERVER_FLAGS,
    ["--transport", "streamable-http", "--port", "0", "--sandbox"],
    {},
  );
  try {
    for (;;) {
      const response = await fetch(`${server.origin}/health`).catch(() => undefined);
      await response?.body?.cancel();
      if (response?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return { listenMs: server.listenMs, healthMs: performance.now() - started };
  } finally {
    await server.stop();
  }
}

/** Runs the bench and prints its tables. */
export async function coldStartBench(
  options: ColdStartOptions = COLD_START_DEFAULTS,
): Promise<void> {
  printHeader("cold start and memory of the server process");
  const stdio: number[] = [];
  const raw: number[] = [];
  const listen: number[] = [];
  const health: number[] = [];
  let toolCount = 0;
  for (let i = 0; i < options.runs; i++) {
    const s = await sdkStdioStart();
    stdio.push(s.ms);
    toolCount = s.tools;
    raw.push(await rawStdioStart());
    const h = await httpStart();
    listen.push(h.listenMs);
    health.push(h.healthMs);
  }
  const row = (label: string, values: number[]) => [
    label,
    `${median(values).toFixed(0)} ms`,
    `${Math.min(...values).toFixed(0)} ms`,
    `${Math.max(...values).toFixed(0)} ms`,
    values.map((v) => v.toFixed(0)).join(", "),
  ];
  console.log(
    `${options.runs} runs each, alternating (--sandbox: the simulated tenant starts too)`,
  );
  printTable([
    ["from process start to", "median", "min", "max", "runs (ms)"],
    row(`stdio, SDK v2 client: first tools/list answer (${toolCount} tools)`, stdio),
    row("stdio, raw pipe: first tools/list answer", raw),
    row("HTTP: banner with the bound URL", listen),
    row("HTTP: first GET /health 200", health),
  ]);

  const sim = await startBenchSim();
  const apiKey = crypto.randomUUID() + crypto.randomUUID();
  const server = await spawnHttp(
    SERVER_FLAGS,
    ["--transport", "streamable-http", "--host", "127.0.0.1", "--port", "0"],
    {
      ...sim.env,
      ZSCALER_MCP_AUTH_API_KEY: apiKey,
      ZSCALER_MCP_RATE_LIMIT: "1000000",
      ZSCALER_MCP_LOG_TOOL_CALLS: "true",
      ZSCALER_MCP_AUDIT_LOG: `${SCRATCH}/cold-start-audit.jsonl`,
    },
  );
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const idle = memoryOf(server.pid);
    const pool = await connectPool(server.url, options.concurrency, {
      authorization: `Bearer ${apiKey}`,
    });
    const rows: string[][] = [[
      "HTTP server (full stack)",
      "VmRSS",
      "VmHWM (peak)",
      "failed calls",
      "calls/s",
    ]];
    rows.push(["idle after start", mib(idle.rss), mib(idle.hwm), "", ""]);
    const batch = 2500;
    let done = 0;
    let failed = 0;
    let elapsed = 0;
    while (done < options.calls) {
      // A fresh 60-second gateway window upstream for every batch (5,000 requests per window).
      freshWindow(sim);
      const n = Math.min(batch, options.calls - done);
      const result = await runLoad(pool, n, options.tool, {});
      done += n;
      failed += result.failures;
      elapsed += result.elapsedMs;
      if (done % 5000 === 0 || done === options.calls) {
        const memory = memoryOf(server.pid);
        rows.push([
          `after ${count(done)} calls`,
          mib(memory.rss),
          mib(memory.hwm),
          String(failed),
          (done / (elapsed / 1000)).toFixed(0),
        ]);
      }
    }
    await pool.close();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rested = memoryOf(server.pid);
    rows.push(["2 s idle after the calls", mib(rested.rss), mib(rested.hwm), "", ""]);
    console.log(
      `\n${count(options.calls)} × ${options.tool} from ${options.concurrency} concurrent SDK v2 ` +
        "clients (2026-07-28); server: api-key auth, Host/Origin checks, sanitizer, audit to a file",
    );
    printTable(rows);
  } finally {
    await server.stop();
    await sim.close();
  }
}

if (import.meta.main) {
  try {
    await coldStartBench();
  } finally {
    removeScratch();
  }
}
