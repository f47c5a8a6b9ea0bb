/**
 * The command line of the real process: configuration errors exit 2 with one line per problem
 * before anything listens; --list-tools, --version and --help need no credentials.
 */

import assert from "node:assert/strict";
import { CATALOG } from "../../lib/tools/mod.ts";
import { runCli } from "../helpers/server_process.ts";

const NO_CREDENTIALS: Record<string, string> = {};

function errorLines(stderr: string): string[] {
  return stderr.trim().split("\n").filter((line) => line !== "");
}

Deno.test("config errors: exit 2, one line per problem, nothing listens", async (t) => {
  const cases: [string, string[], Record<string, string>, string[]][] = [
    ["bad values", ["--transport", "tcp", "--port", "x"], {}, [
      'zscaler-mcp: config error: --transport: must be stdio or streamable-http (got "tcp")',
      'zscaler-mcp: config error: --port: must be a whole number (got "x")',
    ]],
    ["unknown flag", ["--frobnicate"], {}, [
      "zscaler-mcp: config error: Unknown option '--frobnicate'",
    ]],
    ["unknown command", ["launch"], {}, [
      'zscaler-mcp: config error: unknown command "launch" (try --help)',
    ]],
    ["unknown service and toolset", ["--services", "zia,zzz", "--toolsets", "zia_nope"], {}, [
      'zscaler-mcp: config error: --services: unknown service "zzz" (known: zcc, zcell, zdx, zeasm, zia, zid, zins, zms, zpa, ztw)',
      `zscaler-mcp: config error: --toolsets: unknown toolset "zia_nope" (known: ${
        [...new Set(CATALOG.map((s) => s.toolset))].sort().join(", ")
      })`,
    ]],
    [
      "dead patterns",
      [
        "--disabled-tools",
        "zia_nothing_*",
        "--enable-write-tools",
        "--write-tools",
        "zdx_create_*",
      ],
      {},
      [
        'zscaler-mcp: config error: --disabled-tools: "zia_nothing_*" matches no tool',
        'zscaler-mcp: config error: --write-tools: "zdx_create_*" matches no write tool',
      ],
    ],
    ["write-all shortcut", ["--enable-write-tools", "--write-tools", "*"], {}, [
      'zscaler-mcp: config error: --write-tools: "*" would allow every write tool; name the tools or a narrower pattern such as zia_create_*',
    ]],
    ["missing credentials", [], NO_CREDENTIALS, [
      "zscaler-mcp: config error: ZSCALER_CLIENT_ID: is required (or run with --sandbox)",
      "zscaler-mcp: config error: ZSCALER_CLIENT_SECRET or ZSCALER_PRIVATE_KEY: one is required",
      "zscaler-mcp: config error: ZSCALER_VANITY_DOMAIN: is required (the label of <label>.zslogin.net)",
      "zscaler-mcp: config error: ZSCALER_CUSTOMER_ID: is required for ZPA tools (or add --disabled-services zpa)",
    ]],
    ["vanity given as a host name", ["--disabled-services", "zpa"], {
      ZSCALER_CLIENT_ID: "id",
      ZSCALER_CLIENT_SECRET: "very-secret-value",
      ZSCALER_VANITY_DOMAIN: "acme.zsapi.net",
    }, []],
    [
      "unparsable private key",
      ["--disabled-services", "zpa"],
      {
        ZSCALER_CLIENT_ID: "id",
        ZSCALER_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
        ZSCALER_VANITY_DOMAIN: "acme",
      },
      [
        "zscaler-mcp: config error: ZSCALER_PRIVATE_KEY: The private key could not be parsed. " +
        "Use an unencrypted PEM private key (PKCS#8 preferred): RSA 2048+ bits or EC P-256",
      ],
    ],
    [
      "non-loopback HTTP",
      ["--transport", "streamable-http", "--host", "0.0.0.0", "--sandbox"],
      {},
      [
        'zscaler-mcp: config error: security: refusing to serve plain HTTP on "0.0.0.0"; set ZSCALER_MCP_TLS_CERTFILE and ZSCALER_MCP_TLS_KEYFILE, or ZSCALER_MCP_ALLOW_HTTP=true when a proxy in front terminates TLS',
        'zscaler-mcp: config error: security: binding "0.0.0.0" needs ZSCALER_MCP_ALLOWED_HOSTS (the names clients use to reach this server) so DNS rebinding is refused; ZSCALER_MCP_DISABLE_HOST_VALIDATION=true acknowledges the risk instead',
        "zscaler-mcp: config error: security: refusing to serve HTTP on a non-loopback address without client authentication; set ZSCALER_MCP_AUTH_API_KEY, ZSCALER_MCP_AUTH_JWKS_URI or ZSCALER_MCP_AUTH_MODE=zscaler",
      ],
    ],
    ["bad .env path", ["--dotenv-path", "/nonexistent/zscaler.env"], {}, [
      'zscaler-mcp: config error: cannot read .env file "/nonexistent/zscaler.env": not found',
    ]],
  ];
  for (const [name, args, env, expected] of cases) {
    await t.step(name, async () => {
      const result = await runCli(["--transport", "streamable-http", "--port", "0", ...args], env);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout, "");
      assert.doesNotMatch(result.stderr, /security posture/, "nothing listens");
      const lines = errorLines(result.stderr);
      if (name === "vanity given as a host name") {
        assert.equal(lines.length, 1);
        assert.match(lines[0], /^zscaler-mcp: config error: .*label/);
        assert.doesNotMatch(result.stderr, /very-secret-value/);
      } else {
        assert.deepEqual(lines, expected);
      }
    });
  }
});

