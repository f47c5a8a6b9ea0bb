/**
 * Like `startHttpServer` (server_process.ts), but the handle also exposes the child's pid and
 * its resident set size, for tests that watch the real server process's memory, and a
 * `/health` probe for tests that check the process is still up.
 */

import { childEnv, emptyDir, RUN_FLAGS, type ServerProcess } from "./server_process.ts";

/** A running HTTP server process whose pid and memory can be read. */
export interface WatchedServer extends ServerProcess {
  /** The child's process id. */
  pid: number;
  /** Whether the process has exited. */
  exited(): boolean;
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

/**
 * Starts `main.ts --transport streamable-http --port 0 …` on 127.0.0.1 in an empty working
 * directory with a clean environment (exactly as `startHttpServer` does) and waits until it
 * listens.
 */
export async function startWatchedServer(
  args: string[] = [],
  env: Record<string, string> = {},
  cwd: string = emptyDir(),
): Promise<WatchedServer> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      ...RUN_FLAGS,
      "--transport",
      "streamable-http",
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      ...args,
    ],
    env: childEnv(env),
    clearEnv: true,
    cwd,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  const decoder = new TextDecoder();
  const reader = child.stderr.getReader();
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      // Keep the tail only: a long load run must not make the test process grow without bound.
      text = (text + decoder.decode(value, { stream: true })).slice(-1_000_000);
    }
  })();
  const status = child.status;
  let exited = false;
  status.then(() => exited = true);
  let url: string | undefined;
  // Bounded wait: 30 s (600 × 50 ms) for the banner line with the bind address.
  for (let i = 0; url === undefined; i++) {
    const match = text.match(/bind\s+(https?:\/\/\S+\/mcp)/);
    if (match) url = match[1];
    else if (exited) {
      await pump;
      throw new Error(`server exited before listening:\n${text}`);
    } else if (i >= 600) {
      child.kill("SIGKILL");
      await status;
      await pump;
      throw new Error(`server did not listen within 30 s:\n${text}`);
    } else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    pid: child.pid,
    exited: () => exited,
    stderr: () => text,
    rssKiB: () => readRssKiB(child.pid),
    async healthy() {
      if (exited) return false;
      try {
        const response = await fetch(`${origin}/health`);
        const body = await response.text();
        return response.status === 200 && JSON.parse(body).status === "ok";
      } catch {
        return false;
      }
    },
    async stop(signal: Deno.Signal = "SIGTERM") {
      if (!exited) child.kill(signal);
      const { code } = await status;
      await pump;
      return { code, stderr: text };
    },
  };
}
