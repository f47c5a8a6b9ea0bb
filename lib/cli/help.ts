/** `--help` text, generated from the settings table. */

import { SETTINGS } from "../config/mod.ts";
import { LIFECYCLE_USAGE } from "../lifecycle/cli.ts";
import { NAME, VERSION } from "../version.ts";

/** The usage text. */
export function helpText(): string {
  const lines = [
    `${NAME} ${VERSION}: a security-hardened MCP server for the Zscaler OneAPI`,
    "",
    "Usage:",
    `  ${NAME} [serve] [options]     run the MCP server (stdio unless --transport streamable-http)`,
    `  ${NAME} sim [--port N]        run only the simulated tenant on loopback`,
    ...LIFECYCLE_USAGE.map(([command, what]) => `  ${NAME} ${command.padEnd(21)} ${what}`),
    `  ${NAME} --list-tools [--json] list every tool this build has`,
    `  ${NAME} --generate-auth-token   print a fresh API key for ZSCALER_MCP_AUTH_API_KEY`,
    `  ${NAME} --version | --help`,
    "",
    "Settings (flag, environment variable; flags win over the environment, which wins over .env):",
  ];
  for (const setting of SETTINGS) {
    const flag = setting.flag
      ? `--${setting.flag}${setting.type === "boolean" ? "" : " VALUE"}`
      : "(env only)";
    lines.push(`  ${flag.padEnd(30)} ${setting.env}`);
    lines.push(`      ${setting.description}`);
  }
  lines.push(
    "",
    "Secrets are read from the environment or .env only, never from flags.",
    "status, reload, restart and stop take --pid-file (else ZSCALER_MCP_PID_FILE, else the " +
      "default PID file). They check who owns the PID in /proc (needs --allow-all), else with " +
      "ps, and signal with kill (--allow-run=ps,kill).",
  );
  return lines.join("\n");
}
