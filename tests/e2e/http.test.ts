/**
 * The HTTP front of the real process: /health, routing, the default Host allowlist, the 2025-11-25
 * session route (unknown, missing, expired, limited) and graceful shutdown with a call in flight.
 */

import assert from "node:assert/strict";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { connectHttp } from "../helpers/clients.ts";
import { INITIALIZE, postMcp } from "../helpers/messages.ts";
import { rawRequest } from "../helpers/raw_http.ts";
import { startHttpServer } from "../helpers/server_process.ts";
import { startTestSim } from "../helpers/sim.ts";

Deno.test("HTTP routing and the default Host allowlist", async () => {
  const server = await startHttpServer(["--sandbox"]);
  try {
    const health = await fetch(`${server.origin}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: "ok" });
    const wrongMethod = await fetch(`${server.origin}/health`, {
      method: "DELETE",
    });
    assert.equal(wrongMethod.status, 405);
    await wrongMethod.body?.cancel();
    const missing = await fetch(`${server.origin}/admin`);
    assert.equal(missing.status, 404);
    await missing.body?.cancel();

    // DNS rebinding: a name that resolves to 127.0.0.1 but is not ours.
    const rebound = await rawRequest(
      server.origin,
      "GET /health HTTP/1.1\r\nHost: attacker.example",
    );
    assert.equal(rebound.status, 403);
    const reboundMcp = await rawRequest(
      server.origin,
      "POST /mcp HTTP/1.1\r\nHost: attacker.example:80\r\nContent-Type: application/json",
      JSON.stringify(INITIALIZE),
    );
    assert.equal(reboundMcp.status, 403);
    const port = new URL(server.origin).port;
    const ours = await rawRequest(server.origin, `GET /health HTTP/1.1\r\nHost: localhost:${port}`);
    assert.equal(ours.status, 200);
  } finally {
    await server.stop();
  }
});

Deno.test("2025-11-25 sessions: required, unknown, expired, limited", async () => {
  const server = await startHttpServer(["--sandbox"], {
    ZSCALER_MCP_SESSION_TTL: "1",
    ZSCALER_MCP_MAX_SESSIONS: "2",
  });
  try {
    const noSession = await postMcp(
      server.url,
      {},
      JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }),
    );
    assert.equal(noSession.status, 400);
    assert.match((await noSession.json()).error.message, /initialize first/);

    const unknown = await postMcp(server.url, {
      "mcp-session-id": crypto.randomUUID(),
    }, JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }));
    assert.equal(unknown.status, 404);
    await unknown.body?.cancel();

    const client = await connectHttp(server.url, "2025-11-25");
    const sessionId = (client.transport as StreamableHTTPClientTransport).sessionId;
    assert.ok(sessionId);
    assert.ok((await client.listTools()).tools.length > 0);
    const second = await connectHttp(server.url, "2025-11-25");
    const third = await postMcp(server.url);
    assert.equal(third.status, 503, "the session limit holds");
    assert.equal(third.headers.get("retry-after"), "30");
    await third.body?.cancel();
    await second.close();

    // Idle for longer than the TTL: the session is gone and the client is told to start over.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const expired = await postMcp(server.url, {
      "mcp-session-id": sessionId,
      "mcp-protocol-version": "2025-11-25",
    }, JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/list" }));
    assert.equal(expired.status, 404);
    await expired.body?.cancel();
    await client.close().catch(() => {});
  } finally {
    await server.stop();
  }
});

Deno.test("SIGTERM and SIGINT drain an in-flight call, then exit 0", async (t) => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    await t.step(signal, async () => {
      const sim = await startTestSim();
      const server = await startHttpServer([], sim.env);
      const client = await connectHttp(server.url, "2026-07-28");
      try {
        sim.tenant.faults.add({
          kind: "latency",
          delayMs: 1500,
          match: { pathPrefix: "/zia/api/v1/status" },
        });
        const pending = client.callTool({ name: "zia_get_activation_status", arguments: {} });
        // Signal once the request is inside the server (the simulator is holding it).
        while (sim.tenant.faults.pending() > 0) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const stopped = server.stop(signal);
        const result = await pending;
        assert.notEqual(result.isError, true, JSON.stringify(result.content));
        assert.deepEqual(result.structuredContent, await sim.get("/zia/api/v1/status"));
        const { code, stderr } = await stopped;
        assert.equal(code, 0, stderr);
        assert.match(stderr, new RegExp(`shutting down reason=${signal}`));
      } finally {
        await client.close().catch(() => {});
        await server.stop();
        await sim.close();
      }
    });
  }
});
