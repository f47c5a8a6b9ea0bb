/** ZPA segment group writes. */

import { z } from "zod";
import { field } from "../fields.ts";
import { descriptionField, nameField } from "../inputs.ts";
import { zpaWriteTools } from "./writes.ts";

/** `zpa_create_segment_group`, `zpa_update_segment_group`, `zpa_delete_segment_group` */
export const [createSegmentGroup, updateSegmentGroup, deleteSegmentGroup] = zpaWriteTools({
  collection: "segmentGroup",
  toolset: "zpa_segment_groups",
  suffix: "segment_group",
  noun: "segment group",
  idArg: "group_id",
  updateVersion: "v2",
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
});
