/**
 * The permission-set computation (lib/permissions): every cloud's Zscaler hosts and nothing
 * broader, no duplicates, every variable the server reads, the state directory per OS and mode,
 * strict parsing of the extra entries, the rendered flags, and the startup host check's pieces.
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { defaultStateDir } from "../lib/config/state_dir.ts";
import { SETTINGS } from "../lib/config/settings.ts";
import {
  allZscalerNetEntries,
  blockedHostWarnings,
  COMPILE_TARGETS,
  configuredUrls,
  denoRunArgs,
  executableName,
  INSTALL_PATH,
  listenProblem,
  netHostOf,
  parseNetEntry,
  permissionFlags,
  PermissionInputError,
  type PermissionInputs,
  type PermissionSet,
  permissionSet,
  STATE_DIR_ENV,
} from "../lib/permissions/mod.ts";
import { allowedHosts, KNOWN_CLOUDS } from "../lib/zscaler/clouds.ts";
import type { Config } from "../lib/config/mod.ts";

const HOME_ENV = { HOME: "/home/ada" };

function set(overrides: Partial<PermissionInputs> = {}): PermissionSet {
  return permissionSet({
    os: "linux",
    mode: "run",
    profile: "server",
    env: HOME_ENV,
    ...overrides,
  });
}

/** Whether a Deno `--allow-net` entry admits `host:port` (exact, or `*.domain` subdomains). */
function admits(entry: string, host: string, port: number): boolean {
  const [name, entryPort] = entry.startsWith("[")
    ? [entry.slice(0, entry.indexOf("]") + 1), entry.slice(entry.indexOf("]") + 2) || undefined]
    : entry.split(":") as [string, string | undefined];
  if (entryPort !== undefined && Number(entryPort) !== port) return false;
  if (name.startsWith("*.")) return host === name.slice(2) || host.endsWith(name.slice(1));
  return name === host;
}

Deno.test("every known cloud's token and API hosts are allowed, on 443 only", () => {
  for (const vanity of [undefined, "acme"]) {
    const { net } = set({ env: { ...HOME_ENV, ZSCALER_VANITY_DOMAIN: vanity } });
    for (const cloud of KNOWN_CLOUDS) {
      for (const host of allowedHosts(cloud, "acme")) {
        assert.ok(net.some((entry) => admits(entry, host, 443)), `${cloud}: ${host}:443`);
        assert.ok(!net.some((entry) => admits(entry, host, 80)), `${cloud}: ${host}:80`);
      }
    }
  }
});

Deno.test("no wildcard but the Zscaler identity domains, and none at all with a vanity label", () => {
  const identityDomains = KNOWN_CLOUDS.map((cloud) => allowedHosts(cloud, "x")[0].slice(2) // "x.<domain>" → "<domain>"
  );
  for (const s of [set(), set({ mode: "compile", profile: "control" })]) {
    const wildcards = s.net.filter((entry) => entry.includes("*"));
    assert.deepEqual(
      wildcards.sort(),
      identityDomains.map((domain) => `*.${domain}:443`).sort(),
    );
    assert.ok(!s.net.includes("*") && !s.net.some((entry) => entry === "" || entry === ":"));
  }
  const exact = set({ env: { ...HOME_ENV, ZSCALER_VANITY_DOMAIN: "acme" } });
  assert.deepEqual(exact.net.filter((entry) => entry.includes("*")), []);
  assert.ok(exact.net.includes("acme.zslogin.net:443"));
  // Another tenant's token host is not reachable from an exact set.
  assert.ok(!exact.net.some((entry) => admits(entry, "evil.zslogin.net", 443)));
});

Deno.test("no list holds a duplicate, and every list is sorted", () => {
  const sets = [
    set(),
    set({ profile: "control", execPath: "/usr/bin/deno" }),
    set({ mode: "compile", profile: "control", os: "darwin" }),
    set({
      env: {
        ...HOME_ENV,
        ZSCALER_MCP_EXTRA_NET_HOSTS: "idp.example.com,idp.example.com, 127.0.0.1",
        ZSCALER_MCP_EXTRA_READ_PATHS: "/etc/zscaler-mcp,/srv/tls",
        ZSCALER_MCP_EXTRA_WRITE_PATHS: "/srv/audit,/srv/audit",
      },
    }),
  ];
  for (const s of sets) {
    for (const [name, list] of Object.entries(s)) {
      assert.equal(new Set(list).size, list.length, `${name} has a duplicate`);
      assert.deepEqual(list, [...list].sort(), `${name} is sorted`);
    }
  }
});

