/**
 * Secret values some ZPA objects carry (a provisioning key's enrollment key, a certificate's
 * private key, a PRA credential's password) never reach a tool result: the field stays, so the
 * model can see that there is one, with its value replaced.
 *
 * @module
 */

/** What a withheld value reads as. */
export const WITHHELD = "(withheld: secret)";

function withholdOne(record: unknown, fields: readonly string[]): unknown {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return record;
  const object = record as Record<string, unknown>;
  if (!fields.some((field) => field in object)) return record;
  const copy = { ...object };
  for (const field of fields) {
    const value = copy[field];
    if (value !== undefined && value !== null && value !== "") copy[field] = WITHHELD;
  }
  return copy;
}

/**
 * The record (or each record of a list) with the named top-level fields' values replaced by
 * {@link WITHHELD}. Empty values are left as they are; nothing else changes.
 */
export function withhold(data: unknown, fields: readonly string[]): unknown {
  if (fields.length === 0) return data;
  return Array.isArray(data)
    ? data.map((record) => withholdOne(record, fields))
    : withholdOne(data, fields);
}
