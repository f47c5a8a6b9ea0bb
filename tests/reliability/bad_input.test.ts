/**
 * Bad input against the real server process: malformed JSON-RPC, unknown methods, oversized
 * bodies, wrong argument types, path-traversal and URL-syntax characters in ids, huge strings and
 * deeply nested arguments. Every one must get a clear error (a JSON-RPC error or an `isError`
 * result), no upstream request may carry a malformed path (every path the simulated tenant saw
 * must match a strict allowlist), and the process must still answer afterwards.
 *
 * Raw JSON-RPC goes over fetch: on a 2025-11-25 session, and as 2026-07-28 requests with the
 * per-request `_meta` envelope and `Mcp-Method`/`Mcp-Name` headers. Typed-argument cases go
 * through the SDK client of each era. `--log-tool-calls` is on, so the audit path also sees every
 * odd call that gets past input validation (the ones refused by validation are not audited).
 */

import assert from "node:assert/strict";
import type { Client } from "@modelcontextprotocol/client";
import { connectHttp, ERAS } from "../helpers/clients.ts";
import { INITIALIZE, postMcp } from "../helpers/messages.ts";
import { startWatchedServer, type WatchedServer } from "../helpers/server_pid.ts";
import { startTestSim, type TestSim } from "../helpers/sim.ts";
import {
  assertAlive,
  assertLegitimatePaths,
  describeRequests,
  legitimatePath,
  resultText,
} from "./_support.ts";

const MAX_BODY_BYTES = 1_048_576; // ZSCALER_MCP_MAX_BODY_BYTES default, set explicitly below
const MODERN = "2026-07-28";
const ENVELOPE = {
  "io.modelcontextprotocol/protocolVersion": MODERN,
  "io.modelcontextprotocol/clientCapabilities": {},
};

interface RpcAnswer {
  status: number;
  /** The JSON-RPC messages of the answer (a JSON body or the `data:` lines of an SSE body). */
  messages: Record<string, unknown>[];
  text: string;
}

async function readAnswer(response: Response): Promise<RpcAnswer> {
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  let messages: Record<string, unknown>[] = [];
  if (type.includes("text/event-stream")) {
    messages = text.split("\n").filter((line) => line.startsWith("data: "))
      .map((line) => JSON.parse(line.slice(6)));
  } else if (type.includes("json") && text.trim() !== "") {
    const parsed = JSON.parse(text);
    messages = Array.isArray(parsed) ? parsed : [parsed];
  }
  return { status: response.status, messages, text };
}

/** A raw 2025-11-25 session: initialize + initialized, then any body. */
async function openLegacySession(url: string): Promise<(body: string) => Promise<RpcAnswer>> {
  const init = await postMcp(url);
  const sessionId = init.headers.get("mcp-session-id");
  await init.body?.cancel();
  assert.equal(init.status, 200);
  assert.ok(sessionId);
  const headers = { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" };
  const initialized = await postMcp(
    url,
    headers,
    JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }),
  );
  await initialized.body?.cancel();
  return async (body) => await readAnswer(await postMcp(url, headers, body));
}

/** A raw 2026-07-28 request: the headers the revision requires plus any body. */
async function modernRaw(
  url: string,
  body: string,
  method = "tools/call",
  name?: string,
): Promise<RpcAnswer> {
  const headers: Record<string, string> = { "mcp-protocol-version": MODERN, "mcp-method": method };
  if (name !== undefined) headers["mcp-name"] = name;
  return await readAnswer(await postMcp(url, headers, body));
}

/** A well-formed 2026-07-28 tools/call body (with the envelope) around raw argument JSON. */
function modernToolCall(id: number, tool: string, argumentsJson: string): string {
  return `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":${
    JSON.stringify(tool)
  },"arguments":${argumentsJson},"_meta":${JSON.stringify(ENVELOPE)}}}`;
}

