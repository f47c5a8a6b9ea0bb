/**
 * The ZIA tools as data: every reference ZIA tool exists with its name, toolset and kind; every
 * request line is a recorded endpoint; every tool describes itself and each argument, carries an
 * example, and the example runs against the simulated tenant sending only the requests the spec
 * declares.
 */

import assert from "node:assert/strict";
import { z } from "zod";
import { applyQuery } from "../../lib/tools/query.ts";
import { shapeResult } from "../../lib/tools/result.ts";
import { isWrite, needsConfirmation, type ToolSpec } from "../../lib/tools/spec.ts";
import { ZIA_TOOLS, ZIA_TOOLSETS } from "../../lib/tools/zia/mod.ts";
import { isRecorded, recordedEndpoints, requestSteps, stepPattern } from "../helpers/endpoints.ts";
import { withSim } from "./_sim.ts";

async function reference(): Promise<Map<string, { toolset: string; kind: string }>> {
  const text = await Deno.readTextFile(
    new URL("../fixtures/reference-tools.tsv", import.meta.url),
  );
  return new Map(
    text.trim().split("\n").slice(1).map((line) => line.split("\t"))
      .filter(([, toolset]) => toolset.startsWith("zia"))
      .map(([name, toolset, kind]) => [name, { toolset, kind }]),
  );
}

/** The kind a write tool's name implies: its verb, or `action` for any other verb. */
function kindOfName(name: string): string {
  const verb = name.replace(/^zia_/, "").split("_")[0];
  return ["create", "update", "delete"].includes(verb) ? verb : "action";
}

Deno.test("every reference ZIA tool exists with its name, toolset and kind, and no other", async () => {
  const known = await reference();
  assert.equal(known.size, 166);
  assert.deepEqual(ZIA_TOOLS.map((s) => s.name).sort(), [...known.keys()].sort());
  for (const spec of ZIA_TOOLS) {
    const ref = known.get(spec.name)!;
    assert.equal(spec.service, "zia");
    assert.equal(spec.toolset, ref.toolset, `${spec.name} toolset`);
    if (ref.kind === "read") assert.equal(spec.kind, "read", spec.name);
    else assert.equal(spec.kind, kindOfName(spec.name), `${spec.name} kind`);
  }
  for (const [toolset, specs] of Object.entries(ZIA_TOOLSETS)) {
    for (const spec of specs) {
      assert.equal(spec.toolset, toolset, `${spec.name} is filed under its toolset`);
    }
  }
});

Deno.test("every request line is a recorded ZIA endpoint", async () => {
  const templates = await recordedEndpoints();
  for (const spec of ZIA_TOOLS) {
    const steps = requestSteps(spec.request);
    assert.ok(steps.length > 0, spec.name);
    for (const step of steps) {
      assert.ok(step.path.startsWith("/zia/api/v1/"), `${spec.name}: ${step.path}`);
      assert.ok(isRecorded(step, templates), `${spec.name}: ${step.method} ${step.path}`);
    }
    if (spec.kind !== "read") {
      assert.ok(steps.some((step) => step.method !== "GET"), `${spec.name} writes`);
    }
  }
});

Deno.test("every delete and every irreversible bulk action is confirmed; reads never are", () => {
  for (const spec of ZIA_TOOLS) {
    if (spec.kind === "delete") assert.ok(spec.confirmation, `${spec.name} has a confirmation`);
    if (spec.kind === "read" || spec.kind === "create" || spec.kind === "update") {
      assert.equal(spec.confirmation, undefined, spec.name);
    }
  }
  const confirmedActions = ZIA_TOOLS.filter((s) => s.kind === "action" && needsConfirmation(s))
    .map((s) => s.name).sort();
  assert.deepEqual(confirmedActions, [
    "zia_activate_configuration",
    "zia_bulk_update_shadow_it_apps",
  ]);
});

