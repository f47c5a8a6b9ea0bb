/**
 * Operator scenarios end to end: one simulated tenant, one real server process with every ZIA and
 * ZPA write tool allowlisted, and MCP SDK v2 clients standing in for an operator's agent. The
 * client has a human behind it: every confirmation prompt (2026-07-28 input request, 2025-11-25
 * elicitation) is recorded and answered the way the test says.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import type { RecordedRequest } from "../../lib/sim/mod.ts";
import { sanitizeValue } from "../../lib/sanitize/mod.ts";
import type { Era } from "./clients.ts";
import { type ServerProcess, startHttpServer } from "./server_process.ts";
import { startTestSim, type TestSim } from "./sim.ts";

/**
 * The server flags of every scenario: write tools on, every ZIA and ZPA write allowlisted, and
 * the audit log on (to stderr) so a scenario can check what it records.
 */
export const SCENARIO_FLAGS: readonly string[] = [
  "--enable-write-tools",
  "--write-tools",
  "zia_*,zpa_*",
  "--log-tool-calls",
];

/** The ZIA API base on the gateway. */
export const ZIA = "/zia/api/v1";

/** How the human answers a confirmation prompt. */
export type Answer = "accept" | "decline";

/** A record as a tool or the tenant returns it. */
export type Row = Record<string, unknown>;

/** A tool result, as the SDK client returns it. */
export type ToolResult = Awaited<ReturnType<Client["callTool"]>>;

/** What a successful call gave the agent. */
export interface Answered {
  /** `structuredContent`. */
  data: Row;
  /** Every text block, joined by newlines. */
  text: string;
}

/** The text blocks of a result, joined by newlines. */
export function textOf(result: ToolResult): string {
  return (result.content as { type: string; text?: string }[])
    .map((block) => block.text ?? "").join("\n");
}

/** An operator's agent connected to the server, with the human who answers its prompts. */
export class Operator {
  /** The connected SDK client. */
  readonly client: Client;
  /** Every confirmation prompt the human was shown, in order. */
  readonly asked: string[] = [];
  /** How the human answers the next prompts (accept unless a step says otherwise). */
  answer: Answer = "accept";

  private constructor(client: Client) {
    this.client = client;
  }

  /** Connects an agent to `url` in protocol era `era`, declaring that it can ask its human. */
  static async connect(url: string, era: Era): Promise<Operator> {
    const client = new Client(
      { name: "scenario-operator", version: "1.0.0" },
      {
        capabilities: { elicitation: { form: {} } },
        ...(era === "2026-07-28" ? { versionNegotiation: { mode: { pin: era } } } : {}),
      },
    );
    const operator = new Operator(client);
    client.setRequestHandler("elicitation/create", (request) => {
      operator.asked.push((request.params as { message: string }).message);
      return Promise.resolve(
        operator.answer === "accept"
          ? { action: "accept", content: { confirm: true } }
          : { action: "decline" },
      );
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    return operator;
  }

  /** Calls a tool and returns the raw result. */
  async call(name: string, args: Row = {}): Promise<ToolResult> {
    return await this.client.callTool({ name, arguments: args });
  }

  /** Calls a tool that must succeed without asking the human anything. */
  async ok(name: string, args: Row = {}): Promise<Answered> {
    const before = this.asked.length;
    const result = await this.call(name, args);
    assert.notEqual(result.isError, true, `${name}: ${textOf(result)}`);
    assert.equal(this.asked.length, before, `${name} must not ask for a confirmation`);
    return { data: result.structuredContent as Row, text: textOf(result) };
  }

  /**
   * Calls a tool that must ask the human exactly once; returns the prompt and the result (which
   * may be an error: a declined prompt, or a refusal by the tenant after an approval).
   */
  async confirmed(
    name: string,
    args: Row = {},
  ): Promise<{ prompt: string; result: ToolResult }> {
    const before = this.asked.length;
    const result = await this.call(name, args);
    assert.equal(this.asked.length, before + 1, `${name} asks exactly once: ${textOf(result)}`);
    return { prompt: this.asked[before], result };
  }

  /** Like {@link confirmed}, for a call that must then succeed. */
  async approved(name: string, args: Row = {}): Promise<Answered & { prompt: string }> {
    const { prompt, result } = await this.confirmed(name, args);
    assert.notEqual(result.isError, true, `${name}: ${textOf(result)}`);
    return { prompt, data: result.structuredContent as Row, text: textOf(result) };
  }

  /** Disconnects. */
  async close(): Promise<void> {
    await this.client.close();
  }
}

/** The first line of a confirmation prompt for a delete, as the server words it. */
export function deletePrompt(resourceType: string, name: string, id: string | number): string {
  return `Delete ${resourceType} "${name}" (id ${id})?`;
}

/** A tenant, a server in front of it, and a way to stop both. */
export interface Stage {
  sim: TestSim;
  server: ServerProcess;
  /** Stops the server, then the tenant. */
  close(): Promise<void>;
}

/** Starts the simulated tenant and the real server process with {@link SCENARIO_FLAGS}. */
export async function startStage(): Promise<Stage> {
  const sim = await startTestSim();
  try {
    const server = await startHttpServer([...SCENARIO_FLAGS], sim.env);
    return {
      sim,
      server,
      async close() {
        await server.stop();
        await sim.close();
      },
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/** The audit lines the server wrote so far for `tool`, parsed. */
export function auditOf(server: ServerProcess, tool: string): Row[] {
  return server.stderr().split("\n").filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Row).filter((event) => event.tool === tool);
}

/** What the agent should see for a tenant path: the tenant's own answer, sanitized. */
export async function oracle(sim: TestSim, path: string): Promise<unknown> {
  return sanitizeValue(await sim.get(path));
}

/**
 * The requests the tenant received with `method` on exactly `path`, from the `since`-th request
 * on (a mark taken with `sim.tenant.requests.length`; the tenant may reuse a deleted object's id).
 */
export function received(
  sim: TestSim,
  method: string,
  path: string,
  since = 0,
): RecordedRequest[] {
  return sim.tenant.requests.slice(since).filter((r) => r.method === method && r.path === path);
}

/** What a delete in a scenario should name and send. */
export interface ExpectedDelete {
  /** The resource type as the prompt words it, e.g. "ZPA server group". */
  type: string;
  name: string;
  id: number | string;
  /** The tenant path the one DELETE must reach. */
  path: string;
}

/**
 * Calls a delete tool the operator approves and checks what every delete must do: the prompt
 * names the resource, and the tenant received exactly one DELETE on its path, answered 204.
 * Returns the tool's result for the service-specific checks.
 */
export async function approvedDelete(
  operator: Operator,
  stage: Stage,
  tool: string,
  args: Row,
  expected: ExpectedDelete,
): Promise<{ data: Row; text: string }> {
  const mark = stage.sim.tenant.requests.length;
  const { prompt, data, text } = await operator.approved(tool, args);
  assert.equal(prompt.split("\n")[0], deletePrompt(expected.type, expected.name, expected.id));
  const deletes = received(stage.sim, "DELETE", expected.path, mark);
  assert.equal(deletes.length, 1, `one DELETE ${expected.path}`);
  assert.equal(deletes[0].status, 204);
  return { data, text };
}
