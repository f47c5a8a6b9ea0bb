/**
 * The consent page in a real browser: headless Chromium (Debian's `/usr/bin/chromium`, driven
 * with `npm:playwright-core`) opens the server's `/authorize`, a click on Approve or Deny is a
 * real click, and the browser follows the real redirect chain — server → IdP
 * (`npm:oidc-provider`) → server callback → the client's loopback redirect URI, served by this
 * test. The browser enforces the page's Content-Security-Policy, so a `form-action` that did not
 * allow the whole redirect chain would stop it and be reported as a violation.
 *
 * playwright-core reads the home directory when it loads, which the test permissions
 * (`deno task test`: no `--allow-sys`) do not grant. So the browser is driven by this same file
 * run as a program in a child process ({@linkcode driveBrowser}, below): the test sends it a list
 * of visits on stdin and asserts on what it reports back on stdout.
 */

import assert from "node:assert/strict";
import { connectHttp } from "../helpers/clients.ts";
import { discover, OAuthTestClient } from "../helpers/oauth_client.ts";
import { startOidcStack } from "../helpers/oidc_provider.ts";
import { emptyDir, ROOT } from "../helpers/server_process.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** One page the browser opens. */
interface Visit {
  url: string;
  /** Insert an `<img>` with this URL into the page (a CSP control: it must be blocked). */
  injectImage?: string;
  /** Click the button whose accessible name matches this (case-insensitive) expression... */
  click?: string;
  /** ...and wait until the browser is at this origin. */
  until?: string;
}

/** What the browser saw on one visit. */
interface VisitReport {
  /** Status and headers of the first response (the page at `url`). */
  status: number;
  headers: Record<string, string>;
  /** `document.cookie` on that page (HttpOnly cookies are not in it). */
  cookie: string;
  html: string;
  /** Where the browser ended. */
  finalUrl: string;
  /** CSP violations reported on the way, by the DOM event or on the console. */
  violations: string[];
  /** Why the click did not end at `until`, with the page it ended on. */
  error?: string;
}

/** The driver's input. */
interface BrowserPlan {
  userDataDir: string;
  visits: Visit[];
}

/**
 * The child process: launches Chromium with a fresh user-data directory and makes the visits, in
 * order, each in a new tab; prints one JSON line with the reports.
 */
async function driveBrowser(plan: BrowserPlan): Promise<VisitReport[]> {
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(plan.userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const reports: VisitReport[] = [];
  try {
    for (const visit of plan.visits) {
      const page = await context.newPage();
      const violations: string[] = [];
      let notify = () => {};
      const firstViolation = new Promise<void>((resolve) => notify = resolve);
      const record = (text: string) => {
        violations.push(text);
        notify();
      };
      await page.exposeBinding("__reportCspViolation", (_source, text: string) => record(text));
      // Runs in the page; a string, since this file is type-checked without the DOM library.
      await page.addInitScript({
        content: `document.addEventListener("securitypolicyviolation", (event) => {
          globalThis.__reportCspViolation(event.violatedDirective + " blocked " + event.blockedURI);
        });`,
      });
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) record(message.text());
      });
      const response = await page.goto(visit.url);
      if (!response) throw new Error(`no response for ${visit.url}`);
      const report: VisitReport = {
        status: response.status(),
        headers: response.headers(),
        cookie: String(await page.evaluate("document.cookie")),
        html: await page.content(),
        finalUrl: "",
        violations,
      };
      if (visit.injectImage) {
        await page.evaluate(
          `{ const image = document.createElement("img");
             image.src = ${JSON.stringify(visit.injectImage)};
             document.body.append(image); }`,
        );
        let timer: ReturnType<typeof setTimeout> | undefined;
        // A deadline for a hang, not a speed check: the violation is reported or the test fails.
        await Promise.race([
          firstViolation,
          new Promise((resolve) => timer = setTimeout(resolve, 10_000)),
        ]);
        clearTimeout(timer);
      }
      if (visit.click) {
        const until = visit.until;
        try {
          await Promise.all([
            until ? page.waitForURL((url) => url.origin === until, { timeout: 30_000 }) : undefined,
            page.getByRole("button", { name: new RegExp(visit.click, "i") }).click(),
          ]);
        } catch (error) {
          report.error = `${(error as Error).message.split("\n")[0]} at ${page.url()}: ${await page
            .content()}`;
        }
      }
      report.finalUrl = page.url();
      reports.push(report);
      await page.close();
    }
  } finally {
    await context.close();
  }
  return reports;
}

if (import.meta.main) {
  const plan = JSON.parse(await new Response(Deno.stdin.readable).text()) as BrowserPlan;
  console.log(JSON.stringify(await driveBrowser(plan)));
}

