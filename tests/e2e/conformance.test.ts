/**
 * The official MCP conformance scenarios for the HTTP front door, run against the real server
 * process: DNS-rebinding protection (both spec versions) and HTTP header validation. The suite
 * needs Node 22 APIs, so it runs under Deno from npm, outside this project's config and lock.
 */

import assert from "node:assert/strict";
import { startHttpServer } from "../helpers/server_process.ts";

const CONFORMANCE = "npm:@modelcontextprotocol/conformance@0.2.0-alpha.12";

async function conformance(url: string, scenario: string, specVersion: string): Promise<string> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-config",
      "--no-lock",
      "-A",
      CONFORMANCE,
      "server",
      "--url",
      url,
      "--scenario",
      scenario,
      "--spec-version",
      specVersion,
    ],
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, text);
  return text;
}

Deno.test("conformance: dns-rebinding-protection and http-header-validation", async (t) => {
  const server = await startHttpServer(["--sandbox"]);
  try {
    // http-header-validation (SEP-2243) exists from 2026-07-28 on.
    const runs = [
      ["dns-rebinding-protection", "2025-11-25"],
      ["dns-rebinding-protection", "2026-07-28"],
      ["http-header-validation", "2026-07-28"],
    ];
    for (const [scenario, specVersion] of runs) {
      await t.step(`${scenario} (${specVersion})`, async () => {
        const text = await conformance(server.url, scenario, specVersion);
        const result = text.match(/Passed: (\d+)\/(\d+), (\d+) failed/);
        assert.ok(result, text);
        assert.equal(result[3], "0", text);
        assert.equal(result[1], result[2], text);
        assert.ok(Number(result[2]) > 0, "the scenario ran checks");
      });
    }
  } finally {
    await server.stop();
  }
});
