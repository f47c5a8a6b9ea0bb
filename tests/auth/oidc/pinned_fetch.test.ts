/**
 * The pinned HTTPS GET against a raw TLS listener on loopback that answers with exactly the bytes
 * a test gives it: well-formed, chunked, truncated, oversized and garbage responses.
 */

import assert from "node:assert/strict";
import { PinnedFetchError, pinnedGet } from "../../../lib/auth/oidc/pinned_fetch.ts";
import { makeCertificate } from "../../helpers/tls.ts";

const TLS = await makeCertificate();

/** A TLS listener that reads one request and writes `answer`, then closes. */
function rawServer(answer: string) {
  const listener = Deno.listenTls({
    hostname: "127.0.0.1",
    port: 0,
    cert: Deno.readTextFileSync(TLS.certFile),
    key: Deno.readTextFileSync(TLS.keyFile),
  });
  const requests: string[] = [];
  const done = (async () => {
    for await (const conn of listener) {
      try {
        const buffer = new Uint8Array(4096);
        const read = await conn.read(buffer);
        requests.push(new TextDecoder().decode(buffer.subarray(0, read ?? 0)));
        await conn.write(new TextEncoder().encode(answer));
      } catch {
        // the client went away
      } finally {
        try {
          conn.close();
        } catch {
          // closed
        }
      }
    }
  })();
  return {
    url: `https://localhost:${listener.addr.port}/doc.json`,
    requests,
    async close() {
      listener.close();
      await done;
    },
  };
}

const get = (url: string, maxBytes = 64) =>
  pinnedGet(new URL(url), ["127.0.0.1"], { caCerts: [TLS.cert], timeoutMs: 2000, maxBytes });

async function kind(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof PinnedFetchError, String(error));
  return error.kind;
}

Deno.test("pinned GET: a response with a length, and a chunked one", async () => {
  const sized = rawServer(
    'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"a":1}',
  );
  try {
    const response = await get(sized.url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/json");
    assert.equal(new TextDecoder().decode(response.body), '{"a":1}');
    assert.match(sized.requests[0], /^GET \/doc\.json HTTP\/1\.1\r\n/);
    assert.match(sized.requests[0], /\r\nHost: localhost:\d+\r\n/);
    assert.match(sized.requests[0], /\r\nConnection: close\r\n/);
  } finally {
    await sized.close();
  }
  const chunked = rawServer(
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
  );
  try {
    assert.equal(new TextDecoder().decode((await get(chunked.url)).body), "abcde");
  } finally {
    await chunked.close();
  }
});

Deno.test("pinned GET: oversized, truncated and garbage responses, and plain http, are refused", async () => {
  const cases: [string, string][] = [
    ["HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100), "too_large"],
    ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n" + "x".repeat(80), "too_large"],
    ["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "malformed_response"],
    ["garbage\r\n\r\n", "malformed_response"],
    ["", "malformed_response"],
  ];
  for (const [answer, expected] of cases) {
    const server = rawServer(answer);
    try {
      assert.equal(await kind(get(server.url)), expected, JSON.stringify(answer.slice(0, 40)));
    } finally {
      await server.close();
    }
  }
  assert.equal(await kind(get("http://localhost:1/doc.json")), "network");
});

Deno.test("pinned GET: a redirect is returned, not followed", async () => {
  const server = rawServer(
    "HTTP/1.1 302 Found\r\nLocation: https://elsewhere.example/\r\nContent-Length: 0\r\n\r\n",
  );
  try {
    const response = await get(server.url);
    assert.equal(response.status, 302);
    assert.equal(response.headers.get("location"), "https://elsewhere.example/");
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
  }
});
