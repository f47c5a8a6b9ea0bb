/**
 * OAuth Client ID Metadata Documents: a `client_id` that is an `https://` URL names a JSON
 * document describing the client, which this server fetches — carefully, since the URL comes
 * from whoever is calling:
 *
 * - https only, a canonical URL with a path, no credentials, fragment or dot segments;
 * - the host name is resolved here (A and AAAA) and every address must be public (no loopback,
 *   private, link-local, unique-local, multicast, reserved, … as classified by ipaddr.js);
 * - the connection goes to one of exactly those checked addresses (see `pinned_fetch.ts`),
 *   while TLS still verifies the certificate for the host name;
 * - no redirects, a 5 s deadline for the whole exchange, at most 5 KiB of body;
 * - the document must be a JSON object whose `client_id` equals the URL, with redirect URIs this
 *   server allows and no client secret (`token_endpoint_auth_method` `none`).
 *
 * Accepted documents are cached for five minutes; concurrent lookups of one URL share a fetch.
 *
 * @module
 */

import ipaddr from "ipaddr.js";
import { BoundedTtlCache } from "../cache.ts";
import { ClientMetadataError } from "./errors.ts";
import { PinnedFetchError, pinnedGet, type PinnedResponse } from "./pinned_fetch.ts";
import type { RedirectUriPolicy } from "./redirect_uris.ts";
import type { ClientRecord } from "./store.ts";

/** Longest client ID URL accepted, in characters. */
export const MAX_CLIENT_ID_URL_LENGTH = 2048;
/** Largest metadata document accepted, in bytes. */
export const MAX_METADATA_BYTES = 5 * 1024;
/** Deadline for one fetch (resolution, connection, TLS and body), in milliseconds. */
export const METADATA_TIMEOUT_MS = 5_000;
/** How long an accepted document is reused, in milliseconds. */
export const METADATA_CACHE_MS = 300_000;

/** True when `clientId` is meant as a client ID metadata document URL. */
export function isClientIdUrl(clientId: string): boolean {
  return /^https:\/\//i.test(clientId);
}

/** Why `clientId` cannot be a metadata document URL, or undefined when it can. */
export function clientIdUrlProblem(clientId: string): string | undefined {
  if (clientId.length > MAX_CLIENT_ID_URL_LENGTH) return "too_long";
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    return "not_a_url";
  }
  if (url.protocol !== "https:") return "not_https";
  if (url.username || url.password || url.hash || clientId.includes("#")) return "not_canonical";
  if (url.pathname === "/" || url.href !== clientId) return "not_canonical";
  return undefined;
}

/**
 * True for an address a metadata document may be fetched from: a global unicast address
 * (IPv4-mapped IPv6 is judged as the IPv4 address).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  try {
    return ipaddr.process(address).range() === "unicast";
  } catch {
    return false;
  }
}

/** Resolve `hostname` to its IPv4 and IPv6 addresses with `Deno.resolveDns`. */
export async function resolveHost(hostname: string): Promise<string[]> {
  const lookups = await Promise.allSettled([
    Deno.resolveDns(hostname, "A"),
    Deno.resolveDns(hostname, "AAAA"),
  ]);
  return lookups.flatMap((result) => result.status === "fulfilled" ? result.value : []);
}

/** What the fetcher may use (tests replace the resolver, the address rule and the trust). */
export interface CimdOptions {
  /** Host name → addresses (default {@linkcode resolveHost}). */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Which resolved addresses may be connected to (default {@linkcode isPublicAddress}). */
  addressAllowed?: (address: string) => boolean;
  /** Extra trusted CA certificates, PEM (tests). */
  caCerts?: readonly string[];
  /** Deadline per fetch (default {@linkcode METADATA_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** Clock in epoch milliseconds, for the cache. */
  now?: () => number;
}

const refuse = (reason: string, message: string, cause?: unknown) =>
  new ClientMetadataError(reason, message, cause === undefined ? undefined : { cause });

/** Fetches, checks and caches client ID metadata documents. */
export class CimdFetcher {
  readonly #policy: RedirectUriPolicy;
  readonly #resolve: (hostname: string) => Promise<string[]>;
  readonly #allowed: (address: string) => boolean;
  readonly #ca?: string[];
  readonly #timeoutMs: number;
  readonly #now: () => number;
  readonly #cache = new BoundedTtlCache<ClientRecord>(256);
  readonly #inflight = new Map<string, Promise<ClientRecord>>();

  /** A fetcher whose documents' redirect URIs must satisfy `policy`. */
  constructor(policy: RedirectUriPolicy, options: CimdOptions = {}) {
    this.#policy = policy;
    this.#resolve = options.resolve ?? resolveHost;
    this.#allowed = options.addressAllowed ?? isPublicAddress;
    this.#ca = options.caCerts ? [...options.caCerts] : undefined;
    this.#timeoutMs = options.timeoutMs ?? METADATA_TIMEOUT_MS;
    this.#now = options.now ?? (() => Date.now());
  }

