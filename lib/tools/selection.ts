/**
 * Which tools a server registers, decided once at startup from the configuration. A tool that is
 * not selected is never registered, so it can be neither listed nor called.
 *
 * @module
 */

import { Minimatch } from "minimatch";
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

const PATTERN_CHARS = /^[A-Za-z0-9_*?[\]!-]+$/;

/** Compiles fnmatch-style patterns; a malformed one is a problem, not an exception. */
function compilePatterns(
  patterns: readonly string[],
  setting: string,
  problems: string[],
): { pattern: string; match: (name: string) => boolean }[] {
  const compiled = [];
  for (const pattern of patterns) {
    if (!PATTERN_CHARS.test(pattern)) {
      problems.push(`${setting}: ${JSON.stringify(pattern)} is not a tool name or fnmatch pattern`);
      continue;
    }
    const matcher = new Minimatch(pattern, { noext: true, nobrace: true, nocomment: true });
    compiled.push({ pattern, match: (name: string) => matcher.match(name) });
  }
  return compiled;
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

  const tools = catalog.filter((spec) => {
    if (options.services && !options.services.includes(spec.service)) return false;
    if (options.disabledServices.includes(spec.service)) return false;
    if (options.toolsets && !options.toolsets.includes(spec.toolset)) return false;
    if (options.disabledToolsets.includes(spec.toolset)) return false;
    if (disabled.some(({ match }) => match(spec.name))) return false;
    if (isWrite(spec)) return options.writeEnabled && allow.some(({ match }) => match(spec.name));
    return true;
  });
  return { tools, problems, warnings };
}
