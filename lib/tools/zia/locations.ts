/** ZIA locations. */

import { getTool, listTool } from "../builders.ts";
import { searchField, ziaId } from "../inputs.ts";
import { apiPath, getOne, getPaged } from "./fetch.ts";

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
