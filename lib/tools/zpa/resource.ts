/**
 * The ZPA resource expander: a resource is described once — its collection, id argument, which
 * verbs exist under which reference tool names, where each verb's endpoint lives (v1 or v2), its
 * write arguments, secret fields — and expands into its list, get, create, update and delete
 * tools. ZPA writes apply at once (no activation): POST answers 201 with the object, PUT and
 * DELETE answer 204 with no body, so updates read, merge, write and read again.
 *
 * @module
 */

import { z } from "zod";
import { createTool, deleteTool, getTool, listTool, updateTool } from "../builders.ts";
import type { ApiObject, FieldTable } from "../fields.ts";
import { searchField, zpaId } from "../inputs.ts";
import type { ToolContext, ToolExample, ToolSpec } from "../spec.ts";
import { getJson, listRecords, nameEquals, send } from "./fetch.ts";
import { route, type ZpaApi, zpaPath } from "./paths.ts";
import { withhold } from "./secrets.ts";

/** The verbs a resource can have. */
export type Verb = "list" | "get" | "create" | "update" | "delete";

const VERBS: readonly Verb[] = ["list", "get", "create", "update", "delete"];

/** One ZPA resource, described once. */
export interface ZpaResource {
  toolset: string;
  /** Singular noun for titles and descriptions, e.g. "server group". */
  noun: string;
  /** Plural noun; default: the noun with an "s". */
  nouns?: string;
  /** The collection path after the base, e.g. `serverGroup`. */
  collection: string;
  /** Name of the id argument, as the reference server names it (`group_id`). */
  idArg: string;
  /** The exact reference tool name of each verb that exists. */
  tools: Partial<Record<Verb, string>>;
  /** Where each verb's endpoint lives (default `v1`): segment groups update through `v2`. */
  api?: Partial<Record<Verb, ZpaApi>>;
  /** The list endpoint's collection when it differs (`clientlessCertificate/issued`). */
  listCollection?: string;
  /** Whether the list endpoint takes ZPA's `search` (default true). */
  search?: boolean;
  /** Appended to "Lists ZPA <nouns>", e.g. " with their servers". */
  listDetail?: string;
  /** Keeps only some records of the list endpoint (BA segments among all segments). */
  listFilter?: (record: unknown) => boolean;
  /** The write arguments of create and update (one table, so they cannot drift). */
  fields?: FieldTable;
  /** A rule across create arguments: the problem, or undefined. */
  check?(args: ApiObject): string | undefined;
  /** Fields every create body carries. */
  fixed?: ApiObject;
  /** What create needs and does (after "Creates a ZPA <noun>."); must name what is required. */
  createDetail?: string;
  updateDetail?: string;
  deleteDetail?: string;
  /**
   * Adjusts the merged object before an update's PUT (ids of nested apps…); `current` is the
   * object as it was read.
   */
  beforePut?(merged: ApiObject, id: string, current: ApiObject): ApiObject;
  /** Write arguments whose values are secret (redacted from the audit log). */
  sensitive?: readonly string[];
  /** Record fields whose values are secret (never returned; see {@link withhold}). */
  secrets?: readonly string[];
  /** The records are authored outside the admin team. */
  untrusted?: boolean;
  /** How the generated per-tool test calls each verb's tool. */
  examples?: Partial<Record<Verb, ToolExample>>;
}

/**
 * An example lookup of an id from a list tool: the record the tool's create example made, when
 * it exists (a shared tenant), else the record `fallback` selects.
 */
export function createdOr(tool: string, created: string, fallback: string) {
  return { tool, query: `(items[?name=='${created}'].id | [0]) || (${fallback})` };
}

/**
 * A JMESPath selecting the first record none of whose `fields` (reference lists such as the
 * segments in a group) has an entry: a record that can be deleted.
 */
export function unreferenced(...fields: string[]): string {
  const empty = fields.map((field) => `length(${field} || \`[]\`) == \`0\``).join(" && ");
  return `items[?${empty}].id | [0]`;
}

/** An example lookup of the id of the record named `name` in a list tool's result. */
export function idNamed(tool: string, name: string) {
  return { tool, query: `items[?name=='${name}'].id | [0]` };
}

