/**
 * SIGHUP reload: re-read the `.env` file and apply what can change without dropping anything —
 * the audit log (on/off, file), the debug level and the OneAPI API-client credentials (rotation). Every other change is reported as needing a
 * restart and is not applied at all, so the server never runs on half a new configuration. An
 * invalid `.env` leaves the running configuration as it is. Sessions and the listening socket are
 * untouched either way.
 *
 * @module
 */

import type { Config } from "../config/mod.ts";
import { validateSettings } from "../config/schema.ts";
import { type SettingKey, SETTINGS } from "../config/settings.ts";
import {
  ConfigError,
  mergeSources,
  parseCommandLine,
  type RawSettings,
} from "../config/sources.ts";
import { type AuditLog, type AuditSink, fileSink } from "../guard/audit.ts";
import type { LevelledLogger } from "../log.ts";
import type { ReloadNote } from "./pid_file.ts";

/** Settings a reload applies in place. Everything else needs a restart. */
export const RELOADABLE: ReadonlySet<SettingKey> = new Set<SettingKey>([
  "logToolCalls",
  "auditLog",
  "debug",
]);

/** The OneAPI API-client credentials: applied in place when the server can rotate them. */
export const CREDENTIAL_SETTINGS: ReadonlySet<SettingKey> = new Set<SettingKey>([
  "clientId",
  "clientSecret",
  "privateKey",
]);

const ENV_NAME = new Map<SettingKey, string>(SETTINGS.map((s) => [s.key, s.env]));

/**
 * The audit log's options for a configuration: on when `ZSCALER_MCP_LOG_TOOL_CALLS` is, to the
 * `ZSCALER_MCP_AUDIT_LOG` file (opened for appending, mode 0600) or to stderr.
 *
 * @throws {ConfigError} when the file cannot be opened.
 */
export function auditOptionsFor(
  config: Pick<Config, "logToolCalls" | "auditLog">,
  open: (path: string) => AuditSink = fileSink,
): { enabled: boolean; sink?: AuditSink } {
  if (!config.auditLog) return { enabled: config.logToolCalls };
  try {
    return { enabled: config.logToolCalls, sink: open(config.auditLog) };
  } catch (error) {
    throw new ConfigError([
      `ZSCALER_MCP_AUDIT_LOG: cannot open ${JSON.stringify(config.auditLog)} for appending ` +
      `(${(error as Error).name})`,
    ]);
  }
}

/** What one reload did. Names only: no value, secret or not, is ever reported. */
export interface ReloadReport {
  outcome: ReloadNote["outcome"];
  /** Variables whose new value is now in effect. */
  applied: string[];
  /** Variables that changed but take effect only after a restart. */
  needsRestart: string[];
  /** Why the new configuration was refused (outcome `rejected`). */
  problems: string[];
}

/** Options of {@link Reloader}. */
export interface ReloaderOptions {
  /** The server's own arguments, as given at start (flags do not change on reload). */
  argv: readonly string[];
  /** The environment the server started with (it does not change either). */
  env: Readonly<Record<string, string | undefined>>;
  logger: LevelledLogger;
  audit: AuditLog;
  /** Checks a candidate configuration beyond the schema (e.g. tool patterns); returns problems. */
  validate?: (config: Config) => string[];
  /** Opens an audit file; default {@link fileSink}. */
  openSink?: (path: string) => AuditSink;
  /** Told after every reload (the PID file records it). */
  onReload?: (note: ReloadNote) => void;
  /**
   * Switches the OneAPI client to the credentials of `config` (credential rotation); throws a
   * {@link ConfigError} when they cannot be used, and the old ones stay. Without it (the
   * sandbox), a credential change needs a restart.
   */
  rotateCredentials?: (config: Config) => void;
  /** Clock, for tests. */
  now?: () => Date;
}

function sameValue(a: string | boolean | undefined, b: string | boolean | undefined): boolean {
  return a === undefined || b === undefined ? a === b : String(a) === String(b);
}

function names(keys: readonly SettingKey[]): string[] {
  return keys.map((key) => ENV_NAME.get(key)!);
}

