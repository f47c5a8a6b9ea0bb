/**
 * Where the server keeps its per-user state (the PID file, the OAuth registration store): never a
 * predictable path in a shared temporary directory.
 *
 * @module
 */

import { join } from "node:path";

/** The environment variables that decide the state directory. */
export type StateEnv = Readonly<Record<string, string | undefined>>;

/** No state directory can be derived (no home directory and no override). */
export class StateDirError extends Error {
  /** Build the error; the message names the variable to set. */
  constructor(message: string) {
    super(message);
    this.name = "StateDirError";
  }
}

const APP = "zscaler-mcp";

/**
 * The state directory, in order of precedence:
 * 1. `ZSCALER_MCP_STATE_DIR`;
 * 2. `STATE_DIRECTORY` (set by systemd for `StateDirectory=`; the first entry when several);
 * 3. per OS: `%LOCALAPPDATA%\zscaler-mcp` (Windows), `~/Library/Application Support/zscaler-mcp`
 *    (macOS), `$XDG_STATE_HOME/zscaler-mcp` or `~/.local/state/zscaler-mcp` (elsewhere).
 *
 * @throws {StateDirError} when none of these can be derived.
 */
export function defaultStateDir(env: StateEnv, os: string = Deno.build.os): string {
  const explicit = env.ZSCALER_MCP_STATE_DIR?.trim();
  if (explicit) return explicit;
  const systemd = env.STATE_DIRECTORY?.split(":")[0]?.trim();
  if (systemd) return systemd;
  if (os === "windows") {
    const local = env.LOCALAPPDATA?.trim();
    if (local) return join(local, APP);
    throw new StateDirError(
      "no state directory: set ZSCALER_MCP_STATE_DIR (LOCALAPPDATA is unset)",
    );
  }
  const xdg = env.XDG_STATE_HOME?.trim();
  if (os !== "darwin" && xdg?.startsWith("/")) return join(xdg, APP);
  const home = env.HOME?.trim();
  if (!home) {
    throw new StateDirError("no state directory: set ZSCALER_MCP_STATE_DIR (HOME is unset)");
  }
  return os === "darwin"
    ? join(home, "Library", "Application Support", APP)
    : join(home, ".local", "state", APP);
}

/** Create `dir` (and its parents) readable by the owner only, when it does not exist yet. */
export async function ensureStateDir(dir: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
}
