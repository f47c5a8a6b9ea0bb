/**
 * Secrets ZIA returns in records (a VPN credential's pre-shared key, inside a credential and
 * inside the locations that use it): they never reach a tool result. Handlers still read and
 * write them unchanged (an update's GET-merge-PUT keeps the key); only what the model and the
 * client see is redacted.
 *
 * @module
 */

import type { ToolSpec } from "../spec.ts";

/** Record fields whose values are secret, wherever they appear. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set(["preSharedKey", "password"]);

/** What a secret value is replaced with. */
export const REDACTED = "[redacted]";

/** A copy of `value` with every secret field's value replaced by {@link REDACTED}. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_FIELDS.has(key) && item !== null && item !== undefined
      ? REDACTED
      : withoutSecrets(item);
  }
  return out;
}

/** The spec with its results passed through {@link withoutSecrets}. */
export function redactingSecrets(spec: ToolSpec): ToolSpec {
  const run = spec.run;
  return {
    ...spec,
    async run(args, ctx) {
      const out = await run(args, ctx);
      return { ...out, data: withoutSecrets(out.data) };
    },
  };
}
