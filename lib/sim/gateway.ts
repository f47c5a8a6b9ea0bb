/**
 * The OneAPI gateway's own behaviour: bearer extraction, product entitlement, the
 * `x-ratelimit-*` window and the headers every gateway response carries (API-FACTS §1, §3).
 *
 * @module
 */

import { gatewayError } from "./errors.ts";

/**
 * Which `service-info` `prd` values entitle a client to each gateway path prefix
 * (the first path segment). Aliases follow API-FACTS §1.
 */
export const PRODUCT_ENTITLEMENTS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  zia: ["ZIA"],
  zpa: ["ZPA"],
  zdx: ["ZDX"],
  zcc: ["ZCC"],
  ztw: ["ZTW", "CLOUD_CONNECTOR"],
  ziam: ["ZIAM", "ZIDENTITY", "ZID", "IDENTITY"],
  zins: ["ZINSIGHTS", "ZINS", "INSIGHTS"],
  easm: ["ZEASM", "EASM"],
  zms: ["ZMS"],
  zcell: ["ZCELL", "ZCELLULAR", "CELLULAR"],
});

/** Requests per window and window length of the gateway limit (recorded header). */
export const GATEWAY_RATE_LIMIT = 5000;
/** Window length in seconds. */
export const GATEWAY_RATE_WINDOW_SECONDS = 60;

/** The product (first path segment) of a gateway path, or undefined if it is not one. */
export function productOf(pathname: string): string | undefined {
  const first = pathname.split("/")[1] ?? "";
  return Object.hasOwn(PRODUCT_ENTITLEMENTS, first) ? first : undefined;
}

/** Whether a token carrying `services` may call `product`. */
export function isEntitled(product: string, services: readonly string[]): boolean {
  const accepted = PRODUCT_ENTITLEMENTS[product] ?? [];
  return services.some((prd) => accepted.includes(prd.toUpperCase()));
}

/** The bearer token of `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  if (header === null) return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return match?.[1];
}

/** 403 for a product the token is not entitled to. */
export function notEntitled(product: string): Response {
  return gatewayError(
    403,
    `forbidden: the API client is not entitled to ${product.toUpperCase()}`,
  );
}

/** 404 for a path no simulated service serves. */
export function gatewayNotFound(): Response {
  return gatewayError(404, "not found");
}

/** The state of the gateway's fixed rate window after counting one request. */
export interface RateWindowState {
  /** Requests left in the window (never negative). */
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  reset: number;
  /** True when this request went over the limit. */
  exceeded: boolean;
}

/**
 * A fixed 60-second window of 5000 requests, like the recorded
 * `x-ratelimit-limit: 5000, 5000;w=60`. Going over it yields 429 in the service's form.
 */
export class RateWindow {
  #start = 0;
  #count = 0;

  /** Counts one request at `now` (ms). */
  hit(now = Date.now()): RateWindowState {
    const windowMs = GATEWAY_RATE_WINDOW_SECONDS * 1000;
    if (now - this.#start >= windowMs) {
      this.#start = now;
      this.#count = 0;
    }
    this.#count += 1;
    return {
      remaining: Math.max(0, GATEWAY_RATE_LIMIT - this.#count),
      reset: Math.max(1, Math.ceil((this.#start + windowMs - now) / 1000)),
      exceeded: this.#count > GATEWAY_RATE_LIMIT,
    };
  }

  /** Starts a fresh window. */
  reset(): void {
    this.#start = 0;
    this.#count = 0;
  }
}

/**
 * Returns `response` with the gateway headers added: `x-ratelimit-limit`,
 * `x-ratelimit-remaining`, `x-ratelimit-reset`, `x-oneapi-request-id`, `x-oneapi-version`,
 * and for ZIA `x-zscaler-mode: read-write`.
 */
export function withGatewayHeaders(
  response: Response,
  product: string | undefined,
  window: RateWindowState,
): Response {
  const headers = new Headers(response.headers);
  headers.set("x-ratelimit-limit", `${GATEWAY_RATE_LIMIT}, ${GATEWAY_RATE_LIMIT};w=60`);
  headers.set("x-ratelimit-remaining", String(window.remaining));
  headers.set("x-ratelimit-reset", String(window.reset));
  headers.set("x-oneapi-request-id", crypto.randomUUID());
  headers.set("x-oneapi-version", "sim");
  if (product === "zia") headers.set("x-zscaler-mode", "read-write");
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
