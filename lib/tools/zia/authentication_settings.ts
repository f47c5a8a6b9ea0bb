/**
 * ZIA authentication settings (toolset `zia_authentication_settings`): the URLs exempted from
 * user authentication.
 *
 * @module
 */

import type { ToolSpec } from "../spec.ts";
import { urlListTools } from "./url_lists.ts";

/** Every `zia_authentication_settings` tool. */
export const AUTHENTICATION_SETTINGS_TOOLS: readonly ToolSpec[] = urlListTools({
  toolset: "zia_authentication_settings",
  path: "/authSettings/exemptedUrls",
  key: "urls",
  method: "POST",
  noun: "authentication exemption list",
  meaning: "URLs users reach without authenticating",
  arg: "exempt_urls",
  names: {
    list: "zia_list_auth_exempt_urls",
    add: "zia_add_auth_exempt_urls",
    remove: "zia_delete_auth_exempt_urls",
  },
  example: ["example-exempt.acme-sim.example"],
});