Deno.test("the env list covers every setting and every variable the state directory reads", () => {
  const { env } = set();
  for (const setting of SETTINGS) assert.ok(env.includes(setting.env), setting.env);
  const read = new Set<string>();
  const recorder = new Proxy({}, {
    get(_target, name) {
      read.add(String(name));
      return undefined;
    },
  });
  for (const os of ["linux", "darwin", "windows"]) {
    try {
      defaultStateDir(recorder, os);
    } catch {
      // No variable set: it throws after reading what it looks at.
    }
  }
  for (const name of read) assert.ok(env.includes(name), `state dir reads ${name}`);
  for (const name of STATE_DIR_ENV) assert.ok(env.includes(name));
  // Nothing else: the build-time variables are read by the launcher, not the server.
  const expected = new Set([...SETTINGS.map((s) => s.env), ...STATE_DIR_ENV]);
  assert.deepEqual(env, [...expected].sort());
  assert.ok(!env.includes("ZSCALER_MCP_EXTRA_NET_HOSTS"));
});

Deno.test("run mode allows this user's state directory; compile mode only system ones", () => {
  const linux = set();
  assert.ok(linux.write.includes("/home/ada/.local/state/zscaler-mcp"));
  assert.ok(linux.read.includes("/home/ada/.local/state/zscaler-mcp"));
  assert.ok(!linux.write.includes("/var/lib/zscaler-mcp"));
  const mac = set({ os: "darwin" });
  assert.deepEqual(mac.write, ["/home/ada/Library/Application Support/zscaler-mcp"]);
  const win = set({ os: "windows", env: { LOCALAPPDATA: "C:\\Users\\ada\\AppData\\Local" } });
  assert.equal(win.write.length, 1);
  assert.match(win.write[0], /^C:\\Users\\ada\\AppData\\Local[\\/]zscaler-mcp$/);
  const systemd = set({ env: { ...HOME_ENV, STATE_DIRECTORY: "/var/lib/zscaler-mcp" } });
  assert.deepEqual(systemd.write, ["/var/lib/zscaler-mcp"]);
  // No home: no per-user directory (the server reports the missing state directory itself).
  assert.deepEqual(set({ env: {} }).write, []);

  const compiled = set({ mode: "compile", profile: "control" });
  assert.deepEqual(compiled.write, ["/var/lib/zscaler-mcp", "/var/log/zscaler-mcp"]);
  assert.ok(!compiled.read.some((path) => path.startsWith("/home")));
  assert.deepEqual(compiled.read, [
    ".env",
    "/etc/zscaler-mcp",
    "/run/credentials/zscaler-mcp.service",
    "/var/lib/zscaler-mcp",
    "/var/log/zscaler-mcp",
  ]);
  const builderDir = set({
    mode: "compile",
    profile: "control",
    env: { ZSCALER_MCP_STATE_DIR: "/srv/zscaler-mcp" },
  });
  assert.ok(builderDir.write.includes("/srv/zscaler-mcp"));
  assert.throws(
    () => set({ mode: "compile", env: { ZSCALER_MCP_STATE_DIR: "state" } }),
    (error: unknown) =>
      error instanceof PermissionInputError && error.variable === "ZSCALER_MCP_STATE_DIR",
  );
});

Deno.test("the server runs no program; the lifecycle commands only ps, kill and the executable", () => {
  assert.deepEqual(set().run, []);
  assert.deepEqual(set({ mode: "compile", profile: "server" }).run, []);
  assert.deepEqual(set({ profile: "control", execPath: "/opt/deno/deno" }).run, [
    "/opt/deno/deno",
    "kill",
    "ps",
  ]);
  assert.deepEqual(set({ mode: "compile", profile: "control" }).run, [INSTALL_PATH, "kill", "ps"]);
  assert.deepEqual(set({ os: "windows", mode: "compile", profile: "control" }).run, ["tasklist"]);
});

