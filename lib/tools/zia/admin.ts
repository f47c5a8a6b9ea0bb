/**
 * ZIA administration (toolset `zia_admin`): activation status and activation (API-FACTS §4).
 *
 * @module
 */

import { z } from "zod";
import { apiPath } from "../../zscaler/mod.ts";
import type { ToolContext, ToolSpec } from "../spec.ts";

/** `zia_get_activation_status`: whether saved ZIA changes are live yet. */
export const getActivationStatus: ToolSpec = {
  name: "zia_get_activation_status",
  service: "zia",
  toolset: "zia_admin",
  kind: "read",
  title: "ZIA activation status",
  description:
    "Shows whether saved ZIA configuration changes are live: ACTIVE (nothing pending), " +
    "PENDING (saved changes wait for activation) or INPROGRESS (activation is running).",
  request: "GET /zia/api/v1/status",
  input: z.strictObject({}),
  example: {},
  async run(_args, { client, signal }) {
    const response = await client.request({
      method: "GET",
      path: apiPath`/zia/api/v1/status`,
      service: "zia",
      signal,
    });
    return { data: response.data };
  },
};

/** `GET /status`: the activation status, as ZIA reports it (`ACTIVE`, `PENDING`, `INPROGRESS`). */
async function readStatus(ctx: ToolContext): Promise<unknown> {
  const response = await ctx.client.request({
    method: "GET",
    path: apiPath`/zia/api/v1/status`,
    service: "zia",
    signal: ctx.signal,
  });
  return response.data;
}

function statusOf(value: unknown): string | undefined {
  const status = (value as Record<string, unknown> | null | undefined)?.status;
  return typeof status === "string" ? status : undefined;
}

/** What activation did, for the model. */
function activationNote(before: string | undefined, after: string | undefined): string {
  if (before === "ACTIVE") {
    return "Nothing was pending: the configuration was already active, so activation changed " +
      "nothing.";
  }
  if (after === "ACTIVE") return "Activated: every saved ZIA change is now live.";
  return `Activation was requested but ZIA reports ${after ?? "no status"}; check again with ` +
    "zia_get_activation_status.";
}

/** `zia_activate_configuration`: makes every saved ZIA change live. */
export const activateConfiguration: ToolSpec = {
  name: "zia_activate_configuration",
  service: "zia",
  toolset: "zia_admin",
  kind: "action",
  title: "Activate the ZIA configuration",
  description: "Activates the ZIA configuration: every saved change, by any administrator, goes " +
    "live. It reads the status first and returns it before and after. Activation cannot be " +
    "undone or cancelled, so a human must approve the call before it runs. Takes no arguments.",
  request: "GET /zia/api/v1/status, then POST /zia/api/v1/status/activate",
  input: z.strictObject({}),
  example: {},
  confirmation: {
    async describe(_args, ctx) {
      const status = await readStatus(ctx).then(statusOf, () => undefined);
      return {
        operation: "Activate",
        resourceType: "ZIA configuration",
        detail: `Current status: ${status ?? "unknown (it could not be read)"}. Every saved ZIA ` +
          "change, by any administrator, goes live; activation cannot be undone or cancelled.",
      };
    },
  },
  async run(_args, ctx) {
    const before = await readStatus(ctx);
    const response = await ctx.client.request({
      method: "POST",
      path: apiPath`/zia/api/v1/status/activate`,
      service: "zia",
      signal: ctx.signal,
    });
    const was = statusOf(before);
    const now = statusOf(response.data);
    return {
      data: { before: was ?? null, after: now ?? null },
      note: activationNote(was, now),
    };
  },
};

/** Every `zia_admin` tool. */
export const ADMIN_TOOLS: readonly ToolSpec[] = [getActivationStatus, activateConfiguration];
