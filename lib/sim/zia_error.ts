/**
 * {@link ZiaWriteError}: a request the simulated ZIA refused, carrying the HTTP status and the
 * ZIA error code the handlers turn into a `{"code","message"}` body (API-FACTS §3).
 *
 * @module
 */

import type { SimId } from "./store.ts";

/** A write (or lookup) the model refused; `zia.ts` turns it into a ZIA error response. */
export class ZiaWriteError extends Error {
  /** Creates an error with HTTP status and ZIA code. */
  constructor(
    readonly status: number,
    readonly code: "INVALID_INPUT_ARGUMENT" | "DUPLICATE_ITEM" | "RESOURCE_NOT_FOUND",
    message: string,
  ) {
    super(message);
  }
}

/** 400 `INVALID_INPUT_ARGUMENT`. */
export function invalid(message: string): ZiaWriteError {
  return new ZiaWriteError(400, "INVALID_INPUT_ARGUMENT", message);
}

/** 404 `RESOURCE_NOT_FOUND` for `name` / `id`. */
export function notFound(name: string, id: SimId): ZiaWriteError {
  return new ZiaWriteError(404, "RESOURCE_NOT_FOUND", `${name} with id ${id} not found`);
}
