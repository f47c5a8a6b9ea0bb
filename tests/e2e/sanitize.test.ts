/**
 * Output sanitization end to end: the simulated tenant returns planted prompt-injection payloads
 * through real tools, over HTTP and stdio, and the client sees none of them, in text or in
 * structuredContent. With the one switch that turns it off, they come through and the banner says
 * so.
 */

import assert from "node:assert/strict";
import type { Client } from "@modelcontextprotocol/client";
import { PLANTED_PAYLOADS } from "../../lib/sim/mod.ts";
import { UNTRUSTED_META_KEY, UNTRUSTED_NOTICE } from "../../lib/tools/mod.ts";
import { connectHttp, connectStdio } from "../helpers/clients.ts";
import { startHttpServer } from "../helpers/server_process.ts";
import { startTestSim } from "../helpers/sim.ts";

/** Tool calls that reach each planted payload, keyed by the payload's `where`. */
const REACH: Record<string, [string, Record<string, unknown>]> = {
  "zia.urlFilteringRules[1690001].description": ["zia_get_url_filtering_rule", {
    rule_id: 1690001,
  }],
  "zia.locations[149870004].name": ["zia_get_location", { location_id: 149870004 }],
  "zia.urlCategories[CUSTOM_02].description": ["zia_get_url_category", {
    category_id: "CUSTOM_02",
  }],
  "zia.users[165300009].comments": ["get_zia_users", {}],
  "zpa.application[216196257331450003].description": [
    "zpa_get_application_segment",
    { segment_id: "216196257331450003" },
  ],
};

/** What must not survive: the carrier part of each marker (the visible words may stay). */
function carrier(marker: string): string {
  return marker === "```system" ? "```system" : marker.startsWith("![") ? "![x](" : marker;
}

const reachable = PLANTED_PAYLOADS.filter((payload) => REACH[payload.where]);

async function everything(client: Client): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  for (const payload of reachable) {
    const [name, args] = REACH[payload.where];
    const result = await client.callTool({ name, arguments: args });
    assert.notEqual(result.isError, true, JSON.stringify(result.content));
    seen.set(payload.where, JSON.stringify([result.content, result.structuredContent]));
  }
  return seen;
}

Deno.test("planted payloads never reach the client (HTTP and stdio)", async (t) => {
  assert.ok(reachable.length >= 5, "the seed still plants the payloads this test reaches");
  const sim = await startTestSim();
  const server = await startHttpServer(["--log-tool-calls"], sim.env);
  try {
    const http = await connectHttp(server.url, "2026-07-28");
    const { client: stdio } = await connectStdio("2025-11-25", [], sim.env);
    for (const [transport, client] of [["http", http], ["stdio", stdio]] as const) {
      await t.step(transport, async () => {
        const seen = await everything(client);
        for (const payload of reachable) {
          const text = seen.get(payload.where)!;
          // JSON.stringify escapes control characters: check both the raw and escaped forms.
          const escaped = JSON.stringify(carrier(payload.marker)).slice(1, -1);
          assert.ok(!text.includes(carrier(payload.marker)), `${payload.where} leaked`);
          assert.ok(!text.includes(escaped), `${payload.where} leaked (escaped)`);
        }
        await client.close();
      });
    }
    assert.match(server.stderr(), /sanitization\s+on/);
    assert.match(
      server.stderr(),
      /warn: sanitizer removed content from a tool result tool=zia_get_location/,
    );
    const results = server.stderr().split("\n").filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line)).filter((event) => event.audit === "result");
    assert.ok(results.some((event) => event.sanitized > 0), "the audit counts what was removed");
  } finally {
    await server.stop();
    await sim.close();
  }
});

Deno.test("externally authored content is labelled for the model and the client", async () => {
  const sim = await startTestSim();
  const server = await startHttpServer([], sim.env);
  const client = await connectHttp(server.url, "2026-07-28");
  try {
    const users = await client.callTool({ name: "get_zia_users", arguments: {} });
    const content = users.content as { text: string }[];
    assert.equal(content[0].text, UNTRUSTED_NOTICE);
    assert.equal((users._meta as Record<string, unknown>)[UNTRUSTED_META_KEY], true);
    const rules = await client.callTool({ name: "zia_list_url_filtering_rules", arguments: {} });
    assert.notEqual((rules.content as { text: string }[])[0].text, UNTRUSTED_NOTICE);
  } finally {
    await client.close();
    await server.stop();
    await sim.close();
  }
});

Deno.test("only the environment variable turns sanitization off, and the banner warns", async () => {
  const sim = await startTestSim();
  const server = await startHttpServer([], {
    ...sim.env,
    ZSCALER_MCP_DISABLE_OUTPUT_SANITIZATION: "true",
  });
  const client = await connectHttp(server.url, "2026-07-28");
  try {
    assert.match(server.stderr(), /sanitization\s+OFF/);
    assert.match(server.stderr(), /warning: output SANITIZATION IS OFF/);
    const location = await client.callTool({
      name: "zia_get_location",
      arguments: { location_id: 149870004 },
    });
    assert.ok(JSON.stringify(location.structuredContent).includes("\u202E"), "raw when off");
  } finally {
    await client.close();
    await server.stop();
    await sim.close();
  }
});
