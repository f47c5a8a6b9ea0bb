/**
 * ZIA locations and traffic forwarding (toolset `zia_locations`): locations and location
 * groups, static IPs, VPN credentials, GRE tunnels and their internal ranges, and the geo
 * search ZIA offers for placing a location.
 *
 * @module
 */

import { z } from "zod";
import { ZscalerRequestError } from "../../zscaler/mod.ts";
import { listTool } from "../builders.ts";
import { type ApiObject, field } from "../fields.ts";
import { descriptionField, nameField, ziaId } from "../inputs.ts";
import type { ConfirmationTarget, ToolContext, ToolSpec } from "../spec.ts";
import { getAll, getOne, send, ZIA_BASE, ziaPath } from "./fetch.ts";
import {
  queryFilter,
  special,
  ZIA_ACTIVATION_HINT,
  ZIA_NOT_LIVE_NOTE,
  ziaResource,
} from "./resource.ts";
import { idRefs, ipAddress } from "./writes.ts";

const TOOLSET = "zia_locations";

const bandwidth = (direction: string) =>
  z.number().int().min(0).max(100_000_000).describe(
    `${direction} bandwidth limit of the location in kbps; 0 means no bandwidth control.`,
  );

const flag = (what: string, apiField: string) => field(z.boolean().describe(what), apiField);

const locations = ziaResource({
  toolset: TOOLSET,
  noun: "location",
  path: "/locations",
  idArg: "location_id",
  tools: {
    list: "zia_list_locations",
    get: "zia_get_location",
    create: "zia_create_location",
    update: "zia_update_location",
    delete: "zia_delete_location",
  },
  about: " (sites whose traffic is forwarded to ZIA) with their IP addresses, VPN " +
    "credentials, country, time zone and enforcement settings",
  paged: 1000,
  search: { param: "search" },
  filters: {
    xff_enabled: queryFilter(
      z.boolean().describe("Only locations that do (true) or do not (false) use X-Forwarded-For."),
      "xffEnabled",
    ),
    auth_required: queryFilter(
      z.boolean().describe("Only locations that do (true) or do not (false) enforce auth."),
      "authRequired",
    ),
    bw_enforced: queryFilter(
      z.boolean().describe("Only locations with (true) or without (false) bandwidth control."),
      "bwEnforced",
    ),
  },
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
        "Public IP addresses (or ranges) the location's traffic comes from: static IPs of the " +
          "tenant (see zia_list_static_ips). On update the list replaces the current one.",
      ),
      "ipAddresses",
    ),
    vpn_credential_ids: field(
      z.array(ziaId("VPN credential")).max(1000).describe(
        "VPN credentials (see zia_list_vpn_credentials) the location's IPsec tunnels use. On " +
          "update the list replaces the current one.",
      ),
      idRefs("vpnCredentials"),
    ),
    profile: field(
      z.enum(["NONE", "CORPORATE", "SERVER", "GUESTWIFI", "IOT", "WORKLOAD"]).describe(
        "What kind of site it is; it selects default policies.",
      ),
      "profile",
    ),
    auth_required: flag("Users at the location must authenticate.", "authRequired"),
    ssl_scan_enabled: flag("Inspect TLS traffic from the location.", "sslScanEnabled"),
    xff_forward_enabled: flag(
      "Use the X-Forwarded-For header to identify clients.",
      "xffForwardEnabled",
    ),
    surrogate_ip: flag(
      "Map the client IP to the authenticated user (surrogate IP).",
      "surrogateIP",
    ),
    ofw_enabled: flag("Enforce the cloud firewall for the location.", "ofwEnabled"),
    ips_control: flag("Enforce IPS control for the location.", "ipsControl"),
    aup_enabled: flag("Show the acceptable use policy to users.", "aupEnabled"),
    caution_enabled: flag("Show caution notifications.", "cautionEnabled"),
    up_bandwidth: field(bandwidth("Upload"), "upBandwidth"),
    dn_bandwidth: field(bandwidth("Download"), "dnBandwidth"),
  },
  createDetail: "Required: name. A static-IP location also needs ip_addresses; an IPsec " +
    "location needs vpn_credential_ids.",
  deleteDetail: "Rules that name the location no longer apply to its traffic.",
  examples: {
    create: {
      name: "Example Branch Office",
      country: "GERMANY",
      tz: "GERMANY_EUROPE_BERLIN",
      profile: "CORPORATE",
    },
    update: { description: "Reviewed by the example run" },
    deletable: "items[-1].id",
  },
});

