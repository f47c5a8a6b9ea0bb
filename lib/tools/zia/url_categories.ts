/**
 * ZIA URL categories (toolset `zia_url_categories`): custom and predefined categories, their
 * URL lists (replaced whole or changed incrementally), and URL classification lookups.
 *
 * @module
 */

import { z } from "zod";
import { ZscalerRequestError } from "../../zscaler/mod.ts";
import { listTool, matchesText, updateTool } from "../builders.ts";
import { type ApiObject, field, type FieldTable } from "../fields.ts";
import { descriptionField, searchField, urlCategoryId } from "../inputs.ts";
import type { ToolContext, ToolSpec } from "../spec.ts";
import { getAll, getOne, send, ZIA_BASE, ziaPath } from "./fetch.ts";
import { named, special, ZIA_ACTIVATION_HINT, ZIA_NOT_LIVE_NOTE, ziaResource } from "./resource.ts";
import { urlEntry } from "./writes.ts";

const TOOLSET = "zia_url_categories";

/** Most URLs `POST /urlLookup` classifies per request (API-FACTS §2 "ZIA"). */
export const URL_LOOKUP_BATCH = 100;

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

const urlList = (detail: string) =>
  z.array(urlEntry).max(25_000).describe(
    "URLs and domains: example.com (that host), .example.com (it and every subdomain), " +
      `example.com/path (that path and below). ${detail}`,
  );

const keywordList = z.array(
  z.string().regex(/^[^\p{C}]{1,128}$/u, "must be 1-128 printable characters"),
).max(1000);

const ipRanges = z.array(
  z.string().regex(/^[0-9A-Fa-f.:/-]{2,100}$/, "must be an IP address, CIDR or range"),
).max(1000);

/** The arguments a category's content is changed by, custom or predefined. */
const contentFields: FieldTable = {
  description: field(descriptionField("URL category"), "description"),
  urls: field(
    urlList(
      "On update the list replaces the current one: include the URLs to keep (or use " +
        "zia_add_urls_to_category / zia_remove_urls_from_category).",
    ),
    "urls",
  ),
  db_categorized_urls: field(
    urlList(
      "URLs that keep their database category as well (retaining parent category). On update " +
        "the list replaces the current one.",
    ),
    "dbCategorizedUrls",
  ),
  keywords: field(
    keywordList.describe(
      "Keywords that put a URL in the category when they appear in it. On update the list " +
        "replaces the current one.",
    ),
    "keywords",
  ),
  keywords_retaining_parent_category: field(
    keywordList.describe("Keywords whose URLs keep their database category as well."),
    "keywordsRetainingParentCategory",
  ),
  ip_ranges: field(
    ipRanges.describe("IP addresses, CIDRs or ranges in the category."),
    "ipRanges",
  ),
};

const isCustom = (record: ApiObject) => record.customCategory === true;

const categories = ziaResource({
  toolset: TOOLSET,
  noun: "URL category",
  plural: "URL categories",
  path: "/urlCategories",
  idArg: "category_id",
  id: urlCategoryId(),
  lister: "zia_list_url_categories",
  tools: {
    get: "zia_get_url_category",
    create: "zia_create_url_category",
    update: "zia_update_url_category",
    delete: "zia_delete_url_category",
  },
  fields: {
    configured_name: field(
      z.string().trim().min(1).max(255).describe("Name of the custom URL category."),
      "configuredName",
      { required: true },
    ),
    super_category: field(
      z.string().regex(/^[A-Z][A-Z_]{1,63}$/, "must be a ZIA super category name").describe(
        "The super category it belongs to, e.g. USER_DEFINED or BUSINESS_AND_ECONOMY.",
      ),
      "superCategory",
      { createDefault: "USER_DEFINED" },
    ),
    ...contentFields,
  },
  fixed: { type: "URL_CATEGORY", customCategory: true },
  nameField: "configuredName",
  refuse: (record) =>
    isCustom(record)
      ? undefined
      : `URL category ${String(record.id)} is predefined: these tools change and delete only ` +
        "custom categories (ids such as CUSTOM_01); use zia_update_url_category_predefined",
  createDetail: "Required: configured_name; super_category defaults to USER_DEFINED. Rules " +
    "name it by the id in the result (CUSTOM_nn).",
  updateDetail: "Custom categories only.",
  deleteDetail: "Custom categories only; rules that name it stop matching it.",
  examples: {
    create: { configured_name: "Example Lab Sites", urls: [".lab.example.com"] },
    update: { description: "Reviewed by the example run" },
    pick: "items[?customCategory] | [0].id",
    deletable: "items[?customCategory] | [-1].id",
  },
});

