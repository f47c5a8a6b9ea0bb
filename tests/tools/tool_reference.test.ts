import assert from "node:assert/strict";
import { CATALOG } from "../../lib/tools/mod.ts";
import {
  REFERENCE_END,
  REFERENCE_START,
  renderToolReference,
  replaceToolReference,
  summaryOf,
} from "../../lib/cli/tool_reference.ts";

Deno.test("README.md: the tool reference is generated from the catalog and current", async () => {
  const readme = await Deno.readTextFile(new URL("../../README.md", import.meta.url));
  assert.equal(
    replaceToolReference(readme, renderToolReference(CATALOG)),
    readme,
    "README.md tool reference is out of date: run `deno task docs`",
  );
  for (const spec of CATALOG) assert.ok(readme.includes(`| \`${spec.name}\` |`), spec.name);
});

Deno.test("tool reference: first sentences, escaped pipes, markers required", () => {
  assert.equal(summaryOf("Lists rules. Use query to filter."), "Lists rules.");
  assert.equal(summaryOf("a | b"), "a \\| b");
  assert.throws(() => replaceToolReference("no markers", "x"), /needs the lines/);
  const doc = `a\n${REFERENCE_START}\nold\n${REFERENCE_END}\nb`;
  assert.equal(
    replaceToolReference(doc, "new"),
    `a\n${REFERENCE_START}\n\nnew\n\n${REFERENCE_END}\nb`,
  );
});
