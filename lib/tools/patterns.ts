/**
 * fnmatch-style tool-name patterns (`zia_create_*`), as the reference server's settings take them.
 *
 * @module
 */

import { Minimatch } from "minimatch";

const PATTERN_CHARS = /^[A-Za-z0-9_*?[\]!-]+$/;

/** Compiles fnmatch-style patterns; a malformed one is a problem, not an exception. */
export function compilePatterns(
  patterns: readonly string[],
  setting: string,
  problems: string[],
): { pattern: string; match: (name: string) => boolean }[] {
  const compiled = [];
  for (const pattern of patterns) {
    if (!PATTERN_CHARS.test(pattern)) {
      problems.push(`${setting}: ${JSON.stringify(pattern)} is not a tool name or fnmatch pattern`);
      continue;
    }
    const matcher = new Minimatch(pattern, { noext: true, nobrace: true, nocomment: true });
    compiled.push({ pattern, match: (name: string) => matcher.match(name) });
  }
  return compiled;
}
