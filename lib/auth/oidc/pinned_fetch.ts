/**
 * One HTTPS GET to an address chosen by the caller, not by a resolver: a TCP connection to a
 * checked IP address, TLS on top of it verified for the URL's host name (Deno's TLS, its root
 * store plus optional extra CAs), one HTTP/1.1 request with `Connection: close`, and the response
 * parsed with `http-parser-js`. No redirects are followed; the whole exchange has one deadline
 * and the body one size cap.
 *
 * This exists because `fetch` resolves names itself: checking a name's addresses and then
 * fetching by name would let a second DNS answer (rebinding) send the request elsewhere.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { HTTPParser } from "http-parser-js";
import { DEFAULT_USER_AGENT } from "../../zscaler/http.ts";

/** Why a pinned request failed. */
export class PinnedFetchError extends Error {
  /** `timeout`, `too_large`, `network` or `malformed_response`. */
  readonly kind: "timeout" | "too_large" | "network" | "malformed_response";

  /** Build the error; the cause is kept for debugging. */
  constructor(kind: PinnedFetchError["kind"], options?: { cause?: unknown }) {
    super(`pinned request failed (${kind})`, options);
    this.name = "PinnedFetchError";
    this.kind = kind;
  }
}

/** What came back. */
export interface PinnedResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/** Options of {@linkcode pinnedGet}. */
export interface PinnedGetOptions {
  /** Extra trusted CA certificates, PEM. */
  caCerts?: readonly string[];
  /** Deadline for the whole exchange, in milliseconds. */
  timeoutMs: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** The `Accept` header. */
  accept?: string;
}

const MAX_HEADER_BYTES = 16 * 1024;

/**
 * GET `url` over a connection to `addresses` (tried in order until one connects).
 *
 * @throws {PinnedFetchError} on timeout, a connection or TLS failure, an oversized body or an
 * unparsable response.
 */
export async function pinnedGet(
  url: URL,
  addresses: readonly string[],
  options: PinnedGetOptions,
): Promise<PinnedResponse> {
  if (url.protocol !== "https:") throw new PinnedFetchError("network");
  const controller = new AbortController();
  let timedOut = false;
  const timer: ReturnType<typeof setTimeout> = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  let tls: Deno.TlsConn | undefined;
  const onAbort = () => {
    try {
      tls?.close();
    } catch {
      // already closed
    }
  };
  controller.signal.addEventListener("abort", onAbort);
  try {
    const port = url.port === "" ? 443 : Number(url.port);
    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    let tcp: Deno.TcpConn | undefined;
    let lastError: unknown;
    for (const address of addresses) {
      try {
        tcp = await Deno.connect({ hostname: address, port, signal: controller.signal });
        break;
      } catch (error) {
        lastError = error;
        if (controller.signal.aborted) break;
      }
    }
    if (!tcp) throw lastError ?? new Error("no address");
    try {
      tls = await Deno.startTls(tcp, {
        hostname,
        ...(options.caCerts ? { caCerts: [...options.caCerts] } : {}),
      });
    } catch (error) {
      try {
        tcp.close();
      } catch {
        // the handshake already closed it
      }
      throw error;
    }
    if (controller.signal.aborted) throw new Error("aborted");
    const request = [
      `GET ${url.pathname}${url.search} HTTP/1.1`,
      `Host: ${url.host}`,
      `Accept: ${options.accept ?? "application/json"}`,
      `User-Agent: ${DEFAULT_USER_AGENT}`,
      "Accept-Encoding: identity",
      "Connection: close",
      "",
      "",
    ].join("\r\n");
    await tls.write(new TextEncoder().encode(request));
    return await readResponse(tls, options.maxBytes);
  } catch (error) {
    if (error instanceof PinnedFetchError) throw error;
    throw new PinnedFetchError(timedOut ? "timeout" : "network", { cause: error });
  } finally {
    clearTimeout(timer);
    controller.signal.removeEventListener("abort", onAbort);
    onAbort();
  }
}

async function readResponse(conn: Deno.Conn, maxBytes: number): Promise<PinnedResponse> {
  const parser = new HTTPParser(HTTPParser.RESPONSE);
  parser.maxHeaderSize = MAX_HEADER_BYTES;
  let status = 0;
  const headers = new Headers();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let complete = false;
  let tooLarge = false;
  parser[HTTPParser.kOnHeadersComplete] = (info) => {
    status = info.statusCode;
    for (let i = 0; i + 1 < info.headers.length; i += 2) {
      try {
        headers.append(info.headers[i], info.headers[i + 1]);
      } catch {
        // a header value Headers refuses is dropped
      }
    }
  };
  parser[HTTPParser.kOnBody] = (chunk, offset, length) => {
    total += length;
    if (total > maxBytes) tooLarge = true;
    else chunks.push(new Uint8Array(chunk.subarray(offset, offset + length)));
  };
  parser[HTTPParser.kOnMessageComplete] = () => {
    complete = true;
  };
  const declared = () => Number(headers.get("content-length"));
  const buffer = new Uint8Array(16 * 1024);
  for (;;) {
    const read = await conn.read(buffer);
    if (read === null) {
      const ended = parser.finish();
      if (ended instanceof Error) {
        throw new PinnedFetchError("malformed_response", { cause: ended });
      }
      break;
    }
    const result = parser.execute(Buffer.from(buffer.subarray(0, read)));
    if (result instanceof Error) {
      throw new PinnedFetchError("malformed_response", { cause: result });
    }
    if (status !== 0 && Number.isFinite(declared()) && declared() > maxBytes) tooLarge = true;
    if (tooLarge) throw new PinnedFetchError("too_large");
    if (complete) break;
    // A redirect or an error needs no body: stop reading as soon as the status is known.
    if (status !== 0 && status !== 200) break;
  }
  if (status === 0) throw new PinnedFetchError("malformed_response");
  const body = new Uint8Array(total > maxBytes ? 0 : total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return { status, headers, body };
}
