/**
 * The HTML pass: remove every tag, comment, declaration, CDATA section and processing
 * instruction with a real tokenizer (htmlparser2), keep the text, decode character references.
 *
 * Benign text must come out byte for byte, and a real HTML tokenizer reads `if (a<b && c>d)` as
 * text, a tag `<b && c>`, and text. So the tokenizer only runs when the string contains markup
 * that a CommonMark renderer would also treat as raw HTML (CommonMark 0.31 §6.6: an open tag
 * with well-formed attribute names and values, a closing tag, a comment opener, a declaration,
 * a CDATA section or a processing instruction). {@link MARKUP} is that gate; it never decides
 * what is removed. When the gate opens, htmlparser2 tokenizes the whole string and everything it
 * considers markup goes — so in a string that also holds real markup, a stray `a<b c>` goes too,
 * as it would in a browser.
 *
 * Character references are decoded with the HTML attribute rules (`&name;`, numeric references
 * with or without `;`, legacy names without `;` only when not followed by `=` or an
 * alphanumeric), so query strings such as `?a=1&region=eu` survive. A string with no markup is
 * only decoded when it holds a `;`-terminated named or a numeric reference ({@link ENTITY}), so
 * `AT&T` and `Tom & Jerry` are untouched and `R&amp;D` becomes `R&D`. Decoding is repeated by
 * the caller's fixpoint loop, so `&amp;lt;b&amp;gt;` cannot survive as anything that decodes to
 * a tag, and decoded characters go through the character pass again.
 *
 * @module
 */

import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";
import { decodeHTMLAttribute } from "entities";
import type { Tally } from "./tally.ts";

const WS = String.raw`[ \t\n\r\f]`;
const TAG_NAME = String.raw`[A-Za-z][A-Za-z0-9-]*`;
const ATTRIBUTE_NAME = String.raw`[A-Za-z_:][A-Za-z0-9_.:-]*`;
const ATTRIBUTE_VALUE = String.raw`(?:[^"'=<>\x60\x00-\x20]+|'[^']*'|"[^"]*")`;
const ATTRIBUTE = `(?:${WS}+${ATTRIBUTE_NAME}(?:${WS}*=${WS}*${ATTRIBUTE_VALUE})?)`;
const OPEN_TAG = `<${TAG_NAME}${ATTRIBUTE}*${WS}*/?>`;
const CLOSING_TAG = `</${TAG_NAME}${WS}*>`;
const COMMENT = "<!--";
const CDATA = String.raw`<!\[CDATA\[`;
const DECLARATION = "<![A-Za-z][^>]*>";
const PROCESSING_INSTRUCTION = String.raw`<\?[A-Za-z][^>]*>`;

/**
 * Markup a renderer would not show as text: the gate for the tokenizer, and (exported) the
 * "no tag in the output" invariant the tests assert.
 */
export const MARKUP = new RegExp(
  [OPEN_TAG, CLOSING_TAG, COMMENT, CDATA, DECLARATION, PROCESSING_INSTRUCTION].join("|"),
);

/** A character reference worth decoding in text without markup. */
export const ENTITY = /&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*;)/;

/**
 * Strip markup and decode character references (see the module documentation). Returns `s`
 * itself when nothing changed.
 */
export function stripHtml(s: string, tally: Tally): string {
  if (s.indexOf("<") !== -1 && MARKUP.test(s)) return decode(tokenize(s, tally));
  if (s.indexOf("&") !== -1 && ENTITY.test(s)) return decode(s);
  return s;
}

function decode(s: string): string {
  const d = s.indexOf("&") === -1 ? s : decodeHTMLAttribute(s);
  return d === s ? s : d;
}

/** Keep only the text htmlparser2's tokenizer reports; count the markup it skips. */
function tokenize(s: string, tally: Tally): string {
  let text = "";
  let markup = 0;
  const count = () => {
    markup++;
  };
  const ignore = () => {};
  const callbacks: TokenizerCallbacks = {
    ontext(start, end) {
      text += s.slice(start, end);
    },
    ontextentity: ignore,
    onattribdata: ignore,
    onattribentity: ignore,
    onattribend: ignore,
    onattribname: ignore,
    onopentagname: count,
    onopentagend: ignore,
    onselfclosingtag: ignore,
    onclosetag: count,
    oncomment: count,
    oncdata: count,
    ondeclaration: count,
    onprocessinginstruction: count,
    onend: ignore,
  };
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: false }, callbacks);
  tokenizer.write(s);
  tokenizer.end();
  tally.removed += Math.max(markup, 1);
  return text;
}
