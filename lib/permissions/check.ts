/**
 * The startup check of the outer boundary: which configured host the running process's Deno
 * permissions do not let it reach (a warning each: the requests to it will fail), and whether it
 * may listen where it is told to (a configuration error: it could not serve at all).
 *
 * @module
 */

import type { Config } from "../config/mod.ts";
import { ConfigError } from "../config/mod.ts";
import { writeStderr } from "../log.ts";
import { NAME } from "../version.ts";
import { EXTRA_NET_VAR } from "./set.ts";

/** A configured URL the server will contact, and the setting it came from. */
export interface ConfiguredUrl {
  /** The environment variable that configures it, e.g. `ZSCALER_MCP_AUTH_JWKS_URI`. */
  setting: string;
  url: string;
}

/** Answers whether the process may connect to `host` (`name:port`). */
export type NetQuery = (host: string) => boolean;

/** The real answer: `Deno.permissions.querySync`; anything but "granted" is not allowed. */
export const denoNetQuery: NetQuery = (host) =>
  Deno.permissions.querySync({ name: "net", host }).state === "granted";

/** `host:port` of a URL as Deno's net permission sees it (default port filled in). */
export function netHostOf(url: URL): string {
  const port = url.port ||
    (url.protocol === "https:" ? "443" : url.protocol === "http:" ? "80" : "");
  return port ? `${url.hostname}:${port}` : url.hostname;
}

/**
 * The URLs a configuration makes the server contact: the OneAPI token and API endpoints (as
 * resolved, so a vanity label counts), the JWKS of `jwt` client auth and the discovery document
 * of `oidc` client auth.
 */
export function configuredUrls(
  config: Config,
  upstream: { tokenUrl: string; apiBaseUrl: string },
): ConfiguredUrl[] {
  const urls: ConfiguredUrl[] = [
    { setting: "ZSCALER_MCP_TOKEN_URL", url: upstream.tokenUrl },
    { setting: "ZSCALER_MCP_API_BASE_URL", url: upstream.apiBaseUrl },
  ];
  const { auth } = config;
  if (auth.mode === "jwt" && auth.jwksUri) {
    urls.push({ setting: "ZSCALER_MCP_AUTH_JWKS_URI", url: auth.jwksUri });
  }
  if (auth.mode === "oidc" && auth.oidc?.configUrl) {
    urls.push({ setting: "OIDCPROXY_CONFIG_URL", url: auth.oidc.configUrl });
  }
  return urls;
}

/** One warning per configured host the permission set does not allow (each host once). */
export function blockedHostWarnings(urls: readonly ConfiguredUrl[], allowed: NetQuery): string[] {
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const { setting, url } of urls) {
    let host: string;
    try {
      host = netHostOf(new URL(url));
    } catch {
      continue;
    }
    if (seen.has(host)) continue;
    seen.add(host);
    if (!allowed(host)) {
      warnings.push(
        `${setting}: host ${host} is not in this process's network permissions, so requests to ` +
          `it will fail; add it to ${EXTRA_NET_VAR} when building or starting (deploy/README.md)`,
      );
    }
  }
  return warnings;
}

/** The problem when the HTTP listen address is not allowed, else `undefined`. */
export function listenProblem(config: Config, allowed: NetQuery): string | undefined {
  if (config.transport !== "streamable-http") return undefined;
  const host = config.host.includes(":") && !config.host.startsWith("[")
    ? `[${config.host}]`
    : config.host;
  const target = config.port > 0 ? `${host}:${config.port}` : host;
  if (allowed(target)) return undefined;
  return `ZSCALER_MCP_HOST: this process's network permissions do not allow listening on ` +
    `${target}; add the address to ${EXTRA_NET_VAR} when building or starting (deploy/README.md)`;
}

/**
 * Runs both checks against the process's own permissions: prints one stderr line per blocked
 * host and returns the same lines for the banner's warnings.
 *
 * @throws {ConfigError} when the listen address is not allowed.
 */
export function checkPermissionBoundary(
  config: Config,
  upstream: { tokenUrl: string; apiBaseUrl: string },
  allowed: NetQuery = denoNetQuery,
): string[] {
  const problem = listenProblem(config, allowed);
  if (problem) throw new ConfigError([problem]);
  const warnings = blockedHostWarnings(configuredUrls(config, upstream), allowed);
  for (const warning of warnings) writeStderr(`${NAME}: warning: ${warning}`);
  return warnings;
}
