/**
 * The ZIA resource expander: a ZIA collection is described once — its path, id, the tools it has
 * and their reference names, how it is listed and searched, its write arguments — and expands
 * into its list, lite, get, create, update and delete tools (API-FACTS §2 "ZIA", §4).
 *
 * ZIA facts every tool here follows: lists are bare JSON arrays, some paged with `page`/`pageSize`;
 * POST and PUT answer with the whole object, DELETE with 204; PUT replaces the whole object, so
 * updates read, merge and write; a write is saved but not live until the configuration is
 * activated, and every write result says so.
 *
 * @module
 */

import { z } from "zod";
import { createTool, deleteTool, getTool, listTool, matchesText, updateTool } from "../builders.ts";
import type { ApiObject, FieldTable } from "../fields.ts";
import { searchField, ziaId } from "../inputs.ts";
import type { ToolExample, ToolSpec } from "../spec.ts";
import { getAll, getOne, getPaged, send, ZIA_BASE, ziaPath, type ZiaQuery } from "./fetch.ts";

/** The note every ZIA write result ends with. */
export const ZIA_NOT_LIVE_NOTE = "This change is saved but not live: ZIA enforces it only after " +
  "zia_activate_configuration is called.";

/** The sentence every ZIA write description ends with. */
export const ZIA_ACTIVATION_HINT = "ZIA saves the change but enforces it only after " +
  "zia_activate_configuration is called.";

/** The tools a resource can expand into. */
export type ZiaVerb = "list" | "lite" | "get" | "create" | "update" | "delete";

/** A list argument sent as a query parameter. */
export interface QueryFilter {
  /** The argument's schema, described, without `.optional()`. */
  schema: z.ZodType;
  /** The query parameter it is sent as. */
  param: string;
}

/** Declares a list argument that becomes the query parameter `param`. */
export function queryFilter(schema: z.ZodType, param: string): QueryFilter {
  return { schema, param };
}

/** How a list is narrowed by name: a documented query parameter, or a filter on fields here. */
export type ZiaSearch =
  | { param: string; fields?: undefined }
  | { fields: readonly string[]; param?: undefined };

/** How the generated per-tool test picks records (JMESPath over a list tool's result). */
export interface ZiaExamples {
  /** Arguments of the create call. */
  create?: Record<string, unknown>;
  /** Create arguments looked up from other tools (ids of records the tenant has). */
  createLookups?: ToolExample["lookups"];
  /** Arguments of the update call (besides the id). */
  update?: Record<string, unknown>;
  /** The record get and update use; default `items[0].<id>`. */
  pick?: string;
  /** A record that can be deleted (not predefined, not referenced). */
  deletable?: string;
  /** Arguments of the list call `deletable` is applied to (a filter). */
  deletableArgs?: Record<string, unknown>;
}

/** One ZIA collection, described once. */
export interface ZiaResource {
  toolset: string;
  /** Singular noun, e.g. "cloud firewall DNS rule". */
  noun: string;
  /** Plural noun; default `noun` + "s". */
  plural?: string;
  /** The collection path under `/zia/api/v1`, e.g. `/firewallDnsRules`. */
  path: string;
  /** The id argument, named as the reference names it (`rule_id`). */
  idArg: string;
  /** The id schema; default a positive integer. */
  id?: z.ZodType<string | number>;
  /** The record field holding the id; default `id`. */
  idField?: string;
  /** The list tool examples look ids up with, when it is written by hand. */
  lister?: string;
  /** The tools that exist, by verb, with their reference names. */
  tools: Partial<Record<ZiaVerb, string>>;
  /** What a listed record shows, appended to "Lists ZIA <plural>". */
  about?: string;
  /** Page size when the collection is paged (`page`/`pageSize`); one bare array otherwise. */
  paged?: number;
  /** Name search; default a filter on `name` here. `false`: no search argument. */
  search?: ZiaSearch | false;
  /** More list arguments sent as query parameters. */
  filters?: Record<string, QueryFilter>;
  /**
   * A `name` list argument matched here against the display name (the reference's name
   * lookup): the whole name or a part of it, case-insensitive either way.
   */
  nameArg?: "exact" | "contains";
  /** The write arguments (create and update). */
  fields?: FieldTable;
  /** Write arguments only create takes (what cannot change afterwards). */
  createFields?: FieldTable;
  /** Fields every create body carries. */
  fixed?: ApiObject;
  /** A rule across create arguments: the problem, or undefined. */
  check?(args: ApiObject): string | undefined;
  /** The display name field; default `name`. */
  nameField?: string;
  /** The display name of a record, when no single field holds it. */
  nameOf?(record: ApiObject): unknown;
  /** Why a record may not be changed or deleted by these tools, or undefined. */
  refuse?(record: ApiObject): string | undefined;
  /** Write arguments whose values are secret (redacted from the audit log). */
  sensitive?: readonly string[];
  /** Records carry content authored outside the admin team. */
  untrusted?: boolean;
  /** What create needs, e.g. "Required: name and action." */
  createDetail?: string;
  updateDetail?: string;
  deleteDetail?: string;
  examples?: ZiaExamples;
}

