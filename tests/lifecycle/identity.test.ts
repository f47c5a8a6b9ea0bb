/**
 * Is the process a PID file names still ours? The matching rules on their own, then the real
 * /proc inspection of real processes: ours, another deno script, an unrelated `sleep`, an exited
 * process, and the refusal when the check is not permitted.
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { ProcessCheckError } from "../../lib/lifecycle/errors.ts";
import {
  commandLineMatches,
  commandMatches,
  executableMatches,
  inspectProcess,
  type ProcessState,
  type RecordIdentity,
} from "../../lib/lifecycle/identity.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const IDLE = new URL("./_idle.ts", import.meta.url).href;
const INSPECT = fileURLToPath(new URL("./_inspect.ts", import.meta.url));
const ALL = ["-A"];
/** What the `control` permission profile grants: `ps` and `kill`, no /proc. */
const PS_ONLY = ["--allow-read", "--allow-env", "--allow-run=ps,kill"];

const DENO_RECORD: RecordIdentity = {
  pid: 1,
  argv: ["--transport", "streamable-http", "--port", "8000"],
  execPath: "/usr/bin/deno",
  runtime: "deno",
  mainModule: "file:///opt/zmcp/main.ts",
  cwd: "/opt/zmcp",
};

Deno.test("commandMatches: deno run with the main module right before the arguments", () => {
  const args = DENO_RECORD.argv;
  assert.ok(commandMatches(["deno", "run", "-A", "/opt/zmcp/main.ts", ...args], DENO_RECORD));
  // Relative to the recorded working directory, or as a file URL.
  assert.ok(commandMatches(["deno", "run", "main.ts", ...args], DENO_RECORD));
  assert.ok(commandMatches(["deno", "file:///opt/zmcp/main.ts", ...args], DENO_RECORD));
  // Other arguments, another script, or arguments that merely end the same way.
  assert.ok(!commandMatches(["deno", "run", "/opt/zmcp/main.ts", "--port", "8000"], DENO_RECORD));
  assert.ok(!commandMatches(["deno", "run", "/opt/other.ts", ...args], DENO_RECORD));
  assert.ok(!commandMatches(["deno", "run", "main.ts", "x", ...args], DENO_RECORD));
  assert.ok(!commandMatches(["deno"], DENO_RECORD));
  // `deno serve` is Deno's own subcommand, not our server started with `serve`.
  assert.ok(!commandMatches(["deno", "serve"], { ...DENO_RECORD, argv: ["serve"] }));
});

Deno.test("commandMatches: a compiled executable is followed by the arguments alone", () => {
  const compiled: RecordIdentity = {
    ...DENO_RECORD,
    execPath: "/usr/local/bin/zscaler-mcp",
    runtime: "compiled",
  };
  assert.ok(commandMatches(["zscaler-mcp", ...compiled.argv], compiled));
  assert.ok(commandMatches(["/usr/local/bin/zscaler-mcp"], { ...compiled, argv: [] }));
  assert.ok(!commandMatches(["zscaler-mcp", "extra", ...compiled.argv], compiled));
});

Deno.test("executableMatches: the same file, also after an in-place upgrade", () => {
  assert.ok(executableMatches("/usr/bin/zscaler-mcp", "/usr/bin/zscaler-mcp"));
  assert.ok(executableMatches("/usr/bin/zscaler-mcp (deleted)", "/usr/bin/zscaler-mcp"));
  assert.ok(!executableMatches("/usr/bin/sleep", "/usr/bin/zscaler-mcp"));
});

