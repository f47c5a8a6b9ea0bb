/**
 * The server's claim on its PID file: one instance per file (a held lock refuses the next), a
 * stale file is replaced and said so, release removes the file and frees the lock — also across
 * processes, where the lock dies with its holder.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { ConfigError } from "../../lib/config/sources.ts";
import { InstanceRunningError, UnsafePathError } from "../../lib/lifecycle/errors.ts";
import { claimServerInstance, lockPathOf, ServerInstance } from "../../lib/lifecycle/instance.ts";
import { readPidFile, writePidFile } from "../../lib/lifecycle/pid_file.ts";
import { sampleRecord } from "./_records.ts";

const FACTS = {
  argv: ["--transport", "streamable-http", "--port", "8000"],
  transport: "streamable-http" as const,
  dotenvPath: "conf/.env",
  shutdownTimeoutMs: 7000,
};

const BIND = { host: "127.0.0.1", port: 8000, url: "http://127.0.0.1:8000/mcp" };

Deno.test("claim → publish → release: the record, then no file and a free lock", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "state", "server.pid");
    const notices: string[] = [];
    const instance = await ServerInstance.claim(path, FACTS, (line) => notices.push(line));
    assert.deepEqual(notices, []);
    // The directory is created private; nothing is written before the server listens.
    assert.equal(Deno.statSync(join(dir, "state")).mode! & 0o777, 0o700);
    assert.equal(readPidFile(path), null);

    instance.publish(BIND);
    const record = readPidFile(path)!;
    assert.equal(record.pid, Deno.pid);
    assert.equal(record.name, "zscaler-mcp");
    assert.deepEqual(record.argv, FACTS.argv);
    assert.equal(record.execPath, Deno.execPath());
    assert.equal(record.runtime, "deno");
    assert.equal(record.mainModule, Deno.mainModule);
    assert.equal(record.cwd, Deno.cwd());
    assert.equal(record.transport, "streamable-http");
    assert.deepEqual(record.bind, BIND);
    assert.equal(record.dotenvPath, join(Deno.cwd(), "conf/.env"), "made absolute");
    assert.equal(record.shutdownTimeoutMs, 7000);
    assert.ok(Math.abs(Date.parse(record.startedAt) - Date.now()) < 60_000);

    instance.noteReload({
      count: 1,
      at: new Date().toISOString(),
      outcome: "applied",
      applied: ["ZSCALER_MCP_DEBUG"],
      needsRestart: [],
    });
    assert.deepEqual(readPidFile(path)?.lastReload?.applied, ["ZSCALER_MCP_DEBUG"]);

    instance.release();
    instance.release();
    assert.equal(readPidFile(path), null);
    // The lock is free again: another claim succeeds.
    (await ServerInstance.claim(path, FACTS, () => {})).release();
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a second claim while the first holds the lock is refused, naming the pid", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "server.pid");
    const first = await ServerInstance.claim(path, FACTS, () => {});
    try {
      // Before the first publishes: refused, pid unknown.
      await assert.rejects(
        ServerInstance.claim(path, FACTS, () => {}),
        (e) => e instanceof InstanceRunningError && e.pid === undefined,
      );
      first.publish(BIND);
      await assert.rejects(
        ServerInstance.claim(path, FACTS, () => {}),
        (e) =>
          e instanceof InstanceRunningError && e.pid === Deno.pid &&
          e.message.includes(path) && /another instance is running/.test(e.message),
      );
      // The refused claim left the running instance's file alone.
      assert.equal(readPidFile(path)?.pid, Deno.pid);
    } finally {
      first.release();
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a PID file without a lock holder is stale: replaced, and said so", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "server.pid");
    writePidFile(path, sampleRecord({ pid: 31337 }));
    const notices: string[] = [];
    const instance = await ServerInstance.claim(path, FACTS, (line) => notices.push(line));
    try {
      assert.equal(notices.length, 1);
      assert.match(notices[0], /replacing the stale PID file .*server\.pid \(pid 31337/);
      instance.publish(BIND);
      assert.equal(readPidFile(path)?.pid, Deno.pid);
    } finally {
      instance.release();
    }

    Deno.writeTextFileSync(path, "garbage");
    const again: string[] = [];
    (await ServerInstance.claim(path, FACTS, (line) => again.push(line))).release();
    assert.match(again[0], /replacing an unreadable PID file/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("the lock dies with its holder: a killed process leaves a stale, replaceable file", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "server.pid");
    const module = new URL("../../lib/lifecycle/instance.ts", import.meta.url).href;
    // Another process claims and publishes, then waits to be killed.
    const holder = new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        "--config",
        new URL("../../deno.json", import.meta.url).pathname,
        `import { ServerInstance } from ${JSON.stringify(module)};
         const i = await ServerInstance.claim(${JSON.stringify(path)}, {
           argv: [], transport: "stdio", dotenvPath: null, shutdownTimeoutMs: 0 }, () => {});
         i.publish(null);
         console.log("ready");
         setInterval(() => {}, 60_000);`,
      ],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = holder.stdout.getReader();
    const { value } = await reader.read();
    assert.match(new TextDecoder().decode(value), /ready/);
    try {
      await assert.rejects(
        ServerInstance.claim(path, FACTS, () => {}),
        (e) => e instanceof InstanceRunningError && e.pid === holder.pid,
      );
    } finally {
      holder.kill("SIGKILL");
      await holder.status;
      reader.releaseLock();
      await holder.stdout.cancel();
    }
    // SIGKILL skipped its cleanup: the file is still there, but nobody holds the lock.
    assert.equal(readPidFile(path)?.pid, holder.pid);
    const notices: string[] = [];
    const instance = await ServerInstance.claim(path, FACTS, (line) => notices.push(line));
    instance.release();
    assert.match(notices[0], new RegExp(`pid ${holder.pid} is not running`));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a symlink planted as the lock or the PID file is refused, not followed", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const target = join(dir, "victim");
    Deno.writeTextFileSync(target, "keep");
    const path = join(dir, "server.pid");
    Deno.symlinkSync(target, lockPathOf(path));
    await assert.rejects(ServerInstance.claim(path, FACTS, () => {}), UnsafePathError);
    Deno.removeSync(lockPathOf(path));
    Deno.symlinkSync(target, path);
    await assert.rejects(ServerInstance.claim(path, FACTS, () => {}), UnsafePathError);
    assert.equal(Deno.readTextFileSync(target), "keep");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("claimServerInstance: none for stdio or port 0; config errors are one line", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const base = {
      pidFile: null,
      transport: "stdio" as const,
      port: 8000,
      dotenvPath: null,
      shutdownTimeoutMs: 0,
    };
    assert.equal(await claimServerInstance(base, { HOME: dir }, [], () => {}), null);
    assert.equal(
      await claimServerInstance(
        { ...base, transport: "streamable-http", port: 0 },
        { HOME: dir },
        [],
        () => {},
      ),
      null,
    );
    const http = { ...base, transport: "streamable-http" as const };
    const instance = await claimServerInstance(
      http,
      { ZSCALER_MCP_STATE_DIR: join(dir, "st") },
      [],
      () => {},
    );
    assert.equal(instance?.path, join(dir, "st", "zscaler-mcp.pid"));
    instance?.release();
    await assert.rejects(
      claimServerInstance(http, {}, [], () => {}),
      (e) =>
        e instanceof ConfigError && e.problems.length === 1 &&
        /ZSCALER_MCP_PID_FILE: no state directory/.test(e.problems[0]),
    );
    // A directory that cannot be created (a file is in the way).
    Deno.writeTextFileSync(join(dir, "file"), "");
    await assert.rejects(
      claimServerInstance(
        { ...http, pidFile: join(dir, "file", "server.pid") },
        {},
        [],
        () => {},
      ),
      (e) => e instanceof ConfigError && /cannot use/.test(e.problems[0]),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
