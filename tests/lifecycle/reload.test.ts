/**
 * SIGHUP reload, on a real `.env` file: the audit log and the debug level change in place; any
 * other change is only reported (names, never values) as needing a restart; an invalid new
 * configuration changes nothing.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { AuditLog, type FileAuditSink } from "../../lib/guard/audit.ts";
import { type LevelledLogger } from "../../lib/log.ts";
import type { ReloadNote } from "../../lib/lifecycle/pid_file.ts";
import { auditOptionsFor, Reloader } from "../../lib/lifecycle/reload.ts";
import { ConfigError } from "../../lib/config/sources.ts";

/** A logger that keeps its lines, with a switchable debug level like the real one. */
function captureLogger(): LevelledLogger & { lines: string[] } {
  const lines: string[] = [];
  let debug = false;
  const at = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
  return {
    lines,
    debug: (message) => {
      if (debug) lines.push(`debug: ${message}`);
    },
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    get debugEnabled() {
      return debug;
    },
    setDebug(on) {
      debug = on;
    },
  };
}

function setup(initialDotenv: string, rotate?: (config: { zscaler: unknown }) => void) {
  const dir = Deno.makeTempDirSync();
  const dotenv = join(dir, ".env");
  Deno.writeTextFileSync(dotenv, initialDotenv);
  const logger = captureLogger();
  const audit = new AuditLog({ enabled: false, logger });
  const notes: ReloadNote[] = [];
  const argv = ["--transport", "streamable-http", "--sandbox", "--dotenv-path", dotenv];
  const problems: string[] = [];
  const reloader = new Reloader({
    argv,
    env: {},
    logger,
    audit,
    validate: () => problems,
    onReload: (note) => notes.push(note),
    rotateCredentials: rotate,
  });
  return {
    dir,
    dotenv,
    logger,
    audit,
    notes,
    reloader,
    problems,
    write: (text: string) => Deno.writeTextFileSync(dotenv, text),
    [Symbol.dispose]: () => Deno.removeSync(dir, { recursive: true }),
  };
}

const EVENT = { event: "call" as const, tool: "zia_list_locations", principal: "test" };

Deno.test("reload turns the audit log on, moves it to another file and off again", () => {
  using t = setup("ZSCALER_MCP_PORT=8000\n");
  const first = join(t.dir, "audit-1.jsonl");
  t.write(
    `ZSCALER_MCP_PORT=8000\nZSCALER_MCP_LOG_TOOL_CALLS=true\nZSCALER_MCP_AUDIT_LOG=${first}\n`,
  );
  assert.deepEqual(t.reloader.reload(), {
    outcome: "applied",
    applied: ["ZSCALER_MCP_LOG_TOOL_CALLS", "ZSCALER_MCP_AUDIT_LOG"],
    needsRestart: [],
    problems: [],
  });
  assert.equal(t.audit.enabled, true);
  t.audit.record(EVENT);
  assert.equal(Deno.statSync(first).mode! & 0o777, 0o600);
  assert.match(Deno.readTextFileSync(first), /"audit":"call".*"tool":"zia_list_locations"/);
  assert.deepEqual(t.logger.lines, [
    "info: reload: applied ZSCALER_MCP_LOG_TOOL_CALLS, ZSCALER_MCP_AUDIT_LOG",
  ]);

  const second = join(t.dir, "audit-2.jsonl");
  t.write(
    `ZSCALER_MCP_PORT=8000\nZSCALER_MCP_LOG_TOOL_CALLS=true\nZSCALER_MCP_AUDIT_LOG=${second}\n`,
  );
  assert.deepEqual(t.reloader.reload().applied, ["ZSCALER_MCP_AUDIT_LOG"]);
  t.audit.record(EVENT);
  assert.equal(Deno.readTextFileSync(first).trim().split("\n").length, 1, "old file untouched");
  assert.equal(Deno.readTextFileSync(second).trim().split("\n").length, 1);

  t.write("ZSCALER_MCP_PORT=8000\n");
  assert.deepEqual(t.reloader.reload().applied, [
    "ZSCALER_MCP_LOG_TOOL_CALLS",
    "ZSCALER_MCP_AUDIT_LOG",
  ]);
  assert.equal(t.audit.enabled, false);
  t.audit.record(EVENT);
  assert.equal(Deno.readTextFileSync(second).trim().split("\n").length, 1);
  assert.deepEqual(t.notes.map((n) => [n.count, n.outcome]), [
    [1, "applied"],
    [2, "applied"],
    [3, "applied"],
  ]);
});