/** Runs {@linkcode driveBrowser} in a child process (see the module comment for why). */
async function inChromium(visits: Visit[]): Promise<VisitReport[]> {
  try {
    Deno.statSync(CHROMIUM);
  } catch {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install the Debian package "chromium" ` +
        `(apt-get install chromium; .ci/run does this)`,
    );
  }
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", `${ROOT}deno.json`, new URL(import.meta.url).pathname],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify({ userDataDir: emptyDir(), visits })));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  const out = new TextDecoder().decode(stdout).trim().split("\n").at(-1) ?? "";
  if (code !== 0 || !out.startsWith("[")) {
    throw new Error(`the browser driver failed (${code}):\n${new TextDecoder().decode(stderr)}`);
  }
  return JSON.parse(out);
}

/** The client's redirect target: a loopback page that records what reached it. */
function startRedirectTarget() {
  const hits: URL[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    hits.push(new URL(request.url));
    return new Response("<!doctype html><title>client</title><p>back at the client</p>", {
      headers: { "content-type": "text/html; charset=utf-8" },
    });
  });
  return {
    redirectUri: `http://127.0.0.1:${server.addr.port}/callback`,
    origin: `http://127.0.0.1:${server.addr.port}`,
    hits,
    close: () => server.shutdown(),
  };
}

Deno.test("consent page in headless Chromium: approve ends at the client with a code, deny with access_denied, no CSP violation", async () => {
  const stack = await startOidcStack();
  const target = startRedirectTarget();
  try {
    const { server: meta } = await discover(stack.mcpUrl);
    const client = await OAuthTestClient.register(meta, {
      client_name: "Browser <test> client",
      redirect_uris: [target.redirectUri],
    });
    const control = await client.defaults();
    const approve = await client.defaults();
    const deny = await client.defaults();
    const [seen, approved, denied] = await inChromium([
      { url: client.authorizeUrl(control.params), injectImage: `${target.origin}/pixel.png` },
      { url: client.authorizeUrl(approve.params), click: "^approve$", until: target.origin },
      { url: client.authorizeUrl(deny.params), click: "^deny$", until: target.origin },
    ]);

    // The control: the browser enforces the CSP and the violation reaches the test.
    assert.equal(seen.status, 200);
    assert.ok(seen.violations.length > 0, "an injected image is blocked and reported");
    assert.ok(!target.hits.some((hit) => hit.pathname === "/pixel.png"), "and never loaded");

    // Approve.
    assert.equal(approved.status, 200);
    assert.equal(approved.error, undefined, `violations: ${approved.violations}`);
    const csp = approved.headers["content-security-policy"] ?? "";
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /base-uri 'none'/);
    assert.match(csp, /form-action [^;]*'self'/);
    assert.equal(approved.headers["x-frame-options"], "DENY");
    assert.match(approved.headers["cache-control"] ?? "", /no-store/);
    // No referrer to the IdP or the client ("same-origin" still lets the form post say where
    // it comes from; "no-referrer" makes the browser send `Origin: null`).
    assert.match(approved.headers["referrer-policy"] ?? "", /^(no-referrer|same-origin)$/);
    assert.equal(approved.cookie, "", "the CSRF cookie is HttpOnly: no script sees it");
    assert.ok(approved.html.includes("Browser &lt;test&gt; client"), "the name, escaped");
    const landed = new URL(approved.finalUrl);
    assert.equal(landed.origin + landed.pathname, target.redirectUri);
    const code = landed.searchParams.get("code");
    assert.ok(code, `a code: ${landed}`);
    assert.equal(landed.searchParams.get("state"), approve.params.state);
    assert.equal(landed.searchParams.get("iss"), stack.baseUrl);
    assert.ok(target.hits.some((hit) => hit.searchParams.get("code") === code));
    assert.deepEqual(approved.violations, [], "no CSP violation on the approve path");

    // The code the browser brought back is a real one.
    const tokens = await client.redeem(code, approve.verifier);
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    const mcp = await connectHttp(stack.mcpUrl, "2026-07-28", {
      headers: { authorization: `Bearer ${tokens.body.access_token}` },
    });
    try {
      const result = await mcp.callTool({ name: "zia_get_activation_status" });
      assert.notEqual(result.isError, true);
    } finally {
      await mcp.close();
    }

    // Deny.
    assert.equal(denied.error, undefined, `violations: ${denied.violations}`);
    const back = new URL(denied.finalUrl);
    assert.equal(back.origin + back.pathname, target.redirectUri);
    assert.equal(back.searchParams.get("error"), "access_denied");
    assert.equal(back.searchParams.get("code"), null);
    assert.equal(back.searchParams.get("state"), deny.params.state);
    assert.equal(back.searchParams.get("iss"), stack.baseUrl);
    assert.deepEqual(denied.violations, [], "no CSP violation on the deny path");
  } finally {
    await target.close();
    await stack.close();
  }
});
