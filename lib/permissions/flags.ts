/**
 * Renders a {@link PermissionSet} as Deno command-line flags, the same for `deno run` and
 * `deno compile` (which embeds them in the executable).
 *
 * @module
 */

import type { PermissionSet } from "./set.ts";

/**
 * Flags that are not permissions but belong to every way the server is started: the request
 * abort behaviour the server is written for (also embedded by `deno compile`).
 */
export const RUNTIME_FLAGS: readonly string[] = Object.freeze(["--unstable-no-legacy-abort"]);

/**
 * The Deno flags for `set`:
 * - `--no-prompt`: a server never asks; on stdio a prompt would corrupt the MCP channel.
 * - `--allow-net|read|write|env|run=<list>`: each only when the list is non-empty. A bare
 *   `--allow-x` would grant everything, so an empty list means the flag is left out.
 * - `--ignore-env`: every variable not allowed reads as unset instead of throwing, so a library
 *   probing its own variables (minimatch reads `__MINIMATCH_TESTING_PLATFORM__` at import) sees
 *   nothing, and `Deno.env.toObject()` returns the allowed variables only.
 * - `--deny-import`: no module is loaded from the network at run time.
 *
 * No `--allow-sys`, `--allow-ffi` or `--allow-all`.
 *
 * @throws {Error} when an entry contains a comma (Deno splits the lists on commas).
 */
export function permissionFlags(set: PermissionSet): string[] {
  const flags = ["--no-prompt"];
  const list = (name: string, items: readonly string[]) => {
    if (items.length === 0) return;
    const bad = items.find((item) => item.includes(","));
    if (bad !== undefined) throw new Error(`--allow-${name} entry contains a comma: ${bad}`);
    flags.push(`--allow-${name}=${items.join(",")}`);
  };
  list("net", set.net);
  list("read", set.read);
  list("write", set.write);
  list("env", set.env);
  flags.push("--ignore-env");
  list("run", set.run);
  flags.push("--deny-import");
  return flags;
}

/**
 * The arguments after `deno` that run `entry` (the absolute path or URL of `main.ts`) with
 * `set`, followed by the program's own `args`: what `deno task start` executes, and what a
 * lifecycle `restart` of a `deno run` server should execute again.
 */
export function denoRunArgs(
  set: PermissionSet,
  entry: string,
  args: readonly string[] = [],
  config?: string,
): string[] {
  return [
    "run",
    ...RUNTIME_FLAGS,
    ...(config ? ["--config", config] : []),
    ...permissionFlags(set),
    entry,
    ...args,
  ];
}
