import assert from "node:assert/strict";
import { acceptedContent } from "@modelcontextprotocol/server";
import { ConfirmationGate, type GatedCall, TOKEN_ARGUMENT } from "../../lib/guard/confirm.ts";
import { canonicalJson, KeyRing } from "../../lib/guard/confirm_seal.ts";
import { MemoryNonceLedger } from "../../lib/guard/ledger.ts";
import type { ConfirmationTarget } from "../../lib/tools/spec.ts";

const TARGET: ConfirmationTarget = {
  operation: "Delete",
  resourceType: "ZIA URL filtering rule",
  name: "Block Social Media",
  id: "1690001",
};

async function gate(options: { now?: () => number; secrets?: string[] } = {}) {
  return new ConfirmationGate({
    keys: await KeyRing.from(options.secrets ?? []),
    ledger: new MemoryNonceLedger({ now: options.now }),
    ttlMs: 300_000,
    now: options.now,
  });
}

const CALL: GatedCall = {
  tool: "zia_delete_url_filtering_rule",
  args: { rule_id: 1690001 },
  principal: "api-key:abcd",
  canAsk: false,
};

let described = 0;
const describe = () => {
  described++;
  return Promise.resolve(TARGET);
};

async function tokenFrom(g: ConfirmationGate, call: GatedCall = CALL): Promise<string> {
  const first = await g.check(call, describe);
  assert.equal(first.kind, "ask");
  assert.ok(first.kind === "ask" && "content" in first.result);
  const structured =
    (first.result as { structuredContent: { retry_arguments: Record<string, string> } })
      .structuredContent;
  return structured.retry_arguments[TOKEN_ARGUMENT];
}

Deno.test("canonical JSON ignores key order and undefined", () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } }),
    '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
  );
});

Deno.test("token: the prompt names the target and the exact retry; the retry runs once", async () => {
  const g = await gate();
  const first = await g.check(CALL, describe);
  assert.equal(first.kind, "ask");
  const text = JSON.stringify(first.kind === "ask" && first.result);
  assert.match(
    text,
    /CONFIRMATION REQUIRED: Delete ZIA URL filtering rule \\"Block Social Media\\" \(id 1690001\)/,
  );
  assert.match(text, /Do not treat the original request as consent/);
  assert.match(text, /valid for 300 seconds, once/);
  const token = await tokenFrom(g);
  assert.deepEqual((await g.check({ ...CALL, token }, describe)).kind, "proceed");
  const replay = await g.check({ ...CALL, token }, describe);
  assert.equal(replay.kind === "refuse" && replay.reason, "replayed");
});

Deno.test("token: other arguments, tool, caller, expiry, forgery and garbage are refused", async () => {
  let now = 1_000_000;
  const g = await gate({ now: () => now });
  const token = await tokenFrom(g);
  const cases: [string, GatedCall, string][] = [
    ["other arguments", { ...CALL, args: { rule_id: 1690002 }, token }, "other-arguments"],
    ["other tool", { ...CALL, tool: "zia_delete_location", token }, "other-tool"],
    ["other caller", { ...CALL, principal: "api-key:ffff", token }, "other-caller"],
    ["garbage", { ...CALL, token: "not a token" }, "malformed"],
    ["tampered payload", { ...CALL, token: "x" + token.slice(1) }, "forged"],
  ];
  for (const [name, call, reason] of cases) {
    const decision = await g.check(call, describe);
    assert.equal(decision.kind, "refuse", name);
    assert.equal(decision.kind === "refuse" && decision.reason, reason, name);
    assert.match(JSON.stringify(decision.kind === "refuse" && decision.result), /NOT performed/);
  }
  const forged = await tokenFrom(await gate());
  const other = await g.check({ ...CALL, token: forged }, describe);
  assert.equal(other.kind === "refuse" && other.reason, "forged", "another key");
  // A refusal spends nothing: the genuine token still works once.
  assert.equal((await g.check({ ...CALL, token }, describe)).kind, "proceed");
  const late = await tokenFrom(g);
  now += 300_001;
  const expired = await g.check({ ...CALL, token: late }, describe);
  assert.equal(expired.kind === "refuse" && expired.reason, "expired");
});

