/** ZIA locations. */

import { z } from "zod";
import { getTool, listTool } from "../builders.ts";
import { field } from "../fields.ts";
import { descriptionField, nameField, searchField, ziaId } from "../inputs.ts";
import { apiPath, getOne, getPaged } from "./fetch.ts";
import { ziaWriteTools } from "./writes.ts";

/** `zia_list_locations` */
export const listLocations = listTool({
  name: "zia_list_locations",
  service: "zia",
  toolset: "zia_locations",
  title: "List ZIA locations",
  description: "Lists ZIA locations (sites whose traffic is forwarded to ZIA) with their IP " +
    "addresses, VPN credentials, country, time zone and enforcement settings.",
  request: "GET /zia/api/v1/locations",
  filters: {
    search: searchField.optional().describe("Only locations whose name contains this text."),
  },
  fetch: (args, ctx, limit) =>
    getPaged(ctx, apiPath`/zia/api/v1/locations`, limit, {
      pageSize: 1000,
      query: { search: args.search },
    }),
});

/** `zia_get_location` */
export const getLocation = getTool({
  name: "zia_get_location",
  service: "zia",
  toolset: "zia_locations",
  title: "Get a ZIA location",
  description: "Gets one ZIA location by id, with every field.",
  request: "GET /zia/api/v1/locations/{id}",
  idArg: "location_id",
  id: ziaId("location"),
  fetch: (id, ctx) => getOne(ctx, apiPath`/zia/api/v1/locations/${id}`),
});

const bandwidth = (direction: string) =>
  z.number().int().min(0).max(100_000_000).describe(
    `${direction} bandwidth limit of the location in kbps; 0 means no bandwidth control.`,
  );

/** `zia_create_location`, `zia_update_location`, `zia_delete_location` */
export const [createLocation, updateLocation, deleteLocation] = ziaWriteTools({
  collection: "locations",
  toolset: "zia_locations",
  suffix: "location",
  noun: "location",
  idArg: "location_id",
  id: ziaId("location"),
  fields: {
    name: field(nameField("location"), "name", { required: true }),
    description: field(descriptionField("location"), "description"),
    country: field(
      z.string().regex(/^[A-Z][A-Z_]{1,63}$/, "must be a ZIA country name such as UNITED_STATES")
        .describe("Country as ZIA names it, e.g. UNITED_STATES."),
      "country",
    ),
    tz: field(
      z.string().regex(/^[A-Z][A-Z0-9_]{1,99}$/, "must be a ZIA time zone name").describe(
        "Time zone as ZIA names it, e.g. UNITED_STATES_AMERICA_LOS_ANGELES.",
      ),
      "tz",
    ),
    ip_addresses: field(
      z.array(
        z.string().regex(/^[0-9A-Fa-f.:/-]{2,100}$/, "must be an IP address or range"),
      ).max(1000).describe(
        "Public IP addresses (or ranges) the location's traffic comes from. On update the " +
          "list replaces the current one.",
      ),
      "ipAddresses",
    ),
    auth_required: field(
      z.boolean().describe("Users at the location must authenticate."),
      "authRequired",
    ),
    ssl_scan_enabled: field(
      z.boolean().describe("Inspect TLS traffic from the location."),
      "sslScanEnabled",
    ),
    xff_forward_enabled: field(
      z.boolean().describe("Use the X-Forwarded-For header to identify clients."),
      "xffForwardEnabled",
    ),
    up_bandwidth: field(bandwidth("Upload"), "upBandwidth"),
    dn_bandwidth: field(bandwidth("Download"), "dnBandwidth"),
  },
  createDetail: "Required: name. A static-IP location also needs ip_addresses (VPN " +
    "credentials are not set by this tool).",
  deleteDetail: "Rules that name the location no longer apply to its traffic.",
});
