/**
 * `restart`: stop the server gracefully, then start it again, detached, with the same command
 * line (the live one: for `deno run` it includes Deno's own flags) in the same working directory,
 * and wait until the new process has written its PID file. When this command may start `/bin/sh`,
 * the new process's stdout and stderr are appended to a log file next to the PID file (mode 0600);
 * otherwise they are discarded. Its environment is this command's own: the PID file never records
 * an environment, which may hold secrets.
 *
 * @module
 */

import { NAME } from "../version.ts";
import { type Output, stopServer } from "./control.ts";
import type { Located } from "./locate.ts";
import { assertRegularOrAbsent, type PidRecord, readPidFile } from "./pid_file.ts";

/** How long `restart` waits for the new process's PID file. */
export const START_WAIT_MS = 60_000;

const POLL_MS = 100;

/** The log file of a restarted server: the PID file's name with `.log` for `.pid`. */
export function logPathOf(pidFile: string): string {
  return pidFile.endsWith(".pid") ? `${pidFile.slice(0, -4)}.log` : `${pidFile}.log`;
}

/**
 * The command that starts the server again: the recorded executable, then the live arguments.
 * From `ps` (not `exact`) a compiled executable's are the recorded ones; a `deno run` line is split
 * on spaces, which is trusted only when its end splits back into the recorded arguments. Returns
 * `null` when the command line cannot be recovered.
 */
export function relaunchCommand(
  record: PidRecord,
  live: readonly string[],
  exact: boolean,
): string[] | null {
  if (exact) return [record.execPath, ...live.slice(1)];
  if (record.runtime === "compiled") return [record.execPath, ...record.argv];
  const n = record.argv.length;
  if (live.length < n + 2) return null;
  const tail = live.slice(live.length - n);
  if (tail.some((word, i) => word !== record.argv[i])) return null;
  return [record.execPath, ...live.slice(1)];
}

function tail(path: string, lines: number): string[] {
  try {
    return Deno.readTextFileSync(path).trimEnd().split("\n").slice(-lines);
  } catch {
    return [];
  }
}

/** Whether this process may start `/bin/sh` (needed to send the new server's output to a log). */
export function canRunShell(): boolean {
  return Deno.build.os !== "windows" &&
    Deno.permissions.querySync({ name: "run", command: "/bin/sh" }).state === "granted";
}

/**
 * Starts `command` detached in `cwd`. With `logPath`, `sh` appends its output there and replaces
 * itself with the server (`exec`); without, the server is started directly and its output is
 * discarded. Either way the child's pid is the server's.
 */
export function startDetached(
  command: readonly string[],
  cwd: string,
  logPath: string | null,
): Deno.ChildProcess {
  let program = command[0];
  let args = command.slice(1);
  if (logPath !== null) {
    assertRegularOrAbsent(logPath);
    Deno.openSync(logPath, { append: true, create: true, mode: 0o600 }).close();
    program = "/bin/sh";
    args = [
      "-c",
      'log=$1; shift; exec "$@" </dev/null >>"$log" 2>&1',
      `${NAME}-restart`,
      logPath,
      ...command,
    ];
  }
  const child = new Deno.Command(program, {
    args,
    cwd,
    detached: true,
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  child.unref();
  return child;
}

/** Restarts a running server; returns whether the new one is up. */
export async function restart(
  found: Extract<Located, { kind: "running" }>,
  io: Output,
): Promise<boolean> {
  const { record, path } = found;
  if (record.transport === "stdio") {
    io.err("a stdio server belongs to the MCP client that started it; restart that client");
    return false;
  }
  const command = relaunchCommand(record, found.command, found.exact);
  if (command === null) {
    io.err(
      "cannot recover the exact command line from ps (an argument contains a space); " +
        "run restart with --allow-all so it can read /proc",
    );
    return false;
  }
  if (!await stopServer(found, io)) {
    io.err("not started again, since the old process is still running");
    return false;
  }
  io.out(`stopped ${NAME} (pid ${record.pid}); starting it again`);
  const logPath = canRunShell() ? logPathOf(path) : null;
  const child = startDetached(command, record.cwd, logPath);
  let exited: Deno.CommandStatus | undefined;
  child.status.then((status) => exited = status);
  const deadline = Date.now() + START_WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    let fresh: PidRecord | null = null;
    try {
      fresh = readPidFile(path);
    } catch {
      // Mid-replacement or not yet written.
    }
    if (fresh && fresh.pid === child.pid) {
      io.out(`restarted ${NAME}: pid ${fresh.pid} (was ${record.pid})`);
      if (fresh.bind) io.out(`  url ${fresh.bind.url}`);
      io.out(
        logPath
          ? `  log ${logPath}`
          : "  log: discarded (this command may not start /bin/sh to write one; give it " +
            "--allow-all, or run the server under a service manager)",
      );
      return true;
    }
    if (exited) {
      io.err(
        `the new process exited with code ${exited.code} before it listened` +
          (logPath ? `; the end of ${logPath}:` : ""),
      );
      for (const line of logPath ? tail(logPath, 20) : []) io.err(`  ${line}`);
      return false;
    }
  }
  io.err(
    `the new process (pid ${child.pid}) has not written ${path} within ` +
      `${START_WAIT_MS / 1000} s` + (logPath ? `; see ${logPath}` : ""),
  );
  return false;
}
