/** ZPA application segment writes. */

import { z } from "zod";
import { type ApiObject, field } from "../fields.ts";
import { descriptionField, nameField, zpaId } from "../inputs.ts";
import { idRefs, zpaWriteTools } from "./writes.ts";

const port = z.number().int().min(1).max(65535);

/** One `{from, to}` port range, as agents give it. */
const portRange = z.strictObject({
  from: port.describe("First port (1-65535)."),
  to: port.describe("Last port (1-65535; the same as from for a single port)."),
}).refine((range) => range.from <= range.to, {
  message: "from must not be greater than to",
  path: ["to"],
});

type PortRange = z.output<typeof portRange>;

function portRanges(protocol: string) {
  return z.array(portRange).max(100).describe(
    `${protocol} port ranges users reach, e.g. [{"from":443,"to":443}]. On update the list ` +
      "replaces the current one.",
  );
}

/**
 * Port ranges in both shapes ZPA reads and returns (API-FACTS, samples/zpa_application_get):
 * `tcpPortRange: [{from:"443",to:"443"}]` and the flat `tcpPortRanges: ["443","443"]`, kept
 * equal so a merged update never carries two different answers.
 */
function ports(protocol: "tcp" | "udp"): (ranges: PortRange[]) => ApiObject {
  return (ranges) => ({
    [`${protocol}PortRange`]: ranges.map((r) => ({ from: String(r.from), to: String(r.to) })),
    [`${protocol}PortRanges`]: ranges.flatMap((r) => [String(r.from), String(r.to)]),
  });
}

const hasItems = (value: unknown) => Array.isArray(value) && value.length > 0;

/** `zpa_create_application_segment`, `zpa_update_application_segment`, `zpa_delete_application_segment` */
export const [
  createApplicationSegment,
  updateApplicationSegment,
  deleteApplicationSegment,
] = zpaWriteTools({
  collection: "application",
  toolset: "zpa_app_segments",
  suffix: "application_segment",
  noun: "application segment",
  idArg: "segment_id",
  fields: {
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
  },
  check: (args) =>
    hasItems(args.tcp_port_ranges) || hasItems(args.udp_port_ranges)
      ? undefined
      : "Give at least one port range in tcp_port_ranges or udp_port_ranges.",
  createDetail: "Required: name, domain_names, segment_group_id, server_group_ids and at " +
    "least one TCP or UDP port range. Users reach it only where an access policy rule allows.",
  deleteDetail: "Refused while access policy rules still reference it.",
});
