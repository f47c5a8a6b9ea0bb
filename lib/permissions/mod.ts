/**
 * The Deno permission set of the server — the outer boundary around the five security layers —
 * computed in one place for `deno task start` and `deno task compile`, and the startup check
 * that says which configured host that set does not allow.
 *
 * @module
 */

export { PermissionInputError } from "./errors.ts";
export {
  COMPILE_TARGETS,
  type CompileTarget,
  executableName,
  hostTarget,
  type TargetOs,
  targetOs,
} from "./targets.ts";
export {
  allZscalerNetEntries,
  LISTEN_NET,
  LOOPBACK_NET,
  parseNetEntry,
  ZSCALER_PORT,
  zscalerNetEntries,
} from "./hosts.ts";
export {
  BUILD_VARS,
  EXTRA_NET_VAR,
  EXTRA_READ_VAR,
  EXTRA_WRITE_VAR,
  INSTALL_PATH,
  parsePathEntry,
  type PermissionEnv,
  type PermissionInputs,
  type PermissionSet,
  permissionSet,
  serverEnvNames,
  splitList,
  STATE_DIR_ENV,
  systemDirs,
} from "./set.ts";
export { denoRunArgs, permissionFlags, RUNTIME_FLAGS } from "./flags.ts";
export {
  blockedHostWarnings,
  checkPermissionBoundary,
  type ConfiguredUrl,
  configuredUrls,
  denoNetQuery,
  listenProblem,
  netHostOf,
  type NetQuery,
} from "./check.ts";
