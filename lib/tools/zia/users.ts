/**
 * ZIA users, groups and departments (toolset `zia_users`). Their names, emails and comments come
 * from the identity provider, where users may edit them, so every result is labelled untrusted.
 * Each tool lists (paged, filtered) or, given an id, reads one record.
 *
 * @module
 */

import { z } from "zod";
import { matchesText } from "../builders.ts";
import { DEFAULT_MAX_RESULTS, listFields, searchField, ziaId } from "../inputs.ts";
import type { ToolContext, ToolData, ToolSpec } from "../spec.ts";
import { getOne, getPaged, ZIA_BASE, ziaPath, type ZiaQuery } from "./fetch.ts";
import { special } from "./resource.ts";

const TOOLSET = "zia_users";
const PAGE_SIZE = 1000;

const sortOrder = z.enum(["asc", "desc"]).optional().describe("Sort direction.");

/** A list, or the one record named by id, as a list result either way. */
async function listOrOne(
  ctx: ToolContext,
  args: Record<string, unknown>,
  one: { id: unknown; path: () => string } | undefined,
  list: { path: string; query: ZiaQuery; filter?: (record: unknown) => boolean },
): Promise<ToolData> {
  if (one !== undefined && one.id !== undefined) {
    return { data: [await getOne(ctx, one.path())], list: true, truncated: false };
  }
  const max = (args.max_results as number | undefined) ?? DEFAULT_MAX_RESULTS;
  const records = await getPaged(ctx, list.path, list.filter ? Infinity : max + 1, {
    pageSize: PAGE_SIZE,
    query: list.query,
  });
  const kept = list.filter ? records.filter(list.filter) : records;
  return { data: kept.slice(0, max), list: true, truncated: kept.length > max };
}

const usersInput = z.strictObject({
  user_id: ziaId("user").optional().describe(
    "Read this one user (GET /users/{id}) instead of listing.",
  ),
  name: searchField.optional().describe("Only users whose name starts with this text."),
  dept: searchField.optional().describe("Only users in a department whose name starts so."),
  group: searchField.optional().describe("Only users in a group whose name starts so."),
  ...listFields,
});

/** `get_zia_users` */
const getUsers = special({
  name: "get_zia_users",
  service: "zia",
  toolset: TOOLSET,
  kind: "read",
  title: "List ZIA users",
  description: "Lists ZIA users with their email, department and groups, or reads one by " +
    "user_id (GET /users/{id}). Filter by name, department or group to keep the answer " +
    "small; ZIA rate-limits this endpoint (10 lists a minute).",
  request: `GET ${ZIA_BASE}/users`,
  input: usersInput,
  untrusted: true,
  example: { args: { dept: "Eng" } },
  run: (args, ctx) =>
    listOrOne(ctx, args, { id: args.user_id, path: () => ziaPath("/users", args.user_id!) }, {
      path: ziaPath("/users"),
      query: { name: args.name, dept: args.dept, group: args.group },
    }),
});

const groupsInput = z.strictObject({
  group_id: ziaId("group").optional().describe(
    "Read this one group (GET /groups/{id}) instead of listing.",
  ),
  name: searchField.optional().describe(
    "Only groups whose name contains this text (case-insensitive, filtered here).",
  ),
  search: searchField.optional().describe("ZIA's own search on the group name."),
  defined_by: searchField.optional().describe("ZIA's definedBy filter."),
  sort_by: z.enum(["id", "name", "expiry", "status", "external_id", "rank", "mod_time"]).optional()
    .describe("Sort field."),
  sort_order: sortOrder,
  ...listFields,
});

/** `get_zia_user_groups` */
const getGroups = special({
  name: "get_zia_user_groups",
  service: "zia",
  toolset: TOOLSET,
  kind: "read",
  title: "List ZIA user groups",
  description: "Lists ZIA user groups (from the identity provider) with their ids, which rules " +
    "take as group_ids, or reads one by group_id (GET /groups/{id}). Use name to find a " +
    "group's id.",
  request: `GET ${ZIA_BASE}/groups`,
  input: groupsInput,
  untrusted: true,
  example: { args: { name: "engineering" } },
  run: (args, ctx) =>
    listOrOne(ctx, args, { id: args.group_id, path: () => ziaPath("/groups", args.group_id!) }, {
      path: ziaPath("/groups"),
      query: {
        search: args.search,
        definedBy: args.defined_by,
        sortBy: args.sort_by,
        sortOrder: args.sort_order,
      },
      filter: args.name === undefined
        ? undefined
        : (record) => matchesText(record, ["name"], args.name!),
    }),
});

const departmentsInput = z.strictObject({
  action: z.enum(["read", "read_lite"]).default("read").describe(
    "read: full records; read_lite: the short form of the department given by department_id " +
      "(GET /departments/lite/{id}).",
  ),
  department_id: ziaId("department").optional().describe(
    "Read this one department (GET /departments/{id}) instead of listing.",
  ),
  search: searchField.optional().describe("ZIA's own search on the department name."),
  limit_search: z.boolean().optional().describe("Limit search to the department name only."),
  sort_by: z.enum(["id", "name", "expiry", "status", "external_id", "rank"]).optional()
    .describe("Sort field."),
  sort_order: sortOrder,
  ...listFields,
}).refine((args) => args.action === "read" || args.department_id !== undefined, {
  message: "read_lite needs department_id",
  path: ["department_id"],
});

/** `get_zia_user_departments` */
const getDepartments = special({
  name: "get_zia_user_departments",
  service: "zia",
  toolset: TOOLSET,
  kind: "read",
  title: "List ZIA departments",
  description: "Lists ZIA departments (from the identity provider) with their ids, which rules " +
    "take as department_ids, or reads one by department_id (GET /departments/{id}, or " +
    "/departments/lite/{id} with action read_lite).",
  request: `GET ${ZIA_BASE}/departments`,
  input: departmentsInput,
  untrusted: true,
  example: { args: { search: "Finance" } },
  run: (args, ctx) =>
    listOrOne(ctx, args, {
      id: args.department_id,
      path: () =>
        args.action === "read_lite"
          ? ziaPath("/departments/lite", args.department_id!)
          : ziaPath("/departments", args.department_id!),
    }, {
      path: ziaPath("/departments"),
      query: {
        search: args.search,
        limitSearch: args.limit_search,
        sortBy: args.sort_by,
        sortOrder: args.sort_order,
      },
    }),
});

/** Every `zia_users` tool. */
export const USER_TOOLS: readonly ToolSpec[] = [getUsers, getGroups, getDepartments];
