/**
 * Is the process a PID file names still the server that wrote it? A process id is reused once its
 * process has exited, so before anything is signalled the live process's command line is compared
 * with the one recorded. Linux reads `/proc/<pid>/cmdline` and `/proc/<pid>/exe` (exact; Deno
 * allows it only with `--allow-all`); macOS, and Linux under narrower permissions, ask
 * `ps -ww -p <pid> -o command=` (the arguments joined by spaces); Windows asks `tasklist` for the
 * image name.
 *
 * @module
 */

import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ProcessCheckError } from "./errors.ts";
import type { PidRecord } from "./pid_file.ts";

/** What was found at the recorded process id. */
export type ProcessState =
  /**
   * The server that wrote the PID file. `command` is its live argv: exact from /proc (`exact`),
   * else split from `ps` output on spaces (empty on Windows).
   */
  | { kind: "ours"; command: string[]; exact: boolean }
  /** No process (or only a zombie) has that id. */
  | { kind: "gone" }
  /** Another program has that id now; `what` describes it for the message. */
  | { kind: "foreign"; what: string };

/** The parts of a {@link PidRecord} the identity check compares. */
export type RecordIdentity = Pick<
  PidRecord,
  "pid" | "argv" | "execPath" | "runtime" | "mainModule" | "cwd"
>;

function realPath(path: string): string {
  try {
    return Deno.realPathSync(path);
  } catch {
    return path;
  }
}

/** Whether a command-line word names the recorded main module. */
function namesModule(word: string, mainModule: string, cwd: string): boolean {
  if (word === mainModule) return true;
  if (!mainModule.startsWith("file:")) return false;
  const recorded = fileURLToPath(mainModule);
  const given = word.startsWith("file:") ? fileURLToPath(word) : resolve(cwd, word);
  return given === recorded || realPath(given) === realPath(recorded);
}

/**
 * Whether a live argv is the recorded server's: it ends with the recorded program arguments,
 * which follow the main module for `deno run` and the executable itself for a compiled binary.
 */
export function commandMatches(command: readonly string[], record: RecordIdentity): boolean {
  const n = record.argv.length;
  if (command.length < n + 1) return false;
  const offset = command.length - n;
  for (let i = 0; i < n; i++) if (command[offset + i] !== record.argv[i]) return false;
  const entry = offset - 1;
  if (record.runtime === "compiled") return entry === 0;
  return entry > 0 && namesModule(command[entry], record.mainModule, record.cwd);
}

/** Whether a live executable path is the recorded one (also after an in-place upgrade). */
export function executableMatches(exe: string, execPath: string): boolean {
  const live = exe.endsWith(" (deleted)") ? exe.slice(0, -" (deleted)".length) : exe;
  return live === execPath || realPath(live) === realPath(execPath);
}

function refused(error: unknown, what: string, allow: string): never {
  const permission = error instanceof Deno.errors.NotCapable ||
    error instanceof Deno.errors.PermissionDenied;
  const hint = error instanceof Deno.errors.NotCapable
    ? `run this command with ${allow} or --allow-all`
    : error instanceof Deno.errors.PermissionDenied
    ? "it may belong to another user; run this command as that user"
    : (error as Error).message;
  throw new ProcessCheckError(`cannot check ${what}: ${hint}`, permission);
}

/**
 * The `ps` form of {@link commandMatches}: `line` is argv joined by spaces, so the recorded
 * arguments must end it, preceded by the main module (`deno run`) or by the executable alone.
 */
export function commandLineMatches(line: string, record: RecordIdentity): boolean {
  const suffix = record.argv.map((arg) => ` ${arg}`).join("");
  if (!line.endsWith(suffix)) return false;
  const head = line.slice(0, line.length - suffix.length);
  const exe = record.execPath.split(/[\\/]/).at(-1) ?? "";
  if (record.runtime === "compiled") return head.split(/[\\/]/).at(-1) === exe;
  const words = head.split(" ");
  if (words.length < 2 || words[0].split(/[\\/]/).at(-1) !== exe) return false;
  const module = record.mainModule.startsWith("file:")
    ? fileURLToPath(record.mainModule)
    : record.mainModule;
  return head.endsWith(` ${module}`) ||
    namesModule(words[words.length - 1], record.mainModule, record.cwd);
}

async function inspectLinux(record: RecordIdentity): Promise<ProcessState> {
  const base = `/proc/${record.pid}`;
  let raw: Uint8Array;
  try {
    raw = await Deno.readFile(`${base}/cmdline`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { kind: "gone" };
    if (error instanceof Deno.errors.NotCapable) return inspectWithPs(record);
    refused(error, `${base}/cmdline`, "--allow-all");
  }
  const text = new TextDecoder().decode(raw);
  // A zombie (exited, not yet reaped) has an empty command line.
  if (text === "") return { kind: "gone" };
  const command = text.split("\0");
  if (command.at(-1) === "") command.pop();
  let exe: string;
  try {
    exe = Deno.readLinkSync(`${base}/exe`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { kind: "gone" };
    refused(error, `${base}/exe`, "--allow-all");
  }
  if (!executableMatches(exe, record.execPath) || !commandMatches(command, record)) {
    return { kind: "foreign", what: describe(command) };
  }
  return { kind: "ours", command, exact: true };
}

async function run(program: string, args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const output = await new Deno.Command(program, {
      args,
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).output();
    return { code: output.code, stdout: new TextDecoder().decode(output.stdout) };
  } catch (error) {
    refused(error, `the process table with ${program}`, `--allow-run=${program}`);
  }
}

async function inspectWithPs(record: RecordIdentity): Promise<ProcessState> {
  const { code, stdout } = await run("ps", ["-ww", "-p", String(record.pid), "-o", "command="]);
  const line = stdout.replace(/\n$/, "").trim();
  if (code !== 0 || line === "") return { kind: "gone" };
  if (!commandLineMatches(line, record)) {
    return { kind: "foreign", what: describe([line.split(" ")[0]]) };
  }
  // `ps` joins argv with spaces: arguments containing spaces cannot be told apart again.
  return { kind: "ours", command: line.split(" "), exact: false };
}

async function inspectWindows(record: RecordIdentity): Promise<ProcessState> {
  const { code, stdout } = await run("tasklist", [
    "/FI",
    `PID eq ${record.pid}`,
    "/FO",
    "CSV",
    "/NH",
  ]);
  const match = stdout.match(/^"([^"]*)","(\d+)"/m);
  if (code !== 0 || !match || Number(match[2]) !== record.pid) return { kind: "gone" };
  if (match[1].toLowerCase() !== basename(record.execPath).toLowerCase()) {
    return { kind: "foreign", what: match[1] };
  }
  return { kind: "ours", command: [], exact: false };
}

/** Names another program by its executable only: its arguments may hold its own secrets. */
function describe(command: readonly string[]): string {
  return basename(command[0] ?? "") || "an unknown program";
}

/**
 * Looks at the process a PID file names.
 *
 * @throws {ProcessCheckError} when it cannot be decided (permissions, another user's process).
 */
export function inspectProcess(
  record: RecordIdentity,
  os: string = Deno.build.os,
): Promise<ProcessState> {
  if (os === "linux") return inspectLinux(record);
  if (os === "darwin") return inspectWithPs(record);
  if (os === "windows") return inspectWindows(record);
  return Promise.reject(
    new ProcessCheckError(`cannot check processes on ${os}: only Linux, macOS and Windows`, false),
  );
}
