/**
 * ZPA list queries (API-FACTS §2 "Query parameters"): the `search` grammar
 * `field OP value` (separator a space or a literal `+`) and `page` / `pagesize` pagination
 * into the `{"totalPages","totalCount","list"}` envelope with string counters.
 *
 * @module
 */

import { zpaError } from "./errors.ts";
import type { JsonObject } from "./http.ts";

/** Search operators ZPA documents. */
export const ZPA_SEARCH_OPERATORS = [
  "EQ",
  "NE",
  "LIKE",
  "GT",
  "LT",
  "GE",
  "LE",
  "CONTAINS",
  "STARTSWITH",
  "ENDSWITH",
] as const;

/** One ZPA search operator. */
export type ZpaSearchOperator = typeof ZPA_SEARCH_OPERATORS[number];

/** A parsed `search` expression. */
export interface ZpaSearch {
  /** Top-level field of the object. */
  field: string;
  /** Operator. */
  op: ZpaSearchOperator;
  /** Value to compare with. */
  value: string;
}

/** Default page size of ZPA lists. */
export const ZPA_DEFAULT_PAGE_SIZE = 20;
/** Largest `pagesize` ZPA accepts. */
export const ZPA_MAX_PAGE_SIZE = 500;

const SEARCH_RE = new RegExp(`^(\\w+)[ +](${ZPA_SEARCH_OPERATORS.join("|")})[ +](.*)$`, "i");

/** Parses `field OP value`; undefined when the text does not follow the grammar. */
export function parseZpaSearch(text: string): ZpaSearch | undefined {
  const match = SEARCH_RE.exec(text);
  if (!match) return undefined;
  return { field: match[1], op: match[2].toUpperCase() as ZpaSearchOperator, value: match[3] };
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

function compare(a: string, b: string): number {
  if (NUMERIC.test(a) && NUMERIC.test(b)) {
    const x = Number(a);
    const y = Number(b);
    if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) return x - y;
    if (!a.includes(".") && !b.includes(".")) {
      const d = BigInt(a) - BigInt(b);
      return d === 0n ? 0 : d < 0n ? -1 : 1;
    }
    return x - y;
  }
  return a.localeCompare(b);
}

function likeMatches(candidate: string, pattern: string): boolean {
  if (!/[%*]/.test(pattern)) return candidate.includes(pattern);
  const source = pattern.split(/[%*]/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "s").test(candidate);
}

function scalarMatches(raw: unknown, op: ZpaSearchOperator, value: string): boolean {
  if (raw === null || raw === undefined || typeof raw === "object") return false;
  const candidate = String(raw);
  const lc = candidate.toLowerCase();
  const lv = value.toLowerCase();
  switch (op) {
    case "EQ":
      return lc === lv;
    case "NE":
      return lc !== lv;
    case "LIKE":
      return likeMatches(lc, lv);
    case "CONTAINS":
      return lc.includes(lv);
    case "STARTSWITH":
      return lc.startsWith(lv);
    case "ENDSWITH":
      return lc.endsWith(lv);
    case "GT":
      return compare(candidate, value) > 0;
    case "LT":
      return compare(candidate, value) < 0;
    case "GE":
      return compare(candidate, value) >= 0;
    case "LE":
      return compare(candidate, value) <= 0;
  }
}

/**
 * Whether `item` matches `search`. String comparisons ignore case; GT/LT/GE/LE compare
 * numerically when both sides are numbers (ZPA ids and times are numeric strings). An array
 * field matches when any element does (NE: when no element equals the value). A missing field
 * never matches.
 */
export function matchesZpaSearch(item: JsonObject, search: ZpaSearch): boolean {
  const raw = item[search.field];
  if (Array.isArray(raw)) {
    if (search.op === "NE") return !raw.some((v) => scalarMatches(v, "EQ", search.value));
    return raw.some((v) => scalarMatches(v, search.op, search.value));
  }
  return scalarMatches(raw, search.op, search.value);
}

/**
 * Filters `items` by a raw `search` parameter. Text that does not follow the grammar is
 * treated as a case-insensitive substring of `name` (the simulator's choice; the SDKs always
 * send the grammar).
 */
export function applyZpaSearch(items: JsonObject[], search: string | undefined): JsonObject[] {
  if (search === undefined || search === "") return items;
  const parsed = parseZpaSearch(search) ??
    { field: "name", op: "CONTAINS" as const, value: search };
  return items.filter((item) => matchesZpaSearch(item, parsed));
}

/** A ZPA list page as returned on the wire. */
export interface ZpaListPage {
  /** Number of pages, as a string. */
  totalPages: string;
  /** Number of matching objects, as a string. */
  totalCount: string;
  /** The page's objects; omitted when the page is empty. */
  list?: JsonObject[];
}

function pageParam(value: string | undefined, name: string): number | Response | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    return zpaError(400, "bad.request", `${name} must be a positive integer`, [value]);
  }
  return Number(value);
}

/**
 * Pages `items` with `page` (1-based) and `pagesize` (lower case; default 20, max 500, larger
 * is a 400). An empty page omits `list`.
 */
export function zpaPage(
  items: JsonObject[],
  query: Record<string, string>,
): ZpaListPage | Response {
  const page = pageParam(query.page, "page");
  if (page instanceof Response) return page;
  const size = pageParam(query.pagesize, "pagesize");
  if (size instanceof Response) return size;
  if (size !== undefined && size > ZPA_MAX_PAGE_SIZE) {
    return zpaError(400, "bad.request", `pagesize must not exceed ${ZPA_MAX_PAGE_SIZE}`, [
      String(size),
    ]);
  }
  const pageSize = size ?? ZPA_DEFAULT_PAGE_SIZE;
  const start = ((page ?? 1) - 1) * pageSize;
  const list = items.slice(start, start + pageSize);
  const out: ZpaListPage = {
    totalPages: String(Math.ceil(items.length / pageSize)),
    totalCount: String(items.length),
  };
  if (list.length > 0) out.list = list;
  return out;
}
