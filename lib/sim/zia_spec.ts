/**
 * The vocabulary of the simulated ZIA catalog: the collection names, what one catalog row
 * says about a collection ({@link ZiaCollectionSpec}), and small helpers that build list
 * filters and rule-collection rows. The rows themselves are in `zia_catalog.ts`.
 *
 * Facts (API-FACTS §2 "ZIA", §3): bare arrays, integer ids except URL categories (and network
 * applications, whose ids are names), `page` (1-based) / `pageSize`, POST/PUT 200, DELETE 204,
 * PUT replaces the whole object.
 *
 * @module
 */

import { isObject, type JsonObject } from "./http.ts";

/**
 * Every simulated ZIA collection, in catalog order. The name is the collection's key in the
 * model; its URL path is {@link ZiaCollectionSpec.path} (the name when not set).
 */
export const ZIA_COLLECTION_NAMES = Object.freeze(
  [
    "urlFilteringRules",
    "firewallFilteringRules",
    "locations",
    "urlCategories",
    "users",
    "groups",
    "departments",
    "ruleLabels",
    "ipSourceGroups",
    "networkServices",
    "ipDestinationGroups",
    "networkServiceGroups",
    "networkApplicationGroups",
    "networkApplications",
    "firewallDnsRules",
    "firewallIpsRules",
    "ipsSignatureRules",
    "sslInspectionRules",
    "fileTypeRules",
    "fileTypeCategories",
    "sandboxRules",
    "webDlpRules",
    "dlpDictionaries",
    "dlpEngines",
    "webApplicationRules",
    "timeIntervals",
    "workloadGroups",
    "staticIP",
    "vpnCredentials",
    "greTunnels",
    "locationGroups",
    "deviceGroups",
    "devices",
    "cloudAppPolicy",
    "cloudAppSslPolicy",
    "shadowItApps",
    "customTags",
  ] as const,
);

/** Names of the simulated ZIA collections. */
export type ZiaCollectionName = typeof ZIA_COLLECTION_NAMES[number];

/** A reference field: an array (or single object) of `{id, name}` pointing into a collection. */
export interface RefSpec {
  /** The field holding the reference(s). */
  field: string;
  /** The collection the ids point into. */
  target: ZiaCollectionName;
  /** A single `{id}` object rather than a list. */
  single?: boolean;
}

/** Read access to the rendered objects of any collection. */
export interface ZiaLookup {
  /** Every object of a collection, rendered. */
  all(name: ZiaCollectionName): JsonObject[];
}

/**
 * A list filter: does `item` pass for the query parameter's raw `value`? Filters are keyed by
 * query parameter name in {@link ZiaCollectionSpec.filters}.
 */
export type ZiaFilter = (item: JsonObject, value: string, lookup: ZiaLookup) => boolean;

/** The core seed (`seedZia()` of `seed.ts`) handed to every {@link ZiaCollectionSpec.seed}. */
export type ZiaCoreSeed = Readonly<Record<string, JsonObject[]>>;

/** Paging of a list endpoint. */
export interface ZiaPaging {
  /** Page size when the client sends none. */
  defaultSize: number;
  /** Largest page size accepted (400 above it). */
  maxSize: number;
  /**
   * `page` (1-based) with `pageSize` (the default), or `pageNumber` (0-based) with `limit`
   * (the shadow-IT application list).
   */
  style?: "page" | "pageNumber";
}

/** Names of the audit fields a collection's objects carry. */
export interface ZiaAuditFields {
  /** Epoch-seconds field set on every write. */
  time: string;
  /** `{id, name}` admin field set on every write. */
  by: string;
}

/** What a collection's `validate` hook may look at. */
export interface ZiaValidateContext extends ZiaLookup {
  /** Every other object of the same collection (the object itself excluded). */
  others(): JsonObject[];
  /** The client's body as sent (write-only fields included). */
  input: JsonObject;
  /** The stored object on replace; undefined on create. */
  existing?: JsonObject;
}

/** What a collection's `onCreate` hook may look at. */
export interface ZiaCreateContext extends ZiaLookup {
  /** The calling admin as a `{id, name}` reference. */
  actor: JsonObject;
}

