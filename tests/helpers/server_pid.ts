/**
 * Like `startHttpServer` (server_process.ts), but the handle also exposes the child's pid and
 * its resident set size, for tests that watch the real server process's memory, and a
 * `/health` probe for tests that check the process is still up.
 */

import { emptyDir, type ServerProcess, startHttpServer } from "./server_process.ts";

/** A running HTTP server process whose pid and memory can be read. */
export interface WatchedServer extends ServerProcess {
  /** The child's current resident set size in KiB (`VmRSS` in `/proc/<pid>/status`). */
  rssKiB(): number;
  /** `GET /health`: true when the server answers 200 `{"status":"ok"}`. */
  healthy(): Promise<boolean>;
}

/**
 * Reads `VmRSS` (KiB) of `pid` from procfs (Linux). Deno treats `/proc` as privileged (reading it
 * needs `--allow-all`), and `deno task test` runs with `--allow-read --allow-run`, so without
 * full permissions the file is read by `cat`.
 */
export function readRssKiB(pid: number): number {
  const path = `/proc/${pid}/status`;
  let status: string;
  try {
    status = Deno.readTextFileSync(path);
  } catch (error) {
    if (
      !(error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied)
    ) {
      throw error;
    }
    const output = new Deno.Command("cat", { args: [path], stdout: "piped", stderr: "piped" })
      .outputSync();
    if (!output.success) {
      throw new Error(`cat ${path}: ${new TextDecoder().decode(output.stderr).trim()}`);
    }
    status = new TextDecoder().decode(output.stdout);
  }
  const match = status.match(/^VmRSS:\s+(\d+)\s+kB$/m);
  if (!match) throw new Error(`no VmRSS line in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Starts the server like `startHttpServer` and adds the memory and health probes. */
export async function startWatchedServer(
  args: string[] = [],
  env: Record<string, string> = {},
  cwd: string = emptyDir(),
): Promise<WatchedServer> {
  const server = await startHttpServer(args, env, cwd);
  return {
    ...server,
    rssKiB: () => readRssKiB(server.pid),
    async healthy() {
      if (server.exited()) return false;
      try {
        const response = await fetch(`${server.origin}/health`);
        const body = await response.text();
        return response.status === 200 && JSON.parse(body).status === "ok";
      } catch {
        return false;
      }
    },
  };
}
