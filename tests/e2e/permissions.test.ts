/**
 * The permission boundary, end to end: the server is started the way `deno task start` starts it
 * (deno.json's task command runs deploy/start.ts, which runs `deno run <lib/permissions' flags>
 * main.ts`), against the simulated tenant, and the tests show what those flags refuse:
 *
 * - a tool request to a host outside the set is stopped by the Deno runtime (a real HTTP server
 *   on 127.0.0.2 that would answer sees nothing) and comes back as a clear tool error while the
 *   server stays up; the same server in the set is reached (the control);
 * - the startup check names every configured host the set does not allow;
 * - a TLS file or an audit log outside the set stops the start with exit 2 and a line naming
 *   the setting; allowed, the same files work;
 * - a listen address outside the set stops the start with exit 2 before anything listens;
 * - over stdio the narrowed server serves tools (the environment reaches it through the list).
 *
 * The OneAPI client refuses redirects itself (`redirect: "manual"`), so the runtime boundary is
 * shown with a configured API host outside the set rather than with a redirect.
 */

import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { connectHttp } from "../helpers/clients.ts";
import { childEnv, emptyDir, ROOT, SCRATCH } from "../helpers/server_process.ts";
import { startTestSim, type TestSim } from "../helpers/sim.ts";
import { makeCertificate } from "../helpers/tls.ts";

/** deno.json's `start` task, as argv: `run <launcher flags> deploy/start.ts`. */
const START: string[] = (() => {
  const task: string[] = JSON.parse(Deno.readTextFileSync(`${ROOT}deno.json`)).tasks.start.split(
    " ",
  );
  assert.equal(task[0], "deno");
  assert.equal(task.at(-1), "deploy/start.ts");
  return [...task.slice(1, -1), `${ROOT}deploy/start.ts`];
})();

/** The Deno cache, so a child with its own HOME still finds the installed packages. */
const DENO_DIR = await (async () => {
  const output = await new Deno.Command(Deno.execPath(), { args: ["info", "--json"] }).output();
  return JSON.parse(new TextDecoder().decode(output.stdout)).denoDir as string;
})();

/** The environment of a launched server: its own home (so its state dir is a scratch one). */
function launchEnv(env: Record<string, string>): Record<string, string> {
  const home = Deno.makeTempDirSync({ dir: SCRATCH, prefix: "home-" });
  return childEnv({ HOME: home, DENO_DIR, ...env });
}

/** A loopback port that was free a moment ago. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

interface Launched {
  url: string;
  stderr(): string;
  stop(): Promise<number>;
  exited(): boolean;
}

/**
 * Starts `deno task start --transport streamable-http --port 0 …` (a later `--port` wins) and
 * waits for the bind. `env` is used as given when it already has a HOME.
 */
