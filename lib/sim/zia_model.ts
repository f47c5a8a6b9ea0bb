/**
 * The simulated ZIA configuration: collections, id assignment, validation, references and
 * rendering. Routing and HTTP shapes live in `zia.ts`.
 *
 * Facts (API-FACTS §2 "ZIA"): integer ids except URL categories (strings such as `CUSTOM_01`
 * or `SOCIAL_NETWORKING`); PUT replaces the whole object.
 *
 * @module
 */

import { isObject, type JsonObject, nowSeconds } from "./http.ts";
import { seedZia, type ZiaCollectionName } from "./seed.ts";
import { Collection, type SimId } from "./store.ts";

/** Activation status of the ZIA configuration. */
export type ZiaStatus = "ACTIVE" | "PENDING";

/** A reference field: an array (or single object) of `{id, name}` pointing into a collection. */
interface RefSpec {
  field: string;
  target: ZiaCollectionName;
  single?: boolean;
}

/** Per-collection behaviour. */
export interface ZiaCollectionSpec {
  /** Field that must be present, non-empty and unique (case-insensitive). */
  keyField: "name" | "configuredName" | "email";
  /** Other fields that must be present on create and replace. */
  required: string[];
  /** `page`/`pageSize` support (1-based page). */
  paging?: { defaultSize: number; maxSize: number };
  /** Reference fields validated on write and re-rendered (current names) on read. */
  refs: RefSpec[];
  /** Whether objects carry `lastModifiedTime` / `lastModifiedBy`. */
  audited: boolean;
  /** Field enums checked on write. */
  enums: Record<string, readonly string[]>;
}

const ACCOUNT_REFS: RefSpec[] = [
  { field: "locations", target: "locations" },
  { field: "groups", target: "groups" },
  { field: "departments", target: "departments" },
  { field: "users", target: "users" },
  { field: "labels", target: "ruleLabels" },
];

const STATES = ["ENABLED", "DISABLED"] as const;

/** The behaviour of every simulated ZIA collection. */
export const ZIA_COLLECTIONS: Readonly<Record<ZiaCollectionName, ZiaCollectionSpec>> = {
  urlFilteringRules: {
    keyField: "name",
    required: ["action"],
    refs: ACCOUNT_REFS,
    audited: true,
    enums: {
      state: STATES,
      action: ["ALLOW", "BLOCK", "CAUTION", "ISOLATE", "ICAP_RESPONSE"],
    },
  },
  firewallFilteringRules: {
    keyField: "name",
    required: ["action"],
    paging: { defaultSize: 5000, maxSize: 5000 },
    refs: [
      ...ACCOUNT_REFS,
      { field: "srcIpGroups", target: "ipSourceGroups" },
      { field: "nwServices", target: "networkServices" },
    ],
    audited: true,
    enums: {
      state: STATES,
      action: ["ALLOW", "BLOCK_DROP", "BLOCK_RESET", "BLOCK_ICMP", "EVAL_NWAPP"],
    },
  },
  locations: {
    keyField: "name",
    required: [],
    paging: { defaultSize: 100, maxSize: 1000 },
    refs: [],
    audited: false,
    enums: { profile: ["NONE", "CORPORATE", "SERVER", "GUESTWIFI", "IOT", "WORKLOAD"] },
  },
  urlCategories: { keyField: "configuredName", required: [], refs: [], audited: false, enums: {} },
  users: {
    keyField: "email",
    required: ["name"],
    paging: { defaultSize: 100, maxSize: 10000 },
    refs: [
      { field: "groups", target: "groups" },
      { field: "department", target: "departments", single: true },
    ],
    audited: false,
    enums: {},
  },
  groups: {
    keyField: "name",
    required: [],
    paging: { defaultSize: 100, maxSize: 10000 },
    refs: [],
    audited: false,
    enums: {},
  },
  departments: {
    keyField: "name",
    required: [],
    paging: { defaultSize: 100, maxSize: 10000 },
    refs: [],
    audited: false,
    enums: {},
  },
  ruleLabels: { keyField: "name", required: [], refs: [], audited: true, enums: {} },
  ipSourceGroups: { keyField: "name", required: [], refs: [], audited: false, enums: {} },
  networkServices: {
    keyField: "name",
    required: [],
    refs: [],
    audited: false,
    enums: { type: ["STANDARD", "PREDEFINED", "CUSTOM"] },
  },
};

