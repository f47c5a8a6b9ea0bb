/**
 * `sanitizeValue`: every string in a JSON-shaped value, keys included, through
 * {@link sanitizeTextCounted}.
 *
 * - Copy on write: a container in which nothing changed is returned as is (same object), so a
 *   clean result costs one walk and no allocation beyond `Object.keys`.
 * - No depth bypass: containers nested deeper than {@link MAX_DEPTH} are replaced by
 *   {@link TOO_DEEP}; a container that contains itself is replaced by {@link CIRCULAR}. The walk
 *   recurses at most {@link MAX_DEPTH} frames, so it cannot overflow the stack, and the output
 *   can always be serialized.
 * - Keys: a key that changes takes its sanitized form; if that collides with another key of the
 *   same object, it becomes `key (2)`, `key (3)`, … (or `(2) key` where a suffix would itself
 *   be sanitized away) — both values are kept. A key that was already clean keeps its name.
 *   `__proto__` stays an own property.
 * - Values that are not JSON follow what `JSON.stringify` would send, but never the raw text:
 *   functions and symbols are dropped from objects and become `null` in arrays (`undefined` at
 *   the top); a bigint becomes its decimal string; an object with `toJSON` (a Date) is replaced
 *   by what that returns; a Map becomes an object (keys as strings, first one wins), a Set an
 *   array, a typed array an array of numbers, an Error `{ name, message }`, a boxed primitive
 *   its primitive, and any other class instance a plain object of its own enumerable
 *   properties. Such values are always rebuilt, never returned as is. `undefined`, `NaN` and
 *   the infinities are left alone.
 *
 * @module
 */

import type { Tally } from "./tally.ts";
import { NEEDS_WORK, sanitizeTextCounted } from "./text.ts";

/** Containers deeper than this (the top-level value is depth 0) are replaced by a marker. */
export const MAX_DEPTH = 64;
/** Stands in for a container nested deeper than {@link MAX_DEPTH}. */
export const TOO_DEEP = "[removed: nested too deeply]";
/** Stands in for a container that (indirectly) contains itself. */
export const CIRCULAR = "[removed: circular reference]";
/** Stands in for a value whose `toJSON` threw. */
export const UNSUPPORTED = "[removed: unsupported value]";

/** Per-call telemetry: what was removed, by JSON path (never the content). */
export interface SanitizeReport {
  /** Total items removed or neutralized (see {@link Tally}). */
  removed: number;
  /** Where: JSON paths such as `$.rules[3].description`, with the count at each. */
  paths: { path: string; removed: number }[];
}

type Segment = string | number;

interface Walk {
  tally: Tally;
  /** `ancestors[d]` is the container being walked at depth `d`. */
  ancestors: object[];
  /** Only when reporting: `segments[d]` is the key or index taken out of depth `d`. */
  segments: Segment[] | null;
  paths: { path: string; removed: number }[];
}

/** Sanitize a JSON-shaped value (see the module documentation). */
export function sanitizeValue(v: unknown): unknown {
  return walk(v, 0, { tally: { removed: 0 }, ancestors: [], segments: null, paths: [] });
}

/** Sanitize a JSON-shaped value and report how much was removed where. */
export function sanitizeValueWithReport(v: unknown): { value: unknown; report: SanitizeReport } {
  const w: Walk = { tally: { removed: 0 }, ancestors: [], segments: [], paths: [] };
  const value = walk(v, 0, w);
  return { value, report: { removed: w.tally.removed, paths: w.paths } };
}

/** What a non-container value becomes; `DROP` for functions and symbols. */
const DROP: unique symbol = Symbol("drop");

function walk(v: unknown, depth: number, w: Walk): unknown {
  if (typeof v === "string") return NEEDS_WORK.test(v) ? text(v, depth, w) : v;
  if (typeof v === "object" && v !== null) return container(v, depth, w);
  const s = scalar(v);
  return s === DROP ? undefined : s;
}

function scalar(v: unknown): unknown {
  switch (typeof v) {
    case "bigint":
      return v.toString();
    case "function":
    case "symbol":
      return DROP;
    default:
      return v;
  }
}

function text(s: string, depth: number, w: Walk): string {
  if (w.segments === null) return sanitizeTextCounted(s, w.tally);
  const before = w.tally.removed;
  const out = sanitizeTextCounted(s, w.tally);
  if (w.tally.removed > before) record(w, depth, w.tally.removed - before);
  return out;
}

function marker(m: string, depth: number, w: Walk): string {
  w.tally.removed++;
  if (w.segments !== null) record(w, depth, 1);
  return m;
}

function container(v: object, depth: number, w: Walk): unknown {
  if (depth >= MAX_DEPTH) return marker(TOO_DEEP, depth, w);
  const ancestors = w.ancestors;
  for (let i = 0; i < depth; i++) {
    if (ancestors[i] === v) return marker(CIRCULAR, depth, w);
  }
  ancestors[depth] = v;
  if (Array.isArray(v)) return walkArray(v, depth, w);
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    return walkObject(v as Record<string, unknown>, depth, w);
  }
  let plain: unknown;
  try {
    plain = toPlain(v);
  } catch {
    return marker(UNSUPPORTED, depth, w);
  }
  // Converted once: a toJSON that returns itself or another exotic object gets the marker.
  if (typeof plain === "object" && plain !== null && !isJsonContainer(plain)) {
    return marker(UNSUPPORTED, depth, w);
  }
  return walk(plain, depth, w);
}

