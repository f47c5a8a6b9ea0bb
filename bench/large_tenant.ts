/**
 * Large tenant: `zia_list_cloud_firewall_rules` against a simulated ZIA tenant with 50,000 more
 * firewall rules (`support/large_sim.ts`), through the real server process in its full production
 * configuration, called by an SDK v2 client (2026-07-28) over streamable HTTP:
 *
 * - the most one call may return (`max_results` 10,000, the tool's limit): 11 upstream pages of
 *   1,000;
 * - the same with the JMESPath projection `[].{id: id, name: name}`: the response bytes it saves;
 * - a name `search` that every generated rule matches: the server pages through all 50,000+
 *   rules upstream (the filter is applied after paging) and returns the first 10,000;
 * - `max_results: 50000`, which the input schema refuses (printed, not timed).
 *
 * Each timed case runs on a fresh server process so its VmHWM (`/proc/<pid>/status`) is that
 * case's own peak. "upstream alone" is the same pages fetched and parsed straight from the
 * simulator by this process, one after another as the server does: the server's part of the time
 * is the difference. Bytes are those of the `tools/call` HTTP response (JSON-RPC, which carries the
 * records twice: as text for the model and as `structuredContent`) and of the text content alone.
 *
 * Run alone: `deno run --unstable-no-legacy-abort -A bench/large_tenant.ts`.
 *
 * @module
 */

import { connectClient } from "./support/load.ts";
import { printHeader } from "./support/machine.ts";
import {
  type HttpProcess,
  memoryOf,
  removeScratch,
  SCRATCH,
  SERVER_FLAGS,
  spawnHttp,
} from "./support/process.ts";
import { GENERATED_NAME_MARK, type LargeSim, startLargeSim } from "./support/large_sim.ts";
import { count, mib, ms, printTable } from "./support/stats.ts";

const TOOL = "zia_list_cloud_firewall_rules";
const RULES_PATH = "/zia/api/v1/firewallFilteringRules";
const PROJECTION = "[].{id: id, name: name}";
/** The page size the tool asks for. */
const PAGE_SIZE = 1000;

/** Settings of the large-tenant bench. */
export interface LargeTenantOptions {
  rules: number;
  maxResults: number;
}

/** The defaults `deno task bench` uses. */
export const LARGE_TENANT_DEFAULTS: LargeTenantOptions = { rules: 50_000, maxResults: 10_000 };

interface CaseResult {
  label: string;
  records: number;
  truncated: boolean;
  upstreamGets: number;
  ms: number;
  upstreamMs: number;
  idleRss: number;
  peak: number;
  wireBytes: number;
  textBytes: number;
}

function startServer(sim: LargeSim, apiKey: string): Promise<HttpProcess> {
  return spawnHttp(
    SERVER_FLAGS,
    ["--transport", "streamable-http", "--host", "127.0.0.1", "--port", "0"],
    {
      ...sim.env,
      ZSCALER_MCP_AUTH_API_KEY: apiKey,
      ZSCALER_MCP_RATE_LIMIT: "1000000",
      ZSCALER_MCP_LOG_TOOL_CALLS: "true",
      ZSCALER_MCP_AUDIT_LOG: `${SCRATCH}/large-tenant-audit.jsonl`,
    },
  );
}

/** Fetches and parses `pages` pages of rules straight from the simulator, in sequence. */
async function upstreamAlone(sim: LargeSim, pages: number): Promise<number> {
  const token = await sim.token();
  const started = performance.now();
  for (let page = 1; page <= pages; page++) {
    const response = await fetch(
      `${sim.sim.apiBaseUrl}${RULES_PATH}?page=${page}&pageSize=${PAGE_SIZE}`,
      { headers: { authorization: `Bearer ${token}`, accept: "application/json" } },
    );
    await response.json();
  }
  return performance.now() - started;
}

