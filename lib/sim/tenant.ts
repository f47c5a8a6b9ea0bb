/**
 * {@link SimTenant}: the whole simulated Zscaler cloud on one origin — the ZIdentity token
 * endpoint, the OneAPI gateway (auth, entitlement, rate headers, faults) and the ZIA and ZPA
 * services behind it — as a web-standard `Request -> Response` function.
 *
 * @module
 */

import { handleControl } from "./control.ts";
import { gatewayUnauthorized, ziaError, zpaError } from "./errors.ts";
import {
  FaultInjector,
  faultResponse,
  type FaultSpec,
  rateLimitResponse,
  SimConnectionDropped,
} from "./faults.ts";
import {
  bearerToken,
  gatewayNotFound,
  isEntitled,
  notEntitled,
  productOf,
  RateWindow,
  withGatewayHeaders,
} from "./gateway.ts";
import {
  abortableDelay,
  type BodyResult,
  parseBodyText,
  parseQuery,
  type ServiceRequest,
  splitPath,
} from "./http.ts";
import { type ResolvedSimOptions, resolveSimOptions, type SimOptions } from "./options.ts";
import { handleTokenRequest, TOKEN_PATH, TokenIssuer } from "./token.ts";
import { handleZia, ZIA_BASE } from "./zia.ts";
import { ZiaModel } from "./zia_model.ts";
import { handleZpa } from "./zpa.ts";
import { ZpaModel } from "./zpa_model.ts";

/** One request the tenant served (control endpoints are not recorded). */
export interface RecordedRequest {
  /** Upper-case method. */
  method: string;
  /** URL path as the gateway saw it. */
  path: string;
  /** Parsed query. */
  query: Record<string, string>;
  /**
   * Parsed JSON body; `null` without a body; the raw text when it is not JSON. Token requests
   * record their form fields with `client_secret` and `client_assertion` redacted.
   */
  body: unknown;
  /** `token`, or the product segment (`zia`, `zpa`, …), or `unknown`. */
  service: string;
  /** Final status; 0 while in flight and for dropped connections, 499 when the client aborted. */
  status: number;
  /** Arrival time, epoch milliseconds. */
  at: number;
}

/** Status recorded for a request whose client went away during a latency fault. */
export const CLIENT_CLOSED_STATUS = 499;

function recordedBody(body: BodyResult): unknown {
  if (body.kind === "json") return body.value;
  if (body.kind === "invalid") return body.text;
  return null;
}

/**
 * A simulated Zscaler tenant.
 *
 * Request pipeline (gateway paths): record → bearer token (401) → product known (404) →
 * entitlement (403) → gateway rate window (429) → faults → service routing. Faults are taken
 * before routing, so a fault never mutates state.
 */
export class SimTenant {
  /** The resolved options. */
  readonly options: ResolvedSimOptions;
  /** Every request to the gateway and the token endpoint, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Armed faults. */
  readonly faults: FaultInjector = new FaultInjector();
  /** ZIA state: `status`, `collection(name)`, `get(name, id)`. */
  readonly zia: ZiaModel = new ZiaModel();
  /** ZPA state: `collection(name)`, `get(name, id)`, `policySet(type)`, `rulesOfType(type)`. */
  readonly zpa: ZpaModel = new ZpaModel();
  readonly #issuer: TokenIssuer;
  readonly #window = new RateWindow();

  /**
   * Creates a freshly seeded tenant.
   *
   * @throws {TypeError} for invalid options (see `resolveSimOptions`).
   */
  constructor(options?: SimOptions) {
    this.options = resolveSimOptions(options);
    this.#issuer = new TokenIssuer(this.options);
  }

  /**
   * Serves one request. Bound, so it can be passed around as a `fetch` implementation.
   * Rejects with {@link SimConnectionDropped} for a `drop` fault and with the signal's reason
   * when the request is aborted during a `latency` fault — as `fetch()` would.
   */
  readonly fetch = (request: Request): Promise<Response> => this.#handle(request);

  /** How many requests reached the token endpoint. */
  tokenRequests(): number {
    return this.requests.filter((r) => r.service === "token").length;
  }

  /** Makes every token minted so far invalid: the next gateway call with one gets 401. */
  expireTokens(): void {
    this.#issuer.expireAll();
  }

