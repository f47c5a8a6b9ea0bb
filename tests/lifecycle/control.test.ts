/**
 * Signalling and relaunching: `Deno.kill` when allowed, the `kill` program under the narrower
 * `control` permissions, a refusal with neither; the relaunch command recovered from /proc or ps.
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { sendSignal } from "../../lib/lifecycle/control.ts";
import { logPathOf, relaunchCommand } from "../../lib/lifecycle/restart.ts";
import { sampleRecord } from "./_records.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SIGNAL = fileURLToPath(new URL("./_signal.ts", import.meta.url));

async function signalAs(flags: string[], pid: number, signal: Deno.Signal): Promise<unknown> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...flags, "--config", `${ROOT}deno.json`, SIGNAL, String(pid), signal],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

Deno.test({
  name: "sendSignal: Deno.kill, the kill program, or a refusal; false once the process is gone",
  ignore: Deno.build.os === "windows",
  async fn() {
    // This test process has an unrestricted --allow-run: Deno.kill.
    const first = new Deno.Command("sleep", { args: ["30"] }).spawn();
    assert.equal(await sendSignal(first.pid, "SIGTERM"), true);
    assert.equal((await first.status).signal, "SIGTERM");
    assert.equal(await sendSignal(first.pid, "SIGTERM"), false, "already gone");

    // Only --allow-run=kill (the control profile): the kill program delivers the same signal.
    const second = new Deno.Command("sleep", { args: ["30"] }).spawn();
    assert.equal(await signalAs(["--allow-run=kill"], second.pid, "SIGHUP"), true);
    assert.equal((await second.status).signal, "SIGHUP");
    assert.equal(await signalAs(["--allow-run=kill"], second.pid, "SIGHUP"), false);

    // Neither: refused as a permission problem, and the process is left alone.
    const third = new Deno.Command("sleep", { args: ["30"] }).spawn();
    try {
      const refused = await signalAs([], third.pid, "SIGTERM") as Record<string, unknown>;
      assert.equal(refused.error, "ProcessCheckError");
      assert.equal(refused.permission, true);
      assert.match(String(refused.message), /--allow-run=kill or --allow-all/);
    } finally {
      third.kill("SIGKILL");
      assert.equal((await third.status).signal, "SIGKILL", "it was still running");
    }
  },
});

Deno.test("relaunchCommand: exact from /proc; from ps only when it splits back unambiguously", () => {
  const record = sampleRecord({ execPath: "/usr/lib/deno/deno", argv: ["--port", "8000"] });
  const live = ["deno", "run", "-A", "/opt/zscaler-mcp/main.ts", "--port", "8000"];
  assert.deepEqual(relaunchCommand(record, live, true), [
    "/usr/lib/deno/deno",
    "run",
    "-A",
    "/opt/zscaler-mcp/main.ts",
    "--port",
    "8000",
  ]);
  assert.deepEqual(relaunchCommand(record, live, false), relaunchCommand(record, live, true));
  // An argument with a space cannot be recovered from a ps line: refused.
  const spaced = sampleRecord({ argv: ["--dotenv-path", "/etc/my env"] });
  assert.equal(
    relaunchCommand(spaced, ["deno", "run", "main.ts", "--dotenv-path", "/etc/my", "env"], false),
    null,
  );
  assert.equal(relaunchCommand(record, ["deno"], false), null);
  // A compiled executable: the recorded arguments are the whole command line.
  const compiled = sampleRecord({
    execPath: "/usr/local/bin/zscaler-mcp",
    runtime: "compiled",
    argv: ["--dotenv-path", "/etc/my env"],
  });
  assert.deepEqual(
    relaunchCommand(compiled, ["zscaler-mcp", "--dotenv-path", "/etc/my", "env"], false),
    [
      "/usr/local/bin/zscaler-mcp",
      "--dotenv-path",
      "/etc/my env",
    ],
  );
});

Deno.test("logPathOf: next to the PID file", () => {
  assert.equal(
    logPathOf("/var/lib/zscaler-mcp/zscaler-mcp.pid"),
    "/var/lib/zscaler-mcp/zscaler-mcp.log",
  );
  assert.equal(logPathOf("/run/server"), "/run/server.log");
});
