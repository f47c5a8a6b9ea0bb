/**
 * Configuration: command-line flags over environment over `.env`, validated into one frozen
 * {@link Config}. Any problem is a {@link ConfigError} listing every problem, one per line.
 *
 * @module
 */

import { ConfigError, mergeSources, parseCommandLine, type ParsedArgs } from "./sources.ts";
import { type Config, validateSettings } from "./schema.ts";

export { ConfigError, type ParsedArgs } from "./sources.ts";
export { type Config, isLoopbackHost, type ZscalerSettings } from "./schema.ts";
export {
  type AuthConfig,
  type AuthModeSetting,
  type HttpSettings,
  type TlsSettings,
} from "./http.ts";
export { Secret } from "./secret.ts";
export { SETTINGS } from "./settings.ts";

/** The result of {@link loadConfig}. */
export interface LoadedConfig {
  args: ParsedArgs;
  config: Config;
}

/**
 * Parses `argv`, merges it over `env` and the `.env` file, and validates the result.
 *
 * @throws {ConfigError} with one line per problem.
 */
export function loadConfig(argv: string[], env: Record<string, string | undefined>): LoadedConfig {
  const args = parseCommandLine(argv);
  const merged = mergeSources(args.flags, env);
  const result = validateSettings(merged.raw, merged.source, merged.dotenvPath);
  if (result.config === undefined) throw new ConfigError(result.problems);
  return { args, config: result.config };
}

/**
 * Problems that stop the server talking to a real tenant: missing credentials or endpoints. Not
 * checked in sandbox mode or for `--list-tools`, which need no tenant.
 */
export function credentialProblems(config: Config): string[] {
  const z = config.zscaler;
  const problems: string[] = [];
  if (!z.clientId) problems.push("ZSCALER_CLIENT_ID: is required (or run with --sandbox)");
  if (!z.clientSecret && !z.privateKey) {
    problems.push("ZSCALER_CLIENT_SECRET or ZSCALER_PRIVATE_KEY: one is required");
  }
  if (!z.vanityDomain && !z.tokenUrl) {
    problems.push("ZSCALER_VANITY_DOMAIN: is required (the label of <label>.zslogin.net)");
  }
  return problems;
}