/** Re-reads the configuration on request and applies the reloadable part. */
export class Reloader {
  readonly #options: ReloaderOptions;
  /** The raw settings now in effect (restart-only ones keep their start values). */
  readonly #running: RawSettings;
  #count = 0;

  /**
   * Takes the running settings as the baseline, read the same way the server read them at start.
   *
   * @throws {ConfigError} when they cannot be read now (the `.env` vanished since the start).
   */
  constructor(options: ReloaderOptions) {
    this.#options = options;
    this.#running = { ...this.#read().raw };
  }

  #read() {
    const flags = parseCommandLine([...this.#options.argv]).flags;
    return mergeSources(flags, { ...this.#options.env });
  }

  /** Reloads now: re-reads `.env`, applies what it can, logs one line, and reports. */
  reload(): ReloadReport {
    const { logger } = this.#options;
    let raw: RawSettings = {};
    let config: Config | undefined;
    const problems: string[] = [];
    try {
      const merged = this.#read();
      raw = merged.raw;
      const result = validateSettings(merged.raw, merged.source, merged.dotenvPath);
      if (result.config) {
        config = result.config;
        problems.push(...(this.#options.validate?.(config) ?? []));
      } else problems.push(...result.problems);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
    const changed = SETTINGS.map((s) => s.key).filter((key) =>
      !sameValue(this.#running[key], raw[key])
    );
    const rotate = this.#options.rotateCredentials;
    const canApply = (key: SettingKey) =>
      RELOADABLE.has(key) || (rotate !== undefined && CREDENTIAL_SETTINGS.has(key));
    const reloadable = changed.filter(canApply);
    const restartOnly = changed.filter((key) => !canApply(key));

    let sink: { enabled: boolean; sink?: AuditSink } | undefined;
    if (problems.length === 0 && config && reloadable.some((k) => k !== "debug")) {
      try {
        sink = auditOptionsFor(config, this.#options.openSink);
      } catch (error) {
        problems.push(...(error as ConfigError).problems);
      }
    }
    if (problems.length > 0 || !config) {
      for (const problem of problems) logger.error(`reload rejected: ${problem}`);
      logger.error(
        `reload: kept the running configuration (${problems.length} problem` +
          `${problems.length === 1 ? "" : "s"} in the new one)`,
      );
      return this.#finish({
        outcome: "rejected",
        applied: [],
        needsRestart: names(restartOnly),
        problems,
      });
    }

    // Credentials first: they are the one change that can still fail, and then nothing applies.
    if (rotate && reloadable.some((key) => CREDENTIAL_SETTINGS.has(key))) {
      try {
        rotate(config);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        (sink?.sink as { close?: () => void } | undefined)?.close?.();
        for (const problem of error.problems) logger.error(`reload rejected: ${problem}`);
        logger.error("reload: kept the running configuration (the new credentials are unusable)");
        return this.#finish({
          outcome: "rejected",
          applied: [],
          needsRestart: names(restartOnly),
          problems: error.problems,
        });
      }
    }
    if (reloadable.includes("debug")) logger.setDebug(config.debug);
    if (sink) this.#options.audit.reconfigure(sink);
    for (const key of reloadable) this.#running[key] = raw[key];

    const applied = names(reloadable);
    const needsRestart = names(restartOnly);
    const parts = [applied.length ? `applied ${applied.join(", ")}` : "nothing to apply"];
    if (needsRestart.length) parts.push(`changed, applies on restart: ${needsRestart.join(", ")}`);
    const line = `reload: ${changed.length ? parts.join("; ") : "nothing changed"}`;
    if (needsRestart.length) logger.warn(line);
    else logger.info(line);
    return this.#finish({
      outcome: applied.length ? "applied" : "unchanged",
      applied,
      needsRestart,
      problems: [],
    });
  }

  #finish(report: ReloadReport): ReloadReport {
    this.#count++;
    this.#options.onReload?.({
      count: this.#count,
      at: (this.#options.now?.() ?? new Date()).toISOString(),
      outcome: report.outcome,
      applied: report.applied,
      needsRestart: report.needsRestart,
    });
    return report;
  }
}
