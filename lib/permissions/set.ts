/**
 * The permission set the server runs with: one pure function of the target OS, the profile and
 * the launch (or build) environment, shared by `deno task start` (`deno run`) and
 * `deno task compile` (`deno compile`). Why each entry is there is written next to it; the
 * design (what a compiled executable can and cannot know) is in `deploy/README.md`.
 *
 * @module
 */

import { defaultStateDir, StateDirError } from "../config/state_dir.ts";
import { SETTINGS } from "../config/settings.ts";
import { PermissionInputError } from "./errors.ts";
import { allZscalerNetEntries, LISTEN_NET, LOOPBACK_NET, parseNetEntry } from "./hosts.ts";
import type { TargetOs } from "./targets.ts";

/** The environment a permission set is computed from. */
export type PermissionEnv = Readonly<Record<string, string | undefined>>;

/** Extra `--allow-net` entries: IdP hosts (JWKS, OIDC discovery), a proxy, a specific bind. */
export const EXTRA_NET_VAR = "ZSCALER_MCP_EXTRA_NET_HOSTS";
/** Extra `--allow-read` paths: TLS or key files kept elsewhere than the config directory. */
export const EXTRA_READ_VAR = "ZSCALER_MCP_EXTRA_READ_PATHS";
/** Extra `--allow-write` (and read) paths: an audit log or PID file kept elsewhere. */
export const EXTRA_WRITE_VAR = "ZSCALER_MCP_EXTRA_WRITE_PATHS";

/** The build/launch-time variables the computation reads (never read by the server itself). */
export const BUILD_VARS: readonly string[] = Object.freeze([
  EXTRA_NET_VAR,
  EXTRA_READ_VAR,
  EXTRA_WRITE_VAR,
]);

/**
 * Variables `lib/config/state_dir.ts` reads to find the state directory (PID file, OAuth store).
 * A unit test proves this list covers every variable `defaultStateDir` looks at.
 */
export const STATE_DIR_ENV: readonly string[] = Object.freeze([
  "ZSCALER_MCP_STATE_DIR",
  "STATE_DIRECTORY",
  "XDG_STATE_HOME",
  "HOME",
  "LOCALAPPDATA",
]);

/** The application's directory name under the system locations. */
const APP = "zscaler-mcp";

/**
 * Where the executable is installed by `deploy/README.md`, on Linux and macOS: the only program
 * besides `ps` and `kill` a compiled executable may start (itself, for the `restart` command).
 */
export const INSTALL_PATH = "/usr/local/bin/zscaler-mcp";

/**
 * System locations per OS: configuration (read), state (read/write), logs (write) and, under
 * systemd, the credentials directory (read).
 */
export function systemDirs(
  os: TargetOs,
): { config: string; state: string; logs?: string; credentials?: string } {
  switch (os) {
    case "linux":
      // /etc/zscaler-mcp holds TLS and key files; /var/lib and /var/log are what systemd's
      // StateDirectory= and LogsDirectory= create for the unit in deploy/, whose LoadCredential=
      // hands the TLS files over in /run/credentials/<unit>.
      return {
        config: `/etc/${APP}`,
        state: `/var/lib/${APP}`,
        logs: `/var/log/${APP}`,
        credentials: `/run/credentials/${APP}.service`,
      };
    case "darwin":
      return { config: `/etc/${APP}`, state: `/usr/local/var/${APP}` };
    case "windows":
      return { config: `C:\\ProgramData\\${APP}\\config`, state: `C:\\ProgramData\\${APP}` };
  }
}

/** What the set is for. */
export interface PermissionInputs {
  /** The OS the server runs on. */
  os: TargetOs;
  /**
   * `run`: computed on the machine that runs the server, at launch, so the per-user state
   * directory is known. `compile`: embedded at build time, when the user, home directory and
   * configuration of the machine that will run it are not known; only system locations.
   */
  mode: "run" | "compile";
  /**
   * `server`: the long-running server (no subprocesses at all). `control`: the `status`,
   * `reload`, `stop` and `restart` commands, which also start `ps` and `kill` (and, for
   * `restart`, the executable). A compiled executable embeds one set for every command, so
   * `compile` always uses `control`.
   */
  profile: "server" | "control";
  /** The launch (`run`) or build (`compile`) environment. */
  env: PermissionEnv;
  /** For `run` + `control`: the Deno executable `restart` launches again (`Deno.execPath()`). */
  execPath?: string;
}

/** A computed permission set. Every list is sorted and free of duplicates; none is empty-allow. */
export interface PermissionSet {
  /** `--allow-net` entries. */
  net: string[];
  /** `--allow-read` paths. */
  read: string[];
  /** `--allow-write` paths. */
  write: string[];
  /** `--allow-env` variable names; every other variable reads as unset (`--ignore-env`). */
  env: string[];
  /** `--allow-run` programs (names are resolved on PATH by Deno at start). */
  run: string[];
}

/** Splits a comma-separated variable into trimmed, non-empty items. */
export function splitList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((item) => item.trim()).filter((item) => item !== "");
}

