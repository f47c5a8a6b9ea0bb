/**
 * `sanitizeText`: the fast path and the fixpoint loop over the passes.
 *
 * One round runs the character pass ({@link stripControls}), the markdown pass
 * ({@link rewriteMarkdown}), the HTML pass ({@link stripHtml}) and the fence pass
 * ({@link neutralizeFences}). Each pass can expose work for another — a decoded `&#x202E;` for
 * the character pass, an image whose removal joins `<` and `b>` into a tag, a tag whose removal
 * joins `![x]` and `(u)` — so rounds repeat until one changes nothing. The result is therefore a
 * fixpoint, which is what makes sanitizing idempotent. Every changing round shortens or
 * rewrites the string; honest data needs two or three. Input built to need more than
 * {@link MAX_ROUNDS} (entities encoded eight times over, say) gets a last round that also
 * deletes every `<`, `&`, `[` and `]`, after which no pass has anything left to do.
 *
 * @module
 */

import { stripControls } from "./chars.ts";
import { neutralizeFences } from "./fences.ts";
import { stripHtml } from "./html.ts";
import { rewriteMarkdown } from "./markdown.ts";
import type { Tally } from "./tally.ts";

/**
 * True when a string may need work: anything outside printable ASCII/tab/LF/CR, or one of
 * the characters markup starts with (`&`, `<`, `[`, a backtick, `~`). Plain ASCII strings
 * without them — most strings in a tool result — are returned after this one test.
 */
export const NEEDS_WORK = /[^\t\n\r\x20-\x25\x27-\x3b\x3d-\x5a\x5c-\x5f\x61-\x7d]/;

/** How many full rounds run before the last-resort round. */
export const MAX_ROUNDS = 8;

const MARKUP_STARTERS = /[<&[\]]/g;

/** Sanitize one string, adding what was removed to `tally`. */
export function sanitizeTextCounted(s: string, tally: Tally): string {
  if (!NEEDS_WORK.test(s)) return s;
  let current = s;
  for (let i = 0; i < MAX_ROUNDS; i++) {
    const next = round(current, tally);
    if (next === current) return current;
    current = next;
  }
  return lastResort(current, tally);
}

function round(s: string, tally: Tally): string {
  let t = stripControls(s, tally);
  t = rewriteMarkdown(t, tally);
  t = stripHtml(t, tally);
  return neutralizeFences(t, tally);
}

/**
 * A round whose output no pass changes: characters first, then every character markup or
 * links start with is deleted, then fences (which only rewrite info strings to `text`).
 */
function lastResort(s: string, tally: Tally): string {
  const t = stripControls(s, tally).replace(MARKUP_STARTERS, () => {
    tally.removed++;
    return "";
  });
  return neutralizeFences(t, tally);
}
