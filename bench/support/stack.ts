/**
 * The production HTTP stack assembled in process, with the same functions and in the same order
 * as `lib/cli/run.ts` (configuration → tool selection → OneAPI client → audit → confirmation gate
 * → Runtime) and `lib/server/serve.ts` (authenticator → `createHttpHandler`), minus the listening
 * socket. Keep it in step with those two files.
 */

import { createAuthenticator } from "../../lib/auth/mod.ts";
import { loadConfig } from "../../lib/config/mod.ts";
import { AuditLog, fileSink } from "../../lib/guard/audit.ts";
import { ConfirmationGate } from "../../lib/guard/confirm.ts";
import { KeyRing } from "../../lib/guard/confirm_seal.ts";
import { MemoryNonceLedger } from "../../lib/guard/ledger.ts";
import { writeAttemptInspector } from "../../lib/guard/writes.ts";
import { formatLine, type Logger } from "../../lib/log.ts";
import {
  createHttpHandler,
  createServerFactory,
  InFlight,
  type Runtime,
} from "../../lib/server/mod.ts";
import { authSettingsOf } from "../../lib/server/serve.ts";
import type { HttpHandler } from "../../lib/server/http.ts";
import { CATALOG, selectTools } from "../../lib/tools/mod.ts";
import { NAME, VERSION } from "../../lib/version.ts";
import { ZscalerClient } from "../../lib/zscaler/mod.ts";

/**
 * A logger that does all the work of the real one (formatting each line with the request's log
 * context) but drops the line instead of writing it to stderr, so a bench does not print one
 * warning per call.
 */
export function silentLogger(): Logger {
  const emit =
    (level: "info" | "warn" | "error") => (message: string, fields?: Record<string, unknown>) => {
      formatLine(level, message, fields);
    };
  return { debug: () => {}, info: emit("info"), warn: emit("warn"), error: emit("error") };
}

/** The in-process stack: its runtime and its HTTP handler. */
export interface Stack {
  runtime: Runtime;
  handler: HttpHandler;
}

/**
 * Builds the runtime and the HTTP handler the real server would build for `argv` and `env`.
 * `env` must point `ZSCALER_MCP_DOTENV_PATH` at a file (an empty one) so no `.env` is read.
 */
export async function buildStack(
  argv: string[],
  env: Record<string, string>,
  logger: Logger = silentLogger(),
): Promise<Stack> {
  const { config } = loadConfig(argv, env);
  const selection = selectTools(CATALOG, config);
  if (selection.problems.length) throw new Error(selection.problems.join("; "));
  const z = config.zscaler;
  const client = new ZscalerClient({
    tokenUrl: z.tokenUrl!,
    apiBaseUrl: z.apiBaseUrl!,
    credentials: { clientId: z.clientId!, clientSecret: z.clientSecret?.reveal() },
    timeoutMs: config.requestTimeoutMs,
    userAgent: `${NAME}/${VERSION}`,
    onEvent: (event) => logger.debug("upstream", { ...event }),
  });
  const audit = new AuditLog({
    enabled: config.logToolCalls,
    logger,
    sink: config.auditLog ? fileSink(config.auditLog) : undefined,
  });
  const runtime: Runtime = {
    config,
    logger,
    tools: selection.tools,
    client,
    customerId: z.customerId ?? "",
    inflight: new InFlight(),
    tokenUrl: z.tokenUrl!,
    gate: new ConfirmationGate({
      keys: await KeyRing.from(config.confirmationKeys.map((key) => key.reveal())),
      ledger: new MemoryNonceLedger(),
      ttlMs: config.confirmationTtlMs,
    }),
    audit,
    inspectWrites: writeAttemptInspector(CATALOG, selection.tools, audit, config.writeEnabled),
  };
  const auth = authSettingsOf(runtime);
  const handler = createHttpHandler(createServerFactory(runtime), {
    http: config.http,
    auth,
    authenticator: createAuthenticator(auth, { logger }),
    sessionTtlMs: config.sessionTtlMs,
    maxSessions: config.maxSessions,
    logger,
    inspectWrites: runtime.inspectWrites,
  });
  return { runtime, handler };
}