/**
 * Checks one extra path: no NUL or line break; relative paths are allowed and are resolved by
 * Deno against the working directory when the server starts (also for a compiled executable).
 *
 * @throws {PermissionInputError} naming `variable`.
 */
export function parsePathEntry(variable: string, raw: string): string {
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f]/.test(raw)) {
    throw new PermissionInputError(variable, `${JSON.stringify(raw)} contains a control character`);
  }
  return raw;
}

/** Every environment variable the server reads: the settings table plus the state directory's. */
export function serverEnvNames(): string[] {
  return uniqueSorted([...SETTINGS.map((setting) => setting.env), ...STATE_DIR_ENV]);
}

/**
 * Computes the permission set.
 *
 * @throws {PermissionInputError} for an unusable extra entry, vanity label, cloud or state dir.
 */
export function permissionSet(inputs: PermissionInputs): PermissionSet {
  const { os, mode, profile, env } = inputs;
  const dirs = systemDirs(os);

  const net = [
    // OneAPI: the ZIdentity token host and the API gateway of every cloud, HTTPS only.
    ...allZscalerNetEntries({ vanity: env.ZSCALER_VANITY_DOMAIN, cloud: env.ZSCALER_CLOUD }),
    // The default bind, the --sandbox tenant and the test simulator.
    ...LOOPBACK_NET,
    // Listening on every interface of a VM.
    ...LISTEN_NET,
    ...splitList(env[EXTRA_NET_VAR]).map((entry) => parseNetEntry(EXTRA_NET_VAR, entry)),
  ];

  const stateDirs: string[] = [];
  if (mode === "run") {
    // The per-user default (or ZSCALER_MCP_STATE_DIR / systemd's STATE_DIRECTORY) of the
    // user starting the server right now. Without a home directory there is none: the server
    // then reports the missing state directory itself.
    try {
      stateDirs.push(defaultStateDir(env, os));
    } catch (error) {
      if (!(error instanceof StateDirError)) throw error;
    }
  } else {
    // A compiled executable cannot know the home directory of whoever runs it: it gets the
    // system state directory (systemd's StateDirectory= on Linux) and the builder's override.
    stateDirs.push(dirs.state);
  }
  if (mode === "compile" && env.ZSCALER_MCP_STATE_DIR?.trim()) {
    const dir = env.ZSCALER_MCP_STATE_DIR.trim();
    if (!isAbsolute(dir, os)) {
      throw new PermissionInputError(
        "ZSCALER_MCP_STATE_DIR",
        `${JSON.stringify(dir)} must be absolute when building an executable`,
      );
    }
    stateDirs.push(dir);
  }

  const write = [
    // PID file (written atomically: a temporary file in the same directory, then a rename) and
    // the OAuth proxy's registration store.
    ...stateDirs,
    // Audit log (ZSCALER_MCP_AUDIT_LOG) under systemd's LogsDirectory= (compiled executables).
    ...(mode === "compile" && dirs.logs ? [dirs.logs] : []),
    ...splitList(env[EXTRA_WRITE_VAR]).map((entry) => parsePathEntry(EXTRA_WRITE_VAR, entry)),
  ];

  const dotenv = env.ZSCALER_MCP_DOTENV_PATH?.trim();
  const read = [
    // The .env file: the default ./.env is resolved against the working directory at start.
    ".env",
    ...(dotenv ? [parsePathEntry("ZSCALER_MCP_DOTENV_PATH", dotenv)] : []),
    // TLS certificate and key, a private-key file for OneAPI (ZSCALER_PRIVATE_KEY as a path).
    dirs.config,
    ...(mode === "compile" && dirs.credentials ? [dirs.credentials] : []),
    ...splitList(env[EXTRA_READ_VAR]).map((entry) => parsePathEntry(EXTRA_READ_VAR, entry)),
    // The lifecycle commands read back what the server wrote.
    ...write,
  ];

  const run: string[] = [];
  if (profile === "control") {
    // Deno 2.9 lets Deno.kill() run only with an unrestricted --allow-run and reads
    // /proc/<pid>/* only with --allow-all, so under this set the lifecycle commands ask the
    // process table (`ps`; `tasklist` on Windows) who owns a PID and signal it with `kill`:
    // named programs instead of every program. `restart` starts the server executable again.
    if (os === "windows") run.push("tasklist");
    else {
      run.push("kill", "ps");
      if (mode === "compile") run.push(INSTALL_PATH);
      else if (inputs.execPath) run.push(inputs.execPath);
    }
  }

  return {
    net: uniqueSorted(net),
    read: uniqueSorted(read),
    write: uniqueSorted(write),
    env: serverEnvNames(),
    run: uniqueSorted(run),
  };
}

function isAbsolute(path: string, os: TargetOs): boolean {
  return os === "windows" ? /^(?:[a-zA-Z]:[\\/]|\\\\)/.test(path) : path.startsWith("/");
}

function uniqueSorted(items: readonly string[]): string[] {
  return [...new Set(items)].sort();
}
