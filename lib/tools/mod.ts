/**
 * The tool catalog and everything needed to select, describe and run tools.
 *
 * @module
 */

import type { ToolSpec } from "./spec.ts";
import { ZIA_TOOLS } from "./zia/mod.ts";
import { ZPA_TOOLS } from "./zpa/mod.ts";

export * from "./spec.ts";
export { type Selection, type SelectionOptions, selectTools } from "./selection.ts";
export {
  errorResult,
  labelUntrusted,
  shapeResult,
  UNTRUSTED_META_KEY,
  UNTRUSTED_NOTICE,
} from "./result.ts";

/** Every tool this build knows, whether or not a given configuration registers it. */
export const CATALOG: readonly ToolSpec[] = [...ZIA_TOOLS, ...ZPA_TOOLS];
