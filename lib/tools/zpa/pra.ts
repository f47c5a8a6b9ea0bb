/**
 * ZPA privileged remote access: PRA portals (`/praPortal`, the web portals users open) and PRA
 * credentials (`/credential`, the accounts PRA injects into sessions; their secrets are
 * write-only and never returned).
 *
 * @module
 */

import { z } from "zod";
import { ZscalerRequestError } from "../../zscaler/mod.ts";
import { field } from "../fields.ts";
import { descriptionField, nameField, zpaId } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { createdOr, zpaResource } from "./resource.ts";

const portalLookup = (query: string) => ({ tool: "zpa_list_pra_portals", query });

/** `zpa_{list,get,create,update,delete}_pra_portal(s)` */
export const PRA_PORTAL_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_pra",
  noun: "PRA portal",
  collection: "praPortal",
  idArg: "portal_id",
  tools: {
    list: "zpa_list_pra_portals",
    get: "zpa_get_pra_portal",
    create: "zpa_create_pra_portal",
    update: "zpa_update_pra_portal",
    delete: "zpa_delete_pra_portal",
  },
  listDetail: " (web portals for privileged remote access) with their domains and certificates",
  fields: {
    name: field(nameField("PRA portal"), "name", { required: true }),
    description: field(descriptionField("PRA portal"), "description"),
    enabled: field(z.boolean().describe("Whether users can open the portal."), "enabled"),
    domain: field(
      z.string().regex(/^[A-Za-z0-9*.-]{1,255}$/, "must be a domain name").describe(
        "The portal's domain users browse to, e.g. pra.example.com.",
      ),
      "domain",
      { required: true },
    ),
    certificate_id: field(
      zpaId("browser access certificate").describe(
        "The certificate the portal presents (see zpa_list_ba_certificates).",
      ),
      "certificateId",
      { required: true },
    ),
    user_notification: field(
      z.string().max(2000).describe("A message shown to users of the portal."),
      "userNotification",
    ),
    user_notification_enabled: field(
      z.boolean().describe("Whether user_notification is shown."),
      "userNotificationEnabled",
    ),
  },
  createDetail: "Required: name, domain and certificate_id. Users reach PRA application " +
    "segments through it.",
  deleteDetail: "Refused while policy rules still use it.",
  examples: {
    list: {},
    get: { lookups: { portal_id: portalLookup("items[0].id") } },
    create: {
      args: { name: "Ops Portal (example)", domain: "ops-pra.acme-sim.example" },
      lookups: { certificate_id: { tool: "zpa_list_ba_certificates", query: "items[0].id" } },
    },
    update: {
      args: { description: "Updated by the example" },
      lookups: { portal_id: portalLookup("items[0].id") },
    },
    delete: {
      lookups: {
        portal_id: createdOr(
          "zpa_list_pra_portals",
          "Ops Portal (example)",
          "items[?name=='Vendor Access Portal'].id | [0]",
        ),
      },
    },
  },
});

/** PRA credential types. */
export const CREDENTIAL_TYPES = ["USERNAME_PASSWORD", "PASSWORD", "SSH_KEY"] as const;

const secret = (what: string) =>
  z.string().min(1).max(16_384).describe(
    `${what}. Write-only: sent to ZPA, never shown again, redacted from the audit log.`,
  );

/** What each credential type needs on create. */
function credentialProblem(args: Record<string, unknown>): string | undefined {
  const needs: Record<string, string[]> = {
    USERNAME_PASSWORD: ["username", "password"],
    PASSWORD: ["password"],
    SSH_KEY: ["username", "private_key"],
  };
  const type = String(args.credential_type);
  const missing = (needs[type] ?? []).filter((name) => args[name] === undefined);
  return missing.length === 0 ? undefined : `${type} credentials need ${missing.join(" and ")}.`;
}

const credentialLookup = (query: string) => ({ tool: "zpa_list_pra_credentials", query });

/** `zpa_{list,get,create,update,delete}_pra_credential(s)` */
export const PRA_CREDENTIAL_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_pra",
  noun: "PRA credential",
  collection: "credential",
  idArg: "credential_id",
  tools: {
    list: "zpa_list_pra_credentials",
    get: "zpa_get_pra_credential",
    create: "zpa_create_pra_credential",
    update: "zpa_update_pra_credential",
    delete: "zpa_delete_pra_credential",
  },
  listDetail: " (accounts injected into privileged sessions; secrets are never shown)",
  fields: {
    name: field(nameField("PRA credential"), "name", { required: true }),
    description: field(descriptionField("PRA credential"), "description"),
    credential_type: field(
      z.enum(CREDENTIAL_TYPES).describe(
        "USERNAME_PASSWORD, PASSWORD or SSH_KEY. It cannot change after creation.",
      ),
      "credentialType",
      { required: true },
    ),
    username: field(
      z.string().trim().min(1).max(255).describe(
        "The account name (USERNAME_PASSWORD and SSH_KEY).",
      ),
      "userName",
    ),
    user_domain: field(
      z.string().trim().min(1).max(255).describe("The account's domain, e.g. CORP."),
      "userDomain",
    ),
    password: field(secret("The password (USERNAME_PASSWORD and PASSWORD)"), "password"),
    private_key: field(secret("The SSH private key in PEM form (SSH_KEY)"), "privateKey"),
    passphrase: field(secret("The private key's passphrase (SSH_KEY, optional)"), "passphrase"),
  },
  check: credentialProblem,
  beforePut(merged, id, current) {
    if (
      current.credentialType !== undefined && merged.credentialType !== current.credentialType
    ) {
      throw new ZscalerRequestError(
        `zpa_update_pra_credential: the credential type of ${id} cannot change ` +
          `(${String(current.credentialType)}); nothing was changed`,
        { hint: "Delete the credential and create a new one of the other type" },
      );
    }
    return merged;
  },
  sensitive: ["password", "private_key", "passphrase"],
  secrets: ["password", "privateKey", "passphrase"],
  createDetail: "Required: name and credential_type, plus username and password " +
    "(USERNAME_PASSWORD), password (PASSWORD) or username and private_key (SSH_KEY).",
  updateDetail: "The credential type cannot change.",
  deleteDetail: "Refused while credential policy rules still use it.",
  examples: {
    list: {},
    get: { lookups: { credential_id: credentialLookup("items[0].id") } },
    create: {
      args: {
        name: "svc-backup (example)",
        credential_type: "USERNAME_PASSWORD",
        username: "svc-backup",
        password: "example-only-not-a-secret",
      },
    },
    update: {
      args: { description: "Updated by the example" },
      lookups: { credential_id: credentialLookup("items[0].id") },
    },
    delete: {
      lookups: {
        credential_id: createdOr(
          "zpa_list_pra_credentials",
          "svc-backup (example)",
          "items[?name=='legacy-vnc'].id | [0]",
        ),
      },
    },
  },
});
