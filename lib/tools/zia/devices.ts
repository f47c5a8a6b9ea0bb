/**
 * ZIA device management (toolset `zia_devices`): device groups and the devices Zscaler Client
 * Connector registered. Device names, host names and owners are reported by the endpoints
 * themselves, so device results are labelled untrusted.
 *
 * @module
 */

import { z } from "zod";
import { ziaId } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { queryFilter, ziaResource } from "./resource.ts";

const TOOLSET = "zia_devices";

const groups = ziaResource({
  toolset: TOOLSET,
  noun: "device group",
  path: "/deviceGroups",
  idArg: "group_id",
  tools: { list: "zia_list_device_groups" },
  about: " (groups rules can name: by OS, Client Connector state or admin-defined) with " +
    "their type and device count",
  filters: {
    include_device_info: queryFilter(
      z.boolean().describe("Include the devices of each group."),
      "includeDeviceInfo",
    ),
    include_pseudo_groups: queryFilter(
      z.boolean().describe("Include the pseudo groups ZIA keeps for Client Connector states."),
      "includePseudoGroups",
    ),
  },
});

const devices = ziaResource({
  toolset: TOOLSET,
  noun: "device",
  path: "/deviceGroups/devices",
  idArg: "device_id",
  tools: { list: "zia_list_devices" },
  about: " registered by Zscaler Client Connector, with their OS, model, owner and state",
  paged: 1000,
  untrusted: true,
  search: false,
  filters: {
    name: queryFilter(
      z.string().min(1).max(200).describe("Only devices whose name starts with this text."),
      "name",
    ),
    user_ids: queryFilter(
      z.array(ziaId("user")).min(1).max(100).describe("Only the devices of these users."),
      "userIds",
    ),
    include_all: queryFilter(
      z.boolean().describe("Include cloud browser isolation devices as well."),
      "includeAll",
    ),
  },
});

const devicesLite = ziaResource({
  toolset: TOOLSET,
  noun: "device",
  path: "/deviceGroups/devices/lite",
  idArg: "device_id",
  tools: { list: "zia_list_devices_lite" },
  about: " in their short form (id, name, owner): cheaper than zia_list_devices",
  untrusted: true,
});

/** Every `zia_devices` tool. */
export const DEVICE_TOOLS: readonly ToolSpec[] = [...groups, ...devices, ...devicesLite];
