/**
 * ZPA Log Streaming Service: the LSS configurations that stream ZPA logs to a log receiver
 * (v2 `/lssConfig`), and the catalogs they are written with — log types, their pre-built formats,
 * session status codes and client types (Python SDK `lss.py`: the catalogs live under
 * `/zpa/mgmtconfig/v2/admin/lssConfig`, client types per customer).
 *
 * @module
 */

import { z } from "zod";
import { getTool, listTool } from "../builders.ts";
import type { ToolSpec } from "../spec.ts";
import { getJson } from "./fetch.ts";
import { route, zpaPath } from "./paths.ts";
import { zpaResource } from "./resource.ts";

/** The human log type names the reference uses and the LSS source log types they stand for. */
export const LOG_TYPES = {
  app_connector_metrics: "zpn_ast_comprehensive_stats",
  app_connector_status: "zpn_ast_auth_log",
  audit_logs: "zpn_audit_log",
  browser_access: "zpn_http_trans_log",
  private_svc_edge_status: "zpn_sys_auth_log",
  user_activity: "zpn_trans_log",
  user_status: "zpn_auth_log",
  web_inspection: "zpn_waf_http_exchanges_log",
} as const;

/** One human log type name. */
export type LogType = keyof typeof LOG_TYPES;

const LOG_TYPE_NAMES = Object.keys(LOG_TYPES) as [LogType, ...LogType[]];

const humanName = (source: string): string =>
  LOG_TYPE_NAMES.find((name) => LOG_TYPES[name] === source) ?? source;

const logType = z.enum(LOG_TYPE_NAMES).describe(
  `The log type: ${LOG_TYPE_NAMES.join(", ")}.`,
);

function entries(data: unknown): [string, unknown][] {
  return typeof data === "object" && data !== null && !Array.isArray(data)
    ? Object.entries(data)
    : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const lssLookup = (query: string) => ({ tool: "zpa_list_lss_configs", query });

/** `zpa_list_lss_configs`, `zpa_get_lss_config` */
export const LSS_CONFIG_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_misc",
  noun: "LSS configuration",
  collection: "lssConfig",
  idArg: "lss_config_id",
  tools: { list: "zpa_list_lss_configs", get: "zpa_get_lss_config" },
  api: { list: "v2", get: "v2" },
  listDetail: " (log streams to a log receiver): each with its receiver host and port, " +
    "source log type, format, app connector groups and filter policy",
  examples: {
    list: {},
    get: { lookups: { lss_config_id: lssLookup("items[0].id") } },
  },
});

/** `zpa_list_lss_log_types` */
export const listLssLogTypes: ToolSpec = {
  ...listTool({
    name: "zpa_list_lss_log_types",
    service: "zpa",
    toolset: "zpa_misc",
    title: "List ZPA LSS log types",
    description: "Lists the log types an LSS configuration can stream (user_activity, " +
      "user_status, audit_logs, browser_access, …) with their LSS source log type and the " +
      "formats ZPA has pre-built for each.",
    request: `GET ${route("lss", "logType/formats")}`,
    filters: {},
    async fetch(_args, ctx, limit) {
      const formats = await getJson(ctx, zpaPath(ctx, "lss", "logType/formats"));
      const rows = entries(formats).map(([source, value]) => ({
        log_type: humanName(source),
        source_log_type: source,
        formats: isObject(value) ? Object.keys(value) : [],
      }));
      return rows.slice(0, limit);
    },
  }),
  example: {},
};

/** `zpa_get_lss_log_format` */
export const getLssLogFormat: ToolSpec = {
  ...getTool({
    name: "zpa_get_lss_log_format",
    service: "zpa",
    toolset: "zpa_misc",
    title: "Get the ZPA LSS formats of a log type",
    description: "Gets the pre-built LSS log formats (csv, json, tsv templates) of one log type, " +
      "the format an LSS configuration streams the logs in.",
    request: `GET ${route("v2", "lssConfig/logType/formats")}`,
    idArg: "log_type",
    id: logType,
    async fetch(type, ctx) {
      const formats = await getJson(ctx, zpaPath(ctx, "v2", "lssConfig/logType/formats"), {
        logType: LOG_TYPES[type as LogType],
      });
      return { log_type: type, source_log_type: LOG_TYPES[type as LogType], formats };
    },
  }),
  example: { args: { log_type: "user_activity" } },
};

/**
 * Status code rows from either shape the SDKs document: `{<source log type>: {<code>: detail}}`
 * (Go SDK) or `{<code>: {log_types: [...], …}}` (Python SDK).
 */
function statusRows(data: unknown): Record<string, unknown>[] {
  const sources = new Set<string>(Object.values(LOG_TYPES));
  return entries(data).flatMap(([key, value]) => {
    if (sources.has(key) && isObject(value)) {
      return Object.entries(value).map(([code, detail]) => ({
        code,
        log_types: [humanName(key)],
        ...(isObject(detail) ? detail : { description: detail }),
      }));
    }
    const detail = isObject(value) ? value : { description: value };
    const types = Array.isArray(detail.log_types) ? detail.log_types.map(String) : [];
    return [{ code: key, ...detail, log_types: types.map(humanName) }];
  });
}

/** `zpa_list_lss_status_codes` */
export const listLssStatusCodes: ToolSpec = {
  ...listTool({
    name: "zpa_list_lss_status_codes",
    service: "zpa",
    toolset: "zpa_misc",
    title: "List ZPA LSS session status codes",
    description: "Lists the session status codes LSS logs carry and LSS configuration filters " +
      "use, each with the log types it appears in; optionally only those of one log type.",
    request: `GET ${route("lss", "statusCodes")}`,
    filters: {
      log_type: logType.optional().describe(
        "Only the codes of this log type (user_activity, user_status, app_connector_status, " +
          "private_svc_edge_status carry status codes).",
      ),
    },
    async fetch(args, ctx, limit) {
      const rows = statusRows(await getJson(ctx, zpaPath(ctx, "lss", "statusCodes")));
      const wanted = args.log_type;
      const kept = wanted === undefined
        ? rows
        : rows.filter((row) => (row.log_types as string[]).includes(wanted));
      return kept.slice(0, limit);
    },
  }),
  example: {},
};

/** `zpa_list_lss_client_types` */
export const listLssClientTypes: ToolSpec = {
  ...listTool({
    name: "zpa_list_lss_client_types",
    service: "zpa",
    toolset: "zpa_misc",
    title: "List ZPA LSS client types",
    description: "Lists the client types (Client Connector, browser access, machine tunnel, " +
      "…) LSS configurations can filter on, with their internal names " +
      "(zpn_client_type_zapp, …) and display names.",
    request: `GET ${route("lssCustomer", "clientTypes")}`,
    filters: {},
    async fetch(_args, ctx, limit) {
      const types = await getJson(ctx, zpaPath(ctx, "lssCustomer", "clientTypes"));
      return entries(types).map(([clientType, name]) => ({ client_type: clientType, name }))
        .slice(0, limit);
    },
  }),
  example: {},
};

/** The LSS tools. */
export const LSS_TOOLS: readonly ToolSpec[] = [
  ...LSS_CONFIG_TOOLS,
  listLssLogTypes,
  getLssLogFormat,
  listLssStatusCodes,
  listLssClientTypes,
];
