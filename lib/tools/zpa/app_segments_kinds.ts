/**
 * Application segments of the browser-access (BA, clientless) and privileged-remote-access (PRA)
 * kinds. They live in the same `/application` collection as standard segments and carry their
 * apps in `commonAppsDto.appsConfig` on writes (Python SDK `app_segments_ba_v2.py`,
 * `app_segments_pra.py`); reads return them as `clientlessApps` / `praApps`. The list tools keep
 * only the segments of their kind.
 *
 * @module
 */

import { z } from "zod";
import { type ApiObject, field } from "../fields.ts";
import { zpaId } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { needsPorts, SEGMENT_FIELDS } from "./app_segments.ts";
import { hasItems } from "./inputs.ts";
import { createdOr, zpaResource } from "./resource.ts";

type AppType = "BROWSER_ACCESS" | "SECURE_REMOTE_ACCESS";

function asObject(value: unknown): ApiObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as ApiObject
    : undefined;
}

/** The `commonAppsDto.appsConfig` entries of a record (present on what was written). */
function appsConfig(record: ApiObject): ApiObject[] {
  const list = asObject(record.commonAppsDto)?.appsConfig;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry): ApiObject[] => {
    const object = asObject(entry);
    return object === undefined ? [] : [object];
  });
}

function configuredAs(record: ApiObject, type: AppType): boolean {
  return appsConfig(record).some((app) =>
    Array.isArray(app.appTypes) && app.appTypes.includes(type)
  );
}

/** Whether a segment record has browser-access apps. */
export function isBrowserAccess(record: unknown): boolean {
  const object = asObject(record);
  return object !== undefined &&
    (hasItems(object.clientlessApps) || configuredAs(object, "BROWSER_ACCESS"));
}

/** Whether a segment record has privileged-remote-access apps. */
export function isPrivilegedAccess(record: unknown): boolean {
  const object = asObject(record);
  return object !== undefined &&
    (hasItems(object.praApps) || configuredAs(object, "SECURE_REMOTE_ACCESS"));
}

const domain = z.string().regex(/^[A-Za-z0-9*._-]{1,255}$/, "must be a domain name")
  .describe("The app's domain; one of the segment's domain_names.");
const appPort = z.number().int().min(1).max(65535).describe("Port the app listens on.");

const baApp = z.strictObject({
  domain,
  application_port: appPort,
  application_protocol: z.enum(["HTTP", "HTTPS"]).describe("HTTP or HTTPS."),
  certificate_id: zpaId("browser access certificate").optional().describe(
    "The BA certificate users see (see zpa_list_ba_certificates); needed for HTTPS.",
  ),
  name: z.string().trim().min(1).max(255).optional().describe("Display name; default: domain."),
  enabled: z.boolean().optional().describe("Whether the app is reachable (default true)."),
  trust_untrusted_cert: z.boolean().optional().describe(
    "Accept an untrusted certificate on the app server.",
  ),
}).refine((app) => app.application_protocol === "HTTP" || app.certificate_id !== undefined, {
  message: "HTTPS apps need certificate_id",
  path: ["certificate_id"],
});

const praApp = z.strictObject({
  domain,
  application_port: appPort,
  application_protocol: z.enum(["RDP", "SSH", "VNC"]).describe("RDP, SSH or VNC."),
  connection_security: z.enum(["ANY", "NLA", "NLA_EXT", "TLS", "VM_CONNECT", "RDP"]).optional()
    .describe("RDP security mode (RDP apps only)."),
  name: z.string().trim().min(1).max(255).optional().describe("Display name; default: domain."),
  enabled: z.boolean().optional().describe("Whether the app is reachable (default true)."),
}).refine((app) => app.application_protocol === "RDP" || app.connection_security === undefined, {
  message: "connection_security applies to RDP apps only",
  path: ["connection_security"],
});

type BaApp = z.output<typeof baApp>;
type PraApp = z.output<typeof praApp>;

