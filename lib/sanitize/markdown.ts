/**
 * The markdown pass: turn every construct a markdown renderer would act on into plain,
 * visible text.
 *
 * - images `![alt](url "title")`, `![alt][ref]`, `![alt][]`, `![alt]` become `alt` — the URL
 *   never reaches the model, so it cannot be echoed into a rendered (exfiltrating) image;
 * - inline links `[text](url "title")` become `text (url)` (just `url` when the text is empty
 *   or equal to it; titles, which render only as tooltips, are dropped);
 * - reference definitions `[label]: url "title"` (a whole line) become `label: url`, and
 *   references to them — `[text][label]`, `[text][]`, `[label]` — become `text (url)`;
 *   a bracketed text with no definition in the same string is not a link and stays;
 * - autolinks `<https://x>` / `<user@example.com>` become the bare address;
 * - whatever link or image syntax survives the patterns above (deeper bracket nesting) is
 *   broken: `![` loses its `!` and `](` gets a space, which no renderer reads as a link.
 *   `<![CDATA[` is left to the HTML pass: it opens a CDATA section, not an image.
 *
 * Link text keeps one level of nested brackets. The output contains no `![`, no `](` and no
 * autolink, and `text (url)` is never rewritten again, so the pass is idempotent. A regular
 * expression or code fragment that happens to be link syntax (`[a-z](x)`) is rewritten too:
 * a renderer would show it as a link.
 *
 * @module
 */

import type { Tally } from "./tally.ts";

const ESCAPED = String.raw`\\[\s\S]`;
const PLAIN_TEXT = String.raw`(?:[^\[\]\\]|${ESCAPED})`;
const LINK_TEXT = String.raw`(?:${PLAIN_TEXT}|\[${PLAIN_TEXT}*\])*`;
const LABEL = String.raw`(?:[^\[\]\\\n]|\\[^\n])+`;
const DESTINATION = String.raw`<[^<>\n]*>|(?:[^\s()\\]|${ESCAPED}|\((?:[^\s()\\]|${ESCAPED})*\))*`;
const TITLE = String.raw`"[^"]*"|'[^']*'|\([^()]*\)`;
const INLINE_TAIL = String.raw`\(\s*(${DESTINATION})(?:\s+(?:${TITLE}))?\s*\)`;

/** `![`, except where it opens `<![CDATA[`, which belongs to the HTML pass. */
const IMAGE_START = String.raw`(?:!\[(?!CDATA\[)|(?<!<)!\[)`;
const IMAGE = new RegExp(
  String.raw`${IMAGE_START}(${LINK_TEXT})\](?:${INLINE_TAIL}|\[(?:${PLAIN_TEXT})*\])?`,
  "g",
);
const STRAY_IMAGE = new RegExp(IMAGE_START, "g");
const LINK = new RegExp(String.raw`\[(${LINK_TEXT})\]${INLINE_TAIL}`, "g");
const DEFINITION = new RegExp(
  String
    .raw`^ {0,3}\[(${LABEL})\]:[ \t]*(<[^<>\n]*>|[^\s<]\S*)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$`,
  "gm",
);
const REFERENCE = new RegExp(String.raw`\[(${LINK_TEXT})\](?:\[(${LABEL})?\])?`, "g");
const AUTOLINK = new RegExp(
  String.raw`<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>` +
    String
      .raw`|<([A-Za-z0-9.!#$%&'*+/=?^_\x60{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>`,
  "g",
);

/** An autolink, for the output invariant. */
export const AUTOLINK_SYNTAX = new RegExp(AUTOLINK.source);

/**
 * Rewrite markdown images, links, references and autolinks (see the module documentation).
 * Returns `s` itself when nothing changed.
 */
export function rewriteMarkdown(s: string, tally: Tally): string {
  let t = s;
  if (t.indexOf("[") !== -1) t = rewriteBrackets(t, tally);
  if (t.indexOf("<") !== -1) {
    t = t.replace(AUTOLINK, (_m, uri: string | undefined, mail: string | undefined) => {
      tally.removed++;
      return uri ?? mail ?? "";
    });
  }
  return t;
}

function rewriteBrackets(s: string, tally: Tally): string {
  let t = s;
  const definitions = new Map<string, string>();
  if (t.indexOf("]:") !== -1) {
    t = t.replace(DEFINITION, (_m, label: string, destination: string) => {
      tally.removed++;
      const url = unwrap(destination);
      const key = normalizeLabel(label);
      if (!definitions.has(key)) definitions.set(key, url);
      return `${label}: ${url}`;
    });
  }
  if (t.indexOf("![") !== -1) {
    t = t.replace(IMAGE, (_m, alt: string) => {
      tally.removed++;
      return alt;
    });
  }
  if (t.indexOf("](") !== -1) {
    t = t.replace(LINK, (_m, text: string, destination: string) => {
      tally.removed++;
      return visibleLink(text, unwrap(destination));
    });
  }
  if (definitions.size > 0) {
    t = t.replace(REFERENCE, (m, text: string, label: string | undefined) => {
      const url = definitions.get(normalizeLabel(label ?? text));
      if (url === undefined) return m;
      tally.removed++;
      return visibleLink(text, url);
    });
  }
  if (t.indexOf("![") !== -1) {
    t = t.replace(STRAY_IMAGE, () => {
      tally.removed++;
      return "[";
    });
  }
  if (t.indexOf("](") !== -1) {
    t = t.replaceAll("](", () => {
      tally.removed++;
      return "] (";
    });
  }
  return t;
}

function visibleLink(text: string, url: string): string {
  if (url === "") return text;
  if (text.trim() === "" || text === url) return url;
  return `${text} (${url})`;
}

function unwrap(destination: string): string {
  return destination.startsWith("<") && destination.endsWith(">")
    ? destination.slice(1, -1)
    : destination;
}

function normalizeLabel(label: string): string {
  return label.replace(/\s+/g, " ").trim().toLowerCase();
}
