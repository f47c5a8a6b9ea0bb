/**
 * `deno task compile [triple…]`: one executable per target in `dist/`, named
 * `zscaler-mcp-<triple>[.exe]`, each embedding the permission set computed by `lib/permissions`
 * for its OS (`compile` mode: system locations plus `ZSCALER_MCP_EXTRA_*` from the build
 * environment), then `dist/SHA256SUMS`.
 *
 * `deno compile` embeds the program in `denort`, a runtime it downloads per target from Deno's
 * download host. Where that host is unreachable the runtime comes from a file:
 * - `DENORT_BIN_<TRIPLE>` (upper case, `-` → `_`, e.g. `DENORT_BIN_X86_64_UNKNOWN_LINUX_GNU`):
 *   the unzipped `denort` for that target;
 * - `DENORT_BIN`: Deno's own variable; it replaces the runtime for *every* target without
 *   checking, so it is honoured for the host target only and removed for the others.
 * A target whose runtime cannot be had fails with one line that says what to provide.
 * `--print-flags <triple>` prints the flags embedded for a target instead of building.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import {
  COMPILE_TARGETS,
  type CompileTarget,
  executableName,
  hostTarget,
  permissionFlags,
  PermissionInputError,
  permissionSet,
  RUNTIME_FLAGS,
} from "../lib/permissions/mod.ts";
import { NAME, VERSION } from "../lib/version.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** The per-target runtime variable for `target`. */
export function denortVariable(target: CompileTarget): string {
  return `DENORT_BIN_${target.triple.toUpperCase().replaceAll("-", "_")}`;
}

/** Where the runtime for `target` comes from, or `undefined` for Deno's download (or cache). */
export function denortFor(
  target: CompileTarget,
  env: Readonly<Record<string, string | undefined>>,
  host: CompileTarget | undefined = hostTarget(),
): { variable: string; path: string } | undefined {
  const own = denortVariable(target);
  if (env[own]) return { variable: own, path: env[own]! };
  if (env.DENORT_BIN && host?.triple === target.triple) {
    return { variable: "DENORT_BIN", path: env.DENORT_BIN };
  }
  return undefined;
}

/** The `deno compile` arguments for `target` (the embedded flags come from `lib/permissions`). */
export function compileArgs(
  target: CompileTarget,
  env: Readonly<Record<string, string | undefined>>,
  outDir: string,
): string[] {
  const set = permissionSet({ os: target.os, mode: "compile", profile: "control", env });
  return [
    "compile",
    // Type checking is `deno task check`'s job (the release workflow runs it first); checking
    // again for every target only costs time.
    "--no-check",
    ...RUNTIME_FLAGS,
    "--config",
    `${ROOT}deno.json`,
    ...permissionFlags(set),
    "--target",
    target.triple,
    "--output",
    `${outDir}/${executableName(target)}`,
    `${ROOT}main.ts`,
  ];
}

/** The one line that says a target has no runtime and how to provide one. */
export function missingRuntimeLine(target: CompileTarget): string {
  const zip = `denort-${target.triple}.zip`;
  const hostHint = hostTarget()?.triple === target.triple ? " (or DENORT_BIN)" : "";
  return `compile: ${target.triple}: no denort runtime: Deno's download host is unreachable ` +
    `and ${denortVariable(target)}${hostHint} is not set; fetch ${zip} of Deno ` +
    `${Deno.version.deno} where it can be downloaded, unzip it and set ` +
    `${denortVariable(target)}=<path to denort>`;
}

function isRuntimeDownloadFailure(stderr: string): boolean {
  return /Setting up base binary|dl\.deno\.land|denort-[\w-]+\.zip/.test(stderr);
}

