/**
 * Logging to standard error. Standard output belongs to the stdio transport, so nothing in this
 * program writes log lines anywhere else.
 *
 * @module
 */

import { AsyncLocalStorage } from "node:async_hooks";
import { NAME } from "./version.ts";

/** Severity of a log line. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** A structured logger. `fields` are rendered as `key=value` pairs after the message. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const encoder = new TextEncoder();

/** Writes one already-formatted line to standard error, synchronously so lines never interleave. */
export function writeStderr(line: string): void {
  const bytes = encoder.encode(line.endsWith("\n") ? line : line + "\n");
  let written = 0;
  while (written < bytes.length) written += Deno.stderr.writeSync(bytes.subarray(written));
}

function renderValue(value: unknown): string {
  if (typeof value === "string") return /^[\w.:/@+-]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

const context = new AsyncLocalStorage<Record<string, unknown>>();

/**
 * Runs `fn` with `fields` added to every log line written while it runs, including from async
 * work it starts (the HTTP layer adds the client address to everything a request logs).
 */
export function withLogContext<T>(fields: Record<string, unknown>, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

/** The fields {@link withLogContext} set for the code running now (empty outside a request). */
export function currentLogContext(): Record<string, unknown> {
  return context.getStore() ?? {};
}

/** Formats a log line: `zscaler-mcp: warn: message key=value …`, then the context's fields. */
export function formatLine(
  level: LogLevel,
  message: string,
  fields?: Record<string, unknown>,
): string {
  let line = `${NAME}: ${level}: ${message}`;
  for (const [key, value] of Object.entries({ ...fields, ...context.getStore() })) {
    if (value !== undefined) line += ` ${key}=${renderValue(value)}`;
  }
  return line;
}

/** A logger whose debug level can be switched while it is in use (a SIGHUP reload does). */
export interface LevelledLogger extends Logger {
  /** Whether `debug` lines are written now. */
  readonly debugEnabled: boolean;
  /** Turns `debug` lines on or off for every holder of this logger. */
  setDebug(on: boolean): void;
}

/** Creates a stderr logger; `debug` lines are written only while debug is on. */
export function createLogger(options: { debug?: boolean } = {}): LevelledLogger {
  let debug = options.debug ?? false;
  const emit = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) =>
    writeStderr(formatLine(level, message, fields));
  const emitDebug = emit("debug");
  return {
    debug: (message, fields) => {
      if (debug) emitDebug(message, fields);
    },
    info: emit("info"),
    warn: emit("warn"),
    error: emit("error"),
    get debugEnabled() {
      return debug;
    },
    setDebug(on: boolean) {
      debug = on;
    },
  };
}
