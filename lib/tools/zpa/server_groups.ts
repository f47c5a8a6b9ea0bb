/** ZPA server groups (`/serverGroup`) and application servers (`/server`). */

import { z } from "zod";
import { field } from "../fields.ts";
import { descriptionField, nameField } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { hasItems, idList, idRefs } from "./inputs.ts";
import { createdOr, idNamed, unreferenced, zpaResource } from "./resource.ts";

const groupByName = (name: string) => idNamed("zpa_list_server_groups", name);

/** `zpa_{list,get,create,update,delete}_server_group(s)` */
export const SERVER_GROUP_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_server_groups",
  noun: "server group",
  collection: "serverGroup",
  idArg: "group_id",
  tools: {
    list: "zpa_list_server_groups",
    get: "zpa_get_server_group",
    create: "zpa_create_server_group",
    update: "zpa_update_server_group",
    delete: "zpa_delete_server_group",
  },
  listDetail: " with their app connector groups, servers and applications",
  fields: {
    name: field(nameField("server group"), "name", { required: true }),
    description: field(descriptionField("server group"), "description"),
    enabled: field(z.boolean().describe("Whether the group is in use."), "enabled"),
    app_connector_group_ids: field(
      idList("app connector group", "zpa_list_app_connector_groups").min(1),
      idRefs("appConnectorGroups"),
      { required: true },
    ),
    dynamic_discovery: field(
      z.boolean().describe(
        "true: app connectors find the servers from the segments' domains; false: only the " +
          "application servers in server_ids are used.",
      ),
      "dynamicDiscovery",
      { createDefault: true },
    ),
    server_ids: field(
      idList("application server", "zpa_list_application_servers"),
      idRefs("servers"),
    ),
    ip_anchored: field(
      z.boolean().describe("Whether traffic leaves through ZIA with a fixed source IP."),
      "ipAnchored",
    ),
  },
  check: (args) =>
    args.dynamic_discovery === false && !hasItems(args.server_ids)
      ? "Give server_ids when dynamic_discovery is false."
      : undefined,
  createDetail: "Required: name and app_connector_group_ids; server_ids when " +
    "dynamic_discovery is false.",
  deleteDetail: "Refused while application segments or policy rules still use it.",
  examples: {
    list: {},
    get: { lookups: { group_id: groupByName("SJC Server Group") } },
    create: {
      args: { name: "Lab Servers (example)" },
      lookups: {
        app_connector_group_ids: {
          tool: "zpa_list_app_connector_groups",
          query: "items[0:1].id",
        },
      },
    },
    update: {
      args: { description: "Dynamic discovery in SJC (updated by the example)" },
      lookups: { group_id: groupByName("SJC Server Group") },
    },
    // A group no segment uses: the create example's, or one the tenant has.
    delete: {
      lookups: {
        group_id: createdOr(
          "zpa_list_server_groups",
          "Lab Servers (example)",
          unreferenced("applications"),
        ),
      },
    },
  },
});

const serverByName = (name: string) => idNamed("zpa_list_application_servers", name);

/** `zpa_{list,get,create,update,delete}_application_server(s)` */
export const APPLICATION_SERVER_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_application_servers",
  noun: "application server",
  collection: "server",
  idArg: "server_id",
  tools: {
    list: "zpa_list_application_servers",
    get: "zpa_get_application_server",
    create: "zpa_create_application_server",
    update: "zpa_update_application_server",
    delete: "zpa_delete_application_server",
  },
  listDetail: " (the servers of server groups without dynamic discovery) with their addresses",
  fields: {
    name: field(nameField("application server"), "name", { required: true }),
    description: field(descriptionField("application server"), "description"),
    address: field(
      z.string().regex(/^[A-Za-z0-9.:_-]{1,255}$/, "must be a host name or IP address").describe(
        "Host name or IP address of the server.",
      ),
      "address",
      { required: true },
    ),
    enabled: field(z.boolean().describe("Whether the server is in use."), "enabled"),
    app_server_group_ids: field(
      idList("server group", "zpa_list_server_groups"),
      "appServerGroupIds",
    ),
  },
  createDetail: "Required: name and address.",
  deleteDetail: "Refused while a server group still lists it.",
  examples: {
    list: {},
    get: { lookups: { server_id: serverByName("jira-app-01") } },
    create: { args: { name: "build-01 (example)", address: "10.10.1.40" } },
    update: {
      args: { description: "Jira application node (updated by the example)" },
      lookups: { server_id: serverByName("jira-app-01") },
    },
    // A server in no group: the create example's, or one the tenant has.
    delete: {
      lookups: {
        server_id: createdOr(
          "zpa_list_application_servers",
          "build-01 (example)",
          unreferenced("appServerGroupIds"),
        ),
      },
    },
  },
});
