/**
 * Server lifecycle against the real process: each test starts a server with its own PID file and
 * `.env` in a temporary directory, then drives it with the real `status`, `reload`, `restart` and
 * `stop` commands (separate processes), real MCP clients and the simulated tenant over HTTP.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { readPidFile, writePidFile } from "../../lib/lifecycle/pid_file.ts";
import { VERSION } from "../../lib/version.ts";
import { connectHttp, connectStdio } from "../helpers/clients.ts";
import {
  childEnv,
  type CliResult,
  emptyDir,
  ROOT,
  RUN_FLAGS,
  runCli,
  type ServerProcess,
  startHttpServer,
} from "../helpers/server_process.ts";
import { startTestSim, type TestSim } from "../helpers/sim.ts";
import type { SimOptions } from "../../lib/sim/mod.ts";

const MAIN = [`--config`, `${ROOT}deno.json`, `${ROOT}main.ts`];
/** The lifecycle commands with every permission: /proc and Deno.kill. */
const ALL = ["run", "-A", "--unstable-no-legacy-abort", ...MAIN];
/** The `control` profile's shape: `ps` and `kill`, and the runtime to start again. */
const CONTROL = [
  "run",
  "--unstable-no-legacy-abort",
  "--allow-read",
  "--allow-write",
  "--allow-env",
  `--allow-run=ps,kill,${Deno.execPath()}`,
  ...MAIN,
];

