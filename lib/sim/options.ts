/**
 * Options of the simulated tenant and their resolution to defaults.
 *
 * @module
 */

/** The `prd` values a default simulated API client is entitled to. */
export const DEFAULT_SERVICES: readonly string[] = Object.freeze([
  "ZIA",
  "ZPA",
  "ZDX",
  "ZCC",
  "ZIAM",
  "ZINSIGHTS",
  "ZEASM",
  "ZMS",
  "CLOUD_CONNECTOR",
]);

/** Client id of the default simulated API client. */
export const DEFAULT_CLIENT_ID = "sim-client-id";
/** Client secret of the default simulated API client. */
export const DEFAULT_CLIENT_SECRET = "sim-client-secret";
/** Default vanity (tenant label) of the simulated ZIdentity. */
export const DEFAULT_VANITY = "sandbox";
/** Default ZPA customer id (the one in the recorded samples). */
export const DEFAULT_CUSTOMER_ID = "216196257331281920";
/** Default access-token lifetime in seconds. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/** An API client registered in the simulated ZIdentity. */
export interface SimClient {
  /** The OAuth client id. */
  clientId: string;
  /** Secret for `client_secret` authentication (form field or HTTP Basic). */
  clientSecret?: string;
  /** Public key for `private_key_jwt` (RFC 7523 `client_assertion`, RS256 or ES256). */
  publicKey?: CryptoKey | JsonWebKey;
  /** `prd` values put in the token's `service-info` claim; default {@link DEFAULT_SERVICES}. */
  services?: string[];
}

/** Options of a {@link SimTenant}. */
export interface SimOptions {
  /** Tenant label used in the ZIdentity host name; default `"sandbox"`. */
  vanity?: string;
  /** ZPA customer id used in ZPA paths; default `"216196257331281920"`. */
  customerId?: string;
  /** Registered API clients; default one client `sim-client-id` / `sim-client-secret`. */
  clients?: SimClient[];
  /** Lifetime of minted access tokens in seconds; default 3600. */
  tokenTtlSeconds?: number;
  /** Expose the `/__sim/*` control endpoints; default false. */
  control?: boolean;
}

/** A {@link SimClient} with its service list resolved. */
export interface ResolvedSimClient extends SimClient {
  /** Always present after resolution. */
  services: string[];
}

/** {@link SimOptions} with every default applied. */
export interface ResolvedSimOptions {
  /** Tenant label. */
  vanity: string;
  /** ZPA customer id. */
  customerId: string;
  /** Registered clients, services resolved. */
  clients: ResolvedSimClient[];
  /** Token lifetime in seconds. */
  tokenTtlSeconds: number;
  /** Whether `/__sim/*` exists. */
  control: boolean;
}

/**
 * Applies defaults to `options` and validates them.
 *
 * @throws {TypeError} when a value is malformed (bad vanity label, non-numeric customer id,
 *   non-positive TTL, duplicate client ids, a client without any credential).
 */
export function resolveSimOptions(options: SimOptions = {}): ResolvedSimOptions {
  const vanity = options.vanity ?? DEFAULT_VANITY;
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(vanity)) {
    throw new TypeError("sim: vanity must be a bare host label such as 'acme'");
  }
  const customerId = options.customerId ?? DEFAULT_CUSTOMER_ID;
  if (!/^[0-9]{1,20}$/.test(customerId)) {
    throw new TypeError("sim: customerId must be a decimal string");
  }
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(tokenTtlSeconds) || tokenTtlSeconds < 1) {
    throw new TypeError("sim: tokenTtlSeconds must be a positive integer");
  }
  const given = options.clients ??
    [{ clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET }];
  if (given.length === 0) throw new TypeError("sim: at least one client is required");
  const seen = new Set<string>();
  const clients = given.map((client): ResolvedSimClient => {
    if (typeof client.clientId !== "string" || client.clientId === "") {
      throw new TypeError("sim: every client needs a non-empty clientId");
    }
    if (seen.has(client.clientId)) {
      throw new TypeError(`sim: duplicate clientId ${JSON.stringify(client.clientId)}`);
    }
    seen.add(client.clientId);
    if (client.clientSecret === undefined && client.publicKey === undefined) {
      throw new TypeError(
        `sim: client ${JSON.stringify(client.clientId)} needs a clientSecret or a publicKey`,
      );
    }
    return { ...client, services: [...(client.services ?? DEFAULT_SERVICES)] };
  });
  return { vanity, customerId, clients, tokenTtlSeconds, control: options.control ?? false };
}