const sentences = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(" ");

function searchOf(r: ZiaResource): ZiaSearch | undefined {
  if (r.search === false) return undefined;
  return r.search ?? { fields: ["name"] };
}

/** The list arguments of a resource: search and its filters. */
function listFilters(r: ZiaResource, plural: string): z.ZodRawShape {
  const shape: Record<string, z.ZodType> = {};
  const search = searchOf(r);
  if (search) {
    shape.search = searchField.optional().describe(
      search.param === undefined
        ? `Only ${plural} whose ${search.fields.join(" or ")} contains this text ` +
          "(case-insensitive)."
        : `Only ${plural} matching this text (ZIA's own search).`,
    );
  }
  for (const [name, filter] of Object.entries(r.filters ?? {})) {
    shape[name] = filter.schema.optional();
  }
  if (r.nameArg !== undefined) {
    shape.name = searchField.optional().describe(
      r.nameArg === "exact"
        ? `Only the ${r.noun} with exactly this name (case-insensitive): finds its id.`
        : `Only ${plural} whose name contains this text (case-insensitive).`,
    );
  }
  return shape;
}

/** Reads a resource's list (or its `/lite` form), searched and filtered, up to `limit` records. */
async function readList(
  r: ZiaResource,
  tail: string,
  args: Record<string, unknown>,
  ctx: Parameters<ToolSpec["run"]>[1],
  limit: number,
): Promise<unknown[]> {
  const query: ZiaQuery = {};
  for (const [name, filter] of Object.entries(r.filters ?? {})) {
    const value = args[name];
    if (value !== undefined) query[filter.param] = value as ZiaQuery[string];
  }
  const search = searchOf(r);
  const text = args.search as string | undefined;
  const name = (args.name as string | undefined)?.toLowerCase();
  const nameField = r.nameField ?? "name";
  const named = (record: unknown) => {
    const value = (record as ApiObject | null)?.[nameField];
    if (typeof value !== "string" || name === undefined) return false;
    const have = value.toLowerCase();
    return r.nameArg === "exact" ? have === name : have.includes(name);
  };
  const local = (text !== undefined && search?.fields !== undefined) || name !== undefined;
  if (text !== undefined && search?.param !== undefined) query[search.param] = text;
  const path = ziaPath(r.path + tail);
  // A filter applied here must see every record before the list is cut at `limit`.
  const want = local ? Infinity : limit;
  const records = r.paged === undefined
    ? await getAll(ctx, path, query)
    : await getPaged(ctx, path, want, { pageSize: r.paged, query });
  const kept = records.filter((record) =>
    (text === undefined || search?.fields === undefined ||
      matchesText(record, search.fields, text)) &&
    (name === undefined || named(record))
  );
  return kept.slice(0, limit);
}

/** A JMESPath expression picking a record's id from a list result. */
function pickId(r: ZiaResource, expression: string | undefined): string {
  return expression ?? `items[0].${r.idField ?? "id"}`;
}

