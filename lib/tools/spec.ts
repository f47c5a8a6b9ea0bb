/**
 * The declarative shape of a tool. Every tool is data: a name, where it belongs, what kind of
 * operation it is, its zod input and a function that performs the request. Annotations, selection
 * and result shaping are derived from these fields in one place each.
 *
 * @module
 */

import type { z } from "zod";
import type { ToolAnnotations } from "@modelcontextprotocol/server";
import type { ZscalerClient } from "../zscaler/mod.ts";

/** The Zscaler services, named as the reference server names them. */
export const SERVICES = [
  "zia",
  "zpa",
  "zdx",
  "zcc",
  "zid",
  "ztw",
  "zeasm",
  "zins",
  "zms",
  "zcell",
] as const;

/** One of {@link SERVICES}. */
export type ServiceName = (typeof SERVICES)[number];

/** What a tool does to the tenant. Everything but `read` is a write. */
export type ToolKind = "read" | "create" | "update" | "delete" | "action";

/** What a tool's handler gets besides its arguments. */
export interface ToolContext {
  client: ZscalerClient;
  /** The ZPA customer id from config (validated before any ZPA tool is registered). */
  customerId: string;
  /** Aborted when the client cancels the call or the server shuts down. */
  signal: AbortSignal;
  /**
   * Reports progress (records fetched so far) to a client that sent a progress token; a no-op
   * otherwise. List tools call it once per upstream page.
   */
  progress?: (done: number, message?: string) => void;
}

/** What a handler returns: the records, and whether they are a list. */
export interface ToolData {
  data: unknown;
  /** A list result: `data` is an array and the `query` argument applies to it. */
  list?: boolean;
  /** The list was cut short at `max_results`. */
  truncated?: boolean;
  /** A line for the model after the data, e.g. that ZIA changes wait for activation. */
  note?: string;
}

/** What a confirmation prompt says about the target of a destructive call. */
export interface ConfirmationTarget {
  /** The verb, e.g. "Delete" or "Activate". */
  operation: string;
  /** What kind of thing, e.g. "ZIA URL filtering rule". */
  resourceType: string;
  /** Its name as the tenant has it (looked up by id), when there is one. */
  name?: string;
  id?: string;
  /** One more line of context, e.g. what activation will make live. */
  detail?: string;
}

/** How a destructive tool describes what it is about to do, for the human who must approve it. */
export interface ConfirmationSpec<Args = Record<string, unknown>> {
  /**
   * Looks the target up (a read, never a write) and describes it. A failed lookup still yields a
   * target (with the id only); the confirmation is asked all the same.
   */
  describe(args: Args, ctx: ToolContext): Promise<ConfirmationTarget>;
}

/**
 * How the generated per-tool test (tests/tools/catalog_calls.test.ts) calls a tool against the
 * simulated tenant: fixed arguments, plus arguments looked up from another tool's result (ids of
 * records the tenant really has).
 */
export interface ToolExample {
  /** Fixed arguments. */
  args?: Record<string, unknown>;
  /**
   * Arguments filled in first, by name: call `tool` with `args` and apply the JMESPath `query` to
   * its `structuredContent` (e.g. `items[0].id`, `items[?name=='Unused'].id | [0]`).
   */
  lookups?: Record<string, { tool: string; args?: Record<string, unknown>; query: string }>;
}

/** One tool, declaratively. */
export interface ToolSpec<Input extends z.ZodObject = z.ZodObject> {
  name: string;
  service: ServiceName;
  toolset: string;
  kind: ToolKind;
  title: string;
  /** What it does and when an agent should use it. */
  description: string;
  input: Input;
  /**
   * The upstream requests it makes, in order, for documentation and tests: `METHOD /path` with
   * `{placeholders}` for path values, several joined by `, then `, e.g.
   * `GET /zia/api/v1/urlFilteringRules/{id}, then PUT /zia/api/v1/urlFilteringRules/{id}`.
   * ZPA paths are written in full: `/zpa/mgmtconfig/v1/admin/customers/{customerId}/…`.
   */
  request: string;
  /** How the generated per-tool test calls it (required for ZIA and ZPA tools). */
  example?: ToolExample;
  run(args: z.output<Input>, ctx: ToolContext): Promise<ToolData>;
  /**
   * Present on every delete and on other actions that cannot be undone (ZIA activation): the call
   * runs only after a human approves it.
   */
  confirmation?: ConfirmationSpec<z.output<Input>>;
  /** Argument names whose values are secret (VPN pre-shared keys…): redacted from the audit log. */
  sensitive?: readonly string[];
  /**
   * Returns content authored outside the admin team (identity-provider records, reports,
   * inventories): the result is labelled as untrusted data for the model and the client.
   */
  untrusted?: boolean;
}

/** True for tools that need a human's approval before they run. */
export function needsConfirmation(spec: Pick<ToolSpec, "kind" | "confirmation">): boolean {
  return spec.kind === "delete" || spec.confirmation !== undefined;
}

/** True for tools that change the tenant. */
export function isWrite(spec: Pick<ToolSpec, "kind">): boolean {
  return spec.kind !== "read";
}

/** MCP tool annotations derived from the kind (never written by hand per tool). */
export function annotationsFor(spec: Pick<ToolSpec, "kind" | "title">): ToolAnnotations {
  const read = spec.kind === "read";
  return {
    title: spec.title,
    readOnlyHint: read,
    destructiveHint: spec.kind === "update" || spec.kind === "delete" || spec.kind === "action",
    idempotentHint: read || spec.kind === "update" || spec.kind === "delete",
    openWorldHint: true,
  };
}
