/**
 * Error responses in the three recorded shapes: the OneAPI gateway's
 * `{"detail","type","title","status"}`, ZIA's `{"code","message"}` and ZPA's
 * `{"id","reason","params"}` (API-FACTS §3 "Error bodies").
 *
 * @module
 */

import { jsonResponse } from "./http.ts";

/** Content type ZIA responses carry (recorded: no charset). */
export const ZIA_CONTENT_TYPE = "application/json";
/** Content type ZPA responses carry (recorded). */
export const ZPA_CONTENT_TYPE = "application/json;charset=utf-8";

/** The recorded gateway 401 body (`samples/oneapi_401.json`). */
export const GATEWAY_401_BODY = Object.freeze({
  detail: "unauthorized",
  type: "",
  title: "",
  status: "",
});

/** A gateway-shaped error (same keys as the recorded 401). */
export function gatewayError(status: number, detail: string, headers: HeadersInit = {}): Response {
  return jsonResponse(status, { detail, type: "", title: "", status: "" }, "application/json", {
    "x-oneapi-api-category": "public",
    ...Object.fromEntries(new Headers(headers)),
  });
}

/** The recorded gateway 401 for a missing, bad, expired or revoked token. */
export function gatewayUnauthorized(): Response {
  return jsonResponse(401, GATEWAY_401_BODY, "application/json", {
    "x-oneapi-api-category": "public",
  });
}

/** ZIA error codes the simulator emits (API-FACTS §3 table). */
export type ZiaErrorCode =
  | "RESOURCE_NOT_FOUND"
  | "INVALID_INPUT_ARGUMENT"
  | "DUPLICATE_ITEM"
  | "EDIT_LOCK_NOT_AVAILABLE"
  | "UNEXPECTED_ERROR"
  | "METHOD_NOT_ALLOWED"
  | "UNSUPPORTED_MEDIA_TYPE";

/** A ZIA `{"code","message"}` error. */
export function ziaError(
  status: number,
  code: ZiaErrorCode,
  message: string,
  headers: HeadersInit = {},
): Response {
  return jsonResponse(status, { code, message }, ZIA_CONTENT_TYPE, headers);
}

/** The recorded ZIA schema-failure body: `{"message":"Request body is invalid."}` (400). */
export function ziaInvalidBody(): Response {
  return jsonResponse(400, { message: "Request body is invalid." }, ZIA_CONTENT_TYPE);
}

/**
 * ZPA error ids the simulator emits. `resource.not.found`, `access.denied`,
 * `invalid.toomanyrequests`, `retryable.server.error` and `api.concurrent.access.error` are
 * documented; the others are the simulator's own choice for cases the facts do not record.
 */
export type ZpaErrorId =
  | "resource.not.found"
  | "access.denied"
  | "bad.request"
  | "api.payload.invalid"
  | "duplicate.name"
  | "resource.in.use"
  | "method.not.allowed"
  | "unsupported.media.type"
  | "internal.server.error"
  | "retryable.server.error";

/** A ZPA `{"id","reason","params"}` error. */
export function zpaError(
  status: number,
  id: ZpaErrorId,
  reason: string,
  params: string[] = [],
  headers: HeadersInit = {},
): Response {
  return jsonResponse(status, { id, reason, params }, ZPA_CONTENT_TYPE, headers);
}

/** The recorded ZPA 404 for an unknown id. */
export function zpaNotFound(id: string): Response {
  return zpaError(404, "resource.not.found", `No resource exists with the given id/name :${id}`, [
    id,
  ]);
}
