/**
 * A transport that hands every inbound message to an inspector before passing it on unchanged.
 * Wraps the stdio transport so refused write attempts are recorded there as they are over HTTP.
 *
 * @module
 */

import type { JSONRPCMessage, Transport, TransportSendOptions } from "@modelcontextprotocol/server";

/** Forwards everything to `inner`; calls `inspect` with each inbound message first. */
export class InspectingTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport["onmessage"];
  readonly #inner: Transport;

  constructor(inner: Transport, inspect: (message: JSONRPCMessage) => void) {
    this.#inner = inner;
    inner.onclose = () => this.onclose?.();
    inner.onerror = (error) => this.onerror?.(error);
    inner.onmessage = (message, extra) => {
      inspect(message);
      this.onmessage?.(message, extra);
    };
  }

  start(): Promise<void> {
    return this.#inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.#inner.send(message, options);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}
