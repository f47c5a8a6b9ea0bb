/**
 * Client authentication at `/token` and `/revoke` (RFC 6749 §2.3): a public client names itself
 * with `client_id`; a confidential client also proves its secret, with HTTP Basic
 * (`client_secret_basic`, form-encoded parts) or in the body (`client_secret_post`). One method
 * per request. Failures are `401 invalid_client` with a Basic challenge.
 *
 * @module
 */

import { NAME } from "../../version.ts";
import { authorizationOf, decodeBasic } from "../credentials.ts";
import { logRefusal, type OidcContext } from "./context.ts";
import { constantTimeEqual, sha256 } from "./crypto.ts";
import { oauthError } from "./responses.ts";
import type { ClientRecord } from "./store.ts";

/** The authenticated client, or the refusal to send. */
export type ClientAuthentication =
  | { ok: true; client: Readonly<ClientRecord> }
  | { ok: false; response: Response };

function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/** Authenticate the client of a `/token` or `/revoke` request whose form is `form`. */
export async function authenticateClient(
  request: Request,
  form: URLSearchParams,
  ctx: OidcContext,
  endpoint: string,
): Promise<ClientAuthentication> {
  const refuse = (reason: string, description: string, status = 401) => {
    logRefusal(ctx, endpoint, reason);
    return {
      ok: false as const,
      response: status === 401
        ? oauthError(401, "invalid_client", description, {
          "www-authenticate": `Basic realm="${NAME}"`,
        })
        : oauthError(status, "invalid_request", description),
    };
  };
  const bodyIds = form.getAll("client_id");
  const bodySecrets = form.getAll("client_secret");
  if (bodyIds.length > 1 || bodySecrets.length > 1) {
    return refuse("repeated_client_credentials", "client_id or client_secret repeated", 400);
  }
  let clientId = bodyIds[0] || undefined;
  let secret = bodySecrets[0] || undefined;
  let method: "basic" | "post" | "none" = secret === undefined ? "none" : "post";

  const authorization = authorizationOf(request);
  if (authorization.kind === "malformed") {
    return refuse("authorization_malformed", "the Authorization header is malformed");
  }
  if (authorization.kind === "present") {
    if (authorization.value.scheme !== "basic") {
      return refuse("unsupported_scheme", "client authentication must use HTTP Basic");
    }
    if (secret !== undefined) {
      return refuse("two_auth_methods", "use one client authentication method", 400);
    }
    const basic = decodeBasic(authorization.value.credentials);
    const user = basic ? formDecode(basic.user) : undefined;
    const password = basic ? formDecode(basic.password) : undefined;
    if (user === undefined || password === undefined || user === "") {
      return refuse("basic_malformed", "malformed Basic client credentials");
    }
    if (clientId !== undefined && clientId !== user) {
      return refuse("client_id_mismatch", "client_id does not match the Basic credentials", 400);
    }
    clientId = user;
    secret = password;
    method = "basic";
  }
  if (clientId === undefined) return refuse("missing_client_id", "client_id is required");
  const lookup = await ctx.clients.lookup(clientId);
  if (!lookup.ok) return refuse(lookup.reason, "the client is not known");
  const client = lookup.client;
  if (client.token_endpoint_auth_method === "none") {
    if (method !== "none") return refuse("public_client_secret", "this client has no secret");
    return { ok: true, client };
  }
  if (method === "none" || secret === undefined) {
    return refuse("missing_client_secret", "client authentication is required");
  }
  if (!client.secret_hash || !constantTimeEqual(sha256(secret), client.secret_hash)) {
    return refuse("wrong_client_secret", "client authentication failed");
  }
  return { ok: true, client };
}
