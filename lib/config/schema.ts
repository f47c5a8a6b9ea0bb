/**
 * Validation of raw settings into one typed, frozen {@link Config}.
 *
 * @module
 */

import { resolve } from "node:path";
import { z } from "zod";
import { parseScopeList } from "../auth/mod.ts";
import { type AuthConfig, type HttpInputs, type HttpSettings, resolveHttp } from "./http.ts";
import { isLoopbackHost } from "./loopback.ts";
import { Secret } from "./secret.ts";

export { isLoopbackHost };
import type { RawSettings, SettingSource } from "./sources.ts";
import { type Setting, type SettingKey, SETTINGS } from "./settings.ts";

/** The validated configuration. Frozen; secrets are {@link Secret}s. */
export interface Config {
  readonly transport: "stdio" | "streamable-http";
  readonly host: string;
  readonly port: number;
  /** Services to load, or `null` for all. */
  readonly services: readonly string[] | null;
  readonly disabledServices: readonly string[];
  /** Toolsets to load, or `null` for all. */
  readonly toolsets: readonly string[] | null;
  readonly disabledToolsets: readonly string[];
  readonly disabledTools: readonly string[];
  readonly writeEnabled: boolean;
  readonly writeTools: readonly string[];
  readonly logToolCalls: boolean;
  readonly debug: boolean;
  readonly sandbox: boolean;
  /** The `.env` file that was read, or `null`. */
  readonly dotenvPath: string | null;
  /** The PID file asked for (absolute), or `null` for the default (see lib/lifecycle). */
  readonly pidFile: string | null;
  readonly zscaler: ZscalerSettings;
  readonly requestTimeoutMs: number;
  readonly sessionTtlMs: number;
  readonly maxSessions: number;
  readonly shutdownTimeoutMs: number;
  /** TLS, bind policy and the network guard's settings (HTTP only). */
  readonly http: HttpSettings;
  /** HTTP client authentication (`none` for stdio, which has no network surface). */
  readonly auth: AuthConfig;
  /** Things the operator should see in the banner. */
  readonly warnings: readonly string[];
  /** How long a confirmation (token or input request) stays valid. */
  readonly confirmationTtlMs: number;
  /** HMAC keys for confirmations: the first seals, all verify; empty = random per process. */
  readonly confirmationKeys: readonly Secret[];
  /** Audit log file, or `null` for stderr. */
  readonly auditLog: string | null;
  /** Sanitize every string the model reads (off only by ZSCALER_MCP_DISABLE_OUTPUT_SANITIZATION). */
  readonly sanitize: boolean;
}

/** Zscaler OneAPI credentials and endpoints as configured. */
export interface ZscalerSettings {
  readonly clientId?: string;
  readonly clientSecret?: Secret;
  /** PEM text (a path in the setting is read by the loader). */
  readonly privateKey?: Secret;
  readonly vanityDomain?: string;
  readonly customerId?: string;
  readonly cloud: string;
  readonly tokenUrl?: string;
  readonly apiBaseUrl?: string;
}

const bool = z.union([z.boolean(), z.stringbool({ case: "insensitive" })], {
  error: "must be true or false",
});

