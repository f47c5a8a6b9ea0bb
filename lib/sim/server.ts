/**
 * `startSimServer`: serves a {@link SimTenant} over HTTP on a loopback address.
 *
 * It uses `node:http` rather than `Deno.serve`: a `drop` fault must look like a network error
 * to a `fetch()` client (the promise rejects), and `Deno.serve` always sends the status line
 * before a handler's body stream can fail (the client sees a 200 and only the body read
 * fails) while a throwing handler becomes a 500. `node:http` can destroy the socket before
 * anything is written. Every response closes its connection (`connection: close`): `fetch()`
 * transparently retries an idempotent request once when a *reused* keep-alive connection is
 * dropped, which would hide a `drop` fault and double-count requests. Everything else is the
 * tenant's web-standard `Request -> Response`.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gatewayError } from "./errors.ts";
import { SimConnectionDropped } from "./faults.ts";
import type { SimOptions } from "./options.ts";
import { SimTenant } from "./tenant.ts";
import { TOKEN_PATH } from "./token.ts";

/** Largest request body the server accepts (413 above it, like the gateway's documented 413). */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** Options of {@link startSimServer}. */
export interface SimServerOptions extends SimOptions {
  /** Loopback host to bind; default `127.0.0.1`. Anything not loopback is refused. */
  hostname?: string;
  /** Port; default 0 (ephemeral). */
  port?: number;
}

/** A running simulated cloud. */
export interface SimServer {
  /** Origin, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  /** `${url}/oauth2/v1/token`. */
  tokenUrl: string;
  /** The gateway base URL (same as `url`). */
  apiBaseUrl: string;
  /** The tenant behind the server. */
  tenant: SimTenant;
  /** Closes every connection, stops listening and waits for in-flight handlers. */
  close(): Promise<void>;
}

/** True for `localhost`, `127.0.0.0/8` and `::1`. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (host === "localhost" || host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  const parts = host.split(".");
  return parts.length === 4 && parts[0] === "127" &&
    parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function toRequest(req: IncomingMessage, body: Buffer, origin: string, signal: AbortSignal) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = (req.method ?? "GET").toUpperCase();
  const hasBody = method !== "GET" && method !== "HEAD" && body.length > 0;
  // Concatenate (never resolve against a base) so `//host/…` cannot change the origin.
  return new Request(`${origin}${req.url}`, {
    method,
    headers,
    body: hasBody ? new Uint8Array(body) : undefined,
    signal,
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const payload = response.body === null ? undefined : new Uint8Array(await response.arrayBuffer());
  if (res.destroyed) return;
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  // One request per connection: otherwise fetch() silently retries an idempotent request
  // whose reused keep-alive connection was dropped, and a `drop` fault would go unseen.
  res.setHeader("connection", "close");
  res.end(payload);
}

/**
 * Starts the simulated cloud on a loopback port.
 *
 * @throws {Error} when `hostname` is not a loopback address.
 */
export async function startSimServer(options: SimServerOptions = {}): Promise<SimServer> {
  const { hostname = "127.0.0.1", port = 0, ...simOptions } = options;
  if (!isLoopbackHostname(hostname)) {
    throw new Error(`sim: refusing to listen on non-loopback host ${JSON.stringify(hostname)}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error("sim: port must be an integer between 0 and 65535");
  }
  const tenant = new SimTenant(simOptions);
  const inFlight = new Set<Promise<void>>();
  let origin = "";

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) {
        controller.abort(new DOMException("The client closed the connection", "AbortError"));
      }
    });
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size <= MAX_REQUEST_BODY_BYTES) chunks.push(chunk as Buffer);
      }
      if (size > MAX_REQUEST_BODY_BYTES) {
        await writeResponse(res, gatewayError(413, "payload too large"));
        return;
      }
      if (!req.url?.startsWith("/")) {
        await writeResponse(res, new Response("bad request target", { status: 400 }));
        return;
      }
      const request = toRequest(req, Buffer.concat(chunks), origin, controller.signal);
      const response = await tenant.fetch(request);
      await writeResponse(res, response);
    } catch (error) {
      if (error instanceof SimConnectionDropped || controller.signal.aborted) {
        req.socket.destroy();
        return;
      }
      // A simulator bug: say so loudly, answer 500.
      console.error("sim: internal error:", error);
      if (!res.headersSent && !res.destroyed) {
        res.statusCode = 500;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ detail: "simulator error", type: "", title: "", status: "" }));
      }
    }
  };

  const server = createServer((req, res) => {
    const done = handle(req, res).finally(() => inFlight.delete(done));
    inFlight.add(done);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" || address.address.includes(":")
    ? `[${address.address}]`
    : address.address;
  origin = `http://${host}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    tokenUrl: `${origin}${TOKEN_PATH}`,
    apiBaseUrl: origin,
    tenant,
    close(): Promise<void> {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await Promise.allSettled([...inFlight]);
      })();
      return closing;
    },
  };
}
