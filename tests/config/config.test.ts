import assert from "node:assert/strict";
import {
  ConfigError,
  credentialProblems,
  loadConfig,
  Secret,
  SETTINGS,
} from "../../lib/config/mod.ts";

const SCRATCH = Deno.makeTempDirSync({ prefix: "zscaler-mcp-config-test-" });
globalThis.addEventListener("unload", () => Deno.removeSync(SCRATCH, { recursive: true }));

function tempDotenv(text: string): string {
  const path = Deno.makeTempFileSync({ dir: SCRATCH, suffix: ".env" });
  Deno.writeTextFileSync(path, text);
  return path;
}

function problemsOf(argv: string[], env: Record<string, string> = {}): string[] {
  try {
    loadConfig(argv, { ZSCALER_MCP_DOTENV_PATH: tempDotenv(""), ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

Deno.test("defaults: stdio on 127.0.0.1:8000, everything off, all services", () => {
  const { config } = loadConfig([], { ZSCALER_MCP_DOTENV_PATH: tempDotenv("") });
  assert.equal(config.transport, "stdio");
  assert.equal(config.host, "127.0.0.1");
  assert.equal(config.port, 8000);
  assert.equal(config.services, null);
  assert.equal(config.toolsets, null);
  assert.equal(config.writeEnabled, false);
  assert.deepEqual(config.writeTools, []);
  assert.equal(config.sandbox, false);
  assert.equal(config.zscaler.cloud, "production");
  assert.equal(config.requestTimeoutMs, 30_000);
  assert.ok(Object.isFrozen(config) && Object.isFrozen(config.zscaler));
});

Deno.test("precedence: flag over environment over .env", () => {
  const dotenv = tempDotenv(
    "ZSCALER_MCP_PORT=7001\nZSCALER_MCP_TOOLSETS=zia_admin\nZSCALER_CLOUD=beta\n",
  );
  const env = { ZSCALER_MCP_DOTENV_PATH: dotenv, ZSCALER_MCP_PORT: "7002", ZSCALER_CLOUD: "GOV" };
  assert.equal(loadConfig([], env).config.port, 7002);
  assert.equal(loadConfig(["--port", "7003"], env).config.port, 7003);
  assert.deepEqual(loadConfig([], env).config.toolsets, ["zia_admin"]);
  assert.equal(loadConfig([], env).config.zscaler.cloud, "gov");
  assert.equal(loadConfig([], env).config.dotenvPath, dotenv);
});

Deno.test("--dotenv-path reads the named file; a missing named file is an error", () => {
  const dotenv = tempDotenv("ZSCALER_CLIENT_ID=from-dotenv\n");
  assert.equal(loadConfig(["--dotenv-path", dotenv], {}).config.zscaler.clientId, "from-dotenv");
  assert.deepEqual(problemsOf(["--dotenv-path", "/nonexistent/.env"]), [
    'cannot read .env file "/nonexistent/.env": not found',
  ]);
});

Deno.test("the default ./.env is optional", () => {
  const dir = Deno.makeTempDirSync({ dir: SCRATCH });
  const cwd = Deno.cwd();
  try {
    Deno.chdir(dir);
    assert.equal(loadConfig([], {}).config.dotenvPath, null);
    Deno.writeTextFileSync(".env", "ZSCALER_MCP_DEBUG=true\n");
    const { config } = loadConfig([], {});
    assert.equal(config.debug, true);
    assert.equal(config.dotenvPath, ".env");
  } finally {
    Deno.chdir(cwd);
  }
});

Deno.test("lists, booleans and 'all'", () => {
  const { config } = loadConfig(
    [
      "--services",
      "zia, zpa,",
      "--toolsets",
      "all",
      "--enable-write-tools",
      "--write-tools",
      "zia_create_*",
    ],
    { ZSCALER_MCP_DOTENV_PATH: tempDotenv(""), ZSCALER_MCP_LOG_TOOL_CALLS: "Yes" },
  );
  assert.deepEqual(config.services, ["zia", "zpa"]);
  assert.equal(config.toolsets, null);
  assert.equal(config.writeEnabled, true);
  assert.deepEqual(config.writeTools, ["zia_create_*"]);
  assert.equal(config.logToolCalls, true);
});

Deno.test("every invalid value is reported, one line each, naming where it came from", () => {
  const problems = problemsOf(["--transport", "websocket", "--port", "70000"], {
    ZSCALER_MCP_DEBUG: "maybe",
    ZSCALER_MCP_REQUEST_TIMEOUT: "0",
    ZSCALER_CUSTOMER_ID: "abc",
    ZSCALER_CLOUD: "prod/../x",
    ZSCALER_MCP_TOKEN_URL: "http://evil.example/token",
  });
  assert.deepEqual(problems, [
    '--transport: must be stdio or streamable-http (got "websocket")',
    '--port: must be at most 65535 (got "70000")',
    'ZSCALER_MCP_DEBUG: must be true or false (got "maybe")',
    'ZSCALER_CUSTOMER_ID: must be the numeric ZPA customer id (got "abc")',
    'ZSCALER_CLOUD: must be a cloud name such as production (got "prod/../x")',
    "ZSCALER_MCP_TOKEN_URL: must be an https URL without credentials (http is allowed only for a " +
    'loopback host) (got "http://evil.example/token")',
    'ZSCALER_MCP_REQUEST_TIMEOUT: must be at least 1 (got "0")',
  ]);
});

Deno.test("unknown flags and flags missing a value are errors", () => {
  assert.deepEqual(problemsOf(["--no-such-flag"]), ["Unknown option '--no-such-flag'"]);
  assert.equal(problemsOf(["--port"]).length, 1);
});

Deno.test("HTTP off loopback needs TLS (or an acknowledged proxy) and client auth", () => {
  const problems = problemsOf(["--transport", "streamable-http", "--host", "10.1.2.3"]);
  assert.equal(problems.length, 2, problems.join("\n"));
  assert.match(problems[0], /refusing to serve plain HTTP on "10\.1\.2\.3"/);
  assert.match(problems[1], /without client authentication/);
  for (const host of ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"]) {
    assert.deepEqual(problemsOf(["--transport", "streamable-http", "--host", host]), [], host);
  }
  assert.deepEqual(
    problemsOf(["--transport", "streamable-http", "--host", "10.1.2.3"], {
      ZSCALER_MCP_ALLOW_HTTP: "true",
      ZSCALER_MCP_AUTH_API_KEY: "x".repeat(32),
    }),
    [],
  );
});

Deno.test("secrets never appear in problems, and are wrapped", () => {
  const secret = "s3cr3t-value-that-must-not-leak";
  const problems = problemsOf([], {
    ZSCALER_CLIENT_SECRET: secret,
    ZSCALER_PRIVATE_KEY: `not a key ${secret}`,
  });
  assert.ok(problems.length >= 1);
  for (const problem of problems) assert.ok(!problem.includes(secret), problem);

  const { config } = loadConfig([], {
    ZSCALER_MCP_DOTENV_PATH: tempDotenv(""),
    ZSCALER_CLIENT_SECRET: secret,
  });
  assert.ok(config.zscaler.clientSecret instanceof Secret);
  assert.equal(config.zscaler.clientSecret.reveal(), secret);
  assert.ok(!JSON.stringify(config).includes(secret));
  assert.ok(!Deno.inspect(config, { depth: 10 }).includes(secret));
  assert.ok(!String(config.zscaler.clientSecret).includes(secret));
});

Deno.test("private key: PEM text or a file path; secret and key are exclusive", () => {
  const pem = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----";
  const path = Deno.makeTempFileSync({ dir: SCRATCH });
  Deno.writeTextFileSync(path, pem);
  const base = { ZSCALER_MCP_DOTENV_PATH: tempDotenv("") };
  assert.equal(
    loadConfig([], { ...base, ZSCALER_PRIVATE_KEY: pem }).config.zscaler.privateKey?.reveal(),
    pem,
  );
  assert.equal(
    loadConfig([], { ...base, ZSCALER_PRIVATE_KEY: path }).config.zscaler.privateKey?.reveal(),
    pem,
  );
  assert.deepEqual(problemsOf([], { ZSCALER_PRIVATE_KEY: "/nonexistent/key.pem" }), [
    "ZSCALER_PRIVATE_KEY: cannot read the key file (NotFound)",
  ]);
  assert.deepEqual(problemsOf([], { ZSCALER_PRIVATE_KEY: pem, ZSCALER_CLIENT_SECRET: "x" }), [
    "ZSCALER_CLIENT_SECRET and ZSCALER_PRIVATE_KEY: set only one of them",
  ]);
});

Deno.test("credentialProblems names what a live tenant needs", () => {
  const { config } = loadConfig([], { ZSCALER_MCP_DOTENV_PATH: tempDotenv("") });
  assert.deepEqual(credentialProblems(config), [
    "ZSCALER_CLIENT_ID: is required (or run with --sandbox)",
    "ZSCALER_CLIENT_SECRET or ZSCALER_PRIVATE_KEY: one is required",
    "ZSCALER_VANITY_DOMAIN: is required (the label of <label>.zslogin.net)",
  ]);
  const ok = loadConfig([], {
    ZSCALER_MCP_DOTENV_PATH: tempDotenv(""),
    ZSCALER_CLIENT_ID: "id",
    ZSCALER_CLIENT_SECRET: "secret",
    ZSCALER_VANITY_DOMAIN: "acme",
  });
  assert.deepEqual(credentialProblems(ok.config), []);
});

Deno.test(".env.example documents every variable", async () => {
  const example = await Deno.readTextFile(new URL("../../.env.example", import.meta.url));
  for (const setting of SETTINGS) {
    assert.match(example, new RegExp(`^#?\\s*${setting.env}=`, "m"), `${setting.env} missing`);
  }
});
