/**
 * Write checks of the simulated ZIA collections that go beyond required fields and enums:
 * address formats, cross-object references by value (GRE source IPs, VPN credential IPs, DLP
 * engine expressions) and nested shapes. Each returns an error message or undefined; the
 * model turns a message into 400 `INVALID_INPUT_ARGUMENT`.
 *
 * @module
 */

import { isObject, type JsonObject } from "./http.ts";
import type { ZiaLookup, ZiaValidateContext } from "./zia_spec.ts";
import { webApplicationActions } from "./zia_seed_policy.ts";

/** True for a dotted-quad IPv4 address. */
export function isIpv4(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const parts = value.split(".");
  return parts.length === 4 &&
    parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** True for 32 hexadecimal digits. */
export function isMd5(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-fA-F]{32}$/.test(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

/** `field`, when present, is a list of strings. */
export function stringList(item: JsonObject, ...fields: string[]): string | undefined {
  for (const field of fields) {
    if (item[field] !== undefined && !isStringList(item[field])) {
      return `${field} must be a list of strings`;
    }
  }
  return undefined;
}

const DAYS = ["EVERYDAY", "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** Time intervals: minutes 0–1439 and known day names. */
export function checkTimeInterval(item: JsonObject): string | undefined {
  for (const field of ["startTime", "endTime"]) {
    const v = item[field];
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 1439) {
      return `${field} must be an integer between 0 and 1439 (minutes after midnight)`;
    }
  }
  const days = item.daysOfWeek;
  if (!isStringList(days) || days.length === 0 || days.some((d) => !DAYS.includes(d))) {
    return `daysOfWeek must be a non-empty list of ${DAYS.join(", ")}`;
  }
  return undefined;
}

/** Static IPs: an IPv4 address; coordinates when the geolocation is overridden. */
export function checkStaticIp(item: JsonObject): string | undefined {
  if (!isIpv4(item.ipAddress)) return "ipAddress must be an IPv4 address";
  if (item.geoOverride === true) {
    const { latitude, longitude } = item;
    if (typeof latitude !== "number" || latitude < -90 || latitude > 90) {
      return "latitude must be a number between -90 and 90 when geoOverride is true";
    }
    if (typeof longitude !== "number" || longitude < -180 || longitude > 180) {
      return "longitude must be a number between -180 and 180 when geoOverride is true";
    }
  }
  return undefined;
}

/** A static IP cannot go while a GRE tunnel or an IP VPN credential uses it. */
export function staticIpInUse(item: JsonObject, lookup: ZiaLookup): string | undefined {
  if (lookup.all("greTunnels").some((t) => t.sourceIp === item.ipAddress)) {
    return `Static IP ${String(item.ipAddress)} is the source IP of a GRE tunnel`;
  }
  if (lookup.all("vpnCredentials").some((c) => c.type === "IP" && c.ipAddress === item.ipAddress)) {
    return `Static IP ${String(item.ipAddress)} is used by a VPN credential`;
  }
  return undefined;
}

/**
 * VPN credentials: `IP` needs a provisioned static IP, `UFQDN` a `user@domain`, `UFQDN` and
 * `XAUTH` a pre-shared key on create; the identity is unique.
 */
export function checkVpnCredential(item: JsonObject, ctx: ZiaValidateContext): string | undefined {
  const type = item.type;
  if (type === "IP") {
    if (!isIpv4(item.ipAddress)) return "ipAddress must be an IPv4 address for type IP";
    if (!ctx.all("staticIP").some((s) => s.ipAddress === item.ipAddress)) {
      return `ipAddress ${item.ipAddress} is not a provisioned static IP`;
    }
  }
  if (type === "UFQDN" || type === "XAUTH") {
    if (typeof item.fqdn !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(item.fqdn)) {
      return `fqdn must be user@domain for type ${type}`;
    }
    const psk = ctx.input.preSharedKey;
    if (ctx.existing === undefined && (typeof psk !== "string" || psk.length < 8)) {
      return `preSharedKey (at least 8 characters) is required for type ${type}`;
    }
  }
  const identity = type === "IP" ? "ipAddress" : "fqdn";
  const value = item[identity];
  if (typeof value === "string") {
    const lower = value.toLowerCase();
    if (ctx.others().some((o) => String(o[identity] ?? "").toLowerCase() === lower)) {
      return `A VPN credential for ${value} already exists`;
    }
  }
  return undefined;
}

/** A VPN credential cannot go while a location uses it. */
export function vpnCredentialInUse(item: JsonObject): string | undefined {
  return isObject(item.location)
    ? `VPN credential ${String(item.id)} is associated with location ${String(item.location.id)}`
    : undefined;
}

/** GRE tunnels: the source IP is a provisioned static IP; internal ranges are not shared. */
export function checkGreTunnel(item: JsonObject, ctx: ZiaValidateContext): string | undefined {
  if (!isIpv4(item.sourceIp)) return "sourceIp must be an IPv4 address";
  if (!ctx.all("staticIP").some((s) => s.ipAddress === item.sourceIp)) {
    return `sourceIp ${item.sourceIp} is not a provisioned static IP`;
  }
  if (item.internalIpRange !== undefined) {
    if (!isIpv4(item.internalIpRange)) return "internalIpRange must be an IPv4 address";
    if (ctx.others().some((o) => o.internalIpRange === item.internalIpRange)) {
      return `internalIpRange ${item.internalIpRange} is already used by another tunnel`;
    }
  }
  for (const field of ["primaryDestVip", "secondaryDestVip"]) {
    const vip = item[field];
    if (vip !== undefined && (!isObject(vip) || !Number.isInteger(vip.id))) {
      return `${field} must be an object with an integer id`;
    }
  }
  return undefined;
}

/** The first free /29 internal GRE range in 172.17.0.0/16, or undefined. */
export function nextGreRange(lookup: ZiaLookup): string | undefined {
  const used = new Set(lookup.all("greTunnels").map((t) => t.internalIpRange));
  for (let n = 0; n < 8192; n++) {
    const ip = `172.17.${Math.floor(n / 32)}.${(n % 32) * 8}`;
    if (!used.has(ip)) return ip;
  }
  return undefined;
}

/** SSL inspection rules: `action` is an object with a known `type`. */
export function checkSslAction(item: JsonObject): string | undefined {
  const action = item.action;
  const types = ["DECRYPT", "DO_NOT_DECRYPT", "BLOCK"];
  if (!isObject(action) || typeof action.type !== "string" || !types.includes(action.type)) {
    return `action must be an object whose type is one of ${types.join(", ")}`;
  }
  return stringList(item, "platforms", "urlCategories");
}

/** Network application groups: every member is a known network application. */
export function checkNetworkApplicationGroup(
  item: JsonObject,
  ctx: ZiaValidateContext,
): string | undefined {
  const apps = item.networkApplications;
  if (apps === undefined) return undefined;
  if (!isStringList(apps)) return "networkApplications must be a list of application ids";
  const known = new Set(ctx.all("networkApplications").map((a) => a.id));
  const unknown = apps.find((a) => !known.has(a));
  return unknown === undefined ? undefined : `Unknown network application: ${unknown}`;
}

/** Destination groups: list fields are lists of strings. */
export function checkDestinationGroup(item: JsonObject): string | undefined {
  return stringList(item, "addresses", "countries", "ipCategories");
}

/** DLP dictionaries: phrases and patterns are `{action, phrase|pattern}` lists. */
export function checkDlpDictionary(item: JsonObject): string | undefined {
  for (const [field, key] of [["phrases", "phrase"], ["patterns", "pattern"]]) {
    const list = item[field];
    if (list === undefined) continue;
    if (
      !Array.isArray(list) ||
      list.some((e) => !isObject(e) || typeof e[key] !== "string" || e[key] === "")
    ) {
      return `${field} must be a list of {action, ${key}} objects`;
    }
  }
  return undefined;
}

/** Custom DLP engines: an expression whose `D<id>` terms name existing dictionaries. */
export function checkDlpEngine(item: JsonObject, ctx: ZiaValidateContext): string | undefined {
  if (item.customDlpEngine !== true) return undefined;
  const expr = item.engineExpression;
  if (typeof expr !== "string" || expr.trim() === "") {
    return "engineExpression is required for a custom DLP engine";
  }
  const known = new Set(ctx.all("dlpDictionaries").map((d) => d.id));
  for (const match of expr.matchAll(/\bD(\d+)\b/g)) {
    if (!known.has(Number(match[1]))) return `Unknown DLP dictionary in expression: D${match[1]}`;
  }
  return undefined;
}

/** A DLP dictionary cannot go while a custom engine's expression names it. */
export function dictionaryInUse(item: JsonObject, lookup: ZiaLookup): string | undefined {
  if (item.custom !== true) {
    return `DLP dictionary ${String(item.id)} is predefined and cannot be deleted`;
  }
  const term = new RegExp(`\\bD${String(item.id)}\\b`);
  const engine = lookup.all("dlpEngines").find((e) =>
    typeof e.engineExpression === "string" && term.test(e.engineExpression)
  );
  return engine === undefined
    ? undefined
    : `DLP dictionary ${String(item.id)} is used by DLP engine ${String(engine.id)}`;
}

/** Cloud App Control rules: every action is offered for the rule's type. */
export function checkWebApplicationRule(item: JsonObject): string | undefined {
  const actions = item.actions;
  if (actions === undefined) return stringList(item, "applications");
  if (!isStringList(actions)) return "actions must be a list of strings";
  const offered = webApplicationActions(String(item.type));
  const bad = actions.find((a) => !offered.includes(a));
  if (bad !== undefined) return `Action ${bad} is not available for rule type ${item.type}`;
  return stringList(item, "applications");
}

/** Users: the display name is a string (the key is the email). */
export function checkUser(item: JsonObject): string | undefined {
  return typeof item.name === "string" ? undefined : "name must be a string";
}