function legacyToolCall(id: number, tool: string, argumentsJson: string): string {
  return `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":${
    JSON.stringify(tool)
  },"arguments":${argumentsJson}}}`;
}

/** The answer is one JSON-RPC error with one of `codes` and a message that says something. */
function assertRpcError(answer: RpcAnswer, codes: number[], label: string): void {
  assert.ok(answer.status >= 200 && answer.status < 500, `${label}: ${answer.status}`);
  assert.equal(answer.messages.length, 1, `${label}: ${answer.text}`);
  const error = answer.messages[0].error as { code: number; message: string } | undefined;
  assert.ok(error, `${label}: expected a JSON-RPC error, got ${answer.text}`);
  assert.ok(codes.includes(error.code), `${label}: code ${error.code}: ${error.message}`);
  assert.ok(error.message.length > 5, `${label}: a message that says what is wrong`);
  assert.doesNotMatch(error.message, /\n\s+at .+:\d+:\d+/, `${label}: no stack trace`);
}

/** The answer is a tool result with isError and a message naming the problem. */
function assertToolRefusal(answer: RpcAnswer, what: RegExp, label: string): void {
  assert.equal(answer.messages.length, 1, `${label}: ${answer.text}`);
  const message = answer.messages[0];
  const result = message.result as { isError?: boolean; content?: unknown } | undefined;
  if (result === undefined) {
    // A JSON-RPC "invalid params" error is as clear as an isError result.
    assertRpcError(answer, [-32602], label);
    return;
  }
  assert.equal(result.isError, true, `${label}: ${answer.text}`);
  assert.match(resultText(result), what, label);
}

function nestedObject(depth: number): string {
  return '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

function nestedArray(depth: number): string {
  return "[".repeat(depth) + "1" + "]".repeat(depth);
}

async function withServer(fn: (server: WatchedServer, sim: TestSim) => Promise<void>) {
  const sim = await startTestSim();
  const server = await startWatchedServer(
    [
      "--enable-write-tools",
      "--write-tools",
      "zia_create_url_category,zia_update_url_category,zpa_update_segment_group",
      "--log-tool-calls",
    ],
    {
      ...sim.env,
      ZSCALER_MCP_MAX_BODY_BYTES: String(MAX_BODY_BYTES),
      // Hundreds of requests from one address in a few seconds: not what this test is about.
      ZSCALER_MCP_RATE_LIMIT: "0",
    },
  );
  let code: number;
  try {
    await fn(server, sim);
    await assertAlive(server);
    assertLegitimatePaths(sim);
  } finally {
    code = (await server.stop()).code;
    await sim.close();
  }
  // Only reached when the test passed: a failure above is not masked by this one.
  assert.equal(code, 0, "graceful exit");
}

/** Bodies that are not valid JSON-RPC requests, and the error codes that answer them. */
const MALFORMED: [label: string, body: string, codes: number[]][] = [
  ["not JSON", "{not json", [-32700]],
  ["an empty body", "", [-32700]],
  ["truncated JSON", '{"jsonrpc":"2.0","id":1,"method":"tools/li', [-32700]],
  ["invalid UTF-8 escapes", '{"jsonrpc":"2.0","id":1,"method":"\\ud800\\u', [-32700]],
  ["a JSON number", "42", [-32600]],
  ["a JSON string", '"tools/list"', [-32600]],
  ["JSON null", "null", [-32600]],
  ["an object that is not JSON-RPC", '{"hello":"world"}', [-32600]],
  ["JSON-RPC 1.0", '{"jsonrpc":"1.0","id":1,"method":"ping"}', [-32600]],
  ["no jsonrpc member", '{"id":1,"method":"ping"}', [-32600]],
  ["jsonrpc: 2 (a number)", '{"jsonrpc":2,"id":1,"method":"ping"}', [-32600]],
  ["an object id", '{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}', [-32600]],
  ["a numeric method", '{"jsonrpc":"2.0","id":1,"method":5}', [-32600]],
  ["params that are a string", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":"x"}', [
    -32600,
    -32602,
  ]],
  ["a batch of garbage", '[1,"two",null,{"x":3},[]]', [-32600]],
  ["an empty batch", "[]", [-32600]],
  ["a batch of 10,000 garbage items", JSON.stringify(Array(10_000).fill({ a: 1 })), [-32600]],
  ["a 10,000-deep array as the body", nestedArray(10_000), [-32600]],
  ["a 10,000-deep object as the body", nestedObject(10_000), [-32600]],
];

