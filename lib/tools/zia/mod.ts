/** Every ZIA tool. */

import type { ToolSpec } from "../spec.ts";
import { activateConfiguration, getActivationStatus } from "./admin.ts";
import {
  createCloudFirewallRule,
  deleteCloudFirewallRule,
  getCloudFirewallRule,
  listCloudFirewallRules,
  updateCloudFirewallRule,
} from "./cloud_firewall.ts";
import {
  createLocation,
  deleteLocation,
  getLocation,
  listLocations,
  updateLocation,
} from "./locations.ts";
import {
  createUrlCategory,
  deleteUrlCategory,
  getUrlCategory,
  listUrlCategories,
  updateUrlCategory,
} from "./url_categories.ts";
import {
  createUrlFilteringRule,
  deleteUrlFilteringRule,
  getUrlFilteringRule,
  listUrlFilteringRules,
  updateUrlFilteringRule,
} from "./url_filtering.ts";
import { listUsers } from "./users.ts";

/** The ZIA tools, in the order `--list-tools` shows them. */
export const ZIA_TOOLS: readonly ToolSpec[] = [
  getActivationStatus,
  activateConfiguration,
  listUrlFilteringRules,
  getUrlFilteringRule,
  createUrlFilteringRule,
  updateUrlFilteringRule,
  deleteUrlFilteringRule,
  listCloudFirewallRules,
  getCloudFirewallRule,
  createCloudFirewallRule,
  updateCloudFirewallRule,
  deleteCloudFirewallRule,
  listLocations,
  getLocation,
  createLocation,
  updateLocation,
  deleteLocation,
  listUrlCategories,
  getUrlCategory,
  createUrlCategory,
  updateUrlCategory,
  deleteUrlCategory,
  listUsers,
];
