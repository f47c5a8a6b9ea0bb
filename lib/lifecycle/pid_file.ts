/**
 * The PID file: a small JSON record of a running server (who it is, how it was started, where it
 * listens), written atomically with mode 0600 and read back strictly by the lifecycle commands.
 *
 * @module
 */

import { basename, dirname, join, resolve } from "node:path";
import { z } from "zod";
import { defaultStateDir, type StateEnv } from "../config/state_dir.ts";
import { NAME } from "../version.ts";
import { PidFileError, UnsafePathError } from "./errors.ts";

/** File name of the default PID file inside the state directory. */
export const PID_FILE_NAME = `${NAME}.pid`;

/** Largest PID file read; anything bigger was not written by this program. */
const MAX_PID_FILE_BYTES = 64 * 1024;

/** What the last SIGHUP reload did, as the server reports it in its PID file. */
export interface ReloadNote {
  /** How many reloads the server has handled (the `reload` command waits for this to grow). */
  count: number;
  /** When it happened (ISO 8601). */
  at: string;
  /** `applied`: something changed and was applied; `unchanged`; `rejected`: kept the old config. */
  outcome: "applied" | "unchanged" | "rejected";
  /** Variables whose new value is in effect. */
  applied: string[];
  /** Variables that changed but need a restart. */
  needsRestart: string[];
}

/** The listening address of an HTTP server. */
export interface BindNote {
  host: string;
  port: number;
  /** The MCP endpoint, e.g. `http://127.0.0.1:8000/mcp`. */
  url: string;
}

/** The content of a PID file. Never holds a secret: argv has none (secrets have no flags). */
export interface PidRecord {
  pid: number;
  /** Always {@link NAME}; a file naming another program is refused. */
  name: string;
  version: string;
  /** ISO 8601. */
  startedAt: string;
  /** The program's own arguments (`Deno.args`). */
  argv: string[];
  /** The runtime or compiled executable (`Deno.execPath()`). */
  execPath: string;
  /** `deno` when run as `deno run … main.ts`, `compiled` for a `deno compile`d executable. */
  runtime: "deno" | "compiled";
  /** `Deno.mainModule`: the script a `deno` runtime was started with. */
  mainModule: string;
  /** Working directory at start (relative paths in argv are relative to it). */
  cwd: string;
  transport: "stdio" | "streamable-http";
  /** Where it listens; `null` for stdio. */
  bind: BindNote | null;
  /** The `.env` file in use (absolute), or `null`. */
  dotenvPath: string | null;
  /** How long a graceful stop may take (`ZSCALER_MCP_SHUTDOWN_TIMEOUT`), in milliseconds. */
  shutdownTimeoutMs: number;
  /** The last reload, once there was one. */
  lastReload?: ReloadNote;
}

const reloadSchema = z.object({
  count: z.number().int().nonnegative(),
  at: z.iso.datetime(),
  outcome: z.enum(["applied", "unchanged", "rejected"]),
  applied: z.array(z.string()),
  needsRestart: z.array(z.string()),
});

const recordSchema = z.object({
  pid: z.number().int().positive(),
  name: z.literal(NAME),
  version: z.string().min(1),
  startedAt: z.iso.datetime(),
  argv: z.array(z.string()),
  execPath: z.string().min(1),
  runtime: z.enum(["deno", "compiled"]),
  mainModule: z.string().min(1),
  cwd: z.string().min(1),
  transport: z.enum(["stdio", "streamable-http"]),
  bind: z.object({ host: z.string(), port: z.number().int(), url: z.string() }).nullable(),
  dotenvPath: z.string().nullable(),
  shutdownTimeoutMs: z.number().int().nonnegative(),
  lastReload: reloadSchema.optional(),
});

/** `deno` when `execPath` is the Deno runtime itself, else `compiled`. */
export function runtimeOf(execPath: string): PidRecord["runtime"] {
  return /^deno(\.exe)?$/i.test(execPath.split(/[\\/]/).at(-1) ?? "") ? "deno" : "compiled";
}

/**
 * The PID file a server writes: the configured one, else `<state dir>/zscaler-mcp.pid` for HTTP
 * on a fixed port. A stdio server (started by its MCP client, often several at once) and an HTTP
 * server on port 0 (an ad-hoc instance) write none unless one is configured.
 *
 * @throws {StateDirError} when the default is needed and no state directory can be derived.
 */
export function serverPidFilePath(
  config: { pidFile: string | null; transport: string; port: number },
  env: StateEnv,
): string | null {
  if (config.pidFile) return config.pidFile;
  if (config.transport !== "streamable-http" || config.port === 0) return null;
  return join(defaultStateDir(env), PID_FILE_NAME);
}

/**
 * The PID file a lifecycle command reads: the one given, else the default one.
 *
 * @throws {StateDirError} when no state directory can be derived.
 */
export function commandPidFilePath(explicit: string | undefined, env: StateEnv): string {
  return explicit ? resolve(explicit) : join(defaultStateDir(env), PID_FILE_NAME);
}

/**
 * Throws unless `path` is absent or a regular file: a symlink planted where the PID file, its
 * lock or its log belongs must not redirect what we open.
 *
 * @throws {UnsafePathError}
 */
export function assertRegularOrAbsent(path: string): void {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  if (info.isSymlink) throw new UnsafePathError(path, "a symbolic link");
  if (!info.isFile) throw new UnsafePathError(path, info.isDirectory ? "a directory" : "special");
}

/**
 * Writes `record` to `path` atomically: a new file with an unguessable name and mode 0600 in the
 * same directory, then a rename over `path`. A reader sees the old file or the new one, never a
 * partial one.
 */
export function writePidFile(path: string, record: PidRecord): void {
  assertRegularOrAbsent(path);
  const temp = join(dirname(path), `.${basename(path)}.${crypto.randomUUID()}.tmp`);
  const text = JSON.stringify(record, null, 2) + "\n";
  try {
    Deno.writeTextFileSync(temp, text, { createNew: true, mode: 0o600 });
    if (Deno.build.os !== "windows") Deno.chmodSync(temp, 0o600);
    Deno.renameSync(temp, path);
  } catch (error) {
    try {
      Deno.removeSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    throw error;
  }
}

/**
 * Reads and validates a PID file. Returns `null` when there is none.
 *
 * @throws {PidFileError} for a file this program did not write (unparsable, wrong shape, too big).
 * @throws {UnsafePathError} when the path is a symlink or not a file.
 */
export function readPidFile(path: string): PidRecord | null {
  let bytes: Uint8Array;
  try {
    assertRegularOrAbsent(path);
    bytes = Deno.readFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  if (bytes.length > MAX_PID_FILE_BYTES) throw new PidFileError(path, "is too large");
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new PidFileError(path, "is not JSON");
  }
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join(".") : "the record";
    throw new PidFileError(path, `is not a ${NAME} PID file (${where}: ${issue.message})`);
  }
  return parsed.data as PidRecord;
}

/**
 * Removes the PID file if it still names `pid` (a newer instance's file is left alone). Returns
 * whether it removed it.
 */
export function removePidFileOf(path: string, pid: number): boolean {
  let record: PidRecord | null;
  try {
    record = readPidFile(path);
  } catch {
    return false;
  }
  if (record?.pid !== pid) return false;
  try {
    Deno.removeSync(path);
    return true;
  } catch {
    return false;
  }
}
