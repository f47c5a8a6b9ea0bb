/**
 * The audit log: one JSON line per tool-call event, to stderr or a 0600 file. Arguments are
 * redacted by the tool's declared sensitive fields and by name. Refusals are always recorded:
 * as audit lines when the audit log is on, as warnings when it is off.
 *
 * @module
 */

import { currentLogContext, type Logger, writeStderr } from "../log.ts";

/** Audit event names. */
export type AuditEventName =
  | "call"
  | "result"
  | "confirmation_asked"
  | "confirmation_approved"
  | "confirmation_declined"
  | "confirmation_refused"
  | "write_refused";

/** One audit event; `time` and the client address are filled in by {@link AuditLog}. */
export interface AuditEvent {
  event: AuditEventName;
  tool: string;
  principal: string;
  /** JSON-RPC request id, when there is one. */
  request_id?: string | number;
  args?: Record<string, unknown>;
  outcome?: "ok" | "error";
  duration_ms?: number;
  /** Bytes of the result's text content. */
  size?: number;
  /** elicitation or token. */
  mechanism?: string;
  /** Characters the sanitizer removed from the result. */
  sanitized?: number;
  reason?: string;
}

const REDACTED = "[redacted]";
const SECRET_NAME = /secret|passw|passphrase|token|api[_-]?key|private|credential|pre_?shared|psk/i;

/** Copies `args` with sensitive values replaced, at any depth. */
export function redactArguments(
  args: Record<string, unknown>,
  sensitive: readonly string[] = [],
): Record<string, unknown> {
  const declared = new Set(sensitive);
  const walk = (value: unknown, depth: number): unknown => {
    if (depth > 32) return "[too deep]";
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        out[key] = declared.has(key) || SECRET_NAME.test(key) ? REDACTED : walk(inner, depth + 1);
      }
      return out;
    }
    return value;
  };
  return walk(args, 0) as Record<string, unknown>;
}

/** Where audit lines go. */
export type AuditSink = (line: string) => void;

/** A sink backed by an open file, closed when the audit log moves elsewhere. */
export type FileAuditSink = AuditSink & {
  /** Closes the file; later lines are dropped. Idempotent. */
  close(): void;
};

/** A sink that appends to a file created with mode 0600. */
export function fileSink(path: string): FileAuditSink {
  const file = Deno.openSync(path, { append: true, create: true, mode: 0o600 });
  const encoder = new TextEncoder();
  let open = true;
  const sink = (line: string) => {
    if (!open) return;
    const bytes = encoder.encode(line + "\n");
    let written = 0;
    while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
  };
  return Object.assign(sink, {
    close() {
      if (!open) return;
      open = false;
      file.close();
    },
  });
}

/** The audit log of a server. */
export class AuditLog {
  #enabled: boolean;
  #sink: AuditSink;
  readonly #logger: Logger;
  readonly #now: () => Date;

  constructor(options: {
    enabled: boolean;
    logger: Logger;
    sink?: AuditSink;
    now?: () => Date;
  }) {
    this.#enabled = options.enabled;
    this.#sink = options.sink ?? writeStderr;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
  }

  /** Whether ordinary events are recorded. */
  get enabled(): boolean {
    return this.#enabled;
  }

  /**
   * Switches the audit log on or off and moves it to another sink (a SIGHUP reload does this).
   * The previous sink is closed when it is a file; no line is lost or split, since every write is
   * synchronous.
   */
  reconfigure(options: { enabled: boolean; sink?: AuditSink }): void {
    const previous = this.#sink;
    this.#enabled = options.enabled;
    this.#sink = options.sink ?? writeStderr;
    if (previous !== this.#sink && "close" in previous && typeof previous.close === "function") {
      previous.close();
    }
  }

  /** Records an event when the audit log is on. */
  record(event: AuditEvent): void {
    if (this.#enabled) this.#write(event);
  }

  /** Records a refusal: an audit line when on, a warning when off. Never dropped. */
  refusal(event: AuditEvent): void {
    if (this.#enabled) {
      this.#write(event);
      return;
    }
    this.#logger.warn(event.event.replaceAll("_", " "), {
      tool: event.tool,
      principal: event.principal,
      reason: event.reason,
    });
  }

  #write(event: AuditEvent): void {
    const client = currentLogContext().client;
    this.#sink(JSON.stringify({
      time: this.#now().toISOString(),
      audit: event.event,
      ...event,
      event: undefined,
      client,
    }));
  }
}