const locationGroups = ziaResource({
  toolset: TOOLSET,
  noun: "location group",
  path: "/locations/groups",
  idArg: "group_id",
  tools: { list: "zia_list_location_groups", get: "zia_get_location_group" },
  nameArg: "exact",
  about: " (static and dynamic groups rules can name instead of single locations) with their " +
    "type and member locations",
  paged: 1000,
});

const staticIps = ziaResource({
  toolset: TOOLSET,
  noun: "static IP",
  path: "/staticIP",
  idArg: "static_ip_id",
  tools: {
    list: "zia_list_static_ips",
    get: "zia_get_static_ip",
    create: "zia_create_static_ip",
    update: "zia_update_static_ip",
    delete: "zia_delete_static_ip",
  },
  about: " (public source IPs of GRE tunnels and locations) with their geolocation and " +
    "routability",
  paged: 1000,
  search: { fields: ["ipAddress", "comment"] },
  filters: {
    available_for_gre_tunnel: queryFilter(
      z.boolean().describe("Only static IPs that no GRE tunnel uses yet (true)."),
      "availableForGreTunnel",
    ),
    ip_address: queryFilter(ipAddress.describe("Only this IP address."), "ipAddress"),
  },
  createFields: {
    ip_address: field(
      ipAddress.describe("The public IP address (it cannot be changed later)."),
      "ipAddress",
      { required: true },
    ),
  },
  fields: {
    comment: field(descriptionField("static IP"), "comment"),
    geo_override: field(
      z.boolean().describe("Set the location by latitude and longitude instead of by lookup."),
      "geoOverride",
    ),
    latitude: field(
      z.number().min(-90).max(90).describe("Latitude, with geo_override."),
      "latitude",
    ),
    longitude: field(
      z.number().min(-180).max(180).describe("Longitude, with geo_override."),
      "longitude",
    ),
    routable_ip: field(
      z.boolean().describe("The address is publicly routable (false for a NATed address)."),
      "routableIP",
    ),
  },
  nameField: "ipAddress",
  createDetail: "Required: ip_address.",
  deleteDetail: "A static IP that a GRE tunnel or location still uses cannot be deleted.",
  examples: {
    create: { ip_address: "198.51.100.77", comment: "Example static IP" },
    update: { comment: "Reviewed by the example run" },
    // The seeded static IP no tunnel, credential or location uses.
    deletable: "items[?ipAddress=='198.51.100.20'].id | [0]",
  },
});

const preSharedKey = z.string().regex(/^[!-~]{8,128}$/, "must be 8-128 printable characters")
  .describe("The IKE pre-shared key (secret; never shown in results or logs).");

const vpnCredentials = ziaResource({
  toolset: TOOLSET,
  noun: "VPN credential",
  path: "/vpnCredentials",
  idArg: "credential_id",
  tools: {
    list: "zia_list_vpn_credentials",
    get: "zia_get_vpn_credential",
    create: "zia_create_vpn_credential",
    update: "zia_update_vpn_credential",
    delete: "zia_delete_vpn_credential",
  },
  about: " (IKE identities of IPsec tunnels: IP or user FQDN) with the location each is bound " +
    "to; pre-shared keys are never shown",
  paged: 1000,
  search: { fields: ["fqdn", "ipAddress", "comments"] },
  filters: {
    type: queryFilter(
      z.enum(["CN", "IP", "UFQDN", "XAUTH"]).describe("Only credentials of this type."),
      "type",
    ),
    include_only_without_location: queryFilter(
      z.boolean().describe("Only credentials no location uses yet (true)."),
      "includeOnlyWithoutLocation",
    ),
    location_id: queryFilter(
      ziaId("location").describe("Only the credentials of this location."),
      "locationId",
    ),
  },
  createFields: {
    credential_type: field(
      z.enum(["IP", "UFQDN"]).describe(
        "IP (the tunnel is identified by its static IP) or UFQDN (by a user FQDN such as " +
          "branch1@acme.example).",
      ),
      "type",
      { required: true },
    ),
    ip_address: field(
      ipAddress.describe("The static IP, for type IP (see zia_list_static_ips)."),
      "ipAddress",
    ),
    fqdn: field(
      z.string().regex(/^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,255}$/, "must be a user FQDN")
        .describe("The user FQDN (local@domain), for type UFQDN."),
      "fqdn",
    ),
  },
  fields: {
    pre_shared_key: field(preSharedKey, "preSharedKey", { required: true }),
    comments: field(descriptionField("VPN credential"), "comments"),
  },
  check: (args) => {
    if (args.credential_type === "IP" && args.ip_address === undefined) {
      return "A credential of type IP needs ip_address.";
    }
    if (args.credential_type === "UFQDN" && args.fqdn === undefined) {
      return "A credential of type UFQDN needs fqdn.";
    }
    return undefined;
  },
  sensitive: ["pre_shared_key"],
  nameOf: (record) => record.fqdn ?? record.ipAddress,
  createDetail: "Required: credential_type and pre_shared_key; ip_address for type IP, fqdn " +
    "for type UFQDN.",
  updateDetail: "Only the pre-shared key and comments can change.",
  deleteDetail: "A credential that a location still uses cannot be deleted.",
  examples: {
    create: {
      credential_type: "UFQDN",
      fqdn: "example-branch@acme-sim.example",
      pre_shared_key: "example-psk-0123",
    },
    update: { comments: "Reviewed by the example run" },
    deletable: "items[-1].id",
  },
});

