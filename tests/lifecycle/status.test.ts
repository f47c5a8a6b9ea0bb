/** `status` output and its LSB exit codes, from what `locate` found. */

import assert from "node:assert/strict";
import { join } from "node:path";
import { STATUS_EXIT } from "../../lib/lifecycle/errors.ts";
import { describeRunning, formatUptime, status } from "../../lib/lifecycle/status.ts";
import { VERSION } from "../../lib/version.ts";
import { sampleRecord } from "./_records.ts";

Deno.test("formatUptime", () => {
  assert.equal(formatUptime(0), "0s");
  assert.equal(formatUptime(59_999), "59s");
  assert.equal(formatUptime(65_000), "1m 05s");
  assert.equal(formatUptime(3_723_000), "1h 02m 03s");
  assert.equal(formatUptime(2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000), "2d 03h 04m");
  assert.equal(formatUptime(-5), "0s");
});

Deno.test("describeRunning: pid, version, uptime, transport, bind, .env and whether it exists", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const dotenv = join(dir, ".env");
    Deno.writeTextFileSync(dotenv, "");
    const record = sampleRecord({ version: VERSION, dotenvPath: dotenv });
    const now = new Date(Date.parse(record.startedAt) + 3_723_000);
    const lines = describeRunning(record, "/run/z.pid", now);
    assert.deepEqual(lines, [
      "zscaler-mcp is running",
      "  pid          4242",
      `  version      ${VERSION}`,
      "  uptime       1h 02m 03s (since 2026-01-02T03:04:05.000Z)",
      "  transport    streamable-http",
      "  bind         127.0.0.1:8000",
      "  url          http://127.0.0.1:8000/mcp",
      `  .env         ${dotenv}`,
      "  pid file     /run/z.pid",
    ]);
    Deno.removeSync(dotenv);
    assert.ok(
      describeRunning(record, "/run/z.pid", now).includes(`  .env         ${dotenv} (missing)`),
    );

    const stdio = describeRunning(
      sampleRecord({
        version: "0.0.1",
        transport: "stdio",
        bind: null,
        dotenvPath: null,
        lastReload: {
          count: 2,
          at: "2026-01-02T04:00:00.000Z",
          outcome: "applied",
          applied: ["ZSCALER_MCP_DEBUG"],
          needsRestart: ["ZSCALER_MCP_PORT"],
        },
      }),
      "/run/z.pid",
      now,
    );
    assert.ok(stdio.includes(`  version      0.0.1 (this command: ${VERSION})`));
    assert.ok(stdio.includes("  .env         none"));
    assert.ok(!stdio.some((line) => line.includes("bind")));
    assert.ok(stdio.includes(
      "  last reload  applied at 2026-01-02T04:00:00.000Z; applied ZSCALER_MCP_DEBUG; " +
        "changed, applies on restart: ZSCALER_MCP_PORT",
    ));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("status exit codes: 0 running, 1 stale PID file, 3 not running", () => {
  const lines: string[] = [];
  const print = (line: string) => lines.push(line);
  assert.equal(status({ kind: "none", path: "/x.pid" }, print), STATUS_EXIT.notRunning);
  assert.equal(STATUS_EXIT.notRunning, 3);
  assert.equal(lines.pop(), "zscaler-mcp is not running (no PID file at /x.pid)");
  assert.equal(
    status({
      kind: "stale",
      path: "/x.pid",
      record: sampleRecord(),
      why: "process 4242 is not running",
    }, print),
    1,
  );
  assert.equal(
    lines.pop(),
    "zscaler-mcp is not running: the PID file /x.pid is stale (process 4242 is not running)",
  );
  assert.equal(
    status(
      { kind: "running", path: "/x.pid", record: sampleRecord(), command: [], exact: true },
      print,
    ),
    0,
  );
  assert.equal(lines[0], "zscaler-mcp is running");
});
