/** ZIA URL categories. */

import { z } from "zod";
import { getTool, listTool, matchesText } from "../builders.ts";
import { field } from "../fields.ts";
import { descriptionField, searchField, urlCategoryId } from "../inputs.ts";
import { apiPath, getAll, getOne } from "./fetch.ts";
import { ziaWriteTools } from "./writes.ts";

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
  id: urlCategoryId(),
  fetch: (id, ctx) => getOne(ctx, apiPath`/zia/api/v1/urlCategories/${id}`),
});

/** `zia_create_url_category`, `zia_update_url_category`, `zia_delete_url_category` */
export const [createUrlCategory, updateUrlCategory, deleteUrlCategory] = ziaWriteTools({
  collection: "urlCategories",
  toolset: "zia_url_categories",
  suffix: "url_category",
  noun: "URL category",
  idArg: "category_id",
  id: urlCategoryId(),
  fields: {
    configured_name: field(
      z.string().trim().min(1).max(255).describe("Name of the custom URL category."),
      "configuredName",
      { required: true },
    ),
    description: field(descriptionField("URL category"), "description"),
    super_category: field(
      z.string().regex(/^[A-Z][A-Z_]{1,63}$/, "must be a ZIA super category name").describe(
        "The super category it belongs to, e.g. USER_DEFINED or BUSINESS_AND_ECONOMY.",
      ),
      "superCategory",
      { createDefault: "USER_DEFINED" },
    ),
    urls: field(
      z.array(
        z.string().regex(/^[!-~]{1,1024}$/, "must be a URL or domain (printable ASCII, no spaces)"),
      )
        .max(25_000).describe(
          "URLs and domains in the category: example.com (that host), .example.com (it and " +
            "every subdomain), example.com/path (that path and below). On update the list " +
            "replaces the current one: include the URLs to keep (see zia_get_url_category).",
        ),
      "urls",
    ),
    keywords: field(
      z.array(z.string().regex(/^[^\p{C}]{1,128}$/u, "must be 1-128 printable characters"))
        .max(1000).describe(
          "Keywords that put a URL in the category when they appear in it. On update the list " +
            "replaces the current one.",
        ),
      "keywords",
    ),
  },
  fixed: { type: "URL_CATEGORY", customCategory: true },
  nameField: "configuredName",
  refuse: (record) =>
    record.customCategory === true
      ? undefined
      : `URL category ${String(record.id)} is predefined: these tools change and delete only ` +
        "custom categories (ids such as CUSTOM_01)",
  createDetail: "Required: configured_name; super_category defaults to USER_DEFINED. Rules " +
    "name it by the id in the result (CUSTOM_nn).",
  updateDetail: "Custom categories only.",
  deleteDetail: "Custom categories only; rules that name it stop matching it.",
});
