/**
 * ZIA tenant-wide settings objects (advanced settings, ATP, malware protection, mobile threat
 * settings): one GET returns the whole object and one PUT replaces it. Update tools read the
 * current object, change only what the caller named and write it back, so a setting left out
 * keeps its value. A free-form `settings` argument only changes settings the object already has,
 * each with a value of the type it already has; anything else is refused before the PUT.
 *
 * @module
 */

import { z } from "zod";
import { ZscalerRequestError } from "../../zscaler/mod.ts";
import { type ApiObject, type FieldTable, givesAnyField, toBody, updateShape } from "../fields.ts";
import type { ToolContext, ToolSpec } from "../spec.ts";
import { getOne, send, ZIA_BASE, ziaPath } from "./fetch.ts";
import { special, ZIA_ACTIVATION_HINT, ZIA_NOT_LIVE_NOTE } from "./resource.ts";

/** Where a settings object lives and what it is called. */
export interface ZiaSettings {
  toolset: string;
  /** The path under `/zia/api/v1`, e.g. `/advancedSettings`. */
  path: string;
  /** What it is, e.g. "advanced settings". */
  noun: string;
}

/** A tool that reads a settings object. */
export function settingsGetTool(
  s: ZiaSettings,
  def: { name: string; title: string; description: string },
): ToolSpec {
  return special({
    ...def,
    service: "zia",
    toolset: s.toolset,
    kind: "read",
    request: `GET ${ZIA_BASE}${s.path}`,
    input: z.strictObject({}),
    example: {},
    async run(_args, ctx) {
      return { data: await getOne(ctx, ziaPath(s.path)) };
    },
  });
}

async function readObject(ctx: ToolContext, s: ZiaSettings): Promise<ApiObject> {
  const current = await getOne(ctx, ziaPath(s.path));
  if (typeof current !== "object" || current === null || Array.isArray(current)) {
    throw new ZscalerRequestError(
      `The current ZIA ${s.noun} could not be read, so nothing was changed`,
    );
  }
  return current as ApiObject;
}

/** A tool that changes named fields of a settings object (GET, merge, PUT). */
export function settingsFieldsTool(
  s: ZiaSettings,
  def: { name: string; title: string; description: string; fields: FieldTable },
  example: Record<string, unknown>,
): ToolSpec {
  const names = Object.keys(def.fields);
  const input = z.strictObject(updateShape(def.fields)).refine(
    (args) => givesAnyField(def.fields, args),
    { message: `Nothing to change: give at least one of ${names.join(", ")}.` },
  );
  return special({
    name: def.name,
    title: def.title,
    description: `${def.description} Give only the settings to change; the others keep their ` +
      `current values. ${ZIA_ACTIVATION_HINT}`,
    service: "zia",
    toolset: s.toolset,
    kind: "update",
    request: `GET ${ZIA_BASE}${s.path}, then PUT ${ZIA_BASE}${s.path}`,
    input,
    example: { args: example },
    async run(args, ctx) {
      const current = await readObject(ctx, s);
      const merged = { ...current, ...toBody(def.fields, args) };
      return { data: await send(ctx, "PUT", ziaPath(s.path), merged), note: ZIA_NOT_LIVE_NOTE };
    },
  });
}

const scalar = z.union([z.boolean(), z.number().finite(), z.string().max(10_000)]);
const listItem = z.union([
  z.string().max(2048),
  z.number().finite(),
  z.strictObject({
    id: z.union([z.number().int(), z.string().max(128)]),
    name: z.string().max(255).optional(),
  }),
]);
const settingValue = z.union([scalar, z.null(), z.array(listItem).max(25_000)]);

/** A setting name as the caller may give it: camelCase as ZIA returns it, or snake_case. */
const settingName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, "must be a setting name");

/** `snake_case` → `camelCase`; camelCase names are returned as they are. */
export function camelSetting(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_all, letter: string) => letter.toUpperCase());
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value;
}

/**
 * The current object with `changes` applied, or the problems: a setting the object does not have,
 * or a value of another type than the current one (null included; a current null accepts any).
 */
export function mergeSettings(
  current: ApiObject,
  changes: Record<string, unknown>,
): { merged: ApiObject; problems: string[] } {
  const merged: ApiObject = { ...current };
  const problems: string[] = [];
  for (const [given, value] of Object.entries(changes)) {
    const key = camelSetting(given);
    if (!Object.hasOwn(current, key)) {
      problems.push(`${given}: not a setting of this object`);
      continue;
    }
    const want = kindOf(current[key]);
    const got = kindOf(value);
    if (want !== "null" && want !== got) {
      problems.push(`${given}: expected a ${want}, got ${got === "null" ? "null" : `a ${got}`}`);
      continue;
    }
    merged[key] = value;
  }
  return { merged, problems };
}

/** A tool that changes any settings of a settings object by name (GET, merge, PUT). */
export function settingsUpdateTool(
  s: ZiaSettings,
  def: { name: string; title: string; description: string; getter: string },
  example: Record<string, unknown>,
): ToolSpec {
  const input = z.strictObject({
    settings: z.record(settingName, settingValue).refine(
      (changes) => Object.keys(changes).length > 0 && Object.keys(changes).length <= 500,
      { message: "give between 1 and 500 settings to change" },
    ).describe(
      `The settings to change, by name as ${def.getter} returns them (camelCase, or the same ` +
        'name in snake_case), with their new values, e.g. {"enableOffice365": true}. Every ' +
        "setting left out keeps its current value; a name the object does not have, or a " +
        "value of another type, is refused and nothing is written.",
    ),
  });
  return special({
    name: def.name,
    title: def.title,
    description: `${def.description} ${ZIA_ACTIVATION_HINT}`,
    service: "zia",
    toolset: s.toolset,
    kind: "update",
    request: `GET ${ZIA_BASE}${s.path}, then PUT ${ZIA_BASE}${s.path}`,
    input,
    example: { args: { settings: example } },
    async run(args, ctx) {
      const current = await readObject(ctx, s);
      const { merged, problems } = mergeSettings(current, args.settings);
      if (problems.length > 0) {
        throw new ZscalerRequestError(
          `Nothing was changed: ${problems.join("; ")}`,
          { hint: `Read the current names and types with ${def.getter}` },
        );
      }
      return { data: await send(ctx, "PUT", ziaPath(s.path), merged), note: ZIA_NOT_LIVE_NOTE };
    },
  });
}
