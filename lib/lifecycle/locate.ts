/**
 * Finds the server a PID file describes, and decides whether it is running, gone (a stale file)
 * or replaced by another program at the same process id.
 *
 * @module
 */

import { inspectProcess, type ProcessState, type RecordIdentity } from "./identity.ts";
import { type PidRecord, readPidFile } from "./pid_file.ts";

/** What a PID file leads to. */
export type Located =
  /** No PID file at `path`. */
  | { kind: "none"; path: string }
  /** A PID file whose process is gone or is another program now; `why` says which. */
  | { kind: "stale"; path: string; record: PidRecord; why: string }
  /** The running server, with its live command line (`exact` when read from /proc). */
  | { kind: "running"; path: string; record: PidRecord; command: string[]; exact: boolean };

/** How a process is inspected (the real {@link inspectProcess} unless a test says otherwise). */
export type Inspector = (record: RecordIdentity) => Promise<ProcessState>;

/**
 * Reads the PID file at `path` and checks the process it names.
 *
 * @throws {PidFileError} for a file this program did not write.
 * @throws {UnsafePathError} when `path` is a symlink or not a file.
 * @throws {ProcessCheckError} when the process cannot be checked.
 */
export async function locate(path: string, inspect: Inspector = inspectProcess): Promise<Located> {
  const record = readPidFile(path);
  if (!record) return { kind: "none", path };
  const state = await inspect(record);
  switch (state.kind) {
    case "ours":
      return { kind: "running", path, record, command: state.command, exact: state.exact };
    case "gone":
      return { kind: "stale", path, record, why: `process ${record.pid} is not running` };
    case "foreign":
      return {
        kind: "stale",
        path,
        record,
        why: `process ${record.pid} is another program now (${state.what})`,
      };
  }
}
