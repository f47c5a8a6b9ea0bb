/** ZPA segment groups (`/segmentGroup`; updates through v2, as the reference server does). */

import { z } from "zod";
import { field } from "../fields.ts";
import { descriptionField, nameField } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { createdOr, idNamed, unreferenced, zpaResource } from "./resource.ts";

const LIST = "zpa_list_segment_groups";
const byName = (name: string) => idNamed(LIST, name);

/** `zpa_{list,get,create,update,delete}_segment_group(s)` */
export const SEGMENT_GROUP_TOOLS: ToolSpec[] = zpaResource({
  toolset: "zpa_segment_groups",
  noun: "segment group",
  collection: "segmentGroup",
  idArg: "group_id",
  tools: {
    list: "zpa_list_segment_groups",
    get: "zpa_get_segment_group",
    create: "zpa_create_segment_group",
    update: "zpa_update_segment_group",
    delete: "zpa_delete_segment_group",
  },
  api: { update: "v2" },
  listDetail: " and the application segments in each",
  fields: {
    name: field(nameField("segment group"), "name", { required: true }),
    description: field(descriptionField("segment group"), "description"),
    enabled: field(
      z.boolean().describe("Whether the group (and so its application segments) is in use."),
      "enabled",
    ),
  },
  createDetail: "Required: name. Application segments join it through their segment_group_id.",
  updateDetail: "Its application segments stay in it.",
  deleteDetail: "Refused while application segments or access policy rules still use it.",
  examples: {
    list: {},
    get: { lookups: { group_id: byName("Corporate Apps") } },
    create: { args: { name: "Lab Apps (example)", enabled: true } },
    update: {
      args: { description: "Company-wide internal applications (updated by the example)" },
      lookups: { group_id: byName("Corporate Apps") },
    },
    // A group without segments: the create example's, or one the tenant has.
    delete: {
      lookups: {
        group_id: createdOr(LIST, "Lab Apps (example)", unreferenced("applications")),
      },
    },
  },
});
