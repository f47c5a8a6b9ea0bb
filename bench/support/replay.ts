/**
 * An upstream with no network and no cost that varies: `fetch` to {@link REPLAY_ORIGIN} is
 * answered by a simulated tenant the first time for each method and URL, and by a byte-for-byte
 * replay of that answer after. In-process micro-benchmarks use it so that what they time is the
 * server alone; every other URL goes to the real `fetch`.
 */

import { SimTenant, TOKEN_PATH } from "../../lib/sim/mod.ts";

/** The origin the replaying upstream answers for (nothing listens there). */
export const REPLAY_ORIGIN = "http://127.0.0.1:9";

interface Recorded {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

/** The installed replaying upstream. */
export interface ReplayUpstream {
  /** `ZSCALER_*` variables that point a server at it. */
  env: Record<string, string>;
  /** Puts the real `fetch` back. */
  uninstall(): void;
}

/** Installs the replaying `fetch`. */
export function installReplayUpstream(): ReplayUpstream {
  const tenant = new SimTenant();
  const recorded = new Map<string, Recorded>();
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(REPLAY_ORIGIN + "/")) return realFetch(input, init);
    // Without the caller's signal: a Request made with one follows it (a dependent signal),
    // which a real fetch() does not leave behind once it has answered.
    const request = new Request(input, { ...init, signal: undefined });
    const key = `${request.method} ${request.url}`;
    let answer = recorded.get(key);
    if (answer === undefined) {
      const response = await tenant.fetch(request);
      answer = {
        status: response.status,
        headers: [...response.headers],
        body: new Uint8Array(await response.arrayBuffer()),
      };
      if (response.ok) recorded.set(key, answer);
    } else {
      await request.body?.cancel();
    }
    return new Response(answer.body.slice(), { status: answer.status, headers: answer.headers });
  };
  const client = tenant.options.clients[0];
  return {
    env: {
      ZSCALER_CLIENT_ID: client.clientId,
      ZSCALER_CLIENT_SECRET: client.clientSecret!,
      ZSCALER_CUSTOMER_ID: tenant.options.customerId,
      ZSCALER_MCP_TOKEN_URL: `${REPLAY_ORIGIN}${TOKEN_PATH}`,
      ZSCALER_MCP_API_BASE_URL: REPLAY_ORIGIN,
    },
    uninstall: () => {
      globalThis.fetch = realFetch;
    },
  };
}
