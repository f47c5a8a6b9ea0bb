/**
 * Write tools are registered only when write mode is on and they match the allowlist, so a call
 * to any other write tool is answered "unknown tool" by the MCP layer. This module makes those
 * attempts visible: it recognises a `tools/call` for a write tool the server knows but did not
 * register, and records it as a refused write (an agent probing for writes is worth knowing).
 *
 * @module
 */

import type { AuditLog } from "./audit.ts";
import { isWrite, type ToolSpec } from "../tools/spec.ts";

/** Inspects inbound JSON-RPC messages (single or batch) for refused write attempts. */
export type WriteAttemptInspector = (message: unknown, principal: string) => void;

/** Builds the inspector for a catalog and the tools actually registered. */
export function writeAttemptInspector(
  catalog: readonly ToolSpec[],
  registered: readonly ToolSpec[],
  audit: AuditLog,
  writeEnabled: boolean,
): WriteAttemptInspector {
  const refused = new Set(
    catalog.filter((spec) => isWrite(spec) && !registered.includes(spec)).map((spec) => spec.name),
  );
  const reason = writeEnabled
    ? "not registered: outside ZSCALER_MCP_WRITE_TOOLS or disabled"
    : "not registered: write tools are off";
  const inspect = (message: unknown, principal: string): void => {
    if (Array.isArray(message)) {
      for (const item of message) inspect(item, principal);
      return;
    }
    const call = message as { method?: unknown; params?: { name?: unknown } } | null;
    if (call?.method !== "tools/call" || typeof call.params?.name !== "string") return;
    if (!refused.has(call.params.name)) return;
    audit.refusal({ event: "write_refused", tool: call.params.name, principal, reason });
  };
  return inspect;
}