Deno.test("commandLineMatches: the same rules on a ps line (arguments joined by spaces)", () => {
  const args = DENO_RECORD.argv.join(" ");
  assert.ok(commandLineMatches(`deno run -A /opt/zmcp/main.ts ${args}`, DENO_RECORD));
  assert.ok(commandLineMatches(`/usr/bin/deno run main.ts ${args}`, DENO_RECORD));
  // A main module path with a space is recognised by its absolute spelling.
  assert.ok(commandLineMatches(
    `deno run /opt/z mcp/main.ts ${args}`,
    { ...DENO_RECORD, mainModule: "file:///opt/z%20mcp/main.ts" },
  ));
  assert.ok(!commandLineMatches(`deno run /opt/other.ts ${args}`, DENO_RECORD));
  assert.ok(!commandLineMatches(`node /opt/zmcp/main.ts ${args}`, DENO_RECORD));
  assert.ok(!commandLineMatches("deno run /opt/zmcp/main.ts --port 8000", DENO_RECORD));
  assert.ok(!commandLineMatches("deno serve", { ...DENO_RECORD, argv: ["serve"] }));
  const compiled: RecordIdentity = {
    ...DENO_RECORD,
    execPath: "/usr/local/bin/zscaler-mcp",
    runtime: "compiled",
  };
  assert.ok(commandLineMatches(`zscaler-mcp ${args}`, compiled));
  assert.ok(commandLineMatches(`/usr/local/bin/zscaler-mcp ${args}`, compiled));
  assert.ok(!commandLineMatches(`zscaler-mcp extra ${args}`, compiled));
});

type Inspected = ProcessState | { error: string; permission: boolean; message: string };

/** Inspects in a child with `flags` as its permissions (/proc needs --allow-all). */
async function inspectAs(flags: string[], record: RecordIdentity): Promise<Inspected> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...flags, "--config", `${ROOT}deno.json`, INSPECT, JSON.stringify(record)],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, stderr);
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

Deno.test({
  name: "inspectProcess on Linux: ours, another script, another program, gone",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const argv = ["--transport", "streamable-http", "two words"];
    // Started with a relative script path, as `deno task` or a shell would.
    const idle = new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", "tests/lifecycle/_idle.ts", ...argv],
      cwd: ROOT,
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    const sleeper = new Deno.Command("sleep", { args: ["30"] }).spawn();
    const done = new Deno.Command("true").spawn();
    await done.status;
    try {
      const record: RecordIdentity = {
        pid: idle.pid,
        argv,
        execPath: Deno.execPath(),
        runtime: "deno",
        mainModule: IDLE,
        cwd: ROOT,
      };
      // spawn() returns once the child has exec'd, so its command line is already in /proc.
      let state = await inspectAs(ALL, record);
      assert.deepEqual(state, {
        kind: "ours",
        command: [Deno.execPath(), "run", "--quiet", "tests/lifecycle/_idle.ts", ...argv],
        exact: true,
      });
      // Without /proc, `ps` tells the same (its argv split on spaces is not exact).
      state = await inspectAs(PS_ONLY, record);
      assert.deepEqual(state, {
        kind: "ours",
        command: [
          Deno.execPath(),
          "run",
          "--quiet",
          "tests/lifecycle/_idle.ts",
          "--transport",
          "streamable-http",
          "two",
          "words",
        ],
        exact: false,
      });

      state = await inspectAs(ALL, { ...record, argv: ["--transport", "streamable-http"] });
      assert.equal((state as ProcessState).kind, "foreign");
      state = await inspectAs(ALL, { ...record, mainModule: "file:///opt/zmcp/main.ts" });
      assert.equal((state as ProcessState).kind, "foreign");

      state = await inspectAs(PS_ONLY, { ...record, argv: ["--transport", "streamable-http"] });
      assert.equal((state as ProcessState).kind, "foreign");

      // An unrelated program at the recorded pid: named by its executable only.
      for (const flags of [ALL, PS_ONLY]) {
        state = await inspectAs(flags, { ...record, pid: sleeper.pid });
        assert.deepEqual(state, { kind: "foreign", what: "sleep" });
        state = await inspectAs(flags, { ...record, pid: done.pid });
        assert.deepEqual(state, { kind: "gone" });
      }
    } finally {
      idle.kill("SIGKILL");
      sleeper.kill("SIGKILL");
      await idle.status;
      await sleeper.status;
    }
  },
});

Deno.test({
  name:
    "inspectProcess refuses, as a permission problem, when it may neither read /proc nor run ps",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const state = await inspectAs(["--allow-read"], { ...DENO_RECORD, pid: Deno.pid });
    assert.ok("error" in state);
    assert.equal(state.error, "ProcessCheckError");
    assert.equal(state.permission, true);
    assert.match(state.message, /--allow-run=ps or --allow-all/);
  },
});

Deno.test("inspectProcess: an unknown platform is refused, not guessed", async () => {
  await assert.rejects(
    inspectProcess(DENO_RECORD, "aix"),
    (e) => e instanceof ProcessCheckError && !e.permission,
  );
});
