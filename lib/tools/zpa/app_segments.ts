/**
 * ZPA application segments (`/application`): the standard kind, and the same resource listed by
 * application type.
 *
 * @module
 */

import { z } from "zod";
import { field, type FieldTable } from "../fields.ts";
import { descriptionField, nameField, zpaId } from "../inputs.ts";
import { listTool } from "../builders.ts";
import type { ToolSpec } from "../spec.ts";
import { listRecords, nameEquals } from "./fetch.ts";
import { hasItems, idRefs, portRanges, ports } from "./inputs.ts";
import { route, zpaPath } from "./paths.ts";
import { createdOr, idNamed, searchArgument, zpaResource } from "./resource.ts";

/** The write arguments every kind of application segment shares. */
export const SEGMENT_FIELDS: FieldTable = {
  name: field(nameField("application segment"), "name", { required: true }),
  description: field(descriptionField("application segment"), "description"),
  enabled: field(z.boolean().describe("Whether users can reach the segment."), "enabled"),
  domain_names: field(
    z.array(
      z.string().regex(
        /^[A-Za-z0-9*._:/-]{1,255}$/,
        "must be a domain name, wildcard domain or IP address",
      ),
    ).min(1).max(2000).describe(
      "Domains (app.example.com, *.example.com) or IP addresses the segment covers. On " +
        "update the list replaces the current one.",
    ),
    "domainNames",
    { required: true },
  ),
  segment_group_id: field(
    zpaId("segment group").describe(
      "The segment group it belongs to (see zpa_list_segment_groups).",
    ),
    "segmentGroupId",
    { required: true },
  ),
  server_group_ids: field(
    z.array(zpaId("server group")).min(1).max(100).describe(
      "Server groups whose app connectors reach the segment (see zpa_list_server_groups). " +
        "On update the list replaces the current one.",
    ),
    idRefs("serverGroups"),
    { required: true },
  ),
  tcp_port_ranges: field(portRanges("TCP"), ports("tcp")),
  udp_port_ranges: field(portRanges("UDP"), ports("udp")),
  bypass_type: field(
    z.enum(["NEVER", "ALWAYS", "ON_NET"]).describe(
      "When Client Connector bypasses ZPA for the segment: NEVER, ALWAYS, or ON_NET (on the " +
        "corporate network).",
    ),
    "bypassType",
  ),
  health_reporting: field(
    z.enum(["NONE", "ON_ACCESS", "CONTINUOUS"]).describe(
      "When app connectors report the health of the servers: NONE, ON_ACCESS or CONTINUOUS.",
    ),
    "healthReporting",
  ),
};

/** Create needs at least one port range. */
export function needsPorts(args: Record<string, unknown>): string | undefined {
  return hasItems(args.tcp_port_ranges) || hasItems(args.udp_port_ranges)
    ? undefined
    : "Give at least one port range in tcp_port_ranges or udp_port_ranges.";
}

const REQUIRED = "Required: name, domain_names, segment_group_id, server_group_ids and at " +
  "least one TCP or UDP port range.";

const LIST = "zpa_list_application_segments";

/** `zpa_{list,get,create,update,delete}_application_segment(s)` */
export const APPLICATION_SEGMENT_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_app_segments",
  noun: "application segment",
  collection: "application",
  idArg: "segment_id",
  tools: {
    list: "zpa_list_application_segments",
    get: "zpa_get_application_segment",
    create: "zpa_create_application_segment",
    update: "zpa_update_application_segment",
    delete: "zpa_delete_application_segment",
  },
  listDetail: " with their domains, TCP/UDP port ranges, segment group and server groups",
  fields: SEGMENT_FIELDS,
  check: needsPorts,
  createDetail: `${REQUIRED} Users reach it only where an access policy rule allows.`,
  deleteDetail: "Refused while access policy rules still reference it.",
  examples: {
    list: {},
    get: { lookups: { segment_id: idNamed(LIST, "Jira") } },
    create: {
      args: {
        name: "Grafana (example)",
        domain_names: ["grafana.acme-sim.example"],
        tcp_port_ranges: [{ from: 3000, to: 3000 }],
      },
      lookups: {
        segment_group_id: { tool: "zpa_list_segment_groups", query: "items[0].id" },
        server_group_ids: { tool: "zpa_list_server_groups", query: "items[0:1].id" },
      },
    },
    update: {
      args: { description: "Issue tracking (updated by the example)" },
      lookups: { segment_id: idNamed(LIST, "Jira") },
    },
    delete: {
      lookups: {
        segment_id: createdOr(LIST, "Grafana (example)", "items[?name=='Internal Wiki'].id | [0]"),
      },
    },
  },
});

/** The application types `getAppsByType` takes. */
export const APPLICATION_TYPES = ["BROWSER_ACCESS", "SECURE_REMOTE_ACCESS", "INSPECT"] as const;

/** `get_zpa_app_segments_by_type` */
export const appSegmentsByType: ToolSpec = {
  ...listTool({
    name: "get_zpa_app_segments_by_type",
    service: "zpa",
    toolset: "zpa_app_segments",
    title: "List ZPA applications by type",
    description: "Lists the applications of one type configured in ZPA segments: " +
      "BROWSER_ACCESS (clientless web apps), SECURE_REMOTE_ACCESS (privileged remote access " +
      "RDP/SSH/VNC apps) or INSPECT (apps under AppProtection inspection), each with the " +
      "segment it belongs to.",
    request: `GET ${route("v1", "application/getAppsByType")}`,
    filters: {
      application_type: z.enum(APPLICATION_TYPES).describe(
        "BROWSER_ACCESS, SECURE_REMOTE_ACCESS or INSPECT.",
      ),
      expand_all: z.boolean().optional().describe(
        "Include the related objects of each application (ZPA expandAll).",
      ),
      search: searchArgument("applications"),
    },
    fetch: (args, ctx, limit) =>
      listRecords(ctx, zpaPath(ctx, "v1", "application/getAppsByType"), limit, {
        query: {
          applicationType: args.application_type,
          expandAll: args.expand_all,
          search: args.search === undefined ? undefined : nameEquals(args.search),
        },
      }),
  }),
  example: { args: { application_type: "BROWSER_ACCESS" } },
};
