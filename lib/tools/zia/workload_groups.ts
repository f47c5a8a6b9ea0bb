/**
 * ZIA workload groups (toolset `zia_workload_groups`): groups of cloud workloads defined by tag
 * expressions, which rules can name.
 *
 * @module
 */

import type { ToolSpec } from "../spec.ts";
import { ziaResource } from "./resource.ts";

/** Every `zia_workload_groups` tool. */
export const WORKLOAD_GROUP_TOOLS: readonly ToolSpec[] = ziaResource({
  toolset: "zia_workload_groups",
  noun: "workload group",
  path: "/workloadGroups",
  idArg: "group_id",
  tools: { list: "zia_list_workload_groups", get: "zia_get_workload_group" },
  about: " (cloud workloads selected by tag expressions) with their expression",
  paged: 1000,
});
