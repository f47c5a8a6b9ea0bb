import assert from "node:assert/strict";
import {
  authorizationOf,
  bearerTokenOf,
  decodeBasic,
  headerValueOf,
} from "../../lib/auth/credentials.ts";

const req = (headers: Record<string, string>) => new Request("https://h.example/mcp", { headers });

Deno.test("authorizationOf: scheme (lower-cased) and credentials", () => {
  assert.deepEqual(authorizationOf(req({})), { kind: "absent" });
  assert.deepEqual(authorizationOf(req({ Authorization: "BeArEr abc.def" })), {
    kind: "present",
    value: { scheme: "bearer", credentials: "abc.def" },
  });
  for (const value of ["Bearer", "Bearer a b", "Bearer a, Bearer b", "x".repeat(17_000)]) {
    assert.equal(authorizationOf(req({ Authorization: value })).kind, "malformed", value);
  }
});

Deno.test("bearerTokenOf: only the Bearer scheme", () => {
  assert.deepEqual(bearerTokenOf(req({ Authorization: "bearer t0k" })), {
    kind: "present",
    value: "t0k",
  });
  const basic = bearerTokenOf(req({ Authorization: "Basic dTpw" }));
  assert.equal(basic.kind, "malformed");
  if (basic.kind === "malformed") assert.equal(basic.refusal.reason, "unsupported_scheme");
});

Deno.test("headerValueOf: trimmed; empty, long or spaced values are malformed", () => {
  assert.deepEqual(headerValueOf(req({ "X-Api-Key": "  k  " }), "X-Api-Key"), {
    kind: "present",
    value: "k",
  });
  assert.equal(headerValueOf(req({ "X-Api-Key": "" }), "X-Api-Key").kind, "malformed");
  assert.equal(headerValueOf(req({ "X-Api-Key": "a b" }), "X-Api-Key").kind, "malformed");
  assert.equal(headerValueOf(req({ "X-Api-Key": "abcdef" }), "X-Api-Key", 3).kind, "malformed");
});

Deno.test("decodeBasic: RFC 7617, split at the first colon, UTF-8", () => {
  assert.deepEqual(decodeBasic(btoa("id:se:cret")), { user: "id", password: "se:cret" });
  const utf8 = btoa(String.fromCharCode(...new TextEncoder().encode("id:pässwörd")));
  assert.deepEqual(decodeBasic(utf8), { user: "id", password: "pässwörd" });
  assert.equal(decodeBasic("not base64!"), undefined);
  assert.equal(decodeBasic(btoa("nocolon")), undefined);
  assert.equal(
    decodeBasic(btoa(String.fromCharCode(0xff, 0x3a, 0x41))),
    undefined,
    "invalid UTF-8",
  );
});
