/**
 * Server lifecycle: the PID file and its lock, the `status` / `reload` / `restart` / `stop`
 * commands, SIGHUP reload and the readiness check.
 *
 * @module
 */

export {
  isLifecycleCommand,
  LIFECYCLE_COMMANDS,
  LIFECYCLE_USAGE,
  type LifecycleCommand,
  runLifecycle,
} from "./cli.ts";
export * from "./errors.ts";
export { commandMatches, inspectProcess, type ProcessState } from "./identity.ts";
export { claimServerInstance, type InstanceFacts, lockPathOf, ServerInstance } from "./instance.ts";
export { locate, type Located } from "./locate.ts";
export {
  type BindNote,
  commandPidFilePath,
  PID_FILE_NAME,
  type PidRecord,
  readPidFile,
  type ReloadNote,
  serverPidFilePath,
  writePidFile,
} from "./pid_file.ts";
export { type Readiness, type ReadinessCheck, readinessCheck } from "./ready.ts";
export { auditOptionsFor, RELOADABLE, Reloader, type ReloadReport } from "./reload.ts";
export { logPathOf } from "./restart.ts";
export { canReload, onReloadSignal } from "./signals.ts";