Deno.test("reload switches debug logging on and off for the logger everyone holds", () => {
  using t = setup("");
  t.logger.debug("before");
  t.write("ZSCALER_MCP_DEBUG=true\n");
  assert.deepEqual(t.reloader.reload().applied, ["ZSCALER_MCP_DEBUG"]);
  assert.equal(t.logger.debugEnabled, true);
  t.logger.debug("after");
  t.write("ZSCALER_MCP_DEBUG=false\n");
  t.reloader.reload();
  assert.equal(t.logger.debugEnabled, false);
  t.logger.debug("off again");
  assert.deepEqual(t.logger.lines.filter((l) => l.startsWith("debug:")), ["debug: after"]);
});

Deno.test("restart-only changes are named, never applied, never shown with their values", () => {
  using t = setup("ZSCALER_MCP_PORT=8000\n");
  t.write(
    "ZSCALER_MCP_PORT=9123\nZSCALER_CLIENT_SECRET=hunter2-super-secret\n" +
      "ZSCALER_MCP_WRITE_ENABLED=true\nZSCALER_MCP_DEBUG=true\n",
  );
  const report = t.reloader.reload();
  assert.deepEqual(report, {
    outcome: "applied",
    applied: ["ZSCALER_MCP_DEBUG"],
    needsRestart: ["ZSCALER_MCP_PORT", "ZSCALER_MCP_WRITE_ENABLED", "ZSCALER_CLIENT_SECRET"],
    problems: [],
  });
  assert.deepEqual(t.logger.lines, [
    "warn: reload: applied ZSCALER_MCP_DEBUG; changed, applies on restart: ZSCALER_MCP_PORT, " +
    "ZSCALER_MCP_WRITE_ENABLED, ZSCALER_CLIENT_SECRET",
  ]);
  // Still pending on the next reload: the running server keeps its start values.
  const again = t.reloader.reload();
  assert.equal(again.outcome, "unchanged");
  assert.deepEqual(again.needsRestart, report.needsRestart);
  assert.match(
    t.logger.lines[1],
    /nothing to apply; changed, applies on restart: ZSCALER_MCP_PORT/,
  );
  // Reverting the file clears them.
  t.write("ZSCALER_MCP_PORT=8000\nZSCALER_MCP_DEBUG=true\n");
  assert.deepEqual(t.reloader.reload(), {
    outcome: "unchanged",
    applied: [],
    needsRestart: [],
    problems: [],
  });
  assert.equal(t.logger.lines[2], "info: reload: nothing changed");
  assert.ok(!t.logger.lines.join("\n").includes("hunter2"));
  assert.ok(!t.logger.lines.join("\n").includes("9123"));
});

Deno.test("an invalid new configuration changes nothing, even what could be applied", () => {
  using t = setup("");
  const auditFile = join(t.dir, "audit.jsonl");
  t.write(
    `ZSCALER_MCP_LOG_TOOL_CALLS=true\nZSCALER_MCP_AUDIT_LOG=${auditFile}\nZSCALER_MCP_DEBUG=true\n` +
      "ZSCALER_MCP_PORT=eighty\nZSCALER_MCP_AUTH_API_KEY=too-short-secret\n",
  );
  const report = t.reloader.reload();
  assert.equal(report.outcome, "rejected");
  assert.deepEqual(report.applied, []);
  assert.equal(report.problems.length, 2);
  assert.equal(t.audit.enabled, false);
  assert.equal(t.logger.debugEnabled, false);
  assert.throws(() => Deno.statSync(auditFile), Deno.errors.NotFound);
  assert.deepEqual(t.logger.lines, [
    'error: reload rejected: ZSCALER_MCP_PORT: must be a whole number (got "eighty")',
    "error: reload rejected: ZSCALER_MCP_AUTH_API_KEY: must be at least 32 characters " +
    "(--generate-auth-token)",
    "error: reload: kept the running configuration (2 problems in the new one)",
  ]);
  assert.ok(!t.logger.lines.join("\n").includes("too-short-secret"));
  assert.deepEqual(t.notes.at(-1)?.outcome, "rejected");
});

