/**
 * Seed data of ZIA traffic forwarding and inventory: static IPs, VPN credentials, GRE tunnels,
 * location groups, device groups and devices. Field names follow the ZIA API reference models
 * ([HELP] `zia/traffic-forwarding`, `location-management`, `device-groups`). The static IPs,
 * VPN credentials and location groups match what the `seed.ts` locations already refer to.
 *
 * @module
 */

import type { JsonObject } from "./http.ts";
import { seedAdmin, seedTime } from "./zia_seed_firewall.ts";

/** Fresh static IPs (the egress addresses of the seeded locations). */
export function seedStaticIps(): JsonObject[] {
  const ip = (
    id: number,
    ipAddress: string,
    latitude: number,
    longitude: number,
    comment: string,
    hour: number,
  ) => ({
    id,
    ipAddress,
    geoOverride: false,
    latitude,
    longitude,
    routableIP: true,
    comment,
    lastModificationTime: seedTime(hour),
    lastModifiedBy: seedAdmin(),
  });
  return [
    ip(1596001, "203.0.113.10", 37.3382, -121.8863, "HQ primary egress", 60),
    ip(1596002, "198.51.100.20", 51.5072, -0.1276, "London office", 60),
    ip(1596003, "192.0.2.30", 45.4215, -75.6972, "Ottawa SD-WAN edge", 61),
    ip(1596004, "203.0.113.140", 50.1109, 8.6821, "Frankfurt DC", 61),
  ];
}

/** Fresh VPN credentials: the ones the seeded locations carry plus one unassigned. */
export function seedVpnCredentials(): JsonObject[] {
  const location = (id: number, name: string) => ({ id, name });
  return [
    {
      id: 29340001,
      type: "IP",
      ipAddress: "203.0.113.10",
      comments: "HQ primary egress",
      location: location(149870001, "HQ - San Jose"),
    },
    {
      id: 29340002,
      type: "UFQDN",
      fqdn: "london-gw@acme-sim.example",
      comments: "London IPsec gateway",
      location: location(149870002, "London Office"),
    },
    {
      id: 29340003,
      type: "IP",
      ipAddress: "192.0.2.30",
      comments: "SD-WAN edge",
      location: location(149870003, "Ottawa Branch"),
    },
    {
      id: 29340004,
      type: "UFQDN",
      fqdn: "fra-dc@acme-sim.example",
      comments: "Frankfurt DC tunnel",
      location: location(149870004, "Frankfurt DC"),
    },
    {
      id: 29340006,
      type: "UFQDN",
      fqdn: "spare-branch@acme-sim.example",
      comments: "Spare credential for the next branch",
    },
  ];
}

/** Fresh GRE tunnels (source IPs are seeded static IPs). */
export function seedGreTunnels(): JsonObject[] {
  const vip = (id: number, virtualIp: string, datacenter: string) => ({
    id,
    virtualIp,
    privateServiceEdge: false,
    datacenter,
  });
  return [
    {
      id: 1597001,
      sourceIp: "203.0.113.10",
      primaryDestVip: vip(99001, "165.225.8.10", "SJC4"),
      secondaryDestVip: vip(99002, "165.225.10.10", "LAX1"),
      internalIpRange: "172.17.0.0",
      withinCountry: true,
      ipUnnumbered: false,
      comment: "HQ primary GRE",
      lastModificationTime: seedTime(62),
      lastModifiedBy: seedAdmin(),
    },
    {
      id: 1597002,
      sourceIp: "203.0.113.140",
      primaryDestVip: vip(99011, "165.225.72.10", "FRA4"),
      secondaryDestVip: vip(99012, "165.225.76.10", "AMS2"),
      internalIpRange: "172.17.0.8",
      withinCountry: false,
      ipUnnumbered: false,
      comment: "Frankfurt DC GRE",
      lastModificationTime: seedTime(63),
      lastModifiedBy: seedAdmin(),
    },
  ];
}

