/**
 * The simulated ZPA configuration: every collection of the catalog (`zpa_catalog.ts`),
 * driven by its row — body validation, references that must exist, delete refusals while an
 * object is still referenced (by other objects or by policy rules), PUT semantics and
 * rendering. Policy sets and rules live in `zpa_policy.ts`; HTTP shapes in `zpa_http.ts`.
 *
 * Facts (API-FACTS §2 "ZPA"): every id, time and counter is a string; times are epoch seconds.
 *
 * @module
 */

import { isObject, type JsonObject } from "./http.ts";
import { DEFAULT_CUSTOMER_ID } from "./options.ts";
import { Collection } from "./store.ts";
import { ZPA_CATALOG, zpaSpec } from "./zpa_catalog.ts";
import {
  assertUniqueName,
  idsOf,
  invalidPayload as invalid,
  resourceNotFound as notFound,
  zpaTimes,
  ZpaWriteError,
} from "./zpa_common.ts";
import { describeOperand } from "./zpa_operands.ts";
import { ZpaPolicies } from "./zpa_policy.ts";
import { APP_TYPES, appsByType } from "./zpa_rows_core.ts";
import type {
  ZpaCollectionSpec,
  ZpaContext,
  ZpaRef,
  ZpaResourceName,
  ZpaWrite,
} from "./zpa_spec.ts";

export { ZPA_COLLECTION_NAMES } from "./zpa_catalog.ts";
export { APP_TYPES } from "./zpa_rows_core.ts";

/** Fields every ZPA object owns server-side; stripped from client bodies. */
const SERVER_FIELDS = [
  "id",
  "creationTime",
  "modifiedTime",
  "modifiedBy",
  "readOnly",
  "zscalerManaged",
];

/** Options of a write: the path scope (association type, IdP) and the tenant's customer id. */
export interface ZpaWriteOptions {
  /** Value of the collection's scope path parameter, when it has one. */
  scope?: string;
  /** The tenant's customer id (for derived names). */
  customerId?: string;
}

/** Options of a delete. */
export interface ZpaRemoveOptions {
  /** `forceDelete=true`: an application segment goes even if rules reference it. */
  force?: boolean;
  /** Value of the collection's scope path parameter, when it has one. */
  scope?: string;
}

const inUse = (what: string, id: string, by: string) =>
  new ZpaWriteError(400, "resource.in.use", `${what} ${id} is still referenced by ${by}`, [id]);

function targetOf(ref: ZpaRef, item: JsonObject): ZpaResourceName {
  return typeof ref.target === "function" ? ref.target(item) : ref.target;
}

function refIds(ref: ZpaRef, value: unknown): string[] {
  if (ref.many) return idsOf(value);
  return typeof value === "string" ? [value] : [];
}

function strip(spec: ZpaCollectionSpec, body: JsonObject): JsonObject {
  const out = structuredClone(body);
  const owned = [
    ...SERVER_FIELDS,
    ...(spec.derived ?? []),
    ...(spec.refs ?? []).flatMap((ref) => ref.nameField === undefined ? [] : [ref.nameField]),
  ];
  for (const field of owned) delete out[field];
  if (spec.scope !== undefined) delete out[spec.scope.field];
  return out;
}

/** The in-memory ZPA tenant. */
export class ZpaModel {
  #collections = new Map<ZpaResourceName, Collection>();
  #nextId = 0n;
  readonly #ctx: ZpaContext;
  /** Policy sets and rules (they reference this model's objects). */
  readonly policies: ZpaPolicies;

  /** Creates a freshly seeded model. */
  constructor() {
    const all = (name: ZpaResourceName) => this.#col(name).values();
    const policies = new ZpaPolicies({
      nameOf: (collection, id) => {
        const found = this.#col(collection).get(id);
        return found === undefined ? undefined : String(found.name);
      },
      newId: () => this.#newId(),
      describeOperand: (objectType, lhs, rhs) => describeOperand(this.#ctx, objectType, lhs, rhs),
    });
    this.policies = policies;
    this.#ctx = {
      stored: (name, id) => this.#col(name).get(id),
      all,
      backrefs: (name, predicate, fields) => {
        const out: JsonObject[] = [];
        for (const item of all(name)) {
          if (!predicate(item)) continue;
          const summary: JsonObject = { id: item.id };
          for (const field of fields) {
            if (item[field] !== undefined) summary[field] = structuredClone(item[field]);
          }
          out.push(summary);
        }
        return out;
      },
      newId: () => this.#newId(),
      policies,
    };
    this.reset();
  }

  /** Reseeds everything. */
  reset(): void {
    this.#collections.clear();
    for (const row of ZPA_CATALOG) this.#collections.set(row.name, new Collection(row.seed()));
    this.policies.reset();
    this.#nextId = 216196257331500001n;
  }

