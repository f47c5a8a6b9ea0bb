/**
 * ZIA URL lists kept as one object with incremental changes (`?action=ADD_TO_LIST` /
 * `REMOVE_FROM_LIST`): the ATP malicious URL denylist and the authentication exemption list.
 * Each expands into a list tool, an add tool and a remove tool; removal is confirmed by a human.
 *
 * @module
 */

import { z } from "zod";
import { DEFAULT_MAX_RESULTS, listFields, searchField } from "../inputs.ts";
import type { ToolContext, ToolSpec } from "../spec.ts";
import { getOne, send, ZIA_BASE, ziaPath } from "./fetch.ts";
import { special, ZIA_ACTIVATION_HINT, ZIA_NOT_LIVE_NOTE } from "./resource.ts";
import { urlEntry } from "./writes.ts";

/** One incrementally edited URL list. */
export interface ZiaUrlList {
  toolset: string;
  /** The path under `/zia/api/v1`. */
  path: string;
  /** The key of the URLs in the object read and written, e.g. `maliciousUrls`. */
  key: string;
  /** How changes are sent (ATP: PUT; authentication settings: POST). */
  method: "PUT" | "POST";
  /** What the list is, e.g. "ATP malicious URL denylist". */
  noun: string;
  /** What an entry on it does, for descriptions. */
  meaning: string;
  /** The argument holding the URLs of add and remove (reference name). */
  arg: string;
  names: { list: string; add: string; remove: string };
  /** URLs the add example adds (the remove example takes the list's first entry). */
  example: string[];
}

async function readUrls(ctx: ToolContext, l: ZiaUrlList): Promise<string[]> {
  const data = await getOne(ctx, ziaPath(l.path)) as Record<string, unknown> | undefined;
  const urls = data?.[l.key];
  return Array.isArray(urls) ? urls.filter((url): url is string => typeof url === "string") : [];
}

/** Expands a URL list into `[list, add, remove]`. */
export function urlListTools(l: ZiaUrlList): ToolSpec[] {
  const path = `${ZIA_BASE}${l.path}`;
  const urls = z.array(urlEntry).min(1).max(25_000).describe(
    'URLs or domains, e.g. ["bad.example.com", ".evil.example"].',
  );
  const change = (add: boolean) => async (args: Record<string, unknown>, ctx: ToolContext) => {
    const given = args[l.arg] as string[];
    const result = await send(ctx, l.method, ziaPath(l.path), { [l.key]: given }, {
      action: add ? "ADD_TO_LIST" : "REMOVE_FROM_LIST",
    });
    return {
      data: result ?? { [add ? "added" : "removed"]: given },
      note: ZIA_NOT_LIVE_NOTE,
    };
  };
  const changeInput = z.strictObject({ [l.arg]: urls });
  return [
    special({
      name: l.names.list,
      service: "zia",
      toolset: l.toolset,
      kind: "read",
      title: `List the ZIA ${l.noun}`,
      description: `Lists the URLs on the ZIA ${l.noun} (${l.meaning}).`,
      request: `GET ${path}`,
      input: z.strictObject({
        search: searchField.optional().describe("Only URLs containing this text."),
        ...listFields,
      }),
      example: {},
      async run(args, ctx) {
        const all = await readUrls(ctx, l);
        const needle = args.search?.toLowerCase();
        const kept = needle === undefined
          ? all
          : all.filter((url) => url.toLowerCase().includes(needle));
        const max = args.max_results ?? DEFAULT_MAX_RESULTS;
        return { data: kept.slice(0, max), list: true, truncated: kept.length > max };
      },
    }),
    special({
      name: l.names.add,
      service: "zia",
      toolset: l.toolset,
      kind: "action",
      title: `Add URLs to the ZIA ${l.noun}`,
      description: `Adds URLs to the ZIA ${l.noun} (${l.meaning}); the URLs already on it ` +
        `stay. ${ZIA_ACTIVATION_HINT}`,
      request: `${l.method} ${path}?action=ADD_TO_LIST`,
      input: changeInput,
      example: { args: { [l.arg]: l.example } },
      run: change(true),
    }),
    special({
      name: l.names.remove,
      service: "zia",
      toolset: l.toolset,
      kind: "delete",
      title: `Remove URLs from the ZIA ${l.noun}`,
      description: `Removes URLs from the ZIA ${l.noun} (${l.meaning}); the others stay. A ` +
        `human must approve the call before it runs. ${ZIA_ACTIVATION_HINT}`,
      request: `GET ${path}, then ${l.method} ${path}?action=REMOVE_FROM_LIST`,
      input: changeInput,
      example: { lookups: { [l.arg]: { tool: l.names.list, query: "items[:1]" } } },
      confirmation: {
        async describe(args, ctx) {
          const given = args[l.arg] as string[];
          const present = await readUrls(ctx, l).then(
            (all) => given.filter((url) => all.includes(url)).length,
            () => undefined,
          );
          const shown = given.slice(0, 10).join(", ") + (given.length > 10 ? ", …" : "");
          return {
            operation: "Remove",
            resourceType: `entries of the ZIA ${l.noun}`,
            name: shown,
            detail: present === undefined
              ? `${given.length} URL(s); the current list could not be read.`
              : `${given.length} URL(s), ${present} of them on the list now.`,
          };
        },
      },
      run: change(false),
    }),
  ];
}
