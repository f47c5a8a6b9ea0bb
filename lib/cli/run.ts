/**
 * The command line: configuration → tool selection → upstream → transport. Every configuration
 * problem is reported (one line each) and exits 2 before anything listens.
 *
 * @module
 */

import { AuthConfigError, authConfigProblems, generateAuthTokenText } from "../auth/mod.ts";
import { AuditLog } from "../guard/audit.ts";
import { ConfirmationGate } from "../guard/confirm.ts";
import { KeyRing } from "../guard/confirm_seal.ts";
import { MemoryNonceLedger } from "../guard/ledger.ts";
import { writeAttemptInspector } from "../guard/writes.ts";
import { type Config, ConfigError, loadConfig } from "../config/mod.ts";
import { createLogger, type LevelledLogger, type Logger, writeStderr } from "../log.ts";
import {
  auditOptionsFor,
  claimServerInstance,
  InstanceRunningError,
  isLifecycleCommand,
  onReloadSignal,
  Reloader,
  runLifecycle,
  type ServerInstance,
  UnsafePathError,
} from "../lifecycle/mod.ts";
import {
  InFlight,
  renderBanner,
  type Runtime,
  serveHttp,
  serveStdioTransport,
} from "../server/mod.ts";
import { CATALOG, type Selection, selectTools, type ToolSpec } from "../tools/mod.ts";
import { checkPermissionBoundary } from "../permissions/check.ts";
import { NAME, VERSION } from "../version.ts";
import { ZscalerError } from "../zscaler/mod.ts";
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
  return new AuditLog({ ...auditOptionsFor(config), logger });
}

/** Runs the program; returns the exit code. */
export async function run(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  try {
    if (argv[0] === "sim") return await runSim(argv.slice(1));
    if (isLifecycleCommand(argv[0])) return await runLifecycle(argv[0], argv.slice(1), env);
    return await serve(argv[0] === "serve" ? argv.slice(1) : argv, env, argv);
  } catch (error) {
    if (error instanceof ConfigError) return printProblems(error.problems);
    // Authentication setup that can only be checked at startup (oidc: the discovery document).
    if (error instanceof AuthConfigError) return printProblems(authConfigProblems(error));
    if (error instanceof InstanceRunningError || error instanceof UnsafePathError) {
      writeStderr(`${NAME}: ${error.message}`);
      return EXIT_CONFIG;
    }
    throw error;
  }
}

async function serve(
  argv: string[],
  env: Record<string, string | undefined>,
  original: string[],
): Promise<number> {
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
  // Before anything listens (the sandbox's simulated tenant included): one instance per PID file.
  const instance = await claimServerInstance(config, env, original, (line) => logger.warn(line));
  try {
    return await runServer({ argv, env, config, selection, logger, instance });
  } finally {
    instance?.release();
  }
}

/** What {@link runServer} needs from the command line. */
interface ServerStart {
  /** The server's arguments (without a leading `serve`). */
  argv: string[];
  env: Record<string, string | undefined>;
  config: Config;
  selection: Selection;
  logger: LevelledLogger;
  /** The claimed PID file, or `null` when none is used. */
  instance: ServerInstance | null;
}

/** Builds the runtime and serves until asked to stop. */
async function runServer(start: ServerStart): Promise<number> {
  const { config, selection, logger, instance } = start;
  const needsCustomerId = selection.tools.some((tool: ToolSpec) => tool.service === "zpa");
  const upstream = config.sandbox ? await sandboxUpstream() : liveUpstream(config, needsCustomerId);
  const boundary = checkPermissionBoundary(config, upstream);
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
      warnings: [...selection.warnings, ...boundary],
    }));
  const reloader = new Reloader({
    argv: start.argv,
    env: start.env,
    logger,
    audit,
    validate: (candidate) => selectTools(CATALOG, candidate).problems,
    onReload: (note) => instance?.noteReload(note),
    // The sandbox's simulated tenant has its own client; a live one rotates to the new one.
    rotateCredentials: config.sandbox ? undefined : (candidate) => {
      const next = liveUpstream(candidate, needsCustomerId);
      try {
        client.rotateCredentials({
          clientId: next.clientId,
          clientSecret: next.clientSecret,
          privateKey: next.privateKey,
        });
      } catch (error) {
        if (error instanceof ZscalerError) {
          throw new ConfigError([
            `${next.privateKey ? "ZSCALER_PRIVATE_KEY" : "ZSCALER_CLIENT_ID"}: ${error.message}`,
          ]);
        }
        throw error;
      }
    },
  });
  const publish = (bind: Parameters<ServerInstance["publish"]>[0]) => {
    try {
      instance?.publish(bind);
    } catch (error) {
      logger.error("cannot write the PID file", {
        path: instance?.path,
        error: (error as Error).name,
      });
    }
  };
  const stopReloads = onReloadSignal(() => reloader.reload(), logger);
  try {
    if (config.transport === "stdio") {
      publish(null);
      banner();
      await serveStdioTransport(runtime);
    } else {
      await serveHttp(runtime, ({ hostname, port }) => {
        const url = serverUrl(config, hostname, port);
        // The PID file first: once the banner shows the address, the lifecycle commands work.
        publish({ host: hostname, port, url });
        banner(url);
      });
    }
  } finally {
    stopReloads();
    await upstream.close();
  }
  return 0;
}