Deno.test("extra hosts and paths are added after strict parsing", () => {
  const s = set({
    env: {
      ...HOME_ENV,
      ZSCALER_MCP_EXTRA_NET_HOSTS: " IdP.Example.com:443 , *.okta.com, 10.0.0.5, [fd00::5]:8443",
      ZSCALER_MCP_EXTRA_READ_PATHS: "./certs,/srv/tls/key.pem",
      ZSCALER_MCP_EXTRA_WRITE_PATHS: "/srv/audit",
    },
  });
  for (const entry of ["idp.example.com:443", "*.okta.com", "10.0.0.5", "[fd00::5]:8443"]) {
    assert.ok(s.net.includes(entry), entry);
  }
  assert.ok(s.read.includes("./certs") && s.read.includes("/srv/tls/key.pem"));
  assert.ok(s.write.includes("/srv/audit") && s.read.includes("/srv/audit"));
});

Deno.test("a bad extra host is refused with a line naming the variable and the entry", () => {
  const refused = [
    "*",
    "*.com",
    "https://idp.example.com/jwks",
    "user@idp.example.com",
    "idp example.com",
    "idp.example.com:0",
    "idp.example.com:70000",
    "::1",
    "ex*ample.com",
    "a.*.example.com",
    "-bad.example.com",
  ];
  for (const entry of refused) {
    assert.throws(
      () => parseNetEntry("ZSCALER_MCP_EXTRA_NET_HOSTS", entry),
      (error: unknown) =>
        error instanceof PermissionInputError &&
        error.message.startsWith(`ZSCALER_MCP_EXTRA_NET_HOSTS: ${JSON.stringify(entry)} `),
      entry,
    );
  }
  assert.throws(
    () => set({ env: { ...HOME_ENV, ZSCALER_MCP_EXTRA_READ_PATHS: "/srv/a\nb" } }),
    /ZSCALER_MCP_EXTRA_READ_PATHS: .* control character/,
  );
  assert.throws(
    () => set({ env: { ...HOME_ENV, ZSCALER_VANITY_DOMAIN: "acme.zslogin.net" } }),
    /^PermissionInputError: ZSCALER_VANITY_DOMAIN: .*host name or URL/,
  );
});

Deno.test("another cloud named at build time adds its hosts; known clouds are not repeated", () => {
  const entries = allZscalerNetEntries({ cloud: "zscalertwo" });
  assert.ok(entries.includes("*.zsloginzscalertwo.net:443"));
  assert.ok(entries.includes("api.zscalertwo.zsapi.net:443"));
  assert.deepEqual(allZscalerNetEntries({ cloud: "BETA" }), allZscalerNetEntries());
  assert.throws(() => allZscalerNetEntries({ cloud: "bad cloud" }), /ZSCALER_CLOUD/);
});

Deno.test("the flags grant nothing bare: no --allow-all, sys, ffi, and every allow has a list", () => {
  for (
    const s of [set(), set({ mode: "compile", profile: "control" }), {
      net: ["127.0.0.1"],
      read: [],
      write: [],
      env: ["HOME"],
      run: [],
    }]
  ) {
    const flags = permissionFlags(s);
    for (const flag of flags) {
      assert.ok(!/^--allow-\w+$/.test(flag), `bare ${flag}`);
      assert.ok(!/^(-A|--allow-all|--allow-sys|--allow-ffi|--allow-hrtime)/.test(flag), flag);
      if (flag.startsWith("--allow-")) assert.match(flag, /^--allow-\w+=[^,]+(,[^,]+)*$/);
    }
    for (const required of ["--no-prompt", "--ignore-env", "--deny-import"]) {
      assert.ok(flags.includes(required), required);
    }
  }
  assert.throws(() => permissionFlags({ ...set(), read: ["/a,b"] }), /comma/);
});

Deno.test("denoRunArgs puts the flags before the entry and the program's arguments after", () => {
  const s = set();
  const args = denoRunArgs(s, "/repo/main.ts", ["--transport", "stdio"], "/repo/deno.json");
  const entry = args.indexOf("/repo/main.ts");
  assert.equal(args[0], "run");
  assert.deepEqual(args.slice(entry + 1), ["--transport", "stdio"]);
  assert.deepEqual(args.slice(entry - permissionFlags(s).length, entry), permissionFlags(s));
});

