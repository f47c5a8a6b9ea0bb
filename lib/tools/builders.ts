/**
 * Builders that expand a short description of a tool into a full {@link ToolSpec}: list tools get
 * `query` and `max_results`, get tools get a validated id; create and update tools get their
 * arguments from one field table, update tools merge over the current object, delete tools carry
 * the confirmation that names their target. Service folders use these so that a new resource is a
 * few lines.
 *
 * @module
 */

import { z } from "zod";
import { ZscalerRequestError } from "../zscaler/mod.ts";
import {
  type ApiObject,
  createShape,
  type FieldTable,
  givesAnyField,
  toBody,
  updateShape,
} from "./fields.ts";
import { DEFAULT_MAX_RESULTS, listFields } from "./inputs.ts";
import type {
  ConfirmationTarget,
  ServiceName,
  ToolContext,
  ToolData,
  ToolKind,
  ToolSpec,
} from "./spec.ts";

interface Common {
  name: string;
  service: ServiceName;
  toolset: string;
  title: string;
  description: string;
  request: string;
  /** Returns externally authored content (see {@link ToolSpec.untrusted}). */
  untrusted?: boolean;
}

/** The fields every spec takes straight from its description. */
function header(
  { name, service, toolset, title, description, request, untrusted }: Common,
  kind: ToolKind,
) {
  return { name, service, toolset, kind, title, description, request, untrusted };
}

const readHeader = (def: Common) => header(def, "read");

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

// ---- writes ---------------------------------------------------------------------------------

/** What a write handler returns: the object, with the note when there is one. */
function written(data: unknown, note: string | undefined): ToolData {
  return note === undefined ? { data } : { data, note };
}

function isApiObject(value: unknown): value is ApiObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Describes a create tool. */
export interface CreateToolDef extends Common {
  /** The arguments and the API fields they set. */
  fields: FieldTable;
  /** Fields every create body carries whatever the arguments (e.g. a URL category's type). */
  fixed?: ApiObject;
  /** A rule across arguments (a segment needs a port range): the problem, or undefined. */
  check?(args: ApiObject): string | undefined;
  /** Sends the body; returns the created object. */
  create(body: ApiObject, ctx: ToolContext): Promise<unknown>;
  /** A line after the result (ZIA: saved, not live until activation). */
  note?: string;
}

/** Expands a create description into a spec: the body holds only the arguments given. */
export function createTool(def: CreateToolDef): ToolSpec {
  const check = def.check;
  let input = z.strictObject(createShape(def.fields));
  if (check) {
    input = input.superRefine((args, issues) => {
      const problem = check(args);
      if (problem !== undefined) issues.addIssue({ code: "custom", message: problem });
    });
  }
  return {
    ...header(def, "create"),
    input,
    async run(args, ctx) {
      const body = { ...toBody(def.fields, args), ...def.fixed };
      return written(await def.create(body, ctx), def.note);
    },
  };
}

/** Describes an update tool: the API replaces whole objects, so it reads, merges and writes. */
export interface UpdateToolDef<Id extends z.ZodType> extends Common {
  /** Name of the id argument, as the read tools name it. */
  idArg: string;
  id: Id;
  /** The same table as the create tool's; every argument is optional here. */
  fields: FieldTable;
  /** Reads the current object. */
  get(id: z.output<Id>, ctx: ToolContext): Promise<unknown>;
  /** Why this object may not be changed by this tool (a predefined category), or undefined. */
  refuse?(current: ApiObject): string | undefined;
  /** Writes the merged object; returns the object as it now is. */
  put(id: z.output<Id>, merged: ApiObject, ctx: ToolContext): Promise<unknown>;
  note?: string;
}

/**
 * Expands an update description into a spec. The merged object is the current one with only the
 * fields the caller gave replaced; an update that gives no field is refused by the schema.
 */
export function updateTool<Id extends z.ZodType>(def: UpdateToolDef<Id>): ToolSpec {
  const names = Object.keys(def.fields);
  const input = z.strictObject({ [def.idArg]: def.id, ...updateShape(def.fields) }).refine(
    (args) => givesAnyField(def.fields, args),
    { message: `Nothing to change: give at least one of ${names.join(", ")}.` },
  );
  return {
    ...header(def, "update"),
    input,
    async run(args, ctx) {
      const id = args[def.idArg] as z.output<Id>;
      const current = await def.get(id, ctx);
      if (!isApiObject(current)) {
        throw new ZscalerRequestError(
          `${def.name}: the current object could not be read, so nothing was changed`,
          { hint: "Check the id with the matching get tool" },
        );
      }
      const reason = def.refuse?.(current);
      if (reason !== undefined) throw new ZscalerRequestError(reason);
      const merged = { ...current, ...toBody(def.fields, args) };
      return written(await def.put(id, merged, ctx), def.note);
    },
  };
}

/** Describes a delete tool. */
export interface DeleteToolDef<Id extends z.ZodType> extends Common {
  idArg: string;
  id: Id;
  /** What a human approving the call is told it is, e.g. "ZIA URL filtering rule". */
  resourceType: string;
  /** Reads the object (for its name, and for `refuse`). */
  get(id: z.output<Id>, ctx: ToolContext): Promise<unknown>;
  /** Its display name; default: the `name` field. */
  nameOf?(record: ApiObject): unknown;
  /** Why this object may not be deleted (a predefined category), or undefined. */
  refuse?(record: ApiObject): string | undefined;
  /** Deletes it. */
  remove(id: z.output<Id>, ctx: ToolContext): Promise<void>;
  note?: string;
}

/** Reads the object for a delete; a failed read is no object (the delete itself will tell). */
async function lookup<Id extends z.ZodType>(
  def: DeleteToolDef<Id>,
  id: z.output<Id>,
  ctx: ToolContext,
): Promise<ApiObject | undefined> {
  try {
    const record = await def.get(id, ctx);
    return isApiObject(record) ? record : undefined;
  } catch {
    return undefined;
  }
}

function nameOf<Id extends z.ZodType>(
  def: DeleteToolDef<Id>,
  record: ApiObject | undefined,
): string | undefined {
  if (record === undefined) return undefined;
  const name = def.nameOf ? def.nameOf(record) : record.name;
  return typeof name === "string" && name !== "" ? name : undefined;
}

/**
 * Expands a delete description into a spec with a confirmation: `describe` looks the target up by
 * id and names it for the human who must approve; when the lookup fails it names the id only.
 */
export function deleteTool<Id extends z.ZodType>(def: DeleteToolDef<Id>): ToolSpec {
  const input = z.strictObject({ [def.idArg]: def.id });
  return {
    ...header(def, "delete"),
    input,
    confirmation: {
      async describe(args, ctx): Promise<ConfirmationTarget> {
        const id = args[def.idArg] as z.output<Id>;
        const name = nameOf(def, await lookup(def, id, ctx));
        return {
          operation: "Delete",
          resourceType: def.resourceType,
          ...(name === undefined ? {} : { name }),
          id: String(id),
        };
      },
    },
    async run(args, ctx) {
      const id = args[def.idArg] as z.output<Id>;
      const record = await lookup(def, id, ctx);
      const reason = record === undefined ? undefined : def.refuse?.(record);
      if (reason !== undefined) throw new ZscalerRequestError(reason);
      await def.remove(id, ctx);
      const name = nameOf(def, record);
      return written({ deleted: true, id, ...(name === undefined ? {} : { name }) }, def.note);
    },
  };
}
