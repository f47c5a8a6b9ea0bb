/**
 * Builders that expand a short description of a read into a full {@link ToolSpec}: list tools get
 * `query` and `max_results`, get tools get a validated id. Service folders use these so that a new
 * resource is a few lines.
 *
 * @module
 */

import { z } from "zod";
import { DEFAULT_MAX_RESULTS, listFields } from "./inputs.ts";
import type { ServiceName, ToolContext, ToolSpec } from "./spec.ts";

interface Common {
  name: string;
  service: ServiceName;
  toolset: string;
  title: string;
  description: string;
  request: string;
}

/** The fields every read spec takes straight from its description. */
function readHeader({ name, service, toolset, title, description, request }: Common) {
  return { name, service, toolset, kind: "read" as const, title, description, request };
}

/** Describes a list tool. `fetch` returns at most `limit` records. */
export interface ListToolDef<Extra extends z.ZodRawShape> extends Common {
  /** Tool-specific filters, besides `query` and `max_results`. */
  filters: Extra;
  fetch(
    args: z.output<z.ZodObject<Extra>>,
    ctx: ToolContext,
    limit: number,
  ): Promise<unknown[]>;
}

/** Expands a list description into a spec; it asks for one record more to know when it cut short. */
export function listTool<Extra extends z.ZodRawShape>(def: ListToolDef<Extra>): ToolSpec {
  const input = z.strictObject({ ...def.filters, ...listFields });
  return {
    ...readHeader(def),
    input,
    async run(args, ctx) {
      const max = (args.max_results as number | undefined) ?? DEFAULT_MAX_RESULTS;
      const items = await def.fetch(args as z.output<z.ZodObject<Extra>>, ctx, max + 1);
      return { data: items.slice(0, max), list: true, truncated: items.length > max };
    },
  };
}

/** Describes a get-by-id tool. */
export interface GetToolDef<Id extends z.ZodType> extends Common {
  /** Name of the id argument, as the reference server names it. */
  idArg: string;
  id: Id;
  fetch(id: z.output<Id>, ctx: ToolContext): Promise<unknown>;
}

/** Expands a get description into a spec. */
export function getTool<Id extends z.ZodType>(def: GetToolDef<Id>): ToolSpec {
  const input = z.strictObject({ [def.idArg]: def.id });
  return {
    ...readHeader(def),
    input,
    async run(args, ctx) {
      return { data: await def.fetch(args[def.idArg] as z.output<Id>, ctx) };
    },
  };
}

/** Case-insensitive "contains" on any of the named string fields of a record. */
export function matchesText(record: unknown, fields: readonly string[], text: string): boolean {
  const needle = text.toLowerCase();
  const object = record as Record<string, unknown>;
  return fields.some((field) => {
    const value = object?.[field];
    return typeof value === "string" && value.toLowerCase().includes(needle);
  });
}
