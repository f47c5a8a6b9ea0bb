/**
 * ZIA shadow IT (toolset `zia_shadow_it`): the cloud application catalog with its sanction
 * states, the custom tags, and bulk sanctioning. The catalog is paged with `pageNumber`
 * (0-based) and `limit`, unlike other ZIA lists.
 *
 * @module
 */

import { z } from "zod";
import { listTool } from "../builders.ts";
import { ziaId } from "../inputs.ts";
import type { ToolContext, ToolSpec } from "../spec.ts";
import { getAll, send, ZIA_BASE, ziaPath } from "./fetch.ts";
import { special, ZIA_ACTIVATION_HINT, ZIA_NOT_LIVE_NOTE } from "./resource.ts";

const TOOLSET = "zia_shadow_it";

/** Applications per `/cloudApplications/lite` page. */
export const SHADOW_IT_PAGE_SIZE = 1000;

/** Most pages read before giving up on a catalog that does not end. */
const MAX_PAGES = 1000;

/** Reads the catalog page by page (`pageNumber` from 0, `limit`) up to `max` applications. */
async function readCatalog(ctx: ToolContext, max: number): Promise<unknown[]> {
  const out: unknown[] = [];
  let previous: string | undefined;
  for (let page = 0; page < MAX_PAGES && out.length < max; page++) {
    const items = await getAll(ctx, ziaPath("/cloudApplications/lite"), {
      pageNumber: page,
      limit: SHADOW_IT_PAGE_SIZE,
    });
    const print = items.length === 0 ? "" : JSON.stringify([items[0], items.at(-1)]);
    if (items.length === 0 || print === previous) break;
    previous = print;
    out.push(...items);
    ctx.progress?.(out.length, `${out.length} applications fetched`);
    if (items.length < SHADOW_IT_PAGE_SIZE) break;
  }
  return out.slice(0, max);
}

/** `zia_list_shadow_it_apps` */
const listApps: ToolSpec = {
  ...listTool({
    service: "zia",
    toolset: TOOLSET,
    name: "zia_list_shadow_it_apps",
    title: "List ZIA shadow IT applications",
    description: "Lists the cloud applications of the shadow IT catalog with their numeric id " +
      "(which zia_bulk_update_shadow_it_apps takes) and name. Use query to filter, e.g. " +
      "\"[?contains(name, 'Drop')]\".",
    request: `GET ${ZIA_BASE}/cloudApplications/lite`,
    filters: {},
    fetch: (_args, ctx, limit) => readCatalog(ctx, limit),
  }),
  example: {},
};

/** `zia_list_shadow_it_custom_tags` */
const listTags: ToolSpec = {
  ...listTool({
    service: "zia",
    toolset: TOOLSET,
    name: "zia_list_shadow_it_custom_tags",
    title: "List ZIA shadow IT custom tags",
    description: "Lists the custom tags admins put on shadow IT applications, with the ids " +
      "zia_bulk_update_shadow_it_apps takes.",
    request: `GET ${ZIA_BASE}/customTags`,
    filters: {},
    fetch: async (_args, ctx, limit) => (await getAll(ctx, ziaPath("/customTags"))).slice(0, limit),
  }),
  example: {},
};

/** The API's sanction states, by the names agents use. */
const SANCTION_STATES = {
  sanctioned: "SANCTIONED",
  unsanctioned: "UN_SANCTIONED",
  any: "ANY",
} as const;

const bulkInput = z.strictObject({
  sanction_state: z.enum(["sanctioned", "unsanctioned", "any"]).describe(
    "The sanction state to give the applications: sanctioned, unsanctioned, or any (neither).",
  ),
  application_ids: z.array(ziaId("shadow IT application")).min(1).max(1000).describe(
    "Numeric ids of the applications (see zia_list_shadow_it_apps).",
  ),
  custom_tag_ids: z.array(ziaId("custom tag")).max(100).optional().describe(
    "Custom tags to put on them (see zia_list_shadow_it_custom_tags).",
  ),
});

/** `zia_bulk_update_shadow_it_apps` */
const bulkUpdate = special({
  name: "zia_bulk_update_shadow_it_apps",
  service: "zia",
  toolset: TOOLSET,
  kind: "action",
  title: "Sanction ZIA shadow IT applications in bulk",
  description: "Sets the sanction state (and optionally custom tags) of many shadow IT " +
    "applications at once. Policies and reports treat sanctioned and unsanctioned " +
    "applications differently, so a human must approve the call before it runs. " +
    ZIA_ACTIVATION_HINT,
  request: `PUT ${ZIA_BASE}/cloudApplications/bulkUpdate`,
  input: bulkInput,
  example: {
    args: { sanction_state: "sanctioned" },
    lookups: {
      application_ids: { tool: "zia_list_shadow_it_apps", query: "items[:2].id" },
    },
  },
  confirmation: {
    describe(args) {
      const ids = args.application_ids;
      const shown = ids.slice(0, 20).join(", ") + (ids.length > 20 ? ", …" : "");
      return Promise.resolve({
        operation: "Set sanction state",
        resourceType: "ZIA shadow IT applications",
        detail: `${ids.length} application(s) (ids ${shown}) become ${args.sanction_state}` +
          (args.custom_tag_ids?.length
            ? ` with custom tags ${args.custom_tag_ids.join(", ")}`
            : "") +
          ".",
      });
    },
  },
  async run(args, ctx) {
    const body = {
      sanctionedState: SANCTION_STATES[args.sanction_state],
      applicationIds: args.application_ids,
      ...(args.custom_tag_ids === undefined
        ? {}
        : { customTags: args.custom_tag_ids.map((id) => ({ id })) }),
    };
    const result = await send(ctx, "PUT", ziaPath("/cloudApplications/bulkUpdate"), body);
    return {
      data: result ?? {
        updated: args.application_ids.length,
        sanctionedState: body.sanctionedState,
      },
      note: ZIA_NOT_LIVE_NOTE,
    };
  },
});

/** Every `zia_shadow_it` tool. */
export const SHADOW_IT_TOOLS: readonly ToolSpec[] = [listApps, listTags, bulkUpdate];
