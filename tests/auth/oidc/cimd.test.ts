/**
 * Client ID metadata documents fetched over real TLS from a loopback server. The resolver and the
 * address rule are injected: production refuses loopback, so the tests that must reach the
 * loopback server allow it explicitly, while the refusal tests keep the production rule.
 */

import assert from "node:assert/strict";
import {
  CimdFetcher,
  type CimdOptions,
  clientIdUrlProblem,
  isPublicAddress,
} from "../../../lib/auth/oidc/cimd.ts";
import { ClientMetadataError } from "../../../lib/auth/oidc/errors.ts";
import { RedirectUriPolicy } from "../../../lib/auth/oidc/redirect_uris.ts";
import { DEFAULT_REDIRECT_PATTERNS } from "../../../lib/auth/oidc/settings.ts";
import { makeCertificate } from "../../helpers/tls.ts";
import { call, consent, pkcePair, setup, startFakeIdp } from "./helpers.ts";

const TLS = await makeCertificate();
const policy = new RedirectUriPolicy(DEFAULT_REDIRECT_PATTERNS);

type Handler = (request: Request, url: string) => Response | Promise<Response>;

/** An https server on 127.0.0.1 whose certificate names localhost. */
function tlsServer(handler: Handler) {
  let calls = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  const server: Deno.HttpServer<Deno.NetAddr> = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    cert: Deno.readTextFileSync(TLS.certFile),
    key: Deno.readTextFileSync(TLS.keyFile),
    onListen() {},
  }, (request): Response | Promise<Response> => {
    calls++;
    const path = new URL(request.url).pathname;
    return handler(request, `https://localhost:${server.addr.port}${path}`);
  });
  return {
    url: (path = "/client.json") => `https://localhost:${server.addr.port}${path}`,
    calls: () => calls,
    hold: () => released,
    async close() {
      release();
      await server.shutdown();
    },
  };
}

const document = (clientId: string, extra: Record<string, unknown> = {}) => ({
  client_id: clientId,
  client_name: "Metadata Client",
  redirect_uris: ["http://127.0.0.1:6000/callback"],
  grant_types: ["authorization_code", "refresh_token"],
  ...extra,
});

/** Reach the loopback server: resolve to 127.0.0.1, allow it, trust the test CA. */
const reach = (extra: CimdOptions = {}): CimdOptions => ({
  resolve: () => Promise.resolve(["127.0.0.1"]),
  addressAllowed: () => true,
  caCerts: [TLS.cert],
  ...extra,
});

async function refusal(fetcher: CimdFetcher, url: string): Promise<string> {
  const error = await fetcher.client(url).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(error instanceof ClientMetadataError, `expected a refusal for ${url}: ${error}`);
  return error.reason;
}

Deno.test("CIMD: a valid document over TLS becomes a public client, and is cached", async () => {
  const server = tlsServer((_request, url) => Response.json(document(url)));
  try {
    const fetcher = new CimdFetcher(policy, reach());
    const client = await fetcher.client(server.url());
    assert.equal(client.client_id, server.url());
    assert.equal(client.client_name, "Metadata Client");
    assert.equal(client.token_endpoint_auth_method, "none");
    assert.deepEqual(client.redirect_uris, ["http://127.0.0.1:6000/callback"]);
    assert.deepEqual(client.grant_types, ["authorization_code", "refresh_token"]);
    await fetcher.client(server.url());
    await Promise.all([fetcher.client(server.url()), fetcher.client(server.url())]);
    assert.equal(server.calls(), 1, "fetched once, then cached");
  } finally {
    await server.close();
  }
});

Deno.test("CIMD: the production address rule refuses loopback, private, link-local, ULA and multicast", async () => {
  const server = tlsServer((_request, url) => Response.json(document(url)));
  try {
    for (
      const addresses of [
        ["127.0.0.1"],
        ["10.1.2.3"],
        ["192.168.1.1"],
        ["172.16.0.1"],
        ["169.254.169.254"],
        ["100.64.0.1"],
        ["0.0.0.0"],
        ["224.0.0.1"],
        ["::1"],
        ["fd00::1"],
        ["fe80::1"],
        ["::ffff:127.0.0.1"],
        ["ff02::1"],
        ["93.184.216.34", "10.0.0.1"],
      ]
    ) {
      let asked = 0;
      const fetcher = new CimdFetcher(policy, {
        caCerts: [TLS.cert],
        resolve: () => {
          asked++;
          return Promise.resolve(addresses);
        },
      });
      assert.equal(await refusal(fetcher, server.url()), "private_address", addresses.join(","));
      assert.equal(asked, 1);
    }
    const literal = new CimdFetcher(policy, { caCerts: [TLS.cert] });
    const port = new URL(server.url()).port;
    assert.equal(
      await refusal(literal, `https://127.0.0.1:${port}/client.json`),
      "private_address",
      "an address literal is checked too",
    );
    assert.equal(
      await refusal(new CimdFetcher(policy, { resolve: () => Promise.resolve([]) }), server.url()),
      "dns",
    );
    assert.equal(
      await refusal(
        new CimdFetcher(policy, { resolve: () => Promise.reject(new Error("NXDOMAIN")) }),
        server.url(),
      ),
      "dns",
    );
    assert.equal(server.calls(), 0, "nothing was ever fetched");
  } finally {
    await server.close();
  }
});

