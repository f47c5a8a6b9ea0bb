/**
 * Shared pieces of the reliability suites: reading tool results, slicing the simulated tenant's
 * request log, and the strict allowlist of upstream paths a correct server can produce.
 */

import assert from "node:assert/strict";
import type { RecordedRequest, SimTenant } from "../../lib/sim/mod.ts";
import type { WatchedServer } from "../helpers/server_pid.ts";

/** Anything that holds a simulated tenant (`startTestSim`, `startKeepAliveSim`). */
export interface HasTenant {
  tenant: SimTenant;
}

/** The text blocks of a tool result, joined. */
export function resultText(result: { content?: unknown }): string {
  const content = (result.content ?? []) as { type?: string; text?: string }[];
  return content.map((block) => block.text ?? "").join("\n");
}

/** The requests the tenant recorded from index `since` on (take `since` = `requests.length`). */
export function requestsSince(sim: HasTenant, since: number): RecordedRequest[] {
  return sim.tenant.requests.slice(since);
}

/** `METHOD path status` lines, for assertion messages. */
export function describeRequests(requests: readonly RecordedRequest[]): string {
  return requests.map((r) => `${r.method} ${r.path} ${r.status}`).join("\n");
}

/** Waits (bounded: 100 × 20 ms) until `done()` holds; returns whether it did. */
export async function eventually(done: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return done();
}

const ZIA_ID_COLLECTIONS = "urlFilteringRules|firewallFilteringRules|locations";
const ZPA_COLLECTIONS = "segmentGroup|application|serverGroup|appConnectorGroup";

/**
 * Every upstream path a correct server sends: the token endpoint, the ZIA collections the tools
 * read and write (numeric ids; URL category ids are `[A-Za-z0-9_]`, the tools' own pattern), and
 * ZPA management collections under this tenant's customer id (digit ids, v1 or v2). Anything
 * else — a dot segment, an encoded separator, a second id segment, a stray `?` or `#` that ended
 * up in the path — is a malformed path.
 */
export function legitimatePath(customerId: string): RegExp {
  return new RegExp(
    "^(?:" + [
      "/oauth2/v1/token",
      "/zia/api/v1/status(?:/activate)?",
      `/zia/api/v1/(?:${ZIA_ID_COLLECTIONS})(?:/[1-9][0-9]{0,15})?`,
      "/zia/api/v1/urlCategories(?:/[A-Za-z0-9_]{1,64})?",
      "/zia/api/v1/users",
      `/zpa/mgmtconfig/v[12]/admin/customers/${customerId}/(?:${ZPA_COLLECTIONS})(?:/[0-9]{1,25})?`,
    ].join("|") + ")$",
  );
}

/** Asserts that every request the tenant recorded used a legitimate path (see above). */
export function assertLegitimatePaths(sim: HasTenant): void {
  const allowed = legitimatePath(sim.tenant.options.customerId);
  const bad = sim.tenant.requests.filter((r) => !allowed.test(r.path));
  assert.deepEqual(bad.map((r) => `${r.method} ${r.path}`), [], "malformed upstream paths");
}

/**
 * Asserts the server process is up (not exited, `/health` answers 200) and has logged no
 * unexpected failure (a tool error that was not a Zscaler API error, an uncaught exception).
 */
export async function assertAlive(server: WatchedServer): Promise<void> {
  assert.equal(server.exited(), false, `the server exited:\n${server.stderr().slice(-4000)}`);
  assert.equal(await server.healthy(), true, "GET /health answers 200 {status: ok}");
  const unexpected = server.stderr().split("\n")
    .filter((line) =>
      /unexpected tool failure|confirmation gate failure|unhandled error|Uncaught|panicked/i.test(
        line,
      )
    );
  assert.deepEqual(unexpected, [], "no unexpected failure in the server log");
}

/** A tool error must be clear: names the tool, says what failed, leaks no token or stack. */
export function assertClearToolError(
  result: { isError?: unknown; content?: unknown },
  tool: string,
  what: RegExp,
): string {
  const text = resultText(result);
  assert.equal(result.isError, true, `expected an isError result, got: ${text}`);
  assert.match(text, new RegExp(`^${tool} failed`), text);
  assert.match(text, what, text);
  assert.doesNotMatch(text, /Bearer|eyJ[A-Za-z0-9_-]{10,}/, "no credential in the message");
  assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+/, "no stack trace in the message");
  assert.doesNotMatch(text, /internal error/, "an expected failure, not an unexpected one");
  return text;
}