Deno.test("refused too: a vanished .env, a failing extra check, an audit file that cannot open", () => {
  using t = setup("");
  Deno.removeSync(t.dotenv);
  let report = t.reloader.reload();
  assert.equal(report.outcome, "rejected");
  assert.match(report.problems[0], /cannot read \.env file .*: not found/);

  t.write("ZSCALER_MCP_DEBUG=true\n");
  t.problems.push('--disabled-tools: "zia_nothing_*" matches no tool');
  report = t.reloader.reload();
  assert.equal(report.outcome, "rejected");
  assert.equal(t.logger.debugEnabled, false);
  t.problems.length = 0;

  // A directory where the audit file should be.
  t.write(`ZSCALER_MCP_LOG_TOOL_CALLS=true\nZSCALER_MCP_AUDIT_LOG=${t.dir}\n`);
  report = t.reloader.reload();
  assert.equal(report.outcome, "rejected");
  assert.match(report.problems[0], /^ZSCALER_MCP_AUDIT_LOG: cannot open/);
  assert.equal(t.audit.enabled, false);

  // And once the file is fixed, the same reloader applies it.
  t.write("ZSCALER_MCP_DEBUG=true\n");
  assert.equal(t.reloader.reload().outcome, "applied");
  assert.equal(t.logger.debugEnabled, true);
});

Deno.test("auditOptionsFor: stderr, a 0600 file, or a one-line config error", () => {
  const dir = Deno.makeTempDirSync();
  try {
    assert.deepEqual(auditOptionsFor({ logToolCalls: true, auditLog: null }), { enabled: true });
    const file = join(dir, "a.jsonl");
    const options = auditOptionsFor({ logToolCalls: false, auditLog: file });
    assert.equal(options.enabled, false);
    options.sink!("line");
    (options.sink as FileAuditSink).close();
    options.sink!("dropped after close");
    assert.equal(Deno.readTextFileSync(file), "line\n");
    assert.throws(
      () => auditOptionsFor({ logToolCalls: true, auditLog: dir }),
      (e) => e instanceof ConfigError && e.problems.length === 1,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("reload rotates credentials through the hook; without one they need a restart", () => {
  const seen: unknown[] = [];
  {
    using t = setup(
      "ZSCALER_CLIENT_ID=a\nZSCALER_CLIENT_SECRET=one\n",
      (c) => seen.push(c.zscaler),
    );
    t.write("ZSCALER_CLIENT_ID=b\nZSCALER_CLIENT_SECRET=two\n");
    const report = t.reloader.reload();
    assert.deepEqual(report.applied, ["ZSCALER_CLIENT_ID", "ZSCALER_CLIENT_SECRET"]);
    assert.equal(seen.length, 1);
    assert.equal((seen[0] as { clientId: string }).clientId, "b");
    assert.ok(!t.logger.lines.join("\n").includes("two"), "the secret is never logged");
  }
  {
    using t = setup("ZSCALER_CLIENT_SECRET=one\n");
    t.write("ZSCALER_CLIENT_SECRET=two\n");
    assert.deepEqual(t.reloader.reload().needsRestart, ["ZSCALER_CLIENT_SECRET"]);
  }
});

Deno.test("reload: unusable new credentials change nothing, the audit log included", () => {
  using t = setup("ZSCALER_CLIENT_SECRET=one\n", () => {
    throw new ConfigError(["ZSCALER_CLIENT_ID: Neither a client secret nor a private key"]);
  });
  const file = join(t.dir, "audit.jsonl");
  t.write(
    `ZSCALER_CLIENT_SECRET=two\nZSCALER_MCP_LOG_TOOL_CALLS=true\nZSCALER_MCP_AUDIT_LOG=${file}\n`,
  );
  const report = t.reloader.reload();
  assert.equal(report.outcome, "rejected");
  assert.deepEqual(report.applied, []);
  assert.deepEqual(report.problems, [
    "ZSCALER_CLIENT_ID: Neither a client secret nor a private key",
  ]);
  t.audit.record(EVENT);
  assert.equal(Deno.readTextFileSync(file), "", "the audit log was not switched on");
  assert.match(t.logger.lines.join("\n"), /reload rejected: ZSCALER_CLIENT_ID/);
});
