/**
 * Paginators for the OneAPI services. Each is an async generator yielding one page (an array
 * of records) at a time; it stops at the service's end-of-list signal, at `maxResults`, and —
 * against a server that never ends — fails after `maxPages` pages.
 *
 * | service    | request                          | response                           | end            |
 * |------------|----------------------------------|------------------------------------|----------------|
 * | ZIA, ZTW   | `page` (1-based), `pageSize`     | bare array                         | short/empty    |
 * | ZPA        | `page`, `pagesize` (≤ 500)       | `{totalPages:"N", list}`           | totalPages/empty |
 * | ZDX        | `limit`, `offset`=`next_offset`  | `{<itemsKey>: [], next_offset}`    | no next_offset |
 * | ZIdentity  | `offset`, `limit` (≤ 1000)       | `{records, totalRecord, results_total}` | short/total |
 *
 * ZIdentity's `next_link` is never followed: it points at the vanity host, not the gateway.
 *
 * @module
 */

import type { QueryParams, ZscalerRequester } from "./client.ts";
import { ZscalerPaginationError, ZscalerRequestError } from "./errors.ts";

/** Options shared by every paginator. */
export interface PaginateOptions {
  /** Extra query parameters (the paginator's own parameters override same-named keys). */
  query?: QueryParams;
  /** Records per page requested from the service. */
  pageSize?: number;
  /** Stop after this many records in total (the last page is cut). */
  maxResults?: number;
  /** Caller cancellation, passed to every request. */
  signal?: AbortSignal;
  /** Service name for errors and events; inferred from the path when omitted. */
  service?: string;
  /** Safety cap on the number of pages; default {@linkcode DEFAULT_MAX_PAGES}. */
  maxPages?: number;
}

/** Options of {@linkcode paginateZdx}. */
export interface PaginateZdxOptions extends PaginateOptions {
  /** Key of the records array in the response (`devices`, `users`, `alerts`, `software`, …). */
  itemsKey: string;
}

/** Default cap on pages before a paginator gives up with {@linkcode ZscalerPaginationError}. */
export const DEFAULT_MAX_PAGES = 10_000;
/** Default ZIA/ZTW `pageSize`. */
export const ZIA_DEFAULT_PAGE_SIZE = 1000;
/** Default and maximum ZPA `pagesize`. */
export const ZPA_MAX_PAGE_SIZE = 500;
/** Default ZDX `limit`. */
export const ZDX_DEFAULT_PAGE_SIZE = 100;
/** Default and maximum ZIdentity `limit`. */
export const ZIDENTITY_MAX_PAGE_SIZE = 1000;

interface Plan {
  pageSize: number;
  maxResults: number;
  maxPages: number;
}

function plan(opts: PaginateOptions, defaultSize: number, maxSize: number, path: string): Plan {
  const { pageSize = defaultSize, maxResults = Infinity, maxPages = DEFAULT_MAX_PAGES } = opts;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new ZscalerRequestError(`pageSize must be a positive integer, got ${String(pageSize)}`, {
      path,
    });
  }
  if (maxResults !== Infinity && (!Number.isInteger(maxResults) || maxResults < 0)) {
    throw new ZscalerRequestError(
      `maxResults must be a non-negative integer, got ${String(maxResults)}`,
      { path },
    );
  }
  if (!Number.isInteger(maxPages) || maxPages < 1) {
    throw new ZscalerRequestError(`maxPages must be a positive integer, got ${String(maxPages)}`, {
      path,
    });
  }
  return { pageSize: Math.min(pageSize, maxSize), maxResults, maxPages };
}

function runaway(path: string, maxPages: number, service?: string): ZscalerPaginationError {
  return new ZscalerPaginationError(
    `Listing ${path} did not end after ${maxPages} pages`,
    {
      path,
      method: "GET",
      service,
      hint: "The service kept returning more pages: narrow the query or pass maxResults",
    },
  );
}

function badShape(path: string, expected: string, service?: string): ZscalerPaginationError {
  return new ZscalerPaginationError(
    `Listing ${path} returned an unexpected shape: expected ${expected}`,
    {
      path,
      method: "GET",
      service,
      hint: "Check that the path is a list endpoint of this service",
    },
  );
}

function asRecord(data: unknown): Record<string, unknown> | undefined {
  return data !== null && typeof data === "object" && !Array.isArray(data)
    ? data as Record<string, unknown>
    : undefined;
}