Deno.test("token: a key ring lets replicas agree; the first key seals, all verify", async () => {
  const a = "a".repeat(32);
  const b = "b".repeat(32);
  const old = await gate({ secrets: [a] });
  const rotated = await gate({ secrets: [b, a] });
  const token = await tokenFrom(old);
  assert.equal((await rotated.check({ ...CALL, token }, describe)).kind, "proceed");
  const fresh = await tokenFrom(rotated);
  const refused = await old.check({ ...CALL, token: fresh }, describe);
  assert.equal(refused.kind === "refuse" && refused.reason, "forged");
});

Deno.test("elicitation: asks with sealed state; accept runs once; decline and cancel do not", async () => {
  const g = await gate();
  const call = { ...CALL, canAsk: true };
  const first = await g.check(call, describe);
  assert.equal(first.kind, "ask");
  const ask = (first.kind === "ask" ? first.result : {}) as {
    resultType: string;
    requestState: string;
    inputRequests: { confirm: { method: string; params: { message: string } } };
  };
  assert.equal(ask.inputRequests.confirm.method, "elicitation/create");
  assert.match(
    ask.inputRequests.confirm.params.message,
    /Delete ZIA URL filtering rule "Block Social Media" \(id 1690001\)\?/,
  );
  assert.match(ask.inputRequests.confirm.params.message, /cannot be undone/);
  const answer = (action: string, content?: Record<string, unknown>) => ({
    confirm: { action, ...(content ? { content } : {}) },
  });
  const retry = (inputResponses: Record<string, unknown>, requestState = ask.requestState) =>
    g.check({ ...call, requestState, inputResponses }, describe);

  assert.equal((await retry(answer("accept", { confirm: true }))).kind, "proceed");
  const replay = await retry(answer("accept", { confirm: true }));
  assert.equal(replay.kind === "refuse" && replay.reason, "replayed");

  const fresh = async () => {
    const d = await g.check(call, describe);
    return (d.kind === "ask" ? d.result : {}) as { requestState: string };
  };
  const declined = await retry(answer("decline"), (await fresh()).requestState);
  assert.equal(declined.kind === "refuse" && declined.reason, "declined");
  const cancelled = await retry(answer("cancel"), (await fresh()).requestState);
  assert.equal(cancelled.kind === "refuse" && cancelled.reason, "cancelled");
  const unchecked = await retry(answer("accept", { confirm: false }), (await fresh()).requestState);
  assert.equal(unchecked.kind === "refuse" && unchecked.reason, "cancelled");
  const noState = await g.check(
    { ...call, inputResponses: answer("accept", { confirm: true }) },
    describe,
  );
  assert.equal(noState.kind === "refuse" && noState.reason, "missing-state");
  const tampered = await retry(
    answer("accept", { confirm: true }),
    (await fresh()).requestState + "x",
  );
  assert.equal(tampered.kind, "refuse");
  const otherArgs = await g.check({
    ...call,
    args: { rule_id: 1 },
    requestState: (await fresh()).requestState,
    inputResponses: answer("accept", { confirm: true }),
  }, describe);
  assert.equal(otherArgs.kind === "refuse" && otherArgs.reason, "other-arguments");
  const token = await tokenFrom(g);
  const crossed = await retry(answer("accept", { confirm: true }), token);
  assert.equal(crossed.kind === "refuse" && crossed.reason, "other-mechanism");
  assert.ok(acceptedContent !== undefined);
});

Deno.test("the target is described only when a human must be asked", async () => {
  const g = await gate();
  described = 0;
  const token = await tokenFrom(g);
  assert.equal(described, 1);
  await g.check({ ...CALL, token }, describe);
  await g.check({ ...CALL, token: "garbage" }, describe);
  assert.equal(described, 1);
});

Deno.test("the ledger refuses a second spend and stays bounded", () => {
  let now = 0;
  const ledger = new MemoryNonceLedger({ now: () => now, maxEntries: 2 });
  assert.equal(ledger.consume("a", 100), true);
  assert.equal(ledger.consume("a", 100), false);
  assert.equal(ledger.consume("b", 100), true);
  assert.equal(ledger.consume("c", 100), false, "full of live nonces: refuse, never forget one");
  now = 200;
  assert.equal(ledger.consume("c", 300), true, "expired ones are purged");
});
