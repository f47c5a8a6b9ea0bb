/**
 * The reload signal. SIGHUP's default action ends a process, so the server always installs a
 * handler (stdio included); a failing reload is logged, never fatal. Windows has no SIGHUP.
 *
 * @module
 */

import type { Logger } from "../log.ts";

/** Whether this platform can receive the reload signal. */
export function canReload(os: string = Deno.build.os): boolean {
  return os !== "windows";
}

/**
 * Calls `reload` on every SIGHUP until the returned function is called. Overlapping signals are
 * handled one after another. Returns a no-op remover on Windows.
 */
export function onReloadSignal(reload: () => void, logger: Logger): () => void {
  if (!canReload()) return () => {};
  const handler = () => {
    try {
      reload();
    } catch (error) {
      logger.error("reload failed; the running configuration is unchanged", {
        error: error instanceof Error ? error.name : "unknown",
      });
    }
  };
  Deno.addSignalListener("SIGHUP", handler);
  return () => Deno.removeSignalListener("SIGHUP", handler);
}
