/**
 * ZPA write arguments shared by several resources: id lists and the reference shapes they become,
 * port ranges in both wire shapes, coordinates, countries and upgrade windows.
 *
 * @module
 */

import { z } from "zod";
import { type ApiObject, field, type FieldTable } from "../fields.ts";
import { zpaId } from "../inputs.ts";

/** ZPA reference lists (`serverGroups`, …) are `[{ id }]` with string ids. */
export function idRefs(apiField: string): (ids: string[]) => ApiObject {
  return (ids) => ({ [apiField]: ids.map((id) => ({ id })) });
}

/** A list of ZPA ids of one kind; `see` names the tool that lists them. */
export function idList(what: string, see: string, max = 1000): z.ZodArray<z.ZodString> {
  return z.array(zpaId(what)).max(max).describe(
    `Ids of ${what}s (strings of digits; see ${see}). On update the list replaces the current one.`,
  );
}

const port = z.number().int().min(1).max(65535);

/** One `{from, to}` port range, as agents give it. */
export const portRange = z.strictObject({
  from: port.describe("First port (1-65535)."),
  to: port.describe("Last port (1-65535; the same as from for a single port)."),
}).refine((range) => range.from <= range.to, {
  message: "from must not be greater than to",
  path: ["to"],
});

type PortRange = z.output<typeof portRange>;

/** A list of port ranges of one protocol. */
export function portRanges(protocol: string) {
  return z.array(portRange).max(100).describe(
    `${protocol} port ranges users reach, e.g. [{"from":443,"to":443}]. On update the list ` +
      "replaces the current one.",
  );
}

/**
 * Port ranges in both shapes ZPA reads and returns (API-FACTS, samples/zpa_application_get):
 * `tcpPortRange: [{from:"443",to:"443"}]` and the flat `tcpPortRanges: ["443","443"]`, kept
 * equal so a merged update never carries two different answers.
 */
export function ports(protocol: "tcp" | "udp"): (ranges: PortRange[]) => ApiObject {
  return (ranges) => ({
    [`${protocol}PortRange`]: ranges.map((r) => ({ from: String(r.from), to: String(r.to) })),
    [`${protocol}PortRanges`]: ranges.flatMap((r) => [String(r.from), String(r.to)]),
  });
}

/** True when the value is a non-empty array. */
export const hasItems = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

/**
 * A latitude or longitude as the decimal string ZPA stores (a schema without transforms, so it
 * renders as JSON Schema).
 */
export function coordinate(which: "latitude" | "longitude"): z.ZodString {
  const max = which === "latitude" ? 90 : 180;
  return z.string().regex(/^-?\d{1,3}(\.\d{1,12})?$/, "must be decimal degrees")
    .refine((value) => Math.abs(Number(value)) <= max, { message: `must be within ±${max}` })
    .describe(
      `The ${which} in decimal degrees, as a string, e.g. "${
        which === "latitude" ? "37.3382" : "-121.8863"
      }".`,
    );
}

/** An ISO 3166 alpha-2 country code. */
export const countryCode = z.string().regex(/^[A-Z]{2}$/, "must be an ISO alpha-2 country code")
  .describe("ISO 3166 alpha-2 country code, e.g. US or DE.");

/** The day of the weekly software upgrade window. */
export const upgradeDay = z.enum([
  "SUNDAY",
  "MONDAY",
  "TUESDAY",
  "WEDNESDAY",
  "THURSDAY",
  "FRIDAY",
  "SATURDAY",
]).describe("Day of the weekly software upgrade window.");

/** The start of the upgrade window, seconds after midnight UTC (ZPA stores it as a string). */
export const upgradeTime = z.number().int().min(0).max(86_399)
  .describe("Start of the upgrade window in seconds after midnight UTC, e.g. 66600 for 18:30.");

/** Sets `apiField` to the number as a string (ZPA's numeric fields are strings). */
export function asString(apiField: string): (value: number) => ApiObject {
  return (value) => ({ [apiField]: String(value) });
}

/**
 * The software upgrade arguments app connector groups and service edge groups share: the weekly
 * window and the version profile.
 */
export const upgradeFields: FieldTable = {
  upgrade_day: field(upgradeDay, "upgradeDay"),
  upgrade_time_in_secs: field(upgradeTime, asString("upgradeTimeInSecs")),
  override_version_profile: field(
    z.boolean().describe("Use version_profile_id instead of the tenant default."),
    "overrideVersionProfile",
  ),
  version_profile_id: field(
    z.string().regex(/^\d{1,25}$/, "must be a version profile id").describe(
      "Software version profile: 0 Default, 1 Previous Default, 2 New Release.",
    ),
    "versionProfileId",
  ),
};

/** A free-text location name. */
export const locationText = z.string().trim().min(1).max(255);
