/**
 * ZPA provisioning keys, which enroll new app connectors or service edges into a group. They
 * live under their association type — `/associationType/{CONNECTOR_GRP|SERVICE_EDGE_GRP}/
 * provisioningKey` — so every tool takes `key_type` besides the id, as the reference server's do.
 * The key value itself is a secret and never reaches a result.
 *
 * @module
 */

import { z } from "zod";
import { ZscalerRequestError } from "../../zscaler/mod.ts";
import { listTool } from "../builders.ts";
import {
  type ApiObject,
  createShape,
  field,
  type FieldTable,
  givesAnyField,
  toBody,
  updateShape,
} from "../fields.ts";
import { descriptionField, nameField, zpaId } from "../inputs.ts";
import type { ConfirmationTarget, ToolContext, ToolSpec } from "../spec.ts";
import { getJson, listRecords, nameEquals, send } from "./fetch.ts";
import { route, zpaPath } from "./paths.ts";
import { APPROVAL, LIVE, searchArgument } from "./resource.ts";
import { withhold } from "./secrets.ts";

/** The reference's key types and the association types of the API path. */
export const ASSOCIATION_TYPES = {
  connector: "CONNECTOR_GRP",
  service_edge: "SERVICE_EDGE_GRP",
} as const;

/** A reference key type. */
export type KeyType = keyof typeof ASSOCIATION_TYPES;

const keyType = z.enum(["connector", "service_edge"]).describe(
  "connector (keys that enroll app connectors) or service_edge (keys that enroll private " +
    "service edges).",
);

const keyId = zpaId("provisioning key");

/** The record fields that hold the enrollment secret. */
export const KEY_SECRETS = ["provisioningKey"] as const;

const TEMPLATE = "associationType/{associationType}/provisioningKey";
const collection = route("v1", TEMPLATE);
const item = `${collection}/{key_id}`;

function keysPath(ctx: ToolContext, type: KeyType, id?: string): string {
  const association = ASSOCIATION_TYPES[type];
  return id === undefined
    ? zpaPath(ctx, "v1", "associationType", association, "provisioningKey")
    : zpaPath(ctx, "v1", "associationType", association, "provisioningKey", id);
}

const FIELDS: FieldTable = {
  name: field(nameField("provisioning key"), "name", { required: true }),
  description: field(descriptionField("provisioning key"), "description"),
  max_usage: field(
    z.number().int().min(1).max(100_000).describe(
      "How many connectors or edges may enroll with the key.",
    ),
    (value: number) => ({ maxUsage: String(value) }),
    { required: true },
  ),
  component_id: field(
    zpaId("group").describe(
      "The app connector group (key_type connector) or service edge group (service_edge) the " +
        "key enrolls into.",
    ),
    "zcomponentId",
    { required: true },
  ),
  enrollment_cert_id: field(
    zpaId("enrollment certificate").describe(
      'The enrollment certificate (see get_zpa_enrollment_certificate: "Connector" for ' +
        'connectors, "Service Edge" for edges). Required for key_type connector.',
    ),
    "enrollmentCertId",
  ),
  enabled: field(z.boolean().describe("Whether the key can still enroll."), "enabled"),
};

const common = { service: "zpa" as const, toolset: "zpa_provisioning_keys", kind: "read" as const };
const keyLookup = (type: KeyType) => ({
  tool: "zpa_list_provisioning_keys",
  args: { key_type: type },
  query: "items[0].id",
});

async function readKey(ctx: ToolContext, type: KeyType, id: string): Promise<unknown> {
  return await getJson(ctx, keysPath(ctx, type, id));
}

/** The key id and type of validated arguments. */
function keyOf(args: Record<string, unknown>): { id: string; type: KeyType } {
  return { id: String(args.key_id), type: args.key_type as KeyType };
}

function isObject(value: unknown): value is ApiObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `zpa_list_provisioning_keys` */
export const listProvisioningKeys: ToolSpec = {
  ...listTool({
    name: "zpa_list_provisioning_keys",
    service: "zpa",
    toolset: "zpa_provisioning_keys",
    title: "List ZPA provisioning keys",
    description: "Lists the provisioning keys of one type (connector or service_edge) with " +
      "their group, enrollment certificate, usage count and limit. The key values are secret " +
      "and withheld.",
    request: `GET ${collection}`,
    filters: { key_type: keyType, search: searchArgument("provisioning keys") },
    async fetch(args, ctx, limit) {
      const records = await listRecords(ctx, keysPath(ctx, args.key_type), limit, {
        query: { search: args.search === undefined ? undefined : nameEquals(args.search) },
      });
      return withhold(records, KEY_SECRETS) as unknown[];
    },
  }),
  example: { args: { key_type: "connector" } },
};

/** `zpa_get_provisioning_key` */
export const getProvisioningKey: ToolSpec = {
  ...common,
  name: "zpa_get_provisioning_key",
  title: "Get a ZPA provisioning key",
  description: "Gets one provisioning key by key_id and key_type, with every field except " +
    "the key value (secret, withheld).",
  request: `GET ${item}`,
  input: z.strictObject({ key_id: keyId, key_type: keyType }),
  async run(args, ctx) {
    const { id, type } = keyOf(args);
    return { data: withhold(await readKey(ctx, type, id), KEY_SECRETS) };
  },
  example: { args: { key_type: "connector" }, lookups: { key_id: keyLookup("connector") } },
};

