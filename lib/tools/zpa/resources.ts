/** ZPA configuration objects that are read the same way: list (paged, searchable) and get by id. */

import { getTool, listTool } from "../builders.ts";
import { searchField, zpaId } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { getRecord, listCollection } from "./fetch.ts";

interface ZpaResource {
  /** The collection in the API path, e.g. `application`. */
  collection: string;
  toolset: string;
  listName: string;
  getName: string;
  idArg: string;
  /** Singular and plural nouns for titles and descriptions. */
  noun: string;
  nouns: string;
  /** What the list shows, for the description. */
  listDetail: string;
}

/** Expands one ZPA resource into its list and get tools. */
function readTools(resource: ZpaResource): ToolSpec[] {
  const base = `/zpa/mgmtconfig/v1/admin/customers/{customerId}/${resource.collection}`;
  return [
    listTool({
      name: resource.listName,
      service: "zpa",
      toolset: resource.toolset,
      title: `List ZPA ${resource.nouns}`,
      description: `Lists ZPA ${resource.nouns}${resource.listDetail}.`,
      request: `GET ${base}`,
      filters: {
        search: searchField.optional().describe(
          `Only ${resource.nouns} whose name matches (ZPA search: name LIKE this text).`,
        ),
      },
      fetch: (args, ctx, limit) => listCollection(ctx, resource.collection, limit, args.search),
    }),
    getTool({
      name: resource.getName,
      service: "zpa",
      toolset: resource.toolset,
      title: `Get a ZPA ${resource.noun}`,
      description: `Gets one ZPA ${resource.noun} by id, with every field.`,
      request: `GET ${base}/{id}`,
      idArg: resource.idArg,
      id: zpaId(resource.noun),
      fetch: (id, ctx) => getRecord(ctx, resource.collection, id),
    }),
  ];
}

/** The ZPA read tools, in the order `--list-tools` shows them. */
export const ZPA_READ_TOOLS: readonly ToolSpec[] = [
  {
    collection: "application",
    toolset: "zpa_app_segments",
    listName: "zpa_list_application_segments",
    getName: "zpa_get_application_segment",
    idArg: "segment_id",
    noun: "application segment",
    nouns: "application segments",
    listDetail: " with their domains, TCP/UDP port ranges, segment group and server groups",
  },
  {
    collection: "segmentGroup",
    toolset: "zpa_segment_groups",
    listName: "zpa_list_segment_groups",
    getName: "zpa_get_segment_group",
    idArg: "group_id",
    noun: "segment group",
    nouns: "segment groups",
    listDetail: " and the application segments in each",
  },
  {
    collection: "serverGroup",
    toolset: "zpa_server_groups",
    listName: "zpa_list_server_groups",
    getName: "zpa_get_server_group",
    idArg: "group_id",
    noun: "server group",
    nouns: "server groups",
    listDetail: " with their app connector groups, servers and applications",
  },
  {
    collection: "appConnectorGroup",
    toolset: "zpa_app_connector_groups",
    listName: "zpa_list_app_connector_groups",
    getName: "zpa_get_app_connector_group",
    idArg: "group_id",
    noun: "app connector group",
    nouns: "app connector groups",
    listDetail: " with their location, version profile and connectors",
  },
].flatMap(readTools);