/** Expands a resource into its tools, in the order list, lite, get, create, update, delete. */
export function ziaResource(r: ZiaResource): ToolSpec[] {
  const plural = r.plural ?? `${r.noun}s`;
  const id = r.id ?? ziaId(r.noun);
  const collection = `${ZIA_BASE}${r.path}`;
  const one = `${collection}/{id}`;
  const common = { service: "zia" as const, toolset: r.toolset, untrusted: r.untrusted };
  const writeCommon = { ...common, note: ZIA_NOT_LIVE_NOTE };
  const listName = r.lister ?? r.tools.list ?? r.tools.lite;
  const lookup = (
    expression: string | undefined,
    args?: Record<string, unknown>,
  ): ToolExample["lookups"] =>
    listName === undefined
      ? undefined
      : { [r.idArg]: { tool: listName, query: pickId(r, expression), ...(args ? { args } : {}) } };
  const filters = listFilters(r, plural);
  const specs: ToolSpec[] = [];
  const sensitive = r.sensitive;
  const withSecrets = (spec: ToolSpec): ToolSpec =>
    sensitive === undefined ? spec : { ...spec, sensitive };

  if (r.tools.list) {
    specs.push({
      ...listTool({
        ...common,
        name: r.tools.list,
        title: `List ZIA ${plural}`,
        description: sentences(
          `Lists ZIA ${plural}${r.about ?? ""}.`,
          r.tools.get ? `${r.tools.get} returns one with every field.` : undefined,
        ),
        request: `GET ${collection}`,
        filters,
        fetch: (args, ctx, limit) => readList(r, "", args, ctx, limit),
      }),
      example: {},
    });
  }
  if (r.tools.lite) {
    specs.push({
      ...listTool({
        ...common,
        name: r.tools.lite,
        title: `List ZIA ${plural} (short form)`,
        description: `Lists ZIA ${plural} in their short form (id, name and a few key fields): ` +
          `cheaper than ${r.tools.list ?? "the full list"} when only names and ids are needed.`,
        request: `GET ${collection}/lite`,
        filters,
        fetch: (args, ctx, limit) => readList(r, "/lite", args, ctx, limit),
      }),
      example: {},
    });
  }
  if (r.tools.get) {
    specs.push({
      ...getTool({
        ...common,
        name: r.tools.get,
        title: `Get a ZIA ${r.noun}`,
        description: `Gets one ZIA ${r.noun} by ${r.idArg}, with every field.`,
        request: `GET ${one}`,
        idArg: r.idArg,
        id,
        fetch: (value, ctx) => getOne(ctx, ziaPath(r.path, value)),
      }),
      example: { lookups: lookup(r.examples?.pick) },
    });
  }
  if (r.tools.create) {
    specs.push(withSecrets({
      ...createTool({
        ...writeCommon,
        name: r.tools.create,
        title: `Create a ZIA ${r.noun}`,
        description: sentences(`Creates a ZIA ${r.noun}.`, r.createDetail, ZIA_ACTIVATION_HINT),
        request: `POST ${collection}`,
        fields: { ...r.createFields, ...r.fields },
        fixed: r.fixed,
        check: r.check,
        create: (body, ctx) => send(ctx, "POST", ziaPath(r.path), body),
      }),
      example: { args: r.examples?.create ?? {}, lookups: r.examples?.createLookups },
    }));
  }
  if (r.tools.update) {
    specs.push(withSecrets({
      ...updateTool({
        ...writeCommon,
        name: r.tools.update,
        title: `Update a ZIA ${r.noun}`,
        description: sentences(
          `Changes a ZIA ${r.noun}: give ${r.idArg} and only the fields to change; every other ` +
            "field keeps its current value.",
          r.updateDetail,
          ZIA_ACTIVATION_HINT,
        ),
        request: `GET ${one}, then PUT ${one}`,
        idArg: r.idArg,
        id,
        fields: r.fields ?? {},
        get: (value, ctx) => getOne(ctx, ziaPath(r.path, value)),
        refuse: r.refuse,
        put: (value, merged, ctx) => send(ctx, "PUT", ziaPath(r.path, value), merged),
      }),
      example: { args: r.examples?.update ?? {}, lookups: lookup(r.examples?.pick) },
    }));
  }
  if (r.tools.delete) {
    specs.push({
      ...deleteTool({
        ...writeCommon,
        name: r.tools.delete,
        title: `Delete a ZIA ${r.noun}`,
        description: sentences(
          `Deletes a ZIA ${r.noun} by ${r.idArg}.`,
          r.deleteDetail,
          "A human must approve the call before it runs.",
          ZIA_ACTIVATION_HINT,
        ),
        request: `GET ${one}, then DELETE ${one}`,
        idArg: r.idArg,
        id,
        resourceType: `ZIA ${r.noun}`,
        get: (value, ctx) => getOne(ctx, ziaPath(r.path, value)),
        nameOf: r.nameOf ?? ((record) => record[r.nameField ?? "name"]),
        refuse: r.refuse,
        remove: async (value, ctx) => {
          await send(ctx, "DELETE", ziaPath(r.path, value));
        },
      }),
      example: { lookups: lookup(r.examples?.deletable, r.examples?.deletableArgs) },
    });
  }
  return specs;
}

/** A hand-written ZIA spec, typed by its input, as a catalog entry. */
export function special<Input extends z.ZodObject>(spec: ToolSpec<Input>): ToolSpec {
  return spec as unknown as ToolSpec;
}

/** The tool of `specs` named `name` (for files that export single tools of a resource). */
export function named(specs: readonly ToolSpec[], name: string): ToolSpec {
  const spec = specs.find((candidate) => candidate.name === name);
  if (spec === undefined) throw new Error(`no tool ${name} in this resource`);
  return spec;
}