const greTunnels = ziaResource({
  toolset: TOOLSET,
  noun: "GRE tunnel",
  path: "/greTunnels",
  idArg: "tunnel_id",
  tools: { list: "zia_list_gre_tunnels", get: "zia_get_gre_tunnel" },
  about: " with their source IP, primary and secondary ZIA data-center VIPs and internal range",
  paged: 1000,
  search: { fields: ["sourceIp", "comment"] },
});

/** `zia_list_gre_ranges` */
const listGreRanges: ToolSpec = {
  ...listTool({
    service: "zia",
    toolset: TOOLSET,
    name: "zia_list_gre_ranges",
    title: "List available GRE internal IP ranges",
    description: "Lists the internal IP ranges (/29) still free for a numbered GRE tunnel, with " +
      "their start and end addresses. zia_create_gre_tunnel uses the first one when no " +
      "internal_ip_range is given.",
    request: `GET ${ZIA_BASE}/greTunnels/availableInternalIpRanges`,
    filters: {
      internal_ip_range: ipAddress.optional().describe("Only the range starting at this address."),
      static_ip: ipAddress.optional().describe("Ranges for the tunnel of this static IP."),
    },
    fetch: async (args, ctx, limit) =>
      (await getAll(ctx, ziaPath("/greTunnels/availableInternalIpRanges"), {
        internalIpRange: args.internal_ip_range,
        staticIp: args.static_ip,
      })).slice(0, limit),
  }),
  example: {},
};

const vipId = (which: string) =>
  ziaId(`${which} destination VIP`).describe(
    `The ${which} ZIA data-center VIP id the tunnel ends at. Leave out to send none.`,
  );

const greCreateInput = z.strictObject({
  static_ip_address: ipAddress.describe(
    "The tunnel's source: a static IP of the tenant (see zia_list_static_ips).",
  ),
  ip_unnumbered: z.boolean().default(false).describe(
    "An unnumbered tunnel (no internal range). Default false: a numbered tunnel.",
  ),
  internal_ip_range: ipAddress.optional().describe(
    "First address of the internal /29 range of a numbered tunnel. Leave out to use the first " +
      "free one (see zia_list_gre_ranges).",
  ),
  primary_dest_vip_id: vipId("primary").optional(),
  secondary_dest_vip_id: vipId("secondary").optional(),
  within_country: z.boolean().optional().describe(
    "Keep both VIPs in the source IP's country.",
  ),
  comment: descriptionField("GRE tunnel").optional(),
}).refine((args) => !(args.ip_unnumbered && args.internal_ip_range !== undefined), {
  message: "An unnumbered tunnel takes no internal_ip_range.",
  path: ["internal_ip_range"],
});

/** The first free internal range for a tunnel from `staticIp`, as its start address. */
async function firstFreeRange(ctx: ToolContext, staticIp: string): Promise<string> {
  const ranges = await getAll(ctx, ziaPath("/greTunnels/availableInternalIpRanges"), {
    staticIp,
  });
  const start = (ranges[0] as ApiObject | undefined)?.startIPAddress;
  if (typeof start !== "string") {
    throw new ZscalerRequestError("ZIA has no free internal IP range for a numbered GRE tunnel", {
      hint: "Create an unnumbered tunnel (ip_unnumbered: true) or free a range",
    });
  }
  return start;
}

