/**
 * ZPA certificates: browser access (BA) certificates that clientless apps and PRA portals
 * present (listed through v2 `/clientlessCertificate/issued`, read, created and deleted through
 * v1 `/certificate`), and the enrollment certificates app connectors and service edges are
 * issued under (listed through v2, read through v1 `/enrollmentCert`). Private keys never reach
 * a result.
 *
 * @module
 */

import { z } from "zod";
import { field } from "../fields.ts";
import { descriptionField, nameField } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { lookupTool } from "./lookups.ts";
import { createdOr, zpaResource } from "./resource.ts";

const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]+-----END [A-Z0-9 ]+-----/;

const certLookup = (query: string) => ({ tool: "zpa_list_ba_certificates", query });

/** `zpa_{list,get,create,delete}_ba_certificate(s)` */
export const BA_CERTIFICATE_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_ba_certificates",
  noun: "browser access certificate",
  collection: "certificate",
  listCollection: "clientlessCertificate/issued",
  idArg: "certificate_id",
  tools: {
    list: "zpa_list_ba_certificates",
    get: "zpa_get_ba_certificate",
    create: "zpa_create_ba_certificate",
    delete: "zpa_delete_ba_certificate",
  },
  api: { list: "v2" },
  listDetail: " (the certificates browser access apps and PRA portals present) with their " +
    "subjects, SANs and validity",
  fields: {
    name: field(nameField("certificate"), "name", { required: true }),
    description: field(descriptionField("certificate"), "description"),
    cert_blob: field(
      z.string().max(65_536).regex(PEM, "must be PEM text (-----BEGIN ...-----)").describe(
        "The certificate chain and its private key, PEM-encoded. Secret: redacted from the " +
          "audit log and never shown again.",
      ),
      "certBlob",
      { required: true },
    ),
  },
  sensitive: ["cert_blob"],
  secrets: ["certBlob", "privateKey"],
  createDetail: "Required: name and cert_blob (PEM certificate with its private key).",
  deleteDetail: "Refused while browser access apps or PRA portals still use it.",
  examples: {
    list: {},
    get: { lookups: { certificate_id: certLookup("items[0].id") } },
    create: {
      args: {
        name: "payroll.acme-sim.example (example)",
        cert_blob: "-----BEGIN CERTIFICATE-----\nMIIBexample\n-----END CERTIFICATE-----\n" +
          "-----BEGIN PRIVATE KEY-----\nMIIEexample\n-----END PRIVATE KEY-----\n",
      },
    },
    delete: {
      lookups: {
        certificate_id: createdOr(
          "zpa_list_ba_certificates",
          "payroll.acme-sim.example (example)",
          "items[?name=='wildcard.acme-sim.example'].id | [0]",
        ),
      },
    },
  },
});

/** `get_zpa_enrollment_certificate` */
export const enrollmentCertificate: ToolSpec = lookupTool({
  name: "get_zpa_enrollment_certificate",
  toolset: "zpa_provisioning_keys",
  noun: "enrollment certificate",
  nouns: "enrollment certificates",
  about: "Enrollment certificates are the CAs app connectors (Connector), service edges " +
    "(Service Edge) and clients (Client, Root) are issued under; provisioning keys and app " +
    "connector groups name one by id.",
  list: { api: "v2", collection: "enrollmentCert" },
  get: { api: "v1", collection: "enrollmentCert", idArg: "certificate_id" },
  search: true,
  secrets: ["privateKey", "zrsaencryptedprivatekey", "zrsaencryptedsessionkey"],
  example: {},
});