async function launchHttp(args: string[], env: Record<string, string>): Promise<Launched> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [...START, "--transport", "streamable-http", "--port", "0", ...args],
    env: env.HOME ? env : launchEnv(env),
    clearEnv: true,
    cwd: emptyDir(),
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  const decoder = new TextDecoder();
  const pump = (async () => {
    for await (const chunk of child.stderr) text += decoder.decode(chunk, { stream: true });
  })();
  let exited = false;
  const status = child.status.then((s) => (exited = true, s));
  // Bounded wait: 30 s (1,500 × 20 ms) for the banner line with the bind address.
  for (let i = 0;; i++) {
    const match = text.match(/bind\s+(https?:\/\/\S+\/mcp)/);
    if (match) {
      return {
        url: match[1],
        stderr: () => text,
        exited: () => exited,
        async stop() {
          if (!exited) child.kill("SIGTERM");
          const { code } = await status;
          await pump;
          return code;
        },
      };
    }
    if (exited || i >= 1500) {
      if (!exited) child.kill("SIGKILL");
      await status;
      await pump;
      throw new Error(`server did not listen:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `deno task start …` to completion (`env` as given when it already has a HOME). */
async function launchToEnd(args: string[], env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [...START, ...args],
    env: env.HOME ? env : launchEnv(env),
    clearEnv: true,
    cwd: emptyDir(),
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

/** A loopback HTTP server outside the permission set (127.0.0.2) that answers like the gateway. */
async function outsideServer() {
  let requests = 0;
  const server = Deno.serve({ hostname: "127.0.0.2", port: 0, onListen() {} }, () => {
    requests++;
    return Response.json({ status: "ACTIVE" });
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  return {
    host: `127.0.0.2:${server.addr.port}`,
    url: `http://127.0.0.2:${server.addr.port}`,
    requests: () => requests,
    close: () => server.shutdown(),
  };
}

function text(result: { content?: unknown }): string {
  return (result.content as { type: string; text?: string }[]).map((c) => c.text ?? "").join("\n");
}

async function withSim(fn: (sim: TestSim) => Promise<void>): Promise<void> {
  const sim = await startTestSim();
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

Deno.test("a request to a host outside the set is denied by the runtime; the server stays up", async () => {
  await withSim(async (sim) => {
    const outside = await outsideServer();
    const server = await launchHttp([], { ...sim.env, ZSCALER_MCP_API_BASE_URL: outside.url });
    try {
      // The startup check named the host, on its own line and in the banner.
      const warning = new RegExp(
        `warning: ZSCALER_MCP_API_BASE_URL: host ${outside.host.replaceAll(".", "\\.")} is not ` +
          `in this process's network permissions`,
      );
      assert.match(server.stderr(), new RegExp(`zscaler-mcp: ${warning.source}`));
      assert.match(server.stderr(), new RegExp(`^  ${warning.source}`, "m"));

      const client = await connectHttp(server.url, "2026-07-28");
      try {
        const result = await client.callTool({ name: "zia_get_activation_status" });
        assert.equal(result.isError, true);
        assert.match(text(result), /network error/i);
        assert.match(text(result), /NotCapable|net access/);
        assert.doesNotMatch(text(result), /\n\s+at /, "no stack trace");
        // Nothing left the process: the server that would have answered saw no request.
        assert.equal(outside.requests(), 0);
        // The token came from the simulator (allowed), so the refusal is the API host's alone.
        assert.ok(sim.tenant.tokenRequests() >= 1);
        // Still serving.
        const tools = await client.listTools();
        assert.ok(tools.tools.length > 0);
        assert.equal(server.exited(), false);
      } finally {
        await client.close();
      }
      assert.equal(await server.stop(), 0);
    } finally {
      await server.stop();
      await outside.close();
    }
  });
});

Deno.test("the same host added with ZSCALER_MCP_EXTRA_NET_HOSTS is reached (the control)", async () => {
  await withSim(async (sim) => {
    const outside = await outsideServer();
    const server = await launchHttp([], {
      ...sim.env,
      ZSCALER_MCP_API_BASE_URL: outside.url,
      ZSCALER_MCP_EXTRA_NET_HOSTS: outside.host,
    });
    try {
      assert.doesNotMatch(server.stderr(), /is not in this process's network permissions/);
      const client = await connectHttp(server.url, "2026-07-28");
      try {
        const result = await client.callTool({ name: "zia_get_activation_status" });
        assert.notEqual(result.isError, true, text(result));
        assert.equal(outside.requests(), 1);
      } finally {
        await client.close();
      }
    } finally {
      await server.stop();
      await outside.close();
    }
  });
});

Deno.test("the startup check names a JWKS host outside the set, and not once it is added", async () => {
  await withSim(async (sim) => {
    const jwt = {
      ...sim.env,
      ZSCALER_MCP_AUTH_MODE: "jwt",
      ZSCALER_MCP_AUTH_JWKS_URI: "https://idp.example.com/.well-known/jwks.json",
      ZSCALER_MCP_AUTH_ISSUER: "https://idp.example.com",
      ZSCALER_MCP_AUTH_AUDIENCE: "zscaler-mcp",
    };
    const blocked = await launchHttp([], jwt);
    try {
      const lines = blocked.stderr().split("\n").filter((line) =>
        /^zscaler-mcp: warning:/.test(line)
      );
      assert.deepEqual(lines, [
        "zscaler-mcp: warning: ZSCALER_MCP_AUTH_JWKS_URI: host idp.example.com:443 is not in " +
        "this process's network permissions, so requests to it will fail; add it to " +
        "ZSCALER_MCP_EXTRA_NET_HOSTS when building or starting (deploy/README.md)",
      ]);
    } finally {
      await blocked.stop();
    }
    const allowed = await launchHttp([], {
      ...jwt,
      ZSCALER_MCP_EXTRA_NET_HOSTS: "idp.example.com:443",
    });
    try {
      assert.doesNotMatch(allowed.stderr(), /is not in this process's network permissions/);
    } finally {
      await allowed.stop();
    }
  });
});

Deno.test("a TLS file outside the set stops the start with exit 2 naming the setting", async () => {
  const tls = await makeCertificate();
  const env = {
    ZSCALER_MCP_TLS_CERTFILE: tls.certFile,
    ZSCALER_MCP_TLS_KEYFILE: tls.keyFile,
  };
  const refused = await launchToEnd(
    ["--transport", "streamable-http", "--port", "0", "--sandbox"],
    env,
  );
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(
    refused.stderr,
    new RegExp(
      `^zscaler-mcp: config error: ZSCALER_MCP_TLS_CERTFILE: cannot read ` +
        `${JSON.stringify(tls.certFile).replaceAll(".", "\\.")} \\(NotCapable\\)$`,
      "m",
    ),
  );
  assert.doesNotMatch(refused.stderr, /bind\s+https?:/, "nothing listened");

  // The same files inside the set (an extra read path) serve TLS.
  const dir = tls.certFile.slice(0, tls.certFile.lastIndexOf("/"));
  const served = await launchHttp(["--sandbox"], { ...env, ZSCALER_MCP_EXTRA_READ_PATHS: dir });
  try {
    assert.match(served.url, /^https:\/\//);
  } finally {
    await served.stop();
  }
});

Deno.test("an audit log outside the writable set stops the start with exit 2", async () => {
  const dir = Deno.makeTempDirSync({ dir: SCRATCH });
  const env = { ZSCALER_MCP_AUDIT_LOG: `${dir}/audit.jsonl`, ZSCALER_MCP_LOG_TOOL_CALLS: "true" };
  const refused = await launchToEnd(["--transport", "streamable-http", "--sandbox"], env);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /^zscaler-mcp: config error: ZSCALER_MCP_AUDIT_LOG: .*NotCapable/m);
  assert.throws(() => Deno.statSync(`${dir}/audit.jsonl`), Deno.errors.NotFound);

  const allowed = await launchHttp(["--sandbox"], { ...env, ZSCALER_MCP_EXTRA_WRITE_PATHS: dir });
  try {
    assert.ok(Deno.statSync(`${dir}/audit.jsonl`).isFile);
  } finally {
    await allowed.stop();
  }
});

Deno.test("a listen address outside the set stops the start with exit 2 before listening", async () => {
  const refused = await launchToEnd(
    ["--transport", "streamable-http", "--host", "127.0.0.2", "--port", "0", "--sandbox"],
    {},
  );
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(
    refused.stderr,
    /^zscaler-mcp: config error: ZSCALER_MCP_HOST: this process's network permissions do not allow listening on 127\.0\.0\.2;/m,
  );
  assert.doesNotMatch(refused.stderr, /bind\s+https?:/);
});

Deno.test("a bad build-time entry stops the launcher with exit 2 and one line", async () => {
  const run = await launchToEnd(["--sandbox"], { ZSCALER_MCP_EXTRA_NET_HOSTS: "*" });
  assert.equal(run.code, 2);
  assert.equal(
    run.stderr.trim(),
    'zscaler-mcp: config error: ZSCALER_MCP_EXTRA_NET_HOSTS: "*" is a wildcard over every host',
  );
});

Deno.test("over stdio the narrowed server serves the simulated tenant", async () => {
  await withSim(async (sim) => {
    const client = new Client({ name: "zscaler-mcp-tests", version: "1.0.0" });
    const transport = new StdioClientTransport({
      command: Deno.execPath(),
      args: START,
      env: launchEnv(sim.env),
      cwd: emptyDir(),
      stderr: "pipe",
    });
    await client.connect(transport);
    try {
      const result = await client.callTool({ name: "zia_get_activation_status" });
      assert.notEqual(result.isError, true, text(result));
      assert.match(text(result), /ACTIVE|status/i);
    } finally {
      await client.close();
    }
  });
});

Deno.test("the lifecycle commands work under their own narrow set (status, reload, restart, stop)", async () => {
  const env = launchEnv({});
  const pidFile = `${env.HOME}/.local/state/zscaler-mcp/zscaler-mcp.pid`;
  const server = await launchHttp(["--sandbox", "--port", String(freePort())], env);
  let lastPid = 0;
  try {
    const pid = JSON.parse(Deno.readTextFileSync(pidFile)).pid as number;
    const status = await launchToEnd(["status"], env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`pid\\s+${pid}\\b`));

    const reload = await launchToEnd(["reload"], env);
    assert.equal(reload.code, 0, reload.stderr);

    // restart starts `deno run <the same narrow flags> main.ts …` again, detached.
    const restart = await launchToEnd(["restart"], env);
    assert.equal(restart.code, 0, restart.stderr + restart.stdout);
    lastPid = JSON.parse(Deno.readTextFileSync(pidFile)).pid as number;
    assert.notEqual(lastPid, pid);
    const ps = await new Deno.Command("ps", {
      args: ["-ww", "-p", String(lastPid), "-o", "command="],
      stdout: "piped",
    }).output();
    const command = new TextDecoder().decode(ps.stdout).trim().split(/\s+/);
    assert.ok(command.includes("--no-prompt") && command.includes("--ignore-env"), "narrow");
    assert.ok(!command.some((word) => /^(-A|--allow-(all|run|sys|ffi))\b/.test(word)), "no run");

    const stop = await launchToEnd(["stop"], env);
    assert.equal(stop.code, 0, stop.stderr);
    assert.throws(() => Deno.statSync(pidFile), Deno.errors.NotFound);
    lastPid = 0;
  } finally {
    if (lastPid) {
      try {
        Deno.kill(lastPid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
    await server.stop();
  }
});

Deno.test("the executable's embedded set: a fixed-port server without a PID file setting runs, and says why it has no PID file", async () => {
  const { denoRunArgs, permissionSet } = await import("../../lib/permissions/mod.ts");
  // The set `deno compile` embeds for Linux: system locations only, no per-user directory.
  const set = permissionSet({ os: "linux", mode: "compile", profile: "control", env: {} });
  const port = freePort();
  const env = launchEnv({});
  const child = new Deno.Command(Deno.execPath(), {
    args: denoRunArgs(set, `${ROOT}main.ts`, [
      "--transport",
      "streamable-http",
      "--port",
      String(port),
      "--sandbox",
    ]),
    env,
    clearEnv: true,
    cwd: emptyDir(),
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  const decoder = new TextDecoder();
  const pump = (async () => {
    for await (const chunk of child.stderr) text += decoder.decode(chunk, { stream: true });
  })();
  try {
    for (let i = 0; !/bind\s+http/.test(text); i++) {
      if (i >= 1500) throw new Error(`server did not listen:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.match(
      text,
      /no PID file: the default .*zscaler-mcp\.pid is outside this executable's permissions \(NotCapable\)/,
    );
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(health.status, 200);
    await health.body?.cancel();
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await pump;
  }
});