Deno.test("compile targets and executable names", () => {
  assert.deepEqual(COMPILE_TARGETS.map((t) => t.triple), [
    "x86_64-unknown-linux-gnu",
    "aarch64-unknown-linux-gnu",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
  ]);
  assert.deepEqual(COMPILE_TARGETS.map(executableName), [
    "zscaler-mcp-x86_64-unknown-linux-gnu",
    "zscaler-mcp-aarch64-unknown-linux-gnu",
    "zscaler-mcp-x86_64-apple-darwin",
    "zscaler-mcp-aarch64-apple-darwin",
    "zscaler-mcp-x86_64-pc-windows-msvc.exe",
  ]);
});

Deno.test("deno.json's start and compile tasks go through the scripts that use lib/permissions", () => {
  const config = JSON.parse(
    Deno.readTextFileSync(fileURLToPath(new URL("../deno.json", import.meta.url))),
  );
  assert.match(config.tasks.start, /^deno run [^]*deploy\/start\.ts$/);
  assert.match(config.tasks.compile, /^deno run [^]*deploy\/compile\.ts$/);
  // The launcher's own flags never include a permission for the server: it passes none on.
  assert.doesNotMatch(config.tasks.start, /main\.ts/);
});

Deno.test("netHostOf fills in the default port", () => {
  assert.equal(netHostOf(new URL("https://idp.example.com/jwks")), "idp.example.com:443");
  assert.equal(netHostOf(new URL("http://127.0.0.1:9000/x")), "127.0.0.1:9000");
  assert.equal(netHostOf(new URL("https://[::1]/x")), "[::1]:443");
});

Deno.test("blockedHostWarnings names each blocked host once, with its setting", () => {
  const allowed = (host: string) => host === "api.zsapi.net:443";
  const warnings = blockedHostWarnings([
    { setting: "ZSCALER_MCP_TOKEN_URL", url: "https://idp.example.com/token" },
    { setting: "ZSCALER_MCP_API_BASE_URL", url: "https://api.zsapi.net" },
    { setting: "ZSCALER_MCP_AUTH_JWKS_URI", url: "https://idp.example.com/jwks" },
    { setting: "OIDCPROXY_CONFIG_URL", url: "not a url" },
  ], allowed);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^ZSCALER_MCP_TOKEN_URL: host idp\.example\.com:443 is not in/);
  assert.match(warnings[0], /ZSCALER_MCP_EXTRA_NET_HOSTS/);
});

Deno.test("listenProblem checks the bind of an HTTP server only, IPv6 in brackets", () => {
  const asked: string[] = [];
  const deny = (host: string) => (asked.push(host), false);
  const config = (transport: string, host: string, port: number) =>
    ({ transport, host, port }) as unknown as Config;
  assert.equal(listenProblem(config("stdio", "10.0.0.5", 8000), deny), undefined);
  assert.match(
    listenProblem(config("streamable-http", "fd00::5", 8443), deny)!,
    /^ZSCALER_MCP_HOST: .*listening on \[fd00::5\]:8443/,
  );
  assert.match(listenProblem(config("streamable-http", "10.0.0.5", 0), deny)!, /on 10\.0\.0\.5;/);
  assert.deepEqual(asked, ["[fd00::5]:8443", "10.0.0.5"]);
  assert.equal(listenProblem(config("streamable-http", "0.0.0.0", 1), () => true), undefined);
});

Deno.test("configuredUrls: the OneAPI endpoints, the JWKS of jwt mode, the discovery of oidc mode", () => {
  const upstream = {
    tokenUrl: "https://acme.zslogin.net/oauth2/v1/token",
    apiBaseUrl: "https://api.zsapi.net",
  };
  const withAuth = (auth: object) => ({ auth }) as unknown as Config;
  const settings = (auth: object) => configuredUrls(withAuth(auth), upstream).map((u) => u.setting);
  assert.deepEqual(settings({ mode: "api-key" }), [
    "ZSCALER_MCP_TOKEN_URL",
    "ZSCALER_MCP_API_BASE_URL",
  ]);
  assert.deepEqual(
    settings({ mode: "jwt", jwksUri: "https://idp.example.com/jwks" }).at(-1),
    "ZSCALER_MCP_AUTH_JWKS_URI",
  );
  assert.deepEqual(
    configuredUrls(
      withAuth({
        mode: "oidc",
        oidc: { configUrl: "https://idp.example.com/.well-known/openid-configuration" },
      }),
      upstream,
    ).at(-1),
    {
      setting: "OIDCPROXY_CONFIG_URL",
      url: "https://idp.example.com/.well-known/openid-configuration",
    },
  );
});
