/**
 * Pure helpers of the ZIA tools: secret redaction in results, settings names and merges, and
 * how URL category entries cover URLs.
 */

import assert from "node:assert/strict";
import { z } from "zod";
import type { ToolSpec } from "../../lib/tools/spec.ts";
import { REDACTED, redactingSecrets, withoutSecrets } from "../../lib/tools/zia/secrets.ts";
import { camelSetting, mergeSettings } from "../../lib/tools/zia/settings.ts";
import { entryCoversUrl } from "../../lib/tools/zia/url_categories.ts";

Deno.test("withoutSecrets replaces every pre-shared key and password, however deep", () => {
  const location = {
    id: 1,
    name: "HQ",
    vpnCredentials: [
      { id: 2, type: "UFQDN", preSharedKey: "k1", fqdn: "a@b.c" },
      { id: 3, type: "IP", preSharedKey: null },
    ],
    nested: { deeper: [{ password: "p" }] },
  };
  assert.deepEqual(withoutSecrets(location), {
    id: 1,
    name: "HQ",
    vpnCredentials: [
      { id: 2, type: "UFQDN", preSharedKey: REDACTED, fqdn: "a@b.c" },
      { id: 3, type: "IP", preSharedKey: null },
    ],
    nested: { deeper: [{ password: REDACTED }] },
  });
  assert.equal(location.vpnCredentials[0].preSharedKey, "k1", "the input is not changed");
  assert.deepEqual(withoutSecrets(["a", 1, null]), ["a", 1, null]);
  assert.equal(withoutSecrets("preSharedKey"), "preSharedKey");
});

Deno.test("redactingSecrets wraps a spec's results and keeps the rest of the spec", async () => {
  const spec: ToolSpec = {
    name: "t",
    service: "zia",
    toolset: "zia_test",
    kind: "read",
    title: "t",
    description: "t",
    request: "GET /zia/api/v1/x",
    input: z.strictObject({}),
    run: () => Promise.resolve({ data: { preSharedKey: "secret" }, note: "n" }),
  };
  const wrapped = redactingSecrets(spec);
  assert.equal(wrapped.name, "t");
  assert.equal(wrapped.input, spec.input);
  const out = await wrapped.run({}, {} as Parameters<ToolSpec["run"]>[1]);
  assert.deepEqual(out, { data: { preSharedKey: REDACTED }, note: "n" });
});

Deno.test("camelSetting turns snake_case into the API's camelCase and leaves camelCase alone", () => {
  assert.equal(camelSetting("enable_office365"), "enableOffice365");
  assert.equal(
    camelSetting("block_apps_with_known_vulnerabilities"),
    "blockAppsWithKnownVulnerabilities",
  );
  assert.equal(camelSetting("authBypassUrls"), "authBypassUrls");
});

Deno.test("mergeSettings changes only named settings of matching types; anything else is a problem", () => {
  const current = { a: true, n: 5, s: "x", l: ["NONE"], z: null };
  assert.deepEqual(mergeSettings(current, { a: false, l: [], z: "now" }), {
    merged: { a: false, n: 5, s: "x", l: [], z: "now" },
    problems: [],
  });
  assert.deepEqual(mergeSettings(current, { b: 1, n: "5", s: ["x"], l: "NONE", a: null }), {
    merged: current,
    problems: [
      "b: not a setting of this object",
      "n: expected a number, got a string",
      "s: expected a string, got a list",
      "l: expected a list, got a string",
      "a: expected a boolean, got null",
    ],
  });
  assert.deepEqual(mergeSettings(current, { toString: true }).problems, [
    "toString: not a setting of this object",
  ]);
});

Deno.test("entryCoversUrl reads entries the way ZIA does", () => {
  assert.ok(entryCoversUrl("example.com", "https://example.com/x"));
  assert.ok(!entryCoversUrl("example.com", "www.example.com"));
  assert.ok(entryCoversUrl(".example.com", "www.example.com"));
  assert.ok(entryCoversUrl(".example.com", "example.com"));
  assert.ok(entryCoversUrl("example.com/docs", "example.com/docs/a"));
  assert.ok(!entryCoversUrl("example.com/docs", "example.com/blog"));
  assert.ok(!entryCoversUrl("", "example.com"));
});
