/** ZIA administration: activation status. */

import { z } from "zod";
import { apiPath } from "../../zscaler/mod.ts";
import type { ToolSpec } from "../spec.ts";

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
