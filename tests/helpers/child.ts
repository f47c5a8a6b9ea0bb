/**
 * How tests and benches run the real server as a child: the repository root, the `deno run`
 * flags of `deno task start`, and a clean environment. No side effects on import.
 */

import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Permission flags the tests run the server with (the same as `deno task start`). */
export const RUN_FLAGS = [
  "run",
  "--unstable-no-legacy-abort",
  "--allow-net",
  "--allow-read",
  "--allow-env",
  "--allow-write",
  "--config",
  `${ROOT}deno.json`,
  `${ROOT}main.ts`,
];

/** The environment a child server gets: only what Deno needs plus `env`. */
export function childEnv(env: Record<string, string> = {}): Record<string, string> {
  const keep: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME", "TMPDIR", "NO_COLOR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) keep[name] = value;
  }
  return { NO_COLOR: "1", ...keep, ...env };
}