Deno.test("bad input: malformed JSON-RPC gets a JSON-RPC error, in both eras", async (t) => {
  await withServer(async (server, sim) => {
    const legacy = await openLegacySession(server.url);
    for (const [label, body, codes] of MALFORMED) {
      await t.step(label, async () => {
        const onSession = await legacy(body);
        assert.ok(onSession.status >= 400 && onSession.status < 500, `${label}: 4xx`);
        assertRpcError(onSession, codes, `${label} (2025-11-25 session)`);
        const modern = await modernRaw(server.url, body);
        assert.ok(modern.status >= 400 && modern.status < 500, `${label}: 4xx`);
        assertRpcError(modern, codes, `${label} (${MODERN})`);
      });
    }
    await t.step("the session still works, and nothing went upstream", async () => {
      const answer = await legacy('{"jsonrpc":"2.0","id":99,"method":"ping"}');
      assert.deepEqual(answer.messages[0].result, {});
      assert.equal(sim.tenant.requests.length, 0, describeRequests(sim.tenant.requests));
    });
  });
});

Deno.test("bad input: unknown methods and tools, wrong content type, unknown sessions", async (t) => {
  await withServer(async (server, sim) => {
    const legacy = await openLegacySession(server.url);
    await t.step("unknown method", async () => {
      const body = '{"jsonrpc":"2.0","id":7,"method":"no/such/method","params":{}}';
      assertRpcError(await legacy(body), [-32601], "2025-11-25");
      const modern = JSON.stringify({
        jsonrpc: "2.0",
        id: 7,
        method: "no/such/method",
        params: { _meta: ENVELOPE },
      });
      assertRpcError(await modernRaw(server.url, modern, "no/such/method"), [-32601], MODERN);
    });
    await t.step("unknown tool", async () => {
      assertRpcError(await legacy(legacyToolCall(8, "no_such_tool", "{}")), [-32602], "2025");
      const modern = await modernRaw(
        server.url,
        modernToolCall(8, "no_such_tool", "{}"),
        "tools/call",
        "no_such_tool",
      );
      assertRpcError(modern, [-32602], MODERN);
    });
    await t.step("a write tool that is not allowlisted is unknown", async () => {
      const body = legacyToolCall(9, "zia_delete_url_category", '{"category_id":"CUSTOM_01"}');
      assertRpcError(await legacy(body), [-32602], "2025");
    });
    await t.step("tools/call without params", async () => {
      const body = '{"jsonrpc":"2.0","id":10,"method":"tools/call"}';
      assertRpcError(await legacy(body), [-32602, -32600], "2025");
    });
    await t.step("Mcp-Method header and body disagree (2026-07-28)", async () => {
      const body = modernToolCall(11, "zia_get_activation_status", "{}");
      const answer = await modernRaw(server.url, body, "tools/list");
      assert.equal(answer.status, 400);
      assert.equal((answer.messages[0].error as { code: number }).code < 0, true, answer.text);
    });
    await t.step("a request without the envelope (2026-07-28)", async () => {
      const body = legacyToolCall(12, "zia_get_activation_status", "{}");
      const answer = await modernRaw(server.url, body, "tools/call", "zia_get_activation_status");
      assertRpcError(answer, [-32602], MODERN);
    });
    await t.step("hostile ids and wrong types in raw tools/call requests", async () => {
      const cases: [tool: string, args: string][] = [
        ["zpa_get_segment_group", '{"group_id":"../../x"}'],
        ["zpa_get_segment_group", '{"group_id":"1%2F..%2F2"}'],
        ["zpa_get_segment_group", '{"group_id":"1?x=1#y"}'],
        ["zia_get_url_category", '{"category_id":"../urlFilteringRules"}'],
        ["zia_get_url_category", '{"category_id":"%2e%2e"}'],
        ["zia_get_url_filtering_rule", '{"rule_id":"1690001/../1"}'],
        ["zia_get_url_filtering_rule", '{"rule_id":1e400}'],
        ["zia_get_url_filtering_rule", '{"rule_id":-0}'],
        ["zia_get_activation_status", '"not an object"'],
        ["zia_get_activation_status", "[1,2,3]"],
        ["zia_get_activation_status", '{"constructor":{"prototype":{"polluted":true}}}'],
      ];
      let id = 100;
      for (const [tool, args] of cases) {
        const label = `${tool} ${args}`;
        const answer = await legacy(legacyToolCall(id++, tool, args));
        // Arguments that are not an object fail the JSON-RPC schema itself.
        if (answer.status === 400) assertRpcError(answer, [-32600, -32602], label);
        else assertToolRefusal(answer, /Input validation error|Invalid/, label);
        const modern = await modernRaw(
          server.url,
          modernToolCall(id++, tool, args),
          "tools/call",
          tool,
        );
        if (modern.status === 400) assertRpcError(modern, [-32600, -32602], label);
        else assertToolRefusal(modern, /Input validation error|Invalid/, label);
      }
    });
    await t.step("a __proto__ key in the arguments is dropped, never obeyed", async () => {
      // The SDK drops `__proto__` keys while parsing params: the call runs as if the key were
      // absent (it is not refused), and what the key held — here a JMESPath projection and an
      // invalid max_results — has no effect.
      const args = '{"__proto__":{"query":"[].id","max_results":"oops"}}';
      const tool = "zia_list_url_filtering_rules";
      const answers = [
        await legacy(legacyToolCall(200, tool, args)),
        await modernRaw(server.url, modernToolCall(201, tool, args), "tools/call", tool),
      ];
      for (const answer of answers) {
        const result = answer.messages[0]?.result as
          | { isError?: boolean; structuredContent?: { items?: unknown[] } }
          | undefined;
        assert.ok(result, answer.text);
        if (result.isError) continue;
        const items = result.structuredContent?.items ?? [];
        assert.ok(items.length > 0 && items.every((item) => typeof item === "object"), answer.text);
      }
    });
    await t.step("a content type that is not JSON", async () => {
      const response = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "text/plain", accept: "application/json, text/event-stream" },
        body: JSON.stringify(INITIALIZE),
      });
      await response.body?.cancel();
      assert.equal(response.status, 415);
    });
    await t.step("an unknown or malformed session id", async () => {
      for (
        const id of ["00000000-0000-0000-0000-000000000000", "../../etc/passwd", "x".repeat(500)]
      ) {
        const response = await postMcp(
          server.url,
          { "mcp-session-id": id, "mcp-protocol-version": "2025-11-25" },
          '{"jsonrpc":"2.0","id":1,"method":"ping"}',
        );
        const answer = await readAnswer(response);
        assert.equal(answer.status, 404, answer.text);
        assertRpcError(answer, [-32001], `session ${id.slice(0, 20)}`);
      }
    });
    // Only the two __proto__ calls (ordinary list reads) went upstream.
    const reads = sim.tenant.requests.filter((r) => r.service !== "token");
    assert.deepEqual(
      reads.map((r) => `${r.method} ${r.path}`),
      ["GET /zia/api/v1/urlFilteringRules", "GET /zia/api/v1/urlFilteringRules"],
    );
  });
});