async function sha256(path: string): Promise<string> {
  const bytes = await Deno.readFile(path);
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function build(target: CompileTarget, outDir: string): Promise<string | undefined> {
  const env = Deno.env.toObject();
  const runtime = denortFor(target, env);
  const childEnv: Record<string, string> = { ...env };
  delete childEnv.DENORT_BIN;
  if (runtime) {
    try {
      if (!Deno.statSync(runtime.path).isFile) throw new Error("not a file");
    } catch {
      console.error(
        `compile: ${target.triple}: ${runtime.variable}=${runtime.path} is not a readable file`,
      );
      return undefined;
    }
    childEnv.DENORT_BIN = runtime.path;
  }
  let args: string[];
  try {
    args = compileArgs(target, env, outDir);
  } catch (error) {
    if (!(error instanceof PermissionInputError)) throw error;
    console.error(`compile: ${target.triple}: ${error.message}`);
    return undefined;
  }
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    env: childEnv,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  if (output.code !== 0) {
    if (!runtime && isRuntimeDownloadFailure(stderr)) console.error(missingRuntimeLine(target));
    else {
      console.error(`compile: ${target.triple}: deno compile failed (exit ${output.code}):`);
      console.error(stderr.trimEnd());
    }
    return undefined;
  }
  const path = `${outDir}/${executableName(target)}`;
  if (hostTarget()?.triple === target.triple) {
    // The host can run what it built: a runtime that is not a denort (the full deno binary,
    // say) makes an executable that does not run the server. Refuse it here.
    const probe = await new Deno.Command(path, {
      args: ["--version"],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const said = new TextDecoder().decode(probe.stdout).trim();
    if (probe.code !== 0 || said !== `${NAME} ${VERSION}`) {
      await Deno.remove(path).catch(() => {});
      console.error(
        `compile: ${target.triple}: the built executable does not run the server ` +
          `(--version said ${JSON.stringify(said.slice(0, 60))}); is ` +
          `${runtime?.variable ?? "the runtime"} a denort of Deno ${Deno.version.deno}?`,
      );
      return undefined;
    }
  }
  console.log(`compile: ${target.triple}: ${path}`);
  return path;
}

async function main(): Promise<number> {
  const args = [...Deno.args];
  if (args[0] === "--print-flags") {
    const target = COMPILE_TARGETS.find((t) => t.triple === args[1]);
    if (!target) {
      console.error(`compile: --print-flags needs one of ${COMPILE_TARGETS.map((t) => t.triple)}`);
      return 2;
    }
    try {
      const set = permissionSet({
        os: target.os,
        mode: "compile",
        profile: "control",
        env: Deno.env.toObject(),
      });
      console.log([...RUNTIME_FLAGS, ...permissionFlags(set)].join("\n"));
      return 0;
    } catch (error) {
      if (!(error instanceof PermissionInputError)) throw error;
      console.error(`compile: ${error.message}`);
      return 2;
    }
  }
  const unknown = args.filter((arg) => !COMPILE_TARGETS.some((t) => t.triple === arg));
  if (unknown.length) {
    console.error(
      `compile: unknown target ${unknown.join(", ")}; known: ` +
        COMPILE_TARGETS.map((t) => t.triple).join(", "),
    );
    return 2;
  }
  const targets = args.length
    ? COMPILE_TARGETS.filter((t) => args.includes(t.triple))
    : COMPILE_TARGETS;
  const outDir = Deno.env.get("ZSCALER_MCP_DIST_DIR") ?? `${ROOT}dist`;
  await Deno.mkdir(outDir, { recursive: true });
  const built: string[] = [];
  for (const target of targets) {
    const path = await build(target, outDir);
    if (path) built.push(path);
  }
  if (built.length) {
    const lines = [];
    for (const path of built) lines.push(`${await sha256(path)}  ${path.split("/").pop()}`);
    await Deno.writeTextFile(`${outDir}/SHA256SUMS`, lines.join("\n") + "\n");
    console.log(`compile: ${outDir}/SHA256SUMS (${built.length} files)`);
  }
  const failed = targets.length - built.length;
  if (failed) console.error(`compile: ${failed} of ${targets.length} targets failed`);
  return failed ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main());
