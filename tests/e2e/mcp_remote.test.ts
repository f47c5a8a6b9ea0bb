/**
 * The README's client bridge, for real: `mcp-remote` (what Claude Desktop and Cursor launch)
 * connects to the server with the API key in an `Authorization` header given by `--header`, and
 * calls a tool. Without the key, the same bridge gets nothing.
 */

import assert from "node:assert/strict";
import { startHttpServer } from "../helpers/server_process.ts";
import { bridgeMessages, MCP_REMOTE } from "../helpers/mcp_remote.ts";

const KEY = crypto.randomUUID().replaceAll("-", "") + crypto.randomUUID().replaceAll("-", "");

const MESSAGES = bridgeMessages("bridge-test");

/** Runs mcp-remote, sends the messages, and returns the response with id 2 (or none). */
async function throughBridge(url: string, header: string | undefined): Promise<unknown> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-config",
      "--no-lock",
      "-A",
      MCP_REMOTE,
      url,
      ...(header ? ["--header", "Authorization:${AUTH_HEADER}"] : []),
      "--allow-http",
      "--transport",
      "http-only",
    ],
    env: { NO_COLOR: "1", ...(header ? { AUTH_HEADER: header } : {}) },
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(
    new TextEncoder().encode(MESSAGES.map((m) => JSON.stringify(m)).join("\n") + "\n"),
  );
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let answer: unknown;
  const deadline = setTimeout(() => child.kill("SIGTERM"), 30_000);
  try {
    while (answer === undefined) {
      const { value, done } = await lines.read();
      if (done) break;
      buffer += value;
      for (const line of buffer.split("\n").slice(0, -1)) {
        const message = JSON.parse(line);
        if (message.id === 2) answer = message;
      }
      buffer = buffer.slice(buffer.lastIndexOf("\n") + 1);
    }
  } finally {
    clearTimeout(deadline);
    await writer.close().catch(() => {});
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
    await lines.cancel().catch(() => {});
    await child.status;
  }
  return answer;
}

Deno.test("mcp-remote with --header reaches the tools; without the key it does not", async () => {
  const server = await startHttpServer(["--sandbox"], { ZSCALER_MCP_AUTH_API_KEY: KEY });
  try {
    const answer = await throughBridge(server.url, `Bearer ${KEY}`) as {
      result: { structuredContent: { status: string } };
    };
    assert.ok(answer, "mcp-remote answered the tool call");
    assert.equal(answer.result.structuredContent.status, "ACTIVE");
    assert.equal(await throughBridge(server.url, undefined), undefined);
    assert.match(server.stderr(), /authentication refused mode=api-key/);
  } finally {
    await server.stop();
  }
});
