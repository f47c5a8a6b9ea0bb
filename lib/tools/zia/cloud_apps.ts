/**
 * The cloud application catalogs ZIA policies name (`/cloudApplications/policy` for cloud app
 * control, `/cloudApplications/sslPolicy` for SSL inspection): paged, searchable lists.
 *
 * @module
 */

import { z } from "zod";
import { listTool } from "../builders.ts";
import { searchField } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { getPaged, ZIA_BASE, ziaPath } from "./fetch.ts";

/** A list tool over one cloud application catalog. */
export function cloudAppPolicyTool(def: {
  name: string;
  toolset: string;
  /** `/cloudApplications/policy` or `/cloudApplications/sslPolicy`. */
  path: string;
  /** Which rules name these applications. */
  what: string;
}): ToolSpec {
  return {
    ...listTool({
      service: "zia",
      toolset: def.toolset,
      name: def.name,
      title: `List the cloud applications ZIA ${def.what} can name`,
      description: `Lists the cloud applications ZIA ${def.what} can name, with the id rules ` +
        "take (e.g. DROPBOX), the display name and the application class.",
      request: `GET ${ZIA_BASE}${def.path}`,
      filters: {
        search: searchField.optional().describe(
          "Only applications whose name matches (ZIA's search).",
        ),
        app_class: z.string().regex(/^[A-Z][A-Z0-9_]{0,79}$/, "must be an application class")
          .optional().describe("Only applications of this class, e.g. WEB_MAIL or FILE_SHARE."),
        group_results: z.boolean().optional().describe(
          "Return counts of applications per class instead of the applications.",
        ),
      },
      fetch: (args, ctx, limit) =>
        getPaged(ctx, ziaPath(def.path), limit, {
          pageSize: 1000,
          query: {
            search: args.search,
            appClass: args.app_class,
            groupResults: args.group_results,
          },
        }),
    }),
    example: {},
  };
}
