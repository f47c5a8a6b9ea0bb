/**
 * Client redirect URIs: which ones a client may register, and how they are compared later.
 *
 * The rule set:
 * - A redirect URI must be an absolute `http:` or `https:` URL without credentials or fragment,
 *   at most 2 048 characters.
 * - It is matched in its normalized form (the WHATWG URL serialization browsers navigate to)
 *   against the operator's patterns with minimatch, on the whole URL string: `*` matches within
 *   one `/`-separated part (e.g. any port in `http://127.0.0.1:*`), `**` matches any number of
 *   parts (any path). Every other character, `?`, `[`, `]`, `{`, `}`, `(`, `)`, `!`, `+` and `@`
 *   included, matches itself.
 * - At `/authorize` the `redirect_uri` must be exactly (string for string) one the client
 *   registered (or listed in its metadata document).
 *
 * @module
 */

import { minimatch } from "minimatch";

/** Longest redirect URI (and pattern) accepted, in characters. */
export const MAX_REDIRECT_URI_LENGTH = 2048;

const MATCH_OPTIONS = {
  dot: true,
  nobrace: true,
  noext: true,
  nonegate: true,
  nocomment: true,
} as const;

/** `pattern` with every glob character but `*` escaped. */
function escapePattern(pattern: string): string {
  return pattern.replace(/[?[\]\\(){}!+@]/g, "\\$&");
}

/** Why `pattern` cannot be an allowed redirect URI pattern, or undefined when it can. */
export function redirectPatternProblem(pattern: string): string | undefined {
  if (!/^https?:\/\/[^/\s]/i.test(pattern)) {
    return "is not an http(s) URL pattern (write e.g. https://app.example.com/callback)";
  }
  if (/\s/.test(pattern)) return "contains whitespace";
  if (pattern.includes("#")) return "must not contain a fragment";
  if (pattern.length > MAX_REDIRECT_URI_LENGTH) return "is too long";
  return undefined;
}

/** Compiled redirect URI patterns. */
export class RedirectUriPolicy {
  readonly #patterns: readonly string[];

  /**
   * A policy of `patterns` (already checked with {@linkcode redirectPatternProblem}).
   *
   * @throws {TypeError} for a pattern that is not usable.
   */
  constructor(patterns: readonly string[]) {
    for (const pattern of patterns) {
      const problem = redirectPatternProblem(pattern);
      if (problem) throw new TypeError(`redirect URI pattern ${problem}`);
    }
    this.#patterns = patterns.map(escapePattern);
  }

  /**
   * Why `uri` may not be registered as a redirect URI (a fixed description), or undefined when
   * it may.
   */
  problem(uri: string): string | undefined {
    const url = parseRedirectUri(uri);
    if (url === undefined) {
      return "redirect URIs must be absolute http(s) URLs without credentials or fragment";
    }
    const href = url.href;
    if (!this.#patterns.some((pattern) => minimatch(href, pattern, MATCH_OPTIONS))) {
      return "the redirect URI is not allowed by this server";
    }
    return undefined;
  }
}

/**
 * `uri` parsed as a redirect URI (http or https, no credentials, no fragment, bounded length), or
 * undefined.
 */
export function parseRedirectUri(uri: string): URL | undefined {
  if (typeof uri !== "string" || uri.length > MAX_REDIRECT_URI_LENGTH || /\s/.test(uri)) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username || url.password || url.hash || uri.includes("#")) return undefined;
  return url;
}
