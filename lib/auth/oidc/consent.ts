/**
 * The pages this server shows a browser: the consent page (which client wants which access,
 * Approve / Deny) and the error page. Every value shown is HTML-escaped (client names are chosen
 * by whoever registered the client) after control and bidirectional-override characters are
 * removed. Both pages are sent with a strict Content-Security-Policy (no scripts, one hashed
 * style block, form posts only to this server and the places its redirects lead), no framing,
 * no caching, and a referrer only to this server itself (`same-origin`: under `no-referrer` a
 * browser posts the consent form with `Origin: null`, which the network guard rightly refuses;
 * nothing leaks to the identity provider or the client either way).
 *
 * @module
 */

import { createHash } from "node:crypto";
import { escapeUTF8 } from "entities";
import { NAME } from "../../version.ts";

const STYLE = [
  "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;",
  "color:#1b1b1b;line-height:1.5}",
  "h1{font-size:1.4rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}",
  "dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}code{font-size:.95em}",
  ".actions{display:flex;gap:1rem;margin-top:2rem}",
  "button{font-size:1rem;padding:.6rem 1.4rem;border-radius:.3rem;border:1px solid #555;",
  "cursor:pointer}button.approve{background:#0b5cad;color:#fff;border-color:#0b5cad}",
  ".note{color:#555;font-size:.9rem}",
].join("");

/** The CSP source of the page's one style block. */
export const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

// deno-lint-ignore no-control-regex
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `value` made safe to place in HTML text or a double-quoted attribute. */
export function escapeHtml(value: string): string {
  return escapeUTF8(value.replace(UNSHOWABLE, ""));
}

/**
 * A CSP source expression for `origin` (scheme://host[:port]). CSP host sources cannot express
 * an IPv6 literal, so such an origin is allowed by its scheme only.
 */
export function cspSource(origin: string): string {
  const url = new URL(origin);
  return url.hostname.startsWith("[") ? url.protocol : url.origin;
}

/**
 * The security headers of a page. `formTargets` are origins a form on the page may post to or
 * be redirected to, besides this server.
 */
export function pageHeaders(formTargets: readonly string[] = []): Headers {
  const formAction = ["'self'", ...new Set(formTargets.map(cspSource))].join(" ");
  return new Headers({
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": `default-src 'none'; style-src ${STYLE_HASH}; ` +
      `form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
    "pragma": "no-cache",
    "referrer-policy": "same-origin",
  });
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** What the consent page shows and carries. */
export interface ConsentView {
  clientId: string;
  clientName?: string;
  redirectUri: string;
  resource: string;
  scopes: readonly string[];
  /** The consent transaction id (hidden field). */
  transaction: string;
  /** The CSRF token (hidden field; the cookie carries the same value). */
  csrf: string;
}

/** The consent page's HTML. */
export function consentHtml(view: ConsentView): string {
  const name = view.clientName?.replace(UNSHOWABLE, "").trim() || "An unnamed application";
  const redirectHost = new URL(view.redirectUri).host;
  const scopes = view.scopes.length > 0
    ? view.scopes.map((scope) => `<code>${escapeHtml(scope)}</code>`).join(" ")
    : "<em>none beyond signing you in</em>";
  return page(
    `Allow access to ${NAME}?`,
    `<h1>Allow <strong>${escapeHtml(name)}</strong> to use ${escapeHtml(NAME)} as you?</h1>
<p>An application is asking to act on your behalf through this server. Approve only if you
started this sign-in yourself and trust the application.</p>
<dl>
<dt>Application</dt><dd>${escapeHtml(name)}</dd>
<dt>Client ID</dt><dd><code>${escapeHtml(view.clientId)}</code></dd>
<dt>Returns to</dt><dd><code>${escapeHtml(redirectHost)}</code></dd>
<dt>Resource</dt><dd><code>${escapeHtml(view.resource)}</code></dd>
<dt>Scopes</dt><dd>${scopes}</dd>
</dl>
<form method="post" action="/authorize/decision">
<input type="hidden" name="txn" value="${escapeHtml(view.transaction)}">
<input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}">
<div class="actions">
<button class="approve" type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>
<p class="note">Approving sends you to your organization's sign-in page.</p>`,
  );
}

/** The consent page response. */
export function consentResponse(
  view: ConsentView,
  formTargets: readonly string[],
  headers: Headers = new Headers(),
): Response {
  const all = pageHeaders(formTargets);
  for (const [name, value] of headers) all.append(name, value);
  return new Response(consentHtml(view), { status: 200, headers: all });
}

/**
 * An error page (`status`, an OAuth `error` code and a fixed description), or the same as JSON
 * when the caller prefers JSON to HTML.
 */
export function errorPage(
  request: Request,
  status: number,
  error: string,
  description: string,
  headers: Headers = new Headers(),
): Response {
  const accept = request.headers.get("accept") ?? "";
  const all = pageHeaders();
  for (const [name, value] of headers) all.append(name, value);
  if (accept.includes("application/json") && !accept.includes("text/html")) {
    all.set("content-type", "application/json");
    return new Response(JSON.stringify({ error, error_description: description }), {
      status,
      headers: all,
    });
  }
  return new Response(
    page(
      "Sign-in stopped",
      `<h1>Sign-in stopped</h1>
<p>${escapeHtml(description)}</p>
<p class="note">Error: <code>${escapeHtml(error)}</code>. Start the sign-in again from your
application.</p>`,
    ),
    { status, headers: all },
  );
}
