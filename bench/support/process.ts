/**
 * Child processes for the benches: the real server (`deno run … main.ts`, the flags of
 * `deno task start`) and the bare SDK server (`bench/bare_server.ts`), each in an empty working
 * directory with a clean environment, plus what Linux reports about them (`/proc/<pid>`).
 */

import { childEnv, ROOT, RUN_FLAGS } from "../../tests/helpers/child.ts";

export { childEnv, ROOT };

/** `deno run` flags of `deno task start`, then `main.ts`. */
export const SERVER_FLAGS = RUN_FLAGS;

/** `deno run` flags of the bare server: the same runtime, none of the product, loopback only. */
export const BARE_FLAGS = [
  "run",
  "--unstable-no-legacy-abort",
  "--allow-net=127.0.0.1",
  "--allow-read",
  "--allow-env",
  "--config",
  `${ROOT}deno.json`,
  `${ROOT}bench/bare_server.ts`,
];

/** One scratch folder per bench run (audit logs, empty working directories). */
export const SCRATCH = Deno.makeTempDirSync({ prefix: "zscaler-mcp-bench-" });

/** Removes the scratch folder (also done when the process exits normally). */
export function removeScratch(): void {
  try {
    Deno.removeSync(SCRATCH, { recursive: true });
  } catch {
    // already gone
  }
}
globalThis.addEventListener("unload", removeScratch);

/** A fresh empty working directory, so no developer `.env` is read. */
export function emptyDir(): string {
  return Deno.makeTempDirSync({ dir: SCRATCH });
}

/** Characters of a child's stderr kept for the report; the rest is read and dropped. */
const STDERR_KEPT = 64 * 1024;

/** A running HTTP server process. */
export interface HttpProcess {
  pid: number;
  /** `http://127.0.0.1:PORT/mcp`. */
  url: string;
  origin: string;
  /** Milliseconds from spawn to the banner naming the bound URL. */
  listenMs: number;
  /** The first 64 KiB of its stderr. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Spawns `flags` (a server that prints `bind http://…/mcp` on stderr once it listens) and waits
 * for the bound URL.
 */
export async function spawnHttp(
  flags: readonly string[],
  args: readonly string[],
  env: Record<string, string>,
): Promise<HttpProcess> {
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: [...flags, ...args],
    env: childEnv(env),
    clearEnv: true,
    cwd: emptyDir(),
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  let exited = false;
  const decoder = new TextDecoder();
  // Keep the start of stderr (the banner); drain the rest so the child never blocks on it.
  const pump = (async () => {
    for await (const chunk of child.stderr) {
      if (text.length < STDERR_KEPT) text += decoder.decode(chunk, { stream: true });
    }
  })();
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  let url: string | undefined;
  while (url === undefined) {
    url = text.match(/bind\s+(http:\/\/127\.0\.0\.1:\d+\/mcp)/)?.[1];
    if (url !== undefined) break;
    if (exited) {
      await pump;
      throw new Error(`server exited before listening:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const listenMs = performance.now() - started;
  return {
    pid: child.pid,
    url,
    origin: new URL(url).origin,
    listenMs,
    stderr: () => text,
    async stop() {
      if (!exited) child.kill("SIGTERM");
      const timer = setTimeout(() => {
        if (!exited) child.kill("SIGKILL");
      }, 15_000);
      await status;
      clearTimeout(timer);
      await pump;
    },
  };
}

/** Memory of a process from `/proc/<pid>/status`, in bytes (Linux). */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const kb = (field: string) =>
    Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1]);
  return { rss: kb("VmRSS") * 1024, hwm: kb("VmHWM") * 1024 };
}

/** User + system CPU time a process has used so far, in milliseconds (Linux, 100 Hz ticks). */
export function cpuMsOf(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  // Fields after the command name (which may contain spaces) start at ") ".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
  return ticks * 10;
}