function baConfig(app: BaApp): ApiObject {
  return {
    name: app.name ?? app.domain,
    domain: app.domain,
    applicationPort: String(app.application_port),
    applicationProtocol: app.application_protocol,
    ...(app.certificate_id === undefined ? {} : { certificateId: app.certificate_id }),
    enabled: app.enabled ?? true,
    ...(app.trust_untrusted_cert === undefined
      ? {}
      : { trustUntrustedCert: app.trust_untrusted_cert }),
    appTypes: ["BROWSER_ACCESS"],
  };
}

function praConfig(app: PraApp): ApiObject {
  return {
    name: app.name ?? app.domain,
    domain: app.domain,
    applicationPort: String(app.application_port),
    applicationProtocol: app.application_protocol,
    ...(app.connection_security === undefined
      ? {}
      : { connectionSecurity: app.connection_security }),
    enabled: app.enabled ?? true,
    appTypes: ["SECURE_REMOTE_ACCESS"],
  };
}

/** The PRA apps a segment has now, by domain: from `praApps` or the written `appsConfig`. */
function currentPraApps(record: ApiObject): Map<string, string> {
  const byDomain = new Map<string, string>();
  for (const entry of Array.isArray(record.praApps) ? record.praApps : []) {
    const app = asObject(entry);
    if (typeof app?.domain === "string" && typeof app.id === "string") {
      byDomain.set(app.domain, app.id);
    }
  }
  for (const app of appsConfig(record)) {
    if (typeof app.domain === "string" && typeof app.praAppId === "string") {
      byDomain.set(app.domain, app.praAppId);
    }
  }
  return byDomain;
}

/**
 * Before a PRA update's PUT: new `appsConfig` entries get the segment's `appId` and the
 * `praAppId` of the app already serving their domain; apps whose domain is gone are listed in
 * `deletedPraApps` (Python SDK `update_segment_pra`).
 */
function praBeforePut(merged: ApiObject, id: string, current: ApiObject): ApiObject {
  if (merged.commonAppsDto === current.commonAppsDto) return merged;
  const written = appsConfig(merged);
  const existing = currentPraApps(current);
  const wanted = new Set(written.map((app) => String(app.domain)));
  const deleted = [...existing].filter(([domain]) => !wanted.has(domain)).map(([, appId]) => appId);
  return {
    ...merged,
    commonAppsDto: {
      appsConfig: written.map((app) => ({
        ...app,
        appId: id,
        praAppId: existing.get(String(app.domain)) ?? "",
      })),
      ...(deleted.length > 0 ? { deletedPraApps: deleted } : {}),
    },
  };
}

const KIND_NOTE = "Same collection as standard application segments; the kind is in its apps.";

