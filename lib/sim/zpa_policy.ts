/**
 * ZPA policy sets and rules (API-FACTS §2 "Policies"): one set per policy type (aliases
 * accepted), rules with `ruleOrder`, v1 (`lhs`/`rhs`) and v2 (`values` / `entryValues`)
 * condition bodies, stored and returned in the v1 response format.
 *
 * @module
 */

import { isObject, type JsonObject } from "./http.ts";
import { POLICY_TYPES, type PolicyTypeInfo, seedPolicyRules, seedPolicySets } from "./seed.ts";
import { Collection } from "./store.ts";
import {
  assertUniqueName,
  idsOf,
  invalidPayload as invalid,
  resourceNotFound as notFound,
  zpaTimes,
  ZpaWriteError,
} from "./zpa_common.ts";
import type { ZpaResourceName } from "./zpa_spec.ts";

/** Operand object types that take `entryValues` (`{lhs,rhs}`) in v2 bodies (API-FACTS). */
export const ENTRY_VALUE_OBJECT_TYPES: readonly string[] = Object.freeze([
  "SAML",
  "SCIM",
  "SCIM_GROUP",
  "POSTURE",
  "TRUSTED_NETWORK",
  "COUNTRY_CODE",
  "PLATFORM",
  "RISK_FACTOR_TYPE",
]);

/** Actions accepted per policy type where they are known; other types accept any action. */
export const RULE_ACTIONS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  ACCESS_POLICY: ["ALLOW", "DENY", "REQUIRE_APPROVAL"],
  TIMEOUT_POLICY: ["RE_AUTH"],
  CLIENT_FORWARDING_POLICY: ["BYPASS", "INTERCEPT", "INTERCEPT_ACCESSIBLE"],
  INSPECTION_POLICY: ["INSPECT", "BYPASS_INSPECT"],
  ISOLATION_POLICY: ["ISOLATE", "BYPASS_ISOLATE"],
});

/**
 * Rule fields that only some policy types carry (recorded in the SDK cassettes: timeout rules
 * keep `reauthTimeout`/`reauthIdleTimeout`, isolation rules `zpnIsolationProfileId`), with
 * the profile collection a field must name and the action that requires it.
 */
const TYPE_FIELDS: Readonly<
  Record<string, { field: string; target?: ZpaResourceName; requiredFor?: string }[]>
> = {
  TIMEOUT_POLICY: [{ field: "reauthTimeout" }, { field: "reauthIdleTimeout" }],
  ISOLATION_POLICY: [{
    field: "zpnIsolationProfileId",
    target: "isolationProfile",
    requiredFor: "ISOLATE",
  }],
  INSPECTION_POLICY: [{
    field: "zpnInspectionProfileId",
    target: "inspectionProfile",
    requiredFor: "INSPECT",
  }],
};

/** What the policy model needs from the resource model. */
export interface PolicyResolver {
  /** The `name` of a ZPA object, or undefined when it does not exist. */
  nameOf(collection: ZpaResourceName, id: string): string | undefined;
  /** A fresh object id from the tenant's id sequence. */
  newId(): string;
  /** Checks an operand against the tenant and returns the name stored with it; throws. */
  describeOperand(objectType: string, lhs: string, rhs: string): string;
}

/** Policy sets and their rules. */
export class ZpaPolicies {
  readonly #resolver: PolicyResolver;
  #sets = new Collection();
  #rules = new Map<string, Collection>();
  #nextConditionId = 0;

  /** Creates seeded policies resolving references through `resolver`. */
  constructor(resolver: PolicyResolver) {
    this.#resolver = resolver;
    this.reset();
  }

  /** Reseeds the sets and rules. */
  reset(): void {
    this.#sets = new Collection(seedPolicySets());
    this.#rules.clear();
    const rules = seedPolicyRules();
    for (const info of POLICY_TYPES) {
      this.#rules.set(info.setId, new Collection(rules[info.setId] ?? []));
    }
    this.#nextConditionId = 46278001;
  }

