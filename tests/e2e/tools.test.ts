/**
 * The first tools end to end: the real server process (HTTP and stdio), the SDK v2 client in both
 * protocol eras, the simulated tenant over real HTTP. Each tool's output is compared with what the
 * simulator serves for the same path, fetched directly and sanitized (tests/e2e/sanitize.test.ts
 * shows the planted payloads are what sanitizing removes).
 */

import assert from "node:assert/strict";
import type { Client } from "@modelcontextprotocol/client";
import { connectHttp, connectStdio, type Era, ERAS } from "../helpers/clients.ts";
import { startHttpServer } from "../helpers/server_process.ts";
import { startTestSim, type TestSim } from "../helpers/sim.ts";
import { sanitizeValue } from "../../lib/sanitize/mod.ts";
import { renderTable } from "../../lib/tools/table.ts";
import { CATALOG, isWrite } from "../../lib/tools/mod.ts";

/** Without write settings, exactly the read tools are registered. */
const EXPECTED_TOOLS = CATALOG.filter((spec) => !isWrite(spec)).map((spec) => spec.name).sort();

type Row = Record<string, unknown>;

/** What the model should see for a simulator path: the raw answer, sanitized. */
async function seen(sim: TestSim, path: string): Promise<unknown> {
  return sanitizeValue(await sim.get(path));
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = await client.callTool({ name, arguments: args });
  assert.notEqual(result.isError, true, `${name}: ${JSON.stringify(result.content)}`);
  // The data is the last block (an untrusted-content notice may come first).
  const text = (result.content as { type: string; text: string }[]).at(-1)!.text;
  return { structured: result.structuredContent as Row, text };
}

async function items(client: Client, name: string, args: Record<string, unknown> = {}) {
  const { structured, text } = await call(client, name, args);
  // The text is a table for flat records and JSON otherwise; either way it says the same.
  assert.equal(
    text,
    renderTable(structured.items as unknown[]) ?? JSON.stringify(structured.items),
    `${name}: text and structured content agree`,
  );
  assert.equal(structured.count, (structured.items as unknown[]).length);
  return structured.items as Row[];
}

/** Checks the first tools' answers against the simulator, field for field. */
async function exerciseTools(client: Client, sim: TestSim): Promise<void> {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((tool) => tool.name).sort(), EXPECTED_TOOLS);
  for (const tool of tools) {
    assert.equal(tool.annotations?.readOnlyHint, true, tool.name);
    assert.equal(tool.annotations?.destructiveHint, false, tool.name);
  }

  const zia = "/zia/api/v1";
  assert.deepEqual(
    (await call(client, "zia_get_activation_status")).structured,
    await seen(sim, `${zia}/status`),
  );

  const ziaReads = [
    ["zia_list_url_filtering_rules", "zia_get_url_filtering_rule", "rule_id", "urlFilteringRules"],
    [
      "zia_list_cloud_firewall_rules",
      "zia_get_cloud_firewall_rule",
      "rule_id",
      "firewallFilteringRules",
    ],
    ["zia_list_locations", "zia_get_location", "location_id", "locations"],
  ] as const;
  for (const [list, get, idArg, collection] of ziaReads) {
    const expected = await seen(sim, `${zia}/${collection}`) as Row[];
    const listed = await items(client, list);
    assert.ok(expected.length > 0, `${collection} is seeded`);
    assert.deepEqual(listed, expected, list);
    const one = await call(client, get, { [idArg]: expected[0].id });
    assert.deepEqual(
      one.structured,
      await seen(sim, `${zia}/${collection}/${expected[0].id}`),
      get,
    );
  }

  const custom = await seen(sim, `${zia}/urlCategories?customOnly=true`) as Row[];
  assert.deepEqual(await items(client, "zia_list_url_categories", { custom_only: true }), custom);
  const all = await seen(sim, `${zia}/urlCategories`) as Row[];
  assert.deepEqual(await items(client, "zia_list_url_categories", { max_results: 10_000 }), all);
  const withUrls = custom.find((category) => (category.urls as string[] | undefined)?.length);
  assert.ok(withUrls, "a custom category with URLs is seeded");
  const url = (withUrls.urls as string[])[0];
  const covering = await items(client, "zia_list_url_categories", {
    contains_url: `https://${url}`,
  });
  assert.ok(covering.some((category) => category.id === withUrls.id), `${url} is covered`);
  assert.deepEqual(
    (await call(client, "zia_get_url_category", { category_id: withUrls.id })).structured,
    await seen(sim, `${zia}/urlCategories/${withUrls.id}`),
  );

  assert.deepEqual(await items(client, "get_zia_users"), await seen(sim, `${zia}/users`));

  const zpa = `/zpa/mgmtconfig/v1/admin/customers/${sim.tenant.options.customerId}`;
  const zpaReads = [
    ["zpa_list_application_segments", "zpa_get_application_segment", "segment_id", "application"],
    ["zpa_list_segment_groups", "zpa_get_segment_group", "group_id", "segmentGroup"],
    ["zpa_list_server_groups", "zpa_get_server_group", "group_id", "serverGroup"],
    [
      "zpa_list_app_connector_groups",
      "zpa_get_app_connector_group",
      "group_id",
      "appConnectorGroup",
    ],
  ] as const;
  for (const [list, get, idArg, collection] of zpaReads) {
    const expected = (await seen(sim, `${zpa}/${collection}?pagesize=500`) as { list: Row[] }).list;
    assert.ok(expected.length > 0, `${collection} is seeded`);
    assert.deepEqual(await items(client, list), expected, list);
    const id = expected[0].id as string;
    assert.equal(typeof id, "string");
    const one = await call(client, get, { [idArg]: id });
    assert.deepEqual(one.structured, await seen(sim, `${zpa}/${collection}/${id}`), get);
  }
}

