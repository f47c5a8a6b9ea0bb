/**
 * Typed errors of the authentication layer. Messages name the setting at fault and never
 * contain a key, a secret or a token.
 *
 * @module
 */

/** The authentication settings cannot be used: thrown by `createAuthenticator`, never later. */
export class AuthConfigError extends Error {
  /** The environment variable (or setting) to fix, when one is at fault. */
  readonly setting?: string;

  /** Build the error; `message` must already be safe to show. */
  constructor(message: string, options: { setting?: string } = {}) {
    super(message);
    this.name = "AuthConfigError";
    this.setting = options.setting;
  }
}
