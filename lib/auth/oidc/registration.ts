/**
 * `POST /register`: dynamic client registration (RFC 7591). Every redirect URI must be allowed
 * by the operator's patterns; public clients (`none`, PKCE only) and confidential clients
 * (`client_secret_basic` / `client_secret_post`, which receive a secret once — only its hash is
 * kept) may register for the `authorization_code` and `refresh_token` grants. Metadata this
 * server does not use is ignored and not echoed.
 *
 * @module
 */

import { z } from "zod";
import { logRefusal, type OidcContext } from "./context.ts";
import { randomToken, sha256 } from "./crypto.ts";
import { RegistryFullError } from "./errors.ts";
import { MAX_REDIRECT_URI_LENGTH } from "./redirect_uris.ts";
import { oauthError, oauthJson, readJson } from "./responses.ts";
import { grantableScopes } from "./scopes.ts";
import type { ClientAuthMethod, ClientRecord } from "./store.ts";

/** Most redirect URIs one client may register. */
export const MAX_REDIRECT_URIS = 10;

// deno-lint-ignore no-control-regex
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const text = (max: number) =>
  z.string().max(max).refine((value) => !UNSAFE_TEXT.test(value), "control characters");

const metadataSchema = z.object({
  redirect_uris: z.array(z.string().max(MAX_REDIRECT_URI_LENGTH)).min(1).max(MAX_REDIRECT_URIS),
  token_endpoint_auth_method: z.enum(["none", "client_secret_basic", "client_secret_post"])
    .optional(),
  grant_types: z.array(z.enum(["authorization_code", "refresh_token"])).min(1).max(2).optional(),
  response_types: z.array(z.literal("code")).min(1).max(1).optional(),
  client_name: text(200).optional(),
  scope: text(1000).optional(),
  software_id: text(200).optional(),
  software_version: text(100).optional(),
});

/** `POST /register`. */
export async function handleRegister(request: Request, ctx: OidcContext): Promise<Response> {
  const fail = (status: number, error: string, reason: string, description: string) => {
    logRefusal(ctx, "register", reason);
    return oauthError(status, error, description);
  };
  const body = await readJson(request);
  if ("problem" in body) {
    return body.problem === "too_large"
      ? fail(413, "invalid_client_metadata", "body_too_large", "the registration is too large")
      : fail(
        400,
        "invalid_client_metadata",
        `body_${body.problem}`,
        "the registration must be a JSON object",
      );
  }
  if (body.value === null || typeof body.value !== "object" || Array.isArray(body.value)) {
    return fail(400, "invalid_client_metadata", "not_an_object", "the body must be a JSON object");
  }
  const uris = (body.value as Record<string, unknown>).redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0) {
    return fail(400, "invalid_redirect_uri", "missing_redirect_uris", "redirect_uris is required");
  }
  const parsed = metadataSchema.safeParse(body.value);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "metadata");
    const known = Object.keys(metadataSchema.shape).includes(field) ? field : "metadata";
    return known === "redirect_uris"
      ? fail(400, "invalid_redirect_uri", "bad_redirect_uris", "redirect_uris is not valid")
      : fail(400, "invalid_client_metadata", `bad_${known}`, `${known} is not valid`);
  }
  const metadata = parsed.data;
  for (const uri of metadata.redirect_uris) {
    const problem = ctx.redirects.problem(uri);
    if (problem) return fail(400, "invalid_redirect_uri", "redirect_uri_not_allowed", problem);
  }
  const grantTypes = [...new Set(metadata.grant_types ?? ["authorization_code"])];
  if (!grantTypes.includes("authorization_code")) {
    return fail(
      400,
      "invalid_client_metadata",
      "no_authorization_code",
      "grant_types must include authorization_code",
    );
  }
  if (
    metadata.scope !== undefined && !grantableScopes(metadata.scope, ctx.settings.requiredScopes).ok
  ) {
    return fail(400, "invalid_client_metadata", "unknown_scope", "scope names an unknown scope");
  }
  const method: ClientAuthMethod = metadata.token_endpoint_auth_method ?? "client_secret_basic";
  const secret = method === "none" ? undefined : randomToken(32);
  const record: ClientRecord = {
    client_id: `zmcp-${randomToken(24)}`,
    client_id_issued_at: Math.floor(ctx.now() / 1000),
    redirect_uris: [...new Set(metadata.redirect_uris)],
    token_endpoint_auth_method: method,
    grant_types: grantTypes,
    response_types: ["code"],
    ...(metadata.client_name !== undefined ? { client_name: metadata.client_name } : {}),
    ...(metadata.scope !== undefined ? { scope: metadata.scope } : {}),
    ...(metadata.software_id !== undefined ? { software_id: metadata.software_id } : {}),
    ...(metadata.software_version !== undefined
      ? { software_version: metadata.software_version }
      : {}),
    ...(secret !== undefined ? { secret_hash: sha256(secret) } : {}),
  };
  try {
    await ctx.store.add(record);
  } catch (error) {
    if (error instanceof RegistryFullError) {
      logRefusal(ctx, "register", "registry_full");
      return oauthError(503, "temporarily_unavailable", "no more clients can register now", {
        "retry-after": "600",
      });
    }
    ctx.logger.error("client registry write failed", { error: (error as Error).name });
    return oauthError(500, "server_error", "the registration could not be stored");
  }
  ctx.logger.info("oauth client registered", { client_id: record.client_id });
  const { secret_hash: _hash, used: _used, ...shown } = record;
  return oauthJson(201, {
    ...shown,
    ...(secret !== undefined ? { client_secret: secret, client_secret_expires_at: 0 } : {}),
  });
}
