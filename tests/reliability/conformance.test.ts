/**
 * The official MCP conformance suite, whole active suite, against the real server process
 * (`--sandbox`), for both spec versions the server speaks (2025-11-25 and 2026-07-28), with the
 * committed baseline `conformance-expected-failures.yml`. The suite's own baseline check decides
 * the exit code: 1 for a failure the baseline does not list and for a listed scenario that now
 * passes (stale). On top of that this test fails when a baseline entry was run by neither version
 * (an entry nothing can prove stale), and checks that the tool really reports both conditions.
 *
 * The suite needs Node 22 APIs, so it runs under Deno from npm, outside this project's config and
 * lock (tests/e2e/conformance.test.ts runs two front-door scenarios the same way).
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { emptyDir } from "../helpers/server_process.ts";
import { startWatchedServer } from "../helpers/server_pid.ts";

const CONFORMANCE = "npm:@modelcontextprotocol/conformance@0.2.0-alpha.12";
const BASELINE = fileURLToPath(new URL("./conformance-expected-failures.yml", import.meta.url));
const SPEC_VERSIONS = ["2025-11-25", "2026-07-28"] as const;
/** Terminal colour codes, in case the tool ignores NO_COLOR. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

interface SuiteRun {
  code: number;
  text: string;
  /** Scenario → passed (from the SUMMARY section). */
  scenarios: Map<string, boolean>;
  unexpected: string[];
  stale: string[];
  expected: string[];
}

function section(text: string, heading: RegExp, marker: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return [];
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = line.match(new RegExp(`^\\s+${marker} (\\S+)\\s*$`));
    if (!match) break;
    items.push(match[1]);
  }
  return items;
}

async function runSuite(url: string, args: string[]): Promise<SuiteRun> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-config", "--no-lock", "-A", CONFORMANCE, "server", "--url", url, ...args],
    env: { NO_COLOR: "1" },
    cwd: emptyDir(),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  const text = (decoder.decode(output.stdout) + decoder.decode(output.stderr)).replace(ANSI, "");
  const scenarios = new Map<string, boolean>();
  for (const match of text.matchAll(/^([✓✗]) (\S+): (\d+) passed, (\d+) failed$/gm)) {
    scenarios.set(match[2], match[1] === "✓");
  }
  return {
    code: output.code,
    text,
    scenarios,
    unexpected: section(text, /^Unexpected failures/, "✗"),
    stale: section(text, /^Stale baseline entries/, "✓"),
    expected: section(text, /^Expected failures/, "~"),
  };
}

/** The SUMMARY and baseline sections of the tool's output (the per-scenario log is long). */
function summary(text: string): string {
  const at = text.indexOf("=== SUMMARY ===");
  return at < 0 ? text : text.slice(at);
}

function baselineEntries(yaml: string): string[] {
  return [...yaml.matchAll(/^\s+-\s+([A-Za-z0-9:_-]+)/gm)].map((match) => match[1]);
}

Deno.test("conformance: the full active suite, both spec versions, against the committed baseline", async (t) => {
  const server = await startWatchedServer(["--sandbox"]);
  const ranSomewhere = new Set<string>();
  try {
    for (const specVersion of SPEC_VERSIONS) {
      await t.step(specVersion, async () => {
        const run = await runSuite(server.url, [
          "--spec-version",
          specVersion,
          "--expected-failures",
          BASELINE,
        ]);
        for (const scenario of run.scenarios.keys()) ranSomewhere.add(scenario);
        assert.ok(run.scenarios.size >= 15, `the active suite ran:\n${run.text}`);
        for (const core of ["tools-list", "dns-rebinding-protection"]) {
          assert.equal(run.scenarios.get(core), true, `${core} passes:\n${run.text}`);
        }
        assert.deepEqual(
          { unexpectedFailures: run.unexpected, staleBaselineEntries: run.stale },
          { unexpectedFailures: [], staleBaselineEntries: [] },
          `conformance ${specVersion}: the baseline does not match.\n${summary(run.text)}`,
        );
        assert.equal(run.code, 0, summary(run.text));
        assert.match(run.text, /Baseline check passed/);
      });
    }
    await t.step("every baseline entry is a scenario some version ran", async () => {
      const entries = baselineEntries(await Deno.readTextFile(BASELINE));
      assert.ok(entries.length > 0);
      const neverRun = entries.filter((entry) => !ranSomewhere.has(entry.split(":")[0]));
      assert.deepEqual(neverRun, [], "entries no spec version ran cannot go stale: remove them");
    });
  } finally {
    await server.stop();
  }
});

Deno.test("conformance: the suite's baseline check reports new failures and stale entries", async () => {
  const server = await startWatchedServer(["--sandbox"]);
  const dir = emptyDir();
  try {
    // A scenario that fails (a fixture tool) but is not in the baseline: exit code 1.
    const empty = `${dir}/empty.yml`;
    await Deno.writeTextFile(empty, "server: []\n");
    const failing = await runSuite(server.url, [
      "--scenario",
      "tools-call-simple-text",
      "--expected-failures",
      empty,
    ]);
    assert.equal(failing.code, 1, failing.text);
    assert.deepEqual(failing.unexpected, ["tools-call-simple-text"], failing.text);

    // A scenario that passes but is listed: stale, exit code 1.
    const stale = `${dir}/stale.yml`;
    await Deno.writeTextFile(stale, "server:\n  - tools-list\n");
    const passing = await runSuite(server.url, [
      "--scenario",
      "tools-list",
      "--expected-failures",
      stale,
    ]);
    assert.equal(passing.code, 1, passing.text);
    assert.deepEqual(passing.stale, ["tools-list"], passing.text);
  } finally {
    await server.stop();
  }
});
