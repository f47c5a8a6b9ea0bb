/**
 * zscaler-mcp: a security-hardened Model Context Protocol server for the Zscaler OneAPI.
 *
 * `deno task start --help` lists every command and setting.
 *
 * @module
 */

import { run } from "./lib/cli/run.ts";

export { run };
export {
  AuthConfigError,
  type AuthDeps,
  type Authenticator,
  type AuthSettings,
  createAuthenticator,
  createAuthenticatorAsync,
  type OidcAuthenticator,
  type OidcSettings,
  OidcSetupError,
} from "./lib/auth/mod.ts";
export { Secret } from "./lib/config/secret.ts";
export { createHttpHandler, type HttpHandlerOptions } from "./lib/server/http.ts";

if (import.meta.main) {
  const code = await run(Deno.args, Deno.env.toObject());
  Deno.exit(code);
}
