/**
 * Runs the server on the configured transport until SIGINT/SIGTERM (or, on stdio, until standard
 * input closes), then drains in-flight calls and resolves.
 *
 * @module
 */

import process from "node:process";
import { serveStdio, StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import { type AuthSettings, createAuthenticatorAsync } from "../auth/mod.ts";
import { readinessCheck } from "../lifecycle/ready.ts";
import { createServerFactory } from "./factory.ts";
import { createHttpHandler } from "./http.ts";
import { InspectingTransport } from "./inspecting_transport.ts";
import type { Runtime } from "./runtime.ts";

/** Where an HTTP server listens, once it does. */
export interface Listening {
  hostname: string;
  port: number;
}

/** Resolves on the first SIGINT/SIGTERM, or when `extra` resolves. */
function shutdownRequested(extra?: Promise<void>): Promise<string> {
  return new Promise((resolve) => {
    const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
    const handlers = signals.map((signal) => {
      const handler = () => finish(signal);
      Deno.addSignalListener(signal, handler);
      return [signal, handler] as const;
    });
    function finish(reason: string) {
      for (const [signal, handler] of handlers) Deno.removeSignalListener(signal, handler);
      resolve(reason);
    }
    extra?.then(() => finish("stdin closed"));
  });
}

/** The authentication settings of a runtime (the config plus where ZIdentity is). */
export function authSettingsOf(runtime: Runtime): AuthSettings {
  return { ...runtime.config.auth, tokenUrl: runtime.tokenUrl };
}

/** Serves streamable HTTP until asked to stop. `onListen` reports the bound address. */
export async function serveHttp(
  runtime: Runtime,
  onListen: (where: Listening) => void,
): Promise<void> {
  const { config, logger } = runtime;
  const auth = authSettingsOf(runtime);
  const handler = createHttpHandler(createServerFactory(runtime), {
    http: config.http,
    auth,
    // oidc mode fetches its identity provider's discovery document here, before listening.
    authenticator: await createAuthenticatorAsync(auth, { logger }),
    sessionTtlMs: config.sessionTtlMs,
    maxSessions: config.maxSessions,
    logger,
    inspectWrites: runtime.inspectWrites,
    ready: readinessCheck({
      sandbox: config.sandbox,
      // Through the client each time: a reload may have rotated the credentials.
      tokens: { getToken: (signal) => runtime.client.tokens.getToken(signal) },
    }),
  });
  const tls = config.http.tls;
  const server = Deno.serve({
    hostname: config.host,
    port: config.port,
    ...(tls ? { cert: tls.cert, key: tls.key.reveal() } : {}),
    onListen: ({ hostname, port }) => onListen({ hostname, port }),
    onError: (error) => {
      logger.error("unhandled error while serving a request", {
        error: error instanceof Error ? error.message : String(error),
      });
      return new Response(JSON.stringify({ error: "internal error" }), {
        status: 500,
        headers: { "content-type": "application/json" },
      });
    },
  }, (request, info) => handler.fetch(request, info.remoteAddr));

  const reason = await shutdownRequested();
  logger.info("shutting down", { reason, in_flight: runtime.inflight.count });
  handler.closeStreams();
  const stopped = server.shutdown();
  const left = await runtime.inflight.drain(config.shutdownTimeoutMs);
  if (left > 0) logger.warn("cancelled calls still running at the drain deadline", { count: left });
  await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 1000))]);
  await handler.close();
}

/** Serves MCP over stdio until stdin closes or a signal arrives. */
export async function serveStdioTransport(runtime: Runtime): Promise<void> {
  const { logger } = runtime;
  const stdinClosed = new Promise<void>((resolve) => {
    process.stdin.once("end", () => resolve());
    process.stdin.once("close", () => resolve());
  });
  const transport = new InspectingTransport(
    new StdioServerTransport(),
    (message) => runtime.inspectWrites(message, "stdio"),
  );
  const handle = serveStdio(createServerFactory(runtime), {
    transport,
    onerror: (error) => logger.debug("stdio transport error", { error: error.message }),
  });
  const reason = await shutdownRequested(stdinClosed);
  logger.info("shutting down", { reason, in_flight: runtime.inflight.count });
  const left = await runtime.inflight.drain(runtime.config.shutdownTimeoutMs);
  if (left > 0) logger.warn("cancelled calls still running at the drain deadline", { count: left });
  await handle.close();
}