  #col(name: ZpaResourceName): Collection {
    const col = this.#collections.get(name);
    if (!col) throw new Error(`sim: unknown ZPA collection ${name}`);
    return col;
  }

  #newId(): string {
    const id = this.#nextId;
    this.#nextId += 1n;
    return String(id);
  }

  #inScope(spec: ZpaCollectionSpec, item: JsonObject, scope: string | undefined): boolean {
    return spec.scope === undefined || scope === undefined || item[spec.scope.field] === scope;
  }

  // ---- reading ----------------------------------------------------------------------------

  /** Every object of `name` (of one scope, if given), rendered as the API returns them. */
  collection(name: ZpaResourceName, scope?: string): JsonObject[] {
    const spec = zpaSpec(name);
    return this.#col(name).list()
      .filter((item) => this.#inScope(spec, item, scope))
      .map((item) => this.render(name, item));
  }

  /** One object of `name` (of one scope, if given), rendered, or undefined. */
  get(name: ZpaResourceName, id: string, scope?: string): JsonObject | undefined {
    const item = this.#col(name).get(id);
    if (item === undefined || !this.#inScope(zpaSpec(name), item, scope)) return undefined;
    return this.render(name, item);
  }

  /** A copy of the stored form of an object (no derived fields, no secrets), or undefined. */
  stored(name: ZpaResourceName, id: string): JsonObject | undefined {
    return this.#col(name).get(id);
  }

  #summary(name: ZpaResourceName, id: string, fields: readonly string[]): JsonObject | undefined {
    const item = this.#col(name).get(id);
    if (item === undefined) return undefined;
    const out: JsonObject = { id };
    for (const field of fields) if (item[field] !== undefined) out[field] = item[field];
    return out;
  }

  /** Adds derived and expanded fields (names of references, back-references). */
  render(name: ZpaResourceName, item: JsonObject): JsonObject {
    const spec = zpaSpec(name);
    const out = structuredClone(item);
    for (const ref of spec.refs ?? []) {
      const target = targetOf(ref, item);
      if (ref.many && ref.expand !== undefined) {
        out[ref.field] = idsOf(item[ref.field]).flatMap((id) => {
          const summary = this.#summary(target, id, ref.expand!);
          return summary === undefined ? [] : [summary];
        });
      } else if (!ref.many && ref.nameField !== undefined && typeof item[ref.field] === "string") {
        const found = this.#col(target).get(item[ref.field] as string);
        if (found !== undefined) out[ref.nameField] = found.name;
      }
    }
    spec.render?.(out, this.#ctx);
    if (spec.scope?.hidden) delete out[spec.scope.field];
    for (const secret of spec.secrets ?? []) delete out[secret];
    return out;
  }

  /** Application sub-apps of one type (`getAppsByType`), as flat entries. */
  appsByType(type: typeof APP_TYPES[number]): JsonObject[] {
    return appsByType(this.#ctx, type);
  }

  // ---- writing ----------------------------------------------------------------------------

  /** Creates an object from a client body; returns it rendered. */
  create(name: ZpaResourceName, body: JsonObject, options: ZpaWriteOptions = {}): JsonObject {
    const spec = zpaSpec(name);
    const id = this.#newId();
    const merged: JsonObject = { ...structuredClone(spec.defaults ?? {}), ...strip(spec, body) };
    if (spec.scope !== undefined) {
      if (options.scope === undefined) throw new Error(`sim: ${name} needs a scope`);
      merged[spec.scope.field] = options.scope;
    }
    const item = this.#validate(spec, merged, id, {
      customerId: options.customerId ?? DEFAULT_CUSTOMER_ID,
    });
    const stored = { id, ...zpaTimes(), ...item };
    this.#col(name).put(stored);
    return this.render(name, stored);
  }

  /** Applies a PUT body to the object `id` (204 upstream): replace, merge or listed fields. */
  replace(
    name: ZpaResourceName,
    id: string,
    body: JsonObject,
    options: ZpaWriteOptions = {},
  ): void {
    const spec = zpaSpec(name);
    const col = this.#col(name);
    const existing = col.get(id);
    if (existing === undefined || !this.#inScope(spec, existing, options.scope)) throw notFound(id);
    const mode = spec.update ?? "merge";
    let merged: JsonObject;
    if (mode === "replace") {
      merged = { ...structuredClone(spec.defaults ?? {}), ...strip(spec, body) };
      if (spec.scope !== undefined) merged[spec.scope.field] = existing[spec.scope.field];
    } else if (mode === "merge") {
      merged = { ...existing, ...strip(spec, body) };
    } else {
      merged = { ...existing };
      for (const field of mode) {
        if (body[field] !== undefined) merged[field] = structuredClone(body[field]);
      }
    }
    const item = this.#validate(spec, merged, id, {
      customerId: options.customerId ?? DEFAULT_CUSTOMER_ID,
      existing,
    });
    col.put({ ...item, id, ...zpaTimes(existing) });
  }

  /** Deletes the object `id`, refusing while anything still references it. */
  remove(name: ZpaResourceName, id: string, options: ZpaRemoveOptions = {}): void {
    const spec = zpaSpec(name);
    const col = this.#col(name);
    const existing = col.get(id);
    if (existing === undefined || !this.#inScope(spec, existing, options.scope)) throw notFound(id);
    this.#assertUnreferenced(spec, id, options.force === true);
    if (spec.policyRef?.kind === "operand" && options.force) {
      this.policies.dropOperands(spec.policyRef.objectType, id);
    }
    col.delete(id);
  }

  /**
   * Deletes several objects at once (`…/bulkDelete`): every id must exist and be free of
   * references, otherwise nothing is deleted.
   */
  removeMany(name: ZpaResourceName, ids: readonly string[]): void {
    const spec = zpaSpec(name);
    const col = this.#col(name);
    const unique = [...new Set(ids)];
    for (const id of unique) {
      if (!col.has(id)) throw notFound(id);
      this.#assertUnreferenced(spec, id, false);
    }
    for (const id of unique) col.delete(id);
  }

  #assertUnreferenced(spec: ZpaCollectionSpec, id: string, force: boolean): void {
    for (const row of ZPA_CATALOG) {
      for (const item of this.#col(row.name).values()) {
        const direct = (row.refs ?? []).some((ref) =>
          targetOf(ref, item) === spec.name && refIds(ref, item[ref.field]).includes(id)
        );
        const nested = row.nestedRefs?.(item).some((r) => r.target === spec.name && r.id === id);
        if (direct || nested) throw inUse(spec.label, id, row.plural);
      }
    }
    const ref = spec.policyRef;
    if (ref === undefined) return;
    const referenced = ref.kind === "operand"
      ? this.policies.referencesOperand(ref.objectType, id)
      : ref.kind === "group"
      ? this.policies.referencesGroup(ref.field, id)
      : this.policies.referencesRuleField(ref.field, id);
    if (!referenced) return;
    if (ref.kind === "operand" && ref.force) {
      if (!force) throw inUse(spec.label, id, "policy rules (use forceDelete)");
      return;
    }
    throw inUse(spec.label, id, "policy rules");
  }

  /** Validates one object of `spec` (with id `selfId`) and returns its stored form. */
  #validate(
    spec: ZpaCollectionSpec,
    item: JsonObject,
    selfId: string,
    write: ZpaWrite,
  ): JsonObject {
    if (typeof item.name !== "string" || item.name.trim() === "") throw invalid("name is required");
    assertUniqueName(this.#col(spec.name).values(), item.name, selfId);
    for (const field of spec.required ?? []) {
      if (typeof item[field] !== "string" || (item[field] as string).trim() === "") {
        throw invalid(`${field} is required`);
      }
    }
    for (const [field, allowed] of Object.entries(spec.enums ?? {})) {
      const value = item[field];
      if (value !== undefined && (typeof value !== "string" || !allowed.includes(value))) {
        throw invalid(`${field} must be one of ${allowed.join(", ")}`, [String(value)]);
      }
    }
    if (item.enabled !== undefined && typeof item.enabled !== "boolean") {
      throw invalid("enabled must be a boolean");
    }
    let out: JsonObject = { ...item };
    for (const ref of spec.refs ?? []) {
      const checked = this.#checkRef(ref, out);
      if (checked !== undefined) out[ref.field] = checked;
    }
    if (spec.normalize) out = spec.normalize(out, selfId, this.#ctx, write);
    for (const secret of spec.secrets ?? []) delete out[secret];
    return out;
  }

  #checkRef(ref: ZpaRef, item: JsonObject): unknown {
    const target = targetOf(ref, item);
    const value = item[ref.field];
    const col = this.#col(target);
    if (!ref.many) {
      if (value === undefined || value === null || value === "") {
        if (ref.required) throw invalid(`${ref.field} is required`);
        return value;
      }
      if (typeof value !== "string" || !col.has(value)) {
        throw invalid(`${ref.field} ${String(value)} does not exist`, [String(value)]);
      }
      return value;
    }
    if (value !== undefined && value !== null && !Array.isArray(value)) {
      throw invalid(`${ref.field} must be a list of {id}`);
    }
    const list = (value ?? []).map((entry: unknown) => {
      const id = isObject(entry) ? entry.id : undefined;
      if (typeof id !== "string" || !/^\d+$/.test(id)) {
        throw invalid(`${ref.field} entries need a string id`);
      }
      if (!col.has(id)) throw invalid(`${ref.field}: ${id} does not exist`, [id]);
      return { id };
    });
    if (ref.required && list.length === 0) {
      throw invalid(`${ref.field} must name at least one ${zpaSpec(target).label.toLowerCase()}`);
    }
    return list;
  }

  // ---- policy conveniences --------------------------------------------------------------

  /** The policy set of a type (or alias), or undefined. */
  policySet(typeOrAlias: string): JsonObject | undefined {
    return this.policies.policySet(typeOrAlias);
  }

  /** The rules of the policy set of a type (or alias), ordered by `ruleOrder`. */
  rulesOfType(typeOrAlias: string): JsonObject[] {
    return this.policies.rulesOfType(typeOrAlias);
  }

  /** One policy rule, or undefined. */
  rule(setId: string, ruleId: string): JsonObject | undefined {
    return this.policies.rule(setId, ruleId);
  }
}
