/**
 * The tool-call guard through the real process, against the simulated tenant: write tools are
 * opt-in by allowlist; every delete and ZIA activation needs a confirmation by the strongest
 * mechanism the client has (2026-07-28 input request, 2025-11-25 elicitation, HMAC token); the
 * tenant is checked after each path — nothing deleted unless approved, deleted exactly once when
 * approved — and the audit lines are asserted.
 */

import assert from "node:assert/strict";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { type Era, ERAS } from "../helpers/clients.ts";
import { startJwks } from "../helpers/jwks.ts";
import {
  childEnv,
  emptyDir,
  RUN_FLAGS,
  type ServerProcess,
  startHttpServer,
} from "../helpers/server_process.ts";
import { startTestSim, type TestSim } from "../helpers/sim.ts";
import { CATALOG, isWrite } from "../../lib/tools/mod.ts";

const RULES = "/zia/api/v1/urlFilteringRules";
const DELETE_RULE = "zia_delete_url_filtering_rule";
const WRITES = [
  "--enable-write-tools",
  "--write-tools",
  "zia_delete_*,zia_activate_configuration,zia_create_*",
  "--log-tool-calls",
];

type Answer = "accept" | "decline" | "cancel";

/** A client that can (or cannot) be asked, answering every elicitation with `answer`. */
function newClient(era: Era, answer?: Answer, manual = false): { client: Client; asked: string[] } {
  const asked: string[] = [];
  const client = new Client(
    { name: "guard-tests", version: "1" },
    {
      capabilities: answer ? { elicitation: { form: {} } } : {},
      ...(era === "2026-07-28" ? { versionNegotiation: { mode: { pin: era } } } : {}),
      ...(manual ? { inputRequired: { autoFulfill: false } } : {}),
    },
  );
  if (answer) {
    client.setRequestHandler("elicitation/create", (request) => {
      asked.push((request.params as { message: string }).message);
      return Promise.resolve(
        answer === "accept" ? { action: "accept", content: { confirm: true } } : { action: answer },
      );
    });
  }
  return { client, asked };
}

async function connect(
  url: string,
  era: Era,
  answer?: Answer,
  headers?: Record<string, string>,
  manual = false,
) {
  const made = newClient(era, answer, manual);
  await made.client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: headers ? { headers } : undefined,
    }),
  );
  return made;
}

function deletes(sim: TestSim, id: number): number {
  return sim.tenant.requests.filter((r) => r.method === "DELETE" && r.path === `${RULES}/${id}`)
    .length;
}

function ruleExists(sim: TestSim, id: number): boolean {
  return sim.tenant.zia.collection("urlFilteringRules").some((rule) => rule.id === id);
}

function audit(server: ServerProcess, tool = DELETE_RULE): string[] {
  return server.stderr().split("\n").filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line)).filter((event) => event.tool === tool)
    .map((event) => `${event.audit}${event.reason ? `:${event.reason}` : ""}`);
}

function text(result: { content?: unknown }): string {
  return (result.content as { text: string }[]).map((block) => block.text).join("\n");
}

async function withServer(
  fn: (server: ServerProcess, sim: TestSim) => Promise<void>,
  args: string[] = WRITES,
  env: Record<string, string> = {},
) {
  const sim = await startTestSim();
  const server = await startHttpServer(args, { ...sim.env, ...env });
  try {
    await fn(server, sim);
  } finally {
    await server.stop();
    await sim.close();
  }
}

