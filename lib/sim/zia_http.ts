/**
 * HTTP helpers shared by the simulated ZIA handlers: 200 JSON, 405 with `allow`, the route
 * 404, JSON body parsing (415/400 as recorded) and the mapping of {@link ZiaWriteError}.
 *
 * @module
 */

import { ZIA_CONTENT_TYPE, ziaError, ziaInvalidBody } from "./errors.ts";
import {
  isJsonContentType,
  isObject,
  type JsonObject,
  jsonResponse,
  type ServiceRequest,
} from "./http.ts";
import { ZiaWriteError } from "./zia_error.ts";

/** 200 with a JSON body in ZIA's content type. */
export function ok(body: unknown): Response {
  return jsonResponse(200, body, ZIA_CONTENT_TYPE);
}

/** 405 `METHOD_NOT_ALLOWED` with an `allow` header. */
export function methodNotAllowed(method: string, allowed: readonly string[]): Response {
  return ziaError(405, "METHOD_NOT_ALLOWED", `Method ${method} is not supported here`, {
    allow: allowed.join(", "),
  });
}

/** 404 for a path no simulated ZIA endpoint serves. */
export function notFoundRoute(req: ServiceRequest): Response {
  return ziaError(404, "RESOURCE_NOT_FOUND", `No API endpoint ${req.method} ${req.url.pathname}`);
}

/** 400 `INVALID_INPUT_ARGUMENT` with `message`. */
export function badRequest(message: string): Response {
  return ziaError(400, "INVALID_INPUT_ARGUMENT", message);
}

/** Checks the JSON content type: 415 for anything else, undefined when it is JSON. */
export function jsonTypeError(req: ServiceRequest): Response | undefined {
  return isJsonContentType(req.contentType)
    ? undefined
    : ziaError(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
}

/** Reads a JSON object body for POST/PUT: 415 for a non-JSON type, 400 for a bad body. */
export function objectBody(req: ServiceRequest): JsonObject | Response {
  const typeError = jsonTypeError(req);
  if (typeError !== undefined) return typeError;
  if (req.body.kind !== "json" || !isObject(req.body.value)) return ziaInvalidBody();
  return req.body.value;
}

/** Maps a {@link ZiaWriteError} to its response; rethrows anything else. */
export function writeError(error: unknown): Response {
  if (error instanceof ZiaWriteError) return ziaError(error.status, error.code, error.message);
  throw error;
}

/** Runs `fn`, mapping a {@link ZiaWriteError} to its response. */
export function guarded(fn: () => Response): Response {
  try {
    return fn();
  } catch (error) {
    return writeError(error);
  }
}

/** A positive integer query parameter, undefined when absent, a 400 when malformed. */
export function positiveInt(
  value: string | undefined,
  name: string,
  min = 1,
): number | Response | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min) {
    return badRequest(
      min === 0 ? `${name} must be a non-negative integer` : `${name} must be a positive integer`,
    );
  }
  return Number(value);
}
