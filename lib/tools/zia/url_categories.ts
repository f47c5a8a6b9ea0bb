/** ZIA URL categories. */

import { z } from "zod";
import { getTool, listTool, matchesText } from "../builders.ts";
import { searchField } from "../inputs.ts";
import { apiPath, getAll, getOne } from "./fetch.ts";

/** Host and path of a URL or a ZIA URL entry (`example.com`, `.example.com/path`), lower-cased. */
function splitEntry(text: string): { host: string; path: string } {
  const bare = text.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  const slash = bare.indexOf("/");
  const hostPort = slash === -1 ? bare : bare.slice(0, slash);
  return { host: hostPort.replace(/:\d+$/, ""), path: slash === -1 ? "" : bare.slice(slash) };
}

/**
 * Whether a category entry covers a URL, the way ZIA reads entries: `example.com` matches that host
 * only, `.example.com` matches it and every subdomain; an entry with a path matches that path and
 * below.
 */
export function entryCoversUrl(entry: string, url: string): boolean {
  const e = splitEntry(entry);
  const u = splitEntry(url);
  if (!e.host || !u.host) return false;
  const hostMatches = e.host.startsWith(".")
    ? u.host === e.host.slice(1) || u.host.endsWith(e.host)
    : u.host === e.host;
  return hostMatches && (e.path === "" || u.path.startsWith(e.path));
}

function categoryCovers(category: unknown, url: string): boolean {
  const record = category as Record<string, unknown>;
  return ["urls", "dbCategorizedUrls"].some((field) => {
    const entries = record?.[field];
    return Array.isArray(entries) &&
      entries.some((entry) => typeof entry === "string" && entryCoversUrl(entry, url));
  });
}

/** `zia_list_url_categories` */
export const listUrlCategories = listTool({
  name: "zia_list_url_categories",
  service: "zia",
  toolset: "zia_url_categories",
  title: "List ZIA URL categories",
  description: "Lists ZIA URL categories, predefined and custom. Narrow it: custom_only for the " +
    "tenant's own categories, search for a name, contains_url for the categories whose URL list " +
    "covers a given URL or domain. Predefined category ids are their names (SOCIAL_NETWORKING).",
  request: "GET /zia/api/v1/urlCategories",
  filters: {
    custom_only: z.boolean().optional().describe("Only the tenant's custom categories."),
    search: searchField.optional().describe("Only categories whose id or name contains this text."),
    contains_url: z.string().min(1).max(2048).optional().describe(
      "Only categories whose configured URLs cover this URL or domain.",
    ),
  },
  async fetch(args, ctx, limit) {
    let categories = await getAll(ctx, apiPath`/zia/api/v1/urlCategories`, {
      customOnly: args.custom_only ? true : undefined,
    });
    const { search, contains_url: url } = args;
    if (search) {
      categories = categories.filter((c) => matchesText(c, ["id", "configuredName"], search));
    }
    if (url) categories = categories.filter((c) => categoryCovers(c, url));
    return categories.slice(0, limit);
  },
});

/** `zia_get_url_category` */
export const getUrlCategory = getTool({
  name: "zia_get_url_category",
  service: "zia",
  toolset: "zia_url_categories",
  title: "Get a ZIA URL category",
  description: "Gets one ZIA URL category by id (CUSTOM_01 for custom ones, the name such as " +
    "SOCIAL_NETWORKING for predefined ones), with its URLs and keywords.",
  request: "GET /zia/api/v1/urlCategories/{id}",
  idArg: "category_id",
  id: z.string().regex(/^[A-Za-z0-9_]{1,64}$/, "must be a URL category id such as CUSTOM_01")
    .describe("The URL category id."),
  fetch: (id, ctx) => getOne(ctx, apiPath`/zia/api/v1/urlCategories/${id}`),
});
