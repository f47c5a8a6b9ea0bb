/**
 * ZIA miscellaneous settings (toolset `zia_misc`): mobile advanced threat settings.
 *
 * @module
 */

import type { ToolSpec } from "../spec.ts";
import { settingsGetTool, settingsUpdateTool, type ZiaSettings } from "./settings.ts";

const mobile: ZiaSettings = {
  toolset: "zia_misc",
  path: "/mobileAdvanceThreatSettings",
  noun: "mobile advanced threat settings",
};

/** Every `zia_misc` tool. */
export const MISC_TOOLS: readonly ToolSpec[] = [
  settingsGetTool(mobile, {
    name: "zia_get_mobile_advanced_settings",
    title: "ZIA mobile advanced threat settings",
    description: "Shows the mobile malware protection settings: whether ZIA blocks apps with " +
      "known vulnerabilities, malicious activity, or that leak credentials, location, device " +
      "identifiers or personal data.",
  }),
  settingsUpdateTool(mobile, {
    name: "zia_update_mobile_advanced_settings",
    title: "Update the ZIA mobile advanced threat settings",
    description: "Changes mobile advanced threat settings by name, e.g. " +
      '{"blockAppsWithMaliciousActivity": true}; every other setting keeps its current value.',
    getter: "zia_get_mobile_advanced_settings",
  }, { blockAppsSendingLocationInfo: true }),
];
