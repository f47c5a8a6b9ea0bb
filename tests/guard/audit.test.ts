import assert from "node:assert/strict";
import { AuditLog, fileSink, redactArguments } from "../../lib/guard/audit.ts";
import { writeAttemptInspector } from "../../lib/guard/writes.ts";
import type { Logger } from "../../lib/log.ts";
import { withLogContext } from "../../lib/log.ts";
import { CATALOG } from "../../lib/tools/mod.ts";
import type { ToolSpec } from "../../lib/tools/spec.ts";

function capture(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return {
    lines,
    debug: push("debug"),
    info: push("info"),
    warn: push("warn"),
    error: push("error"),
  };
}

Deno.test("redaction by declared field and by name, at any depth", () => {
  const redacted = redactArguments({
    name: "HQ",
    vpn: [{ fqdn: "a.example", pre_shared_key: "s3cret" }],
    client_secret: "x",
    confirmation_token: "t",
    note: "keep",
    custom: "declared-sensitive",
  }, ["custom"]);
  assert.deepEqual(redacted, {
    name: "HQ",
    vpn: [{ fqdn: "a.example", pre_shared_key: "[redacted]" }],
    client_secret: "[redacted]",
    confirmation_token: "[redacted]",
    note: "keep",
    custom: "[redacted]",
  });
});

Deno.test("audit lines: JSON with time, event, principal and the request's client address", () => {
  const lines: string[] = [];
  const audit = new AuditLog({
    enabled: true,
    logger: capture(),
    sink: (line) => lines.push(line),
    now: () => new Date("2026-11-21T00:00:00Z"),
  });
  withLogContext(
    { client: "10.1.2.3" },
    () => audit.record({ event: "call", tool: "t", principal: "p", request_id: 7, args: { a: 1 } }),
  );
  assert.deepEqual(JSON.parse(lines[0]), {
    time: "2026-11-21T00:00:00.000Z",
    audit: "call",
    tool: "t",
    principal: "p",
    request_id: 7,
    args: { a: 1 },
    client: "10.1.2.3",
  });
});

Deno.test("refusals are kept when the audit log is off: a warning instead", () => {
  const logger = capture();
  const lines: string[] = [];
  const audit = new AuditLog({ enabled: false, logger, sink: (line) => lines.push(line) });
  audit.record({ event: "call", tool: "t", principal: "p" });
  audit.refusal({ event: "confirmation_refused", tool: "t", principal: "p", reason: "replayed" });
  assert.deepEqual(lines, []);
  assert.equal(logger.lines.length, 1);
  assert.match(logger.lines[0], /^warn confirmation refused .*"reason":"replayed"/);
});

Deno.test("the file sink appends with mode 0600", () => {
  const path = Deno.makeTempFileSync();
  Deno.removeSync(path);
  try {
    const sink = fileSink(path);
    sink("one");
    fileSink(path)("two");
    assert.equal(Deno.readTextFileSync(path), "one\ntwo\n");
    if (Deno.build.os !== "windows") assert.equal(Deno.statSync(path).mode! & 0o777, 0o600);
  } finally {
    Deno.removeSync(path);
  }
});

Deno.test("calls to write tools that were not registered are recorded as refused writes", () => {
  const logger = capture();
  const audit = new AuditLog({ enabled: false, logger });
  const write: ToolSpec = { ...CATALOG[0], name: "zia_create_thing", kind: "create" };
  const inspect = writeAttemptInspector([...CATALOG, write], CATALOG, audit, false);
  inspect(
    { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "zia_create_thing" } },
    "p",
  );
  inspect([{ method: "tools/call", params: { name: "zia_create_thing" } }], "p");
  inspect({ method: "tools/call", params: { name: CATALOG[0].name } }, "p");
  inspect({ method: "tools/call", params: { name: "no_such_tool" } }, "p");
  inspect({ method: "tools/list" }, "p");
  assert.equal(logger.lines.length, 2);
  assert.match(logger.lines[0], /write refused .*zia_create_thing.*write tools are off/);
});
