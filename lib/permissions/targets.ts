/**
 * The `deno compile` targets the project ships an executable for, and the operating system each
 * one runs on (which decides the OS-specific parts of the permission set).
 *
 * @module
 */

/** An operating system a permission set is computed for (`Deno.build.os` values we support). */
export type TargetOs = "linux" | "darwin" | "windows";

/** One `deno compile --target`. */
export interface CompileTarget {
  /** The Rust target triple `deno compile --target` takes. */
  readonly triple: string;
  /** The operating system the executable runs on. */
  readonly os: TargetOs;
}

/** Every target of a release, in build order. */
export const COMPILE_TARGETS: readonly CompileTarget[] = Object.freeze([
  { triple: "x86_64-unknown-linux-gnu", os: "linux" },
  { triple: "aarch64-unknown-linux-gnu", os: "linux" },
  { triple: "x86_64-apple-darwin", os: "darwin" },
  { triple: "aarch64-apple-darwin", os: "darwin" },
  { triple: "x86_64-pc-windows-msvc", os: "windows" },
]);

/** The executable's file name for a target: `zscaler-mcp-<triple>`, plus `.exe` on Windows. */
export function executableName(target: CompileTarget): string {
  return `zscaler-mcp-${target.triple}${target.os === "windows" ? ".exe" : ""}`;
}

/** The target this Deno itself was built for (`Deno.build.target`), if it is one we ship. */
export function hostTarget(triple: string = Deno.build.target): CompileTarget | undefined {
  return COMPILE_TARGETS.find((target) => target.triple === triple);
}

/** Narrows `Deno.build.os` (or any string) to a {@link TargetOs}; other systems count as linux-like. */
export function targetOs(os: string = Deno.build.os): TargetOs {
  return os === "windows" || os === "darwin" ? os : "linux";
}
