/**
 * The simulated ZIA configuration: the collections of the catalog (`zia_catalog.ts`), the
 * settings objects (`zia_settings.ts`), id assignment, validation, references, rendering and
 * the activation status. Routing and HTTP shapes live in `zia.ts`.
 *
 * Facts (API-FACTS §2 "ZIA", §4): integer ids except URL categories (strings such as
 * `CUSTOM_01` or `SOCIAL_NETWORKING`); PUT replaces the whole object; every successful write
 * leaves the configuration `PENDING` until it is activated.
 *
 * @module
 */

import { isObject, type JsonObject, nowSeconds } from "./http.ts";
import { seedZia } from "./seed.ts";
import { Collection, type SimId } from "./store.ts";
import { ZIA_COLLECTIONS } from "./zia_catalog.ts";
import { invalid, notFound, ZiaWriteError } from "./zia_error.ts";
import { urlList, ZiaSettings } from "./zia_settings.ts";
import {
  type RefSpec,
  ZIA_COLLECTION_NAMES,
  type ZiaCollectionName,
  type ZiaLookup,
} from "./zia_spec.ts";

export { ZIA_COLLECTION_NAMES, ZIA_COLLECTIONS, ZiaWriteError };
export type { ZiaCollectionName };
export type { ZiaCollectionSpec } from "./zia_spec.ts";

/** Activation status of the ZIA configuration. */
export type ZiaStatus = "ACTIVE" | "PENDING";

/** Sandbox Detail Report lookups allowed per day (recorded quota). */
export const SANDBOX_DAILY_QUOTA = 3000;

/** Fields a client may not set: the server owns them. */
const SERVER_FIELDS = ["id", "lastModifiedTime", "lastModifiedBy", "createdBy"];
/** Fields kept from the stored object on every replace. */
const KEPT_FIELDS = ["createdBy", "predefined", "defaultRule", "referencedRuleCount"];

/** True for a ZIA collection name. */
export function isZiaCollection(name: string): name is ZiaCollectionName {
  return Object.hasOwn(ZIA_COLLECTIONS, name);
}

/** The in-memory ZIA tenant. */
export class ZiaModel {
  /** Activation status: any successful config write sets `PENDING`, activation `ACTIVE`. */
  status: ZiaStatus = "ACTIVE";
  /** The settings objects (advanced settings, ATP, malware, URL lists, …). */
  readonly settings: ZiaSettings = new ZiaSettings();
  #collections = new Map<ZiaCollectionName, Collection>();
  #sandboxLookups = 0;
  readonly #lookup: ZiaLookup = { all: (name) => this.collection(name) };

  /** Creates a freshly seeded model. */
  constructor() {
    this.reset();
  }

  /** Reseeds every collection and setting and sets the status back to `ACTIVE`. */
  reset(): void {
    const core = seedZia();
    this.#collections.clear();
    for (const name of ZIA_COLLECTION_NAMES) {
      this.#collections.set(name, new Collection(ZIA_COLLECTIONS[name].seed(core)));
    }
    this.settings.reset();
    this.#sandboxLookups = 0;
    this.status = "ACTIVE";
  }

