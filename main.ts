/**
 * zscaler-mcp: a security-hardened Model Context Protocol server for the Zscaler OneAPI.
 *
 * `deno task start --help` lists every command and setting.
 *
 * @module
 */

import { run } from "./lib/cli/run.ts";

if (import.meta.main) {
  const code = await run(Deno.args, Deno.env.toObject());
  Deno.exit(code);
}
