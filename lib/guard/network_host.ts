/**
 * Host authorities (`name[:port]`, `[v6][:port]`): strict parsing, the allowlist patterns and
 * their matching. This is the DNS-rebinding defence: a browser tricked into resolving an
 * attacker's name to this server still sends the attacker's name as the authority.
 *
 * @module
 */

import ipaddr from "ipaddr.js";
import { Minimatch } from "minimatch";

/** A parsed authority: lower-case host (IPv6 in brackets, canonical form) and optional port. */
export interface Authority {
  hostname: string;
  port?: number;
}

/** A compiled allowlist entry. */
export interface HostPattern {
  matchHostname(hostname: string): boolean;
  /** When set, the authority's port (or the scheme's default port) must equal it. */
  port?: number;
}

const NAME = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/;
const NAME_GLOB = /^[a-z0-9_*?-]+(?:\.[a-z0-9_*?-]+)*$/;
const GLOB_CHARS = /[*?]/;
const BRACKETED = /^\[([0-9a-f:.]+)\](?::([0-9]*))?$/;
const WITH_PORT = /^([^:]*)(?::([0-9]*))?$/;
const MAX_NAME = 253;

function parsePort(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

function canonicalIpv6(text: string): string | undefined {
  if (!ipaddr.IPv6.isValid(text)) return undefined;
  return `[${ipaddr.IPv6.parse(text).toRFC5952String()}]`;
}

/**
 * Splits `value` into host and port, or `undefined` when it is not a plain authority: no
 * userinfo, path, spaces, zone ids, empty labels, trailing dot, or a port outside 1–65535.
 * `glob` also allows `*` and `?` in a name (for patterns).
 */
function splitAuthority(
  value: string,
  glob: boolean,
): { hostname: string; port?: number } | undefined {
  const lower = value.toLowerCase();
  const bracketed = BRACKETED.exec(lower);
  let hostname: string | undefined;
  let portText: string | undefined;
  if (bracketed) {
    hostname = canonicalIpv6(bracketed[1]);
    portText = bracketed[2];
  } else {
    const plain = WITH_PORT.exec(lower);
    if (!plain || plain[1].length > MAX_NAME) return undefined;
    if ((glob ? NAME_GLOB : NAME).test(plain[1])) hostname = plain[1];
    portText = plain[2];
  }
  const port = parsePort(portText);
  if (hostname === undefined || port === null) return undefined;
  return port === undefined ? { hostname } : { hostname, port };
}

/** Parses a Host header value or URL authority; `undefined` when malformed. */
export function parseAuthority(value: string): Authority | undefined {
  return splitAuthority(value, false);
}

/** The default port of a URL scheme (`http:` or `https:`, with or without the colon). */
export function defaultPort(scheme: string): number {
  return scheme.replace(/:$/, "").toLowerCase() === "https" ? 443 : 80;
}

/** Says why `pattern` cannot be a Host allowlist entry, or `undefined` when it can. */
export function hostPatternProblem(pattern: string): string | undefined {
  const shown = JSON.stringify(pattern);
  const parts = splitAuthority(pattern, true);
  if (parts === undefined) {
    return `${shown} is not a host name, [IPv6] address or glob, with an optional :port ` +
      `(e.g. mcp.corp.example, *.corp.example:8443, [::1])`;
  }
  if (GLOB_CHARS.test(parts.hostname)) {
    const labels = parts.hostname.split(".");
    if (labels.length < 3 || labels.slice(-2).some((label) => GLOB_CHARS.test(label))) {
      return `${shown}: a wildcard must be followed by at least two literal labels ` +
        `(e.g. *.corp.example), so it cannot cover a top-level or registrable domain; ` +
        `turn host validation off explicitly instead of allowing every host`;
    }
  }
  return undefined;
}

/** Compiles a pattern that passed {@link hostPatternProblem}; throws otherwise. */
export function compileHostPattern(pattern: string): HostPattern {
  const problem = hostPatternProblem(pattern);
  if (problem !== undefined) throw new TypeError(`invalid host pattern: ${problem}`);
  const { hostname, port } = splitAuthority(pattern, true)!;
  let matchHostname = (candidate: string) => candidate === hostname;
  if (GLOB_CHARS.test(hostname)) {
    // Host and port are matched separately, so `*` can never reach across `:` or `]`.
    const matcher = new Minimatch(hostname, {
      nocase: true,
      noext: true,
      nobrace: true,
      nocomment: true,
      nonegate: true,
      noglobstar: true,
      dot: true,
    });
    matchHostname = (candidate: string) => !candidate.startsWith("[") && matcher.match(candidate);
  }
  return port === undefined ? { matchHostname } : { matchHostname, port };
}

/**
 * True when an authority is allowed by a pattern: the host matches case-insensitively; a pattern
 * with a port also needs the same port, a missing port counting as the scheme's default.
 */
export function patternMatches(
  pattern: HostPattern,
  authority: Authority,
  schemeDefaultPort: number,
): boolean {
  if (!pattern.matchHostname(authority.hostname)) return false;
  return pattern.port === undefined || pattern.port === (authority.port ?? schemeDefaultPort);
}

/**
 * The default Host allowlist for a bind address: the address itself (IPv6 in brackets) plus
 * `localhost`, `127.0.0.1` and `[::1]`. A wildcard bind (`0.0.0.0`, `::`) cannot know the names
 * clients use; set the allowlist explicitly for those.
 */
export function defaultAllowedHosts(bindHost: string): string[] {
  const bare = bindHost.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const own = bare.includes(":") ? `[${bare}]` : bare;
  return [...new Set([own, "localhost", "127.0.0.1", "[::1]"])];
}

const URL_PREFIX = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i;

/**
 * The scheme and raw authority of a request URL. `Deno.serve` builds `request.url` from the
 * request target's authority (HTTP/2 `:authority`, absolute-form) or else the Host header, without
 * normalizing it, so this reads the string rather than trusting `new URL` to parse it.
 */
export function urlAuthority(url: string): { scheme: string; authority: string } | undefined {
  const match = URL_PREFIX.exec(url);
  return match ? { scheme: match[1].toLowerCase(), authority: match[2] } : undefined;
}
