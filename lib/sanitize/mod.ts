/**
 * Output sanitization: strips prompt-injection carriers from every string the model will read.
 *
 * - {@link sanitizeText} — one string: ANSI escapes, invisible/control/unassigned/private-use
 *   code points, HTML tags and comments (character references decoded), markdown images,
 *   links and autolinks made plain, code-fence info strings restricted to language tags.
 *   Idempotent; plain ASCII without markup characters is returned after a single test.
 * - {@link sanitizeValue} — the same for every string and key of a JSON-shaped value, copy on
 *   write, with a depth limit and cycle markers instead of a bypass.
 * - {@link sanitizeValueWithReport} — also says how much was removed at which JSON path.
 * The switch that turns it off is ZSCALER_MCP_DISABLE_OUTPUT_SANITIZATION, read by lib/config.
 *
 * @module
 */

import type { Tally } from "./tally.ts";
import { sanitizeTextCounted } from "./text.ts";

export { findForbidden, FORBIDDEN_CODE_POINTS } from "./forbidden.ts";
export {
  CIRCULAR,
  MAX_DEPTH,
  type SanitizeReport,
  sanitizeValue,
  sanitizeValueWithReport,
  TOO_DEEP,
  UNSUPPORTED,
} from "./value.ts";

/** Sanitize one string (see the module documentation); idempotent. */
export function sanitizeText(s: string): string {
  const tally: Tally = { removed: 0 };
  return sanitizeTextCounted(s, tally);
}
