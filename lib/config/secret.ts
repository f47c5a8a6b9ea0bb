/**
 * A wrapper that keeps a secret out of logs, JSON and `console.log` by accident: only
 * {@link Secret.reveal} gives the value back.
 *
 * @module
 */

const REDACTED = "[redacted]";

/** A secret string (client secret, private key). */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself; call only where it is sent to its one destination. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for("Deno.customInspect")](): string {
    return REDACTED;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return REDACTED;
  }
}
