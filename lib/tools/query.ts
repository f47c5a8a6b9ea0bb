/**
 * The JMESPath `query` argument every list tool takes: compiled when the arguments are validated,
 * so a bad expression is refused before any upstream request, and applied to the records after.
 *
 * @module
 */

import { compile, TreeInterpreter } from "@jmespath-community/jmespath";
import type { JSONValue } from "@jmespath-community/jmespath";
import { z } from "zod";

/** Longest accepted expression; queries are projections, not programs. */
export const MAX_QUERY_LENGTH = 2000;

/** Why a JMESPath expression cannot be used, or `undefined` when it compiles. */
export function queryProblem(expression: string): string | undefined {
  try {
    compile(expression);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The zod schema of the `query` argument. */
export const querySchema = z
  .string()
  .max(MAX_QUERY_LENGTH)
  .superRefine((expression, ctx) => {
    const problem = queryProblem(expression);
    if (problem) {
      ctx.addIssue({ code: "custom", message: `invalid JMESPath expression: ${problem}` });
    }
  })
  .describe(
    "Optional JMESPath expression applied to the list before it is returned, to filter or " +
      "project it, e.g. \"[?state=='ENABLED'].{id: id, name: name}\".",
  );

/** Applies a JMESPath expression to JSON data. */
export function applyQuery(data: unknown, expression: string): unknown {
  return TreeInterpreter.search(compile(expression), data as JSONValue);
}