/** Sentence helper: the given parts that are set, joined by spaces. */
export function sentences(...parts: (string | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}

/** The line every ZPA write description ends with. */
export const LIVE = "ZPA applies it at once (there is no activation step).";

/** What delete descriptions say about the human approval. */
export const APPROVAL = "A human must approve the call before it runs.";

/** The description of the `search` argument of list tools. */
export function searchArgument(nouns: string) {
  return searchField.optional().describe(
    `Exact name of the ${nouns} to return (ZPA filter name+EQ+<text>). For partial matches ` +
      "leave it out and filter with query, e.g. \"[?contains(name, 'jira')]\".",
  );
}

/** Expands one resource into its tools, in verb order (list, get, create, update, delete). */
export function zpaResource(r: ZpaResource): ToolSpec[] {
  const nouns = r.nouns ?? `${r.noun}s`;
  const api = (verb: Verb): ZpaApi => r.api?.[verb] ?? "v1";
  const listCollection = r.listCollection ?? r.collection;
  const placeholder = `{${r.idArg}}`;
  const itemRoute = (verb: Verb) => route(api(verb), `${r.collection}/${placeholder}`);
  const secrets = r.secrets ?? [];
  const common = { service: "zpa" as const, toolset: r.toolset, untrusted: r.untrusted };
  const id = zpaId(r.noun);
  const read = (value: string, ctx: ToolContext) =>
    getJson(ctx, zpaPath(ctx, api("get"), r.collection, value));
  const specs: Partial<Record<Verb, ToolSpec>> = {};
  // The object an update read, for beforePut (one per call: the context is per call).
  const currents = new WeakMap<ToolContext, ApiObject>();

  if (r.tools.list) {
    const searchable = r.search ?? true;
    const filters: z.ZodRawShape = searchable ? { search: searchArgument(nouns) } : {};
    specs.list = listTool({
      ...common,
      name: r.tools.list,
      title: `List ZPA ${nouns}`,
      description: `Lists ZPA ${nouns}${r.listDetail ?? ""}.`,
      request: `GET ${route(api("list"), listCollection)}`,
      filters,
      fetch: async (args, ctx, limit) => {
        const text = (args as { search?: string }).search;
        const records = await listRecords(
          ctx,
          zpaPath(ctx, api("list"), listCollection),
          limit,
          {
            query: { search: text === undefined ? undefined : nameEquals(text) },
            filter: r.listFilter,
          },
        );
        return withhold(records, secrets) as unknown[];
      },
    });
  }

  if (r.tools.get) {
    specs.get = getTool({
      ...common,
      name: r.tools.get,
      title: `Get a ZPA ${r.noun}`,
      description: `Gets one ZPA ${r.noun} by ${r.idArg}, with every field.`,
      request: `GET ${itemRoute("get")}`,
      idArg: r.idArg,
      id,
      fetch: async (value, ctx) => withhold(await read(value, ctx), secrets),
    });
  }

  if (r.tools.create && r.fields) {
    specs.create = createTool({
      ...common,
      name: r.tools.create,
      title: `Create a ZPA ${r.noun}`,
      description: sentences(`Creates a ZPA ${r.noun}.`, r.createDetail, LIVE),
      request: `POST ${route(api("create"), r.collection)}`,
      fields: r.fields,
      fixed: r.fixed,
      check: r.check,
      create: async (body, ctx) =>
        withhold(await send(ctx, "POST", zpaPath(ctx, api("create"), r.collection), body), secrets),
    });
  }

  if (r.tools.update && r.fields) {
    specs.update = updateTool({
      ...common,
      name: r.tools.update,
      title: `Update a ZPA ${r.noun}`,
      description: sentences(
        `Changes a ZPA ${r.noun}: give ${r.idArg} and only the fields to change; every other ` +
          "field keeps its current value. Returns the object as it is afterwards.",
        r.updateDetail,
        LIVE,
      ),
      request: `GET ${itemRoute("get")}, then PUT ${itemRoute("update")}, then GET ${
        itemRoute("get")
      }`,
      idArg: r.idArg,
      id,
      fields: r.fields,
      async get(value, ctx) {
        const record = await read(value, ctx);
        if (typeof record === "object" && record !== null) currents.set(ctx, record as ApiObject);
        return record;
      },
      async put(value, merged, ctx) {
        const body = r.beforePut ? r.beforePut(merged, value, currents.get(ctx) ?? {}) : merged;
        await send(ctx, "PUT", zpaPath(ctx, api("update"), r.collection, value), body);
        return withhold(await read(value, ctx), secrets);
      },
    });
  }

  if (r.tools.delete) {
    specs.delete = deleteTool({
      ...common,
      name: r.tools.delete,
      title: `Delete a ZPA ${r.noun}`,
      description: sentences(
        `Deletes a ZPA ${r.noun} by ${r.idArg}.`,
        r.deleteDetail,
        APPROVAL,
        LIVE,
      ),
      request: `GET ${itemRoute("get")}, then DELETE ${itemRoute("delete")}`,
      idArg: r.idArg,
      id,
      resourceType: `ZPA ${r.noun}`,
      get: read,
      remove: async (value, ctx) => {
        await send(ctx, "DELETE", zpaPath(ctx, api("delete"), r.collection, value));
      },
    });
  }

  return VERBS.flatMap((verb) => {
    const spec = specs[verb];
    if (spec === undefined) return [];
    const example = r.examples?.[verb];
    const sensitive = (verb === "create" || verb === "update") ? r.sensitive : undefined;
    return [{
      ...spec,
      ...(example === undefined ? {} : { example }),
      ...(sensitive === undefined ? {} : { sensitive }),
    }];
  });
}
