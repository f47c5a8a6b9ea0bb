/**
 * Drives tool specs against the simulated tenant over loopback HTTP with a real OneAPI client:
 * the simulator is the oracle (it was written from the API facts, not from the tools).
 */

import assert from "node:assert/strict";
import { type SimServer, startSimServer } from "../../lib/sim/mod.ts";
import {
  CATALOG,
  type ConfirmationTarget,
  type ToolContext,
  type ToolData,
  type ToolSpec,
} from "../../lib/tools/mod.ts";
import { ZscalerClient } from "../../lib/zscaler/mod.ts";

/** A running simulator and the context a tool handler gets. */
export interface SimRun {
  sim: SimServer;
  ctx: ToolContext;
  /** The ZPA management base path of the simulated customer (v1). */
  zpaBase: string;
  /** The same under v2. */
  zpaBaseV2: string;
}

/** Starts a simulator, runs `fn`, closes the simulator whatever happens. */
export async function withSim(fn: (run: SimRun) => Promise<void>): Promise<void> {
  const sim = await startSimServer();
  const { clientId, clientSecret } = sim.tenant.options.clients[0];
  const client = new ZscalerClient({
    tokenUrl: sim.tokenUrl,
    apiBaseUrl: sim.apiBaseUrl,
    credentials: { clientId, clientSecret },
    backoffBaseMs: 1,
  });
  const customerId = sim.tenant.options.customerId;
  try {
    await fn({
      sim,
      ctx: { client, customerId, signal: new AbortController().signal },
      zpaBase: `/zpa/mgmtconfig/v1/admin/customers/${customerId}`,
      zpaBaseV2: `/zpa/mgmtconfig/v2/admin/customers/${customerId}`,
    });
  } finally {
    await sim.close();
  }
}

/** The catalog tool with this name. */
export function tool(name: string): ToolSpec {
  const spec = CATALOG.find((candidate) => candidate.name === name);
  assert.ok(spec, `${name} is in the catalog`);
  return spec;
}

/** Validates the arguments as the MCP server does (defaults applied), then runs the tool. */
export function call(
  name: string,
  args: Record<string, unknown>,
  ctx: ToolContext,
): Promise<ToolData> {
  const spec = tool(name);
  return spec.run(spec.input.parse(args), ctx);
}

/** What the tool's confirmation tells the human who must approve the call. */
export function describeTarget(
  name: string,
  args: Record<string, unknown>,
  ctx: ToolContext,
): Promise<ConfirmationTarget> {
  const spec = tool(name);
  assert.ok(spec.confirmation, `${name} has a confirmation`);
  return spec.confirmation.describe(spec.input.parse(args), ctx);
}

/** Zod's refusal of arguments, as the issue messages and paths. */
export function refusal(name: string, args: Record<string, unknown>): string[] {
  const result = tool(name).input.safeParse(args);
  assert.equal(result.success, false, `${name} refuses ${JSON.stringify(args)}`);
  return result.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

/** A recorded API request (token requests left out). */
export interface Sent {
  line: string;
  body: unknown;
}

/** Runs `fn` and returns it with the API requests the simulator received meanwhile. */
export async function recording<T>(
  sim: SimServer,
  fn: () => Promise<T>,
): Promise<{ result: T; sent: Sent[]; lines: string[] }> {
  const start = sim.tenant.requests.length;
  const result = await fn();
  const sent = sim.tenant.requests.slice(start)
    .filter((request) => request.service !== "token")
    .map((request) => ({ line: `${request.method} ${request.path}`, body: request.body }));
  return { result, sent, lines: sent.map((request) => request.line) };
}

/** The object a tool returned, as a record. */
export function record(out: ToolData): Record<string, unknown> {
  assert.equal(typeof out.data, "object");
  assert.notEqual(out.data, null);
  return out.data as Record<string, unknown>;
}
