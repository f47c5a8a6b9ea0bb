/**
 * The `--allow-net` entries: the Zscaler token and API hosts of every known cloud (derived from
 * `lib/zscaler/clouds.ts`, never a second hand-kept list), loopback, the wildcard listen
 * addresses, and operator-supplied extra hosts.
 *
 * @module
 */

import { allowedHosts, isKnownCloud, KNOWN_CLOUDS, normalizeVanity } from "../zscaler/clouds.ts";
import { PermissionInputError } from "./errors.ts";

/** Every Zscaler host is reached over HTTPS only. */
export const ZSCALER_PORT = 443;

/**
 * Loopback, any port: the listen address of the default bind, the `--sandbox` tenant and the
 * simulator tests run against. IPv6 is written in brackets, as Deno's `--allow-net` expects.
 */
export const LOOPBACK_NET: readonly string[] = Object.freeze(["127.0.0.1", "[::1]", "localhost"]);

/**
 * The wildcard binds (`--host 0.0.0.0` / `--host ::`), any port: how a server on a VM listens.
 * A bind to one specific interface address is added with `ZSCALER_MCP_EXTRA_NET_HOSTS`.
 */
export const LISTEN_NET: readonly string[] = Object.freeze(["0.0.0.0", "[::]"]);

/** Label standing in for the tenant while deriving the identity domain of a cloud. */
const PLACEHOLDER = "vanity";

/**
 * The Zscaler entries for one cloud. With a vanity label the token host is exact
 * (`acme.zslogin.net:443`); without one (a release binary serves any tenant) it is every
 * subdomain of that cloud's identity domain (`*.zslogin.net:443`) — the vanity label is only
 * known at run time. The API gateway host is always exact.
 *
 * @throws {ZscalerConfigError} for an invalid cloud name or vanity label.
 */
export function zscalerNetEntries(cloud: string, vanity?: string): string[] {
  if (vanity !== undefined) {
    return allowedHosts(cloud, vanity).map((host) => `${host}:${ZSCALER_PORT}`);
  }
  const [identity, api] = allowedHosts(cloud, PLACEHOLDER);
  if (!identity.startsWith(`${PLACEHOLDER}.`)) {
    throw new Error(`unexpected identity host shape for cloud ${cloud}: ${identity}`);
  }
  const domain = identity.slice(PLACEHOLDER.length + 1);
  return [`*.${domain}:${ZSCALER_PORT}`, `${api}:${ZSCALER_PORT}`];
}

/**
 * The Zscaler entries of every known cloud, plus `cloud` when it names another one. `vanity`
 * (the launch or build environment's `ZSCALER_VANITY_DOMAIN`) makes the token hosts exact.
 *
 * @throws {PermissionInputError} for an invalid cloud name or vanity label.
 */
export function allZscalerNetEntries(options: { vanity?: string; cloud?: string } = {}): string[] {
  const vanity = options.vanity?.trim() ? checked("ZSCALER_VANITY_DOMAIN", options.vanity) : "";
  const clouds = [...KNOWN_CLOUDS];
  const extra = options.cloud?.trim();
  if (extra && !isKnownCloud(extra)) clouds.push(extra.toLowerCase());
  const entries: string[] = [];
  for (const cloud of clouds) {
    try {
      entries.push(...zscalerNetEntries(cloud, vanity || undefined));
    } catch (error) {
      throw new PermissionInputError("ZSCALER_CLOUD", (error as Error).message);
    }
  }
  return entries;
}

function checked(variable: string, vanity: string): string {
  try {
    return normalizeVanity(vanity);
  } catch (error) {
    throw new PermissionInputError(variable, (error as Error).message);
  }
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_BRACKETED = /^\[[0-9a-f:.]+\]$/;

/**
 * Parses one extra `--allow-net` entry: `host`, `host:port`, `[v6]`, `[v6]:port`, or
 * `*.domain[:port]` for every subdomain of a domain of at least two labels. Lower-cases it.
 * A bare `*`, a URL, a path or a wildcard over a top-level domain is refused.
 *
 * @throws {PermissionInputError} naming `variable` and the entry.
 */
export function parseNetEntry(variable: string, raw: string): string {
  const entry = raw.trim().toLowerCase();
  const fail = (why: string): never => {
    throw new PermissionInputError(variable, `${JSON.stringify(raw)} ${why}`);
  };
  if (entry === "") fail("is empty");
  if (entry === "*" || entry.startsWith("*:")) fail("is a wildcard over every host");
  if (entry.includes("/") || entry.includes("@")) {
    fail("is not host[:port] (give the host name, not a URL)");
  }
  let host = entry;
  let port: string | undefined;
  const bracket = entry.startsWith("[") ? entry.indexOf("]") : -1;
  if (bracket > 0) {
    host = entry.slice(0, bracket + 1);
    const rest = entry.slice(bracket + 1);
    if (rest !== "") {
      if (!rest.startsWith(":")) fail("is not [ipv6][:port]");
      port = rest.slice(1);
    }
  } else if (entry.split(":").length === 2) {
    [host, port] = entry.split(":");
  } else if (entry.includes(":")) {
    fail("is an IPv6 address without brackets (write [addr] or [addr]:port)");
  }
  if (port !== undefined) {
    const number = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
    if (!(number >= 1 && number <= 65535)) fail("has a port outside 1-65535");
  }
  if (IPV6_BRACKETED.test(host) || IPV4.test(host)) return entry;
  let name = host;
  if (host.startsWith("*.")) {
    name = host.slice(2);
    if (name.split(".").length < 2) fail("is a wildcard over a top-level domain");
  }
  if (name.includes("*")) fail("may use * only as the whole first label (*.example.com)");
  const labels = name.split(".");
  if (!labels.every((label) => LABEL.test(label)) || name.length > 253) {
    fail("is not a valid host name");
  }
  return entry;
}
