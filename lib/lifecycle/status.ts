/**
 * `status`: is the server running, and how was it started?
 *
 * @module
 */

import { NAME, VERSION } from "../version.ts";
import { STATUS_EXIT } from "./errors.ts";
import type { Located } from "./locate.ts";
import type { PidRecord } from "./pid_file.ts";

/** `1h 02m 03s`, `4m 05s`, `6s`, `2d 03h 04m`. */
export function formatUptime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  if (d > 0) return `${d}d ${two(h)}h ${two(m)}m`;
  if (h > 0) return `${h}h ${two(m)}m ${two(s)}s`;
  if (m > 0) return `${m}m ${two(s)}s`;
  return `${s}s`;
}

function fileState(path: string): string {
  try {
    return Deno.statSync(path).isFile ? "" : " (not a file)";
  } catch (error) {
    return error instanceof Deno.errors.NotFound ? " (missing)" : " (cannot be read)";
  }
}

/** The lines `status` prints for a running server. */
export function describeRunning(record: PidRecord, path: string, now: Date = new Date()): string[] {
  const started = new Date(record.startedAt);
  const rows: [string, string][] = [
    ["pid", String(record.pid)],
    ["version", record.version + (record.version === VERSION ? "" : ` (this command: ${VERSION})`)],
    ["uptime", `${formatUptime(now.getTime() - started.getTime())} (since ${record.startedAt})`],
    ["transport", record.transport],
  ];
  if (record.bind) {
    rows.push(["bind", `${record.bind.host}:${record.bind.port}`], ["url", record.bind.url]);
  }
  rows.push([
    ".env",
    record.dotenvPath === null ? "none" : record.dotenvPath + fileState(record.dotenvPath),
  ]);
  rows.push(["pid file", path]);
  const reload = record.lastReload;
  if (reload) {
    const parts = [`${reload.outcome} at ${reload.at}`];
    if (reload.applied.length) parts.push(`applied ${reload.applied.join(", ")}`);
    if (reload.needsRestart.length) {
      parts.push(`changed, applies on restart: ${reload.needsRestart.join(", ")}`);
    }
    rows.push(["last reload", parts.join("; ")]);
  }
  return [`${NAME} is running`, ...rows.map(([k, v]) => `  ${k.padEnd(12)} ${v}`)];
}

/** Prints the status of what {@link locate} found; returns the LSB status exit code. */
export function status(found: Located, print: (line: string) => void): number {
  switch (found.kind) {
    case "none":
      print(`${NAME} is not running (no PID file at ${found.path})`);
      return STATUS_EXIT.notRunning;
    case "stale":
      print(`${NAME} is not running: the PID file ${found.path} is stale (${found.why})`);
      return STATUS_EXIT.stale;
    case "running":
      for (const line of describeRunning(found.record, found.path)) print(line);
      return STATUS_EXIT.running;
  }
}
