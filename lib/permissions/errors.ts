/**
 * Errors of the permission-set computation.
 *
 * @module
 */

/**
 * A build-time or launch-time input (an `ZSCALER_MCP_EXTRA_*` entry, a state directory) cannot
 * become a Deno permission entry. The message names the variable and the offending entry.
 */
export class PermissionInputError extends Error {
  /** The environment variable the bad entry came from. */
  readonly variable: string;

  /** Build the error for `variable`; `message` is one line. */
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = "PermissionInputError";
    this.variable = variable;
  }
}