/** All simulated ZIA collection names. */
export const ZIA_COLLECTION_NAMES = Object.keys(ZIA_COLLECTIONS) as ZiaCollectionName[];

/** Fields a client may not set: the server owns them. */
const SERVER_FIELDS = ["id", "lastModifiedTime", "lastModifiedBy", "createdBy"];

/** A write the model refused; `zia.ts` turns it into a ZIA error response. */
export class ZiaWriteError extends Error {
  /** Creates an error with HTTP status and ZIA code. */
  constructor(
    readonly status: number,
    readonly code: "INVALID_INPUT_ARGUMENT" | "DUPLICATE_ITEM" | "RESOURCE_NOT_FOUND",
    message: string,
  ) {
    super(message);
  }
}

/** True for a ZIA collection name. */
export function isZiaCollection(name: string): name is ZiaCollectionName {
  return Object.hasOwn(ZIA_COLLECTIONS, name);
}

/** The in-memory ZIA tenant. */
export class ZiaModel {
  /** Activation status: any successful config write sets `PENDING`, activation `ACTIVE`. */
  status: ZiaStatus = "ACTIVE";
  #collections = new Map<ZiaCollectionName, Collection>();

  /** Creates a freshly seeded model. */
  constructor() {
    this.reset();
  }

  /** Reseeds every collection and sets the status back to `ACTIVE`. */
  reset(): void {
    const seed = seedZia();
    this.#collections.clear();
    for (const name of ZIA_COLLECTION_NAMES) {
      this.#collections.set(name, new Collection(seed[name]));
    }
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

  /** Refreshes reference names and drops references to objects that no longer exist. */
  render(name: ZiaCollectionName, item: JsonObject): JsonObject {
    const out = structuredClone(item);
    for (const ref of ZIA_COLLECTIONS[name].refs) {
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
    return out;
  }

  #resolveRef(target: ZiaCollectionName, id: unknown): JsonObject | undefined {
    if (typeof id !== "number") return undefined;
    const found = this.#col(target).get(id);
    if (found === undefined) return undefined;
    return { id, name: found.name };
  }

  /** Creates an object from a client body; returns it rendered. */
  create(name: ZiaCollectionName, body: JsonObject, actor: string): JsonObject {
    const spec = ZIA_COLLECTIONS[name];
    const col = this.#col(name);
    const item = this.#sanitizeInput(body);
    const id = name === "urlCategories" ? this.#nextCustomCategoryId() : this.#nextIntId(col);
    let stored: JsonObject = { id, ...item };
    if (name === "urlCategories") stored = this.#categoryDefaults(stored, undefined);
    if (name === "urlFilteringRules" || name === "firewallFilteringRules") {
      stored = { accessControl: "READ_WRITE", rank: 7, state: "ENABLED", ...stored };
      stored.predefined = false;
      if (name === "firewallFilteringRules") stored.defaultRule = false;
      if (stored.order === undefined) stored.order = this.#nextOrder(col);
    }
    if (name === "networkServices") stored.type = "CUSTOM";
    if (name === "ipSourceGroups") {
      stored = { creatorContext: "ZIA", isNonEditable: false, ...stored };
    }
    if (name === "users") {
      stored = {
        adminUser: false,
        isNonEditable: false,
        deleted: false,
        pilotUser: false,
        ...stored,
      };
    }
    if (name === "ruleLabels") {
      stored.createdBy = this.#actor(actor);
      stored.referencedRuleCount = 0;
    }
    this.#validate(name, stored, undefined);
    if (spec.audited) this.#audit(stored, actor);
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
    let stored: JsonObject = { id, ...this.#sanitizeInput(body) };
    for (const kept of ["createdBy", "predefined", "defaultRule", "referencedRuleCount"]) {
      if (existing[kept] !== undefined) stored[kept] = existing[kept];
    }
    if (name === "urlCategories") stored = this.#categoryDefaults(stored, existing);
    if (name === "networkServices") stored.type = existing.type;
    if (
      (name === "urlFilteringRules" || name === "firewallFilteringRules") &&
      stored.order === undefined
    ) {
      stored.order = existing.order;
    }
    this.#validate(name, stored, id);
    if (spec.audited) this.#audit(stored, actor);
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
      throw new ZiaWriteError(400, "INVALID_INPUT_ARGUMENT", "urls must be a list of strings");
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
    const reason = undeletableReason(name, existing);
    if (reason !== undefined) throw new ZiaWriteError(400, "INVALID_INPUT_ARGUMENT", reason);
    col.delete(id);
    this.status = "PENDING";
  }

  /** Marks the configuration active. */
  activate(): ZiaStatus {
    this.status = "ACTIVE";
    return this.status;
  }

  #sanitizeInput(body: JsonObject): JsonObject {
    const out = structuredClone(body);
    for (const field of SERVER_FIELDS) delete out[field];
    delete out.password;
    return out;
  }

  #actor(clientId: string): JsonObject {
    return { id: 117810400, name: clientId };
  }

