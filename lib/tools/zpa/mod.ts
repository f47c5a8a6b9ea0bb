/** Every ZPA tool. */

import type { ToolSpec } from "../spec.ts";
import {
  createApplicationSegment,
  deleteApplicationSegment,
  updateApplicationSegment,
} from "./app_segments.ts";
import { ZPA_READ_TOOLS } from "./resources.ts";
import { createSegmentGroup, deleteSegmentGroup, updateSegmentGroup } from "./segment_groups.ts";

/** The ZPA tools, in the order `--list-tools` shows them: the reads, then the writes. */
export const ZPA_TOOLS: readonly ToolSpec[] = [
  ...ZPA_READ_TOOLS,
  createApplicationSegment,
  updateApplicationSegment,
  deleteApplicationSegment,
  createSegmentGroup,
  updateSegmentGroup,
  deleteSegmentGroup,
];