Deno.test("every tool describes itself and each argument; inputs are strict and snake_case", () => {
  for (const spec of ZIA_TOOLS) {
    assert.ok(spec.title.length > 5, `${spec.name} title`);
    assert.ok(spec.description.length > 40, `${spec.name} description`);
    if (isWrite(spec) && spec.name !== "zia_activate_configuration") {
      assert.match(spec.description, /zia_activate_configuration/, spec.name);
    }
    if (spec.kind === "delete") assert.match(spec.description, /human must approve/, spec.name);
    if (spec.kind === "create") assert.match(spec.description, /Required: /, spec.name);
    const schema = z.toJSONSchema(spec.input, { io: "input" }) as {
      properties?: Record<string, { description?: string }>;
      additionalProperties?: boolean;
    };
    assert.equal(schema.additionalProperties, false, `${spec.name} is strict`);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      assert.ok(property.description, `${spec.name}.${name} is described`);
      assert.match(name, /^[a-z][a-z0-9_]*$/, `${spec.name}.${name} is snake_case`);
    }
    for (const name of spec.sensitive ?? []) {
      assert.ok(name in spec.input.shape, `${spec.name}: sensitive ${name} is an argument`);
    }
  }
});

Deno.test("list tools take query and max_results; writes that carry secrets mark them", () => {
  const lists = ZIA_TOOLS.filter((s) => /^zia_list_|^get_zia_/.test(s.name));
  assert.equal(lists.length, 43);
  for (const spec of lists) {
    assert.ok("query" in spec.input.shape, `${spec.name} takes query`);
    assert.ok("max_results" in spec.input.shape, `${spec.name} takes max_results`);
  }
  for (const name of ["zia_create_vpn_credential", "zia_update_vpn_credential"]) {
    assert.deepEqual(ZIA_TOOLS.find((s) => s.name === name)!.sensitive, ["pre_shared_key"]);
  }
});

/** Runs a spec's example (lookups first) and returns the API request lines it sent. */
async function runExample(
  spec: ToolSpec,
  byName: Map<string, ToolSpec>,
  run: Parameters<Parameters<typeof withSim>[0]>[0],
): Promise<string[]> {
  const args: Record<string, unknown> = { ...spec.example!.args };
  for (const [arg, lookup] of Object.entries(spec.example!.lookups ?? {})) {
    const source = byName.get(lookup.tool);
    assert.ok(source, `${spec.name}: lookup tool ${lookup.tool} exists`);
    const out = await source.run(source.input.parse(lookup.args ?? {}), run.ctx);
    const value = applyQuery(shapeResult(out, undefined).structuredContent, lookup.query);
    assert.ok(value !== null && value !== undefined, `${spec.name}: lookup ${arg} found a value`);
    args[arg] = value;
  }
  const parsed = spec.input.parse(args);
  const start = run.sim.tenant.requests.length;
  if (spec.confirmation) await spec.confirmation.describe(parsed, run.ctx);
  await spec.run(parsed, run.ctx);
  return run.sim.tenant.requests.slice(start).filter((r) => r.service !== "token")
    .map((r) => `${r.method} ${r.path}`);
}

Deno.test("every example runs against the simulator and sends only its declared requests", async () => {
  const byName = new Map(ZIA_TOOLS.map((spec) => [spec.name, spec]));
  const problems: string[] = [];
  for (const spec of ZIA_TOOLS) {
    assert.ok(spec.example, `${spec.name} has an example`);
    await withSim(async (run) => {
      try {
        const lines = await runExample(spec, byName, run);
        assert.ok(lines.length > 0, `${spec.name} sent a request`);
        const steps = requestSteps(spec.request);
        for (const line of lines) {
          const [method, path] = line.split(" ");
          if (!steps.some((s) => s.method === method && stepPattern(s.path).test(path))) {
            problems.push(`${spec.name}: ${line} is not in "${spec.request}"`);
          }
        }
        const used = new Set(lines.map((line) => line.split(" ")[0]));
        for (const step of steps) {
          if (!used.has(step.method)) problems.push(`${spec.name}: never sent ${step.method}`);
        }
      } catch (error) {
        problems.push(`${spec.name}: ${(error as Error).message}`);
      }
    });
  }
  assert.deepEqual(problems, []);
});
