/**
 * ZPA private service edge groups (`/serviceEdgeGroup`) and service edges (`/serviceEdge`, which
 * enroll with a provisioning key and are never created through the API; bulk delete included).
 *
 * @module
 */

import { z } from "zod";
import { field } from "../fields.ts";
import { descriptionField, nameField } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { bulkDeleteTool } from "./bulk.ts";
import { coordinate, countryCode, idList, idRefs, locationText, upgradeFields } from "./inputs.ts";
import { createdOr, idNamed, zpaResource } from "./resource.ts";

const groupLookup = { tool: "zpa_list_service_edge_groups", query: "items[0].id" };

/** `zpa_{list,get,create,update,delete}_service_edge_group(s)` */
export const SERVICE_EDGE_GROUP_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_service_edge_groups",
  noun: "service edge group",
  collection: "serviceEdgeGroup",
  idArg: "group_id",
  tools: {
    list: "zpa_list_service_edge_groups",
    get: "zpa_get_service_edge_group",
    create: "zpa_create_service_edge_group",
    update: "zpa_update_service_edge_group",
    delete: "zpa_delete_service_edge_group",
  },
  listDetail: " (private service edges in the customer's own sites) with their location, " +
    "trusted networks and edges",
  fields: {
    name: field(nameField("service edge group"), "name", { required: true }),
    description: field(descriptionField("service edge group"), "description"),
    enabled: field(z.boolean().describe("Whether the group is in use."), "enabled"),
    location: field(
      locationText.describe('Where the edges run, e.g. "Frankfurt am Main, Germany".'),
      "location",
      { required: true },
    ),
    latitude: field(coordinate("latitude"), "latitude", { required: true }),
    longitude: field(coordinate("longitude"), "longitude", { required: true }),
    city_country: field(
      z.string().trim().min(1).max(255).describe('City and country, e.g. "Frankfurt, DE".'),
      "cityCountry",
    ),
    country_code: field(countryCode, "countryCode"),
    is_public: field(
      z.boolean().describe("Whether the edges also serve users outside the trusted networks."),
      (value: boolean) => ({ isPublic: value ? "TRUE" : "FALSE" }),
    ),
    trusted_network_ids: field(
      idList("trusted network", "get_zpa_trusted_network"),
      idRefs("trustedNetworks"),
    ),
    service_edge_ids: field(
      idList("service edge", "zpa_list_service_edges"),
      idRefs("serviceEdges"),
    ),
    ...upgradeFields,
    grace_distance_enabled: field(
      z.boolean().describe("Let users slightly farther away than the nearest edge use it."),
      "graceDistanceEnabled",
    ),
    grace_distance_value: field(
      z.number().positive().max(100_000).describe("The grace distance."),
      (value: number) => ({ graceDistanceValue: String(value) }),
    ),
    grace_distance_value_unit: field(
      z.enum(["MILES", "KMS"]).describe("Unit of grace_distance_value: MILES or KMS."),
      "graceDistanceValueUnit",
    ),
  },
  createDetail: "Required: name, location, latitude and longitude. Edges join it with a " +
    "provisioning key (zpa_create_provisioning_key with key_type service_edge).",
  deleteDetail: "Refused while service edges or policy rules still use it.",
  examples: {
    list: {},
    get: { lookups: { group_id: groupLookup } },
    create: {
      args: {
        name: "LON Service Edges (example)",
        location: "London, UK",
        latitude: "51.5072",
        longitude: "-0.1276",
      },
    },
    update: {
      args: { description: "Updated by the example" },
      lookups: { group_id: groupLookup },
    },
    delete: {
      lookups: {
        group_id: createdOr(
          "zpa_list_service_edge_groups",
          "LON Service Edges (example)",
          "items[?name=='Lab Service Edges'].id | [0]",
        ),
      },
    },
  },
});

const EDGES = "zpa_list_service_edges";

/** `zpa_{list,get,update,delete}_service_edge(s)` */
export const SERVICE_EDGE_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_service_edge_groups",
  noun: "service edge",
  collection: "serviceEdge",
  idArg: "service_edge_id",
  tools: {
    list: "zpa_list_service_edges",
    get: "zpa_get_service_edge",
    update: "zpa_update_service_edge",
    delete: "zpa_delete_service_edge",
  },
  listDetail: " (individual private service edges) with their group, control channel " +
    "status, versions and IP addresses",
  fields: {
    name: field(nameField("service edge"), "name"),
    description: field(descriptionField("service edge"), "description"),
    enabled: field(z.boolean().describe("Whether the edge serves traffic."), "enabled"),
  },
  deleteDetail: "It must enroll again with a provisioning key to come back.",
  examples: {
    list: {},
    get: { lookups: { service_edge_id: idNamed(EDGES, "sjc-pse-01") } },
    update: {
      args: { description: "Updated by the example" },
      lookups: { service_edge_id: idNamed(EDGES, "sjc-pse-01") },
    },
    delete: { lookups: { service_edge_id: idNamed(EDGES, "fra-pse-01") } },
  },
});

/** `zpa_bulk_delete_service_edges` */
export const bulkDeleteServiceEdges: ToolSpec = bulkDeleteTool({
  name: "zpa_bulk_delete_service_edges",
  toolset: "zpa_service_edge_groups",
  collection: "serviceEdge",
  noun: "service edge",
  nouns: "service edges",
  idsArg: "service_edge_ids",
  detail: "Each must enroll again with a provisioning key to come back.",
  example: {
    lookups: { service_edge_ids: { tool: EDGES, query: "items[?name=='sjc-pse-02'].id" } },
  },
});
