/**
 * The PID file: where it goes by default (never /tmp), atomic 0600 writes, strict reads, and
 * removal only by its owner.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { PidFileError, UnsafePathError } from "../../lib/lifecycle/errors.ts";
import {
  commandPidFilePath,
  readPidFile,
  removePidFileOf,
  runtimeOf,
  serverPidFilePath,
  writePidFile,
} from "../../lib/lifecycle/pid_file.ts";
import { StateDirError } from "../../lib/config/state_dir.ts";
import { sampleRecord } from "./_records.ts";

Deno.test("default PID file: the state dir for HTTP on a fixed port; none for stdio or port 0", () => {
  const env = { HOME: "/home/ann" };
  const http = { pidFile: null, transport: "streamable-http", port: 8000 };
  assert.equal(serverPidFilePath(http, env), "/home/ann/.local/state/zscaler-mcp/zscaler-mcp.pid");
  assert.equal(
    serverPidFilePath(http, { ...env, ZSCALER_MCP_STATE_DIR: "/srv/zmcp" }),
    "/srv/zmcp/zscaler-mcp.pid",
  );
  assert.equal(
    serverPidFilePath(http, { ...env, STATE_DIRECTORY: "/var/lib/zscaler-mcp" }),
    "/var/lib/zscaler-mcp/zscaler-mcp.pid",
  );
  assert.equal(serverPidFilePath({ ...http, transport: "stdio" }, env), null);
  assert.equal(serverPidFilePath({ ...http, port: 0 }, env), null);
  // An explicit file applies to every transport and port.
  assert.equal(
    serverPidFilePath({ pidFile: "/run/z.pid", transport: "stdio", port: 0 }, env),
    "/run/z.pid",
  );
  // No home and no override: a clear error rather than a guess (and never /tmp).
  assert.throws(() => serverPidFilePath(http, {}), StateDirError);
});

Deno.test("commands: --pid-file is made absolute; else the default in the state dir", () => {
  assert.equal(commandPidFilePath("x/server.pid", {}), join(Deno.cwd(), "x/server.pid"));
  assert.equal(
    commandPidFilePath(undefined, { HOME: "/home/ann" }),
    "/home/ann/.local/state/zscaler-mcp/zscaler-mcp.pid",
  );
  assert.throws(() => commandPidFilePath(undefined, {}), StateDirError);
});

Deno.test("runtime: deno itself vs a compiled executable", () => {
  assert.equal(runtimeOf("/usr/lib/node_modules/deno/deno"), "deno");
  assert.equal(runtimeOf("C:\\tools\\deno.exe"), "deno");
  assert.equal(runtimeOf("/usr/local/bin/zscaler-mcp"), "compiled");
});

Deno.test("write then read: the same record, mode 0600, no temporary file left", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "server.pid");
    const record = sampleRecord();
    writePidFile(path, record);
    assert.deepEqual(readPidFile(path), record);
    assert.equal(Deno.statSync(path).mode! & 0o777, 0o600);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["server.pid"]);

    // A rewrite replaces the file (a new inode: readers never see a half-written one).
    const before = Deno.statSync(path).ino;
    writePidFile(path, sampleRecord({ pid: 99 }));
    assert.equal(readPidFile(path)?.pid, 99);
    assert.notEqual(Deno.statSync(path).ino, before);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["server.pid"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("atomicity: a reader racing many rewrites always sees a whole record", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "server.pid");
    writePidFile(path, sampleRecord({ pid: 1 }));
    // A child process reads the file in a tight loop while this process rewrites it.
    const reader = new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        `let bad = 0; for (let i = 0; i < 3000; i++) {
           try { const r = JSON.parse(Deno.readTextFileSync(${JSON.stringify(path)}));
                 if (typeof r.pid !== "number" || !Array.isArray(r.argv)) bad++; }
           catch { bad++; } }
         console.log(bad);`,
      ],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const done = reader.output();
    let finished = false;
    done.then(() => finished = true);
    for (let pid = 2; !finished; pid++) {
      writePidFile(path, sampleRecord({ pid, argv: Array(200).fill(`arg-${pid}`) }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const output = await done;
    assert.equal(new TextDecoder().decode(output.stdout).trim(), "0");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("read: missing is null; foreign, garbage and oversized files are refused", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "server.pid");
    assert.equal(readPidFile(path), null);

    Deno.writeTextFileSync(path, "12345\n");
    assert.throws(() => readPidFile(path), PidFileError);
    Deno.writeTextFileSync(path, "{not json");
    assert.throws(
      () => readPidFile(path),
      (e) => e instanceof PidFileError && /not JSON/.test(e.message),
    );
    Deno.writeTextFileSync(path, JSON.stringify({ ...sampleRecord(), name: "nginx" }));
    assert.throws(
      () => readPidFile(path),
      (e) => e instanceof PidFileError && /name/.test(e.message),
    );
    Deno.writeTextFileSync(path, JSON.stringify({ ...sampleRecord(), pid: -1 }));
    assert.throws(() => readPidFile(path), PidFileError);
    Deno.writeTextFileSync(path, JSON.stringify({ ...sampleRecord(), pad: "x".repeat(70_000) }));
    assert.throws(
      () => readPidFile(path),
      (e) => e instanceof PidFileError && /too large/.test(e.message),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a symlink where the PID file belongs is neither followed nor replaced", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const target = join(dir, "elsewhere");
    Deno.writeTextFileSync(target, "precious");
    const path = join(dir, "server.pid");
    Deno.symlinkSync(target, path);
    assert.throws(() => readPidFile(path), UnsafePathError);
    assert.throws(() => writePidFile(path, sampleRecord()), UnsafePathError);
    assert.equal(Deno.readTextFileSync(target), "precious");
    assert.ok(Deno.lstatSync(path).isSymlink);
    Deno.mkdirSync(join(dir, "adir"));
    assert.throws(() => readPidFile(join(dir, "adir")), UnsafePathError);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("removal: only the process the file names removes it", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "server.pid");
    writePidFile(path, sampleRecord({ pid: 77 }));
    assert.equal(removePidFileOf(path, 78), false);
    assert.ok(readPidFile(path));
    assert.equal(removePidFileOf(path, 77), true);
    assert.equal(readPidFile(path), null);
    assert.equal(removePidFileOf(path, 77), false);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
