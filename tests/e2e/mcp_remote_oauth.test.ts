/**
 * The bridge the README recommends, signing in on its own: `mcp-remote` gets the server's 401,
 * discovers the authorization server (RFC 9728 → RFC 8414), registers itself (RFC 7591), runs
 * authorization code + PKCE through the OAuth proxy and the IdP (`npm:oidc-provider`), and then
 * calls a tool against the simulated tenant.
 *
 * mcp-remote opens the authorization URL with the `open` package, whose bundled `xdg-open` falls
 * back to `$BROWSER` when no desktop is running (there is none here: no `DISPLAY`). `BROWSER` is a
 * two-line script that hands the URL to this test, which then does what a person in a browser
 * does (consent page → Approve → redirects through the IdP → mcp-remote's loopback callback) with
 * `fetch` and a cookie jar. `MCP_REMOTE_CONFIG_DIR` keeps mcp-remote's registration and tokens in
 * a scratch directory.
 */

import assert from "node:assert/strict";
import { decodeJwt } from "jose";
import { Browser, decideInBrowser, freePort } from "../helpers/oauth_client.ts";
import { startOidcStack } from "../helpers/oidc_provider.ts";
import { childEnv, emptyDir } from "../helpers/server_process.ts";
import { bridgeMessages, MCP_REMOTE } from "../helpers/mcp_remote.ts";

const MESSAGES = bridgeMessages("bridge-oauth-test");

/** Waits until `path` has a line, for at most `deadlineMs`; returns the first line. */
async function firstLine(path: string, deadlineMs: number, alive: () => boolean) {
  const started = Date.now();
  for (;;) {
    const text = await Deno.readTextFile(path).catch(() => "");
    const line = text.split("\n").find((l) => l.trim() !== "");
    if (line) return line.trim();
    if (!alive()) throw new Error("mcp-remote exited before opening a browser");
    if (Date.now() - started > deadlineMs) {
      throw new Error(`mcp-remote opened no browser within ${deadlineMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

Deno.test("mcp-remote registers, signs in through the OAuth proxy and calls a tool", async () => {
  const stack = await startOidcStack();
  const scratch = emptyDir();
  const configDir = `${scratch}/mcp-auth`;
  const urlFile = `${scratch}/opened-urls.txt`;
  const browserScript = `${scratch}/browser.sh`;
  await Deno.writeTextFile(
    browserScript,
    `#!/bin/sh\nprintf '%s\\n' "$1" >> '${urlFile}'\n`,
  );
  await Deno.chmod(browserScript, 0o755);
  const callbackPort = freePort();

  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-config",
      "--no-lock",
      "-A",
      MCP_REMOTE,
      stack.mcpUrl,
      String(callbackPort),
      "--transport",
      "http-only",
    ],
    env: childEnv({ BROWSER: browserScript, MCP_REMOTE_CONFIG_DIR: configDir }),
    clearEnv: true,
    cwd: scratch,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const stderrText = new Response(child.stderr).text();
  const deadline = setTimeout(() => child.kill("SIGKILL"), 120_000);
  const writer = child.stdin.getWriter();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  try {
    const send = (...messages: unknown[]) =>
      writer.write(
        new TextEncoder().encode(messages.map((m) => JSON.stringify(m)).join("\n") + "\n"),
      );
    let buffer = "";
    /** The next response with `id` on mcp-remote's stdout (undefined if stdout ends first). */
    const response = async (id: number) => {
      for (;;) {
        const newline = buffer.indexOf("\n");
        if (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (line.trim() && JSON.parse(line).id === id) return JSON.parse(line);
          continue;
        }
        const { value, done } = await lines.read();
        if (done) return undefined;
        buffer += value;
      }
    };
    // As a client does: initialize, wait for its result, then the rest. mcp-remote reads stdin
    // only once it is connected, so this first line waits in the pipe through the sign-in.
    await send(MESSAGES[0]);

    const authorizationUrl = new URL(await firstLine(urlFile, 60_000, () => !exited));
    assert.equal(authorizationUrl.origin + authorizationUrl.pathname, `${stack.baseUrl}/authorize`);
    assert.equal(authorizationUrl.searchParams.get("code_challenge_method"), "S256");
    const redirectUri = new URL(authorizationUrl.searchParams.get("redirect_uri")!);
    assert.equal(redirectUri.port, String(callbackPort));

    const browser = new Browser();
    const landing = await decideInBrowser(browser, authorizationUrl.href, "approve");
    assert.equal(landing.url.origin, redirectUri.origin, "the chain ends at mcp-remote");
    assert.ok(landing.url.searchParams.get("code"));
    assert.equal(landing.response?.status, 200, "mcp-remote took the code");
    await landing.response?.body?.cancel();
    assert.ok(
      browser.hops.some((hop) => hop.url.startsWith(stack.idp.issuer)),
      "the sign-in went through the IdP",
    );

    const initialized = await response(1);
    await send(MESSAGES[1], MESSAGES[2]);
    const answer = initialized && await response(2);
    if (!answer) {
      child.kill("SIGTERM");
      assert.fail(`mcp-remote did not answer the tool call; its log:\n${await stderrText}`);
    }
    assert.equal(answer.result?.structuredContent?.status, "ACTIVE", JSON.stringify(answer));

    // What mcp-remote keeps is the server's own token, never the IdP's.
    const stored: string[] = [];
    for await (const entry of Deno.readDir(`${configDir}/mcp-remote-v1`)) {
      if (entry.name.endsWith("_tokens.json")) {
        stored.push(await Deno.readTextFile(`${configDir}/mcp-remote-v1/${entry.name}`));
      }
    }
    assert.equal(stored.length, 1, "one token file");
    const tokens = JSON.parse(stored[0]);
    assert.equal(decodeJwt(tokens.access_token).iss, stack.baseUrl);
    for (const upstream of stack.idp.issued()) {
      for (const token of [upstream.access_token, upstream.refresh_token, upstream.id_token]) {
        if (token) assert.ok(!stored[0].includes(token), "no IdP token reaches mcp-remote");
      }
    }
    assert.equal(typeof tokens.refresh_token, "string", "a refresh token too");
    assert.ok(!stack.log().includes(tokens.access_token), "the token is not logged");
    assert.ok(!stack.log().includes(tokens.refresh_token), "the refresh token is not logged");
  } finally {
    clearTimeout(deadline);
    await writer.close().catch(() => {});
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
    await lines.cancel().catch(() => {});
    await status;
    await stderrText.catch(() => "");
    await stack.close();
  }
});
