/**
 * A small scripted HTTP server for the Zscaler client tests: Deno.serve on 127.0.0.1:0, a queue
 * of scripted responses per "METHOD /path", a fallback per route, and a record of every request
 * (method, path, query, headers, body). Independent of lib/sim on purpose.
 *
 * @module
 */

/** One scripted answer. */
export interface Scripted {
  /** HTTP status; default 200. */
  status?: number;
  /** Response headers. */
  headers?: Record<string, string>;
  /** JSON body (sets `content-type: application/json` unless given). */
  json?: unknown;
  /** Raw body text. */
  text?: string;
  /** Wait this long before answering; cut short when the server closes. */
  delayMs?: number;
}

/** A recorded request. */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Path as received (still percent-encoded). */
  path: string;
  /** Query parameters. */
  query: URLSearchParams;
  /** Request headers. */
  headers: Headers;
  /** Body text ("" when none). */
  body: string;
}

/** A response step: fixed, or computed from the request. */
export type Step = Scripted | ((req: RecordedRequest) => Scripted | Promise<Scripted>);

/** Abortable delay whose timer is always cleared. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** The scripted server. Create with {@linkcode ScriptedServer.start}; always `close()`. */
export class ScriptedServer {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  readonly #queues = new Map<string, Step[]>();
  readonly #fallbacks = new Map<string, Step>();
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #listeners: Array<(req: RecordedRequest) => void> = [];
  readonly #closing = new AbortController();

  private constructor() {
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => this.#handle(req),
    );
  }

  /** Start a server on an ephemeral loopback port. */
  static start(): ScriptedServer {
    return new ScriptedServer();
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** Queue responses for `METHOD path` (path without query), consumed in order. */
  script(method: string, path: string, ...steps: Step[]): this {
    const key = `${method} ${path}`;
    this.#queues.set(key, [...(this.#queues.get(key) ?? []), ...steps]);
    return this;
  }

  /** The response used for `METHOD path` once its queue is empty. */
  fallback(method: string, path: string, step: Step): this {
    this.#fallbacks.set(`${method} ${path}`, step);
    return this;
  }

  /** Requests to a path (any method). */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Resolves with the next request that matches `predicate`. */
  nextRequest(predicate: (req: RecordedRequest) => boolean = () => true): Promise<RecordedRequest> {
    return new Promise((resolve) => {
      const listener = (req: RecordedRequest) => {
        if (!predicate(req)) return;
        this.#listeners.splice(this.#listeners.indexOf(listener), 1);
        resolve(req);
      };
      this.#listeners.push(listener);
    });
  }

  /** Cut pending delays short, stop the server and wait for in-flight handlers. */
  async close(): Promise<void> {
    this.#closing.abort();
    await this.#server.shutdown();
  }

  async #handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const rawPath = req.url.slice(url.origin.length).split("?")[0]!;
    const recorded: RecordedRequest = {
      method: req.method,
      path: rawPath,
      query: url.searchParams,
      headers: req.headers,
      body: await req.text(),
    };
    this.requests.push(recorded);
    for (const listener of [...this.#listeners]) listener(recorded);
    const key = `${req.method} ${rawPath}`;
    const queue = this.#queues.get(key);
    const step = queue && queue.length > 0 ? queue.shift()! : this.#fallbacks.get(key);
    if (!step) {
      return Response.json({ code: "UNSCRIPTED", message: `no script for ${key}` }, {
        status: 418,
      });
    }
    const scripted = typeof step === "function" ? await step(recorded) : step;
    if (scripted.delayMs) await delay(scripted.delayMs, this.#closing.signal);
    const headers = new Headers(scripted.headers);
    let body: string | null = null;
    if (scripted.json !== undefined) {
      body = JSON.stringify(scripted.json);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    } else if (scripted.text !== undefined) {
      body = scripted.text;
    }
    return new Response(body, { status: scripted.status ?? 200, headers });
  }
}

/** Serve `POST /oauth2/v1/token` minting `tok-1`, `tok-2`, … with the given lifetime. */
export function serveTokens(
  server: ScriptedServer,
  expiresIn: number | string = 3600,
  delayMs = 0,
): { count: () => number } {
  let n = 0;
  server.fallback("POST", "/oauth2/v1/token", () => {
    n++;
    return {
      json: { access_token: `tok-${n}`, token_type: "Bearer", expires_in: expiresIn },
      headers: { "content-type": "application/json;charset=UTF-8" },
      delayMs,
    };
  });
  return { count: () => n };
}

/**
 * A TCP listener that accepts connections and closes them at once (a real network error for the
 * client). Counts connections.
 */
export class ClosingServer {
  /** Number of connections accepted. */
  connections = 0;
  readonly #listener: Deno.TcpListener;
  readonly #loop: Promise<void>;

  constructor() {
    this.#listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    this.#loop = this.#accept();
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return `http://127.0.0.1:${this.#listener.addr.port}`;
  }

  async #accept(): Promise<void> {
    try {
      for await (const conn of this.#listener) {
        this.connections++;
        try {
          const buf = new Uint8Array(4096);
          await conn.read(buf);
        } catch {
          // ignore
        }
        try {
          conn.close();
        } catch {
          // already closed
        }
      }
    } catch {
      // listener closed
    }
  }

  /** Stop listening. */
  async close(): Promise<void> {
    this.#listener.close();
    await this.#loop;
  }
}