Deno.test("a secret never appears in any error output", async () => {
  const secret = "Zs-Secret-0123456789-abcdef";
  const result = await runCli(["--port", "99999"], {
    ZSCALER_CLIENT_SECRET: secret,
    ZSCALER_PRIVATE_KEY: secret,
  });
  assert.equal(result.code, 2);
  assert.ok(!result.stderr.includes(secret) && !result.stdout.includes(secret));
});

Deno.test("--list-tools needs no credentials and marks write tools", async () => {
  const text = await runCli(["--list-tools"], NO_CREDENTIALS);
  assert.equal(text.code, 0, text.stderr);
  for (const spec of CATALOG) assert.match(text.stdout, new RegExp(`^${spec.name}\\s`, "m"));
  assert.match(text.stdout, new RegExp(`^${CATALOG.length} tools \\(`, "m"));

  const json = await runCli(["--list-tools", "--json"], NO_CREDENTIALS);
  assert.equal(json.code, 0, json.stderr);
  const rows = JSON.parse(json.stdout);
  assert.deepEqual(
    rows,
    CATALOG.map(({ name, service, toolset, kind }) => ({ name, service, toolset, kind })),
  );
  const reference = await Deno.readTextFile(
    new URL("../fixtures/reference-tools.tsv", import.meta.url),
  );
  const known = new Map(
    reference.trim().split("\n").slice(1).map((line) => line.split("\t")).map((
      [name, toolset, kind],
    ) => [name, { toolset, kind }]),
  );
  for (const row of rows) {
    const ref = known.get(row.name);
    assert.ok(ref, `${row.name} is a reference tool name`);
    assert.equal(row.toolset, ref.toolset, `${row.name} toolset`);
    assert.equal(row.kind === "read" ? "read" : "write", ref.kind, `${row.name} kind`);
  }
});

Deno.test("--version and --help", async () => {
  const version = await runCli(["--version"]);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^zscaler-mcp \d+\.\d+\.\d+\n$/);
  const help = await runCli(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--enable-write-tools\s+ZSCALER_MCP_WRITE_ENABLED/);
  assert.match(help.stdout, /\(env only\)\s+ZSCALER_CLIENT_SECRET/);
});