function needsCertificate(args: ApiObject): string | undefined {
  return args.key_type === "connector" && args.enrollment_cert_id === undefined
    ? "key_type connector needs enrollment_cert_id."
    : undefined;
}

/** `zpa_create_provisioning_key` */
export const createProvisioningKey: ToolSpec = {
  ...common,
  kind: "create",
  name: "zpa_create_provisioning_key",
  title: "Create a ZPA provisioning key",
  description: "Creates a provisioning key that enrolls app connectors (key_type connector) " +
    "or private service edges (service_edge) into a group. Required: key_type, name, " +
    "max_usage, component_id, and enrollment_cert_id for connectors. The key value is " +
    `withheld from the result; copy it from the ZPA admin portal. ${LIVE}`,
  request: `POST ${collection}`,
  input: z.strictObject({ key_type: keyType, ...createShape(FIELDS) }).superRefine(
    (args, issues) => {
      const problem = needsCertificate(args);
      if (problem) issues.addIssue({ code: "custom", message: problem });
    },
  ),
  async run(args, ctx) {
    const body = toBody(FIELDS, args);
    const created = await send(ctx, "POST", keysPath(ctx, args.key_type as KeyType), body);
    return { data: withhold(created, KEY_SECRETS) };
  },
  example: {
    args: { key_type: "connector", name: "SJC enrollment (example)", max_usage: 2 },
    lookups: {
      component_id: { tool: "zpa_list_app_connector_groups", query: "items[0].id" },
      enrollment_cert_id: {
        tool: "get_zpa_enrollment_certificate",
        query: "items[0].id",
      },
    },
  },
};

const updateNames = Object.keys(FIELDS);

/** `zpa_update_provisioning_key` */
export const updateProvisioningKey: ToolSpec = {
  ...common,
  kind: "update",
  name: "zpa_update_provisioning_key",
  title: "Update a ZPA provisioning key",
  description: "Changes a provisioning key: give key_id, key_type and only the fields to " +
    "change; every other field keeps its current value. Returns the key as it is afterwards " +
    `(its value withheld). ${LIVE}`,
  request: `GET ${item}, then PUT ${item}, then GET ${item}`,
  input: z.strictObject({ key_id: keyId, key_type: keyType, ...updateShape(FIELDS) }).refine(
    (args) => givesAnyField(FIELDS, args),
    { message: `Nothing to change: give at least one of ${updateNames.join(", ")}.` },
  ),
  async run(args, ctx) {
    const { id, type } = keyOf(args);
    const current = await readKey(ctx, type, id);
    if (!isObject(current)) {
      throw new ZscalerRequestError(
        "zpa_update_provisioning_key: the current key could not be read, so nothing was changed",
        { hint: "Check key_id and key_type with zpa_list_provisioning_keys" },
      );
    }
    await send(ctx, "PUT", keysPath(ctx, type, id), { ...current, ...toBody(FIELDS, args) });
    return { data: withhold(await readKey(ctx, type, id), KEY_SECRETS) };
  },
  example: {
    args: { key_type: "connector", description: "Updated by the example" },
    lookups: { key_id: keyLookup("connector") },
  },
};

async function lookupKey(
  ctx: ToolContext,
  type: KeyType,
  id: string,
): Promise<ApiObject | undefined> {
  try {
    const record = await readKey(ctx, type, id);
    return isObject(record) ? record : undefined;
  } catch {
    return undefined;
  }
}

/** `zpa_delete_provisioning_key` */
export const deleteProvisioningKey: ToolSpec = {
  ...common,
  kind: "delete",
  name: "zpa_delete_provisioning_key",
  title: "Delete a ZPA provisioning key",
  description: "Deletes a provisioning key by key_id and key_type; connectors or edges " +
    `already enrolled with it stay. ${APPROVAL} ${LIVE}`,
  request: `GET ${item}, then DELETE ${item}`,
  input: z.strictObject({ key_id: keyId, key_type: keyType }),
  confirmation: {
    async describe(args, ctx): Promise<ConfirmationTarget> {
      const { id, type } = keyOf(args);
      const record = await lookupKey(ctx, type, id);
      const name = typeof record?.name === "string" && record.name !== "" ? record.name : undefined;
      return {
        operation: "Delete",
        resourceType: `ZPA ${type === "connector" ? "connector" : "service edge"} ` +
          "provisioning key",
        ...(name === undefined ? {} : { name }),
        id,
      };
    },
  },
  async run(args, ctx) {
    const { id, type } = keyOf(args);
    const record = await lookupKey(ctx, type, id);
    await send(ctx, "DELETE", keysPath(ctx, type, id));
    const name = typeof record?.name === "string" ? record.name : undefined;
    return { data: { deleted: true, id, ...(name === undefined ? {} : { name }) } };
  },
  example: {
    args: { key_type: "service_edge" },
    lookups: { key_id: keyLookup("service_edge") },
  },
};

/** The provisioning key tools. */
export const PROVISIONING_KEY_TOOLS: readonly ToolSpec[] = [
  listProvisioningKeys,
  getProvisioningKey,
  createProvisioningKey,
  updateProvisioningKey,
  deleteProvisioningKey,
];
