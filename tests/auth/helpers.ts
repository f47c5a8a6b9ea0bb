/**
 * Test helpers for the auth tests: loopback servers that count their calls, a logger that keeps
 * its lines, and a port nothing listens on.
 *
 * @module
 */

import { formatLine, type Logger, type LogLevel } from "../../lib/log.ts";

/** A logger that keeps every formatted line (as production would render it). */
export interface CapturedLogger extends Logger {
  lines: string[];
}

/** A logger whose lines land in `lines` instead of standard error. */
export function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  const emit = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(formatLine(level, message, fields));
  };
  return {
    lines,
    debug: emit("debug"),
    info: emit("info"),
    warn: emit("warn"),
    error: emit("error"),
  };
}

/** A loopback HTTP server under test control. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Requests received so far. */
  readonly calls: number;
  /** Resolve every request held by {@linkcode TestServer.hold}, then stop the server. */
  close(): Promise<void>;
  /** A promise that resolves when {@linkcode TestServer.close} runs (for handlers that hang). */
  hold(): Promise<void>;
}

/** Start `handler` on 127.0.0.1, port 0. */
export function startServer(
  handler: (request: Request) => Response | Promise<Response>,
): TestServer {
  let calls = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) => {
      calls++;
      return handler(request);
    },
  );
  return {
    origin: `http://127.0.0.1:${server.addr.port}`,
    get calls() {
      return calls;
    },
    hold: () => released,
    async close() {
      release();
      await server.shutdown();
    },
  };
}

/** A loopback port that nothing listens on (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => new Response(),
  );
  const port = server.addr.port;
  await server.shutdown();
  return port;
}

/** Everything a response shows a client: status, headers and body text. */
export async function exposed(response: Response): Promise<string> {
  const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
  return `${response.status}\n${headers}\n\n${await response.clone().text()}`;
}

/** Parse the JSON body of a response. */
export async function bodyOf(response: Response): Promise<Record<string, unknown>> {
  return await response.clone().json();
}

/** A request to the MCP endpoint of a made-up server. */
export function mcpRequest(headers: Record<string, string> = {}): Request {
  return new Request("https://mcp.example.test:8443/mcp", { method: "POST", headers });
}

/** The metadata URL advertised for {@linkcode mcpRequest}. */
export const EXAMPLE_METADATA_URL =
  "https://mcp.example.test:8443/.well-known/oauth-protected-resource/mcp";
