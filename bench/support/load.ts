/**
 * Load from real MCP clients: SDK v2 clients pinned to the 2026-07-28 revision over streamable
 * HTTP, each call a `tools/call`, `concurrency` callers at once.
 */

import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";

/** A pool of connected clients. */
export interface ClientPool {
  clients: Client[];
  close(): Promise<void>;
}

/** One SDK client pinned to 2026-07-28. */
export async function connectClient(
  url: string,
  headers: Record<string, string> = {},
  fetchImpl?: typeof fetch,
): Promise<Client> {
  const client = new Client(
    { name: "zscaler-mcp-bench", version: "1.0.0" },
    { versionNegotiation: { mode: { pin: "2026-07-28" } } },
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers },
      fetch: fetchImpl,
    }),
  );
  return client;
}

/** Connects `size` clients to `url`. */
export async function connectPool(
  url: string,
  size: number,
  headers: Record<string, string> = {},
): Promise<ClientPool> {
  const clients = await Promise.all(
    Array.from({ length: size }, () => connectClient(url, headers)),
  );
  return {
    clients,
    close: async () => {
      await Promise.allSettled(clients.map((client) => client.close()));
    },
  };
}

/** What one load run measured. */
export interface LoadResult {
  calls: number;
  failures: number;
  elapsedMs: number;
  /** Per-call latency in milliseconds. */
  latencies: number[];
  /** The first failure, for the report. */
  firstError?: string;
}

/** Makes `calls` tool calls, one per client at a time across the pool. */
export async function runLoad(
  pool: ClientPool,
  calls: number,
  tool: string,
  args: Record<string, unknown>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  let firstError: string | undefined;
  const started = performance.now();
  await Promise.all(pool.clients.map(async (client) => {
    while (next < calls) {
      next++;
      const t0 = performance.now();
      try {
        const result = await client.callTool({ name: tool, arguments: args });
        if (result.isError) {
          failures++;
          firstError ??= JSON.stringify(result.content).slice(0, 300);
        }
      } catch (error) {
        failures++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      latencies.push(performance.now() - t0);
    }
  }));
  return { calls, failures, elapsedMs: performance.now() - started, latencies, firstError };
}
