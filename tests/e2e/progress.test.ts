/**
 * List tools report progress per upstream page when the client sends a progress token, in both
 * protocol eras, through the real server process against the simulator.
 */

import assert from "node:assert/strict";
import { connectHttp, ERAS } from "../helpers/clients.ts";
import { startHttpServer } from "../helpers/server_process.ts";
import { startTestSim } from "../helpers/sim.ts";

Deno.test("list tools send notifications/progress per page when asked", async (t) => {
  const sim = await startTestSim();
  const server = await startHttpServer([], sim.env);
  try {
    for (const era of ERAS) {
      await t.step(era, async () => {
        const client = await connectHttp(server.url, era);
        try {
          const updates: { progress: number; message?: string }[] = [];
          // max_results 2 asks ZPA for one page of 3 (one record more than asked, to know
          // whether the list was cut short).
          const result = await client.callTool(
            { name: "zpa_list_segment_groups", arguments: { max_results: 2 } },
            { onprogress: (update) => updates.push(update) },
          );
          assert.notEqual(result.isError, true);
          assert.equal((result.structuredContent as { count: number }).count, 2);
          assert.deepEqual(updates.map((u) => u.progress), [3], "one page of three records");
          assert.match(updates[0].message ?? "", /^3 records fetched$/);

          // Without a token nothing is sent (and nothing fails).
          const quiet = await client.callTool({
            name: "zpa_list_segment_groups",
            arguments: { max_results: 2 },
          });
          assert.notEqual(quiet.isError, true);
        } finally {
          await client.close();
        }
      });
    }
  } finally {
    await server.stop();
    await sim.close();
  }
});
