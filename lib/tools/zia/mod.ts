/**
 * Every ZIA tool, one file per toolset. Results pass through {@link redactingSecrets} so a
 * pre-shared key never reaches the model or the client.
 *
 * @module
 */

import type { ToolSpec } from "../spec.ts";
import { ADMIN_TOOLS } from "./admin.ts";
import { ADVANCED_SETTINGS_TOOLS } from "./advanced_settings.ts";
import { ATP_MALWARE_TOOLS } from "./atp_malware.ts";
import { ATP_POLICY_TOOLS } from "./atp_policy.ts";
import { AUTHENTICATION_SETTINGS_TOOLS } from "./authentication_settings.ts";
import { CLOUD_APP_CONTROL_TOOLS } from "./cloud_app_control.ts";
import { CLOUD_FIREWALL_TOOLS } from "./cloud_firewall.ts";
import { DEVICE_TOOLS } from "./devices.ts";
import { DLP_TOOLS } from "./dlp.ts";
import { FILE_TYPE_CONTROL_TOOLS } from "./file_type_control.ts";
import { LOCATION_TOOLS } from "./locations.ts";
import { MISC_TOOLS } from "./misc.ts";
import { RULE_LABEL_TOOLS } from "./rule_labels.ts";
import { SANDBOX_TOOLS } from "./sandbox.ts";
import { redactingSecrets } from "./secrets.ts";
import { SHADOW_IT_TOOLS } from "./shadow_it.ts";
import { SSL_INSPECTION_TOOLS } from "./ssl_inspection.ts";
import { TIME_INTERVAL_TOOLS } from "./time_intervals.ts";
import { URL_CATEGORY_TOOLS } from "./url_categories.ts";
import { URL_FILTERING_TOOLS } from "./url_filtering.ts";
import { USER_TOOLS } from "./users.ts";
import { WORKLOAD_GROUP_TOOLS } from "./workload_groups.ts";

/** The ZIA tools by toolset, in the order `--list-tools` shows them. */
export const ZIA_TOOLSETS: Readonly<Record<string, readonly ToolSpec[]>> = {
  zia_admin: ADMIN_TOOLS,
  zia_cloud_firewall: CLOUD_FIREWALL_TOOLS,
  zia_locations: LOCATION_TOOLS,
  zia_url_categories: URL_CATEGORY_TOOLS,
  zia_url_filtering: URL_FILTERING_TOOLS,
  zia_rule_labels: RULE_LABEL_TOOLS,
  zia_time_intervals: TIME_INTERVAL_TOOLS,
  zia_dlp: DLP_TOOLS,
  zia_file_type_control: FILE_TYPE_CONTROL_TOOLS,
  zia_ssl_inspection: SSL_INSPECTION_TOOLS,
  zia_sandbox: SANDBOX_TOOLS,
  zia_cloud_app_control: CLOUD_APP_CONTROL_TOOLS,
  zia_atp_policy: ATP_POLICY_TOOLS,
  zia_atp_malware: ATP_MALWARE_TOOLS,
  zia_authentication_settings: AUTHENTICATION_SETTINGS_TOOLS,
  zia_advanced_settings: ADVANCED_SETTINGS_TOOLS,
  zia_misc: MISC_TOOLS,
  zia_devices: DEVICE_TOOLS,
  zia_workload_groups: WORKLOAD_GROUP_TOOLS,
  zia_shadow_it: SHADOW_IT_TOOLS,
  zia_users: USER_TOOLS,
};

/** Every ZIA tool, in the order `--list-tools` shows them. */
export const ZIA_TOOLS: readonly ToolSpec[] = Object.values(ZIA_TOOLSETS).flat().map(
  redactingSecrets,
);
