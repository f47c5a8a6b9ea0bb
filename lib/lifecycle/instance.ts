/**
 * The server's side of the PID file. Before anything listens the server takes an exclusive lock on
 * `<pid file>.lock` (held until it exits; the operating system drops it even on a crash), so a
 * second instance with the same PID file is refused while a PID file left by a dead one is
 * recognised as stale and replaced. Once listening it writes the PID file; on exit it removes it.
 *
 * @module
 */

import { dirname, resolve } from "node:path";
import { ConfigError } from "../config/sources.ts";
import { ensureStateDir, StateDirError, type StateEnv } from "../config/state_dir.ts";
import { NAME, VERSION } from "../version.ts";
import { InstanceRunningError, PidFileError, UnsafePathError } from "./errors.ts";
import {
  assertRegularOrAbsent,
  type BindNote,
  type PidRecord,
  readPidFile,
  type ReloadNote,
  removePidFileOf,
  runtimeOf,
  serverPidFilePath,
  writePidFile,
} from "./pid_file.ts";

/** The lock file that guards a PID file. It is never removed (removing it would race). */
export function lockPathOf(pidFile: string): string {
  return `${pidFile}.lock`;
}

/** What the server knows about itself when it claims its PID file. */
export interface InstanceFacts {
  /** `Deno.args` as the program received them. */
  argv: readonly string[];
  transport: PidRecord["transport"];
  /** The `.env` that was read (relative to `cwd` when relative), or `null`. */
  dotenvPath: string | null;
  shutdownTimeoutMs: number;
}

/** A claimed PID file, written once the server listens and removed on {@link release}. */
export class ServerInstance {
  readonly #path: string;
  readonly #lock: Deno.FsFile;
  readonly #record: PidRecord;
  #published = false;
  #released = false;
  readonly #onUnload = () => this.release();

  private constructor(path: string, lock: Deno.FsFile, facts: InstanceFacts) {
    this.#path = path;
    this.#lock = lock;
    const cwd = Deno.cwd();
    const execPath = Deno.execPath();
    this.#record = {
      pid: Deno.pid,
      name: NAME,
      version: VERSION,
      startedAt: new Date().toISOString(),
      argv: [...facts.argv],
      execPath,
      runtime: runtimeOf(execPath),
      mainModule: Deno.mainModule,
      cwd,
      transport: facts.transport,
      bind: null,
      dotenvPath: facts.dotenvPath === null ? null : resolve(cwd, facts.dotenvPath),
      shutdownTimeoutMs: facts.shutdownTimeoutMs,
    };
    // A backstop for exits that skip the caller's `finally` (Deno.exit elsewhere).
    globalThis.addEventListener("unload", this.#onUnload);
  }

  /**
   * Claims `path` for this process: creates its directory (0700), takes the lock, and reports a
   * stale PID file through `notice` (it is replaced once the server listens).
   *
   * @throws {InstanceRunningError} when another live instance holds the lock.
   * @throws {UnsafePathError} when the PID file or its lock is a symlink or not a file.
   */
  static async claim(
    path: string,
    facts: InstanceFacts,
    notice: (line: string) => void,
  ): Promise<ServerInstance> {
    await ensureStateDir(dirname(path));
    const lockPath = lockPathOf(path);
    assertRegularOrAbsent(lockPath);
    assertRegularOrAbsent(path);
    const lock = Deno.openSync(lockPath, { read: true, write: true, create: true, mode: 0o600 });
    let locked = false;
    try {
      locked = lock.tryLockSync(true);
    } finally {
      if (!locked) lock.close();
    }
    if (!locked) {
      let pid: number | undefined;
      try {
        pid = readPidFile(path)?.pid;
      } catch {
        // The holder has not written it yet, or it is unreadable: still refuse.
      }
      throw new InstanceRunningError(path, pid);
    }
    try {
      const old = readPidFile(path);
      if (old) notice(`replacing the stale PID file ${path} (pid ${old.pid} is not running)`);
    } catch (error) {
      if (!(error instanceof PidFileError)) {
        lock.close();
        throw error;
      }
      notice(`replacing an unreadable PID file: ${error.message}`);
    }
    return new ServerInstance(path, lock, facts);
  }

  /** The PID file's path. */
  get path(): string {
    return this.#path;
  }

  /** The record as last written (or about to be). */
  get record(): Readonly<PidRecord> {
    return this.#record;
  }

  /** Writes the PID file: call once the server listens (`bind` for HTTP, `null` for stdio). */
  publish(bind: BindNote | null): void {
    if (this.#released) return;
    this.#record.bind = bind;
    writePidFile(this.#path, this.#record);
    this.#published = true;
  }

  /** Records a reload in the PID file, so the `reload` command can report what it did. */
  noteReload(note: ReloadNote): void {
    if (this.#released) return;
    this.#record.lastReload = note;
    if (this.#published) writePidFile(this.#path, this.#record);
  }

  /** Removes the PID file (if it is still ours) and drops the lock. Idempotent. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    globalThis.removeEventListener("unload", this.#onUnload);
    if (this.#published) removePidFileOf(this.#path, this.#record.pid);
    try {
      this.#lock.unlockSync();
    } catch {
      // Closing drops the lock anyway.
    }
    this.#lock.close();
  }
}

/**
 * Claims the PID file a server with `config` uses, or returns `null` when it uses none (see
 * {@link serverPidFilePath}).
 *
 * @throws {InstanceRunningError} when another instance is running with that PID file.
 * @throws {UnsafePathError} when the PID file or its lock is a symlink or not a file.
 * @throws {ConfigError} when no state directory can be derived or the directory cannot be made.
 */
export async function claimServerInstance(
  config: {
    pidFile: string | null;
    transport: PidRecord["transport"];
    port: number;
    dotenvPath: string | null;
    shutdownTimeoutMs: number;
  },
  env: StateEnv,
  argv: readonly string[],
  notice: (line: string) => void,
): Promise<ServerInstance | null> {
  let path: string | null;
  try {
    path = serverPidFilePath(config, env);
  } catch (error) {
    if (error instanceof StateDirError) {
      throw new ConfigError([`ZSCALER_MCP_PID_FILE: ${error.message} or --pid-file`]);
    }
    throw error;
  }
  if (path === null) return null;
  try {
    return await ServerInstance.claim(path, { ...config, argv }, notice);
  } catch (error) {
    if (error instanceof InstanceRunningError || error instanceof UnsafePathError) throw error;
    // A compiled executable's permission set cannot name a per-user directory: without an
    // explicit PID file the server runs without one (and says so); an explicit one must work.
    if (config.pidFile === null && isPermissionRefusal(error)) {
      notice(
        `no PID file: the default ${path} is outside this executable's permissions ` +
          `(${(error as Error).name}); set ZSCALER_MCP_PID_FILE or ZSCALER_MCP_STATE_DIR to an ` +
          "allowed directory to use status, reload, restart and stop",
      );
      return null;
    }
    throw new ConfigError([
      `ZSCALER_MCP_PID_FILE: cannot use ${path} (${(error as Error).name})`,
    ]);
  }
}

/** Whether the runtime or the OS refused access (as opposed to a broken file). */
export function isPermissionRefusal(error: unknown): boolean {
  return error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied;
}