/**
 * The non-empty records array under `key` of an enveloped page (ZPA `list`, ZIdentity `records`)
 * with the envelope, or `undefined` when the list has ended.
 */
function envelopeItems(
  data: unknown,
  key: string,
  path: string,
  service?: string,
): { record: Record<string, unknown>; items: unknown[] } | undefined {
  if (data === undefined) return undefined;
  const record = asRecord(data);
  if (!record) throw badShape(path, `an object with ${key}`, service);
  const items = record[key];
  if (items === undefined || items === null) return undefined;
  if (!Array.isArray(items)) throw badShape(path, `${key} to be an array`, service);
  return items.length === 0 ? undefined : { record, items };
}

function toCount(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A cheap fingerprint of a page, to detect a server that ignores paging and repeats itself. */
function fingerprint(page: readonly unknown[]): string {
  if (page.length === 0) return "0";
  return `${page.length}|${JSON.stringify(page[0])}|${JSON.stringify(page[page.length - 1])}`;
}

/**
 * ZIA and ZTW lists: `page` (1-based) and `pageSize`, bare-array responses. Stops on an empty
 * or short page; a page identical to the previous one (a server ignoring `page`) ends the
 * listing without yielding the duplicate.
 *
 * @throws {ZscalerPaginationError} when a response is not an array or the page cap is hit.
 */
export async function* paginateZia<T = unknown>(
  client: ZscalerRequester,
  path: string,
  opts: PaginateOptions = {},
): AsyncGenerator<T[], void, undefined> {
  const p = plan(opts, ZIA_DEFAULT_PAGE_SIZE, Number.MAX_SAFE_INTEGER, path);
  const size = Math.max(
    1,
    Math.min(p.pageSize, p.maxResults === Infinity ? p.pageSize : p.maxResults),
  );
  let remaining = p.maxResults;
  let previous: string | undefined;
  for (let page = 1; remaining > 0; page++) {
    if (page > p.maxPages) throw runaway(path, p.maxPages, opts.service);
    const { data } = await client.request<unknown>({
      method: "GET",
      path,
      query: { ...opts.query, page, pageSize: size },
      signal: opts.signal,
      service: opts.service,
    });
    if (data === undefined) return;
    if (!Array.isArray(data)) throw badShape(path, "a JSON array", opts.service);
    if (data.length === 0) return;
    const print = fingerprint(data);
    if (print === previous) return;
    previous = print;
    const out = data.length > remaining ? data.slice(0, remaining) : data;
    remaining -= out.length;
    yield out as T[];
    if (data.length < size) return;
  }
}

/**
 * ZPA lists: `page` and `pagesize` (lower case, at most 500), responses
 * `{totalPages:"N", totalCount:"M", list:[…]}` with string or number counters. Stops at
 * `totalPages` (never trusting `totalCount`) or an empty/absent `list`.
 *
 * @throws {ZscalerPaginationError} when a response is not an object or the page cap is hit.
 */
export async function* paginateZpa<T = unknown>(
  client: ZscalerRequester,
  path: string,
  opts: PaginateOptions = {},
): AsyncGenerator<T[], void, undefined> {
  const p = plan(opts, ZPA_MAX_PAGE_SIZE, ZPA_MAX_PAGE_SIZE, path);
  let remaining = p.maxResults;
  let previous: string | undefined;
  for (let page = 1; remaining > 0; page++) {
    if (page > p.maxPages) throw runaway(path, p.maxPages, opts.service);
    const { data } = await client.request<unknown>({
      method: "GET",
      path,
      query: { ...opts.query, page, pagesize: p.pageSize },
      signal: opts.signal,
      service: opts.service,
    });
    const envelope = envelopeItems(data, "list", path, opts.service);
    if (!envelope) return;
    const { record, items: list } = envelope;
    const print = fingerprint(list);
    if (print === previous) return;
    previous = print;
    const out = list.length > remaining ? list.slice(0, remaining) : list;
    remaining -= out.length;
    yield out as T[];
    const totalPages = toCount(record.totalPages);
    if (totalPages !== undefined ? page >= totalPages : list.length < p.pageSize) return;
  }
}

/**
 * ZDX lists: `limit` and `offset`, where `offset` is the previous response's opaque
 * `next_offset`. Records are under `itemsKey`. Stops when `next_offset` is absent, null or
 * empty. A bare-array response is yielded as the only page.
 *
 * @throws {ZscalerPaginationError} for a missing records array, a repeated `next_offset`, or
 * the page cap.
 */
export async function* paginateZdx<T = unknown>(
  client: ZscalerRequester,
  path: string,
  opts: PaginateZdxOptions,
): AsyncGenerator<T[], void, undefined> {
  const p = plan(opts, ZDX_DEFAULT_PAGE_SIZE, Number.MAX_SAFE_INTEGER, path);
  const key = opts.itemsKey;
  if (typeof key !== "string" || key === "") {
    throw new ZscalerRequestError("paginateZdx needs itemsKey (the records array's key)", { path });
  }
  let remaining = p.maxResults;
  let offset: string | undefined;
  for (let page = 1; remaining > 0; page++) {
    if (page > p.maxPages) throw runaway(path, p.maxPages, opts.service);
    const limit = Math.min(p.pageSize, remaining);
    const { data } = await client.request<unknown>({
      method: "GET",
      path,
      query: { ...opts.query, limit, offset },
      signal: opts.signal,
      service: opts.service,
    });
    if (data === undefined) return;
    if (Array.isArray(data)) {
      if (data.length > 0) yield (data.length > remaining ? data.slice(0, remaining) : data) as T[];
      return;
    }
    const record = asRecord(data);
    if (!record) throw badShape(path, `an object with "${key}"`, opts.service);
    const items = record[key];
    if (items !== undefined && items !== null && !Array.isArray(items)) {
      throw badShape(path, `"${key}" to be an array`, opts.service);
    }
    const list = (items ?? []) as unknown[];
    if (list.length > 0) {
      const out = list.length > remaining ? list.slice(0, remaining) : list;
      remaining -= out.length;
      yield out as T[];
    }
    const next = record.next_offset;
    if (next === undefined || next === null || next === "") return;
    if (typeof next !== "string" && typeof next !== "number") {
      throw badShape(path, "next_offset to be a string or number", opts.service);
    }
    const nextOffset = String(next);
    if (nextOffset === offset) {
      throw new ZscalerPaginationError(
        `Listing ${path} returned the same next_offset twice`,
        { path, method: "GET", service: opts.service, hint: "Retry later, or pass maxResults" },
      );
    }
    offset = nextOffset;
  }
}

/**
 * ZIdentity lists on the gateway: `offset` and `limit` (at most 1000), responses
 * `{records:[…], totalRecord, results_total, pageSize, next_link}`. Stops on an empty page, when
 * `offset + records` reaches `results_total`/`totalRecord`, or on a page shorter than the page
 * size (the smaller of the requested `limit` and the server's reported `pageSize`).
 * `next_link` is never followed.
 *
 * @throws {ZscalerPaginationError} when a response has no `records` array or the page cap is hit.
 */
export async function* paginateZidentity<T = unknown>(
  client: ZscalerRequester,
  path: string,
  opts: PaginateOptions = {},
): AsyncGenerator<T[], void, undefined> {
  const p = plan(opts, ZIDENTITY_MAX_PAGE_SIZE, ZIDENTITY_MAX_PAGE_SIZE, path);
  let remaining = p.maxResults;
  let offset = 0;
  let previous: string | undefined;
  for (let page = 1; remaining > 0; page++) {
    if (page > p.maxPages) throw runaway(path, p.maxPages, opts.service);
    const limit = p.pageSize;
    const { data } = await client.request<unknown>({
      method: "GET",
      path,
      query: { ...opts.query, offset, limit },
      signal: opts.signal,
      service: opts.service,
    });
    const envelope = envelopeItems(data, "records", path, opts.service);
    if (!envelope) return;
    const { record, items: records } = envelope;
    const print = fingerprint(records);
    if (print === previous) return;
    previous = print;
    const out = records.length > remaining ? records.slice(0, remaining) : records;
    remaining -= out.length;
    yield out as T[];
    offset += records.length;
    const total = toCount(record.results_total) ?? toCount(record.totalRecord);
    if (total !== undefined && offset >= total) return;
    const served = toCount(record.pageSize);
    const expected = served !== undefined && served > 0 ? Math.min(limit, served) : limit;
    if (records.length < expected) return;
  }
}

/** Drain a paginator into one flat array. */
export async function collectPages<T>(
  pages: AsyncIterable<T[]>,
  onPage?: (fetched: number) => void,
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) {
    for (const item of page) all.push(item);
    onPage?.(all.length);
  }
  return all;
}
