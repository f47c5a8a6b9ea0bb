/**
 * Looking a client up by its `client_id`: a registration in the store, or — when the id is an
 * `https://` URL — its client ID metadata document.
 *
 * @module
 */

import { type CimdFetcher, isClientIdUrl } from "./cimd.ts";
import { ClientMetadataError } from "./errors.ts";
import type { ClientRecord, ClientStore } from "./store.ts";

/** Longest `client_id` looked up, in characters. */
export const MAX_CLIENT_ID_LENGTH = 2048;

/** The outcome of a lookup: the client, or a fixed reason for the log. */
export type ClientLookup =
  | { ok: true; client: Readonly<ClientRecord> }
  | { ok: false; reason: string };

/** Finds clients in the registry or behind their metadata URL. */
export class ClientResolver {
  readonly #store: ClientStore;
  readonly #cimd: CimdFetcher;

  /** A resolver over `store` and `cimd`. */
  constructor(store: ClientStore, cimd: CimdFetcher) {
    this.#store = store;
    this.#cimd = cimd;
  }

  /** The client `clientId`; never throws. */
  async lookup(clientId: string | null | undefined): Promise<ClientLookup> {
    if (!clientId) return { ok: false, reason: "missing_client_id" };
    if (clientId.length > MAX_CLIENT_ID_LENGTH) return { ok: false, reason: "client_id_too_long" };
    if (isClientIdUrl(clientId)) {
      try {
        return { ok: true, client: await this.#cimd.client(clientId) };
      } catch (error) {
        const reason = error instanceof ClientMetadataError ? error.reason : "fetch_failed";
        return { ok: false, reason: `client_metadata_${reason}` };
      }
    }
    const client = this.#store.get(clientId);
    return client ? { ok: true, client } : { ok: false, reason: "unknown_client" };
  }
}