const int = (min: number, max: number) =>
  z.string().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(
    z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`),
  );

const list = z.string().transform((text) =>
  text.split(",").map((item) => item.trim()).filter((item) => item !== "")
);

const nonEmpty = z.string().trim().min(1, "must not be empty");

/** An https URL, or http only on a loopback host (the sandbox and tests). */
const upstreamUrl = z.string().refine((text) => {
  try {
    const url = new URL(text);
    if (url.username || url.password) return false;
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}, "must be an https URL without credentials (http is allowed only for a loopback host)");

const fields = {
  transport: z.enum(["stdio", "streamable-http"], { error: "must be stdio or streamable-http" }),
  host: nonEmpty,
  port: int(0, 65535),
  services: list,
  disabledServices: list,
  toolsets: list,
  disabledToolsets: list,
  disabledTools: list,
  writeEnabled: bool,
  writeTools: list,
  logToolCalls: bool,
  debug: bool,
  sandbox: bool,
  dotenvPath: nonEmpty,
  pidFile: nonEmpty,
  clientId: nonEmpty,
  clientSecret: nonEmpty,
  privateKey: nonEmpty,
  vanityDomain: nonEmpty,
  customerId: z.string().trim().regex(/^\d{1,25}$/, "must be the numeric ZPA customer id"),
  cloud: z.string().trim().regex(/^[A-Za-z0-9-]{1,40}$/, "must be a cloud name such as production"),
  tokenUrl: upstreamUrl,
  apiBaseUrl: upstreamUrl,
  requestTimeout: int(1, 600),
  sessionTtl: int(1, 86_400),
  maxSessions: int(1, 100_000),
  shutdownTimeout: int(0, 600),
  tlsCertFile: nonEmpty,
  tlsKeyFile: nonEmpty,
  tlsKeyPassword: nonEmpty,
  allowHttp: bool,
  allowedHosts: list,
  disableHostValidation: bool,
  allowedOrigins: list,
  allowedSourceIps: list,
  maxBodyBytes: int(1024, 100 * 1024 * 1024),
  rateLimit: int(0, 1_000_000),
  authEnabled: bool,
  authMode: z.enum(["api-key", "jwt", "zscaler", "oidc", "none"], {
    error: "must be api-key, jwt, zscaler, oidc or none",
  }),
  authApiKey: z.string().trim().min(32, "must be at least 32 characters (--generate-auth-token)"),
  authJwksUri: upstreamUrl,
  authAlgorithms: list,
  authIssuer: nonEmpty,
  authAudience: nonEmpty,
  oidcConfigUrl: nonEmpty,
  oidcBaseUrl: nonEmpty,
  oidcClientId: nonEmpty,
  oidcClientSecret: nonEmpty,
  oidcAudience: nonEmpty,
  oidcRequiredScopes: z.string().transform(parseScopeList),
  oidcAllowedRedirectUris: list,
  oidcStoreDir: nonEmpty,
  oidcCodeTtl: int(1, 600),
  oidcTokenTtl: int(60, 3600),
  confirmationTtl: int(1, 3600),
  confirmationKeys: z.string().transform((text) => text.split(",").map((key) => key.trim()))
    .pipe(
      z.array(z.string().min(32, "each key must be at least 32 characters")).min(1),
    ),
  auditLog: nonEmpty,
  disableSanitization: bool,
} satisfies Record<SettingKey, z.ZodType>;

const BY_KEY = new Map<SettingKey, Setting>(SETTINGS.map((s) => [s.key, s]));

function settingName(key: SettingKey, source: SettingSource | undefined): string {
  const setting = BY_KEY.get(key)!;
  return source === "flag" && setting.flag ? `--${setting.flag}` : setting.env;
}

/**
 * Validates raw settings. Returns the config, or the list of problems (one line each). A secret's
 * value never appears in a problem.
 */
export function validateSettings(
  raw: RawSettings,
  source: Partial<Record<SettingKey, SettingSource>>,
  dotenvPath: string | null,
  readFile: (path: string) => string = Deno.readTextFileSync,
): { config: Config; problems: [] } | { config?: undefined; problems: string[] } {
  const problems: string[] = [];
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const setting of SETTINGS) {
    const key = setting.key;
    const value = raw[key];
    if (value === undefined) continue;
    if (setting.type === "boolean" || typeof value !== "boolean") {
      const parsed = fields[key].safeParse(value);
      if (parsed.success) values[key] = parsed.data;
      else {
        const shown = setting.type === "secret"
          ? ""
          : ` (got ${JSON.stringify(String(value).slice(0, 80))})`;
        problems.push(
          `${settingName(key, source[key])}: ${parsed.error.issues[0].message}${shown}`,
        );
      }
    } else {
      problems.push(`${settingName(key, source[key])}: needs a value`);
    }
  }

  let privateKey: string | undefined;
  if (values.privateKey !== undefined) {
    const given = values.privateKey as string;
    try {
      privateKey = given.startsWith("-----BEGIN") ? given : readFile(given);
      if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(privateKey)) {
        problems.push("ZSCALER_PRIVATE_KEY: is not a PEM private key");
      }
    } catch (error) {
      problems.push(`ZSCALER_PRIVATE_KEY: cannot read the key file (${(error as Error).name})`);
    }
  }
  if (values.clientSecret !== undefined && values.privateKey !== undefined) {
    problems.push("ZSCALER_CLIENT_SECRET and ZSCALER_PRIVATE_KEY: set only one of them");
  }
  const transport = (values.transport as Config["transport"] | undefined) ?? "stdio";
  const host = (values.host as string | undefined) ?? "127.0.0.1";
  const front = resolveHttp({ ...values, transport, host } as HttpInputs, readFile);
  problems.push(...front.problems);
  if (values.disableSanitization === true) {
    front.warnings.push(
      "output SANITIZATION IS OFF (ZSCALER_MCP_DISABLE_OUTPUT_SANITIZATION): tenant text reaches " +
        "the model as-is, prompt-injection carriers included",
    );
  }
  if (problems.length > 0) return { problems };

  const secret = (value: unknown) => value === undefined ? undefined : new Secret(value as string);
  const seconds = (key: SettingKey, fallback: number) =>
    ((values[key] as number) ?? fallback) * 1000;
  const config: Config = {
    transport,
    host,
    port: (values.port as number | undefined) ?? 8000,
    services: emptyToNull(values.services as string[] | undefined),
    disabledServices: (values.disabledServices as string[] | undefined) ?? [],
    toolsets: allToNull(values.toolsets as string[] | undefined),
    disabledToolsets: (values.disabledToolsets as string[] | undefined) ?? [],
    disabledTools: (values.disabledTools as string[] | undefined) ?? [],
    writeEnabled: (values.writeEnabled as boolean | undefined) ?? false,
    writeTools: (values.writeTools as string[] | undefined) ?? [],
    logToolCalls: (values.logToolCalls as boolean | undefined) ?? false,
    debug: (values.debug as boolean | undefined) ?? false,
    sandbox: (values.sandbox as boolean | undefined) ?? false,
    dotenvPath,
    pidFile: values.pidFile === undefined ? null : resolve(values.pidFile as string),
    zscaler: {
      clientId: values.clientId as string | undefined,
      clientSecret: secret(values.clientSecret),
      privateKey: secret(privateKey),
      vanityDomain: values.vanityDomain as string | undefined,
      customerId: values.customerId as string | undefined,
      cloud: ((values.cloud as string | undefined) ?? "production").toLowerCase(),
      tokenUrl: values.tokenUrl as string | undefined,
      apiBaseUrl: values.apiBaseUrl as string | undefined,
    },
    requestTimeoutMs: seconds("requestTimeout", 30),
    sessionTtlMs: seconds("sessionTtl", 1800),
    maxSessions: (values.maxSessions as number | undefined) ?? 100,
    shutdownTimeoutMs: seconds("shutdownTimeout", 10),
    http: front.http,
    auth: front.auth,
    warnings: front.warnings,
    confirmationTtlMs: seconds("confirmationTtl", 300),
    confirmationKeys: ((values.confirmationKeys as string[] | undefined) ?? []).map((key) =>
      new Secret(key)
    ),
    auditLog: (values.auditLog as string | undefined) ?? null,
    sanitize: !((values.disableSanitization as boolean | undefined) ?? false),
  };
  return { config: deepFreeze(config), problems: [] };
}

function emptyToNull(items: string[] | undefined): string[] | null {
  return items === undefined || items.length === 0 ? null : items;
}

function allToNull(items: string[] | undefined): string[] | null {
  const list = emptyToNull(items);
  return list && list.length === 1 && list[0].toLowerCase() === "all" ? null : list;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !(value instanceof Secret)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