/** Runs a lifecycle command (its own process) with `flags` as its permissions. */
async function command(
  args: string[],
  options: { flags?: string[]; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [...(options.flags ?? ALL), ...args],
    env: childEnv(options.env),
    clearEnv: true,
    cwd: emptyDir(),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Whether `pid` is still a live (not zombie) process, from procfs via `cat`. */
async function alive(pid: number): Promise<boolean> {
  const output = await new Deno.Command("cat", {
    args: [`/proc/${pid}/cmdline`],
    stdout: "piped",
    stderr: "null",
  }).output();
  return output.success && output.stdout.length > 0;
}

/** The live argv of `pid` (procfs via `cat`: this test process has no --allow-all). */
async function cmdline(pid: number): Promise<string[]> {
  const output = await new Deno.Command("cat", { args: [`/proc/${pid}/cmdline`], stdout: "piped" })
    .output();
  return new TextDecoder().decode(output.stdout).replace(/\0$/, "").split("\0");
}

/** Deno's cache directory as this process resolves it (for a child without HOME). */
function denoDir(): string {
  const env = Deno.env.toObject();
  if (env.DENO_DIR) return env.DENO_DIR;
  return join(env.XDG_CACHE_HOME || join(env.HOME ?? "", ".cache"), "deno");
}

interface Fixture {
  dir: string;
  pidFile: string;
  dotenv: string;
  sim: TestSim;
  server: ServerProcess;
  /** Appends lines to the `.env`. */
  append(text: string): void;
  close(): Promise<void>;
}

/**
 * A simulator and a server whose every setting is in its `.env` (so a restarted process, which
 * gets the restart command's environment, reads the same), with its own PID file.
 */
async function startFixture(
  extraEnv = "",
  args: string[] = [],
  simOptions: SimOptions = {},
): Promise<Fixture> {
  const sim = await startTestSim(simOptions);
  const dir = emptyDir();
  const pidFile = join(dir, "server.pid");
  const dotenv = join(dir, "zscaler.env");
  const lines = Object.entries(sim.env).map(([name, value]) => `${name}=${value}`);
  Deno.writeTextFileSync(dotenv, `${lines.join("\n")}\n${extraEnv}`, { mode: 0o600 });
  let server: ServerProcess;
  try {
    server = await startHttpServer(
      ["--pid-file", pidFile, "--dotenv-path", dotenv, ...args],
      {},
      dir,
    );
  } catch (error) {
    await sim.close();
    throw error;
  }
  return {
    dir,
    pidFile,
    dotenv,
    sim,
    server,
    append: (text) => Deno.writeTextFileSync(dotenv, text, { append: true }),
    async close() {
      await server.stop();
      await sim.close();
    },
  };
}

function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((item) => item.text ?? "").join("\n");
}

Deno.test("status: pid, uptime, transport, bind, .env (then missing), version; 3 once stopped", async () => {
  const f = await startFixture();
  try {
    let result = await command(["status", "--pid-file", f.pidFile]);
    assert.equal(result.code, 0, result.stderr);
    const port = new URL(f.server.url).port;
    assert.match(result.stdout, /^zscaler-mcp is running$/m);
    assert.match(result.stdout, new RegExp(`^  pid {10}${f.server.pid}$`, "m"));
    assert.match(
      result.stdout,
      new RegExp(`^  version {6}${VERSION.replaceAll(".", "\\.")}$`, "m"),
    );
    assert.match(result.stdout, /^ {2}uptime {7}(\d+[dhms] ?)+ \(since \d{4}-\d\d-\d\dT/m);
    assert.match(result.stdout, /^ {2}transport {4}streamable-http$/m);
    assert.match(result.stdout, new RegExp(`^  bind {9}127\\.0\\.0\\.1:${port}$`, "m"));
    assert.ok(result.stdout.includes(`  url          ${f.server.url}\n`), result.stdout);
    assert.ok(result.stdout.includes(`  .env         ${f.dotenv}\n`), result.stdout);
    assert.ok(result.stdout.includes(`  pid file     ${f.pidFile}\n`), result.stdout);

    Deno.removeSync(f.dotenv);
    result = await command(["status", "--pid-file", f.pidFile]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes(`  .env         ${f.dotenv} (missing)\n`), result.stdout);

    // The PID file can also come from the environment, like every setting.
    result = await command(["status"], { env: { ZSCALER_MCP_PID_FILE: f.pidFile } });
    assert.equal(result.code, 0, result.stderr);

    const stopped = await command(["stop", "--pid-file", f.pidFile]);
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.equal(stopped.stdout, `stopped zscaler-mcp (pid ${f.server.pid})\n`);
    const { code } = await f.server.stop();
    assert.equal(code, 0);
    assert.equal(readPidFile(f.pidFile), null, "the server removed its PID file");

    result = await command(["status", "--pid-file", f.pidFile]);
    assert.equal(result.code, 3);
    assert.equal(result.stdout, `zscaler-mcp is not running (no PID file at ${f.pidFile})\n`);
    // Nothing to signal: reload and restart say so (LSB 7); stop has nothing left to do (0).
    result = await command(["reload", "--pid-file", f.pidFile]);
    assert.equal(result.code, 7);
    assert.match(result.stderr, /is not running/);
    assert.equal((await command(["stop", "--pid-file", f.pidFile])).code, 0);

    // A usage error is exit 2, one line; so is a missing state directory without --pid-file.
    result = await command(["status", "--frobnicate"]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, "zscaler-mcp: status: Unknown option '--frobnicate'\n");
    const homeless = await new Deno.Command(Deno.execPath(), {
      args: [...ALL, "status"],
      // No HOME and no state-directory variable: only PATH and Deno's own cache.
      env: { PATH: Deno.env.get("PATH") ?? "", DENO_DIR: denoDir() },
      clearEnv: true,
      cwd: emptyDir(),
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(homeless.code, 2);
    assert.match(
      new TextDecoder().decode(homeless.stderr),
      /no state directory: set ZSCALER_MCP_STATE_DIR/,
    );
  } finally {
    await f.close();
  }
});

Deno.test("default PID file: the state directory, for HTTP on a fixed port", async () => {
  const state = emptyDir();
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  // `--port` given twice: the last one wins, so this server listens on a fixed port.
  const server = await startHttpServer(["--sandbox", "--port", String(port)], {
    ZSCALER_MCP_STATE_DIR: state,
  });
  try {
    const record = readPidFile(join(state, "zscaler-mcp.pid"));
    assert.equal(record?.pid, server.pid);
    assert.equal(Deno.statSync(join(state, "zscaler-mcp.pid")).mode! & 0o777, 0o600);
    const result = await command(["status"], { env: { ZSCALER_MCP_STATE_DIR: state } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^  bind {9}127\\.0\\.0\\.1:${port}$`, "m"));
  } finally {
    const { code } = await server.stop();
    assert.equal(code, 0);
  }
  assert.equal(readPidFile(join(state, "zscaler-mcp.pid")), null);
});

Deno.test("reload applies a changed .env (audit log on, rotated credentials) without dropping a 2025-11-25 session", async () => {
  const rotated = `rotated-${crypto.randomUUID()}`;
  const f = await startFixture("ZSCALER_MCP_WRITE_TOOLS=zia_create_*\n", [], {
    clients: [
      { clientId: "sim-client-id", clientSecret: "sim-client-secret" },
      { clientId: "sim-client-2", clientSecret: rotated },
    ],
  });
  const client = await connectHttp(f.server.url, "2025-11-25");
  try {
    const transport = client.transport as StreamableHTTPClientTransport;
    const sessionId = transport.sessionId;
    assert.ok(sessionId);
    const call = () => client.callTool({ name: "zia_get_activation_status", arguments: {} });
    const before = await call();
    assert.notEqual(before.isError, true, textOf(before));

    const audit = join(f.dir, "audit.jsonl");
    f.append(
      `ZSCALER_MCP_LOG_TOOL_CALLS=true\nZSCALER_MCP_AUDIT_LOG=${audit}\n` +
        `ZSCALER_MCP_RATE_LIMIT=1000\nZSCALER_CLIENT_ID=sim-client-2\n` +
        `ZSCALER_CLIENT_SECRET=${rotated}\n`,
    );
    const result = await command(["reload", "--pid-file", f.pidFile]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      `reloaded zscaler-mcp (pid ${f.server.pid}): applied ZSCALER_MCP_LOG_TOOL_CALLS, ` +
        "ZSCALER_CLIENT_ID, ZSCALER_CLIENT_SECRET, ZSCALER_MCP_AUDIT_LOG\n" +
        "changed, applies on restart: ZSCALER_MCP_RATE_LIMIT (run `zscaler-mcp restart`)\n",
    );
    assert.match(
      f.server.stderr(),
      /reload: applied ZSCALER_MCP_LOG_TOOL_CALLS, ZSCALER_CLIENT_ID, ZSCALER_CLIENT_SECRET, ZSCALER_MCP_AUDIT_LOG; changed, applies on restart: ZSCALER_MCP_RATE_LIMIT/,
    );
    assert.ok(!f.server.stderr().includes(rotated), "a secret's value is never logged");

    // The same session, after the reload: the call works and is audited to the new file.
    const after = await call();
    assert.notEqual(after.isError, true, textOf(after));
    assert.equal(transport.sessionId, sessionId);
    // The call after the reload asked ZIdentity with the rotated credentials.
    const tokenClients = f.sim.tenant.requests.filter((r) => r.service === "token")
      .map((r) => (r.body as Record<string, string>).client_id);
    assert.equal(tokenClients.at(-1), "sim-client-2", tokenClients.join(","));
    const events = () =>
      Deno.readTextFileSync(audit).trim().split("\n").map((line) => JSON.parse(line));
    assert.deepEqual(
      events().map((e) => [e.audit, e.tool, e.outcome]),
      [["call", "zia_get_activation_status", undefined], [
        "result",
        "zia_get_activation_status",
        "ok",
      ]],
    );
    assert.equal(Deno.statSync(audit).mode! & 0o777, 0o600);

    // An invalid .env: refused, the running configuration (audit on) stays.
    f.append("ZSCALER_MCP_SHUTDOWN_TIMEOUT=eighty\n");
    const refused = await command(["reload", "--pid-file", f.pidFile]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /kept its running configuration/);
    assert.match(
      f.server.stderr(),
      /reload rejected: ZSCALER_MCP_SHUTDOWN_TIMEOUT: must be a whole number \(got "eighty"\)/,
    );
    assert.notEqual((await call()).isError, true);
    assert.equal(events().length, 4, "still audited");
    assert.equal(transport.sessionId, sessionId);

    const status = await command(["status", "--pid-file", f.pidFile]);
    assert.match(status.stdout, /^ {2}last reload {2}rejected at /m);
  } finally {
    await client.close().catch(() => {});
    await f.close();
  }
});

Deno.test("restart picks up what reload cannot (write tools): new pid, same command line", async () => {
  const f = await startFixture("ZSCALER_MCP_WRITE_TOOLS=zia_create_*\n");
  let newPid: number | undefined;
  try {
    const old = readPidFile(f.pidFile)!;
    const oldCommand = await cmdline(f.server.pid);
    const first = await connectHttp(f.server.url, "2026-07-28");
    const writesBefore = (await first.listTools()).tools.filter((t) =>
      t.name.startsWith("zia_create_")
    );
    await first.close();
    assert.equal(writesBefore.length, 0);

    f.append("ZSCALER_MCP_WRITE_ENABLED=true\n");
    // reload names it but cannot apply it.
    const reloaded = await command(["reload", "--pid-file", f.pidFile]);
    assert.match(reloaded.stdout, /changed, applies on restart: ZSCALER_MCP_WRITE_ENABLED/);

    const result = await command(["restart", "--pid-file", f.pidFile]);
    const match = result.stdout.match(/^restarted zscaler-mcp: pid (\d+) \(was (\d+)\)$/m);
    assert.ok(match, `${result.stdout}\n${result.stderr}`);
    newPid = Number(match[1]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(Number(match[2]), f.server.pid);
    assert.notEqual(newPid, f.server.pid);
    const { code } = await f.server.stop();
    assert.equal(code, 0, "the old process drained and exited cleanly");

    const fresh = readPidFile(f.pidFile)!;
    assert.equal(fresh.pid, newPid);
    assert.deepEqual(fresh.argv, old.argv);
    assert.equal(fresh.execPath, old.execPath);
    assert.equal(fresh.cwd, old.cwd);
    assert.deepEqual(await cmdline(newPid), oldCommand, "the very same command line");
    assert.deepEqual(oldCommand, [
      Deno.execPath(),
      ...RUN_FLAGS,
      "--transport",
      "streamable-http",
      "--port",
      "0",
      "--pid-file",
      f.pidFile,
      "--dotenv-path",
      f.dotenv,
    ]);

    const second = await connectHttp(fresh.bind!.url, "2026-07-28");
    const writesAfter = (await second.listTools()).tools.filter((t) =>
      t.name.startsWith("zia_create_")
    );
    await second.close();
    assert.ok(writesAfter.length > 0, "the new process registered the allowlisted write tools");

    const log = join(f.dir, "server.log");
    assert.ok(result.stdout.includes(`  log ${log}`));
    assert.equal(Deno.statSync(log).mode! & 0o777, 0o600);
    assert.match(Deno.readTextFileSync(log), /security posture/);
  } finally {
    // The restarted server is detached from this test: stop it, and make sure it is gone.
    if (newPid !== undefined) {
      const stopped = await command(["stop", "--pid-file", f.pidFile]);
      if (stopped.code !== 0 && await alive(newPid)) Deno.kill(newPid, "SIGKILL");
      assert.equal(stopped.code, 0, stopped.stderr);
      assert.equal(await alive(newPid), false);
    }
    await f.close();
  }
});

Deno.test("stop drains an in-flight call, then the process exits 0 and the PID file is gone", async () => {
  const f = await startFixture();
  const client = await connectHttp(f.server.url, "2026-07-28");
  try {
    f.sim.tenant.faults.add({
      kind: "latency",
      delayMs: 6000,
      match: { pathPrefix: "/zia/api/v1/status" },
    });
    const pending = client.callTool({ name: "zia_get_activation_status", arguments: {} });
    // Stop once the request is inside the server (the simulator holds it for 6 s: time enough
    // for the stop command to start; the server's shutdown timeout, 10 s, covers the rest).
    while (f.sim.tenant.faults.pending() > 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const stopping = command(["stop", "--pid-file", f.pidFile]);
    const result = await pending;
    assert.notEqual(result.isError, true, textOf(result));
    assert.deepEqual(result.structuredContent, await f.sim.get("/zia/api/v1/status"));
    const stopped = await stopping;
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.equal(stopped.stdout, `stopped zscaler-mcp (pid ${f.server.pid})\n`);
    const { code, stderr } = await f.server.stop();
    assert.equal(code, 0, stderr);
    assert.match(stderr, /shutting down reason=SIGTERM in_flight=1/);
    assert.equal(readPidFile(f.pidFile), null);
  } finally {
    await client.close().catch(() => {});
    await f.close();
  }
});

Deno.test("ownership: a PID file naming another live program is refused, never signalled", async () => {
  const dir = emptyDir();
  const pidFile = join(dir, "server.pid");
  const sleeper = new Deno.Command("sleep", { args: ["60"] }).spawn();
  try {
    writePidFile(pidFile, {
      pid: sleeper.pid,
      name: "zscaler-mcp",
      version: VERSION,
      startedAt: new Date().toISOString(),
      argv: ["--transport", "streamable-http"],
      execPath: Deno.execPath(),
      runtime: "deno",
      mainModule: new URL("main.ts", `file://${ROOT}`).href,
      cwd: dir,
      transport: "streamable-http",
      bind: { host: "127.0.0.1", port: 8000, url: "http://127.0.0.1:8000/mcp" },
      dotenvPath: null,
      shutdownTimeoutMs: 1000,
    });
    const stale = `the PID file ${pidFile} is stale (process ${sleeper.pid} is another ` +
      "program now (sleep))";
    for (const flags of [ALL, CONTROL]) {
      for (const action of ["stop", "reload", "restart"]) {
        const result = await command([action, "--pid-file", pidFile], { flags });
        assert.equal(result.code, 1, `${action}: ${result.stderr}`);
        assert.equal(result.stderr, `zscaler-mcp: ${action}: refusing to signal: ${stale}\n`);
      }
      const status = await command(["status", "--pid-file", pidFile], { flags });
      assert.equal(status.code, 1);
      assert.equal(status.stdout, `zscaler-mcp is not running: ${stale}\n`);
    }
    assert.ok(readPidFile(pidFile), "a refused PID file is left for the operator");
  } finally {
    sleeper.kill("SIGKILL");
  }
  // Still alive until now: no SIGTERM or SIGHUP reached it.
  assert.equal((await sleeper.status).signal, "SIGKILL");

  const gone = await command(["stop", "--pid-file", pidFile]);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, new RegExp(`process ${sleeper.pid} is not running`));

  Deno.writeTextFileSync(pidFile, "pid=4242\n");
  const garbage = await command(["stop", "--pid-file", pidFile]);
  assert.equal(garbage.code, 1);
  assert.match(garbage.stderr, /is not JSON; not touching it/);
  assert.equal(Deno.readTextFileSync(pidFile), "pid=4242\n");
});

Deno.test("with ps and kill only (the control profile): status, reload, restart, stop", async () => {
  const f = await startFixture();
  let newPid: number | undefined;
  try {
    let result = await command(["status", "--pid-file", f.pidFile], { flags: CONTROL });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^  pid {10}${f.server.pid}$`, "m"));
    f.append("ZSCALER_MCP_DEBUG=true\n");
    result = await command(["reload", "--pid-file", f.pidFile], { flags: CONTROL });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /applied ZSCALER_MCP_DEBUG/);

    // No permission to look at processes at all: status cannot tell (LSB 4), stop refuses (4).
    const blind = [...RUN_FLAGS];
    result = await command(["status", "--pid-file", f.pidFile], { flags: blind });
    assert.equal(result.code, 4);
    assert.match(result.stderr, /--allow-run=ps or --allow-all/);
    result = await command(["stop", "--pid-file", f.pidFile], { flags: blind });
    assert.equal(result.code, 4);
    assert.equal(f.server.exited(), false);

    // restart from the ps line: the same command line, started directly (no /bin/sh, no log).
    const oldCommand = await cmdline(f.server.pid);
    result = await command(["restart", "--pid-file", f.pidFile], { flags: CONTROL });
    assert.equal(result.code, 0, result.stderr);
    newPid = readPidFile(f.pidFile)?.pid;
    assert.ok(newPid !== undefined && newPid !== f.server.pid);
    assert.match(result.stdout, /log: discarded/);
    assert.equal((await f.server.stop()).code, 0);
    assert.deepEqual(await cmdline(newPid), oldCommand);

    result = await command(["stop", "--pid-file", f.pidFile], { flags: CONTROL });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await alive(newPid), false);
    assert.equal(readPidFile(f.pidFile), null);
  } finally {
    if (newPid !== undefined && await alive(newPid)) Deno.kill(newPid, "SIGKILL");
    await f.close();
  }
});

Deno.test("one instance per PID file; a file left by a killed server is replaced", async () => {
  const dir = emptyDir();
  const pidFile = join(dir, "server.pid");
  const args = ["--sandbox", "--pid-file", pidFile];
  const first = await startHttpServer(args, {}, dir);
  try {
    const second = await runCli(["--transport", "streamable-http", "--port", "0", ...args]);
    assert.equal(second.code, 2);
    assert.equal(
      second.stderr,
      `zscaler-mcp: another instance is running (pid ${first.pid}, PID file ${pidFile}); ` +
        "stop it first or give this one its own --pid-file\n",
    );
    assert.equal(readPidFile(pidFile)?.pid, first.pid, "the running instance's file is intact");
  } finally {
    await first.stop("SIGKILL");
  }
  assert.equal(readPidFile(pidFile)?.pid, first.pid, "SIGKILL left the file behind");
  const third = await startHttpServer(args, {}, dir);
  try {
    assert.ok(
      third.stderr().includes(
        `replacing the stale PID file ${pidFile} (pid ${first.pid} is not running)`,
      ),
      third.stderr(),
    );
    assert.equal(readPidFile(pidFile)?.pid, third.pid);
  } finally {
    assert.equal((await third.stop()).code, 0);
  }
  assert.equal(readPidFile(pidFile), null);
});

Deno.test("stdio with --pid-file: status and reload work, restart is refused, exit removes it", async () => {
  const dir = emptyDir();
  const pidFile = join(dir, "server.pid");
  const { client, transport } = await connectStdio("2025-11-25", [
    "--sandbox",
    "--pid-file",
    pidFile,
  ]);
  try {
    assert.ok((await client.listTools()).tools.length > 0);
    const pid = transport.pid!;
    let result = await command(["status", "--pid-file", pidFile]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ {2}transport {4}stdio$/m);
    assert.doesNotMatch(result.stdout, /bind/);
    // SIGHUP on stdio: a reload, not the default "hang up" exit.
    result = await command(["reload", "--pid-file", pidFile]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `reloaded zscaler-mcp (pid ${pid}): nothing to apply\n`);
    assert.ok((await client.listTools()).tools.length > 0, "still serving after SIGHUP");
    result = await command(["restart", "--pid-file", pidFile]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /a stdio server belongs to the MCP client that started it/);
    assert.equal(readPidFile(pidFile)?.pid, pid);
  } finally {
    await client.close();
  }
  // Standard input closed: the server exits and removes its PID file (bounded wait: 10 s).
  for (let i = 0; i < 500 && readPidFile(pidFile) !== null; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.equal(readPidFile(pidFile), null);
});

Deno.test("/ready: 200 in sandbox, 503 while the token endpoint fails, 200 again; guarded like /health", async () => {
  const sandbox = await startHttpServer(["--sandbox"]);
  try {
    const ready = await fetch(`${sandbox.origin}/ready`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: "ready" });
    const head = await fetch(`${sandbox.origin}/ready`, { method: "HEAD" });
    assert.equal(head.status, 200);
    await head.body?.cancel();
    const wrong = await fetch(`${sandbox.origin}/ready`, { method: "DELETE" });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get("allow"), "GET, HEAD");
    await wrong.body?.cancel();
  } finally {
    await sandbox.stop();
  }

  // The source-IP ACL answers before /ready, exactly as for /health.
  const fenced = await startHttpServer(["--sandbox"], {
    ZSCALER_MCP_ALLOWED_SOURCE_IPS: "10.0.0.0/8",
  });
  try {
    for (const path of ["/ready", "/health"]) {
      const refused = await fetch(`${fenced.origin}${path}`);
      assert.equal(refused.status, 403, path);
      await refused.body?.cancel();
    }
  } finally {
    await fenced.stop();
  }

  const sim = await startTestSim();
  sim.tenant.faults.add({
    kind: "server-error",
    status: 503,
    times: Infinity,
    match: { pathPrefix: "/oauth2/v1/token" },
  });
  const live = await startHttpServer([], sim.env);
  try {
    const notReady = await fetch(`${live.origin}/ready`);
    assert.equal(notReady.status, 503);
    const body = await notReady.json();
    assert.equal(body.status, "not_ready");
    assert.match(body.reason, /ZIdentity|OneAPI token/);
    assert.ok(!JSON.stringify(body).includes(sim.env.ZSCALER_CLIENT_SECRET));

    sim.tenant.faults.clear();
    // A not-ready answer is reused for 5 s and the server's own token request may still be
    // backing off: probe every 250 ms until it recovers (bounded: 60 probes).
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 250));
      const probe = await fetch(`${live.origin}/ready`);
      status = probe.status;
      await probe.body?.cancel();
    }
    assert.equal(status, 200);
  } finally {
    await live.stop();
    await sim.close();
  }
});