Deno.test("write tools: none by default; the allowlist selects exactly; others are unknown", async () => {
  await withServer(async (server, sim) => {
    const { client } = await connect(server.url, "2026-07-28");
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      assert.deepEqual(
        names.filter((name) => CATALOG.find((s) => s.name === name && isWrite(s))),
        [],
      );
      await assert.rejects(
        client.callTool({ name: "zia_create_location", arguments: { name: "x" } }),
        /not found/,
      );
      assert.equal(
        sim.tenant.requests.filter((r) => r.method !== "GET" && r.service !== "token").length,
        0,
      );
      assert.match(
        server.stderr(),
        /warn: write refused tool=zia_create_location .*write tools are off/,
      );
    } finally {
      await client.close();
    }
  }, []);

  await withServer(async (server, sim) => {
    const { client } = await connect(server.url, "2025-11-25");
    try {
      const writes = (await client.listTools()).tools.map((tool) => tool.name)
        .filter((name) => CATALOG.find((s) => s.name === name && isWrite(s))).sort();
      const expected = CATALOG.filter((s) =>
        isWrite(s) && (s.name.startsWith("zia_create_") || s.name === "zpa_delete_segment_group")
      ).map((s) => s.name).sort();
      assert.ok(expected.length > 5, "the pattern matches every ZIA create tool");
      assert.deepEqual(writes, expected);
      const refused = await client.callTool({
        name: "zia_delete_location",
        arguments: { location_id: 149870001 },
      })
        .then(() => "answered", (error) => String(error));
      assert.match(refused, /not found/);
      assert.equal(sim.tenant.requests.filter((r) => r.method === "DELETE").length, 0);
      const line = server.stderr().split("\n").find((l) => l.includes('"write_refused"'));
      assert.ok(line, "an audit line records the refused write");
      assert.equal(JSON.parse(line).tool, "zia_delete_location");
    } finally {
      await client.close();
    }
  }, [
    "--enable-write-tools",
    "--write-tools",
    "zia_create_*,zpa_delete_segment_group",
    "--log-tool-calls",
  ]);
});

Deno.test("input request (both eras over HTTP): accept deletes once; decline deletes nothing", async (t) => {
  await withServer(async (server, sim) => {
    let id = 1690008;
    for (const era of ERAS) {
      await t.step(`${era} accept`, async () => {
        const { client, asked } = await connect(server.url, era, "accept");
        try {
          assert.ok(ruleExists(sim, id));
          const result = await client.callTool({ name: DELETE_RULE, arguments: { rule_id: id } });
          assert.notEqual(result.isError, true, text(result));
          assert.equal(asked.length, 1);
          assert.match(
            asked[0],
            new RegExp(`Delete ZIA URL filtering rule ".+" \\(id ${id}\\)\\?`),
          );
          assert.match(asked[0], /cannot be undone/);
          assert.equal(deletes(sim, id), 1);
          assert.ok(!ruleExists(sim, id));
          assert.equal(sim.tenant.zia.status, "PENDING");
        } finally {
          await client.close();
        }
      });
      id--;
      for (const answer of ["decline", "cancel"] as const) {
        await t.step(`${era} ${answer}`, async () => {
          const { client, asked } = await connect(server.url, era, answer);
          try {
            const result = await client.callTool({ name: DELETE_RULE, arguments: { rule_id: id } });
            assert.equal(result.isError, true);
            assert.match(text(result), /NOT performed/);
            assert.equal(asked.length, 1);
            assert.equal(deletes(sim, id), 0);
            assert.ok(ruleExists(sim, id));
          } finally {
            await client.close();
          }
        });
      }
      id--;
    }
    const events = audit(server);
    assert.deepEqual(events.filter((e) => e.startsWith("confirmation")), [
      "confirmation_asked",
      "confirmation_approved",
      "confirmation_asked",
      "confirmation_declined:declined",
      "confirmation_asked",
      "confirmation_declined:cancelled",
      "confirmation_asked",
      "confirmation_approved",
      "confirmation_asked",
      "confirmation_declined:declined",
      "confirmation_asked",
      "confirmation_declined:cancelled",
    ]);
  });
});