function walkArray(a: readonly unknown[], depth: number, w: Walk): unknown[] {
  const segments = w.segments;
  const n = a.length;
  let out: unknown[] | undefined;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    let y: unknown = x;
    // Only values that went through a pass are compared, so NaN cannot force a copy.
    let changed = false;
    if (typeof x === "string") {
      if (NEEDS_WORK.test(x)) {
        if (segments !== null) segments[depth] = i;
        y = text(x, depth + 1, w);
        changed = y !== x;
      }
    } else if (typeof x === "object") {
      if (x !== null) {
        if (segments !== null) segments[depth] = i;
        y = container(x, depth + 1, w);
        changed = y !== x;
      }
    } else if (typeof x !== "number" && typeof x !== "boolean" && x !== undefined) {
      y = scalar(x);
      if (y === DROP) y = null;
      changed = true;
    }
    if (out === undefined) {
      if (!changed) continue;
      out = a.slice(0, i);
    }
    out.push(y);
  }
  return out ?? (a as unknown[]);
}

function walkObject(
  o: Record<string, unknown>,
  depth: number,
  w: Walk,
): Record<string, unknown> {
  const segments = w.segments;
  const keys = Object.keys(o);
  const n = keys.length;
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    const x = o[k];
    let key = k;
    if (NEEDS_WORK.test(k)) {
      const before = w.tally.removed;
      key = sanitizeTextCounted(k, w.tally);
      if (key !== k) {
        key = freeKey(key, o, out);
        if (segments !== null && w.tally.removed > before) {
          segments[depth] = key;
          record(w, depth + 1, w.tally.removed - before);
        }
      }
    }
    let y: unknown = x;
    let changed = key !== k;
    if (typeof x === "string") {
      if (NEEDS_WORK.test(x)) {
        if (segments !== null) segments[depth] = key;
        y = text(x, depth + 1, w);
        changed ||= y !== x;
      }
    } else if (typeof x === "object") {
      if (x !== null) {
        if (segments !== null) segments[depth] = key;
        y = container(x, depth + 1, w);
        changed ||= y !== x;
      }
    } else if (typeof x !== "number" && typeof x !== "boolean" && x !== undefined) {
      y = scalar(x);
      changed = true;
    }
    if (out === undefined) {
      if (!changed) continue;
      out = {};
      for (let j = 0; j < i; j++) define(out, keys[j], o[keys[j]]);
    }
    if (y !== DROP) define(out, key, y);
  }
  return out ?? o;
}

function isJsonContainer(v: object): boolean {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * `key` if neither `o` nor `out` uses it, else the first free `key (2)`, `key (3)`, … A suffix
 * can change how the key sanitizes (`~~~text (2)` is a fence line with a non-plain info string),
 * so a candidate must also be its own sanitized form; where the suffix form is not, the prefix
 * form `(2) key` is used, which always is: the prefix is plain ASCII without markup characters
 * and only takes a fence or a definition off the first line.
 */
function freeKey(
  key: string,
  o: Record<string, unknown>,
  out: Record<string, unknown> | undefined,
): string {
  const taken = (k: string) => Object.hasOwn(o, k) || (out !== undefined && Object.hasOwn(out, k));
  if (!taken(key)) return key;
  for (let n = 2;; n++) {
    let candidate = `${key} (${n})`;
    if (sanitizeTextCounted(candidate, { removed: 0 }) !== candidate) candidate = `(${n}) ${key}`;
    if (!taken(candidate)) return candidate;
  }
}

function define(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  } else o[key] = value;
}

/** A plain, JSON-shaped stand-in for a non-plain object (see the module documentation). */
function toPlain(v: object): unknown {
  const toJSON = (v as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return toJSON.call(v);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) {
      if (typeof k === "symbol") continue;
      const key = String(k);
      if (!Object.hasOwn(o, key)) define(o, key, x);
    }
    return o;
  }
  if (v instanceof Set) return [...v];
  if (ArrayBuffer.isView(v)) {
    return v instanceof DataView ? {} : Array.from(v as unknown as ArrayLike<unknown>);
  }
  if (v instanceof Error) return { name: v.name, message: v.message };
  if (v instanceof String || v instanceof Number || v instanceof Boolean) return v.valueOf();
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(v)) define(o, k, (v as Record<string, unknown>)[k]);
  return o;
}

function record(w: Walk, depth: number, removed: number): void {
  w.paths.push({ path: formatPath(w.segments!, depth), removed });
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function formatPath(segments: readonly Segment[], depth: number): string {
  let path = "$";
  for (let i = 0; i < depth; i++) {
    const s = segments[i];
    if (typeof s === "number") path += `[${s}]`;
    else if (IDENTIFIER.test(s)) path += `.${s}`;
    else path += `[${JSON.stringify(s)}]`;
  }
  return path;
}
