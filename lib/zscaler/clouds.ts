/**
 * Zscaler clouds: where the ZIdentity token endpoint and the OneAPI gateway live for a cloud
 * name and a tenant vanity label.
 *
 * | cloud        | token host                      | API gateway             |
 * |--------------|---------------------------------|-------------------------|
 * | `production` | `<vanity>.zslogin.net`          | `api.zsapi.net`         |
 * | `beta`       | `<vanity>.zsloginbeta.net`      | `api.beta.zsapi.net`    |
 * | `gov`        | `<vanity>.zidentitygov.net`     | `api.zscalergov.net`    |
 * | `govus`      | `<vanity>.zidentitygov.us`      | `api.zscalergov.us`     |
 * | other `X`    | `<vanity>.zslogin<X>.net`       | `api.<X>.zsapi.net`     |
 *
 * The last row is the SDKs' formula and is not verified against a live cloud.
 *
 * @module
 */

import { ZscalerConfigError } from "./errors.ts";

/** The clouds with a verified (documented or SDK-tabled) host mapping. */
export const KNOWN_CLOUDS: readonly string[] = Object.freeze([
  "production",
  "beta",
  "gov",
  "govus",
]);

/** The cloud used when none is configured. */
export const DEFAULT_CLOUD = "production";

/** The OAuth audience every OneAPI token is requested for. */
export const ONEAPI_AUDIENCE = "https://api.zscaler.com";

/** Path of the ZIdentity token endpoint on the vanity host. */
export const TOKEN_PATH = "/oauth2/v1/token";

/** The two endpoints of a tenant. */
export interface ZscalerEndpoints {
  /** `https://<vanity>.<identity host>/oauth2/v1/token` */
  tokenUrl: string;
  /** `https://<gateway host>` (no trailing slash, no path). */
  apiBaseUrl: string;
}

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

interface Hosts {
  identityHost: string;
  apiHost: string;
}

/**
 * Normalize and validate a cloud name: trimmed, lower-cased, a DNS-label-safe word. An empty
 * value means {@linkcode DEFAULT_CLOUD}.
 *
 * @throws {ZscalerConfigError} when the name cannot be part of a host name.
 */
export function normalizeCloud(cloud: string): string {
  const value = (cloud ?? "").trim().toLowerCase();
  if (value === "") return DEFAULT_CLOUD;
  if (!DNS_LABEL.test(value)) {
    throw new ZscalerConfigError(
      `ZSCALER_CLOUD "${printable(cloud)}" is not a valid cloud name`,
      {
        hint: `Use one of ${KNOWN_CLOUDS.join(", ")} (letters, digits and hyphens only)`,
      },
    );
  }
  return value;
}

/**
 * Normalize and validate a tenant vanity label: trimmed, lower-cased, one DNS label such as
 * `acme`. A host name such as `acme.zsapi.net` or `acme.zslogin.net` is refused.
 *
 * @throws {ZscalerConfigError} when the value is not a bare DNS label.
 */
export function normalizeVanity(vanity: string): string {
  const value = (vanity ?? "").trim().toLowerCase();
  if (value === "") {
    throw new ZscalerConfigError("ZSCALER_VANITY_DOMAIN is empty", {
      hint: 'Set it to your tenant\'s vanity label, e.g. "acme" for acme.zslogin.net',
    });
  }
  if (value.includes(".") || value.includes("/") || value.includes(":")) {
    const label = value.replace(/^[a-z]+:\/\//, "").split(/[./:]/)[0] ?? "";
    throw new ZscalerConfigError(
      `ZSCALER_VANITY_DOMAIN "${printable(vanity)}" is a host name or URL, not a vanity label`,
      {
        hint: `Use only the label${
          DNS_LABEL.test(label) ? ` (e.g. "${label}")` : ""
        }: the client builds <label>.zslogin.net itself`,
      },
    );
  }
  if (!DNS_LABEL.test(value)) {
    throw new ZscalerConfigError(
      `ZSCALER_VANITY_DOMAIN "${printable(vanity)}" is not a valid vanity label`,
      { hint: 'Use only letters, digits and hyphens (max 63), e.g. "acme"' },
    );
  }
  return value;
}

function hostsFor(cloud: string, vanity: string): Hosts {
  const c = normalizeCloud(cloud);
  const v = normalizeVanity(vanity);
  switch (c) {
    case "production":
      return { identityHost: `${v}.zslogin.net`, apiHost: "api.zsapi.net" };
    case "beta":
      return { identityHost: `${v}.zsloginbeta.net`, apiHost: "api.beta.zsapi.net" };
    case "gov":
      return { identityHost: `${v}.zidentitygov.net`, apiHost: "api.zscalergov.net" };
    case "govus":
      return { identityHost: `${v}.zidentitygov.us`, apiHost: "api.zscalergov.us" };
  }
  const identityLabel = `zslogin${c}`;
  if (identityLabel.length > 63) {
    throw new ZscalerConfigError(`ZSCALER_CLOUD "${c}" is too long to form a host name`, {
      hint: `Use one of ${KNOWN_CLOUDS.join(", ")}`,
    });
  }
  return { identityHost: `${v}.${identityLabel}.net`, apiHost: `api.${c}.zsapi.net` };
}

/**
 * The token URL and API base URL of a tenant.
 *
 * @param cloud Cloud name, case-insensitive; `""` means `production`.
 * @param vanity Tenant vanity label only (`acme`), never a host name.
 * @throws {ZscalerConfigError} for an invalid cloud or vanity label.
 *
 * @example
 * ```ts
 * resolveEndpoints("production", "acme");
 * // { tokenUrl: "https://acme.zslogin.net/oauth2/v1/token", apiBaseUrl: "https://api.zsapi.net" }
 * ```
 */
export function resolveEndpoints(cloud: string, vanity: string): ZscalerEndpoints {
  const { identityHost, apiHost } = hostsFor(cloud, vanity);
  return { tokenUrl: `https://${identityHost}${TOKEN_PATH}`, apiBaseUrl: `https://${apiHost}` };
}

/**
 * The two host names a tenant's client talks to (token host first, then the gateway), for a
 * Deno `--allow-net` list.
 *
 * @throws {ZscalerConfigError} for an invalid cloud or vanity label.
 */
export function allowedHosts(cloud: string, vanity: string): string[] {
  const { identityHost, apiHost } = hostsFor(cloud, vanity);
  return [identityHost, apiHost];
}

/** True when the cloud name (case-insensitive; `""` = production) is one of {@linkcode KNOWN_CLOUDS}. */
export function isKnownCloud(cloud: string): boolean {
  const value = (cloud ?? "").trim().toLowerCase();
  return KNOWN_CLOUDS.includes(value === "" ? DEFAULT_CLOUD : value);
}

function printable(value: unknown): string {
  // deno-lint-ignore no-control-regex
  return String(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, "?").slice(0, 80);
}
