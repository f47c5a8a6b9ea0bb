/** Sample PID records for the lifecycle tests. */

import type { PidRecord } from "../../lib/lifecycle/pid_file.ts";

/** A record as a server would write it. */
export function sampleRecord(overrides: Partial<PidRecord> = {}): PidRecord {
  return {
    pid: 4242,
    name: "zscaler-mcp",
    version: "0.1.0",
    startedAt: "2026-01-02T03:04:05.000Z",
    argv: ["--transport", "streamable-http"],
    execPath: "/usr/bin/deno",
    runtime: "deno",
    mainModule: "file:///opt/zscaler-mcp/main.ts",
    cwd: "/opt/zscaler-mcp",
    transport: "streamable-http",
    bind: { host: "127.0.0.1", port: 8000, url: "http://127.0.0.1:8000/mcp" },
    dotenvPath: "/opt/zscaler-mcp/.env",
    shutdownTimeoutMs: 10_000,
    ...overrides,
  };
}
