/**
 * Starts the real server process (`deno run main.ts …`) for end-to-end tests, in an empty working
 * directory and a clean environment so a developer's own `.env` or variables never leak in.
 */

import { childEnv, ROOT, RUN_FLAGS } from "./child.ts";

export { childEnv, ROOT, RUN_FLAGS };

/** One scratch folder per test module, removed when the module's tests end. */
export const SCRATCH = Deno.makeTempDirSync({ prefix: "zscaler-mcp-test-" });
globalThis.addEventListener("unload", () => Deno.removeSync(SCRATCH, { recursive: true }));

/** A fresh empty working directory for one child, inside {@link SCRATCH}. */
export function emptyDir(): string {
  return Deno.makeTempDirSync({ dir: SCRATCH });
}

/** Result of a command that runs to completion. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `main.ts` with `args` to completion. */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  cwd: string = emptyDir(),
): Promise<CliResult> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [...RUN_FLAGS, ...args],
    env: childEnv(env),
    clearEnv: true,
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** A running HTTP server process. */
export interface ServerProcess {
  /** The MCP endpoint, `http://127.0.0.1:PORT/mcp`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** What the process wrote to stderr so far (the last megabyte, so long runs stay bounded). */
  stderr(): string;
  /** Sends a signal and waits for exit. */
  stop(signal?: Deno.Signal): Promise<{ code: number; stderr: string }>;
  /** The child's process id. */
  pid: number;
  /** Whether the process has exited. */
  exited(): boolean;
}

/** Starts `main.ts --transport streamable-http --port 0 …` and waits until it listens. */
export async function startHttpServer(
  args: string[] = [],
  env: Record<string, string> = {},
  cwd: string = emptyDir(),
): Promise<ServerProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [...RUN_FLAGS, "--transport", "streamable-http", "--port", "0", ...args],
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
      text = (text + decoder.decode(value, { stream: true })).slice(-1_000_000);
    }
  })();
  const status = child.status;
  let exited = false;
  status.then(() => exited = true);
  let url: string | undefined;
  // Bounded wait: 30 s (1,500 × 20 ms) for the banner line with the bind address.
  for (let i = 0; url === undefined; i++) {
    const match = text.match(/bind\s+(https?:\/\/\S+\/mcp)/);
    if (match) url = match[1];
    else if (exited) {
      await pump;
      throw new Error(`server exited before listening:\n${text}`);
    } else if (i >= 1500) {
      child.kill("SIGKILL");
      await status;
      await pump;
      throw new Error(`server did not listen within 30 s:\n${text}`);
    } else await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url,
    origin: new URL(url).origin,
    pid: child.pid,
    exited: () => exited,
    stderr: () => text,
    async stop(signal: Deno.Signal = "SIGTERM") {
      if (!exited) child.kill(signal);
      const { code } = await status;
      await pump;
      return { code, stderr: text };
    },
  };
}
