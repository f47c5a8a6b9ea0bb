/** Every ZIA tool. */

import type { ToolSpec } from "../spec.ts";
import { getActivationStatus } from "./admin.ts";
import { getCloudFirewallRule, listCloudFirewallRules } from "./cloud_firewall.ts";
import { getLocation, listLocations } from "./locations.ts";
import { getUrlCategory, listUrlCategories } from "./url_categories.ts";
import { getUrlFilteringRule, listUrlFilteringRules } from "./url_filtering.ts";
import { listUsers } from "./users.ts";

/** The ZIA tools, in the order `--list-tools` shows them. */
export const ZIA_TOOLS: readonly ToolSpec[] = [
  getActivationStatus,
  listUrlFilteringRules,
  getUrlFilteringRule,
  listCloudFirewallRules,
  getCloudFirewallRule,
  listLocations,
  getLocation,
  listUrlCategories,
  getUrlCategory,
  listUsers,
];
