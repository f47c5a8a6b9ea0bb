/**
 * An ordered, id-keyed in-memory collection. Everything going in and out is deep-copied so
 * callers (handlers, tests) can never alias the stored state.
 *
 * @module
 */

import type { JsonObject } from "./http.ts";

/** The id types the simulated APIs use: ZIA integers (and URL-category strings), ZPA strings. */
export type SimId = number | string;

/** An ordered map of JSON objects keyed by their `id`. */
export class Collection {
  #items = new Map<SimId, JsonObject>();

  /** Creates a collection holding deep copies of `items` (each must carry an `id`). */
  constructor(items: Iterable<JsonObject> = []) {
    for (const item of items) this.put(item);
  }

  /** Number of items. */
  get size(): number {
    return this.#items.size;
  }

  /** Deep copies of every item, in insertion order. */
  list(): JsonObject[] {
    return [...this.#items.values()].map((item) => structuredClone(item));
  }

  /** The live items for read-only iteration inside the simulator (do not mutate). */
  values(): IterableIterator<JsonObject> {
    return this.#items.values();
  }

  /** A deep copy of the item with `id`, or undefined. */
  get(id: SimId): JsonObject | undefined {
    const item = this.#items.get(id);
    return item === undefined ? undefined : structuredClone(item);
  }

  /** True when an item with `id` exists. */
  has(id: SimId): boolean {
    return this.#items.has(id);
  }

  /** Inserts or replaces (keeping its position) a deep copy of `item` under `item.id`. */
  put(item: JsonObject): void {
    const id = item.id;
    if (typeof id !== "number" && typeof id !== "string") {
      throw new TypeError("sim: collection items need a number or string id");
    }
    this.#items.set(id, structuredClone(item));
  }

  /** Removes the item with `id`; returns whether it existed. */
  delete(id: SimId): boolean {
    return this.#items.delete(id);
  }
}
