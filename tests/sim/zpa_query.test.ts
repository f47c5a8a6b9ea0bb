import assert from "node:assert/strict";
import { applyZpaSearch, parseZpaSearch, zpaPage } from "../../lib/sim/zpa_query.ts";

Deno.test("zpa search: grammar with '+' and space separators", () => {
  assert.deepEqual(parseZpaSearch("name+EQ+Connector"), {
    field: "name",
    op: "EQ",
    value: "Connector",
  });
  assert.deepEqual(parseZpaSearch("name LIKE test app"), {
    field: "name",
    op: "LIKE",
    value: "test app",
  });
  assert.deepEqual(parseZpaSearch("modifiedTime+GE+1773369874"), {
    field: "modifiedTime",
    op: "GE",
    value: "1773369874",
  });
  for (const op of ["NE", "GT", "LT", "LE", "CONTAINS", "STARTSWITH", "ENDSWITH"]) {
    assert.equal(parseZpaSearch(`name+${op}+x`)?.op, op);
  }
  assert.equal(parseZpaSearch("just text"), undefined);
  assert.equal(parseZpaSearch("name+BETWEEN+x"), undefined);
});

Deno.test("zpa search: semantics", () => {
  const items = [
    { id: "216196257331404639", name: "Alpha App", domainNames: ["a.example"], n: "9" },
    { id: "216196257331404640", name: "beta", domainNames: ["b.example", "c.example"], n: "10" },
  ];
  const ids = (search: string) => applyZpaSearch(items, search).map((i) => String(i.id).slice(-2));
  assert.deepEqual(ids("name+EQ+alpha app"), ["39"]);
  assert.deepEqual(ids("name+LIKE+%app"), ["39"]);
  assert.deepEqual(ids("name+LIKE+bet*"), ["40"]);
  assert.deepEqual(ids("domainNames+EQ+c.example"), ["40"]);
  assert.deepEqual(ids("domainNames+NE+c.example"), ["39"]);
  assert.deepEqual(ids("n+GT+9"), ["40"]);
  assert.deepEqual(ids("id+GT+216196257331404639"), ["40"]);
  assert.deepEqual(ids("missing+EQ+x"), []);
  assert.deepEqual(ids("ALPHA"), ["39"]);
});

Deno.test("zpa paging: envelope and limits", () => {
  const items = Array.from({ length: 45 }, (_, i) => ({ id: String(i) }));
  const first = zpaPage(items, {});
  assert.ok(!(first instanceof Response));
  assert.equal(first.totalPages, "3");
  assert.equal(first.totalCount, "45");
  assert.equal(first.list?.length, 20);
  const last = zpaPage(items, { page: "3" });
  assert.ok(!(last instanceof Response));
  assert.equal(last.list?.length, 5);
  const empty = zpaPage(items, { page: "4" });
  assert.ok(!(empty instanceof Response));
  assert.equal(empty.list, undefined);
  const tooBig = zpaPage(items, { pagesize: "501" });
  assert.ok(tooBig instanceof Response);
  assert.equal(tooBig.status, 400);
  return tooBig.body?.cancel();
});