  /**
   * The client described at `clientId`.
   *
   * @throws {ClientMetadataError} when the URL, its addresses, the fetch or the document is
   * refused.
   */
  client(clientId: string): Promise<ClientRecord> {
    const problem = clientIdUrlProblem(clientId);
    if (problem) {
      return Promise.reject(refuse(problem, "the client_id is not a usable metadata URL"));
    }
    const cached = this.#cache.get(clientId, this.#now());
    if (cached) return Promise.resolve(cached);
    let pending = this.#inflight.get(clientId);
    if (!pending) {
      pending = this.#load(clientId).then((record) => {
        this.#cache.set(clientId, record, this.#now() + METADATA_CACHE_MS);
        return record;
      }).finally(() => this.#inflight.delete(clientId));
      this.#inflight.set(clientId, pending);
    }
    return pending;
  }

  async #load(clientId: string): Promise<ClientRecord> {
    const text = await this.#fetch(new URL(clientId));
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw refuse("invalid_json", "the client metadata document is not JSON");
    }
    return this.#check(clientId, document);
  }

  /** The addresses of `hostname`, all of them allowed, or a refusal. */
  async #addresses(hostname: string): Promise<string[]> {
    const bare = hostname.replace(/^\[|\]$/g, "");
    let addresses: string[];
    if (ipaddr.isValid(bare)) addresses = [bare];
    else {
      try {
        addresses = await this.#resolve(hostname);
      } catch (error) {
        throw refuse("dns", "the client metadata host cannot be resolved", error);
      }
    }
    if (addresses.length === 0) throw refuse("dns", "the client metadata host does not resolve");
    if (!addresses.every((address) => this.#allowed(address))) {
      throw refuse("private_address", "the client metadata host is not on a public address");
    }
    return addresses;
  }

  async #fetch(url: URL): Promise<string> {
    const deadline = this.#now() + this.#timeoutMs;
    let addresses: string[];
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      addresses = await Promise.race([
        this.#addresses(url.hostname),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(refuse("timeout", "the client metadata document took too long")),
            this.#timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
    let response: PinnedResponse;
    try {
      // Only the checked addresses are connected to; TLS is verified for the host name.
      response = await pinnedGet(url, addresses, {
        caCerts: this.#ca,
        timeoutMs: Math.max(1, deadline - this.#now()),
        maxBytes: MAX_METADATA_BYTES,
      });
    } catch (error) {
      const kind = error instanceof PinnedFetchError ? error.kind : "network";
      throw kind === "timeout"
        ? refuse("timeout", "the client metadata document took too long", error)
        : kind === "too_large"
        ? refuse("too_large", "the client metadata document is too large", error)
        : refuse("network", "the client metadata document could not be fetched", error);
    }
    if (response.status >= 300 && response.status < 400) {
      throw refuse("redirect", "the client metadata document redirects");
    }
    if (response.status !== 200) {
      throw refuse("http_status", "the client metadata document is unavailable");
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(response.body);
    } catch {
      throw refuse("invalid_json", "the client metadata document is not UTF-8 text");
    }
  }

  #check(clientId: string, document: unknown): ClientRecord {
    if (document === null || typeof document !== "object" || Array.isArray(document)) {
      throw refuse("invalid_document", "the client metadata document is not a JSON object");
    }
    const doc = document as Record<string, unknown>;
    if (doc.client_id !== clientId) {
      throw refuse("client_id_mismatch", "the client metadata document names another client_id");
    }
    const uris = doc.redirect_uris;
    if (
      !Array.isArray(uris) || uris.length === 0 || uris.length > 10 ||
      !uris.every((uri) => typeof uri === "string")
    ) {
      throw refuse("invalid_document", "the client metadata document has no redirect_uris");
    }
    for (const uri of uris as string[]) {
      if (this.#policy.problem(uri)) {
        throw refuse("redirect_uri_not_allowed", "a redirect URI of the client is not allowed");
      }
    }
    const method = doc.token_endpoint_auth_method ?? "none";
    if (method !== "none") {
      throw refuse(
        "auth_method",
        "a client ID metadata document client must use token_endpoint_auth_method none",
      );
    }
    if ("client_secret" in doc || "client_secret_expires_at" in doc) {
      throw refuse("invalid_document", "a client metadata document must not carry a secret");
    }
    const grantTypes = doc.grant_types ?? ["authorization_code"];
    if (
      !Array.isArray(grantTypes) ||
      !grantTypes.every((g) => g === "authorization_code" || g === "refresh_token") ||
      !grantTypes.includes("authorization_code")
    ) {
      throw refuse("invalid_document", "the client metadata document's grant_types are refused");
    }
    const name = typeof doc.client_name === "string" ? doc.client_name.slice(0, 200) : undefined;
    return {
      client_id: clientId,
      client_id_issued_at: Math.floor(this.#now() / 1000),
      redirect_uris: uris as string[],
      token_endpoint_auth_method: "none",
      grant_types: [...new Set(grantTypes as string[])],
      response_types: ["code"],
      ...(name ? { client_name: name } : {}),
    };
  }
}
