/**
 * The three places a setting can come from — command-line flags, the environment and a `.env`
 * file — merged with that precedence into one record of raw values.
 *
 * @module
 */

import { parseArgs, parseEnv } from "node:util";
import { ACTION_FLAGS, type SettingKey, SETTINGS } from "./settings.ts";

/** Raw setting values before validation: strings from env/.env/flags, booleans from bare flags. */
export type RawSettings = Partial<Record<SettingKey, string | boolean>>;

/** Where each raw value came from, for error messages. */
export type SettingSource = "flag" | "env" | "dotenv";

/** The parsed command line. */
export interface ParsedArgs {
  /** Positional words, e.g. `["sim"]`. */
  positionals: string[];
  /** Values given as flags. */
  flags: RawSettings;
  /** Action flags (`--help`, `--version`, `--list-tools`, `--json`). */
  actions: Set<(typeof ACTION_FLAGS)[number]>;
}

/** A problem found while reading settings: one line, never containing a secret's value. */
export class ConfigError extends Error {
  /** One message per problem. */
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** Parses argv strictly: an unknown flag or a missing value is a {@link ConfigError}. */
export function parseCommandLine(argv: string[]): ParsedArgs {
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const setting of SETTINGS) {
    if (setting.flag) {
      options[setting.flag] = { type: setting.type === "boolean" ? "boolean" : "string" };
    }
  }
  for (const action of ACTION_FLAGS) options[action] = { type: "boolean" };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    // node's messages name only the flag, never a value we consider secret (secrets have no flags).
    throw new ConfigError([(error as Error).message.split(". To specify")[0]]);
  }
  const flags: RawSettings = {};
  for (const setting of SETTINGS) {
    const value = setting.flag ? parsed.values[setting.flag] : undefined;
    if (value !== undefined) flags[setting.key] = value as string | boolean;
  }
  const actions = new Set<(typeof ACTION_FLAGS)[number]>();
  for (const action of ACTION_FLAGS) if (parsed.values[action]) actions.add(action);
  return { positionals: parsed.positionals, flags, actions };
}

/** Reads the settings' variables out of an environment-like record. Empty strings count as unset. */
export function fromEnvironment(env: Record<string, string | undefined>): RawSettings {
  const raw: RawSettings = {};
  for (const setting of SETTINGS) {
    const value = env[setting.env];
    if (value !== undefined && value !== "") raw[setting.key] = value;
  }
  return raw;
}

/**
 * Reads a `.env` file with Node's own parser. A missing default file is fine; a missing file that
 * was asked for explicitly, or one that cannot be read, is a {@link ConfigError}.
 */
export function readDotenv(path: string, explicit: boolean): Record<string, string> {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound && !explicit) return {};
    const reason = error instanceof Deno.errors.NotFound
      ? "not found"
      : error instanceof Deno.errors.PermissionDenied
      ? "permission denied"
      : (error as Error).name;
    throw new ConfigError([`cannot read .env file ${JSON.stringify(path)}: ${reason}`]);
  }
  return { ...parseEnv(text) } as Record<string, string>;
}

/** The merged raw settings and where each came from. */
export interface MergedSettings {
  raw: RawSettings;
  source: Partial<Record<SettingKey, SettingSource>>;
  /** The `.env` path that was read, or `null` when none was. */
  dotenvPath: string | null;
}

/**
 * Merges flags over the environment over the `.env` file. The `.env` path itself comes from
 * `--dotenv-path` or `ZSCALER_MCP_DOTENV_PATH`, else `./.env`.
 */
export function mergeSources(
  flags: RawSettings,
  env: Record<string, string | undefined>,
): MergedSettings {
  const fromEnv = fromEnvironment(env);
  const explicitPath = (flags.dotenvPath ?? fromEnv.dotenvPath) as string | undefined;
  const path = explicitPath ?? ".env";
  const dotenvValues = readDotenv(path, explicitPath !== undefined);
  const fromDotenv = fromEnvironment(dotenvValues);
  const raw: RawSettings = {};
  const source: MergedSettings["source"] = {};
  for (
    const [layer, values] of [["dotenv", fromDotenv], ["env", fromEnv], ["flag", flags]] as const
  ) {
    for (const [key, value] of Object.entries(values) as [SettingKey, string | boolean][]) {
      raw[key] = value;
      source[key] = layer;
    }
  }
  const dotenvRead = Object.keys(dotenvValues).length > 0 || existsFile(path);
  return { raw, source, dotenvPath: dotenvRead ? path : null };
}

function existsFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}
