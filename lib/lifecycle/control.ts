/**
 * `stop` and `reload`: signal the running server (after {@link locate} has checked it is ours)
 * and wait until it has done what it was asked.
 *
 * @module
 */

import { NAME } from "../version.ts";
import { ProcessCheckError } from "./errors.ts";
import { inspectProcess } from "./identity.ts";
import type { Inspector, Located } from "./locate.ts";
import { type PidRecord, readPidFile, removePidFileOf } from "./pid_file.ts";

/** Extra time on top of the server's own shutdown timeout before `stop` gives up waiting. */
export const STOP_GRACE_MS = 5_000;

/** How long `reload` waits for the server to confirm in its PID file. */
export const RELOAD_WAIT_MS = 10_000;

const POLL_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Where the commands write: `out` for results, `err` for problems. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Sends `signal` to `pid`: with `Deno.kill` when the command may (an unrestricted `--allow-run`),
 * else with the `kill` program (`--allow-run=kill`, what the `control` permission profile grants).
 * Returns false when the process is already gone.
 *
 * @throws {ProcessCheckError} when signalling is not permitted.
 */
export async function sendSignal(pid: number, signal: Deno.Signal): Promise<boolean> {
  try {
    Deno.kill(pid, signal);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    if (error instanceof Deno.errors.PermissionDenied) {
      throw new ProcessCheckError(
        `cannot send ${signal} to process ${pid}: it belongs to another user`,
        true,
      );
    }
    if (!(error instanceof Deno.errors.NotCapable) || Deno.build.os === "windows") throw error;
  }
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command("kill", {
      args: ["-s", signal.replace(/^SIG/, ""), String(pid)],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.NotFound) {
      throw new ProcessCheckError(
        `cannot send ${signal} to process ${pid}: run this command with --allow-run=kill ` +
          "or --allow-all",
        error instanceof Deno.errors.NotCapable,
      );
    }
    throw error;
  }
  if (output.success) return true;
  const message = new TextDecoder().decode(output.stderr);
  if (/no such process/i.test(message)) return false;
  throw new ProcessCheckError(
    `cannot send ${signal} to process ${pid}: ${
      /not permitted/i.test(message) ? "it belongs to another user" : "kill failed"
    }`,
    /not permitted/i.test(message),
  );
}

/** Waits until the process is no longer the recorded server, up to `timeoutMs`. */
export async function waitForExit(
  record: PidRecord,
  timeoutMs: number,
  inspect: Inspector = inspectProcess,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await inspect(record)).kind !== "ours") return true;
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
}

/**
 * SIGTERM, then waits for the server's graceful drain (its shutdown timeout plus
 * {@link STOP_GRACE_MS}). Never escalates to SIGKILL: a server that does not stop is reported.
 * Returns whether it stopped.
 */
export async function stopServer(
  found: Extract<Located, { kind: "running" }>,
  io: Output,
): Promise<boolean> {
  const { record, path } = found;
  const windows = Deno.build.os === "windows";
  if (await sendSignal(record.pid, "SIGTERM")) {
    if (windows) {
      io.err("Windows has no graceful stop signal: the process was terminated without draining");
    }
    const waitMs = record.shutdownTimeoutMs + STOP_GRACE_MS;
    if (!await waitForExit(record, waitMs)) {
      io.err(
        `process ${record.pid} is still running ${Math.round(waitMs / 1000)} s after SIGTERM ` +
          `(its shutdown timeout is ${Math.round(record.shutdownTimeoutMs / 1000)} s); ` +
          "it was not killed",
      );
      return false;
    }
  }
  // The server removes its PID file on the way out; one that crashed while stopping cannot.
  if (removePidFileOf(path, record.pid)) io.err(`removed the PID file ${path} it left behind`);
  return true;
}

/** `stop`: returns whether the server stopped (or was not running). */
export async function stop(found: Located, io: Output): Promise<"stopped" | "none" | "failed"> {
  if (found.kind === "none") {
    io.out(`${NAME} is not running (no PID file at ${found.path})`);
    return "none";
  }
  if (found.kind === "stale") {
    io.err(`refusing to signal: the PID file ${found.path} is stale (${found.why})`);
    return "failed";
  }
  if (!await stopServer(found, io)) return "failed";
  io.out(`stopped ${NAME} (pid ${found.record.pid})`);
  return "stopped";
}

/** `reload`: SIGHUP, then waits for the server's report in its PID file. */
export async function reload(
  found: Extract<Located, { kind: "running" }>,
  io: Output,
): Promise<boolean> {
  const { record, path } = found;
  const before = record.lastReload?.count ?? 0;
  if (!await sendSignal(record.pid, "SIGHUP")) {
    io.err(`process ${record.pid} exited before it could be signalled`);
    return false;
  }
  const deadline = Date.now() + RELOAD_WAIT_MS;
  while (Date.now() < deadline) {
    await sleep(POLL_MS);
    let current: PidRecord | null = null;
    try {
      current = readPidFile(path);
    } catch {
      continue;
    }
    const note = current?.pid === record.pid ? current.lastReload : undefined;
    if (!note || note.count <= before) continue;
    if (note.outcome === "rejected") {
      io.err(
        `pid ${record.pid} kept its running configuration: the new one has problems ` +
          "(its log lists them)",
      );
      return false;
    }
    io.out(
      `reloaded ${NAME} (pid ${record.pid}): ` +
        (note.applied.length ? `applied ${note.applied.join(", ")}` : "nothing to apply"),
    );
    if (note.needsRestart.length) {
      io.out(
        `changed, applies on restart: ${note.needsRestart.join(", ")} (run \`${NAME} restart\`)`,
      );
    }
    return true;
  }
  io.err(
    `sent SIGHUP to pid ${record.pid}, but it did not confirm within ` +
      `${RELOAD_WAIT_MS / 1000} s (its log may say why)`,
  );
  return false;
}
