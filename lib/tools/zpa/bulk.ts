/**
 * Bulk deletes (`POST /<collection>/bulkDelete` with `{"ids": [...]}`, API-FACTS §2: 200): one
 * call removes several app connectors or service edges. A human approves first, and the prompt
 * names every one of them as the tenant has them.
 *
 * @module
 */

import { z } from "zod";
import { ZscalerRequestError } from "../../zscaler/mod.ts";
import { zpaId } from "../inputs.ts";
import type { ConfirmationTarget, ToolContext, ToolExample, ToolSpec } from "../spec.ts";
import { listRecords, send } from "./fetch.ts";
import { route, zpaPath } from "./paths.ts";
import { APPROVAL, LIVE } from "./resource.ts";

/** Most ids one bulk delete takes. */
export const MAX_BULK_IDS = 100;

/** Describes a bulk delete. */
export interface BulkDeleteDef {
  name: string;
  toolset: string;
  /** The collection, e.g. `connector`. */
  collection: string;
  /** Singular and plural nouns, e.g. "app connector". */
  noun: string;
  nouns: string;
  /** The ids argument, as the reference names it (`connector_ids`). */
  idsArg: string;
  /** What happens to what is deleted, for the description. */
  detail: string;
  example?: ToolExample;
}

/** The names of the given ids as the tenant has them (a paged read of the collection). */
async function namesOf(
  ctx: ToolContext,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const wanted = new Set(ids);
  const names = new Map<string, string>();
  // Reads pages until every id was seen (or the list ended).
  const records = await listRecords(ctx, zpaPath(ctx, "v1", collection), wanted.size, {
    filter: (record) => wanted.has(String((record as Record<string, unknown>)?.id)),
  });
  for (const record of records as Record<string, unknown>[]) {
    if (typeof record.name === "string") names.set(String(record.id), record.name);
  }
  return names;
}

/** Expands a bulk delete description into a spec (kind `delete`, always confirmed). */
export function bulkDeleteTool(def: BulkDeleteDef): ToolSpec {
  const input = z.strictObject({
    [def.idsArg]: z.array(zpaId(def.noun)).min(1).max(MAX_BULK_IDS)
      .refine((ids) => new Set(ids).size === ids.length, { message: "ids must not repeat" })
      .describe(
        `Ids of the ${def.nouns} to delete (strings of digits, at most ${MAX_BULK_IDS}; see ` +
          `the list tool).`,
      ),
  });
  const idsOf = (args: Record<string, unknown>) => args[def.idsArg] as string[];
  return {
    name: def.name,
    service: "zpa",
    toolset: def.toolset,
    kind: "delete",
    title: `Delete several ZPA ${def.nouns}`,
    description: [
      `Deletes several ZPA ${def.nouns} in one call, by ${def.idsArg}.`,
      def.detail,
      `The approval prompt names every ${def.noun}.`,
      APPROVAL,
      LIVE,
    ].join(" "),
    input,
    request: `GET ${route("v1", def.collection)}, then POST ${
      route("v1", `${def.collection}/bulkDelete`)
    }`,
    ...(def.example === undefined ? {} : { example: def.example }),
    confirmation: {
      async describe(args, ctx): Promise<ConfirmationTarget> {
        const ids = idsOf(args);
        let names = new Map<string, string>();
        try {
          names = await namesOf(ctx, def.collection, ids);
        } catch {
          // A failed lookup still asks, naming the ids only.
        }
        const listed = ids.map((id) => names.get(id) ?? `(unknown id ${id})`);
        return {
          operation: "Delete",
          resourceType: `ZPA ${ids.length === 1 ? def.noun : def.nouns}`,
          name: listed.join(", "),
          id: ids.join(", "),
          detail: `${ids.length} ${ids.length === 1 ? def.noun : def.nouns}: ${def.detail}`,
        };
      },
    },
    async run(args, ctx) {
      const ids = idsOf(args);
      const names = await namesOf(ctx, def.collection, ids);
      const missing = ids.filter((id) => !names.has(id));
      if (missing.length > 0) {
        throw new ZscalerRequestError(
          `${def.name}: no ${def.noun} has the id ${missing.join(", ")}, so nothing was deleted`,
          { hint: `List the ${def.nouns} and pass ids that exist` },
        );
      }
      await send(ctx, "POST", zpaPath(ctx, "v1", `${def.collection}/bulkDelete`), { ids });
      return {
        data: {
          deleted: true,
          count: ids.length,
          [def.nouns.replaceAll(" ", "_")]: ids.map((id) => ({ id, name: names.get(id) })),
        },
      };
    },
  };
}