/** `zia_list_url_categories` */
const listUrlCategories: ToolSpec = {
  ...listTool({
    name: "zia_list_url_categories",
    service: "zia",
    toolset: TOOLSET,
    title: "List ZIA URL categories",
    description: "Lists ZIA URL categories, predefined and custom. Narrow it: custom_only for " +
      "the tenant's own categories, search for a name, contains_url for the categories whose " +
      "URL list covers a given URL or domain. Predefined category ids are their names " +
      "(SOCIAL_NETWORKING); zia_url_lookup says how ZIA classifies a URL.",
    request: `GET ${ZIA_BASE}/urlCategories`,
    filters: {
      custom_only: z.boolean().optional().describe("Only the tenant's custom categories."),
      type: z.enum(["URL_CATEGORY", "TLD_CATEGORY", "ALL"]).optional().describe(
        "Only categories of this type (ZIA's filter).",
      ),
      search: searchField.optional().describe(
        "Only categories whose id or name contains this text.",
      ),
      contains_url: z.string().min(1).max(2048).optional().describe(
        "Only categories whose configured URLs cover this URL or domain.",
      ),
    },
    async fetch(args, ctx, limit) {
      let found = await getAll(ctx, ziaPath("/urlCategories"), {
        customOnly: args.custom_only ? true : undefined,
        type: args.type,
      });
      const { search, contains_url: url } = args;
      if (search) found = found.filter((c) => matchesText(c, ["id", "configuredName"], search));
      if (url) found = found.filter((c) => categoryCovers(c, url));
      return found.slice(0, limit);
    },
  }),
  example: {},
};

