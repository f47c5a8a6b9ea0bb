/**
 * `deno task compile` (deploy/compile.ts), run exactly as the task runs it: the flags it embeds
 * are lib/permissions' for each target; where Deno's download host cannot be reached and no
 * runtime file is given it fails with one clear line per target; a runtime file that is not a
 * denort is caught before an executable is shipped.
 *
 * The download host is made unreachable on purpose (HTTPS_PROXY points at a closed loopback
 * port), so these tests behave the same on a machine with internet access.
 */

import assert from "node:assert/strict";
import { denortFor, denortVariable } from "../../deploy/compile.ts";
import {
  COMPILE_TARGETS,
  type CompileTarget,
  hostTarget,
  permissionFlags,
  permissionSet,
  RUNTIME_FLAGS,
} from "../../lib/permissions/mod.ts";
import { childEnv, ROOT } from "../helpers/child.ts";

const TASK: string[] = JSON.parse(Deno.readTextFileSync(`${ROOT}deno.json`)).tasks.compile.split(
  " ",
);

/** A loopback port nothing listens on: a proxy there refuses every connection at once. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function compileTask(args: string[], env: Record<string, string>) {
  assert.equal(TASK[0], "deno");
  const output = await new Deno.Command(Deno.execPath(), {
    args: [...TASK.slice(1), ...args],
    cwd: ROOT,
    env: childEnv({ HTTPS_PROXY: `http://127.0.0.1:${closedPort()}`, ...env }),
    clearEnv: true,
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

const byTriple = (triple: string) => COMPILE_TARGETS.find((t) => t.triple === triple)!;

Deno.test("the runtime file: the target's own variable, DENORT_BIN for the host target only", () => {
  const linux = byTriple("x86_64-unknown-linux-gnu");
  const mac = byTriple("aarch64-apple-darwin");
  assert.equal(denortVariable(linux), "DENORT_BIN_X86_64_UNKNOWN_LINUX_GNU");
  assert.deepEqual(denortFor(mac, { DENORT_BIN_AARCH64_APPLE_DARWIN: "/rt/mac" }, linux), {
    variable: "DENORT_BIN_AARCH64_APPLE_DARWIN",
    path: "/rt/mac",
  });
  // Deno would put DENORT_BIN into every target; here it only serves the machine's own.
  assert.equal(denortFor(mac, { DENORT_BIN: "/rt/linux" }, linux), undefined);
  assert.deepEqual(denortFor(linux, { DENORT_BIN: "/rt/linux" }, linux), {
    variable: "DENORT_BIN",
    path: "/rt/linux",
  });
  assert.equal(denortFor(linux, {}, linux), undefined);
});

Deno.test("--print-flags shows lib/permissions' compile set for each target", async () => {
  for (const target of COMPILE_TARGETS) {
    const env = { ZSCALER_MCP_EXTRA_NET_HOSTS: "idp.example.com:443" };
    const run = await compileTask(["--print-flags", target.triple], env);
    assert.equal(run.code, 0, run.stderr);
    const expected = [
      ...RUNTIME_FLAGS,
      ...permissionFlags(
        permissionSet({ os: target.os, mode: "compile", profile: "control", env }),
      ),
    ];
    assert.deepEqual(run.stdout.trim().split("\n"), expected);
    assert.ok(expected.some((flag) => flag.includes("idp.example.com:443")));
  }
});

Deno.test("a bad build-time entry or an unknown target stops the build with exit 2", async () => {
  const bad = await compileTask(["--print-flags", "x86_64-unknown-linux-gnu"], {
    ZSCALER_MCP_EXTRA_NET_HOSTS: "https://idp.example.com/jwks",
  });
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /ZSCALER_MCP_EXTRA_NET_HOSTS: "https:\/\/idp\.example\.com\/jwks" is not/,
  );
  const unknown = await compileTask(["riscv64-unknown-linux-gnu"], {});
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown target riscv64-unknown-linux-gnu/);
});

Deno.test("no runtime and no download: one clear line per target, exit 1, nothing built", async () => {
  const dist = Deno.makeTempDirSync({ prefix: "zscaler-mcp-dist-" });
  try {
    const targets = ["x86_64-apple-darwin", "x86_64-pc-windows-msvc"];
    // DENORT_BIN is set but must not be used for targets other than this machine's.
    const run = await compileTask(targets, {
      ZSCALER_MCP_DIST_DIR: dist,
      DENORT_BIN: "/nonexistent/denort",
    });
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stderr.trim().split("\n");
    assert.equal(lines.length, targets.length + 1, run.stderr);
    targets.forEach((triple, i) => {
      const variable = denortVariable(byTriple(triple));
      assert.match(
        lines[i],
        new RegExp(`^compile: ${triple}: no denort runtime: .*${variable}=<path to denort>$`),
      );
      assert.match(lines[i], new RegExp(`denort-${triple}\\.zip of Deno ${Deno.version.deno}`));
    });
    assert.equal(lines.at(-1), "compile: 2 of 2 targets failed");
    assert.deepEqual([...Deno.readDirSync(dist)], []);
  } finally {
    Deno.removeSync(dist, { recursive: true });
  }
});

Deno.test("a runtime variable that names no file is refused before compiling", async () => {
  const dist = Deno.makeTempDirSync({ prefix: "zscaler-mcp-dist-" });
  try {
    const run = await compileTask(["aarch64-unknown-linux-gnu"], {
      ZSCALER_MCP_DIST_DIR: dist,
      DENORT_BIN_AARCH64_UNKNOWN_LINUX_GNU: `${dist}/missing`,
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /^compile: aarch64-unknown-linux-gnu: DENORT_BIN_AARCH64_UNKNOWN_LINUX_GNU=\S+\/missing is not a readable file$/m,
    );
  } finally {
    Deno.removeSync(dist, { recursive: true });
  }
});

const host: CompileTarget | undefined = hostTarget();

Deno.test({
  name: "a runtime that is not a denort (the full deno binary) is caught and nothing is shipped",
  ignore: host === undefined,
  async fn() {
    const dist = Deno.makeTempDirSync({ prefix: "zscaler-mcp-dist-" });
    try {
      const run = await compileTask([host!.triple], {
        ZSCALER_MCP_DIST_DIR: dist,
        DENORT_BIN: Deno.execPath(),
      });
      assert.equal(run.code, 1, run.stderr);
      assert.match(
        run.stderr,
        new RegExp(
          `^compile: ${host!.triple}: the built executable does not run the server .*` +
            `is DENORT_BIN a denort of Deno ${Deno.version.deno}\\?$`,
          "m",
        ),
      );
      assert.deepEqual([...Deno.readDirSync(dist)], []);
    } finally {
      Deno.removeSync(dist, { recursive: true });
    }
  },
});
