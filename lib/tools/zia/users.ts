/** ZIA users. */

import { listTool } from "../builders.ts";
import { searchField } from "../inputs.ts";
import { apiPath, getPaged } from "./fetch.ts";

/** `get_zia_users` */
export const listUsers = listTool({
  name: "get_zia_users",
  service: "zia",
  toolset: "zia_users",
  title: "List ZIA users",
  description: "Lists ZIA users with their email, department and groups. Filter by name, " +
    "department or group name to keep the answer small; ZIA rate-limits this endpoint.",
  request: "GET /zia/api/v1/users",
  // Names, emails and comments come from the identity provider, where users may edit them.
  untrusted: true,
  filters: {
    name: searchField.optional().describe("Only users whose name matches this text."),
    dept: searchField.optional().describe("Only users in this department (name)."),
    group: searchField.optional().describe("Only users in this group (name)."),
  },
  fetch: (args, ctx, limit) =>
    getPaged(ctx, apiPath`/zia/api/v1/users`, limit, {
      pageSize: 1000,
      query: { name: args.name, dept: args.dept, group: args.group },
    }),
});
