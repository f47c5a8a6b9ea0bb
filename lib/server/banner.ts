/**
 * The security-posture banner printed to stderr at startup: one block that tells an operator what
 * is exposed and which defences are on, before anything is served.
 *
 * @module
 */

import { issuerOfConfigUrl } from "../auth/mod.ts";
import { type AuthConfig, type Config, isLoopbackHost } from "../config/mod.ts";
import { isWrite, type ToolSpec } from "../tools/mod.ts";
import { NAME, VERSION } from "../version.ts";

/** Facts the banner reports that are known only at run time. */
export interface BannerFacts {
  config: Config;
  tools: readonly ToolSpec[];
  /** `http://host:port/mcp` once listening; undefined for stdio. */
  endpoint?: string;
  /** The simulated tenant's URL in sandbox mode. */
  sandboxUrl?: string;
  /** Where the token and API requests go. */
  upstream: string;
  warnings: readonly string[];
}

/** Renders the banner (no trailing newline). */
export function renderBanner(facts: BannerFacts): string {
  const { config, tools } = facts;
  const http = config.transport === "streamable-http";
  const writes = tools.filter(isWrite).length;
  const perService = new Map<string, number>();
  for (const tool of tools) perService.set(tool.service, (perService.get(tool.service) ?? 0) + 1);
  const { http: net, auth } = config;
  const na = "not applicable";
  const tls = net.tls
    ? `on (${net.tls.certFile})`
    : isLoopbackHost(config.host)
    ? "off (loopback bind)"
    : "off: ZSCALER_MCP_ALLOW_HTTP says a proxy in front terminates TLS";
  const rows: [string, string][] = [
    ["transport", config.transport],
    ["bind", http ? facts.endpoint ?? `${config.host}:${config.port}` : "stdin/stdout"],
    ["TLS", http ? tls : na],
    ["client auth", http ? authLabel(auth) : "not applicable (no network surface)"],
    [
      "host validation",
      http
        ? (net.allowedHosts ? `on (${net.allowedHosts.join(", ")})` : "OFF (development only)")
        : na,
    ],
    [
      "origin check",
      http ? `on (same origin${net.allowedOrigins.map((o) => `, ${o}`).join("")})` : na,
    ],
    [
      "IP ACL",
      http
        ? (net.allowedSourceIps ? `on (${net.allowedSourceIps.join(", ")})` : "off (any source)")
        : na,
    ],
    [
      "limits",
      http
        ? `body ${net.maxBodyBytes} bytes, ` +
          (net.rateLimitPerMinute
            ? `${net.rateLimitPerMinute} requests/min per client`
            : "no rate limit")
        : na,
    ],
    [
      "write tools",
      config.writeEnabled ? `enabled, ${writes} registered by allowlist` : "off (0 registered)",
    ],
    [
      "sanitization",
      config.sanitize
        ? "on (every string the model reads: results, errors, prompts)"
        : "OFF (ZSCALER_MCP_DISABLE_OUTPUT_SANITIZATION)",
    ],
    [
      "confirmations",
      `always on for deletes and activation (a question when the client can be asked, ` +
      `else a ${Math.round(config.confirmationTtlMs / 1000)} s single-use token)`,
    ],
    [
      "audit logging",
      config.logToolCalls
        ? `JSON lines to ${config.auditLog ?? "stderr"}`
        : "off (refusals are still logged)",
    ],
    ["upstream", facts.upstream],
    [
      "tools",
      `${tools.length} registered (${[...perService].map(([s, n]) => `${s} ${n}`).join(", ")})`,
    ],
    [
      "sandbox",
      config.sandbox ? "ON: SIMULATED TENANT, nothing contacts Zscaler" : "off (live tenant)",
    ],
  ];
  const lines = [`${NAME} ${VERSION}: security posture`];
  for (const [label, value] of rows) lines.push(`  ${label.padEnd(16)} ${value}`);
  for (const warning of [...config.warnings, ...facts.warnings]) {
    lines.push(`  warning: ${warning}`);
  }
  if (config.sandbox) {
    const bar = "!".repeat(72);
    lines.unshift(bar, "!! SANDBOX MODE: every answer comes from a SIMULATED Zscaler tenant", bar);
    lines.push(bar);
  }
  return lines.join("\n");
}

function authLabel(auth: AuthConfig): string {
  switch (auth.mode) {
    case "api-key":
      return "api-key (bearer token, constant-time check)";
    case "jwt":
      return `jwt (JWKS ${auth.jwksUri}; aud ${auth.audience}; ${auth.algorithms.join(",")})`;
    case "zscaler":
      return "zscaler (OneAPI client credentials checked at ZIdentity)";
    case "oidc":
      return oidcLabel(auth);
    case "none":
      return "none (loopback only)";
  }
}

/** oidc mode: the public origin (this server as authorization server), the IdP and the scopes. */
function oidcLabel(auth: AuthConfig): string {
  const oidc = auth.oidc;
  if (!oidc) return "oidc";
  let issuer = oidc.configUrl;
  try {
    issuer = issuerOfConfigUrl(new URL(oidc.configUrl)) ?? oidc.configUrl;
  } catch {
    // shown as configured
  }
  const scopes = oidc.requiredScopes?.length ? oidc.requiredScopes.join(" ") : "none";
  const direct = oidc.audience ? `; IdP tokens accepted for aud ${oidc.audience}` : "";
  return `oidc (OAuth 2.1 authorization server ${new URL(oidc.baseUrl).origin}; IdP ${issuer}; ` +
    `required scopes ${scopes}${direct})`;
}