/**
 * Fresh location groups: the predefined dynamic groups (members follow the location
 * `profile`, see `profiles`) and one static group. The ids of the first two are the ones the
 * recorded location objects carry.
 */
export function seedLocationGroups(): JsonObject[] {
  const dynamic = (id: number, name: string, profiles: string[]) => ({
    id,
    name,
    deleted: false,
    groupType: "DYNAMIC_GROUP",
    dynamicLocationGroupCriteria: {
      profiles,
      enforceAuthentication: false,
      enforceAup: false,
      enforceFirewallControl: false,
      enableXffForwarding: false,
      enableCaution: false,
      enableBandwidthControl: false,
    },
    predefined: true,
    comments: `Predefined group of ${profiles.join(", ").toLowerCase()} locations`,
    lastModTime: seedTime(0),
  });
  return [
    dynamic(24326828, "Corporate User Traffic Group", ["CORPORATE"]),
    dynamic(24326829, "Server Traffic Group", ["SERVER"]),
    dynamic(24326830, "Guest Wifi Group", ["GUESTWIFI"]),
    dynamic(24326831, "IoT Traffic Group", ["IOT"]),
    {
      id: 24326840,
      name: "EMEA Offices",
      deleted: false,
      groupType: "STATIC_GROUP",
      locations: [
        { id: 149870002, name: "London Office" },
        { id: 149870004, name: "Frankfurt DC" },
      ],
      predefined: false,
      comments: "Sites in Europe",
      lastModUser: seedAdmin(),
      lastModTime: seedTime(64),
    },
  ];
}

/** Fresh predefined device groups (one per Client Connector OS). */
export function seedDeviceGroups(): JsonObject[] {
  const rows: [number, string, string][] = [
    [24410001, "IOS", "IOS"],
    [24410002, "Android", "ANDROID"],
    [24410003, "Windows", "WINDOWS_OS"],
    [24410004, "Mac", "MAC_OS"],
    [24410005, "Linux", "LINUX"],
  ];
  return rows.map(([id, name, osType]) => ({
    id,
    name,
    groupType: "ZCC_OS",
    description: `${name} devices running Client Connector`,
    osType,
    predefined: true,
  }));
}

/** Fresh Client Connector devices owned by seeded users. */
export function seedDevices(): JsonObject[] {
  const device = (
    id: number,
    name: string,
    osType: string,
    osVersion: string,
    deviceModel: string,
    owner: [number, string],
    hostName: string,
  ) => ({
    id,
    name,
    deviceGroupType: "ZCC_OS",
    deviceModel,
    osType,
    osVersion,
    ownerUserId: owner[0],
    ownerName: owner[1],
    hostName,
    description: "",
  });
  return [
    device(
      24420001,
      "ALICE-MBP",
      "MAC_OS",
      "14.5",
      "MacBookPro18,3",
      [165300001, "Alice Nguyen"],
      "alice-mbp",
    ),
    device(
      24420002,
      "BOB-LAPTOP",
      "WINDOWS_OS",
      "10.0.22631",
      "Latitude 7440",
      [165300002, "Bob Martinez"],
      "fin-lt-0142",
    ),
    device(
      24420003,
      "CHEN-WS",
      "LINUX",
      "Ubuntu 24.04",
      "ThinkStation P360",
      [165300003, "Chen Wei"],
      "eng-ws-0007",
    ),
    device(
      24420004,
      "CHEN-IPHONE",
      "IOS",
      "17.5",
      "iPhone15,2",
      [165300003, "Chen Wei"],
      "chen-iphone",
    ),
    device(
      24420005,
      "DANA-PIXEL",
      "ANDROID",
      "14",
      "Pixel 8",
      [165300004, "Dana Okafor"],
      "dana-pixel",
    ),
    device(
      24420006,
      "IVAN-LAPTOP",
      "WINDOWS_OS",
      "10.0.19045",
      "ThinkPad T14",
      [165300009, "Ivan Petrov"],
      "ctr-lt-0031",
    ),
  ];
}
