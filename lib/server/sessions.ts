/**
 * The session-keeping route for 2025-11-25 clients. They cannot be sent server-to-client requests
 * (elicitation) over stateless HTTP, so each gets a streamable HTTP transport of its own, keyed by
 * `Mcp-Session-Id`, that expires after a period without requests.
 *
 * @module
 */

import {
  type AuthInfo,
  isInitializeRequest,
  type McpServerFactory,
  WebStandardStreamableHTTPServerTransport,
} from "@modelcontextprotocol/server";
import type { Principal } from "../auth/mod.ts";
import type { Logger } from "../log.ts";
import { jsonRpcError } from "./responses.ts";

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  /** Who opened it; nobody else may use it. */
  owner: string;
  close(): Promise<void>;
  lastSeen: number;
}

function isInitialize(message: unknown): boolean {
  return Array.isArray(message) ? message.some(isInitializeRequest) : isInitializeRequest(message);
}

/** Options of {@link LegacySessions}. */
export interface LegacySessionOptions {
  /** Idle time after which a session is closed. */
  ttlMs: number;
  /** Most sessions kept at once; a new one beyond it is refused with 503. */
  max: number;
  /** Largest request body read here. */
  maxBodyBytes: number;
  logger: Logger;
  /** Clock, for tests. */
  now?: () => number;
}

/** Keeps 2025-11-25 sessions: creates them on `initialize`, routes by id, expires idle ones. */
export class LegacySessions {
  readonly #sessions = new Map<string, Session>();
  readonly #factory: McpServerFactory;
  readonly #options: LegacySessionOptions;
  readonly #now: () => number;
  readonly #sweeper: ReturnType<typeof setInterval>;

  constructor(factory: McpServerFactory, options: LegacySessionOptions) {
    this.#factory = factory;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#sweeper = setInterval(() => this.sweep(), Math.min(options.ttlMs / 2, 60_000));
    Deno.unrefTimer(this.#sweeper);
  }

  /** Number of open sessions. */
  get size(): number {
    return this.#sessions.size;
  }

  /**
   * Serves one 2025-era request from an authenticated principal. A session belongs to the
   * principal that opened it: another principal presenting its id is told it does not exist.
   */
  handle(
    request: Request,
    principal: Principal,
    authInfo: AuthInfo,
    parsedBody: unknown,
  ): Promise<Response> {
    const id = request.headers.get("mcp-session-id");
    const owner = `${principal.mode}:${principal.id}`;
    if (id !== null) {
      const session = this.#sessions.get(id);
      if (!session || session.owner !== owner) {
        if (session) {
          this.#options.logger.warn("session used by another principal", { principal: owner });
        }
        // 404 tells a 2025 client to start a new session (spec: session management).
        return Promise.resolve(
          jsonRpcError(404, -32001, "Session not found or expired; initialize a new session."),
        );
      }
      session.lastSeen = this.#now();
      return session.transport.handleRequest(request, { authInfo, parsedBody });
    }
    if (request.method !== "POST" || !isInitialize(parsedBody)) {
      return Promise.resolve(jsonRpcError(
        400,
        -32000,
        "Bad Request: no Mcp-Session-Id header; a 2025-11-25 client must send initialize first.",
      ));
    }
    this.sweep();
    if (this.#sessions.size >= this.#options.max) {
      this.#options.logger.warn("session limit reached; refusing a new 2025-11-25 session", {
        max: this.#options.max,
      });
      return Promise.resolve(
        jsonRpcError(503, -32000, "Too many open sessions; try again later.", {
          "retry-after": "30",
        }),
      );
    }
    return this.#open(request, owner, authInfo, parsedBody);
  }

  async #open(
    request: Request,
    owner: string,
    authInfo: AuthInfo,
    parsedBody: unknown,
  ): Promise<Response> {
    const server = await this.#factory({ era: "legacy", requestInfo: request });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => crypto.randomUUID(),
      maxRequestBodySize: this.#options.maxBodyBytes,
      onsessioninitialized: (sessionId) => {
        this.#sessions.set(sessionId, {
          transport,
          owner,
          close: () => server.close(),
          lastSeen: this.#now(),
        });
      },
      onsessionclosed: (sessionId) => {
        this.#sessions.delete(sessionId);
      },
    });
    await server.connect(transport);
    const response = await transport.handleRequest(request, { authInfo, parsedBody });
    if (transport.sessionId === undefined) await server.close();
    return response;
  }

  /** Closes sessions idle for longer than the TTL. */
  sweep(): void {
    const cutoff = this.#now() - this.#options.ttlMs;
    for (const [id, session] of this.#sessions) {
      if (session.lastSeen < cutoff) {
        this.#sessions.delete(id);
        session.close().catch(() => {});
        this.#options.logger.debug("closed an idle 2025-11-25 session");
      }
    }
  }

  /** Ends the long-lived GET streams, so an HTTP shutdown does not wait for them. */
  closeStreams(): void {
    for (const session of this.#sessions.values()) session.transport.closeStandaloneSSEStream();
  }

  /** Closes every session and stops the sweeper. */
  async closeAll(): Promise<void> {
    clearInterval(this.#sweeper);
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.allSettled(sessions.map((session) => session.close()));
  }
}
