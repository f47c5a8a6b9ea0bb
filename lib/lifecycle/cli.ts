/**
 * The lifecycle subcommands: `status`, `reload`, `restart`, `stop`. Each takes `--pid-file` (else
 * `ZSCALER_MCP_PID_FILE` from the environment or `.env`, else the default in the state directory)
 * and `--dotenv-path`. Results go to stdout, problems to stderr; exit codes follow LSB.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { ConfigError, mergeSources } from "../config/sources.ts";
import { writeStderr } from "../log.ts";
import { NAME } from "../version.ts";
import { reload, stop } from "./control.ts";
import {
  ACTION_EXIT,
  PidFileError,
  ProcessCheckError,
  STATUS_EXIT,
  UnsafePathError,
} from "./errors.ts";
import { locate, type Located } from "./locate.ts";
import { commandPidFilePath } from "./pid_file.ts";
import { restart } from "./restart.ts";
import { canReload } from "./signals.ts";
import { status } from "./status.ts";

/** The lifecycle subcommands. */
export const LIFECYCLE_COMMANDS = ["status", "reload", "restart", "stop"] as const;

/** One of {@link LIFECYCLE_COMMANDS}. */
export type LifecycleCommand = (typeof LIFECYCLE_COMMANDS)[number];

/** Whether `word` names a lifecycle subcommand. */
export function isLifecycleCommand(word: string | undefined): word is LifecycleCommand {
  return (LIFECYCLE_COMMANDS as readonly string[]).includes(word ?? "");
}

/** Usage lines for `--help`: the subcommand and what it does. */
export const LIFECYCLE_USAGE: readonly [string, string][] = [
  ["status", "is it running? pid, uptime, bind, .env (exit 0 yes, 3 no)"],
  ["reload", "SIGHUP: re-read .env, apply audit/debug, list what needs a restart"],
  ["restart", "stop gracefully, start again detached with the same command line"],
  ["stop", "SIGTERM, wait for in-flight calls to drain, report"],
];

/** Runs a lifecycle subcommand; returns its exit code. */
export async function runLifecycle(
  command: LifecycleCommand,
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const io = {
    out: (line: string) => console.log(line),
    err: (line: string) => writeStderr(`${NAME}: ${command}: ${line}`),
  };
  const failed = command === "status" ? STATUS_EXIT.unknown : ACTION_EXIT.failed;

  let path: string;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { "pid-file": { type: "string" }, "dotenv-path": { type: "string" } },
      strict: true,
      allowPositionals: false,
    });
    const flags = {
      ...(values["pid-file"] === undefined ? {} : { pidFile: values["pid-file"] }),
      ...(values["dotenv-path"] === undefined ? {} : { dotenvPath: values["dotenv-path"] }),
    };
    const raw = mergeSources(flags, env).raw.pidFile;
    path = commandPidFilePath(typeof raw === "string" && raw.trim() ? raw : undefined, env);
  } catch (error) {
    // node's parseArgs messages name only the flag; the hint after ". To specify" is noise here.
    const lines = error instanceof ConfigError
      ? error.problems
      : [(error as Error).message.split(". To specify")[0]];
    for (const line of lines) io.err(line);
    return 2;
  }

  if ((command === "reload" || command === "restart") && !canReload()) {
    io.err(
      "Windows has no SIGHUP: to apply a changed .env, stop the server and start it again " +
        "(or restart its service)",
    );
    return ACTION_EXIT.unsupported;
  }

  let found: Located;
  try {
    found = await locate(path);
  } catch (error) {
    if (error instanceof ProcessCheckError) {
      io.err(error.message);
      return command === "status" || !error.permission ? failed : ACTION_EXIT.permission;
    }
    if (error instanceof PidFileError || error instanceof UnsafePathError) {
      io.err(`${error.message}; not touching it`);
      return failed;
    }
    throw error;
  }

  try {
    switch (command) {
      case "status":
        return status(found, io.out);
      case "stop": {
        const outcome = await stop(found, io);
        return outcome === "failed" ? ACTION_EXIT.failed : ACTION_EXIT.ok;
      }
      case "reload":
      case "restart": {
        if (found.kind === "none") {
          io.err(`${NAME} is not running (no PID file at ${found.path})`);
          return ACTION_EXIT.notRunning;
        }
        if (found.kind === "stale") {
          io.err(`refusing to signal: the PID file ${found.path} is stale (${found.why})`);
          return ACTION_EXIT.failed;
        }
        const ok = command === "reload" ? await reload(found, io) : await restart(found, io);
        return ok ? ACTION_EXIT.ok : ACTION_EXIT.failed;
      }
    }
  } catch (error) {
    if (error instanceof ProcessCheckError) {
      io.err(error.message);
      return error.permission ? ACTION_EXIT.permission : ACTION_EXIT.failed;
    }
    if (error instanceof Deno.errors.NotCapable) {
      io.err(`${error.message.split(",")[0]}: run this command with --allow-all`);
      return ACTION_EXIT.permission;
    }
    throw error;
  }
}
