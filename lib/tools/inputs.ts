/**
 * Input fields shared by many tools, described once so every tool explains them the same way.
 *
 * @module
 */

import { z } from "zod";
import { querySchema } from "./query.ts";

/** Most records a list tool returns when the agent does not say. */
export const DEFAULT_MAX_RESULTS = 500;

/** Upper bound on `max_results`. */
export const MAX_RESULTS_LIMIT = 10_000;

/** Fields every list tool accepts. */
export const listFields = {
  query: querySchema.optional(),
  max_results: z
    .number()
    .int()
    .min(1)
    .max(MAX_RESULTS_LIMIT)
    .optional()
    .describe(
      `Stop after this many records (default ${DEFAULT_MAX_RESULTS}). The result says when it ` +
        "was cut short.",
    ),
};

/** A ZIA numeric id. */
export function ziaId(what: string): z.ZodNumber {
  return z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe(`The ${what} id.`);
}

/** A ZPA id: a string of digits. */
export function zpaId(what: string): z.ZodString {
  return z.string().regex(/^\d{1,25}$/, "must be a ZPA id (digits only)").describe(
    `The ${what} id (a string of digits).`,
  );
}

/** A ZIA URL category id: `CUSTOM_01` for custom categories, the name for predefined ones. */
export function urlCategoryId(): z.ZodString {
  return z.string().regex(/^[A-Za-z0-9_]{1,64}$/, "must be a URL category id such as CUSTOM_01")
    .describe("The URL category id.");
}

/** A free-text search term. */
export const searchField = z.string().min(1).max(200);

/** The display name of a configuration object. */
export function nameField(what: string): z.ZodString {
  return z.string().trim().min(1).max(255).describe(`Name of the ${what}.`);
}

/** A free-text description of a configuration object. */
export function descriptionField(what: string): z.ZodString {
  return z.string().max(10_000).describe(`Description of the ${what} (free text).`);
}