const predefinedName = z.string().trim().min(1).max(128).regex(
  /^[\p{L}\p{N} _&,.()'/-]+$/u,
  "must be a category id such as FINANCE or a display name such as Finance",
).describe(
  "The predefined category: its id (FINANCE, SOCIAL_NETWORKING) or its display name " +
    "(Finance), case-insensitive.",
);

/** Finds a predefined category by id or display name among every category (one GET). */
async function findPredefined(ctx: ToolContext, name: string): Promise<ApiObject> {
  const needle = name.trim().toLowerCase();
  const all = await getAll(ctx, ziaPath("/urlCategories"));
  const found = all.find((item) => {
    const record = item as ApiObject;
    return [record.id, record.configuredName].some((value) =>
      typeof value === "string" && value.toLowerCase() === needle
    );
  }) as ApiObject | undefined;
  if (found === undefined) {
    throw new ZscalerRequestError(`No URL category has the id or name ${JSON.stringify(name)}`, {
      hint: "Use zia_list_url_categories to see the category ids and names",
    });
  }
  if (isCustom(found)) {
    throw new ZscalerRequestError(
      `${String(found.id)} is a custom URL category: use zia_get_url_category and ` +
        "zia_update_url_category for custom categories",
    );
  }
  return found;
}

/** `zia_get_url_category_predefined` */
const getPredefined = special({
  name: "zia_get_url_category_predefined",
  service: "zia",
  toolset: TOOLSET,
  kind: "read",
  title: "Get a predefined ZIA URL category",
  description: "Gets one of Zscaler's predefined URL categories by id (FINANCE) or display " +
    "name (Finance), with the URLs and keywords the tenant added to it. Custom categories are " +
    "refused (use zia_get_url_category).",
  request: `GET ${ZIA_BASE}/urlCategories`,
  input: z.strictObject({ name: predefinedName }),
  example: { args: { name: "social_networking" } },
  async run(args, ctx) {
    return { data: await findPredefined(ctx, args.name) };
  },
});

/** `zia_update_url_category_predefined` */
const updatePredefined: ToolSpec = {
  ...updateTool({
    name: "zia_update_url_category_predefined",
    service: "zia",
    toolset: TOOLSET,
    title: "Update a predefined ZIA URL category",
    description: "Changes what the tenant added to one of Zscaler's predefined URL categories " +
      "(its URLs, keywords, IP ranges, description), found by id or display name: give only " +
      "the fields to change; every other field keeps its current value. Custom categories are " +
      "refused (use zia_update_url_category). For a few URLs prefer zia_add_urls_to_category. " +
      ZIA_ACTIVATION_HINT,
    request: `GET ${ZIA_BASE}/urlCategories, then PUT ${ZIA_BASE}/urlCategories/{id}`,
    idArg: "name",
    id: predefinedName,
    fields: contentFields,
    get: (name, ctx) => findPredefined(ctx, name),
    put: (_name, merged, ctx) =>
      send(ctx, "PUT", ziaPath("/urlCategories", String(merged.id)), merged),
    note: ZIA_NOT_LIVE_NOTE,
  }),
  example: {
    args: { name: "SOCIAL_NETWORKING", keywords: ["example-keyword"] },
  },
};

const incrementalInput = z.strictObject({
  category_id: urlCategoryId(),
  urls: z.array(urlEntry).min(1).max(25_000).describe(
    "URLs and domains: example.com (that host), .example.com (it and every subdomain), " +
      "example.com/path (that path and below).",
  ),
  configured_name: z.string().trim().min(1).max(255).optional().describe(
    "The category's name as ZIA has it; leave out to use the current one.",
  ),
});

/** `zia_add_urls_to_category` / `zia_remove_urls_from_category` */
function incremental(add: boolean): ToolSpec {
  const action = add ? "ADD_TO_LIST" : "REMOVE_FROM_LIST";
  const path = `${ZIA_BASE}/urlCategories/{id}`;
  return special({
    name: add ? "zia_add_urls_to_category" : "zia_remove_urls_from_category",
    service: "zia",
    toolset: TOOLSET,
    kind: "action",
    title: add ? "Add URLs to a ZIA URL category" : "Remove URLs from a ZIA URL category",
    description: (add
      ? "Adds URLs to a ZIA URL category (custom or predefined) and keeps the ones it has."
      : "Removes URLs from a ZIA URL category (custom or predefined) and keeps the others.") +
      ` It reads the category's name first. ${ZIA_ACTIVATION_HINT}`,
    request: `GET ${path}, then PUT ${path}?action=${action}`,
    input: incrementalInput,
    example: {
      args: { urls: [add ? "example-added.acme-sim.example" : ".salesforce.com"] },
      lookups: {
        category_id: {
          tool: "zia_list_url_categories",
          args: { custom_only: true },
          query: add ? "items[0].id" : "items[?contains(urls, '.salesforce.com')] | [0].id",
        },
      },
    },
    async run(args, ctx) {
      let name = args.configured_name;
      if (name === undefined) {
        const current = await getOne(ctx, ziaPath("/urlCategories", args.category_id)) as
          | ApiObject
          | undefined;
        const configured = current?.configuredName;
        name = typeof configured === "string" ? configured : undefined;
      }
      const body = { ...(name === undefined ? {} : { configuredName: name }), urls: args.urls };
      return {
        data: await send(ctx, "PUT", ziaPath("/urlCategories", args.category_id), body, {
          action,
        }),
        note: ZIA_NOT_LIVE_NOTE,
      };
    },
  });
}

const lookupInput = z.strictObject({
  urls: z.array(urlEntry).min(1).max(1000).describe(
    'URLs or domains to classify, e.g. ["google.com", "acme.example/login"]. More than ' +
      `${URL_LOOKUP_BATCH} are sent in batches of ${URL_LOOKUP_BATCH}.`,
  ),
});

/** `zia_url_lookup` */
const urlLookup = special({
  name: "zia_url_lookup",
  service: "zia",
  toolset: TOOLSET,
  kind: "read",
  title: "Classify URLs with ZIA",
  description: "Says how ZIA classifies URLs or domains: for each, its URL categories and the " +
    "security categories (phishing, malware…) it raises alerts for. Use it to see which rules " +
    "would match a URL.",
  request: `POST ${ZIA_BASE}/urlLookup`,
  input: lookupInput,
  example: { args: { urls: ["google.com", "secure-login-update.example"] } },
  async run(args, ctx) {
    const out: unknown[] = [];
    for (let start = 0; start < args.urls.length; start += URL_LOOKUP_BATCH) {
      const batch = args.urls.slice(start, start + URL_LOOKUP_BATCH);
      const result = await send(ctx, "POST", ziaPath("/urlLookup"), batch);
      if (Array.isArray(result)) out.push(...result);
    }
    return { data: out, list: true };
  },
});

/** Every `zia_url_categories` tool. */
export const URL_CATEGORY_TOOLS: readonly ToolSpec[] = [
  listUrlCategories,
  named(categories, "zia_get_url_category"),
  getPredefined,
  named(categories, "zia_create_url_category"),
  named(categories, "zia_update_url_category"),
  updatePredefined,
  incremental(true),
  incremental(false),
  named(categories, "zia_delete_url_category"),
  urlLookup,
];
