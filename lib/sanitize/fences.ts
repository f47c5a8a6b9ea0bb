/**
 * The code-fence pass: a fence's info string may only be a plain language tag.
 *
 * A fence line is a run of three or more backticks or tildes at the start of a line (after
 * indentation, blockquote `>` markers and one list marker). Its info string — the rest of the
 * line — is kept when it is empty, or when it is exactly one token of ASCII letters, digits and
 * `+-_#.` (at most 32 characters) that is not a role or override word. Anything else becomes
 * `text`. Role words are matched after NFKC normalization and lower-casing, per token (split on
 * the punctuation) and with the punctuation and digits squeezed out, so `System`, `SYSTEM`,
 * `system-prompt`, `tool_call`, `s.y.s.t.e.m` and fullwidth `ｓｙｓｔｅｍ` are all caught while
 * real languages such as `gitignore` or `systemverilog` are not. The fence body is kept.
 *
 * A backtick run with more text after it on the same line (CommonMark's inline code) is
 * treated as a fence too: the stricter reading.
 *
 * @module
 */

import type { Tally } from "./tally.ts";

const FENCE_LINE =
  /^([ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)(`{3,}|~{3,})([^\n]*?)(\r?)$/gm;
const PLAIN_TAG = /^[A-Za-z0-9+\-_#.]{1,32}$/;

/** Words that, as a fence's info string, try to pass the block off as a role or an override. */
export const ROLE_WORDS: ReadonlySet<string> = new Set([
  "system",
  "sys",
  "systemprompt",
  "assistant",
  "developer",
  "developermode",
  "tool",
  "tools",
  "toolcall",
  "toolcalls",
  "tooluse",
  "toolresult",
  "toolresponse",
  "function",
  "functioncall",
  "functionresult",
  "user",
  "human",
  "model",
  "ignore",
  "instruction",
  "instructions",
  "inst",
  "prompt",
  "override",
  "jailbreak",
  "admin",
  "root",
  "sudo",
  "directive",
  "imstart",
  "imend",
]);

/** Whether `info` may stay as a fence's info string (empty, or a plain non-role token). */
export function isSafeFenceInfo(info: string): boolean {
  const trimmed = info.trim();
  if (trimmed === "") return true;
  return PLAIN_TAG.test(trimmed) && !isRoleWord(trimmed);
}

/** Whether `info` names a role or an override, after NFKC normalization and case folding. */
export function isRoleWord(info: string): boolean {
  const folded = info.normalize("NFKC").toLowerCase();
  if (ROLE_WORDS.has(folded)) return true;
  for (const token of folded.split(/[^\p{L}]+/u)) {
    if (ROLE_WORDS.has(token)) return true;
  }
  return ROLE_WORDS.has(folded.replace(/[^\p{L}]+/gu, ""));
}

/** Every fence line's info string (for the output invariant). */
export function fenceInfos(s: string): string[] {
  return [...s.matchAll(FENCE_LINE)].map((m) => m[3]);
}

/**
 * Replace unsafe fence info strings with `text` (see the module documentation). Returns `s`
 * itself when nothing changed.
 */
export function neutralizeFences(s: string, tally: Tally): string {
  if (s.indexOf("```") === -1 && s.indexOf("~~~") === -1) return s;
  let changed = false;
  const t = s.replace(
    FENCE_LINE,
    (line, lead: string, fence: string, info: string, cr: string) => {
      if (isSafeFenceInfo(info)) return line;
      changed = true;
      tally.removed++;
      return `${lead}${fence}text${cr}`;
    },
  );
  return changed ? t : s;
}