  /** The policy type for a name or alias (case-sensitive, as in paths), or undefined. */
  policyType(typeOrAlias: string): PolicyTypeInfo | undefined {
    return POLICY_TYPES.find((p) => p.type === typeOrAlias || p.aliases.includes(typeOrAlias));
  }

  /** The policy type whose set has id `setId`, or undefined. */
  policyTypeOfSet(setId: string): PolicyTypeInfo | undefined {
    return POLICY_TYPES.find((p) => p.setId === setId);
  }

  /** The policy set of a type (or alias), or undefined. */
  policySet(typeOrAlias: string): JsonObject | undefined {
    const info = this.policyType(typeOrAlias);
    return info === undefined ? undefined : this.#sets.get(info.setId);
  }

  #ruleCol(setId: string): Collection {
    const col = this.#rules.get(setId);
    if (col === undefined) throw notFound(setId);
    return col;
  }

  /** The rules of a policy set, ordered by `ruleOrder`. */
  rules(setId: string): JsonObject[] {
    return this.#ruleCol(setId).list().sort((a, b) => Number(a.ruleOrder) - Number(b.ruleOrder));
  }

  /** The rules of the policy set of a type (or alias), ordered; empty for an unknown type. */
  rulesOfType(typeOrAlias: string): JsonObject[] {
    const info = this.policyType(typeOrAlias);
    return info === undefined ? [] : this.rules(info.setId);
  }

  /** One rule of a set, or undefined. */
  rule(setId: string, ruleId: string): JsonObject | undefined {
    return this.#rules.get(setId)?.get(ruleId);
  }

  /** Creates a rule from a v2 body, appended at the end; returns it. */
  createRule(setId: string, body: JsonObject): JsonObject {
    const info = this.policyTypeOfSet(setId);
    if (info === undefined) throw notFound(setId);
    const col = this.#ruleCol(setId);
    const id = this.#resolver.newId();
    const order = String(col.size + 1);
    const rule: JsonObject = {
      id,
      ...zpaTimes(),
      ...this.#ruleFields(info, body, id, 2),
      ruleOrder: order,
      priority: order,
      policyType: info.code,
      policySetId: setId,
      defaultRule: false,
      readOnly: false,
      zscalerManaged: false,
    };
    col.put(rule);
    return structuredClone(rule);
  }

  /** Replaces a rule from a v1 or v2 body (`version`); order and set are kept. */
  replaceRule(setId: string, ruleId: string, body: JsonObject, version: 1 | 2): void {
    const info = this.policyTypeOfSet(setId);
    const col = this.#ruleCol(setId);
    const existing = col.get(ruleId);
    if (info === undefined || existing === undefined) throw notFound(ruleId);
    col.put({
      ...existing,
      ...this.#ruleFields(info, body, ruleId, version),
      ...zpaTimes(existing),
    });
  }

  /** Deletes a rule and renumbers the others. */
  deleteRule(setId: string, ruleId: string): void {
    const col = this.#ruleCol(setId);
    if (!col.delete(ruleId)) throw notFound(ruleId);
    this.#renumber(setId, this.rules(setId).map((r) => String(r.id)));
  }

  /** Moves a rule to position `order` (1-based) and renumbers. */
  reorderRule(setId: string, ruleId: string, order: number): void {
    const ids = this.rules(setId).map((r) => String(r.id));
    const from = ids.indexOf(ruleId);
    if (from < 0) throw notFound(ruleId);
    if (!Number.isInteger(order) || order < 1 || order > ids.length) {
      throw new ZpaWriteError(400, "bad.request", `order must be between 1 and ${ids.length}`, [
        String(order),
      ]);
    }
    ids.splice(from, 1);
    ids.splice(order - 1, 0, ruleId);
    this.#renumber(setId, ids);
  }

  /** Whether any rule has an operand `objectType` whose `rhs` is `id`. */
  referencesOperand(objectType: string, id: string): boolean {
    for (const col of this.#rules.values()) {
      for (const rule of col.values()) {
        for (const condition of Array.isArray(rule.conditions) ? rule.conditions : []) {
          if (!isObject(condition) || !Array.isArray(condition.operands)) continue;
          for (const operand of condition.operands) {
            if (isObject(operand) && operand.objectType === objectType && operand.rhs === id) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Whether any rule lists `id` in `appServerGroups` or `appConnectorGroups`. */
  referencesGroup(field: "appServerGroups" | "appConnectorGroups", id: string): boolean {
    for (const col of this.#rules.values()) {
      for (const rule of col.values()) if (idsOf(rule[field]).includes(id)) return true;
    }
    return false;
  }

  /** Whether any rule has `field` (such as `zpnInspectionProfileId`) equal to `id`. */
  referencesRuleField(field: string, id: string): boolean {
    for (const col of this.#rules.values()) {
      for (const rule of col.values()) if (rule[field] === id) return true;
    }
    return false;
  }

  /** Removes every operand `objectType`=`id` (and conditions left empty) from every rule. */
  dropOperands(objectType: string, id: string): void {
    for (const col of this.#rules.values()) {
      for (const rule of col.list()) {
        const conditions = (Array.isArray(rule.conditions) ? rule.conditions : [])
          .filter(isObject)
          .map((condition) => ({
            ...condition,
            operands: (Array.isArray(condition.operands) ? condition.operands : []).filter(
              (o) => !(isObject(o) && o.objectType === objectType && o.rhs === id),
            ),
          }))
          .filter((condition) => condition.operands.length > 0);
        col.put({ ...rule, conditions });
      }
    }
  }

  #renumber(setId: string, ids: string[]): void {
    const col = this.#ruleCol(setId);
    ids.forEach((id, index) => {
      const rule = col.get(id);
      if (rule) col.put({ ...rule, ruleOrder: String(index + 1), priority: String(index + 1) });
    });
  }

  #groupRefs(value: unknown, target: ZpaResourceName, field: string): JsonObject[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw invalid(`${field} must be a list of {id}`);
    return value.map((entry) => {
      const id = isObject(entry) ? entry.id : undefined;
      if (typeof id !== "string" || !/^\d+$/.test(id)) {
        throw invalid(`${field} entries need a string id`);
      }
      const name = this.#resolver.nameOf(target, id);
      if (name === undefined) throw invalid(`${field}: ${id} does not exist`, [id]);
      return { id, name };
    });
  }

  #ruleFields(
    info: PolicyTypeInfo,
    body: JsonObject,
    selfId: string,
    version: 1 | 2,
  ): JsonObject {
    if (typeof body.name !== "string" || body.name.trim() === "") throw invalid("name is required");
    assertUniqueName(this.#ruleCol(info.setId).values(), body.name, selfId);
    const action = body.action;
    if (typeof action !== "string" || action === "") throw invalid("action is required");
    const allowed = RULE_ACTIONS[info.type];
    if (allowed !== undefined && !allowed.includes(action.toUpperCase())) {
      throw invalid(`action must be one of ${allowed.join(", ")} for ${info.type}`, [action]);
    }
    const disabled = body.disabled === undefined
      ? "0"
      : body.disabled === true || body.disabled === "1"
      ? "1"
      : body.disabled === false || body.disabled === "0"
      ? "0"
      : undefined;
    if (disabled === undefined) throw invalid('disabled must be "0" or "1"');
    const operator = body.operator ?? "AND";
    if (operator !== "AND" && operator !== "OR") throw invalid("operator must be AND or OR");
    return {
      ...this.#typeFields(info, body, action.toUpperCase()),
      name: body.name,
      description: typeof body.description === "string" ? body.description : "",
      action: action.toUpperCase(),
      operator,
      disabled,
      customMsg: typeof body.customMsg === "string" ? body.customMsg : "",
      extranetEnabled: false,
      devicePostureFailureNotificationEnabled: false,
      conditions: this.#conditions(body.conditions, version),
      appConnectorGroups: this.#groupRefs(
        body.appConnectorGroups,
        "appConnectorGroup",
        "appConnectorGroups",
      ),
      appServerGroups: this.#groupRefs(body.appServerGroups, "serverGroup", "appServerGroups"),
    };
  }

  /** The fields only `info`'s policy type carries, validated. */
  #typeFields(info: PolicyTypeInfo, body: JsonObject, action: string): JsonObject {
    const out: JsonObject = {};
    for (const { field, target, requiredFor } of TYPE_FIELDS[info.type] ?? []) {
      const raw = body[field];
      if (raw === undefined || raw === null || raw === "") {
        if (requiredFor === action) throw invalid(`${field} is required for ${action} rules`);
        continue;
      }
      const value = typeof raw === "number" && Number.isInteger(raw) ? String(raw) : raw;
      if (typeof value !== "string" || !/^\d{1,20}$/.test(value)) {
        throw invalid(`${field} must be a numeric string`, [String(raw)]);
      }
      if (target !== undefined) {
        const name = this.#resolver.nameOf(target, value);
        if (name === undefined) throw invalid(`${field} ${value} does not exist`, [value]);
        if (field === "zpnInspectionProfileId") out.zpnInspectionProfileName = name;
      }
      out[field] = value;
    }
    return out;
  }

  #conditions(value: unknown, version: 1 | 2): JsonObject[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw invalid("conditions must be a list");
    return value.map((condition) => {
      if (!isObject(condition) || !Array.isArray(condition.operands)) {
        throw invalid("each condition needs an operands list");
      }
      const operator = condition.operator ?? "OR";
      if (operator !== "AND" && operator !== "OR") {
        throw invalid("condition operator must be AND or OR");
      }
      const operands = condition.operands.flatMap((operand) => this.#operands(operand, version));
      return {
        id: String(this.#nextConditionId++),
        ...zpaTimes(),
        operator,
        negated: condition.negated === true,
        operands,
      };
    });
  }

  /** One body operand in, one or more stored `{objectType,lhs,rhs,name}` operands out. */
  #operands(operand: unknown, version: 1 | 2): JsonObject[] {
    if (!isObject(operand)) throw invalid("operands must be objects");
    const objectType = operand.objectType;
    if (typeof objectType !== "string" || !/^[A-Z][A-Z_]*$/.test(objectType)) {
      throw invalid("operand objectType is required");
    }
    const pairs: [string, string, string | undefined][] = [];
    if (version === 2) {
      if (ENTRY_VALUE_OBJECT_TYPES.includes(objectType)) {
        const entries = operand.entryValues;
        if (!Array.isArray(entries) || entries.length === 0) {
          throw invalid(`${objectType} operands need entryValues [{lhs,rhs}]`, [objectType]);
        }
        for (const entry of entries) {
          const lhs = isObject(entry) ? scalar(entry.lhs) : undefined;
          const rhs = isObject(entry) ? scalar(entry.rhs) : undefined;
          if (lhs === undefined || rhs === undefined) {
            throw invalid("entryValues entries need lhs and rhs");
          }
          pairs.push([lhs, rhs, undefined]);
        }
      } else {
        const values = Array.isArray(operand.values) ? operand.values.map(scalar) : [];
        if (values.length === 0 || values.some((v) => v === undefined)) {
          throw invalid(`${objectType} operands need values [..]`, [objectType]);
        }
        for (const v of values as string[]) pairs.push(["id", v, undefined]);
      }
    } else {
      if (typeof operand.lhs !== "string" || typeof operand.rhs !== "string") {
        throw invalid("v1 operands need string lhs and rhs");
      }
      pairs.push([
        operand.lhs,
        operand.rhs,
        typeof operand.name === "string" ? operand.name : undefined,
      ]);
    }
    return pairs.map(([lhs, rhs, givenName]) => {
      const resolved = this.#resolver.describeOperand(objectType, lhs, rhs);
      const name = objectType === "APP" || objectType === "APP_GROUP" || givenName === undefined
        ? resolved
        : givenName;
      return {
        id: String(this.#nextConditionId++),
        ...zpaTimes(),
        objectType,
        lhs,
        rhs,
        name,
      };
    });
  }
}

/** A string or integer operand value as a string; undefined for anything else. */
function scalar(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return undefined;
}
