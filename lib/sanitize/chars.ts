/**
 * The character pass: whole ANSI escape sequences, then invisible, control and otherwise
 * unrenderable code points, then odd spaces and line separators.
 *
 * What is removed (Unicode properties, so the set follows the runtime's Unicode version):
 * - C0/C1 controls (`\p{Cc}`) except tab, LF and CR;
 * - format characters (`\p{Cf}`): zero-width space/joiners, BiDi embeddings, overrides,
 *   isolates and marks (LRM, RLM, ALM), soft hyphen, BOM, word joiner, invisible operators,
 *   interlinear annotations, tag characters, …;
 * - private use (`\p{Co}`), unassigned (`\p{Cn}`, which includes noncharacters) and lone
 *   surrogates (`\p{Cs}`);
 * - every `Default_Ignorable_Code_Point`: the Unicode set of code points that render as nothing
 *   (Hangul fillers U+115F, U+1160, U+3164, U+FFA0, combining grapheme joiner, Khmer inherent
 *   vowels, Mongolian free variation selectors, variation selectors, …), plus the braille
 *   pattern blank U+2800, which renders blank but is a symbol.
 *
 * What is kept although it is in those sets, because a valid emoji or CJK sequence needs it:
 * - ZWJ U+200D when the previous kept code point is an emoji (an Extended_Pictographic, an emoji
 *   modifier or VS16) and the next one is an assigned Extended_Pictographic — 👨‍👩‍👧, 🏳️‍🌈;
 * - VS15/VS16 (U+FE0E/U+FE0F) directly after a code point with the `Emoji` property — ❤️, 1️⃣;
 * - any variation selector (U+FE00–FE0F, U+E0100–E01EF) directly after an `Ideographic` code
 *   point — ideographic variation sequences such as 葛󠄀 — one per base character;
 * - tag characters only as the tail of one of the RGI subdivision flags (🏴 + tags + cancel
 *   tag, validated with `\p{RGI_Emoji_Tag_Sequence}`: England, Scotland, Wales). Tags are the
 *   ASCII-smuggling channel, so a merely well-formed sequence such as 🏴 + "ignore" + cancel is
 *   stripped: only an allowlisted sequence carries no information an attacker chose.
 *
 * What is replaced: other `\p{Zs}` spaces (NBSP, U+1680, U+2000–200A, U+202F, U+205F, U+3000)
 * by U+0020; LINE SEPARATOR and PARAGRAPH SEPARATOR by LF.
 *
 * "Previous kept code point" means in the output, so the pass is idempotent.
 *
 * @module
 */

import type { Tally } from "./tally.ts";

/**
 * Every code point the pass looks at: the union of everything removed, replaced or kept only in
 * context. Written once here; {@link ./forbidden.ts} derives the output invariants from it.
 */
export const SUSPECT_CLASS = String
  .raw`[[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Zs}\p{Zl}\p{Zp}\u2800]--[\t\n\r\x20]]`;

/** Code points kept only in context (ZWJ, variation selectors, tag characters). */
export const CONTEXTUAL_CLASS = String
  .raw`[\u200D\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u{E0020}-\u{E007F}]`;

const NOT_PRINTABLE_ASCII = /[^\t\n\r\x20-\x7e]/;
// deno-lint-ignore no-control-regex
const ESCAPE_INTRODUCER = /[\x1b\x90\x98\x9b\x9d-\x9f]/;

/**
 * ANSI / ECMA-48 escape sequences, whole:
 * - CSI: `ESC [` or 8-bit U+009B, parameter bytes, intermediate bytes, final byte;
 * - control strings (OSC `ESC ]`, DCS `ESC P`, SOS `ESC X`, PM `ESC ^`, APC `ESC _`) up to BEL
 *   or ST (`ESC \` or U+009C); an unterminated one runs to the end of the string, as a terminal
 *   would swallow it. Their 8-bit introducers count only when terminated, because stray C1
 *   characters are common in mis-decoded (mojibake) text and must not eat what follows;
 * - two-character (and nF) sequences: `ESC`, intermediate bytes, a final byte.
 */
const ANSI = new RegExp(
  [
    String.raw`(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?`,
    String.raw`\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?`,
    String.raw`[\x90\x98\x9d-\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)`,
    String.raw`\x1b[\x20-\x2f]*[\x30-\x7e]?`,
  ].join("|"),
  "g",
);

