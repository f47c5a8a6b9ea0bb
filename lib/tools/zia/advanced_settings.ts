/**
 * ZIA advanced settings (toolset `zia_advanced_settings`): tenant-wide proxy, authentication
 * bypass, DNS and session settings.
 *
 * @module
 */

import type { ToolSpec } from "../spec.ts";
import { settingsGetTool, settingsUpdateTool, type ZiaSettings } from "./settings.ts";

const advanced: ZiaSettings = {
  toolset: "zia_advanced_settings",
  path: "/advancedSettings",
  noun: "advanced settings",
};

/** Every `zia_advanced_settings` tool. */
export const ADVANCED_SETTINGS_TOOLS: readonly ToolSpec[] = [
  settingsGetTool(advanced, {
    name: "zia_get_advanced_settings",
    title: "ZIA advanced settings",
    description: "Shows the ZIA advanced settings: authentication and Kerberos bypasses, DNS " +
      "resolution on transparent proxies, Office 365 one-click, session timeouts and more.",
  }),
  settingsUpdateTool(advanced, {
    name: "zia_update_advanced_settings",
    title: "Update the ZIA advanced settings",
    description: "Changes ZIA advanced settings by name, e.g. " +
      '{"authBypassUrls": [".partner.example"]}; every other setting keeps its current ' +
      "value.",
    getter: "zia_get_advanced_settings",
  }, { enableDnsResolutionOnTransparentProxy: false }),
];
