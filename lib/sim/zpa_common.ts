/**
 * Pieces shared by the ZPA resource model and the ZPA policy model: the write error, its
 * common cases, reference and name helpers, and the server-owned time fields.
 *
 * @module
 */

import type { ZpaErrorId } from "./errors.ts";
import { isObject, type JsonObject, nowSeconds } from "./http.ts";
import { SEED_ZPA_ADMIN_ID } from "./seed.ts";

/** A write the model refused; `zpa.ts` turns it into a ZPA error response. */
export class ZpaWriteError extends Error {
  /** Creates an error with HTTP status, ZPA error id and params. */
  constructor(
    readonly status: number,
    readonly id: ZpaErrorId,
    message: string,
    readonly params: string[] = [],
  ) {
    super(message);
  }
}

/** 400 `api.payload.invalid`. */
export function invalidPayload(message: string, params: string[] = []): ZpaWriteError {
  return new ZpaWriteError(400, "api.payload.invalid", message, params);
}

/** 404 `resource.not.found` with the recorded reason. */
export function resourceNotFound(id: string): ZpaWriteError {
  return new ZpaWriteError(
    404,
    "resource.not.found",
    `No resource exists with the given id/name :${id}`,
    [id],
  );
}

/** The string ids of a `[{id}, …]` list (other entries ignored). */
export function idsOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.flatMap((entry) => isObject(entry) && typeof entry.id === "string" ? [entry.id] : [])
    : [];
}

/** Throws 400 `duplicate.name` when another item (not `selfId`) has `name` (any case). */
export function assertUniqueName(items: Iterable<JsonObject>, name: string, selfId: string): void {
  const lower = name.toLowerCase();
  for (const other of items) {
    if (
      other.id !== selfId && typeof other.name === "string" && other.name.toLowerCase() === lower
    ) {
      throw new ZpaWriteError(400, "duplicate.name", `The name '${name}' is already in use`, [
        name,
      ]);
    }
  }
}

/** `creationTime` (kept from `existing`), `modifiedTime` (now) and `modifiedBy`. */
export function zpaTimes(existing?: JsonObject): JsonObject {
  const now = String(nowSeconds());
  return {
    creationTime: existing?.creationTime ?? now,
    modifiedTime: now,
    modifiedBy: SEED_ZPA_ADMIN_ID,
  };
}
