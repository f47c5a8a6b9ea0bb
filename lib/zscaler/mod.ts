/**
 * Zscaler OneAPI client: cloud endpoints, safe paths, typed errors, OAuth tokens, requests with
 * retries, and pagination.
 *
 * @example
 * ```ts
 * import { apiPath, collectPages, paginateZia, resolveEndpoints, ZscalerClient } from "./mod.ts";
 * const client = new ZscalerClient({
 *   ...resolveEndpoints("production", "acme"),
 *   credentials: { clientId: "…", clientSecret: "…" },
 * });
 * const users = await collectPages(paginateZia(client, apiPath`/zia/api/v1/users`, { maxResults: 500 }));
 * ```
 *
 * @module
 */

export * from "./clouds.ts";
export * from "./path.ts";
export * from "./errors.ts";
export * from "./events.ts";
export * from "./retry.ts";
export * from "./http.ts";
export * from "./token.ts";
export * from "./client.ts";
export * from "./pagination.ts";
