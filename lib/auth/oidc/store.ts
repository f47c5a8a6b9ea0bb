/**
 * The registry of dynamically registered clients (RFC 7591), kept in one JSON file so that
 * registrations survive a restart. The directory is the owner's alone (0700; an existing one
 * that others can enter is refused), the file is 0600, every write goes to a temporary file
 * that is renamed over the old one, and writes happen one at a time. Client secrets are stored
 * only as their SHA-256.
 *
 * @module
 */

import { join } from "node:path";
import { z } from "zod";
import { OidcSetupError, RegistryFullError } from "./errors.ts";
import { randomToken } from "./crypto.ts";

/** How a client authenticates at `/token` and `/revoke`. */
export type ClientAuthMethod = "none" | "client_secret_basic" | "client_secret_post";

/** One registered client, as stored. */
export interface ClientRecord {
  client_id: string;
  /** Seconds since the epoch. */
  client_id_issued_at: number;
  redirect_uris: string[];
  token_endpoint_auth_method: ClientAuthMethod;
  grant_types: string[];
  response_types: string[];
  client_name?: string;
  scope?: string;
  software_id?: string;
  software_version?: string;
  /** SHA-256 (base64url) of the client secret of a confidential client. */
  secret_hash?: string;
  /** True once a token was issued to the client (unused registrations may be evicted). */
  used?: boolean;
}

/** The file inside the store directory. */
export const STORE_FILE = "clients.json";
/** Most clients kept by default. */
export const DEFAULT_MAX_CLIENTS = 1000;
/** An unused registration younger than this is never evicted to make room, in seconds. */
export const EVICTION_GRACE_SECONDS = 600;

const recordSchema = z.object({
  client_id: z.string().min(1).max(200),
  client_id_issued_at: z.number().int().nonnegative(),
  redirect_uris: z.array(z.string()).min(1),
  token_endpoint_auth_method: z.enum(["none", "client_secret_basic", "client_secret_post"]),
  grant_types: z.array(z.string()),
  response_types: z.array(z.string()),
  client_name: z.string().optional(),
  scope: z.string().optional(),
  software_id: z.string().optional(),
  software_version: z.string().optional(),
  secret_hash: z.string().optional(),
  used: z.boolean().optional(),
});

const fileSchema = z.object({
  version: z.literal(1),
  clients: z.array(recordSchema),
});

/** Options of {@linkcode ClientStore.open}. */
export interface ClientStoreOptions {
  /** Most clients kept (default {@linkcode DEFAULT_MAX_CLIENTS}). */
  maxClients?: number;
  /** Clock in epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

async function checkDirectory(dir: string): Promise<void> {
  const at = "OIDCPROXY_STORE_DIR";
  try {
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new OidcSetupError([
      `${at}: cannot create ${JSON.stringify(dir)} (${(error as Error).name})`,
    ]);
  }
  const info = await Deno.stat(dir);
  if (!info.isDirectory) {
    throw new OidcSetupError([`${at}: ${JSON.stringify(dir)} is not a folder`]);
  }
  if (Deno.build.os !== "windows" && info.mode !== null && (info.mode & 0o077) !== 0) {
    throw new OidcSetupError([
      `${at}: ${JSON.stringify(dir)} is open to other users (mode ` +
      `${(info.mode & 0o777).toString(8)}); run chmod 700 on it`,
    ]);
  }
}

/** The persistent client registry. */
export class ClientStore {
  readonly #path: string;
  readonly #dir: string;
  readonly #max: number;
  readonly #now: () => number;
  readonly #clients: Map<string, ClientRecord>;
  #writing: Promise<void> = Promise.resolve();

  private constructor(dir: string, clients: ClientRecord[], options: ClientStoreOptions) {
    this.#dir = dir;
    this.#path = join(dir, STORE_FILE);
    this.#max = options.maxClients ?? DEFAULT_MAX_CLIENTS;
    this.#now = options.now ?? (() => Date.now());
    this.#clients = new Map(clients.map((client) => [client.client_id, client]));
  }

  /**
   * Open (and create when needed) the store in `dir`.
   *
   * @throws {OidcSetupError} when the directory cannot be used or the file is not a store.
   */
  static async open(dir: string, options: ClientStoreOptions = {}): Promise<ClientStore> {
    await checkDirectory(dir);
    const path = join(dir, STORE_FILE);
    let text: string | undefined;
    try {
      text = await Deno.readTextFile(path);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) {
        throw new OidcSetupError([
          `OIDCPROXY_STORE_DIR: cannot read ${JSON.stringify(path)} (${(error as Error).name})`,
        ]);
      }
    }
    let clients: ClientRecord[] = [];
    if (text !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const checked = fileSchema.safeParse(parsed);
      if (!checked.success) {
        throw new OidcSetupError([
          `OIDCPROXY_STORE_DIR: ${JSON.stringify(path)} is not a client registry this server ` +
          "wrote; move it away to start with an empty registry",
        ]);
      }
      clients = checked.data.clients;
    }
    return new ClientStore(dir, clients, options);
  }

  /** Clients registered. */
  get size(): number {
    return this.#clients.size;
  }

  /** The client `clientId`, if registered. */
  get(clientId: string): Readonly<ClientRecord> | undefined {
    return this.#clients.get(clientId);
  }

  /**
   * Register `record` and persist the registry. When full, the oldest registration that never
   * received a token (and is older than {@linkcode EVICTION_GRACE_SECONDS}) makes room.
   *
   * @throws {RegistryFullError} when no registration can make room.
   */
  async add(record: ClientRecord): Promise<void> {
    if (this.#clients.size >= this.#max) {
      const cutoff = Math.floor(this.#now() / 1000) - EVICTION_GRACE_SECONDS;
      const evictable = [...this.#clients.values()]
        .filter((client) => !client.used && client.client_id_issued_at <= cutoff)
        .sort((a, b) => a.client_id_issued_at - b.client_id_issued_at)[0];
      if (!evictable) throw new RegistryFullError(this.#max);
      this.#clients.delete(evictable.client_id);
    }
    this.#clients.set(record.client_id, record);
    await this.#persist();
  }

  /** Record that `clientId` received a token (persisted once). */
  async markUsed(clientId: string): Promise<void> {
    const client = this.#clients.get(clientId);
    if (!client || client.used) return;
    client.used = true;
    await this.#persist();
  }

  /** Write the whole registry: temp file (0600) in the same folder, then rename. */
  #persist(): Promise<void> {
    const snapshot = JSON.stringify(
      { version: 1, clients: [...this.#clients.values()] },
      null,
      1,
    );
    const write = async () => {
      const temp = join(this.#dir, `.${STORE_FILE}.${randomToken(8)}.tmp`);
      try {
        await Deno.writeTextFile(temp, snapshot, { mode: 0o600, createNew: true });
        await Deno.rename(temp, this.#path);
      } catch (error) {
        await Deno.remove(temp).catch(() => {});
        throw error;
      }
    };
    const next = this.#writing.then(write, write);
    this.#writing = next.catch(() => {});
    return next;
  }
}
