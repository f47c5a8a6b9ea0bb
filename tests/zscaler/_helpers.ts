/**
 * Shared setup for the Zscaler client tests.
 *
 * @module
 */

import type { ClientEvent, SleepFn, ZscalerClientOptions } from "../../lib/zscaler/mod.ts";
import { ZscalerClient } from "../../lib/zscaler/mod.ts";
import { ScriptedServer, serveTokens } from "./scripted_server.ts";

/** Client secret used by the tests; asserted never to appear in errors or events. */
export const SECRET = "s3cr3t-Value-never-shown";

/** A sleep that records the requested waits and returns at once (abort-aware). */
export function recordingSleep(): { sleep: SleepFn; waits: number[] } {
  const waits: number[] = [];
  const sleep: SleepFn = (ms, signal) => {
    waits.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return Promise.resolve();
  };
  return { sleep, waits };
}

/** Everything a client test needs. */
export interface Harness {
  server: ScriptedServer;
  client: ZscalerClient;
  waits: number[];
  events: ClientEvent[];
  tokenCount: () => number;
  close: () => Promise<void>;
}

/** Start a scripted server with a token endpoint and a client pointed at it. */
export function harness(
  overrides: Partial<ZscalerClientOptions> = {},
  tokenLifetime: number | string = 3600,
): Harness {
  const server = ScriptedServer.start();
  const tokens = serveTokens(server, tokenLifetime);
  const { sleep, waits } = recordingSleep();
  const events: ClientEvent[] = [];
  const client = new ZscalerClient({
    tokenUrl: `${server.url}/oauth2/v1/token`,
    apiBaseUrl: server.url,
    credentials: { clientId: "client-1", clientSecret: SECRET },
    backoffBaseMs: 10,
    sleep,
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...overrides,
  });
  return { server, client, waits, events, tokenCount: tokens.count, close: () => server.close() };
}

/** Await a promise expected to reject and return the rejection. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}
