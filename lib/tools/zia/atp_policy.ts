/**
 * ZIA advanced threat protection policy (toolset `zia_atp_policy`): the ATP settings, the
 * security exceptions (URLs ATP does not inspect) and the malicious URL denylist.
 *
 * @module
 */

import { z } from "zod";
import type { ToolSpec } from "../spec.ts";
import { send, ZIA_BASE, ziaPath } from "./fetch.ts";
import { special, ZIA_ACTIVATION_HINT, ZIA_NOT_LIVE_NOTE } from "./resource.ts";
import { settingsGetTool, settingsUpdateTool, type ZiaSettings } from "./settings.ts";
import { urlListTools } from "./url_lists.ts";
import { urlEntry } from "./writes.ts";

const TOOLSET = "zia_atp_policy";

const atp: ZiaSettings = {
  toolset: TOOLSET,
  path: "/cyberThreatProtection/advancedThreatSettings",
  noun: "advanced threat protection settings",
};
const exceptions: ZiaSettings = {
  toolset: TOOLSET,
  path: "/cyberThreatProtection/securityExceptions",
  noun: "ATP security exceptions",
};

/** `zia_update_atp_security_exceptions` */
const updateExceptions = special({
  name: "zia_update_atp_security_exceptions",
  service: "zia",
  toolset: TOOLSET,
  kind: "update",
  title: "Replace the ZIA ATP security exceptions",
  description: "Replaces the URLs advanced threat protection does not inspect (the security " +
    "exceptions) with bypass_urls. The list replaces the current one: include the URLs to " +
    `keep (see zia_get_atp_security_exceptions). ${ZIA_ACTIVATION_HINT}`,
  request: `PUT ${ZIA_BASE}${exceptions.path}`,
  input: z.strictObject({
    bypass_urls: z.array(urlEntry).max(25_000).describe(
      'Every URL or domain ATP must not inspect, e.g. [".partner.example"]; [] clears the ' +
        "list.",
    ),
  }),
  example: { args: { bypass_urls: [".example-partner.acme-sim.example"] } },
  async run(args, ctx) {
    const result = await send(ctx, "PUT", ziaPath(exceptions.path), {
      bypassUrls: args.bypass_urls,
    });
    return { data: result ?? { bypassUrls: args.bypass_urls }, note: ZIA_NOT_LIVE_NOTE };
  },
});

/** Every `zia_atp_policy` tool. */
export const ATP_POLICY_TOOLS: readonly ToolSpec[] = [
  settingsGetTool(atp, {
    name: "zia_get_atp_settings",
    title: "ZIA advanced threat protection settings",
    description: "Shows the advanced threat protection settings: the PageRisk tolerance and, " +
      "per threat class (command-and-control, malware sites, phishing, cryptomining, …), " +
      "whether it is blocked and whether packets are captured.",
  }),
  settingsUpdateTool(atp, {
    name: "zia_update_atp_settings",
    title: "Update the ZIA advanced threat protection settings",
    description: "Changes advanced threat protection settings by name, e.g. " +
      '{"riskTolerance": 50, "cryptoMiningBlocked": true}; every other setting keeps its ' +
      "current value.",
    getter: "zia_get_atp_settings",
  }, { cmdCtlServerCapture: true }),
  settingsGetTool(exceptions, {
    name: "zia_get_atp_security_exceptions",
    title: "ZIA ATP security exceptions",
    description: "Lists the URLs advanced threat protection does not inspect (bypassUrls).",
  }),
  updateExceptions,
  ...urlListTools({
    toolset: TOOLSET,
    path: "/cyberThreatProtection/maliciousUrls",
    key: "maliciousUrls",
    method: "PUT",
    noun: "ATP malicious URL denylist",
    meaning: "URLs advanced threat protection blocks as malicious",
    arg: "malicious_urls",
    names: {
      list: "zia_list_atp_malicious_urls",
      add: "zia_add_atp_malicious_urls",
      remove: "zia_delete_atp_malicious_urls",
    },
    example: ["example-bad.acme-sim.example"],
  }),
];
