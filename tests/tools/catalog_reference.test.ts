/**
 * The ZIA and ZPA catalog against the recorded facts: exactly the reference server's 275 tool
 * names with their toolsets and read/write kinds, every upstream request a recorded endpoint, and
 * every tool callable by the generated per-tool test.
 */

import assert from "node:assert/strict";
import { CATALOG, isWrite, needsConfirmation } from "../../lib/tools/mod.ts";
import { isRecorded, recordedEndpoints, requestSteps } from "../helpers/endpoints.ts";

const SERVICE_TOOLS = CATALOG.filter((spec) => spec.service === "zia" || spec.service === "zpa");

async function reference(): Promise<Map<string, { toolset: string; kind: string }>> {
  const text = await Deno.readTextFile(
    new URL("../fixtures/reference-tools.tsv", import.meta.url),
  );
  return new Map(
    text.trim().split("\n").slice(1).map((line) => line.split("\t"))
      .filter(([, toolset]) => /^z(ia|pa)_/.test(toolset))
      .map(([name, toolset, kind]) => [name, { toolset, kind }]),
  );
}

Deno.test("ZIA and ZPA: the reference's 275 tools, same names, toolsets and kinds", async () => {
  const known = await reference();
  assert.equal(known.size, 275, "the fixture lists 166 ZIA + 109 ZPA tools");
  const names = SERVICE_TOOLS.map((spec) => spec.name);
  assert.equal(new Set(names).size, names.length, "unique names");
  const missing = [...known.keys()].filter((name) => !names.includes(name)).sort();
  const extra = names.filter((name) => !known.has(name)).sort();
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
  for (const spec of SERVICE_TOOLS) {
    const ref = known.get(spec.name)!;
    assert.equal(spec.toolset, ref.toolset, `${spec.name} toolset`);
    assert.equal(isWrite(spec) ? "write" : "read", ref.kind, `${spec.name} kind`);
  }
  assert.equal(SERVICE_TOOLS.filter((s) => s.service === "zia").length, 166);
  assert.equal(SERVICE_TOOLS.filter((s) => s.service === "zpa").length, 109);
});

Deno.test("every upstream request of a ZIA/ZPA tool is a recorded endpoint", async () => {
  const templates = await recordedEndpoints();
  const unknown: string[] = [];
  for (const spec of SERVICE_TOOLS) {
    for (const step of requestSteps(spec.request)) {
      if (!isRecorded(step, templates)) unknown.push(`${spec.name}: ${step.method} ${step.path}`);
    }
  }
  assert.deepEqual(unknown, [], "requests not found in endpoints.tsv or sdk-endpoints.txt");
});

Deno.test("every ZIA/ZPA tool has an example for the generated test, naming real tools", () => {
  const names = new Set(CATALOG.map((spec) => spec.name));
  for (const spec of SERVICE_TOOLS) {
    assert.ok(spec.example, `${spec.name} has an example`);
    for (const [arg, lookup] of Object.entries(spec.example.lookups ?? {})) {
      assert.ok(names.has(lookup.tool), `${spec.name}.${arg} looks up with ${lookup.tool}`);
      const from = CATALOG.find((s) => s.name === lookup.tool)!;
      assert.equal(from.kind, "read", `${spec.name}.${arg}: lookups only read`);
    }
    const argNames = [
      ...Object.keys(spec.example.args ?? {}),
      ...Object.keys(spec.example.lookups ?? {}),
    ];
    const shape = spec.input.shape as Record<string, unknown>;
    for (const arg of argNames) assert.ok(arg in shape, `${spec.name}: ${arg} is an argument`);
  }
});

Deno.test("deletes are confirmed and name their target; reads never are", () => {
  for (const spec of SERVICE_TOOLS) {
    if (spec.kind === "delete") assert.ok(needsConfirmation(spec), `${spec.name} confirmed`);
    if (spec.kind === "read") assert.ok(!needsConfirmation(spec), `${spec.name} not confirmed`);
  }
});
