import assert from "node:assert/strict";
import { tryParseJson } from "../../lib/zscaler/http.ts";

Deno.test("tryParseJson: integers beyond 2^53 keep every digit (as strings)", () => {
  const parsed = tryParseJson('{"idpId":216196257331285825,"id":3251058,"ratio":0.5,"big":1e300}');
  assert.deepEqual(parsed, {
    ok: true,
    value: { idpId: "216196257331285825", id: 3251058, ratio: 0.5, big: 1e300 },
  });
  assert.deepEqual(tryParseJson("[-9007199254740993]"), { ok: true, value: ["-9007199254740993"] });
  assert.deepEqual(tryParseJson("9007199254740991"), { ok: true, value: 9007199254740991 });
  // Long digit runs inside strings stay strings; the numbers beside them stay numbers.
  assert.deepEqual(tryParseJson('{"id":"216196257331285825","n":42}'), {
    ok: true,
    value: { id: "216196257331285825", n: 42 },
  });
});

Deno.test("tryParseJson: invalid text is not an exception", () => {
  assert.deepEqual(tryParseJson("{nope"), { ok: false });
  assert.deepEqual(tryParseJson(""), { ok: false });
});
