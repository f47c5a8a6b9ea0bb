/**
 * ZPA app connector groups (`/appConnectorGroup`) and app connectors (`/connector`, which enroll
 * with a provisioning key and are never created through the API; bulk delete included).
 *
 * @module
 */

import { z } from "zod";
import { field, type FieldTable } from "../fields.ts";
import { descriptionField, nameField, zpaId } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { bulkDeleteTool } from "./bulk.ts";
import { coordinate, countryCode, idList, idRefs, locationText, upgradeFields } from "./inputs.ts";
import { createdOr, idNamed, unreferenced, zpaResource } from "./resource.ts";

const groupByName = (name: string) => idNamed("zpa_list_app_connector_groups", name);

const CONNECTOR_GROUP_FIELDS: FieldTable = {
  name: field(nameField("app connector group"), "name", { required: true }),
  description: field(descriptionField("app connector group"), "description"),
  enabled: field(z.boolean().describe("Whether the group is in use."), "enabled"),
  location: field(
    locationText.describe('Where the connectors run, e.g. "San Jose, CA, USA".'),
    "location",
  ),
  latitude: field(coordinate("latitude"), "latitude"),
  longitude: field(coordinate("longitude"), "longitude"),
  city_country: field(
    z.string().trim().min(1).max(255).describe('City and country, e.g. "San Jose, US".'),
    "cityCountry",
  ),
  country_code: field(countryCode, "countryCode"),
  dns_query_type: field(
    z.enum(["IPV4_IPV6", "IPV4", "IPV6"]).describe(
      "Which DNS records the connectors ask for: IPV4_IPV6, IPV4 or IPV6.",
    ),
    "dnsQueryType",
  ),
  ...upgradeFields,
  server_group_ids: field(idList("server group", "zpa_list_server_groups"), idRefs("serverGroups")),
  connector_ids: field(idList("app connector", "zpa_list_app_connectors"), idRefs("connectors")),
  enrollment_cert_id: field(
    zpaId("enrollment certificate").describe(
      "The enrollment certificate new connectors get (see get_zpa_enrollment_certificate).",
    ),
    "enrollmentCertId",
  ),
  pra_enabled: field(
    z.boolean().describe("Whether the connectors also serve privileged remote access."),
    "praEnabled",
  ),
  lss_app_connector_group: field(
    z.boolean().describe("Whether the group's connectors stream logs (LSS)."),
    "lssAppConnectorGroup",
  ),
};

/** `zpa_{list,get,create,update,delete}_app_connector_group(s)` */
export const APP_CONNECTOR_GROUP_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_app_connector_groups",
  noun: "app connector group",
  collection: "appConnectorGroup",
  idArg: "group_id",
  tools: {
    list: "zpa_list_app_connector_groups",
    get: "zpa_get_app_connector_group",
    create: "zpa_create_app_connector_group",
    update: "zpa_update_app_connector_group",
    delete: "zpa_delete_app_connector_group",
  },
  listDetail: " with their location, version profile and connectors",
  fields: CONNECTOR_GROUP_FIELDS,
  createDetail: "Required: name. Give location, latitude and longitude so users are served " +
    "by nearby connectors. Connectors join it with a provisioning key " +
    "(zpa_create_provisioning_key with key_type connector).",
  deleteDetail: "Refused while server groups or connectors still use it.",
  examples: {
    list: {},
    get: { lookups: { group_id: groupByName("SJC-DC1 Connectors") } },
    create: {
      args: {
        name: "LON-DC3 Connectors (example)",
        location: "London, UK",
        latitude: "51.5072",
        longitude: "-0.1276",
        country_code: "GB",
      },
    },
    update: {
      args: { description: "San Jose data center (updated by the example)" },
      lookups: { group_id: groupByName("SJC-DC1 Connectors") },
    },
    // A group without server groups or connectors: the create example's, or the tenant's.
    delete: {
      lookups: {
        group_id: createdOr(
          "zpa_list_app_connector_groups",
          "LON-DC3 Connectors (example)",
          unreferenced("serverGroups", "connectors"),
        ),
      },
    },
  },
});

const connectorByName = (name: string) => idNamed("zpa_list_app_connectors", name);

/** `zpa_{list,get,update,delete}_app_connector(s)` */
export const APP_CONNECTOR_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_connectors",
  noun: "app connector",
  collection: "connector",
  idArg: "connector_id",
  tools: {
    list: "zpa_list_app_connectors",
    get: "zpa_get_app_connector",
    update: "zpa_update_app_connector",
    delete: "zpa_delete_app_connector",
  },
  listDetail: " with their group, control channel status, versions and IP addresses",
  fields: {
    name: field(nameField("app connector"), "name"),
    description: field(descriptionField("app connector"), "description"),
    enabled: field(z.boolean().describe("Whether the connector serves traffic."), "enabled"),
  },
  deleteDetail: "It must enroll again with a provisioning key to come back.",
  examples: {
    list: {},
    get: { lookups: { connector_id: connectorByName("sjc-ac-01") } },
    update: {
      args: { description: "Primary SJC connector (updated by the example)" },
      lookups: { connector_id: connectorByName("sjc-ac-01") },
    },
    delete: { lookups: { connector_id: connectorByName("sjc-ac-02") } },
  },
});

/** `zpa_bulk_delete_app_connectors` */
export const bulkDeleteAppConnectors: ToolSpec = bulkDeleteTool({
  name: "zpa_bulk_delete_app_connectors",
  toolset: "zpa_connectors",
  collection: "connector",
  noun: "app connector",
  nouns: "app connectors",
  idsArg: "connector_ids",
  detail: "Each must enroll again with a provisioning key to come back.",
  example: {
    lookups: {
      connector_ids: {
        tool: "zpa_list_app_connectors",
        query: "items[?name=='fra-ac-01' || name=='aws-ac-01'].id",
      },
    },
  },
});