  /** Reseeds ZIA and ZPA, disarms faults, forgets recorded requests. Tokens stay valid. */
  reset(): void {
    this.zia.reset();
    this.zpa.reset();
    this.faults.clear();
    this.requests.length = 0;
    this.#window.reset();
  }

  /** Arms a fault (shorthand for `faults.add`). */
  addFault(spec: FaultSpec): void {
    this.faults.add(spec);
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (this.options.control && url.pathname.startsWith("/__sim/")) {
      return await handleControl(this, request, url);
    }
    if (url.pathname === TOKEN_PATH) return await this.#token(request, url);
    return await this.#gateway(request, url);
  }

  async #token(request: Request, url: URL): Promise<Response> {
    const record: RecordedRequest = {
      method: request.method.toUpperCase(),
      path: url.pathname,
      query: parseQuery(url),
      body: null,
      service: "token",
      status: 0,
      at: Date.now(),
    };
    this.requests.push(record);
    const early = await this.#applyFault(request, record);
    if (early !== undefined) {
      await request.body?.cancel();
      record.status = early.status;
      return early;
    }
    const exchange = await handleTokenRequest(request, this.options, this.#issuer);
    record.body = exchange.recordedBody;
    record.status = exchange.response.status;
    return exchange.response;
  }

  /**
   * Takes a matching fault: returns its response, or undefined to continue (no fault, or
   * after a latency delay). Throws for drop and for an abort during the delay.
   */
  async #applyFault(request: Request, record: RecordedRequest): Promise<Response | undefined> {
    const fault = this.faults.take({
      method: record.method,
      path: record.path,
      service: record.service,
    });
    if (fault === undefined) return undefined;
    if (fault.kind === "drop") {
      await request.body?.cancel().catch(() => {});
      throw new SimConnectionDropped();
    }
    if (fault.kind === "latency") {
      try {
        await abortableDelay(fault.delayMs ?? 0, request.signal);
      } catch (reason) {
        record.status = CLIENT_CLOSED_STATUS;
        throw reason;
      }
      return undefined;
    }
    return faultResponse(fault, record.service, record.method);
  }

  async #gateway(request: Request, url: URL): Promise<Response> {
    const product = productOf(url.pathname);
    const window = this.#window.hit();
    const text = await request.text();
    const body = parseBodyText(text);
    const record: RecordedRequest = {
      method: request.method.toUpperCase(),
      path: url.pathname,
      query: parseQuery(url),
      body: recordedBody(body),
      service: product ?? "unknown",
      status: 0,
      at: Date.now(),
    };
    this.requests.push(record);
    const finish = (response: Response): Response => {
      record.status = response.status;
      return withGatewayHeaders(response, product, window);
    };

    const token = bearerToken(request);
    const verified = token === undefined ? undefined : await this.#issuer.verify(token);
    if (verified === undefined) return finish(gatewayUnauthorized());
    if (product === undefined) return finish(gatewayNotFound());
    if (!isEntitled(product, verified.services)) return finish(notEntitled(product));
    if (window.exceeded) {
      const retryAfter = product === "zpa" ? `${window.reset}s` : String(window.reset);
      return finish(rateLimitResponse(product, record.method, retryAfter));
    }
    const faulted = await this.#applyFault(request, record);
    if (faulted !== undefined) return finish(faulted);
    return finish(this.#route(request, url, product, body, verified.clientId));
  }

  #route(
    request: Request,
    url: URL,
    product: string,
    body: BodyResult,
    clientId: string,
  ): Response {
    const segments = splitPath(url.pathname);
    const make = (rest: string[]): ServiceRequest => ({
      method: request.method.toUpperCase(),
      url,
      segments: rest,
      query: parseQuery(url),
      contentType: (request.headers.get("content-type") ?? "").toLowerCase(),
      body,
      clientId,
    });
    if (product === "zia") {
      const base = ZIA_BASE.split("/").slice(1);
      if (segments === undefined || base.some((part, i) => segments[i] !== part)) {
        return ziaError(404, "RESOURCE_NOT_FOUND", `No API endpoint ${url.pathname}`);
      }
      return handleZia(this.zia, make(segments.slice(base.length)));
    }
    if (product === "zpa") {
      if (segments === undefined) {
        return zpaError(404, "resource.not.found", `No API endpoint ${url.pathname}`);
      }
      return handleZpa(this.zpa, make(segments.slice(1)), this.options.customerId);
    }
    return gatewayNotFound();
  }
}
