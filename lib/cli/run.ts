/**
 * The command line: configuration → tool selection → upstream → transport. Every configuration
 * problem is reported (one line each) and exits 2 before anything listens.
 *
 * @module
 */

import { generateAuthTokenText } from "../auth/mod.ts";
import { AuditLog, fileSink } from "../guard/audit.ts";
import { ConfirmationGate } from "../guard/confirm.ts";
import { KeyRing } from "../guard/confirm_seal.ts";
import { MemoryNonceLedger } from "../guard/ledger.ts";
import { writeAttemptInspector } from "../guard/writes.ts";
import { type Config, ConfigError, loadConfig } from "../config/mod.ts";
import { createLogger, type Logger, writeStderr } from "../log.ts";
import {
  InFlight,
  renderBanner,
  type Runtime,
  serveHttp,
  serveStdioTransport,
} from "../server/mod.ts";
import { CATALOG, selectTools, type ToolSpec } from "../tools/mod.ts";
import { NAME, VERSION } from "../version.ts";
import { helpText } from "./help.ts";
import { renderToolList, toolRows } from "./list_tools.ts";
import { runSim } from "./sim.ts";
import { createClient, liveUpstream, sandboxUpstream } from "./upstream.ts";

/** Exit code for bad configuration. */
export const EXIT_CONFIG = 2;

function printProblems(problems: readonly string[]): number {
  for (const problem of problems) writeStderr(`${NAME}: config error: ${problem}`);
  return EXIT_CONFIG;
}

/** The MCP endpoint URL clients use for a bind. */
function serverUrl(config: Config, hostname: string, port: number): string {
  const host = hostname.includes(":") ? `[${hostname}]` : hostname;
  return `${config.http.tls ? "https" : "http"}://${host}:${port}/mcp`;
}

/** The audit log: stderr, or the configured file (which must be writable). */
function createAudit(config: Config, logger: Logger): AuditLog {
  let sink;
  if (config.auditLog) {
    try {
      sink = fileSink(config.auditLog);
    } catch (error) {
      throw new ConfigError([
        `ZSCALER_MCP_AUDIT_LOG: cannot open ${JSON.stringify(config.auditLog)} for appending ` +
        `(${(error as Error).name})`,
      ]);
    }
  }
  return new AuditLog({ enabled: config.logToolCalls, logger, sink });
}

/** Runs the program; returns the exit code. */
export async function run(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  try {
    if (argv[0] === "sim") return await runSim(argv.slice(1));
    return await serve(argv[0] === "serve" ? argv.slice(1) : argv, env);
  } catch (error) {
    if (error instanceof ConfigError) return printProblems(error.problems);
    throw error;
  }
}

async function serve(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const { args, config } = loadConfig(argv, env);
  if (args.positionals.length > 0) {
    throw new ConfigError([`unknown command ${JSON.stringify(args.positionals[0])} (try --help)`]);
  }
  if (args.actions.has("help")) {
    console.log(helpText());
    return 0;
  }
  if (args.actions.has("version")) {
    console.log(`${NAME} ${VERSION}`);
    return 0;
  }
  if (args.actions.has("generate-auth-token")) {
    console.log(generateAuthTokenText(serverUrl(config, config.host, config.port)).text);
    return 0;
  }
  const selection = selectTools(CATALOG, config);
  if (selection.problems.length) throw new ConfigError(selection.problems);
  if (args.actions.has("list-tools")) {
    console.log(
      args.actions.has("json")
        ? JSON.stringify(toolRows(CATALOG), null, 2)
        : renderToolList(CATALOG),
    );
    return 0;
  }

  const logger = createLogger({ debug: config.debug });
  const needsCustomerId = selection.tools.some((tool: ToolSpec) => tool.service === "zpa");
  const upstream = config.sandbox ? await sandboxUpstream() : liveUpstream(config, needsCustomerId);
  const client = createClient(config, upstream, logger);
  const audit = createAudit(config, logger);
  const gate = new ConfirmationGate({
    keys: await KeyRing.from(config.confirmationKeys.map((key) => key.reveal())),
    ledger: new MemoryNonceLedger(),
    ttlMs: config.confirmationTtlMs,
  });
  const runtime: Runtime = {
    config,
    logger,
    tools: selection.tools,
    client,
    customerId: upstream.customerId,
    inflight: new InFlight(),
    tokenUrl: upstream.tokenUrl,
    gate,
    audit,
    inspectWrites: writeAttemptInspector(CATALOG, selection.tools, audit, config.writeEnabled),
  };
  const banner = (endpoint?: string) =>
    writeStderr(renderBanner({
      config,
      tools: selection.tools,
      endpoint,
      upstream: config.sandbox ? `simulated tenant at ${upstream.apiBaseUrl}` : upstream.apiBaseUrl,
      warnings: selection.warnings,
    }));
  try {
    if (config.transport === "stdio") {
      banner();
      await serveStdioTransport(runtime);
    } else {
      await serveHttp(runtime, ({ hostname, port }) => {
        banner(serverUrl(config, hostname, port));
      });
    }
  } finally {
    await upstream.close();
  }
  return 0;
}
