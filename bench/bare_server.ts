/**
 * The baseline of the pipeline benches: the same read tools (specs from `lib/tools`), calling the
 * same `ZscalerClient`, served by a bare SDK v2 `createMcpHandler` with no defences at all — no
 * client auth, no Host/Origin check, no rate or body limit, no sanitizer, no audit, no write
 * inspector, no log context. Results are shaped by the same `shapeResult`, so both servers send
 * the same bytes for the same data.
 *
 * `bench/pipeline.ts` starts this file as its own process (like the real server), on
 * `Deno.serve` at 127.0.0.1 with the simulator's URLs and credentials in `ZSCALER_*`; it prints
 * `bind http://127.0.0.1:PORT/mcp` on stderr once it listens, as the real server's banner does.
 * `bench/pipeline_parts.bench.ts` uses {@link createBareHandler} in process. Not a product:
 * never deploy it.
 *
 * @module
 */

import { createMcpHandler, type McpHttpHandler, McpServer } from "@modelcontextprotocol/server";
import { annotationsFor, CATALOG, shapeResult } from "../lib/tools/mod.ts";
import { NAME, VERSION } from "../lib/version.ts";
import { ZscalerClient } from "../lib/zscaler/mod.ts";

/** The default tool selection of the real server: every read tool. */
export const READ_TOOLS = CATALOG.filter((spec) => spec.kind === "read");

/** A bare SDK handler serving {@link READ_TOOLS} with plain handlers. */
export function createBareHandler(client: ZscalerClient, customerId: string): McpHttpHandler {
  return createMcpHandler(() => {
    const server = new McpServer({ name: `${NAME}-bare`, version: VERSION }, {
      capabilities: { tools: {} },
    });
    for (const spec of READ_TOOLS) {
      server.registerTool(
        spec.name,
        {
          title: spec.title,
          description: spec.description,
          inputSchema: spec.input,
          annotations: annotationsFor(spec),
        },
        async (args: Record<string, unknown>, ctx) => {
          const out = await spec.run(args, { client, customerId, signal: ctx.mcpReq.signal });
          return shapeResult(out, args.query as string | undefined);
        },
      );
    }
    return server;
  });
}

/** The OneAPI client the real server would build, from the same `ZSCALER_*` variables. */
export function clientFromEnv(env: Record<string, string | undefined>): ZscalerClient {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`bare server: ${name} is required`);
    return value;
  };
  return new ZscalerClient({
    tokenUrl: need("ZSCALER_MCP_TOKEN_URL"),
    apiBaseUrl: need("ZSCALER_MCP_API_BASE_URL"),
    credentials: {
      clientId: need("ZSCALER_CLIENT_ID"),
      clientSecret: need("ZSCALER_CLIENT_SECRET"),
    },
    timeoutMs: 30_000,
    userAgent: `${NAME}/${VERSION}`,
  });
}

if (import.meta.main) {
  const env = Deno.env.toObject();
  const handler = createBareHandler(clientFromEnv(env), env.ZSCALER_CUSTOMER_ID ?? "");
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: ({ hostname, port }) => console.error(`bind http://${hostname}:${port}/mcp`),
  }, (request) => handler.fetch(request));
  const stop = () => server.shutdown();
  Deno.addSignalListener("SIGTERM", stop);
  Deno.addSignalListener("SIGINT", stop);
  await server.finished;
  await handler.close();
}
