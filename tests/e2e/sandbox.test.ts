/** `--sandbox`: the built-in simulated tenant, announced loudly, used by real tools. */

import assert from "node:assert/strict";
import { connectHttp, connectStdio } from "../helpers/clients.ts";
import { startHttpServer } from "../helpers/server_process.ts";

Deno.test("--sandbox over HTTP: the banner says so and tools answer from the simulator", async () => {
  const server = await startHttpServer(["--sandbox", "--log-tool-calls"]);
  try {
    const banner = server.stderr();
    assert.match(banner, /SANDBOX MODE: every answer comes from a SIMULATED Zscaler tenant/);
    for (
      const label of [
        "transport",
        "bind",
        "TLS",
        "client auth",
        "host validation",
        "IP ACL",
        "write tools",
        "sanitization",
        "audit logging",
        "sandbox",
      ]
    ) {
      assert.match(banner, new RegExp(`^  ${label}\\s`, "m"), label);
    }
    assert.match(banner, /write tools\s+off \(0 registered\)/);
    assert.match(banner, /upstream\s+simulated tenant at http:\/\/127\.0\.0\.1:\d+/);
    const client = await connectHttp(server.url, "2026-07-28");
    try {
      const result = await client.callTool({ name: "zia_list_locations", arguments: {} });
      assert.notEqual(result.isError, true);
      assert.ok((result.structuredContent as { count: number }).count > 0);
      const failed = await client.callTool({
        name: "zia_get_location",
        arguments: { location_id: 1 },
      });
      assert.equal(failed.isError, true);
    } finally {
      await client.close();
    }
    assert.match(server.stderr(), /audit logging\s+JSON lines to stderr/);
    assert.match(server.stderr(), /confirmations\s+always on/);
    const audit = server.stderr().split("\n").filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line));
    const events = audit.map((e) => `${e.audit} ${e.tool} ${e.outcome ?? ""}`.trim());
    assert.deepEqual(events, [
      "call zia_list_locations",
      "result zia_list_locations ok",
      "call zia_get_location",
      "result zia_get_location error",
    ]);
    for (const event of audit) {
      assert.equal(event.principal, "none:anonymous");
      assert.equal(event.client, "127.0.0.1");
      assert.ok(!Number.isNaN(Date.parse(event.time)));
      assert.ok(event.request_id !== undefined);
    }
    assert.deepEqual(audit[2].args, { location_id: 1 });
    assert.ok(audit[1].size > 0 && audit[1].duration_ms >= 0);
  } finally {
    const { code } = await server.stop();
    assert.equal(code, 0);
  }
});

Deno.test("--sandbox over stdio, and the process ends when stdin closes", async () => {
  const { client, transport } = await connectStdio("2026-07-28", ["--sandbox"]);
  transport.stderr?.on("data", () => {});
  try {
    const result = await client.callTool({ name: "zpa_list_application_segments", arguments: {} });
    assert.notEqual(result.isError, true);
    assert.ok((result.structuredContent as { count: number }).count > 0);
  } finally {
    await client.close();
  }
  assert.equal(transport.pid, null, "the child has exited");
});