  #col(name: ZiaCollectionName): Collection {
    const col = this.#collections.get(name);
    if (!col) throw new Error(`sim: unknown ZIA collection ${name}`);
    return col;
  }

  /** Every object of `name`, rendered as the API returns them, in order. */
  collection(name: ZiaCollectionName): JsonObject[] {
    return this.#col(name).list().map((item) => this.render(name, item));
  }

  /** One object of `name`, rendered, or undefined. */
  get(name: ZiaCollectionName, id: SimId): JsonObject | undefined {
    const item = this.#col(name).get(id);
    return item === undefined ? undefined : this.render(name, item);
  }

  /** Refreshes reference names, drops references to deleted objects, adds derived fields. */
  render(name: ZiaCollectionName, item: JsonObject): JsonObject {
    const spec = ZIA_COLLECTIONS[name];
    const out = structuredClone(item);
    for (const ref of spec.refs) {
      const value = out[ref.field];
      if (value === undefined) continue;
      if (ref.single) {
        const resolved = isObject(value) ? this.#resolveRef(ref.target, value.id) : undefined;
        if (resolved === undefined) delete out[ref.field];
        else out[ref.field] = resolved;
      } else if (Array.isArray(value)) {
        out[ref.field] = value.flatMap((entry) => {
          const resolved = isObject(entry) ? this.#resolveRef(ref.target, entry.id) : undefined;
          return resolved === undefined ? [] : [resolved];
        });
      }
    }
    if (name === "urlFilteringRules" && Array.isArray(out.urlCategories)) {
      const categories = this.#col("urlCategories");
      out.urlCategories = out.urlCategories.filter((id) =>
        typeof id === "string" && categories.has(id)
      );
    }
    spec.decorate?.(out, this.#lookup);
    return out;
  }

  #resolveRef(target: ZiaCollectionName, id: unknown): JsonObject | undefined {
    if (typeof id !== "number") return undefined;
    const found = this.#col(target).get(id);
    if (found === undefined) return undefined;
    return { id, name: found.name };
  }

  /**
   * Creates an object from a client body; returns it rendered. `forced` fields (a scope such
   * as a Cloud App Control rule type) override the body.
   */
  create(
    name: ZiaCollectionName,
    body: JsonObject,
    actor: string,
    forced: JsonObject = {},
  ): JsonObject {
    const spec = ZIA_COLLECTIONS[name];
    const col = this.#col(name);
    const input = this.#sanitizeInput(name, body);
    let id: SimId;
    if (name === "urlCategories") id = this.#nextCustomCategoryId();
    else if (spec.idType === "int") id = this.#nextIntId(col);
    else throw invalid(`${name} objects cannot be created`);
    let stored: JsonObject = { ...(spec.createDefaults?.() ?? {}), id, ...input };
    if (name === "urlCategories") stored = this.#categoryDefaults(stored, undefined);
    Object.assign(stored, structuredClone(spec.createForced ?? {}), forced);
    if (spec.ordered && stored.order === undefined) stored.order = this.#nextOrder(col);
    this.#validate(name, stored, undefined, body);
    spec.onCreate?.(stored, { ...this.#lookup, actor: this.#actor(actor) });
    this.#audit(name, stored, actor);
    col.put(stored);
    this.status = "PENDING";
    return this.render(name, stored);
  }

  /** Replaces the object `id` with a client body; returns it rendered. */
  replace(name: ZiaCollectionName, id: SimId, body: JsonObject, actor: string): JsonObject {
    const spec = ZIA_COLLECTIONS[name];
    const col = this.#col(name);
    const existing = col.get(id);
    if (existing === undefined) throw notFound(name, id);
    let stored: JsonObject = { id, ...this.#sanitizeInput(name, body) };
    const kept = [...KEPT_FIELDS, ...(spec.kept ?? [])];
    if (spec.scope) kept.push(spec.scope.field);
    for (const field of kept) {
      if (existing[field] !== undefined) stored[field] = existing[field];
    }
    for (const field of spec.immutable ?? []) {
      if (stored[field] === undefined) stored[field] = existing[field];
      else if (JSON.stringify(stored[field]) !== JSON.stringify(existing[field])) {
        throw invalid(`${field} cannot be changed after creation`);
      }
    }
    if (name === "urlCategories") stored = this.#categoryDefaults(stored, existing);
    if (spec.ordered && stored.order === undefined) stored.order = existing.order;
    this.#validate(name, stored, id, body, existing);
    this.#audit(name, stored, actor);
    col.put(stored);
    this.status = "PENDING";
    return this.render(name, stored);
  }

  /** Adds or removes URLs of a category (`?action=ADD_TO_LIST|REMOVE_FROM_LIST`). */
  editCategoryUrls(id: string, body: JsonObject, add: boolean): JsonObject {
    const col = this.#col("urlCategories");
    const existing = col.get(id);
    if (existing === undefined) throw notFound("urlCategories", id);
    const urls = body.urls;
    if (!Array.isArray(urls) || urls.some((u) => typeof u !== "string" || u.trim() === "")) {
      throw invalid("urls must be a list of strings");
    }
    const current = Array.isArray(existing.urls) ? existing.urls as string[] : [];
    const next = add
      ? [...current, ...urls.filter((u) => !current.includes(u as string))]
      : current.filter((u) => !urls.includes(u));
    const stored: JsonObject = { ...existing, urls: next };
    if (stored.customCategory === true) stored.customUrlsCount = next.length;
    col.put(stored);
    this.status = "PENDING";
    return this.render("urlCategories", stored);
  }

  /** Deletes the object `id`. */
  remove(name: ZiaCollectionName, id: SimId): void {
    const col = this.#col(name);
    const existing = col.get(id);
    if (existing === undefined) throw notFound(name, id);
    const reason = ZIA_COLLECTIONS[name].undeletable?.(this.render(name, existing), this.#lookup);
    if (reason !== undefined) throw invalid(reason);
    col.delete(id);
    this.status = "PENDING";
  }

  /** Applies a PUT to the settings object at `path`; returns the new object. */
  putSetting(path: string, body: JsonObject): JsonObject {
    const out = this.settings.put(path, body);
    this.status = "PENDING";
    return out;
  }

  /** Replaces (`add` undefined), adds to or removes from the URL list at `path`. */
  editSettingList(path: string, body: JsonObject, field: string, add?: boolean): JsonObject {
    const urls = urlList(body[field], field);
    if (add === undefined) return this.putSetting(path, { [field]: urls });
    const out = this.settings.editList(path, urls, add);
    this.status = "PENDING";
    return out;
  }

  /** `PUT /cloudApplications/bulkUpdate`: sets the sanction state and tags of applications. */
  bulkUpdateCloudApps(body: JsonObject): void {
    const apps = this.#col("shadowItApps");
    const ids = body.applicationIds;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => !Number.isInteger(id))) {
      throw invalid("applicationIds must be a non-empty list of integer ids");
    }
    const unknown = ids.find((id) => !apps.has(id as number));
    if (unknown !== undefined) throw invalid(`No cloud application with id ${unknown}`);
    const state = body.sanctionedState;
    if (state !== undefined && (typeof state !== "string" || !/^[A-Z_]{1,32}$/.test(state))) {
      throw invalid("sanctionedState must be an upper-case state name");
    }
    let tags: JsonObject[] | undefined;
    if (body.customTags !== undefined) {
      const ref: RefSpec = { field: "customTags", target: "customTags" };
      const holder = { customTags: body.customTags };
      this.#validateRef(ref, holder);
      tags = (holder.customTags ?? []) as JsonObject[];
    }
    for (const id of ids as number[]) {
      const app = apps.get(id)!;
      if (state !== undefined) app.sanctionedState = state;
      if (tags !== undefined) app.customTags = structuredClone(tags);
      apps.put(app);
    }
    this.status = "PENDING";
  }

  /** Counts one Sandbox report lookup against the daily quota. */
  recordSandboxLookup(): void {
    this.#sandboxLookups += 1;
  }

  /** The Sandbox report quota as `GET /sandbox/report/quota` returns it. */
  sandboxQuota(): JsonObject[] {
    const used = Math.min(this.#sandboxLookups, SANDBOX_DAILY_QUOTA);
    return [{
      startTime: -1,
      used,
      allowed: SANDBOX_DAILY_QUOTA,
      scale: "DAYS",
      unused: SANDBOX_DAILY_QUOTA - used,
    }];
  }

  /** Marks the configuration active. */
  activate(): ZiaStatus {
    this.status = "ACTIVE";
    return this.status;
  }

  #sanitizeInput(name: ZiaCollectionName, body: JsonObject): JsonObject {
    const spec = ZIA_COLLECTIONS[name];
    const out = structuredClone(body);
    for (const field of SERVER_FIELDS) delete out[field];
    if (spec.audit) {
      delete out[spec.audit.time];
      delete out[spec.audit.by];
    }
    delete out.password;
    for (const field of spec.writeOnly ?? []) delete out[field];
    return out;
  }

  #actor(clientId: string): JsonObject {
    return { id: 117810400, name: clientId };
  }

  #audit(name: ZiaCollectionName, item: JsonObject, actor: string): void {
    const audit = ZIA_COLLECTIONS[name].audit;
    if (audit === undefined) return;
    item[audit.time] = nowSeconds();
    item[audit.by] = this.#actor(actor);
  }

  #nextIntId(col: Collection): number {
    let max = 0;
    for (const item of col.values()) if (typeof item.id === "number") max = Math.max(max, item.id);
    return max + 1;
  }

  #nextOrder(col: Collection): number {
    let max = 0;
    for (const item of col.values()) {
      if (typeof item.order === "number") max = Math.max(max, item.order);
    }
    return max + 1;
  }

  #nextCustomCategoryId(): string {
    let max = 0;
    for (const item of this.#col("urlCategories").values()) {
      const match = /^CUSTOM_(\d+)$/.exec(String(item.id));
      if (match) max = Math.max(max, Number(match[1]));
    }
    return `CUSTOM_${String(max + 1).padStart(2, "0")}`;
  }

  #nextCategoryVal(): number {
    let max = 0;
    for (const item of this.#col("urlCategories").values()) {
      if (typeof item.val === "number") max = Math.max(max, item.val);
    }
    return max + 1;
  }

  #categoryDefaults(item: JsonObject, existing: JsonObject | undefined): JsonObject {
    const custom = existing === undefined ? true : existing.customCategory === true;
    if (item.urls !== undefined && !isStringList(item.urls)) {
      throw invalid("urls must be a list of strings");
    }
    const urls = item.urls ?? [];
    const out: JsonObject = {
      keywords: [],
      dbCategorizedUrls: [],
      categoryGroup: "REGULAR",
      urlType: "EXACT",
      ...item,
      urls,
      customCategory: custom,
      editable: true,
      type: "URL_CATEGORY",
      superCategory: custom
        ? (typeof item.superCategory === "string" ? item.superCategory : "USER_DEFINED")
        : existing?.superCategory,
      val: existing?.val ?? this.#nextCategoryVal(),
      customUrlsCount: custom ? urls.length : 0,
      urlsRetainingParentCategoryCount: 0,
      customIpRangesCount: 0,
      ipRangesRetainingParentCategoryCount: 0,
    };
    if (!custom) delete out.configuredName;
    return out;
  }

  #validate(
    name: ZiaCollectionName,
    item: JsonObject,
    selfId: SimId | undefined,
    input: JsonObject,
    existing?: JsonObject,
  ): void {
    const spec = ZIA_COLLECTIONS[name];
    const keyField = spec.keyField;
    const predefinedCategory = name === "urlCategories" && item.customCategory !== true;
    const key = keyField === undefined ? undefined : item[keyField];
    if (keyField !== undefined && !predefinedCategory) {
      if (typeof key !== "string" || key.trim() === "") throw invalid(`${keyField} is required`);
    }
    for (const field of spec.required) {
      if (item[field] === undefined || item[field] === null || item[field] === "") {
        throw invalid(`${field} is required`);
      }
    }
    for (const [field, allowed] of Object.entries(spec.enums)) {
      const value = item[field];
      if (value !== undefined && (typeof value !== "string" || !allowed.includes(value))) {
        throw invalid(`${field} must be one of ${allowed.join(", ")}`);
      }
    }
    for (const field of ["order", "rank"]) {
      const value = item[field];
      if (value !== undefined && !Number.isInteger(value)) {
        throw invalid(`${field} must be an integer`);
      }
    }
    if (keyField !== undefined && typeof key === "string") {
      const lower = key.toLowerCase();
      for (const other of this.#col(name).values()) {
        if (other.id === selfId) continue;
        const otherKey = other[keyField];
        if (typeof otherKey === "string" && otherKey.toLowerCase() === lower) {
          throw new ZiaWriteError(
            409,
            "DUPLICATE_ITEM",
            `An item with ${keyField} '${key}' already exists`,
          );
        }
      }
    }
    for (const ref of spec.refs) this.#validateRef(ref, item);
    if (name === "urlFilteringRules" && item.urlCategories !== undefined) {
      const list = item.urlCategories;
      if (!Array.isArray(list)) throw invalid("urlCategories must be a list of category ids");
      const categories = this.#col("urlCategories");
      for (const id of list) {
        if (typeof id !== "string" || !categories.has(id)) {
          throw invalid(`Unknown URL category: ${String(id)}`);
        }
      }
    }
    const problem = spec.validate?.(item, {
      ...this.#lookup,
      input,
      existing,
      others: () => this.collection(name).filter((o) => o.id !== selfId),
    });
    if (problem !== undefined) throw invalid(problem);
  }

  #validateRef(ref: RefSpec, item: JsonObject): void {
    const value = item[ref.field];
    if (value === undefined || value === null) {
      delete item[ref.field];
      return;
    }
    const entries = ref.single ? [value] : value;
    if (!Array.isArray(entries)) throw invalid(`${ref.field} must be a list of {id}`);
    const target = this.#col(ref.target);
    const normalized = entries.map((entry) => {
      const id = isObject(entry) ? entry.id : undefined;
      if (typeof id !== "number" || !Number.isInteger(id)) {
        throw invalid(`${ref.field} entries need an integer id`);
      }
      const found = target.get(id);
      if (found === undefined) throw invalid(`${ref.field}: no ${ref.target} with id ${id}`);
      return { id, name: found.name };
    });
    item[ref.field] = ref.single ? normalized[0] : normalized;
  }
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === "string");
}
