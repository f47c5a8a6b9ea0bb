/**
 * deploy/zscaler-mcp.service passes `systemd-analyze verify` with no complaint at all, keeps its
 * hardening, and scores as "OK" in systemd's own exposure analysis.
 *
 * The unit's ExecStart names /usr/local/bin/zscaler-mcp, which is not installed on a build
 * machine, and verify rejects a unit whose binary is missing. So the test verifies a copy in
 * which only that path is replaced by an executable that exists (this Deno); every other line
 * is checked byte for byte as shipped.
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const UNIT = fileURLToPath(new URL("../../deploy/zscaler-mcp.service", import.meta.url));
const INSTALL_PATH = "/usr/local/bin/zscaler-mcp";
const TEXT = Deno.readTextFileSync(UNIT);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function analyze(args: string[]): Promise<Run> {
  const output = await new Deno.Command("systemd-analyze", {
    args,
    env: { SYSTEMD_LOG_COLOR: "0", SYSTEMD_COLORS: "0", NO_COLOR: "1" },
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

/** Writes `text` as zscaler-mcp.service in a new directory and returns its path. */
function unitCopy(text: string): string {
  const dir = Deno.makeTempDirSync({ prefix: "zscaler-mcp-unit-" });
  const path = `${dir}/zscaler-mcp.service`;
  Deno.writeTextFileSync(path, text);
  return path;
}

/** The shipped unit with ExecStart's binary replaced by one that exists here. */
function runnableUnit(extra = ""): string {
  const text = TEXT.replaceAll(INSTALL_PATH, Deno.execPath()) + extra;
  const changed = TEXT.split("\n").filter((line, i) => line !== text.split("\n")[i]);
  assert.deepEqual(changed.map((line) => line.split("=")[0]), ["ExecStart"]);
  return unitCopy(text);
}

function directives(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("[")) continue;
    const at = line.indexOf("=");
    const key = line.slice(0, at);
    map.set(key, [...(map.get(key) ?? []), line.slice(at + 1)]);
  }
  return map;
}

Deno.test("systemd-analyze verify accepts the unit without a single warning", async () => {
  const path = runnableUnit();
  try {
    const run = await analyze(["verify", path]);
    assert.equal(run.stderr.trim(), "", run.stderr);
    assert.equal(run.code, 0);
  } finally {
    Deno.removeSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  }
});

Deno.test("the verification catches a misspelt or invalid directive (the check can fail)", async () => {
  for (
    const [bad, complaint] of [
      ["ProtectSytem=strict", /Unknown key 'ProtectSytem'/],
      ["RestrictAddressFamilies=AF_BOGUS", /address famil/i],
    ] as const
  ) {
    const path = unitCopy(
      TEXT.replaceAll(INSTALL_PATH, Deno.execPath()).replace("UMask=0077", `UMask=0077\n${bad}`),
    );
    try {
      const run = await analyze(["verify", path]);
      assert.match(run.stderr, complaint);
    } finally {
      Deno.removeSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    }
  }
});

Deno.test("verify of the shipped unit itself fails only because the binary is not installed", async () => {
  const run = await analyze(["verify", UNIT]);
  const lines = run.stderr.trim().split("\n").filter((line) => line !== "");
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0], /\/usr\/local\/bin\/zscaler-mcp is not executable/);
});

Deno.test("the unit keeps its hardening", () => {
  const unit = directives(TEXT);
  const one = (key: string) => unit.get(key)?.at(-1);
  for (
    const [key, value] of [
      ["DynamicUser", "yes"],
      ["NoNewPrivileges", "yes"],
      ["ProtectSystem", "strict"],
      ["ProtectHome", "yes"],
      ["PrivateTmp", "yes"],
      ["CapabilityBoundingSet", ""],
      ["AmbientCapabilities", ""],
      ["SystemCallFilter", "@system-service"],
      ["RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"],
      ["StateDirectory", "zscaler-mcp"],
      ["EnvironmentFile", "/etc/zscaler-mcp/zscaler-mcp.env"],
      ["ExecReload", "/bin/kill -HUP $MAINPID"],
      ["ProtectKernelTunables", "yes"],
      ["ProtectControlGroups", "yes"],
      ["LockPersonality", "yes"],
      ["Restart", "on-failure"],
    ]
  ) assert.equal(one(key), value, key);
  assert.match(one("ExecStart")!, /^\/usr\/local\/bin\/zscaler-mcp --transport streamable-http /);
  // V8's JIT needs writable+executable memory: the setting must stay off, with the reason said.
  assert.equal(unit.has("MemoryDenyWriteExecute"), false);
  assert.match(TEXT, /# MemoryDenyWriteExecute= stays off: V8's JIT/);
  assert.match(TEXT, /CAP_NET_BIND_SERVICE/);
});

Deno.test("systemd's exposure analysis rates the unit OK (2.0 or less of 10)", async () => {
  const path = runnableUnit();
  try {
    const run = await analyze(["security", "--offline=yes", path]);
    const match = (run.stdout + run.stderr).match(/Overall exposure level for \S+: ([\d.]+)/);
    assert.ok(match, run.stdout + run.stderr);
    assert.ok(Number(match[1]) <= 2.0, `exposure ${match[1]}`);
  } finally {
    Deno.removeSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  }
});
