/**
 * The shape of one row of the simulated ZPA catalog ({@link ZpaCollectionSpec}): what a
 * collection stores, how a client body is validated, which other objects it points at
 * (and therefore which deletes it blocks), and how an object is rendered on the wire.
 * The rows themselves live in `zpa_catalog.ts`; the engine that applies them is `ZpaModel`.
 *
 * @module
 */

import type { JsonObject } from "./http.ts";
import type { ZpaPolicies } from "./zpa_policy.ts";

/** Every simulated ZPA collection, by the name the model knows it under. */
export type ZpaResourceName =
  | "application"
  | "segmentGroup"
  | "serverGroup"
  | "appConnectorGroup"
  | "server"
  | "connector"
  | "serviceEdgeGroup"
  | "serviceEdge"
  | "provisioningKey"
  | "enrollmentCert"
  | "certificate"
  | "praPortal"
  | "credential"
  | "idp"
  | "samlAttribute"
  | "scimAttribute"
  | "scimGroup"
  | "posture"
  | "network"
  | "inspectionProfile"
  | "isolationProfile"
  | "cbiProfile"
  | "lssConfig";

/**
 * A field that points at other ZPA objects. It is checked on every write (the target must
 * exist) and it blocks deleting a target that is still pointed at.
 */
export interface ZpaRef {
  /** Field of the object holding the reference. */
  readonly field: string;
  /** Target collection; a function when it depends on the object (provisioning keys). */
  readonly target: ZpaResourceName | ((item: JsonObject) => ZpaResourceName);
  /** A list of `{id}` objects instead of a single id string. */
  readonly many?: boolean;
  /** The field must be present (for `many`: a non-empty list). */
  readonly required?: boolean;
  /** For a single reference: a field that renders the target's `name`. */
  readonly nameField?: string;
  /** For `many`: fields of the target copied into each rendered `{id}` entry. */
  readonly expand?: readonly string[];
}

/** How a policy rule can point at an object of a collection (blocks deletes). */
export type ZpaPolicyRef =
  | { readonly kind: "operand"; readonly objectType: string; readonly force?: boolean }
  | { readonly kind: "group"; readonly field: "appServerGroups" | "appConnectorGroups" }
  | { readonly kind: "ruleField"; readonly field: string };

/** A scope path parameter that partitions a collection (association type, IdP). */
export interface ZpaScope {
  /** The stored field the parameter is matched against. */
  readonly field: string;
  /** Stored for filtering only, never rendered. */
  readonly hidden?: boolean;
}

/** What the model offers to the hooks of a row. */
export interface ZpaContext {
  /** The stored (unrendered) object, or undefined. */
  stored(name: ZpaResourceName, id: string): JsonObject | undefined;
  /** The live stored objects of a collection, for reading only. */
  all(name: ZpaResourceName): Iterable<JsonObject>;
  /** `{id, ...fields}` summaries of the objects of `name` that match `predicate`. */
  backrefs(
    name: ZpaResourceName,
    predicate: (item: JsonObject) => boolean,
    fields: readonly string[],
  ): JsonObject[];
  /** A fresh id from the tenant's id sequence. */
  newId(): string;
  /** The tenant's policy sets and rules. */
  readonly policies: ZpaPolicies;
}

/** Facts about one write, for the `normalize` hook. */
export interface ZpaWrite {
  /** The tenant's customer id. */
  readonly customerId: string;
  /** The stored object before an update; undefined for a create. */
  readonly existing?: JsonObject;
}

/** How PUT applies a body. */
export type ZpaUpdateMode = "replace" | "merge" | readonly string[];

/** One simulated ZPA collection: a row of the catalog. */
export interface ZpaCollectionSpec {
  /** The model's name for the collection. */
  readonly name: ZpaResourceName;
  /** Singular label used in messages ("Segment group"). */
  readonly label: string;
  /** Plural used in "still referenced by …" messages. */
  readonly plural: string;
  /** Fresh seed objects (each with a string `id`). */
  readonly seed: () => JsonObject[];
  /** Defaults merged under a created (or, for `replace`, updated) body. */
  readonly defaults?: JsonObject;
  /**
   * PUT semantics: `replace` (defaults + body), `merge` (stored object + body, as recorded
   * for service edge groups and provisioning keys) or a list of the only fields a PUT may
   * change (app connectors, service edges). Default `merge`.
   */
  readonly update?: ZpaUpdateMode;
  /** Status of a successful POST (201 recorded; 200 for provisioning keys). */
  readonly createStatus?: 200 | 201;
  /** String fields that must be non-empty (besides `name`). */
  readonly required?: readonly string[];
  /** Allowed values of enumerated string fields. */
  readonly enums?: Readonly<Record<string, readonly string[]>>;
  /** References to other objects. */
  readonly refs?: readonly ZpaRef[];
  /** How policy rules may point at this collection's objects. */
  readonly policyRef?: ZpaPolicyRef;
  /**
   * Server-owned or derived fields: stripped from client bodies (a client may echo them
   * back); the server computes them in `normalize` or `render`.
   */
  readonly derived?: readonly string[];
  /** Write-only fields (secrets): validated by `normalize`, never stored, never returned. */
  readonly secrets?: readonly string[];
  /** The path parameter that partitions the collection, if any. */
  readonly scope?: ZpaScope;
  /** Fields a `search` may name; any top-level field when absent. */
  readonly searchable?: readonly string[];
  /** The object `search` is evaluated on, when not the object itself. */
  readonly searchView?: (item: JsonObject) => JsonObject;
  /** Collection-specific validation; returns the object to store. Throw `ZpaWriteError`. */
  readonly normalize?: (
    item: JsonObject,
    selfId: string,
    ctx: ZpaContext,
    write: ZpaWrite,
  ) => JsonObject;
  /** Adds derived fields to a rendered copy (references are already expanded). */
  readonly render?: (out: JsonObject, ctx: ZpaContext) => void;
  /** References inside nested structures, for delete refusals. */
  readonly nestedRefs?: (item: JsonObject) => { target: ZpaResourceName; id: string }[];
}
