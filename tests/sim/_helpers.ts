/**
 * Helpers for the simulator tests: start a server, fetch a token, call the gateway over real
 * HTTP and always consume the response body.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type SimServer, type SimServerOptions, startSimServer } from "../../lib/sim/mod.ts";

/** Customer id of the default tenant. */
export const CID = "216196257331281920";
/** ZPA v1 base path of the default tenant. */
export const ZPA = `/zpa/mgmtconfig/v1/admin/customers/${CID}`;
/** ZPA v2 base path of the default tenant. */
export const ZPA2 = `/zpa/mgmtconfig/v2/admin/customers/${CID}`;
/** ZIA base path. */
export const ZIA = "/zia/api/v1";

/** A fully read HTTP response. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: unknown;
}

/** Reads a response completely. */
export async function read(response: Response): Promise<Reply> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Runs `fn` against a fresh server and always closes it. */
export async function withSim(
  options: SimServerOptions,
  fn: (sim: SimServer) => Promise<void>,
): Promise<void> {
  const sim = await startSimServer(options);
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

/** POSTs a form to the token endpoint. */
export function tokenRequest(
  sim: SimServer,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return fetch(sim.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  }).then(read);
}

/** Gets an access token with the default client's secret. */
export async function token(
  sim: SimServer,
  clientId = "sim-client-id",
  clientSecret = "sim-client-secret",
): Promise<string> {
  const reply = await tokenRequest(sim, {
    grant_type: "client_credentials",
    client_id: clientId,
    client_secret: clientSecret,
    audience: "https://api.zscaler.com",
  });
  if (reply.status !== 200) throw new Error(`token request failed: ${reply.status}`);
  return (reply.json as { access_token: string }).access_token;
}

/** Calls the gateway with a bearer token and an optional JSON body. */
export function call(
  sim: SimServer,
  bearer: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const h: Record<string, string> = { accept: "application/json", ...headers };
  if (bearer !== undefined) h.authorization = `Bearer ${bearer}`;
  if (body !== undefined && h["content-type"] === undefined) {
    h["content-type"] = "application/json";
  }
  return fetch(`${sim.url}${path}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  }).then(read);
}

/** A client bound to one server and token. */
export interface Api {
  get(path: string): Promise<Reply>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  put(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  del(path: string): Promise<Reply>;
}

/** Returns an {@link Api} with a fresh token for the default client. */
export async function api(sim: SimServer): Promise<Api> {
  const bearer = await token(sim);
  return {
    get: (path) => call(sim, bearer, "GET", path),
    post: (path, body, headers) => call(sim, bearer, "POST", path, body, headers),
    put: (path, body, headers) => call(sim, bearer, "PUT", path, body, headers),
    del: (path) => call(sim, bearer, "DELETE", path),
  };
}

/** Narrows a reply body to an object. */
export function obj(reply: Reply): Record<string, unknown> {
  const value = reply.json;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`expected a JSON object, got ${reply.text.slice(0, 200)}`);
  }
  return value as Record<string, unknown>;
}

/** Narrows a reply body to an array of objects. */
export function arr(reply: Reply): Record<string, unknown>[] {
  if (!Array.isArray(reply.json)) {
    throw new Error(`expected a JSON array, got ${reply.text.slice(0, 200)}`);
  }
  return reply.json as Record<string, unknown>[];
}

/** The `list` of a ZPA list envelope (empty when the envelope has none). */
export function list(reply: Reply): Record<string, unknown>[] {
  return (reply.json as { list?: Record<string, unknown>[] }).list ?? [];
}

/** Asserts a ZPA refusal: its status, its error `id`, and (when given) its `reason`. */
export function assertRefused(reply: Reply, status: number, id: string, reason?: RegExp): void {
  assert.equal(reply.status, status, reply.text);
  assert.equal(obj(reply).id, id, reply.text);
  if (reason) assert.match(String(obj(reply).reason), reason);
}
