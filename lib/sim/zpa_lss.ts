/**
 * The LSS (log streaming service) reference data ZPA serves outside the customer tree
 * (`/zpa/mgmtconfig/v2/admin/lssConfig/…`): client types, log formats per log type and
 * session status codes per log type.
 *
 * Facts: [PY] `zpa/lss.py` (paths; client types are `{code: human name}`; all formats are
 * `{logType: {csv,tsv,json}}`, one type's formats `{csv,tsv,json}` via `?logType=`), [GO]
 * `lssconfigcontroller` (client-type codes; status codes keyed by log type). The human names,
 * the format templates and the status code texts are the simulator's own.
 *
 * @module
 */

/** LSS client type codes and their display names. */
export const LSS_CLIENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  zpn_client_type_exporter: "Web Browser",
  zpn_client_type_exporter_noauth: "Web Browser Unauthenticated",
  zpn_client_type_machine_tunnel: "Machine Tunnel",
  zpn_client_type_ip_anchoring: "ZIA Service Edge",
  zpn_client_type_edge_connector: "Cloud Connector",
  zpn_client_type_branch_connector: "Branch Connector",
  zpn_client_type_zapp: "Client Connector",
  zpn_client_type_zapp_partner: "Client Connector Partner",
  zpn_client_type_vdi: "VDI",
  zpn_client_type_slogger: "ZPA LSS",
});

/** The log types LSS can stream (the SDK's `source_log_map` values). */
export const LSS_LOG_TYPES: readonly string[] = Object.freeze([
  "zpn_trans_log",
  "zpn_auth_log",
  "zpn_ast_auth_log",
  "zpn_http_trans_log",
  "zpn_audit_log",
  "zpn_ast_comprehensive_stats",
  "zpn_sys_auth_log",
  "zpn_waf_http_exchanges_log",
]);

const LOG_FIELDS: Readonly<Record<string, readonly string[]>> = {
  zpn_trans_log: [
    "LogTimestamp",
    "Customer",
    "SessionID",
    "ConnectionID",
    "Username",
    "Application",
  ],
  zpn_auth_log: ["LogTimestamp", "Customer", "Username", "SessionStatus", "ClientType"],
  zpn_ast_auth_log: ["LogTimestamp", "Customer", "Connector", "ConnectorGroup", "SessionStatus"],
  zpn_http_trans_log: ["LogTimestamp", "Customer", "Host", "Method", "Status", "Application"],
  zpn_audit_log: ["ModifiedTime", "Customer", "AuditOperationType", "ObjectType", "ObjectName"],
  zpn_ast_comprehensive_stats: ["LogTimestamp", "Customer", "Connector", "CPUUtilization"],
  zpn_sys_auth_log: ["LogTimestamp", "Customer", "ServiceEdge", "SessionStatus"],
  zpn_waf_http_exchanges_log: ["LogTimestamp", "Customer", "Host", "InspectionProfile", "Action"],
};

/** The `format` template of one log type in `csv`, `tsv` or `json`; "" for an unknown type. */
export function lssFormat(logType: string, kind: "csv" | "tsv" | "json"): string {
  const fields = LOG_FIELDS[logType];
  if (fields === undefined) return "";
  if (kind === "json") {
    return `{${fields.map((f) => `"${f}":%j{${f}}`).join(",")}}\\n`;
  }
  const separator = kind === "csv" ? "," : "\\t";
  return `${fields.map((f) => `%s{${f}}`).join(separator)}\\n`;
}

/** `{csv, tsv, json}` of one log type, or undefined when the type is unknown. */
export function lssFormatsOf(
  logType: string,
): { csv: string; tsv: string; json: string } | undefined {
  if (!LSS_LOG_TYPES.includes(logType)) return undefined;
  return {
    csv: lssFormat(logType, "csv"),
    tsv: lssFormat(logType, "tsv"),
    json: lssFormat(logType, "json"),
  };
}

/** Every log type's formats. */
export function lssAllFormats(): Record<string, { csv: string; tsv: string; json: string }> {
  return Object.fromEntries(LSS_LOG_TYPES.map((type) => [type, lssFormatsOf(type)!]));
}

/** Session status codes, keyed by log type, then code. */
export function lssStatusCodes(): Record<string, Record<string, string>> {
  return {
    zpn_auth_log: {
      ZPN_STATUS_AUTHENTICATED: "The client authenticated",
      ZPN_STATUS_AUTH_FAILED: "The client failed to authenticate",
      ZPN_STATUS_DISCONNECTED: "The client disconnected",
    },
    zpn_ast_auth_log: {
      ZPN_STATUS_AUTHENTICATED: "The App Connector authenticated",
      ZPN_STATUS_AUTH_FAILED: "The App Connector failed to authenticate",
      ZPN_STATUS_DISCONNECTED: "The App Connector disconnected",
    },
    zpn_trans_log: {
      BRK_MT_SETUP_FAIL_ACCESS_DENIED: "Access denied by policy",
      BRK_MT_SETUP_FAIL_NO_CONNECTOR_AVAILABLE: "No App Connector available",
      BRK_MT_CLOSED_FROM_CLIENT: "The client closed the connection",
      BRK_MT_AUTH_TWO_SAML_TIMEOUT: "Re-authentication timed out",
    },
    zpn_sys_auth_log: {
      ZPN_STATUS_AUTHENTICATED: "The Private Service Edge authenticated",
      ZPN_STATUS_DISCONNECTED: "The Private Service Edge disconnected",
    },
  };
}