  #audit(item: JsonObject, actor: string): void {
    item.lastModifiedTime = nowSeconds();
    item.lastModifiedBy = this.#actor(actor);
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

  #validate(name: ZiaCollectionName, item: JsonObject, selfId: SimId | undefined): void {
    const spec = ZIA_COLLECTIONS[name];
    const predefinedCategory = name === "urlCategories" && item.customCategory !== true;
    const keyRequired = !predefinedCategory;
    const key = item[spec.keyField];
    if (keyRequired && (typeof key !== "string" || key.trim() === "")) {
      throw invalid(`${spec.keyField} is required`);
    }
    for (const field of spec.required) {
      if (item[field] === undefined || item[field] === null || item[field] === "") {
        throw invalid(`${field} is required`);
      }
    }
    if (name === "users" && typeof item.name !== "string") throw invalid("name must be a string");
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
    if (typeof key === "string") {
      const lower = key.toLowerCase();
      for (const other of this.#col(name).values()) {
        if (other.id === selfId) continue;
        const otherKey = other[spec.keyField];
        if (typeof otherKey === "string" && otherKey.toLowerCase() === lower) {
          throw new ZiaWriteError(
            409,
            "DUPLICATE_ITEM",
            `An item with ${spec.keyField} '${key}' already exists`,
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

function invalid(message: string): ZiaWriteError {
  return new ZiaWriteError(400, "INVALID_INPUT_ARGUMENT", message);
}

function notFound(name: string, id: SimId): ZiaWriteError {
  return new ZiaWriteError(404, "RESOURCE_NOT_FOUND", `${name} with id ${id} not found`);
}

/** Why an object may not be deleted (predefined and default objects), or undefined. */
export function undeletableReason(name: ZiaCollectionName, item: JsonObject): string | undefined {
  if (name === "urlCategories" && item.customCategory !== true) {
    return `Predefined URL category ${String(item.id)} cannot be deleted`;
  }
  if (
    name === "firewallFilteringRules" && (item.defaultRule === true || item.predefined === true)
  ) {
    return `Rule ${String(item.id)} is a default or predefined rule and cannot be deleted`;
  }
  if (name === "networkServices" && item.type !== "CUSTOM") {
    return `Network service ${String(item.id)} is predefined and cannot be deleted`;
  }
  return undefined;
}
