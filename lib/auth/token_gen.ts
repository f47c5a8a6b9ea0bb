/**
 * `--generate-auth-token`: a fresh API key for `api-key` mode, and how to configure the server
 * and its clients with it.
 *
 * @module
 */

import { randomBytes } from "node:crypto";
import { RESOURCE_PATH } from "./refusal.ts";

/** The environment variable the server reads the API key from. */
export const API_KEY_ENV = "ZSCALER_MCP_AUTH_API_KEY";

/** The MCP endpoint URL for `serverUrl`: a bare origin gets `/mcp` appended. */
export function mcpEndpointUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.pathname === "/" || url.pathname === "") url.pathname = RESOURCE_PATH;
  url.hash = "";
  return url.href;
}

/**
 * --generate-auth-token: 32 random bytes hex, plus client config snippets (Claude Desktop /
 * Cursor through mcp-remote with `--header "Authorization: Bearer ${KEY}"` and the env-var
 * trick mcp-remote documents, and curl). Never suggests reusing a Zscaler secret; says to put
 * it in ZSCALER_MCP_AUTH_API_KEY.
 *
 * @param serverUrl The server's URL (an origin, or the full `/mcp` endpoint URL).
 * @throws {TypeError} when `serverUrl` is not an absolute URL.
 */
export function generateAuthTokenText(serverUrl: string): { key: string; text: string } {
  const key = randomBytes(32).toString("hex");
  const endpoint = mcpEndpointUrl(serverUrl);
  const flags = new URL(endpoint).protocol === "http:"
    ? ["--allow-http", "--transport", "http-only"]
    : ["--transport", "http-only"];
  const args = ["-y", "mcp-remote", endpoint, "--header", "Authorization:${AUTH_HEADER}", ...flags];
  const desktop = JSON.stringify(
    {
      mcpServers: {
        zscaler: { command: "npx", args, env: { AUTH_HEADER: `Bearer ${key}` } },
      },
    },
    null,
    2,
  );
  const initialize = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: {
      protocolVersion: "2025-11-25",
      capabilities: {},
      clientInfo: { name: "curl", version: "0" },
    },
  });
  const text = [
    "A new API key for zscaler-mcp (api-key client authentication):",
    "",
    `  ${key}`,
    "",
    "1. Give it to the server, in its environment or .env file (not on a command line, where",
    "   other users of the machine can read it):",
    "",
    "  ZSCALER_MCP_AUTH_MODE=api-key",
    `  ${API_KEY_ENV}=${key}`,
    "",
    "   This key only lets MCP clients connect to this server. It is not a Zscaler credential:",
    "   generate it fresh like this, and never reuse a Zscaler client secret or any other",
    "   password as the API key.",
    "",
    "2. Claude Desktop (claude_desktop_config.json) or Cursor (~/.cursor/mcp.json), through",
    "   mcp-remote. mcp-remote sends the header given with --header; the value comes from the",
    "   AUTH_HEADER variable because some clients split arguments at spaces (the form the",
    "   mcp-remote documentation recommends):",
    "",
    ...desktop.split("\n").map((line) => `  ${line}`),
    "",
    "   From a shell the same bridge is:",
    "",
    `  npx -y mcp-remote ${endpoint} --header "Authorization: Bearer ${key}" ${flags.join(" ")}`,
    "",
    "3. Check it with curl (401 means the key was not accepted):",
    "",
    `  curl -sS -i ${endpoint} \\`,
    `    -H "Authorization: Bearer ${key}" \\`,
    '    -H "Content-Type: application/json" -H "Accept: application/json, text/event-stream" \\',
    `    -d '${initialize}'`,
    "",
    "Clients may also send the key as X-Api-Key: <key>. Treat the key like a password: anyone",
    `who has it can use this server with its Zscaler permissions. To rotate it, run`,
    `--generate-auth-token again, replace ${API_KEY_ENV} and restart the server.`,
  ].join("\n");
  return { key, text };
}
