/**
 * Which tools a server registers, decided once at startup from the configuration. A tool that is
 * not selected is never registered, so it can be neither listed nor called.
 *
 * @module
 */

import { writePolicy } from "../guard/writes.ts";
import { compilePatterns } from "./patterns.ts";
import { isWrite, SERVICES, type ToolSpec } from "./spec.ts";

/** The configuration fields selection reads. */
export interface SelectionOptions {
  services: readonly string[] | null;
  disabledServices: readonly string[];
  toolsets: readonly string[] | null;
  disabledToolsets: readonly string[];
  disabledTools: readonly string[];
  writeEnabled: boolean;
  writeTools: readonly string[];
}

/** The outcome: the tools to register, startup errors, and warnings for the banner/log. */
export interface Selection {
  tools: ToolSpec[];
  problems: string[];
  warnings: string[];
}

function checkNames(
  given: readonly string[] | null,
  known: ReadonlySet<string>,
  setting: string,
  what: string,
  problems: string[],
): void {
  for (const name of given ?? []) {
    if (!known.has(name)) {
      problems.push(
        `${setting}: unknown ${what} ${JSON.stringify(name)} (known: ${
          [...known].sort().join(", ")
        })`,
      );
    }
  }
}

/**
 * Selects tools from the catalog. Order of precedence: `disabledTools` beats everything; disabled
 * services/toolsets beat enabled ones; write tools need `writeEnabled` and an allowlist pattern.
 */
export function selectTools(catalog: readonly ToolSpec[], options: SelectionOptions): Selection {
  const problems: string[] = [];
  const warnings: string[] = [];
  const toolsets = new Set(catalog.map((spec) => spec.toolset));
  const services = new Set<string>(SERVICES);
  checkNames(options.services, services, "--services", "service", problems);
  checkNames(options.disabledServices, services, "--disabled-services", "service", problems);
  checkNames(options.toolsets, toolsets, "--toolsets", "toolset", problems);
  checkNames(options.disabledToolsets, toolsets, "--disabled-toolsets", "toolset", problems);

  const disabled = compilePatterns(options.disabledTools, "--disabled-tools", problems);
  for (const { pattern, match } of disabled) {
    if (!catalog.some((spec) => match(spec.name))) {
      problems.push(`--disabled-tools: ${JSON.stringify(pattern)} matches no tool`);
    }
  }

  const writes = writePolicy(catalog, options);
  problems.push(...writes.problems);
  warnings.push(...writes.warnings);

  const tools = catalog.filter((spec) => {
    if (options.services && !options.services.includes(spec.service)) return false;
    if (options.disabledServices.includes(spec.service)) return false;
    if (options.toolsets && !options.toolsets.includes(spec.toolset)) return false;
    if (options.disabledToolsets.includes(spec.toolset)) return false;
    if (disabled.some(({ match }) => match(spec.name))) return false;
    if (isWrite(spec)) return writes.allows(spec);
    return true;
  });
  return { tools, problems, warnings };
}