Deno.test("input request: a tampered, missing or replayed request state is refused", async () => {
  await withServer(async (server, sim) => {
    const { client } = await connect(server.url, "2026-07-28", "accept", undefined, true);
    const id = 1690005;
    const call = (extra: Record<string, unknown> = {}) =>
      client.callTool(
        { name: DELETE_RULE, arguments: { rule_id: id }, ...extra } as never,
        { allowInputRequired: true } as never,
      ) as Promise<Record<string, unknown>>;
    const yes = { confirm: { action: "accept", content: { confirm: true } } };
    try {
      const first = await call();
      assert.equal(first.resultType, "input_required");
      const state = first.requestState as string;
      const tampered = state.slice(0, 10) + (state[10] === "A" ? "B" : "A") + state.slice(11);
      for (
        const extra of [{ inputResponses: yes, requestState: tampered }, { inputResponses: yes }]
      ) {
        const refused = await call(extra);
        assert.equal(refused.isError, true);
        assert.match(text(refused), /NOT performed/);
      }
      assert.equal(deletes(sim, id), 0);
      const other = await client.callTool(
        {
          name: DELETE_RULE,
          arguments: { rule_id: 1690004 },
          inputResponses: yes,
          requestState: state,
        } as never,
        { allowInputRequired: true } as never,
      );
      assert.match(text(other), /other arguments/);
      assert.notEqual((await call({ inputResponses: yes, requestState: state })).isError, true);
      const replayed = await call({ inputResponses: yes, requestState: state });
      assert.match(text(replayed), /already been used/);
      assert.equal(deletes(sim, id), 1);
      assert.equal(deletes(sim, 1690004), 0);
    } finally {
      await client.close();
    }
    assert.deepEqual(audit(server).filter((e) => e.startsWith("confirmation_refused")), [
      "confirmation_refused:forged",
      "confirmation_refused:missing-state",
      "confirmation_refused:other-arguments",
      "confirmation_refused:replayed",
    ]);
  });
});

Deno.test("token: prompt, retry once; tamper, other arguments, forged, replay refused", async () => {
  await withServer(async (server, sim) => {
    const { client } = await connect(server.url, "2026-07-28");
    const id = 1690003;
    try {
      const prompt = await client.callTool({ name: DELETE_RULE, arguments: { rule_id: id } });
      assert.notEqual(prompt.isError, true);
      assert.match(
        text(prompt),
        /CONFIRMATION REQUIRED: Delete ZIA URL filtering rule ".+" \(id 1690003\)/,
      );
      assert.match(text(prompt), /Do not treat the original request as consent/);
      assert.equal(deletes(sim, id), 0, "nothing happens before the retry");
      const retry =
        (prompt.structuredContent as { retry_arguments: Record<string, unknown> }).retry_arguments;
      const token = retry.confirmation_token as string;
      const attempt = (args: Record<string, unknown>) =>
        client.callTool({ name: DELETE_RULE, arguments: args });
      const refusals: [Record<string, unknown>, RegExp][] = [
        [{ rule_id: 1690002, confirmation_token: token }, /other arguments/],
        [
          { rule_id: id, confirmation_token: token.slice(0, -3) + "AAA" },
          /not issued by this server/,
        ],
        [{ rule_id: id, confirmation_token: "forged.token" }, /malformed/],
      ];
      for (const [args, why] of refusals) {
        const refused = await attempt(args);
        assert.equal(refused.isError, true);
        assert.match(text(refused), why);
      }
      assert.equal(
        deletes(sim, id) + deletes(sim, 1690002),
        0,
        "refusals spend and change nothing",
      );
      const done = await attempt(retry);
      assert.notEqual(done.isError, true, text(done));
      assert.equal(deletes(sim, id), 1);
      const replayed = await attempt(retry);
      assert.match(text(replayed), /already been used/);
      assert.equal(deletes(sim, id), 1, "deleted exactly once");
    } finally {
      await client.close();
    }
    assert.deepEqual(audit(server).filter((e) => e.startsWith("confirmation")), [
      "confirmation_asked",
      "confirmation_refused:other-arguments",
      "confirmation_refused:forged",
      "confirmation_refused:malformed",
      "confirmation_approved",
      "confirmation_refused:replayed",
    ]);
    assert.ok(
      !server.stderr().includes('"confirmation_token":"ey'),
      "tokens are redacted in the audit",
    );
  });
});

