/**
 * Source addresses: parsing the client address `Deno.serve` reports and matching it against the
 * configured addresses and CIDR ranges, with `ipaddr.js`.
 *
 * @module
 */

import ipaddr from "ipaddr.js";

/** A parsed IPv4 or IPv6 address. */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** One allowlist entry: a network and its prefix length (a single address has the full length). */
export type IpRange = [IpAddress, number];

const PREFIX = /^(0|[1-9]\d{0,2})$/;

/** Parses an address written the ordinary way: four-part decimal IPv4 or IPv6 without a zone. */
function parseStrictAddress(text: string): IpAddress | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(":") && !text.includes("%") && ipaddr.IPv6.isValid(text)) {
    return ipaddr.IPv6.parse(text);
  }
  return undefined;
}

/**
 * Parses the client's address (`info.remoteAddr.hostname`). IPv4-mapped IPv6 (`::ffff:10.1.2.3`)
 * becomes the IPv4 address, so IPv4 entries match clients of a dual-stack listener. Anything that
 * is not a plain address (names, legacy IPv4 forms such as `127.1`) is `undefined`.
 */
export function parseClientAddress(hostname: string): IpAddress | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(hostname)) return ipaddr.IPv4.parse(hostname);
  if (hostname.includes(":") && ipaddr.IPv6.isValid(hostname)) return ipaddr.process(hostname);
  return undefined;
}

/** The string used for an address in logs and as the rate-limit key. */
export function addressKey(address: IpAddress): string {
  return address.toString();
}

/** Parses one allowlist entry, or says why it is not one. */
export function parseSourceEntry(entry: string): { range: IpRange } | { problem: string } {
  const shown = JSON.stringify(entry);
  const slash = entry.indexOf("/");
  const text = slash === -1 ? entry : entry.slice(0, slash);
  const address = parseStrictAddress(text);
  if (address === undefined) {
    return {
      problem: `${shown} is not an IPv4/IPv6 address or CIDR range ` +
        `(e.g. 10.0.0.0/8, 192.168.1.7, 2001:db8::/32)`,
    };
  }
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return { problem: `${shown} is an IPv4-mapped IPv6 address; write the IPv4 form instead` };
  }
  const width = address.kind() === "ipv4" ? 32 : 128;
  if (slash === -1) return { range: [address, width] };
  const prefixText = entry.slice(slash + 1);
  const bits = PREFIX.test(prefixText) ? Number(prefixText) : NaN;
  if (!(bits <= width)) {
    return { problem: `${shown} has an invalid prefix length (0 to ${width})` };
  }
  const network = address.kind() === "ipv4"
    ? ipaddr.IPv4.networkAddressFromCIDR(entry)
    : ipaddr.IPv6.networkAddressFromCIDR(entry);
  if (network.toString() !== address.toString()) {
    return {
      problem: `${shown} has host bits set; did you mean ${network.toString()}/${bits}?`,
    };
  }
  return { range: [address, bits] };
}

/** True when `address` is inside `range`; an IPv4 range never matches an IPv6 address, and back. */
export function rangeContains(range: IpRange, address: IpAddress): boolean {
  return range[0].kind() === address.kind() && address.match(range);
}