Deno.test("bad input: oversized bodies are refused before they are read", async (t) => {
  await withServer(async (server, sim) => {
    const legacy = await openLegacySession(server.url);
    const huge = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: {
        name: "zia_list_url_filtering_rules",
        arguments: { search: "x".repeat(1_100_000) },
      },
    });
    await t.step("with a Content-Length over the limit", async () => {
      const answer = await readAnswer(await postMcp(server.url, {}, huge));
      assert.equal(answer.status, 413, answer.text);
    });
    await t.step("chunked, with no Content-Length", async () => {
      const bytes = new TextEncoder().encode(huge);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 65_536) {
            controller.enqueue(bytes.subarray(i, i + 65_536));
          }
          controller.close();
        },
      });
      const response = await fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": MODERN,
          "mcp-method": "tools/call",
        },
        body,
      }).catch((error) => error as Error);
      // The server may answer 413 or close the stream it will not read: never a result.
      if (response instanceof Response) {
        const answer = await readAnswer(response);
        assert.equal(answer.status, 413, answer.text);
      }
    });
    await t.step("a batch of 30,000 valid pings over the limit", async () => {
      const batch = JSON.stringify(
        Array.from({ length: 30_000 }, (_, i) => ({ jsonrpc: "2.0", id: i, method: "ping" })),
      );
      assert.ok(batch.length > MAX_BODY_BYTES);
      const answer = await legacy(batch);
      assert.equal(answer.status, 413, answer.text.slice(0, 200));
    });
    assert.equal(sim.tenant.requests.length, 0, describeRequests(sim.tenant.requests));
  });
});

