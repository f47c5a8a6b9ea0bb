/** What the mcp-remote tests share: the pinned bridge and the session a client opens through it. */

/** mcp-remote, run with `deno run --no-config --no-lock -A` (kept out of the project's lock). */
export const MCP_REMOTE = "npm:mcp-remote@0.15.1";

/** initialize (2025-11-25), initialized, then one tool call with id 2, as `clientName`. */
export function bridgeMessages(clientName: string): Record<string, unknown>[] {
  return [
    {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-11-25",
        capabilities: {},
        clientInfo: { name: clientName, version: "1" },
      },
    },
    { jsonrpc: "2.0", method: "notifications/initialized" },
    {
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "zia_get_activation_status", arguments: {} },
    },
  ];
}
