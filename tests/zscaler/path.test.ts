import assert from "node:assert/strict";
import {
  apiPath,
  assertSafePath,
  encodePathValue,
  ZscalerRequestError,
} from "../../lib/zscaler/mod.ts";

function refused(fn: () => unknown): ZscalerRequestError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ZscalerRequestError, String(e));
    return e;
  }
  throw new Error("expected a refusal");
}

Deno.test("apiPath encodes every value as one segment", () => {
  assert.equal(apiPath`/zia/api/v1/urlFilteringRules/${123}`, "/zia/api/v1/urlFilteringRules/123");
  assert.equal(
    apiPath`/zia/api/v1/urlCategories/${"CUSTOM_36"}`,
    "/zia/api/v1/urlCategories/CUSTOM_36",
  );
  assert.equal(
    apiPath`/zpa/mgmtconfig/v1/admin/customers/${"216196257331281920"}/segmentGroup/${216n}`,
    "/zpa/mgmtconfig/v1/admin/customers/216196257331281920/segmentGroup/216",
  );
  assert.equal(apiPath`/x/${"a b?c#d&e"}`, "/x/a%20b%3Fc%23d%26e");
  assert.equal(apiPath`/x/${"?"}`, "/x/%3F");
  assert.equal(apiPath`/x/${"#"}`, "/x/%23");
  assert.equal(apiPath`/x/${"100%"}`, "/x/100%25");
  assert.equal(apiPath`/x/${"..a"}`, "/x/..a");
  assert.equal(apiPath`/x/${"é"}`, "/x/%C3%A9");
  assert.equal(apiPath`/x/${-1}`, "/x/-1");
  assert.equal(apiPath`/zia/api/v1/status`, "/zia/api/v1/status");
  assert.equal(apiPath`/x/${"a"}${"b"}/y`, "/x/ab/y");
});

Deno.test("apiPath refuses traversal, separators, encoded separators, empties, control chars", () => {
  const bad: unknown[] = [
    "",
    "   ",
    ".",
    "..",
    "../",
    "../admin",
    "a/b",
    "a\\b",
    "%2F",
    "..%2Fadmin",
    "%2e%2e",
    "%5c",
    "a\nb",
    "a\u0000",
    "a\u007f",
    "a\u0085",
    "\ud800",
  ];
  for (const value of bad) {
    refused(() => apiPath`/zia/api/v1/users/${value as string}`);
  }
});

Deno.test("apiPath refuses non-integers, unsafe integers and other types", () => {
  for (const value of [NaN, Infinity, -Infinity, 1.5, 2 ** 60]) {
    refused(() => apiPath`/x/${value}`);
  }
  const big = refused(() => apiPath`/x/${216196257331281920}`);
  assert.match(big.message, /Pass large ids as strings/);
  for (const value of [null, undefined, true, {}, []]) {
    refused(() => apiPath`/x/${value as unknown as string}`);
  }
  assert.match(refused(() => apiPath`/x/${""}`).message, /path value #1 is empty/);
  assert.match(refused(() => apiPath`/x/${1}/y/${NaN}`).message, /path value #2/);
});

Deno.test("apiPath refuses templates with a query, a fragment or no leading slash", () => {
  refused(() => apiPath`/x?y=${1}`);
  refused(() => apiPath`/x#${1}`);
  refused(() => apiPath`x/${1}`);
  refused(() => apiPath`${"a"}/b`);
});

Deno.test("encodePathValue and assertSafePath", () => {
  assert.equal(encodePathValue("a:b@c"), "a%3Ab%40c");
  assertSafePath("/zia/api/v1/users/1");
  assertSafePath("/x/a%20b");
  for (
    const path of [
      "",
      "x",
      "//evil.example/x",
      "/a/../b",
      "/a/./b",
      "/a/%2E%2E/b",
      "/a?b",
      "/a#b",
      "/a b",
      "/a%zz",
      "/a%2fb",
      "/a\\b",
      "/a\u0000",
    ]
  ) {
    refused(() => assertSafePath(path));
  }
});