async function runCase(
  sim: LargeSim,
  label: string,
  args: Record<string, unknown>,
): Promise<CaseResult> {
  const apiKey = crypto.randomUUID() + crypto.randomUUID();
  const server = await startServer(sim, apiKey);
  try {
    let wireBytes = 0;
    const counting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = new Uint8Array(await response.arrayBuffer());
      wireBytes += body.length;
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    };
    const client = await connectClient(
      server.url,
      { authorization: `Bearer ${apiKey}` },
      counting,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const idleRss = memoryOf(server.pid).rss;
    const gets = () =>
      sim.sim.tenant.requests.filter((r) => r.path === RULES_PATH && r.method === "GET").length;
    const gets0 = gets();
    wireBytes = 0;
    const started = performance.now();
    const result = await client.callTool({ name: TOOL, arguments: args });
    const elapsed = performance.now() - started;
    const upstreamGets = gets() - gets0;
    const peak = memoryOf(server.pid).hwm;
    await client.close();
    if (result.isError) throw new Error(`${label}: ${JSON.stringify(result.content)}`);
    const text = (result.content as { type: string; text?: string }[])
      .map((block) => block.text ?? "").join("");
    const structured = result.structuredContent as { count?: number; truncated?: boolean };
    return {
      label,
      records: structured.count ?? NaN,
      truncated: structured.truncated ?? false,
      upstreamGets,
      ms: elapsed,
      upstreamMs: await upstreamAlone(sim, upstreamGets),
      idleRss,
      peak,
      wireBytes,
      textBytes: new TextEncoder().encode(text).length,
    };
  } finally {
    await server.stop();
  }
}

/** Runs the bench and prints its table. */
export async function largeTenantBench(
  options: LargeTenantOptions = LARGE_TENANT_DEFAULTS,
): Promise<void> {
  printHeader(`large tenant: ${count(options.rules)} ZIA firewall rules through ${TOOL}`);
  const sim = await startLargeSim(options.rules);
  try {
    console.log(
      `simulated tenant: ${count(sim.rules)} firewall rules (${count(options.rules)} generated, ` +
        `loaded and rendered once in ${ms(sim.seedMs)}); the tool pages by ${PAGE_SIZE}`,
    );
    const max = options.maxResults;
    const cases = [
      await runCase(sim, `max_results ${count(max)}`, { max_results: max }),
      await runCase(sim, `max_results ${count(max)}, query ${PROJECTION}`, {
        max_results: max,
        query: PROJECTION,
      }),
      await runCase(sim, `search "${GENERATED_NAME_MARK}" (all rules paged), max ${count(max)}`, {
        search: GENERATED_NAME_MARK,
        max_results: max,
      }),
    ];
    printTable([
      [
        "call",
        "records",
        "upstream GETs",
        "time",
        "upstream alone",
        "server RSS idle",
        "server peak (VmHWM)",
        "response bytes",
        "text bytes",
      ],
      ...cases.map((c) => [
        c.label,
        `${count(c.records)}${c.truncated ? " (cut)" : ""}`,
        String(c.upstreamGets),
        ms(c.ms),
        ms(c.upstreamMs),
        mib(c.idleRss),
        mib(c.peak),
        count(c.wireBytes),
        count(c.textBytes),
      ]),
    ]);
    const [all, projected] = cases;
    console.log(
      `JMESPath projection shrinks the response ${
        (all.wireBytes / projected.wireBytes).toFixed(1)
      }× ` +
        `(${mib(all.wireBytes)} → ${mib(projected.wireBytes)}); the text the model reads ` +
        `${(all.textBytes / projected.textBytes).toFixed(1)}× (${mib(all.textBytes)} → ` +
        `${mib(projected.textBytes)})`,
    );
    const apiKey = crypto.randomUUID() + crypto.randomUUID();
    const server = await startServer(sim, apiKey);
    try {
      const client = await connectClient(server.url, { authorization: `Bearer ${apiKey}` });
      const refused = await client.callTool({
        name: TOOL,
        arguments: { max_results: options.rules },
      }).then(
        (result) => JSON.stringify(result.content).slice(0, 200),
        (error) => error instanceof Error ? error.message.slice(0, 200) : String(error),
      );
      await client.close();
      console.log(`max_results ${count(options.rules)} in one call: ${refused}`);
    } finally {
      await server.stop();
    }
  } finally {
    await sim.close();
  }
}

if (import.meta.main) {
  try {
    await largeTenantBench();
  } finally {
    removeScratch();
  }
}
