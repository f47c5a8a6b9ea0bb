/**
 * Typed errors of oidc mode. Messages name the setting at fault and never contain a secret, a
 * code or a token.
 *
 * @module
 */

import { AuthConfigError } from "../errors.ts";

/**
 * oidc mode cannot start: one line per problem (settings, the identity provider's discovery
 * document, the registration store). Thrown before anything listens.
 */
export class OidcSetupError extends AuthConfigError {
  /** Every problem, one line each, each starting with the setting at fault. */
  readonly problems: readonly string[];

  /** Build the error from at least one problem line. */
  constructor(problems: readonly string[]) {
    super(problems.join("; "), { setting: problems[0]?.split(":", 1)[0] });
    this.name = "OidcSetupError";
    this.problems = Object.freeze([...problems]);
  }
}

/**
 * The lines to print for an {@linkcode AuthConfigError}: every problem of an
 * {@linkcode OidcSetupError}, else `<setting>: <message>` (or the message alone).
 */
export function authConfigProblems(error: AuthConfigError): string[] {
  if (error instanceof OidcSetupError) return [...error.problems];
  return [error.setting ? `${error.setting}: ${error.message}` : error.message];
}

/** A sealed value could not be opened: wrong key, wrong binding, or tampered with. */
export class SealedDataError extends Error {
  /** Build the error; it never carries the sealed data. */
  constructor() {
    super("sealed data cannot be opened (tampered with, or sealed for something else)");
    this.name = "SealedDataError";
  }
}

/** The client registry has no room for another client. */
export class RegistryFullError extends Error {
  /** Build the error for a registry of `max` clients. */
  constructor(max: number) {
    super(`the client registry is full (${max} clients)`);
    this.name = "RegistryFullError";
  }
}

/** A client ID metadata document was refused; `reason` is a fixed word for logs. */
export class ClientMetadataError extends Error {
  /** Why, e.g. `private_address`, `too_large`, `timeout`, `redirect`, `client_id_mismatch`. */
  readonly reason: string;

  /** Build the error; the message is fixed per reason and safe to log. */
  constructor(reason: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ClientMetadataError";
    this.reason = reason;
  }
}
