/** Real MCP clients (SDK v2) for end-to-end tests, in both protocol eras. */

import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { childEnv, emptyDir, RUN_FLAGS } from "./server_process.ts";

/** The two protocol eras the server must serve. */
export type Era = "2026-07-28" | "2025-11-25";

/** Both eras, for table-driven tests. */
export const ERAS: readonly Era[] = ["2026-07-28", "2025-11-25"];

function newClient(era: Era): Client {
  return new Client(
    { name: "zscaler-mcp-tests", version: "1.0.0" },
    era === "2026-07-28" ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {},
  );
}

/** How an HTTP client reaches the server: extra headers (credentials) and a custom fetch (TLS). */
export interface HttpClientOptions {
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** Connects to an HTTP endpoint. */
export async function connectHttp(
  url: string,
  era: Era,
  options: HttpClientOptions = {},
): Promise<Client> {
  const client = newClient(era);
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: options.headers ? { headers: options.headers } : undefined,
      fetch: options.fetch,
    }),
  );
  return client;
}

/** Spawns the server over stdio and connects to it. */
export async function connectStdio(
  era: Era,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ client: Client; transport: StdioClientTransport }> {
  const client = newClient(era);
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: [...RUN_FLAGS, ...args],
    // The SDK does not pass DENO_DIR and friends to a child on its own.
    env: childEnv(env),
    cwd: emptyDir(),
    stderr: "pipe",
  });
  await client.connect(transport);
  return { client, transport };
}
