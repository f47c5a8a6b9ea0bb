/**
 * ZIA data loss prevention (toolset `zia_dlp`): DLP dictionaries and engines (read) and web DLP
 * rules.
 *
 * @module
 */

import { z } from "zod";
import { matchesText } from "../builders.ts";
import { field } from "../fields.ts";
import { DEFAULT_MAX_RESULTS, listFields, searchField, ziaId } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { getAll, getOne, ZIA_BASE, ziaPath } from "./fetch.ts";
import { special, ziaResource } from "./resource.ts";
import { enumLike, enumListField, idListField, ruleFields } from "./writes.ts";

const TOOLSET = "zia_dlp";

/**
 * A DLP read tool as the reference has it: the full list, the short (`/lite`) list, or one
 * record by id.
 */
function dlpReader(
  name: string,
  path: string,
  idArg: string,
  noun: string,
  plural: string,
  about: string,
): ToolSpec {
  const input = z.strictObject({
    action: z.enum(["read", "read_lite"]).default("read").describe(
      `read: full records; read_lite: id and name only (GET ${path}/lite).`,
    ),
    [idArg]: ziaId(noun).optional().describe(
      `Read this one ${noun} (GET ${path}/{id}) instead of listing.`,
    ),
    search: searchField.optional().describe(
      `Only ${plural} whose name or description contains this text (case-insensitive).`,
    ),
    ...listFields,
  });
  return special({
    name,
    service: "zia",
    toolset: TOOLSET,
    kind: "read",
    title: `List ZIA ${plural}`,
    description: `Lists ZIA ${plural}${about}, or reads one by ${idArg} (GET ${path}/{id}). ` +
      "action read_lite lists ids and names only.",
    request: `GET ${ZIA_BASE}${path}`,
    input,
    example: { args: {} },
    async run(args, ctx) {
      const id = (args as Record<string, unknown>)[idArg] as number | undefined;
      if (id !== undefined) {
        return { data: [await getOne(ctx, ziaPath(path, id))], list: true, truncated: false };
      }
      const all = await getAll(ctx, ziaPath(args.action === "read_lite" ? `${path}/lite` : path));
      const search = args.search as string | undefined;
      const kept = search
        ? all.filter((r) => matchesText(r, ["name", "description"], search))
        : all;
      const max = (args.max_results as number | undefined) ?? DEFAULT_MAX_RESULTS;
      return { data: kept.slice(0, max), list: true, truncated: kept.length > max };
    },
  });
}

const dictionaries = dlpReader(
  "get_zia_dlp_dictionaries",
  "/dlpDictionaries",
  "dict_id",
  "DLP dictionary",
  "DLP dictionaries",
  " (patterns and phrases DLP engines match, predefined and custom) with their type and " +
    "match settings",
);

const engines = dlpReader(
  "get_zia_dlp_engines",
  "/dlpEngines",
  "engine_id",
  "DLP engine",
  "DLP engines",
  " (combinations of dictionaries that DLP rules apply) with their expressions",
);

const webRules = ziaResource({
  toolset: TOOLSET,
  noun: "web DLP rule",
  path: "/webDlpRules",
  idArg: "rule_id",
  tools: {
    list: "zia_list_web_dlp_rules",
    lite: "zia_list_web_dlp_rules_lite",
    get: "zia_get_web_dlp_rule",
    create: "zia_create_web_dlp_rule",
    update: "zia_update_web_dlp_rule",
    delete: "zia_delete_web_dlp_rule",
  },
  about: " in policy order with their action, DLP engines, file types, severity and who they " +
    "apply to",
  fields: ruleFields("web DLP rule", {
    action: field(
      enumLike("DLP action").describe(
        "What the rule does with matching content, e.g. ALLOW, BLOCK or ICAP_RESPONSE.",
      ),
      "action",
    ),
    dlp_engine_ids: idListField("DLP engine", "get_zia_dlp_engines", "dlpEngines"),
    protocols: enumListField(
      "protocol",
      "Protocols the rule inspects, e.g. HTTPS_RULE, HTTP_RULE, FTP_RULE.",
      "protocols",
    ),
    file_types: enumListField(
      "file type",
      "File types the rule applies to, e.g. WINDOWS_EXECUTABLES, PDF_DOCUMENT, ALL_OUTBOUND.",
      "fileTypes",
    ),
    cloud_applications: enumListField(
      "cloud application",
      "Cloud applications the rule applies to, e.g. DROPBOX, GOOGLE_DRIVE.",
      "cloudApplications",
    ),
    severity: field(
      z.enum([
        "RULE_SEVERITY_HIGH",
        "RULE_SEVERITY_MEDIUM",
        "RULE_SEVERITY_LOW",
        "RULE_SEVERITY_INFO",
      ])
        .describe("Severity recorded for a violation."),
      "severity",
    ),
    min_size: field(
      z.number().int().min(0).max(409_600).describe(
        "Smallest file (KB) the rule inspects; 0 for any size.",
      ),
      "minSize",
    ),
    match_only: field(
      z.boolean().describe("Only record matches; take no action."),
      "matchOnly",
    ),
    without_content_inspection: field(
      z.boolean().describe("Match on file type only, without inspecting the content."),
      "withoutContentInspection",
    ),
    zscaler_incident_receiver: field(
      z.boolean().describe("Send incidents to the Zscaler incident receiver."),
      "zscalerIncidentReceiver",
    ),
  }),
  createDetail: "Required: name; rank defaults to 7; order places it (1 is evaluated first).",
  updateDetail: "Lists replace the current list.",
  deleteDetail: "Content it matched is no longer inspected by it.",
  examples: {
    create: {
      name: "Example DLP Block",
      action: "BLOCK",
      protocols: ["HTTPS_RULE", "HTTP_RULE"],
      order: 1,
    },
    update: { description: "Reviewed by the example run" },
    pick: "items[?!defaultRule] | [0].id",
    deletable: "items[?!defaultRule] | [-1].id",
  },
});

/** Every `zia_dlp` tool. */
export const DLP_TOOLS: readonly ToolSpec[] = [dictionaries, engines, ...webRules];
