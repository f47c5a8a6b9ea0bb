/**
 * The output invariants, written once: what must never appear in anything the sanitizer
 * returns. The tests assert them over random and hostile input; they are not used on the hot
 * path.
 *
 * The contextual rules (joiners, selectors, tags) are restated here with look-around
 * expressions, independently of the sequential scan in {@link ./chars.ts} that enforces them.
 *
 * @module
 */

import { decodeHTMLAttribute } from "entities";
import { CONTEXTUAL_CLASS, SUSPECT_CLASS } from "./chars.ts";
import { fenceInfos, isSafeFenceInfo } from "./fences.ts";
import { ENTITY, MARKUP } from "./html.ts";
import { AUTOLINK_SYNTAX } from "./markdown.ts";

/**
 * Code points that never appear in output, whatever surrounds them: C0/C1 controls but tab,
 * LF and CR; format, private-use, unassigned and surrogate code points; default-ignorable code
 * points; the braille blank; every space but U+0020; line and paragraph separators. ZWJ,
 * variation selectors and tag characters are excluded here and governed by
 * {@link findForbidden}'s contextual rules.
 */
export const FORBIDDEN_CODE_POINTS = new RegExp(`[${SUSPECT_CLASS}--${CONTEXTUAL_CLASS}]`, "v");

// Built from strings: deno lint's RegExp checker does not know the `v` flag's set operations
// and properties of strings.
const STRAY_JOINER = new RegExp(
  String
    .raw`(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?![\p{Extended_Pictographic}--\p{Cn}])`,
  "v",
);
const STRAY_SELECTOR = new RegExp(
  String
    .raw`(?<![\p{Emoji}\p{Ideographic}])[\uFE0E\uFE0F]|(?<!\p{Ideographic})[\uFE00-\uFE0D\u{E0100}-\u{E01EF}]`,
  "v",
);
const TAGS = new RegExp(String.raw`\p{RGI_Emoji_Tag_Sequence}|[\u{E0000}-\u{E007F}]`, "gv");

/**
 * The first way `s` breaks an output invariant, as a short description (never the content
 * itself beyond the offending code point), or `null` when it breaks none.
 */
export function findForbidden(s: string): string | null {
  const cp = FORBIDDEN_CODE_POINTS.exec(s);
  if (cp) return `code point U+${hex(cp[0])} at ${cp.index}`;
  const joiner = STRAY_JOINER.exec(s);
  if (joiner) return `ZWJ outside an emoji sequence at ${joiner.index}`;
  const selector = STRAY_SELECTOR.exec(s);
  if (selector) {
    return `variation selector U+${hex(selector[0])} without a base at ${selector.index}`;
  }
  for (const m of s.matchAll(TAGS)) {
    if (m[0].length <= 2) return `tag character U+${hex(m[0])} outside a flag at ${m.index}`;
  }
  const markup = MARKUP.exec(s);
  if (markup) return `markup ${JSON.stringify(markup[0].slice(0, 12))} at ${markup.index}`;
  if (ENTITY.test(s) && decodeHTMLAttribute(s) !== s) return "a character reference that decodes";
  const autolink = AUTOLINK_SYNTAX.exec(s);
  if (autolink) return `autolink at ${autolink.index}`;
  if (s.includes("![")) return `image syntax at ${s.indexOf("![")}`;
  const open = s.indexOf("[");
  if (open !== -1 && s.indexOf("](", open) !== -1) return `link syntax at ${s.indexOf("](", open)}`;
  for (const info of fenceInfos(s)) {
    if (!isSafeFenceInfo(info)) return `fence info string ${JSON.stringify(info.slice(0, 12))}`;
  }
  return null;
}

function hex(ch: string): string {
  return ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
}