/** `zia_create_gre_tunnel` */
const createGreTunnel: ToolSpec<typeof greCreateInput> = {
  name: "zia_create_gre_tunnel",
  service: "zia",
  toolset: TOOLSET,
  kind: "create",
  title: "Create a ZIA GRE tunnel",
  description: "Creates a ZIA GRE tunnel from a static IP of the tenant. Required: " +
    "static_ip_address. A numbered tunnel (the default) gets internal_ip_range, or the first " +
    `free range when it is left out. ${ZIA_ACTIVATION_HINT}`,
  request: `GET ${ZIA_BASE}/greTunnels/availableInternalIpRanges, then POST ${ZIA_BASE}/greTunnels`,
  input: greCreateInput,
  example: {
    lookups: {
      static_ip_address: {
        tool: "zia_list_static_ips",
        args: { available_for_gre_tunnel: true },
        query: "items[0].ipAddress",
      },
    },
  },
  async run(args, ctx) {
    const range = args.ip_unnumbered
      ? undefined
      : args.internal_ip_range ?? await firstFreeRange(ctx, args.static_ip_address);
    const body: ApiObject = {
      sourceIp: args.static_ip_address,
      ipUnnumbered: args.ip_unnumbered,
      ...(range === undefined ? {} : { internalIpRange: range }),
      ...(args.primary_dest_vip_id === undefined
        ? {}
        : { primaryDestVip: { id: args.primary_dest_vip_id } }),
      ...(args.secondary_dest_vip_id === undefined
        ? {}
        : { secondaryDestVip: { id: args.secondary_dest_vip_id } }),
      ...(args.within_country === undefined ? {} : { withinCountry: args.within_country }),
      ...(args.comment === undefined ? {} : { comment: args.comment }),
    };
    return {
      data: await send(ctx, "POST", ziaPath("/greTunnels"), body),
      note: ZIA_NOT_LIVE_NOTE,
    };
  },
};

const greDeleteInput = z.strictObject({
  tunnel_id: ziaId("GRE tunnel"),
  static_ip_id: ziaId("static IP").optional().describe(
    "The tunnel's static IP (see zia_list_static_ips), deleted after the tunnel. Leave out to " +
      "keep the static IP.",
  ),
});

/** Reads a record for a confirmation or a delete; a failed read is no record. */
async function tryGet(ctx: ToolContext, path: string): Promise<ApiObject | undefined> {
  try {
    const record = await getOne(ctx, path);
    return typeof record === "object" && record !== null && !Array.isArray(record)
      ? record as ApiObject
      : undefined;
  } catch {
    return undefined;
  }
}

/** `zia_delete_gre_tunnel` */
const deleteGreTunnel: ToolSpec<typeof greDeleteInput> = {
  name: "zia_delete_gre_tunnel",
  service: "zia",
  toolset: TOOLSET,
  kind: "delete",
  title: "Delete a ZIA GRE tunnel",
  description: "Deletes a ZIA GRE tunnel by tunnel_id and, when static_ip_id is given, the " +
    "static IP it used (after the tunnel). Traffic from the site over this tunnel stops " +
    `reaching ZIA. A human must approve the call before it runs. ${ZIA_ACTIVATION_HINT}`,
  request: `GET ${ZIA_BASE}/greTunnels/{id}, then DELETE ${ZIA_BASE}/greTunnels/{id}, then ` +
    `DELETE ${ZIA_BASE}/staticIP/{id}`,
  input: greDeleteInput,
  example: {
    // The seeded Frankfurt tunnel and its static IP, which nothing else uses.
    lookups: {
      tunnel_id: {
        tool: "zia_list_gre_tunnels",
        query: "items[?sourceIp=='203.0.113.140'].id | [0]",
      },
      static_ip_id: {
        tool: "zia_list_static_ips",
        query: "items[?ipAddress=='203.0.113.140'].id | [0]",
      },
    },
  },
  confirmation: {
    async describe(args, ctx): Promise<ConfirmationTarget> {
      const tunnel = await tryGet(ctx, ziaPath("/greTunnels", args.tunnel_id));
      const source = tunnel?.sourceIp;
      return {
        operation: "Delete",
        resourceType: "ZIA GRE tunnel",
        ...(typeof source === "string" ? { name: source } : {}),
        id: String(args.tunnel_id),
        ...(args.static_ip_id === undefined
          ? {}
          : { detail: `Its static IP (id ${args.static_ip_id}) is deleted after it.` }),
      };
    },
  },
  async run(args, ctx) {
    const tunnel = await tryGet(ctx, ziaPath("/greTunnels", args.tunnel_id));
    await send(ctx, "DELETE", ziaPath("/greTunnels", args.tunnel_id));
    if (args.static_ip_id !== undefined) {
      await send(ctx, "DELETE", ziaPath("/staticIP", args.static_ip_id));
    }
    const source = tunnel?.sourceIp;
    return {
      data: {
        deleted: true,
        id: args.tunnel_id,
        ...(typeof source === "string" ? { name: source } : {}),
        ...(args.static_ip_id === undefined ? {} : { static_ip_deleted: args.static_ip_id }),
      },
      note: ZIA_NOT_LIVE_NOTE,
    };
  },
};

