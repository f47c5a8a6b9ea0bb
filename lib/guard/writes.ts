/**
 * Write tools are off by default. They are registered only when write mode is on and they match
 * the allowlist, so a call to any other write tool is answered "unknown tool" by the MCP layer.
 * This module holds that policy, and makes refused attempts visible: a `tools/call` for a write
 * tool the server knows but did not register is recorded as a refused write.
 *
 * @module
 */

import type { AuditLog } from "./audit.ts";
import { compilePatterns } from "../tools/patterns.ts";
import { isWrite, type ToolSpec } from "../tools/spec.ts";

/** The write allowlist, compiled: which write tools may be registered, and what is wrong. */
export interface WritePolicy {
  allows(spec: ToolSpec): boolean;
  problems: string[];
  warnings: string[];
}

/**
 * Compiles `--enable-write-tools` and `--write-tools`. Both are needed; there is no "all"
 * shortcut (a pattern of wildcards only is refused), and a pattern that matches no write tool is
 * a startup problem.
 */
export function writePolicy(
  catalog: readonly ToolSpec[],
  options: { writeEnabled: boolean; writeTools: readonly string[] },
): WritePolicy {
  const problems: string[] = [];
  const warnings: string[] = [];
  const allow = compilePatterns(options.writeTools, "--write-tools", problems);
  for (const { pattern, match } of allow) {
    if (/^[*?]+$/.test(pattern)) {
      problems.push(
        `--write-tools: ${JSON.stringify(pattern)} would allow every write tool; ` +
          "name the tools or a narrower pattern such as zia_create_*",
      );
    } else if (!catalog.some((spec) => isWrite(spec) && match(spec.name))) {
      problems.push(`--write-tools: ${JSON.stringify(pattern)} matches no write tool`);
    }
  }
  if (options.writeEnabled && options.writeTools.length === 0) {
    warnings.push(
      "write tools are enabled but ZSCALER_MCP_WRITE_TOOLS is empty: no write tool is registered",
    );
  }
  if (!options.writeEnabled && options.writeTools.length > 0) {
    warnings.push(
      "ZSCALER_MCP_WRITE_TOOLS is set but write tools are not enabled " +
        "(--enable-write-tools): no write tool is registered",
    );
  }
  return {
    allows: (spec) => options.writeEnabled && allow.some(({ match }) => match(spec.name)),
    problems,
    warnings,
  };
}

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