Deno.test("CIMD: the connection goes to the checked address, and TLS is verified for the name", async () => {
  const server = tlsServer((_request, url) => Response.json(document(url)));
  try {
    // localhost resolves to 127.0.0.1 on this machine, where the server listens; the checked
    // address 127.0.0.2 has nothing listening, so reaching the server would mean the pin failed.
    const pinned = new CimdFetcher(
      policy,
      reach({ resolve: () => Promise.resolve(["127.0.0.2"]) }),
    );
    assert.equal(await refusal(pinned, server.url()), "network");
    assert.equal(server.calls(), 0);
    const untrusted = new CimdFetcher(policy, reach({ caCerts: undefined }));
    assert.equal(await refusal(untrusted, server.url()), "network", "an untrusted certificate");
  } finally {
    await server.close();
  }
});

Deno.test("CIMD: redirects, errors, oversized, slow and malformed documents are refused", async () => {
  const big = "x".repeat(6 * 1024);
  const routes: Record<string, Handler> = {
    "/redirect": () => new Response(null, { status: 302, headers: { location: "/client.json" } }),
    "/missing": () => new Response("no", { status: 404 }),
    "/big": (_request, url) => Response.json(document(url, { padding: big })),
    "/big-chunked": () =>
      new Response(
        new ReadableStream({
          start(controller) {
            for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode(big));
            controller.close();
          },
        }),
      ),
    "/not-json": () => new Response("<html>"),
    "/array": () => Response.json([]),
    "/other-id": () => Response.json(document("https://localhost/other.json")),
    "/evil-redirect": (_request, url) =>
      Response.json(document(url, { redirect_uris: ["https://evil.example/cb"] })),
    "/no-redirects": (_request, url) => Response.json(document(url, { redirect_uris: [] })),
    "/secret": (_request, url) =>
      Response.json(document(url, { token_endpoint_auth_method: "client_secret_basic" })),
    "/with-secret": (_request, url) => Response.json(document(url, { client_secret: "s" })),
    "/implicit": (_request, url) => Response.json(document(url, { grant_types: ["implicit"] })),
  };
  const server = tlsServer(async (request, url) => {
    const path = new URL(request.url).pathname;
    if (path === "/slow") {
      await server.hold();
      return Response.json(document(url));
    }
    return routes[path]!(request, url);
  });
  try {
    const fetcher = new CimdFetcher(policy, reach({ timeoutMs: 300 }));
    const expected: Record<string, string> = {
      "/redirect": "redirect",
      "/missing": "http_status",
      "/big": "too_large",
      "/big-chunked": "too_large",
      "/not-json": "invalid_json",
      "/array": "invalid_document",
      "/other-id": "client_id_mismatch",
      "/evil-redirect": "redirect_uri_not_allowed",
      "/no-redirects": "invalid_document",
      "/secret": "auth_method",
      "/with-secret": "invalid_document",
      "/implicit": "invalid_document",
      "/slow": "timeout",
    };
    for (const [path, reason] of Object.entries(expected)) {
      assert.equal(await refusal(fetcher, server.url(path)), reason, path);
    }
  } finally {
    await server.close();
  }
});

Deno.test("CIMD: only canonical https URLs with a path can name a document", () => {
  assert.equal(clientIdUrlProblem("https://app.example/client.json"), undefined);
  assert.equal(clientIdUrlProblem("http://app.example/client.json"), "not_https");
  assert.equal(clientIdUrlProblem("https://app.example"), "not_canonical");
  assert.equal(clientIdUrlProblem("https://app.example/"), "not_canonical");
  assert.equal(clientIdUrlProblem("https://app.example/a/../client.json"), "not_canonical");
  assert.equal(clientIdUrlProblem("https://APP.example/client.json"), "not_canonical");
  assert.equal(clientIdUrlProblem("https://app.example/client.json#x"), "not_canonical");
  assert.equal(clientIdUrlProblem("https://u:p@app.example/client.json"), "not_canonical");
  assert.equal(clientIdUrlProblem(`https://app.example/${"a".repeat(2100)}`), "too_long");
  assert.equal(isPublicAddress("93.184.216.34"), true);
  assert.equal(isPublicAddress("2606:2800:220:1:248:1893:25c8:1946"), true);
  assert.equal(isPublicAddress("not-an-address"), false);
});

Deno.test("CIMD: /authorize with a document URL as client_id shows its consent page; a refused document is a 400 page", async () => {
  const idp = await startFakeIdp();
  const server = tlsServer((_request, url) => Response.json(document(url)));
  try {
    const { auth } = await setup(idp, {}, { oidc: { cimd: reach() } });
    const client = { client_id: server.url(), redirect_uris: ["http://127.0.0.1:6000/callback"] };
    const { challenge } = pkcePair();
    const query = new URLSearchParams({
      response_type: "code",
      client_id: client.client_id,
      redirect_uri: client.redirect_uris[0],
      code_challenge: challenge,
      code_challenge_method: "S256",
      state: "s",
    });
    const page = await consent(auth, `/authorize?${query}`);
    assert.match(page.html, /Metadata Client/);

    const strict = await setup(idp, {}, { oidc: { cimd: { caCerts: [TLS.cert] } } });
    const refused = await call(strict.auth, `/authorize?${query}`);
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get("location"), null);
    assert.match(
      strict.logger.lines.join("\n"),
      /endpoint=authorize reason=client_metadata_private_address/,
    );
  } finally {
    await server.close();
    await idp.close();
  }
});
