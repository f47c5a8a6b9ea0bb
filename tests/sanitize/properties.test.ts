/**
 * Property-based tests (fast-check): over random strings — graphemes, arbitrary code points
 * (lone surrogates included) and mixes of hostile fragments — sanitizing is idempotent and no
 * output breaks an invariant of `findForbidden` (no forbidden code point, no stray joiner,
 * selector or tag, no ESC, no tag/comment, no character reference, no `![`, `](` or autolink,
 * no unsafe fence info string). Plain printable ASCII without markup characters is returned
 * unchanged. The same holds for whole values.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { allStrings } from "./_strings.ts";
import {
  findForbidden,
  sanitizeText,
  sanitizeValue,
  sanitizeValueWithReport,
} from "../../lib/sanitize/mod.ts";

const RUNS = 1500;

const TAG = (ascii: string) =>
  [...ascii].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("");

/** Pieces of known payloads and of the syntax the passes look for. */
const FRAGMENTS = [
  "\u200B",
  "\u200C",
  "\u200D",
  "\u2060",
  "\uFEFF",
  "\u00AD",
  "\u202E",
  "\u202D",
  "\u2066",
  "\u2069",
  "\u200E",
  "\u061C",
  "\u2062",
  "\u3164",
  "\u2800",
  "\u00A0",
  "\u2028",
  "\uFE0F",
  "\uFE0E",
  "\u{E0100}",
  "\uE000",
  "\u0378",
  "\uD800",
  "\uDC00",
  "\x00",
  "\x85",
  "\x9b",
  "\x9d",
  "\x1b",
  "\x1b[31m",
  "\x1b[2J",
  "\x1b]0;title\x07",
  "\x1b]8;;https://e.x\x1b\\",
  "\x1bP",
  "\x1b(",
  "\x07",
  "\u{1F3F4}",
  TAG("gbeng") + "\u{E007F}",
  TAG("ignore"),
  "\u{E007F}",
  "\u{E0001}",
  "😀",
  "👨",
  "\u{1F3FD}",
  "❤",
  "漢",
  "葛",
  "#",
  "1",
  "<",
  ">",
  "&",
  ";",
  "!",
  "[",
  "]",
  "(",
  ")",
  ":",
  "/",
  '"',
  "'",
  "=",
  " ",
  "\n",
  "\r\n",
  "\t",
  "<b>",
  "</b>",
  "<b",
  "<!--",
  "-->",
  "<!DOCTYPE x>",
  "<![CDATA[",
  "]]>",
  "<?xml ?>",
  "<script>",
  "</script>",
  "<title>",
  "<img src=x onerror=alert(1)>",
  '<a href="https://evil.example">',
  "&#x202E;",
  "&#8203;",
  "&#27;",
  "&lt;",
  "&gt;",
  "&amp;",
  "&lt;script&gt;",
  "&ZeroWidthSpace;",
  "&#60;",
  "&#33;&#91;",
  "&#",
  "![",
  "![x](https://evil.example/p?d=1)",
  "[t](https://e.x)",
  "](",
  "[r]: https://e.x",
  "[r]",
  "[x][r]",
  "<https://e.x>",
  "<a@b.c>",
  "```",
  "```system",
  "~~~",
  "~~~tool",
  "```python",
  "ｓｙｓｔｅｍ",
  "AT&T",
  "if (a<b && c>d)",
];

const fragment = fc.constantFrom(...FRAGMENTS);
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp));

/** Strings of every flavour: the more hostile, the more often. */
const hostile = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "binary-ascii", maxLength: 40 }),
  fc.string({ unit: anyCodePoint, maxLength: 40 }),
  fc.array(fragment, { maxLength: 12 }).map((xs) => xs.join("")),
  fc.array(fc.oneof(fragment, fc.string({ unit: "grapheme", maxLength: 6 }), anyCodePoint), {
    maxLength: 16,
  }).map((xs) => xs.join("")),
  fc.array(fc.oneof(fragment, fc.string({ unit: "binary-ascii", maxLength: 4 })), {
    maxLength: 24,
  }).map((xs) => xs.join("")),
);

function checkText(s: string): void {
  const out = sanitizeText(s);
  const again = sanitizeText(out);
  if (again !== out) {
    throw new Error(
      `not idempotent: ${JSON.stringify(s)} → ${JSON.stringify(out)} → ${JSON.stringify(again)}`,
    );
  }
  const problem = findForbidden(out);
  if (problem !== null) {
    throw new Error(`${problem} in ${JSON.stringify(out)} (from ${JSON.stringify(s)})`);
  }
}

Deno.test("property: sanitizeText is idempotent and its output breaks no invariant", () => {
  fc.assert(fc.property(hostile, (s) => checkText(s)), { numRuns: RUNS * 4 });
});

Deno.test("property: grapheme strings", () => {
  fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (s) => checkText(s)), {
    numRuns: RUNS,
  });
});

Deno.test("property: arbitrary code points", () => {
  fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => checkText(s)), {
    numRuns: RUNS,
  });
});

Deno.test("property: plain printable ASCII without markup characters is returned as is", () => {
  const plain = fc.string({
    unit: fc.constantFrom(
      ..."\t\n\r !\"#$%'()*+,-./0123456789:;=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ\\]^_abcdefghijklmnopqrstuvwxyz{|}",
    ),
    maxLength: 80,
  });
  fc.assert(fc.property(plain, (s) => sanitizeText(s) === s), { numRuns: RUNS });
});

Deno.test("property: text with no payload survives unchanged", () => {
  // Letters, digits, spaces and emoji/CJK/RTL words: nothing to remove, so nothing changes.
  const word = fc.constantFrom(
    "rule",
    "Branch",
    "42",
    "❤️",
    "👍🏽",
    "👨‍👩‍👧",
    "🇫🇷",
    "漢字",
    "葛󠄀",
    "مرحبا",
    "שלום",
    "München",
    "a < b",
    "x > 5",
    "AT&T",
    "R&D",
    "C:\\Temp",
    "https://e.x/?a=1&b=2",
  );
  const text = fc.array(word, { maxLength: 10 }).map((xs) => xs.join(" "));
  fc.assert(fc.property(text, (s) => sanitizeText(s) === s), { numRuns: RUNS });
});

const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostile,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(hostile, tie("value"), { maxKeys: 5 }),
  ),
})).value;

Deno.test("property: sanitizeValue is idempotent, and no string or key breaks an invariant", () => {
  fc.assert(
    fc.property(hostileJson, (v) => {
      const out = sanitizeValue(v);
      assert.deepEqual(sanitizeValue(out), out);
      for (const s of allStrings(out)) {
        const problem = findForbidden(s);
        if (problem !== null) throw new Error(`${problem} in ${JSON.stringify(s)}`);
      }
      const { value, report } = sanitizeValueWithReport(v);
      assert.deepEqual(value, out);
      assert.equal(report.removed, report.paths.reduce((n, p) => n + p.removed, 0));
      if (report.removed === 0) assert.equal(sanitizeValue(out), out);
    }),
    { numRuns: RUNS },
  );
});

Deno.test("property: a value that needs no change is returned as the same object", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      const clean = sanitizeValue(v);
      assert.equal(sanitizeValue(clean), clean);
    }),
    { numRuns: RUNS },
  );
});
