/**
 * The benchmark scripts `deno task bench` runs after `deno bench` (the micro-benchmarks in
 * `*.bench.ts`): pipeline overhead end to end, where the time goes, cold start and memory, and the
 * large tenant. Each prints its own tables with the machine, date and command; every server it
 * starts listens on 127.0.0.1 and is stopped before the next bench begins.
 *
 * @module
 */

import { coldStartBench } from "./cold_start.ts";
import { defencesBench } from "./defences.ts";
import { largeTenantBench } from "./large_tenant.ts";
import { pipelineBench } from "./pipeline.ts";
import { loadAverage } from "./support/machine.ts";
import { removeScratch } from "./support/process.ts";
import { closeTasks } from "./support/task.ts";

const started = performance.now();
try {
  const ratios = await pipelineBench();
  await defencesBench();
  await coldStartBench();
  await largeTenantBench();
  console.log("\n=== summary ===");
  for (const [tool, ratio] of Object.entries(ratios)) {
    console.log(
      `pipeline ${tool}: full stack keeps ${(ratio * 100).toFixed(1)}% of bare throughput ` +
        `(target ≥ 90%: ${ratio >= 0.9 ? "met" : "MISSED"})`,
    );
  }
  console.log(
    `bench scripts took ${((performance.now() - started) / 1000).toFixed(0)} s; ` +
      `load average at the end ${loadAverage()}`,
  );
} finally {
  closeTasks();
  removeScratch();
}
