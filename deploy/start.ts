/**
 * `deno task start [args]`: computes the permission set for this machine and this user
 * (`lib/permissions`, the same computation `deno task compile` embeds) and runs
 * `deno run <that set> main.ts [args]` as a child. The child — the server — has exactly those
 * permissions; this launcher's own permissions never reach it. The launcher only waits, passes
 * SIGTERM and SIGHUP on, and exits with the child's exit code.
 *
 * `--print-flags` prints the flags (one per line) instead of running anything.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import {
  denoRunArgs,
  PermissionInputError,
  type PermissionInputs,
  permissionSet,
  targetOs,
} from "../lib/permissions/mod.ts";

/** The lifecycle subcommands: they get the `control` profile, everything else `server`. */
export const CONTROL_COMMANDS: ReadonlySet<string> = new Set([
  "status",
  "reload",
  "restart",
  "stop",
]);

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const CONFIG = fileURLToPath(new URL("../deno.json", import.meta.url));

/** Value of `--name value` / `--name=value` in `args`, if given. */
export function flagValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return undefined;
}

/**
 * The `deno` arguments that run the server for `args` in `env`: the profile follows the
 * subcommand, and a `--dotenv-path` on the command line is allowed like the variable.
 *
 * @throws {PermissionInputError} for an unusable `ZSCALER_MCP_EXTRA_*` entry.
 */
export function launchArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  os: string = Deno.build.os,
  execPath: string = Deno.execPath(),
): string[] {
  const dotenv = flagValue(args, "dotenv-path");
  const inputs: PermissionInputs = {
    os: targetOs(os),
    mode: "run",
    profile: CONTROL_COMMANDS.has(args[0] ?? "") ? "control" : "server",
    env: dotenv === undefined ? env : { ...env, ZSCALER_MCP_DOTENV_PATH: dotenv },
    execPath,
  };
  return denoRunArgs(permissionSet(inputs), MAIN, args, CONFIG);
}

async function main(): Promise<number> {
  const args = [...Deno.args];
  const printOnly = args[0] === "--print-flags";
  if (printOnly) args.shift();
  let denoArgs: string[];
  try {
    denoArgs = launchArgs(args, Deno.env.toObject());
  } catch (error) {
    if (!(error instanceof PermissionInputError)) throw error;
    console.error(`zscaler-mcp: config error: ${error.message}`);
    return 2;
  }
  if (printOnly) {
    console.log(denoArgs.join("\n"));
    return 0;
  }
  const child = new Deno.Command(Deno.execPath(), {
    args: denoArgs,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  // Ctrl-C reaches the whole process group, the server included: ignore it here so the server
  // drains in-flight calls. SIGTERM and SIGHUP sent to this launcher are passed on.
  const forwarded: Deno.Signal[] = Deno.build.os === "windows"
    ? ["SIGINT"]
    : ["SIGINT", "SIGTERM", "SIGHUP"];
  const handlers = forwarded.map((signal) => {
    const handler = () => {
      if (signal === "SIGINT") return;
      try {
        child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    Deno.addSignalListener(signal, handler);
    return [signal, handler] as const;
  });
  const status = await child.status;
  for (const [signal, handler] of handlers) Deno.removeSignalListener(signal, handler);
  return status.signal ? 128 + signalNumber(status.signal) : status.code;
}

function signalNumber(signal: Deno.Signal): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 1;
}

if (import.meta.main) Deno.exit(await main());
