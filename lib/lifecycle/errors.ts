/**
 * Exit codes and error classes of the lifecycle commands and of the server's PID file. The codes
 * follow the LSB init-script conventions, so a service manager or a script can tell "not running"
 * from "failed".
 *
 * @module
 */

/** Exit codes of `status` (LSB: 0 running, 1 dead but PID file left, 3 not running, 4 unknown). */
export const STATUS_EXIT = Object.freeze({
  running: 0,
  stale: 1,
  notRunning: 3,
  unknown: 4,
});

/**
 * Exit codes of `reload`, `restart` and `stop` (LSB: 0 done, 1 failed or refused, 2 invalid or
 * unsupported here, 4 insufficient permission, 7 not running).
 */
export const ACTION_EXIT = Object.freeze({
  ok: 0,
  failed: 1,
  unsupported: 2,
  permission: 4,
  notRunning: 7,
});

/** The PID file exists but is not one this program wrote (bad JSON, wrong shape, too large). */
export class PidFileError extends Error {
  /** The file in question. */
  readonly path: string;
  /** Builds the error; the message names the file and what is wrong with it. */
  constructor(path: string, problem: string) {
    super(`the PID file ${path} ${problem}`);
    this.name = "PidFileError";
    this.path = path;
  }
}

/** Another instance holds the PID file: this one must not start. */
export class InstanceRunningError extends Error {
  /** The PID file. */
  readonly path: string;
  /** The running instance's process id, when its PID file could be read. */
  readonly pid?: number;
  /** Builds the error. */
  constructor(path: string, pid?: number) {
    super(
      `another instance is running (${pid === undefined ? "pid unknown" : `pid ${pid}`}, ` +
        `PID file ${path}); stop it first or give this one its own --pid-file`,
    );
    this.name = "InstanceRunningError";
    this.path = path;
    this.pid = pid;
  }
}

/** A path the lifecycle code would open is not a regular file (a symlink, a directory, …). */
export class UnsafePathError extends Error {
  /** The path in question. */
  readonly path: string;
  /** Builds the error. */
  constructor(path: string, what: string) {
    super(`refusing to use ${path}: it is ${what}, not a regular file`);
    this.name = "UnsafePathError";
    this.path = path;
  }
}

/**
 * Whether a process is ours cannot be decided: the operating system did not let us look (Deno
 * permissions, another user's process) or the inspection tool failed. Callers refuse to signal.
 */
export class ProcessCheckError extends Error {
  /** Whether a missing permission is the cause (the exit code is then 4). */
  readonly permission: boolean;
  /** Builds the error. */
  constructor(message: string, permission: boolean) {
    super(message);
    this.name = "ProcessCheckError";
    this.permission = permission;
  }
}
