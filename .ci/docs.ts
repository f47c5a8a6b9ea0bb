/**
 * `deno task docs`: rewrites the generated tool reference in README.md from the catalog.
 * `deno task docs --check` exits 1 when README.md is out of date (tests/tools/tool_reference.test.ts
 * runs the same check in the suite).
 */

import { CATALOG } from "../lib/tools/mod.ts";
import { renderToolReference, replaceToolReference } from "../lib/cli/tool_reference.ts";

const path = new URL("../README.md", import.meta.url);
const current = await Deno.readTextFile(path);
const next = replaceToolReference(current, renderToolReference(CATALOG));
if (Deno.args.includes("--check")) {
  if (next !== current) {
    console.error("README.md tool reference is out of date: run `deno task docs`");
    Deno.exit(1);
  }
  console.log("README.md tool reference is current");
} else if (next !== current) {
  await Deno.writeTextFile(path, next);
  console.log("README.md tool reference updated");
} else {
  console.log("README.md tool reference already current");
}