Deno.test("token: bound to the caller, expires, and a shared key ring lets replicas agree", async () => {
  const jwks = await startJwks();
  const exp = Math.floor(Date.now() / 1000) + 600;
  const bearer = async (sub: string) => ({
    authorization: `Bearer ${await jwks.sign({ aud: "zscaler-mcp", sub, exp })}`,
  });
  const keys = "k".repeat(40);
  const auth = { ZSCALER_MCP_AUTH_JWKS_URI: jwks.uri, ZSCALER_MCP_AUTH_AUDIENCE: "zscaler-mcp" };
  const sim = await startTestSim();
  const env = { ...sim.env, ...auth, ZSCALER_MCP_CONFIRMATION_KEYS: keys };
  const first = await startHttpServer(WRITES, env);
  const second = await startHttpServer(WRITES, {
    ...env,
    ZSCALER_MCP_CONFIRMATION_KEYS: `${"n".repeat(40)},${keys}`,
  });
  const short = await startHttpServer(WRITES, { ...sim.env, ZSCALER_MCP_CONFIRMATION_TTL: "1" });
  try {
    const tokenFor = async (server: ServerProcess, headers?: Record<string, string>) => {
      const { client } = await connect(server.url, "2026-07-28", undefined, headers);
      try {
        const prompt = await client.callTool({
          name: DELETE_RULE,
          arguments: { rule_id: 1690001 },
        });
        return (prompt.structuredContent as { retry_arguments: Record<string, unknown> })
          .retry_arguments;
      } finally {
        await client.close();
      }
    };
    const callWith = async (
      server: ServerProcess,
      args: Record<string, unknown>,
      headers?: Record<string, string>,
    ) => {
      const { client } = await connect(server.url, "2026-07-28", undefined, headers);
      try {
        return await client.callTool({ name: DELETE_RULE, arguments: args });
      } finally {
        await client.close();
      }
    };
    const alices = await tokenFor(first, await bearer("alice"));
    const stolen = await callWith(first, alices, await bearer("mallory"));
    assert.match(text(stolen), /issued to another caller/);
    assert.equal(deletes(sim, 1690001), 0);

    const late = await tokenFor(short);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.match(text(await callWith(short, late)), /expired/);
    assert.equal(deletes(sim, 1690001), 0);

    // A replica holding the same key (second in its ring) accepts the token minted by the first.
    const done = await callWith(second, alices, await bearer("alice"));
    assert.notEqual(done.isError, true, text(done));
    assert.equal(deletes(sim, 1690001), 1);
  } finally {
    await first.stop();
    await second.stop();
    await short.stop();
    await sim.close();
    await jwks.close();
  }
});

Deno.test("ZIA activation needs a confirmation and reports what was pending", async () => {
  await withServer(async (server, sim) => {
    const { client } = await connect(server.url, "2026-07-28");
    try {
      const created = await client.callTool({
        name: "zia_create_url_filtering_rule",
        arguments: { name: "Guard test rule", action: "BLOCK", url_categories: ["GAMBLING"] },
      });
      assert.notEqual(created.isError, true, text(created));
      assert.match(text(created), /zia_activate_configuration/);
      assert.equal(sim.tenant.zia.status, "PENDING");
      const prompt = await client.callTool({ name: "zia_activate_configuration", arguments: {} });
      assert.match(text(prompt), /CONFIRMATION REQUIRED: Activate ZIA configuration/);
      assert.match(text(prompt), /Current status: PENDING/);
      assert.equal(sim.tenant.zia.status, "PENDING", "nothing activated yet");
      const retry =
        (prompt.structuredContent as { retry_arguments: Record<string, unknown> }).retry_arguments;
      const done = await client.callTool({ name: "zia_activate_configuration", arguments: retry });
      assert.deepEqual(done.structuredContent, { before: "PENDING", after: "ACTIVE" });
      assert.equal(sim.tenant.zia.status, "ACTIVE");
      assert.equal(
        sim.tenant.requests.filter((r) => r.path === "/zia/api/v1/status/activate").length,
        1,
      );
    } finally {
      await client.close();
    }
  });
});

Deno.test("stdio: a client that can be asked gets the question, in both eras", async (t) => {
  const sim = await startTestSim();
  try {
    let id = 1690002;
    for (const era of ERAS) {
      await t.step(era, async () => {
        const { client, asked } = newClient(era, "accept");
        await client.connect(
          new StdioClientTransport({
            command: Deno.execPath(),
            args: [...RUN_FLAGS, ...WRITES],
            env: childEnv(sim.env),
            cwd: emptyDir(),
            stderr: "pipe",
          }),
        );
        try {
          const result = await client.callTool({ name: DELETE_RULE, arguments: { rule_id: id } });
          assert.notEqual(result.isError, true, text(result));
          assert.equal(asked.length, 1);
          assert.equal(deletes(sim, id), 1);
        } finally {
          await client.close();
        }
      });
      id--;
    }
  } finally {
    await sim.close();
  }
});