/** Per-collection behaviour: one row of the catalog. */
export interface ZiaCollectionSpec {
  /** The seeded objects (fresh copies on every call). */
  seed: (core: ZiaCoreSeed) => JsonObject[];
  /** URL path under `/zia/api/v1` (segments separated by `/`); default: the name. */
  path?: string;
  /** The type of `id` in URLs and objects. */
  idType: "int" | "string";
  /**
   * A path segment after `path` that selects a subset, e.g. `webApplicationRules/{type}`:
   * lists filter on `field`, creates set it, and items outside the scope are not found.
   */
  scope?: { field: string; values: readonly string[] };
  /** Which writes the API offers; a collection without any is read-only. */
  ops: { create: boolean; update: boolean; delete: boolean };
  /** Whether `GET {path}/{id}` exists (default true). */
  item?: boolean;
  /** Field that must be present, non-empty and unique (case-insensitive). */
  keyField?: string;
  /** Other fields that must be present on create and replace. */
  required: readonly string[];
  /** Paging of the list (none: the whole list is returned). */
  paging?: ZiaPaging;
  /** Reference fields validated on write and re-rendered (current names) on read. */
  refs: readonly RefSpec[];
  /** Audit fields stamped on every write (none: the objects carry none). */
  audit?: ZiaAuditFields;
  /** String enums checked on write (a field that is absent is not checked). */
  enums: Readonly<Record<string, readonly string[]>>;
  /** List filters keyed by query parameter. */
  filters?: Readonly<Record<string, ZiaFilter>>;
  /** `{path}/lite`: the fields kept, or a projection. */
  lite?: readonly string[] | ((item: JsonObject) => JsonObject);
  /** The objects carry no `id` on the wire (the stored id is a natural key). */
  hideId?: boolean;
  /** Fields the list and get responses show (default: all); the model keeps the rest. */
  view?: readonly string[];
  /** Adds derived fields (counts, dynamic members) when an object is rendered. */
  decorate?: (item: JsonObject, lookup: ZiaLookup) => void;
  /** Sets server-owned fields on create, after validation (e.g. the creating admin). */
  onCreate?: (item: JsonObject, ctx: ZiaCreateContext) => void;
  /** Defaults under the client's body on create. */
  createDefaults?: () => JsonObject;
  /** Values the server sets over the client's body on create. */
  createForced?: JsonObject;
  /** Fields kept from the stored object on replace whatever the client sends. */
  kept?: readonly string[];
  /** Fields that cannot change after create (400 when a replace sends another value). */
  immutable?: readonly string[];
  /** Fields accepted on write but never stored or returned (secrets). */
  writeOnly?: readonly string[];
  /** Rule collections: `order` defaults to the next free one and is kept on replace. */
  ordered?: boolean;
  /** Extra checks on create and replace: a message is a 400 `INVALID_INPUT_ARGUMENT`. */
  validate?: (item: JsonObject, ctx: ZiaValidateContext) => string | undefined;
  /** Why an object may not be deleted, or undefined. */
  undeletable?: (item: JsonObject, lookup: ZiaLookup) => string | undefined;
  /** Rewrites a filtered list before paging (e.g. counts instead of contents). */
  transform?: (items: JsonObject[], query: Record<string, string>) => JsonObject[];
}

/** The values at a dotted path; a segment ending in `[]` walks every entry of an array. */
export function valuesAt(item: unknown, path: string): unknown[] {
  let current: unknown[] = [item];
  for (const raw of path.split(".")) {
    const many = raw.endsWith("[]");
    const key = many ? raw.slice(0, -2) : raw;
    const next: unknown[] = [];
    for (const value of current) {
      if (!isObject(value)) continue;
      const found = value[key];
      if (found === undefined) continue;
      if (many) {
        if (Array.isArray(found)) next.push(...found);
      } else next.push(found);
    }
    current = next;
  }
  return current;
}

/** Filter: a case-insensitive substring of a string at any of `paths`. */
export function contains(...paths: string[]): ZiaFilter {
  return (item, value) => {
    const needle = value.toLowerCase();
    return paths.some((p) =>
      valuesAt(item, p).some((v) => typeof v === "string" && v.toLowerCase().includes(needle))
    );
  };
}

/** Filter: the value at any of `paths` equals the parameter (numbers compared as text). */
export function equals(...paths: string[]): ZiaFilter {
  return (item, value) => paths.some((p) => valuesAt(item, p).some((v) => String(v) === value));
}

/** Filter: the value at `path` is one of the comma-separated parameter values. */
export function oneOf(path: string): ZiaFilter {
  return (item, value) => {
    const wanted = value.split(",").map((v) => v.trim()).filter((v) => v !== "");
    return valuesAt(item, path).some((v) => wanted.includes(String(v)));
  };
}

/** Filter: `true` keeps items passing `test`, anything else keeps items failing it. */
export function flag(test: (item: JsonObject) => boolean): ZiaFilter {
  return (item, value) => test(item) === (value.toLowerCase() === "true");
}

/** Filter: `true` keeps items passing `test`; any other value keeps everything. */
export function onlyIf(test: (item: JsonObject) => boolean): ZiaFilter {
  return (item, value) => value.toLowerCase() !== "true" || test(item);
}

