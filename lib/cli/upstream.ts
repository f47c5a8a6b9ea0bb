/**
 * Where the server's OneAPI client points: the real tenant (endpoints resolved from the cloud and
 * vanity label, credentials from config) or, with --sandbox, the in-process simulated tenant.
 *
 * @module
 */

import { type Config, ConfigError, credentialProblems } from "../config/mod.ts";
import type { Logger } from "../log.ts";
import { startSimServer } from "../sim/mod.ts";
import { NAME, VERSION } from "../version.ts";
import { resolveEndpoints, ZscalerClient, ZscalerError } from "../zscaler/mod.ts";

/** Where the client sends requests, and with what credentials. */
export interface Upstream {
  tokenUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret?: string;
  privateKey?: string;
  customerId: string;
  close(): Promise<void>;
}

/** Resolves the real tenant's endpoints and credentials; problems are config errors. */
export function liveUpstream(config: Config, needsCustomerId: boolean): Upstream {
  const z = config.zscaler;
  const problems = credentialProblems(config);
  if (needsCustomerId && !z.customerId) {
    problems.push(
      "ZSCALER_CUSTOMER_ID: is required for ZPA tools (or add --disabled-services zpa)",
    );
  }
  let endpoints = { tokenUrl: z.tokenUrl ?? "", apiBaseUrl: z.apiBaseUrl ?? "" };
  if (z.vanityDomain && (!z.tokenUrl || !z.apiBaseUrl)) {
    try {
      const resolved = resolveEndpoints(z.cloud, z.vanityDomain);
      endpoints = {
        tokenUrl: z.tokenUrl ?? resolved.tokenUrl,
        apiBaseUrl: z.apiBaseUrl ?? resolved.apiBaseUrl,
      };
    } catch (error) {
      problems.push(error instanceof ZscalerError ? error.message : String(error));
    }
  } else if (!z.apiBaseUrl && z.tokenUrl) {
    problems.push(
      "ZSCALER_MCP_API_BASE_URL: is required when ZSCALER_MCP_TOKEN_URL is set without ZSCALER_VANITY_DOMAIN",
    );
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    ...endpoints,
    clientId: z.clientId!,
    clientSecret: z.clientSecret?.reveal(),
    privateKey: z.privateKey?.reveal(),
    customerId: z.customerId ?? "",
    close: () => Promise.resolve(),
  };
}

/** Starts the in-process simulated tenant on an ephemeral loopback port. */
export async function sandboxUpstream(): Promise<Upstream> {
  const clientSecret = crypto.randomUUID();
  const sim = await startSimServer({
    hostname: "127.0.0.1",
    port: 0,
    clients: [{ clientId: "sandbox", clientSecret }],
  });
  return {
    tokenUrl: sim.tokenUrl,
    apiBaseUrl: sim.apiBaseUrl,
    clientId: "sandbox",
    clientSecret,
    customerId: sim.tenant.options.customerId,
    close: () => sim.close(),
  };
}

/** Builds the OneAPI client; a credential it cannot use (an unparsable key) is a config error. */
export function createClient(config: Config, upstream: Upstream, logger: Logger): ZscalerClient {
  try {
    return new ZscalerClient({
      tokenUrl: upstream.tokenUrl,
      apiBaseUrl: upstream.apiBaseUrl,
      credentials: {
        clientId: upstream.clientId,
        clientSecret: upstream.clientSecret,
        privateKey: upstream.privateKey,
      },
      timeoutMs: config.requestTimeoutMs,
      userAgent: `${NAME}/${VERSION}`,
      onEvent: (event) => logger.debug("upstream", { ...event }),
    });
  } catch (error) {
    if (error instanceof ZscalerError) {
      const setting = upstream.privateKey ? "ZSCALER_PRIVATE_KEY" : "ZSCALER_CLIENT_ID";
      throw new ConfigError([`${setting}: ${error.message}`]);
    }
    throw error;
  }
}
