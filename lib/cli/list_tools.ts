/** `--list-tools`: every tool in the catalog, no credentials needed. */

import { isWrite, type ToolSpec } from "../tools/mod.ts";

/** One row of `--list-tools --json`. */
export interface ToolRow {
  name: string;
  service: string;
  toolset: string;
  kind: string;
}

/** Rows for every tool, in catalog order. */
export function toolRows(catalog: readonly ToolSpec[]): ToolRow[] {
  return catalog.map(({ name, service, toolset, kind }) => ({ name, service, toolset, kind }));
}

/** The human-readable listing: one line per tool, writes marked. */
export function renderToolList(catalog: readonly ToolSpec[]): string {
  const width = Math.max(...catalog.map((spec) => spec.name.length));
  const lines = catalog.map((spec) =>
    `${spec.name.padEnd(width)}  ${spec.service.padEnd(5)}  ${
      spec.toolset.padEnd(26)
    }  ${spec.kind}` +
    (isWrite(spec) ? "  (write: needs --enable-write-tools and --write-tools)" : "")
  );
  const writes = catalog.filter(isWrite).length;
  lines.push(`${catalog.length} tools (${catalog.length - writes} read, ${writes} write)`);
  return lines.join("\n");
}