/** Rule states (every rule collection). */
export const RULE_STATES = ["ENABLED", "DISABLED"] as const;

/** The standard audit fields of rules and most objects. */
export const STD_AUDIT: ZiaAuditFields = Object.freeze({
  time: "lastModifiedTime",
  by: "lastModifiedBy",
});

/** The audit fields of traffic-forwarding objects (GRE tunnels, static IPs). */
export const MODIFICATION_AUDIT: ZiaAuditFields = Object.freeze({
  time: "lastModificationTime",
  by: "lastModifiedBy",
});

/** Who/where references most policy rules carry. */
export const ACCOUNT_REFS: readonly RefSpec[] = Object.freeze([
  { field: "locations", target: "locations" },
  { field: "groups", target: "groups" },
  { field: "departments", target: "departments" },
  { field: "users", target: "users" },
  { field: "labels", target: "ruleLabels" },
]);

/** The references of newer rule types: account refs plus groups, time windows and devices. */
export const POLICY_REFS: readonly RefSpec[] = Object.freeze([
  ...ACCOUNT_REFS,
  { field: "locationGroups", target: "locationGroups" },
  { field: "timeWindows", target: "timeIntervals" },
  { field: "deviceGroups", target: "deviceGroups" },
  { field: "devices", target: "devices" },
]);

/** Why a default or predefined rule cannot be deleted, or undefined. */
export function protectedRule(item: JsonObject): string | undefined {
  return item.defaultRule === true || item.predefined === true
    ? `Rule ${String(item.id)} is a default or predefined rule and cannot be deleted`
    : undefined;
}

/** Options of {@link ruleSpec}. */
export interface RuleSpecOptions {
  /** Fields required besides `name`. */
  required?: readonly string[];
  /** Reference fields (default {@link POLICY_REFS}). */
  refs?: readonly RefSpec[];
  /** Enums besides `state`. */
  enums?: Record<string, readonly string[]>;
  /** Whether the rule objects carry `defaultRule` (set false on create). */
  defaultRule?: boolean;
  /** Extra defaults under the client's body. */
  defaults?: JsonObject;
  /** Extra checks. */
  validate?: ZiaCollectionSpec["validate"];
  /** List filters. */
  filters?: ZiaCollectionSpec["filters"];
  /** `/lite` fields. */
  lite?: ZiaCollectionSpec["lite"];
  /** Scope segment (Cloud App Control rule types). */
  scope?: ZiaCollectionSpec["scope"];
  /** Paging. */
  paging?: ZiaPaging;
}

/**
 * A CRUD rule collection: unique name, ordered, audited, `accessControl`/`rank`/`state`
 * defaults, `predefined` (and `defaultRule`) forced false on create and kept on replace,
 * default and predefined rules undeletable.
 */
export function ruleSpec(
  seed: ZiaCollectionSpec["seed"],
  options: RuleSpecOptions = {},
): ZiaCollectionSpec {
  const base: JsonObject = {
    accessControl: "READ_WRITE",
    rank: 7,
    state: "ENABLED",
    ...(options.defaults ?? {}),
  };
  return {
    seed,
    idType: "int",
    ops: { create: true, update: true, delete: true },
    keyField: "name",
    required: options.required ?? [],
    refs: options.refs ?? POLICY_REFS,
    audit: STD_AUDIT,
    enums: { state: RULE_STATES, ...(options.enums ?? {}) },
    ordered: true,
    createDefaults: () => structuredClone(base),
    createForced: options.defaultRule === false
      ? { predefined: false }
      : { predefined: false, defaultRule: false },
    undeletable: protectedRule,
    ...(options.validate ? { validate: options.validate } : {}),
    ...(options.filters ? { filters: options.filters } : {}),
    ...(options.lite ? { lite: options.lite } : {}),
    ...(options.scope ? { scope: options.scope } : {}),
    ...(options.paging ? { paging: options.paging } : {}),
  };
}

/** A read-only list (and, unless `item` is false, get-by-id) collection. */
export function readOnlySpec(
  seed: ZiaCollectionSpec["seed"],
  fields: Partial<ZiaCollectionSpec> = {},
): ZiaCollectionSpec {
  return {
    seed,
    idType: "int",
    ops: { create: false, update: false, delete: false },
    required: [],
    refs: [],
    enums: {},
    ...fields,
  };
}

/** A CRUD collection of named objects with unique names. */
export function namedSpec(
  seed: ZiaCollectionSpec["seed"],
  fields: Partial<ZiaCollectionSpec> = {},
): ZiaCollectionSpec {
  return {
    seed,
    idType: "int",
    ops: { create: true, update: true, delete: true },
    keyField: "name",
    required: [],
    refs: [],
    enums: {},
    ...fields,
  };
}