/** Ids with path-traversal and URL-syntax characters, and other things that are not an id. */
const HOSTILE_IDS = [
  "../",
  "..",
  ".",
  "/",
  "%2F",
  "%2f",
  "?",
  "#",
  "../../../admin",
  "..%2F..%2Fadmin",
  "%2e%2e",
  "1/../2",
  "1%2F2",
  "1?x=1",
  "1#frag",
  "1/",
  "./1",
  "1\\2",
  "1;x=2",
  "1&x=2",
  " 1",
  "1 ",
  "1\n",
  "1\u0000",
  "",
  "１２３", // full-width digits
  "１",
  "123".repeat(50),
];

/** Tools whose id argument ends up in an upstream URL path. */
const ID_TOOLS: [tool: string, argument: string, extra?: Record<string, unknown>][] = [
  ["zpa_get_segment_group", "group_id"],
  ["zpa_get_application_segment", "segment_id"],
  ["zpa_get_server_group", "group_id"],
  ["zpa_get_app_connector_group", "group_id"],
  ["zpa_update_segment_group", "group_id", { description: "x" }],
  ["zia_get_url_category", "category_id"],
  ["zia_update_url_category", "category_id", { description: "x" }],
];

async function callOrError(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<{ isError: boolean; text: string }> {
  try {
    const result = await client.callTool({ name, arguments: args });
    return { isError: result.isError === true, text: resultText(result) };
  } catch (error) {
    // A JSON-RPC error (invalid params) is a clear refusal too.
    return { isError: true, text: String(error) };
  }
}

for (const era of ERAS) {
  Deno.test(`bad input (${era}): hostile ids, wrong types, huge and deeply nested arguments`, async (t) => {
    await withServer(async (server, sim) => {
      const client = await connectHttp(server.url, era);
      try {
        await t.step("path-traversal and URL-syntax characters in ids", async () => {
          for (const [tool, argument, extra] of ID_TOOLS) {
            for (const id of HOSTILE_IDS) {
              const outcome = await callOrError(client, tool, { ...extra, [argument]: id });
              assert.equal(outcome.isError, true, `${tool} ${JSON.stringify(id)}: ${outcome.text}`);
              assert.match(outcome.text, /Input validation error|Invalid|invalid/, outcome.text);
            }
          }
          assert.equal(sim.tenant.requests.length, 0, describeRequests(sim.tenant.requests));
        });

        await t.step("well-formed ids that do not exist: upstream 404, a clear error", async () => {
          for (
            const [tool, argument, id] of [
              ["zpa_get_segment_group", "group_id", "999"],
              ["zia_get_url_category", "category_id", "NO_SUCH_CATEGORY"],
              ["zia_get_url_filtering_rule", "rule_id", 9_007_199_254_740_991],
            ] as const
          ) {
            const outcome = await callOrError(client, tool, { [argument]: id });
            assert.equal(outcome.isError, true, outcome.text);
            assert.match(outcome.text, new RegExp(`${tool} failed.*404`), outcome.text);
          }
          assertLegitimatePaths(sim);
        });

        await t.step("URL-syntax characters in free text stay out of the path", async () => {
          const since = sim.tenant.requests.length;
          const text = "a?b#c/../d%2F&x=1";
          const zpa = await callOrError(client, "zpa_list_segment_groups", { search: text });
          assert.equal(zpa.isError, false, zpa.text);
          const zia = await callOrError(client, "zia_list_url_categories", {
            contains_url: "http://x.example/../../y?z=1#w",
          });
          assert.equal(zia.isError, false, zia.text);
          const sent = sim.tenant.requests.slice(since);
          assert.ok(sent.length >= 2, describeRequests(sent));
          assert.ok(
            sent.some((r) => Object.values(r.query).some((v) => v.includes(text))),
            "the search text reached the tenant intact, as a query parameter",
          );
          assertLegitimatePaths(sim);
        });

        await t.step("wrong argument types", async () => {
          const cases: [string, Record<string, unknown>][] = [
            ["zia_get_url_filtering_rule", { rule_id: "1690001" }],
            ["zia_get_url_filtering_rule", { rule_id: "../1690001" }],
            ["zia_get_url_filtering_rule", { rule_id: -1 }],
            ["zia_get_url_filtering_rule", { rule_id: 0 }],
            ["zia_get_url_filtering_rule", { rule_id: 1.5 }],
            ["zia_get_url_filtering_rule", { rule_id: 1e300 }],
            ["zia_get_url_filtering_rule", { rule_id: null }],
            ["zia_get_url_filtering_rule", { rule_id: [1690001] }],
            ["zia_get_url_filtering_rule", { rule_id: { id: 1690001 } }],
            ["zia_get_url_filtering_rule", {}],
            ["zpa_get_segment_group", { group_id: 216196257331440001 }],
            ["zpa_get_segment_group", { group_id: true }],
            ["zia_list_url_filtering_rules", { search: 5 }],
            ["zia_list_url_filtering_rules", { max_results: "10" }],
            ["zia_list_url_filtering_rules", { max_results: 0 }],
            ["zia_list_url_filtering_rules", { max_results: 10_000_000 }],
            ["zia_list_url_filtering_rules", { query: 7 }],
            ["zia_list_url_filtering_rules", { query: "[?" }],
            ["zia_get_activation_status", { unexpected: "key" }],
            ["zia_create_url_category", { configured_name: 5 }],
            ["zia_create_url_category", { configured_name: "x", urls: "not-a-list" }],
            ["zia_create_url_category", { configured_name: "x", urls: ["with space"] }],
            ["zia_create_url_category", { configured_name: "x", super_category: "../x" }],
          ];
          const since = sim.tenant.requests.length;
          for (const [tool, args] of cases) {
            const outcome = await callOrError(client, tool, args);
            assert.equal(outcome.isError, true, `${tool} ${JSON.stringify(args)}: ${outcome.text}`);
            assert.ok(outcome.text.length > 10, outcome.text);
          }
          // An invalid JMESPath `query` may be found out only after the read: a GET is fine,
          // a write is not.
          const writes = sim.tenant.requests.slice(since).filter((r) =>
            r.method !== "GET" &&
            r.service !== "token"
          );
          assert.deepEqual(writes, [], describeRequests(writes));
        });

        await t.step("huge strings (within the body limit)", async () => {
          const since = sim.tenant.requests.length;
          const cases: [string, Record<string, unknown>][] = [
            ["zia_list_url_filtering_rules", { search: "x".repeat(900_000) }],
            ["zia_list_url_filtering_rules", { query: "[".repeat(500_000) }],
            ["zpa_get_segment_group", { group_id: "1".repeat(900_000) }],
            ["zia_get_url_category", { category_id: "A".repeat(900_000) }],
            ["zia_create_url_category", { configured_name: "n".repeat(900_000) }],
            ["zia_create_url_category", { configured_name: "x", urls: ["u".repeat(900_000)] }],
          ];
          for (const [tool, args] of cases) {
            const outcome = await callOrError(client, tool, args);
            assert.equal(outcome.isError, true, `${tool}: ${outcome.text.slice(0, 300)}`);
            assert.ok(outcome.text.length < 10_000, "the error does not echo the huge string");
          }
          assert.deepEqual(sim.tenant.requests.slice(since), []);
        });

        await t.step("deeply nested arguments (10,000 and 100,000 levels)", async () => {
          const since = sim.tenant.requests.length;
          for (const depth of [10_000, 100_000]) {
            const nested = JSON.parse(nestedObject(depth));
            const deepArray = JSON.parse(nestedArray(depth));
            const cases: [string, Record<string, unknown>][] = [
              ["zia_get_activation_status", nested],
              ["zia_list_url_filtering_rules", { search: deepArray }],
              ["zpa_get_segment_group", { group_id: nested }],
              ["zia_create_url_category", { configured_name: "x", urls: deepArray }],
              ["zia_create_url_category", { configured_name: "x", description: nested }],
            ];
            for (const [tool, args] of cases) {
              const outcome = await callOrError(client, tool, args);
              assert.equal(outcome.isError, true, `${tool} depth ${depth}: ${outcome.text}`);
              assert.ok(outcome.text.length < 10_000, "the error does not echo the structure");
            }
          }
          assert.deepEqual(sim.tenant.requests.slice(since), []);
        });

        await t.step("a normal call still works afterwards", async () => {
          const result = await client.callTool({ name: "zia_get_activation_status" });
          assert.notEqual(result.isError, true, resultText(result));
          assert.deepEqual(result.structuredContent, { status: "ACTIVE" });
        });
      } finally {
        await client.close();
      }
    });
  });
}

Deno.test("bad input: the path allowlist itself refuses malformed paths", () => {
  const allowed = legitimatePath("216196257331281920");
  for (
    const good of [
      "/oauth2/v1/token",
      "/zia/api/v1/status",
      "/zia/api/v1/urlFilteringRules/1690001",
      "/zia/api/v1/urlCategories/CUSTOM_01",
      "/zpa/mgmtconfig/v1/admin/customers/216196257331281920/segmentGroup/216196257331440001",
      "/zpa/mgmtconfig/v2/admin/customers/216196257331281920/segmentGroup/1",
    ]
  ) assert.ok(allowed.test(good), good);
  for (
    const bad of [
      "/zia/api/v1/urlFilteringRules/..",
      "/zia/api/v1/urlFilteringRules/../status",
      "/zia/api/v1/urlCategories/%2F",
      "/zia/api/v1/urlCategories/a%2Fb",
      "/zia/api/v1/urlCategories/a/b",
      "/zia/api/v1/urlCategories/",
      "/zpa/mgmtconfig/v1/admin/customers/216196257331281920/segmentGroup/1%3Fx",
      "/zpa/mgmtconfig/v1/admin/customers/216196257331281920/segmentGroup/%23",
      "/zpa/mgmtconfig/v1/admin/customers/1/segmentGroup/1",
      "/zpa/mgmtconfig/v1/admin/customers/216196257331281920/segmentGroup//1",
    ]
  ) assert.ok(!allowed.test(bad), bad);
});