/** Connects, checks the negotiated era, runs every tool, disconnects. */
async function exerciseEra(connect: () => Promise<Client>, era: Era, sim: TestSim): Promise<void> {
  const client = await connect();
  try {
    assert.equal(client.getNegotiatedProtocolVersion(), era);
    await exerciseTools(client, sim);
  } finally {
    await client.close();
  }
}

Deno.test("HTTP: every first tool works for both protocol eras", async (t) => {
  const sim = await startTestSim();
  const server = await startHttpServer([], sim.env);
  try {
    for (const era of ERAS) {
      await t.step(era, () => exerciseEra(() => connectHttp(server.url, era), era, sim));
    }
  } finally {
    const { code } = await server.stop();
    assert.equal(code, 0);
    await sim.close();
  }
});

Deno.test("stdio: every first tool works for both protocol eras", async (t) => {
  const sim = await startTestSim();
  try {
    for (const era of ERAS) {
      await t.step(
        era,
        () => exerciseEra(async () => (await connectStdio(era, [], sim.env)).client, era, sim),
      );
    }
  } finally {
    await sim.close();
  }
});

Deno.test("list tools: query, max_results, search; errors are clear tool results", async () => {
  const sim = await startTestSim();
  const server = await startHttpServer([], sim.env);
  const client = await connectHttp(server.url, "2026-07-28");
  try {
    const rules = await seen(sim, "/zia/api/v1/urlFilteringRules") as Row[];
    const names = await call(client, "zia_list_url_filtering_rules", { query: "[].name" });
    assert.deepEqual(names.structured.items, rules.map((rule) => rule.name));

    const projected = await call(client, "zia_list_locations", { query: "length(@)" });
    assert.equal(
      projected.structured.result,
      (await seen(sim, "/zia/api/v1/locations") as Row[]).length,
    );

    const cut = await call(client, "zia_list_url_filtering_rules", { max_results: 2 });
    assert.equal((cut.structured.items as Row[]).length, 2);
    assert.equal(cut.structured.truncated, true);
    assert.match(cut.text, /Only the first 2 records/);

    const first = rules[0].name as string;
    const searched = await items(client, "zia_list_url_filtering_rules", {
      search: first.slice(0, 6),
    });
    assert.ok(searched.some((rule) => rule.name === first));
    assert.ok(
      searched.every((rule) =>
        (rule.name as string).toLowerCase().includes(first.slice(0, 6).toLowerCase())
      ),
    );

    const before = sim.tenant.requests.length;
    const badQuery = await client.callTool({
      name: "zia_list_locations",
      arguments: { query: "[?" },
    });
    assert.equal(badQuery.isError, true);
    assert.match(JSON.stringify(badQuery.content), /invalid JMESPath expression/);
    const badId = await client.callTool({
      name: "zpa_get_segment_group",
      arguments: { group_id: "../x" },
    });
    assert.equal(badId.isError, true);
    assert.match(JSON.stringify(badId.content), /ZPA id/);
    const unknownArg = await client.callTool({
      name: "zia_get_location",
      arguments: { location_id: 1, x: 1 },
    });
    assert.equal(unknownArg.isError, true);
    assert.equal(sim.tenant.requests.length, before, "refused arguments never reach the tenant");

    const missing = await client.callTool({
      name: "zia_get_location",
      arguments: { location_id: 999999 },
    });
    assert.equal(missing.isError, true);
    const text = JSON.stringify(missing.content);
    assert.match(text, /404/);
    assert.doesNotMatch(text, /at .*\.ts:\d+/, "no stack trace");
  } finally {
    await client.close();
    await server.stop();
    await sim.close();
  }
});