/** `zpa_*_application_segment(s)_ba` */
export const BA_SEGMENT_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_app_segments",
  noun: "browser access application segment",
  collection: "application",
  idArg: "segment_id",
  tools: {
    list: "zpa_list_application_segments_ba",
    get: "zpa_get_application_segment_ba",
    create: "zpa_create_application_segment_ba",
    update: "zpa_update_application_segment_ba",
    delete: "zpa_delete_application_segment_ba",
  },
  listDetail: " (clientless web apps reached from a browser) with their apps, domains and ports",
  listFilter: isBrowserAccess,
  fields: {
    ...SEGMENT_FIELDS,
    clientless_apps: field(
      z.array(baApp).min(1).max(100).describe(
        "The browser-access apps of the segment, one per domain. On update the list " +
          "replaces the current one.",
      ),
      (apps) => ({ commonAppsDto: { appsConfig: apps.map(baConfig) } }),
      { required: true },
    ),
  },
  check: needsPorts,
  beforePut(merged, id, current) {
    if (merged.commonAppsDto === current.commonAppsDto) return merged;
    const apps = appsConfig(merged).map((app) => ({ ...app, appId: id }));
    return { ...merged, commonAppsDto: { appsConfig: apps } };
  },
  createDetail: "Required: name, domain_names, segment_group_id, server_group_ids, at least " +
    "one TCP or UDP port range, and clientless_apps (each HTTPS app with its certificate_id). " +
    KIND_NOTE,
  deleteDetail: "Refused while access policy rules still reference it.",
  examples: {
    list: {},
    get: {
      lookups: { segment_id: { tool: "zpa_list_application_segments_ba", query: "items[0].id" } },
    },
    create: {
      args: {
        name: "Payroll Portal (example)",
        domain_names: ["payroll.acme-sim.example"],
        tcp_port_ranges: [{ from: 443, to: 443 }],
        clientless_apps: [{
          domain: "payroll.acme-sim.example",
          application_port: 443,
          application_protocol: "HTTP",
        }],
      },
      lookups: {
        segment_group_id: { tool: "zpa_list_segment_groups", query: "items[0].id" },
        server_group_ids: { tool: "zpa_list_server_groups", query: "items[0:1].id" },
      },
    },
    update: {
      args: { description: "Browser access (updated by the example)" },
      lookups: { segment_id: { tool: "zpa_list_application_segments_ba", query: "items[0].id" } },
    },
    delete: {
      lookups: {
        segment_id: createdOr(
          "zpa_list_application_segments_ba",
          "Payroll Portal (example)",
          "items[0].id",
        ),
      },
    },
  },
});

/** `zpa_*_application_segment(s)_pra` */
export const PRA_SEGMENT_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_app_segments",
  noun: "privileged remote access application segment",
  collection: "application",
  idArg: "segment_id",
  tools: {
    list: "zpa_list_application_segments_pra",
    get: "zpa_get_application_segment_pra",
    create: "zpa_create_application_segment_pra",
    update: "zpa_update_application_segment_pra",
    delete: "zpa_delete_application_segment_pra",
  },
  listDetail: " (RDP, SSH and VNC servers reached through PRA portals) with their apps",
  listFilter: isPrivilegedAccess,
  fields: {
    ...SEGMENT_FIELDS,
    pra_apps: field(
      z.array(praApp).min(1).max(100).describe(
        "The privileged-remote-access apps of the segment, one per domain. On update the list " +
          "replaces the current one (apps whose domain is left out are removed).",
      ),
      (apps) => ({ commonAppsDto: { appsConfig: apps.map(praConfig) } }),
      { required: true },
    ),
  },
  check: needsPorts,
  beforePut: praBeforePut,
  createDetail: "Required: name, domain_names, segment_group_id, server_group_ids, at least " +
    "one TCP or UDP port range, and pra_apps. Users reach the apps through a PRA portal " +
    `(zpa_create_pra_portal). ${KIND_NOTE}`,
  deleteDetail: "Refused while access policy rules still reference it.",
  examples: {
    list: {},
    get: {
      lookups: {
        segment_id: { tool: "zpa_list_application_segments_pra", query: "items[0].id" },
      },
    },
    create: {
      args: {
        name: "Linux Jump Hosts (example)",
        domain_names: ["jump02.acme-sim.example"],
        tcp_port_ranges: [{ from: 22, to: 22 }],
        pra_apps: [{
          domain: "jump02.acme-sim.example",
          application_port: 22,
          application_protocol: "SSH",
        }],
      },
      lookups: {
        segment_group_id: { tool: "zpa_list_segment_groups", query: "items[0].id" },
        server_group_ids: { tool: "zpa_list_server_groups", query: "items[0:1].id" },
      },
    },
    update: {
      args: { description: "Privileged access (updated by the example)" },
      lookups: {
        segment_id: { tool: "zpa_list_application_segments_pra", query: "items[0].id" },
      },
    },
    delete: {
      lookups: {
        segment_id: createdOr(
          "zpa_list_application_segments_pra",
          "Linux Jump Hosts (example)",
          "items[0].id",
        ),
      },
    },
  },
});