const SUSPECT = new RegExp(SUSPECT_CLASS, "gv");
const SPACE_SEPARATOR = /^\p{Zs}$/v;
const EMOJI = /^\p{Emoji}$/v;
const IDEOGRAPHIC = /^\p{Ideographic}$/v;
const JOINER_BEFORE = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]$/v;
// From a string: deno lint's RegExp checker does not know the `v` flag's set operations.
const JOINER_AFTER = new RegExp(String.raw`^[\p{Extended_Pictographic}--\p{Cn}]$`, "v");
const RGI_TAG_SEQUENCE = /^\p{RGI_Emoji_Tag_Sequence}$/v;

const ZWJ = 0x200d;
const BLACK_FLAG = 0x1f3f4;
const CANCEL_TAG = 0xe007f;

/**
 * Run the whole character pass on `s`: ANSI sequences first (they need the ESC byte to be
 * recognized), then {@link stripInvisible}. Returns `s` itself when nothing changed.
 */
export function stripControls(s: string, tally: Tally): string {
  if (!NOT_PRINTABLE_ASCII.test(s)) return s;
  let t = s;
  if (ESCAPE_INTRODUCER.test(t)) {
    t = t.replace(ANSI, () => {
      tally.removed++;
      return "";
    });
  }
  return stripInvisible(t, tally);
}

/**
 * Remove invisible, control, private-use and unassigned code points, keep the joiners,
 * selectors and tags that valid emoji/CJK sequences need, and normalize odd spaces and line
 * separators (see the module documentation). Returns `s` itself when nothing changed.
 */
export function stripInvisible(s: string, tally: Tally): string {
  SUSPECT.lastIndex = 0;
  let m = SUSPECT.exec(s);
  if (m === null) return s;
  let out = "";
  let copied = 0; // s[0, copied) has been dealt with
  let prev = -1; // the last code point written to `out` (-1: none)
  while (m !== null) {
    const at = m.index;
    const ch = m[0];
    const cp = ch.codePointAt(0)!;
    if (at > copied) {
      out += s.slice(copied, at);
      prev = codePointBefore(s, at);
    }
    let end = at + ch.length;
    if (cp === ZWJ) {
      if (keepJoiner(prev, s, end)) {
        out += ch;
        prev = cp;
      } else tally.removed++;
    } else if (isSelector(cp)) {
      if (keepSelector(prev, cp)) {
        out += ch;
        prev = cp;
      } else tally.removed++;
    } else if (cp >= 0xe0020 && cp <= 0xe007f) {
      end = tagRunEnd(s, at);
      const run = s.slice(at, end);
      if (prev === BLACK_FLAG && RGI_TAG_SEQUENCE.test(String.fromCodePoint(BLACK_FLAG) + run)) {
        out += run;
        prev = CANCEL_TAG;
      } else tally.removed += run.length / 2;
    } else if (cp === 0x2028 || cp === 0x2029) {
      out += "\n";
      prev = 0x0a;
    } else if (SPACE_SEPARATOR.test(ch)) {
      out += " ";
      prev = 0x20;
    } else tally.removed++;
    copied = end;
    SUSPECT.lastIndex = end;
    m = SUSPECT.exec(s);
  }
  return out + s.slice(copied);
}

function isSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

function keepSelector(prev: number, cp: number): boolean {
  if (prev < 0) return false;
  const base = String.fromCodePoint(prev);
  if (IDEOGRAPHIC.test(base)) return true;
  return (cp === 0xfe0e || cp === 0xfe0f) && EMOJI.test(base);
}

function keepJoiner(prev: number, s: string, next: number): boolean {
  if (prev < 0 || next >= s.length) return false;
  if (!JOINER_BEFORE.test(String.fromCodePoint(prev))) return false;
  return JOINER_AFTER.test(String.fromCodePoint(s.codePointAt(next)!));
}

/** End of the run of tag characters (U+E0020–E007E, then at most one cancel tag) at `at`. */
function tagRunEnd(s: string, at: number): number {
  let i = at;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    if (cp >= 0xe0020 && cp <= 0xe007e) i += 2;
    else if (cp === CANCEL_TAG) return i + 2;
    else break;
  }
  return i;
}

/** The code point that ends just before index `i` of `s` (-1 at the start). */
export function codePointBefore(s: string, i: number): number {
  if (i <= 0) return -1;
  const lo = s.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = s.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return ((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
  }
  return lo;
}
