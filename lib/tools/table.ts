/**
 * Compact text for flat lists: a Markdown table costs the model far fewer tokens than the same
 * records as JSON (keys are written once, not once per record).
 *
 * @module
 */

type Scalar = string | number | boolean | null;

function isScalar(value: unknown): value is Scalar {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function isFlatRecord(value: unknown): value is Record<string, Scalar> {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    Object.values(value).every(isScalar);
}

/** One cell: pipes escaped, line breaks flattened, null and missing as empty. */
export function tableCell(value: Scalar | undefined): string {
  if (value === null || value === undefined) return "";
  return String(value).replaceAll("\\", "\\\\").replaceAll("|", "\\|").replace(/\r\n|\r|\n/g, " ");
}

/**
 * A Markdown table of `items` when they are a non-empty list of flat records (every value a
 * string, number, boolean or null); `undefined` otherwise, so the caller falls back to JSON.
 * Columns are the union of the records' keys in order of first appearance.
 */
export function renderTable(items: readonly unknown[]): string | undefined {
  if (items.length === 0 || !items.every(isFlatRecord)) return undefined;
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const item of items as Record<string, Scalar>[]) {
    for (const key of Object.keys(item)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  if (columns.length === 0) return undefined;
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const lines = [
    row(columns.map((column) => tableCell(column))),
    row(columns.map(() => "---")),
    ...(items as Record<string, Scalar>[]).map((item) =>
      row(columns.map((column) => tableCell(item[column])))
    ),
  ];
  return lines.join("\n");
}
