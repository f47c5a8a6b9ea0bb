/**
 * Reference-data lookups: tools that list objects other ZPA configuration points at by id
 * (posture profiles, trusted networks, certificates, profiles), or find one by id or by exact
 * name — the name → id step an agent needs before a write. A name that matches nothing is an
 * error that says so, not an empty answer.
 *
 * @module
 */

import { z } from "zod";
import { ZscalerRequestError } from "../../zscaler/mod.ts";
import { listTool } from "../builders.ts";
import { searchField, zpaId } from "../inputs.ts";
import type { ToolContext, ToolExample, ToolSpec } from "../spec.ts";
import { getJson, listRecords, nameEquals, recordsOf } from "./fetch.ts";
import { route, type ZpaApi, zpaPath } from "./paths.ts";
import { searchArgument } from "./resource.ts";
import { withhold } from "./secrets.ts";

/** An endpoint: where it lives and its collection path. */
export interface Endpoint {
  api: ZpaApi;
  collection: string;
}

/** Describes a lookup tool. */
export interface LookupToolDef {
  name: string;
  toolset: string;
  /** Singular and plural nouns, e.g. "posture profile". */
  noun: string;
  nouns: string;
  /** First sentence(s) of the description: what the objects are and what uses them. */
  about: string;
  /** The list endpoint. */
  list: Endpoint;
  /** The list endpoint answers with one unpaged array (the isolation API). */
  unpaged?: boolean;
  /** Get by id: the endpoint and the id argument, as the reference names it. */
  get?: Endpoint & { idArg: string };
  /** Offer a free `search` argument too (besides the exact `name`). */
  search?: boolean;
  /** Record fields whose values are secret. */
  secrets?: readonly string[];
  untrusted?: boolean;
  example?: ToolExample;
}

/** Case-insensitive exact name match. */
export function sameName(record: unknown, name: string): boolean {
  const value = (record as Record<string, unknown> | null)?.name;
  return typeof value === "string" && value.toLowerCase() === name.trim().toLowerCase();
}

/** The records named `name`, or an error naming what was looked for. */
export function recordsNamed(records: unknown[], name: string, nouns: string): unknown[] {
  const found = records.filter((record) => sameName(record, name));
  if (found.length === 0) {
    throw new ZscalerRequestError(`No ZPA ${nouns} named ${JSON.stringify(name)}`, {
      hint: "Call the tool without a name to list them all, then pick one",
    });
  }
  return found;
}

/** Expands a lookup description into a list tool (id and name modes return one-record lists). */
export function lookupTool(def: LookupToolDef): ToolSpec {
  const secrets = def.secrets ?? [];
  const filters: Record<string, z.ZodType> = {};
  if (def.get) {
    filters[def.get.idArg] = zpaId(def.noun).optional().describe(
      `The ${def.noun} id, to read that one ${def.noun} (a string of digits).`,
    );
  }
  filters.name = searchField.optional().describe(
    `Exact name of the ${def.noun} to find (case-insensitive); the answer is an error when ` +
      "none has it.",
  );
  if (def.search) filters.search = searchArgument(def.nouns);
  const modes = [def.get ? `by ${def.get.idArg}` : undefined, "by exact name"].filter(Boolean);
  const spec = listTool({
    name: def.name,
    service: "zpa",
    toolset: def.toolset,
    title: `Find ZPA ${def.nouns}`,
    description: `${def.about} Lists them all, or finds one ${modes.join(" or ")}` +
      (def.get
        ? ` (${def.get.idArg}: GET ${route(def.get.api, `${def.get.collection}/{id}`)}).`
        : "."),
    request: `GET ${route(def.list.api, def.list.collection)}`,
    untrusted: def.untrusted,
    filters,
    async fetch(args, ctx, limit) {
      const values = args as Record<string, string | undefined>;
      const id = def.get ? values[def.get.idArg] : undefined;
      if (id !== undefined) {
        const record = await getJson(ctx, zpaPath(ctx, def.get!.api, def.get!.collection, id));
        return withhold([record], secrets) as unknown[];
      }
      const name = values.name;
      const text = name ?? values.search;
      const records = await readList(ctx, def, text, name === undefined ? limit : undefined);
      const found = name === undefined ? records : recordsNamed(records, name, def.nouns);
      return withhold(found, secrets) as unknown[];
    },
  });
  const input = def.get
    ? spec.input.superRefine((args, issues) => {
      if (args[def.get!.idArg] !== undefined && args.name !== undefined) {
        issues.addIssue({ code: "custom", message: `Give ${def.get!.idArg} or name, not both.` });
      }
    })
    : spec.input;
  return { ...spec, input, ...(def.example === undefined ? {} : { example: def.example }) };
}

/** Reads the list (filtered by name server-side when `text` is set); `limit` undefined: all. */
async function readList(
  ctx: ToolContext,
  def: LookupToolDef,
  text: string | undefined,
  limit: number | undefined,
): Promise<unknown[]> {
  const path = zpaPath(ctx, def.list.api, def.list.collection);
  const search = text === undefined ? undefined : nameEquals(text);
  if (def.unpaged) {
    const records = recordsOf(await getJson(ctx, path), path);
    const kept = text === undefined ? records : records.filter((r) => sameName(r, text));
    return limit === undefined ? kept : kept.slice(0, limit);
  }
  return await listRecords(ctx, path, limit ?? Number.MAX_SAFE_INTEGER, { query: { search } });
}

/** Finds an identity provider's id by its exact name (v2 `/idp`, filtered server-side). */
export async function idpIdByName(ctx: ToolContext, name: string): Promise<string> {
  const path = zpaPath(ctx, "v2", "idp");
  const records = await listRecords(ctx, path, Number.MAX_SAFE_INTEGER, {
    query: { search: nameEquals(name) },
  });
  const [idp] = recordsNamed(records, name, "identity providers") as Record<string, unknown>[];
  const id = String(idp.id ?? "");
  if (!/^\d{1,25}$/.test(id)) {
    throw new ZscalerRequestError(`The identity provider ${JSON.stringify(name)} has no usable id`);
  }
  return id;
}

/** The request template of the IdP lookup, for specs' `request`. */
export const IDP_LOOKUP = `GET ${route("v2", "idp")}`;
