/**
 * The arguments of write tools, declared once per resource: the snake_case argument an agent
 * passes, its described zod schema, and where its value lands in the camelCase API body. A
 * resource's create and update tools are both generated from one table, so they cannot drift.
 *
 * @module
 */

import { z } from "zod";

/** A JSON object as sent to or read from the API. */
export type ApiObject = Record<string, unknown>;

/** One write argument: how it is validated and how it sets API fields. */
export interface WriteField {
  /** The argument's schema, described, without `.optional()` or a default. */
  readonly schema: z.ZodType;
  /** Must be given on create. */
  readonly required: boolean;
  /** The value create uses when the argument is left out (shown to agents as the default). */
  readonly createDefault?: unknown;
  /** Sets the API field(s) for a value the caller gave. */
  apply(body: ApiObject, value: unknown): void;
}

/** A resource's write arguments, keyed by argument name. */
export type FieldTable = Readonly<Record<string, WriteField>>;

/** Options of {@link field}. */
export interface FieldOptions<T> {
  /** Must be given on create (update never requires a field). */
  required?: boolean;
  /** The value create uses when the argument is left out. */
  createDefault?: T;
}

/**
 * Declares one write argument. `api` is the camelCase API field the value is copied to, or a
 * function that turns the value into API fields (`[1, 2]` → `{ groups: [{ id: 1 }, { id: 2 }] }`).
 */
export function field<S extends z.ZodType>(
  schema: S,
  api: string | ((value: z.output<S>) => ApiObject),
  options: FieldOptions<z.output<S>> = {},
): WriteField {
  return {
    schema,
    required: options.required ?? false,
    createDefault: options.createDefault,
    apply(body, value) {
      if (typeof api === "string") body[api] = value;
      else Object.assign(body, api(value as z.output<S>));
    },
  };
}

/** The create schema's fields: required ones as given, the rest optional or defaulted. */
export function createShape(table: FieldTable): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, def] of Object.entries(table)) {
    shape[name] = def.required
      ? def.schema
      : def.createDefault !== undefined
      ? def.schema.default(def.createDefault as never)
      : def.schema.optional();
  }
  return shape;
}

/** The update schema's fields: every one optional, no defaults (a left-out field is kept). */
export function updateShape(table: FieldTable): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, def] of Object.entries(table)) shape[name] = def.schema.optional();
  return shape;
}

/** The API body for the arguments the caller gave (left-out arguments set nothing). */
export function toBody(table: FieldTable, args: ApiObject): ApiObject {
  const body: ApiObject = {};
  for (const [name, def] of Object.entries(table)) {
    const value = args[name];
    if (value !== undefined) def.apply(body, value);
  }
  return body;
}

/** True when at least one argument of the table was given. */
export function givesAnyField(table: FieldTable, args: ApiObject): boolean {
  return Object.keys(table).some((name) => args[name] !== undefined);
}
