/**
 * The generated per-tool test: every ZIA and ZPA tool in the catalog is called through the real
 * server process by the MCP SDK v2 client (write tools enabled and allowlisted, deletes approved
 * by the client's elicitation handler) against the simulated tenant over real HTTP. For each tool
 * the simulator must have received exactly the method and path of the spec's `request` (and
 * every write it received must be one of them), and the result must be a success of the right
 * shape. Each tool runs on a freshly reset tenant, with ids looked up from the tenant as the
 * spec's `example` says.
 */

import assert from "node:assert/strict";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { applyQuery } from "../../lib/tools/query.ts";
import { CATALOG, type ToolSpec } from "../../lib/tools/mod.ts";
import type { RecordedRequest } from "../../lib/sim/mod.ts";
import { requestSteps, stepPattern } from "../helpers/endpoints.ts";
import { startHttpServer } from "../helpers/server_process.ts";
import { startTestSim, type TestSim } from "../helpers/sim.ts";

const SERVICE_TOOLS = CATALOG.filter((spec) => spec.service === "zia" || spec.service === "zpa");
const ALL_WRITES = "zia_*,zpa_*";

type Result = Awaited<ReturnType<Client["callTool"]>>;

function describe(result: Result): string {
  return JSON.stringify(result.content).slice(0, 600);
}

async function connect(url: string): Promise<Client> {
  const client = new Client(
    { name: "catalog-calls", version: "1" },
    {
      capabilities: { elicitation: { form: {} } },
      versionNegotiation: { mode: { pin: "2026-07-28" } },
    },
  );
  client.setRequestHandler(
    "elicitation/create",
    () => Promise.resolve({ action: "accept", content: { confirm: true } }),
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

/** The example's arguments, with looked-up ids filled in from the tenant. */
async function argumentsFor(client: Client, spec: ToolSpec): Promise<Record<string, unknown>> {
  const args: Record<string, unknown> = { ...spec.example?.args };
  for (const [name, lookup] of Object.entries(spec.example?.lookups ?? {})) {
    const result = await client.callTool({ name: lookup.tool, arguments: lookup.args ?? {} });
    assert.notEqual(result.isError, true, `lookup ${lookup.tool} for ${name}: ${describe(result)}`);
    const value = applyQuery(result.structuredContent, lookup.query);
    assert.ok(
      value !== null && value !== undefined,
      `lookup ${lookup.tool} | ${lookup.query} found nothing for ${spec.name}.${name}`,
    );
    args[name] = value;
  }
  return args;
}

/**
 * The spec's steps must appear in order among the recorded requests; extra requests may only be
 * reads (pages, the lookup a confirmation makes); every write received must be a step.
 */
export function checkRequests(spec: ToolSpec, received: readonly RecordedRequest[]): void {
  const steps = requestSteps(spec.request).map((step) => ({
    method: step.method,
    pattern: stepPattern(step.path),
    text: `${step.method} ${step.path}`,
  }));
  const seen = received.map((r) => `${r.method} ${r.path}`);
  let next = 0;
  for (const request of received) {
    if (
      next < steps.length && request.method === steps[next].method &&
      steps[next].pattern.test(request.path)
    ) next++;
  }
  assert.equal(
    next,
    steps.length,
    `${spec.name}: expected ${steps.map((s) => s.text).join(" → ")}; the tenant received ` +
      `${seen.join(" → ") || "nothing"}`,
  );
  for (const request of received) {
    if (request.method === "GET") continue;
    assert.ok(
      steps.some((step) => step.method === request.method && step.pattern.test(request.path)),
      `${spec.name}: unexpected write ${request.method} ${request.path}`,
    );
  }
}

async function exercise(client: Client, sim: TestSim, spec: ToolSpec): Promise<void> {
  sim.tenant.reset();
  const args = await argumentsFor(client, spec);
  const mark = sim.tenant.requests.length;
  const result = await client.callTool({ name: spec.name, arguments: args });
  assert.notEqual(
    result.isError,
    true,
    `${spec.name}(${JSON.stringify(args)}): ${describe(result)}`,
  );
  const received = sim.tenant.requests.slice(mark).filter((r) => r.service !== "token");
  checkRequests(spec, received);
  for (const request of received) {
    assert.ok(
      request.status < 400,
      `${spec.name}: ${request.method} ${request.path} → ${request.status}`,
    );
  }
  const structured = result.structuredContent as Record<string, unknown> | undefined;
  assert.ok(structured && typeof structured === "object", `${spec.name}: structured content`);
  if ("items" in structured && spec.kind === "read") {
    assert.ok(Array.isArray(structured.items), `${spec.name}: items is a list`);
    assert.equal(structured.count, (structured.items as unknown[]).length);
  }
}

Deno.test("every ZIA and ZPA tool, called through the real server against the simulator", async (t) => {
  const sim = await startTestSim();
  const server = await startHttpServer(
    ["--enable-write-tools", "--write-tools", ALL_WRITES],
    sim.env,
  );
  const client = await connect(server.url);
  try {
    const { tools } = await client.listTools();
    const listed = new Set(tools.map((tool) => tool.name));
    for (const spec of SERVICE_TOOLS) {
      await t.step(spec.name, async () => {
        assert.ok(listed.has(spec.name), `${spec.name} is registered`);
        await exercise(client, sim, spec);
      });
    }
  } finally {
    await client.close();
    await server.stop();
    await sim.close();
  }
});

Deno.test("checkRequests: order, extra reads and stray writes", () => {
  const spec = {
    name: "t",
    request: "GET /zia/api/v1/x/{id}, then PUT /zia/api/v1/x/{id}",
  } as ToolSpec;
  const r = (method: string, path: string) => ({ method, path }) as RecordedRequest;
  checkRequests(spec, [r("GET", "/zia/api/v1/x/5"), r("PUT", "/zia/api/v1/x/5")]);
  checkRequests(spec, [
    r("GET", "/zia/api/v1/other"),
    r("GET", "/zia/api/v1/x/5"),
    r("PUT", "/zia/api/v1/x/5"),
  ]);
  assert.throws(() => checkRequests(spec, [r("PUT", "/zia/api/v1/x/5")]), /expected GET/);
  assert.throws(
    () => checkRequests(spec, [r("GET", "/zia/api/v1/x/5"), r("PUT", "/zia/api/v1/x/5/y")]),
    /expected/,
  );
  assert.throws(
    () =>
      checkRequests(spec, [
        r("GET", "/zia/api/v1/x/5"),
        r("DELETE", "/zia/api/v1/x/5"),
        r("PUT", "/zia/api/v1/x/5"),
      ]),
    /unexpected write DELETE/,
  );
});
