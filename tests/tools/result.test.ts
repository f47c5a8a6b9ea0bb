import assert from "node:assert/strict";
import { shapeResult } from "../../lib/tools/result.ts";
import { renderTable, tableCell } from "../../lib/tools/table.ts";

const text = (result: { content: unknown[] }) => (result.content[0] as { text: string }).text;

Deno.test("table: flat records become a Markdown table with the union of their keys", () => {
  const table = renderTable([{ id: 1, name: "a" }, { id: 2, enabled: false, name: null }]);
  assert.equal(
    table,
    [
      "| id | name | enabled |",
      "| --- | --- | --- |",
      "| 1 | a |  |",
      "| 2 |  | false |",
    ].join("\n"),
  );
});

Deno.test("table: pipes, backslashes and line breaks cannot break a row", () => {
  assert.equal(tableCell("a|b\\c\r\nd\ne"), "a\\|b\\\\c d e");
  const table = renderTable([{ name: "x | y\n| z |" }])!;
  assert.equal(table.split("\n").length, 3);
});

Deno.test("table: nested values, non-records and empty lists fall back to JSON", () => {
  assert.equal(renderTable([]), undefined);
  assert.equal(renderTable([{ id: 1, tags: ["a"] }]), undefined);
  assert.equal(renderTable([{ id: 1, owner: { id: 2 } }]), undefined);
  assert.equal(renderTable(["a", "b"]), undefined);
  assert.equal(renderTable([{}]), undefined);
});

Deno.test("shapeResult: flat list → table text, full records in structuredContent", () => {
  const items = [{ id: 1, name: "HQ" }, { id: 2, name: "Branch" }];
  const result = shapeResult({ data: items, list: true }, undefined);
  assert.match(text(result), /^\| id \| name \|\n/);
  assert.deepEqual(result.structuredContent, { items, count: 2, truncated: false });
});

Deno.test("shapeResult: nested list → JSON text; a query can flatten it into a table", () => {
  const items = [{ id: 1, name: "r", locations: [{ id: 9 }] }];
  assert.equal(text(shapeResult({ data: items, list: true }, undefined)), JSON.stringify(items));
  const projected = shapeResult({ data: items, list: true }, "[].{id: id, name: name}");
  assert.equal(text(projected), "| id | name |\n| --- | --- |\n| 1 | r |");
});

Deno.test("shapeResult: the truncation note follows the table", () => {
  const result = shapeResult({ data: [{ id: 1 }], list: true, truncated: true }, undefined);
  assert.match(text(result), /\| 1 \|\n\(Only the first 1 records/);
});

Deno.test("shapeResult: a single object stays JSON with its note", () => {
  const result = shapeResult({ data: { id: 1 }, note: "not live yet" }, undefined);
  assert.equal(text(result), '{"id":1}\nnot live yet');
  assert.deepEqual(result.structuredContent, { id: 1 });
});
