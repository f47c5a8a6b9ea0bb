/**
 * ZIA rule labels (toolset `zia_rule_labels`): tags that group policy rules across policies.
 *
 * @module
 */

import { field } from "../fields.ts";
import { descriptionField, nameField } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { ziaResource } from "./resource.ts";

/** Every `zia_rule_labels` tool. */
export const RULE_LABEL_TOOLS: readonly ToolSpec[] = ziaResource({
  toolset: "zia_rule_labels",
  noun: "rule label",
  path: "/ruleLabels",
  idArg: "label_id",
  tools: {
    list: "zia_list_rule_labels",
    get: "zia_get_rule_label",
    create: "zia_create_rule_label",
    update: "zia_update_rule_label",
    delete: "zia_delete_rule_label",
  },
  about: " (tags that group policy rules) with how many rules use each",
  paged: 1000,
  fields: {
    name: field(nameField("rule label"), "name", { required: true }),
    description: field(descriptionField("rule label"), "description"),
  },
  createDetail: "Required: name. Rules take it by id (label_ids).",
  deleteDetail: "A label that rules still use cannot be deleted.",
  examples: {
    create: { name: "Example Label", description: "Created by the example run" },
    update: { description: "Reviewed by the example run" },
    deletable: "items[?referencedRuleCount == `0` || !referencedRuleCount] | [-1].id",
  },
});
