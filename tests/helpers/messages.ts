/** Raw MCP messages and requests for tests that speak HTTP without an SDK client. */

/** A 2025-11-25 `initialize` request. */
export const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "raw-test-client", version: "1" },
  },
} as const;

/** POSTs a JSON-RPC message (default: {@link INITIALIZE}) to an MCP endpoint. */
export function postMcp(
  url: string,
  headers: Record<string, string> = {},
  body: string = JSON.stringify(INITIALIZE),
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body,
  });
}