const geoInput = z.strictObject({
  action: z.enum(["geo_by_coordinates", "geo_by_ip", "city_prefix_search"]).describe(
    "geo_by_coordinates: the region at latitude/longitude; geo_by_ip: the region of an IP " +
      "address; city_prefix_search: cities and regions whose name starts with prefix.",
  ),
  latitude: z.number().min(-90).max(90).optional().describe("Latitude, for geo_by_coordinates."),
  longitude: z.number().min(-180).max(180).optional().describe(
    "Longitude, for geo_by_coordinates.",
  ),
  ip: ipAddress.optional().describe("The IP address, for geo_by_ip."),
  prefix: z.string().trim().min(1).max(100).optional().describe(
    "Start of a city or region name, for city_prefix_search.",
  ),
}).superRefine((args, issues) => {
  const need: Record<typeof args.action, string[]> = {
    geo_by_coordinates: ["latitude", "longitude"],
    geo_by_ip: ["ip"],
    city_prefix_search: ["prefix"],
  };
  const given = ["latitude", "longitude", "ip", "prefix"].filter((key) =>
    (args as Record<string, unknown>)[key] !== undefined
  );
  const wanted = need[args.action];
  for (const key of wanted) {
    if (!given.includes(key)) {
      issues.addIssue({ code: "custom", path: [key], message: `${args.action} needs ${key}` });
    }
  }
  for (const key of given) {
    if (!wanted.includes(key)) {
      issues.addIssue({ code: "custom", path: [key], message: `${args.action} takes no ${key}` });
    }
  }
});

/** `zia_geo_search` */
const geoSearch: ToolSpec<typeof geoInput> = {
  name: "zia_geo_search",
  service: "zia",
  toolset: TOOLSET,
  kind: "read",
  title: "ZIA geo search",
  description: "Looks up ZIA's geographic regions, e.g. to set a location's country or a " +
    "static IP's coordinates: by latitude/longitude (geo_by_coordinates, GET " +
    "/region/byGeoCoordinates), by IP address (geo_by_ip, GET /region/byIPAddress/{ip}) or " +
    "by the start of a city name (city_prefix_search, GET /region/search).",
  request: `GET ${ZIA_BASE}/region/search`,
  input: geoInput,
  example: { args: { action: "city_prefix_search", prefix: "San" } },
  async run(args, ctx) {
    if (args.action === "geo_by_coordinates") {
      return {
        data: await getOne(ctx, ziaPath("/region/byGeoCoordinates"), {
          latitude: args.latitude,
          longitude: args.longitude,
        }),
      };
    }
    if (args.action === "geo_by_ip") {
      return { data: await getOne(ctx, ziaPath("/region/byIPAddress", args.ip!)) };
    }
    const found = await getAll(ctx, ziaPath("/region/search"), { prefix: args.prefix });
    return { data: found, list: true };
  },
};

/** Every `zia_locations` tool. */
export const LOCATION_TOOLS: readonly ToolSpec[] = [
  ...locations,
  ...locationGroups,
  ...staticIps,
  ...vpnCredentials,
  ...greTunnels,
  listGreRanges,
  special(createGreTunnel),
  special(deleteGreTunnel),
  special(geoSearch),
];
