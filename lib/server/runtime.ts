/**
 * What the server needs at run time, built once at startup and shared by every request.
 *
 * @module
 */

import type { Config } from "../config/mod.ts";
import type { AuditLog } from "../guard/audit.ts";
import type { ConfirmationGate } from "../guard/confirm.ts";
import type { WriteAttemptInspector } from "../guard/writes.ts";
import type { Logger } from "../log.ts";
import type { ToolSpec } from "../tools/mod.ts";
import type { ZscalerClient } from "../zscaler/mod.ts";
import type { InFlight } from "./inflight.ts";

/** Shared state of a running server. State lives here, never in a per-request server instance. */
export interface Runtime {
  config: Config;
  logger: Logger;
  /** The tools selected at startup. */
  tools: readonly ToolSpec[];
  client: ZscalerClient;
  /** ZPA customer id ("" when no ZPA tool is registered). */
  customerId: string;
  inflight: InFlight;
  /** The tenant's ZIdentity token URL (zscaler client-auth mode validates against it). */
  tokenUrl: string;
  /** Decides whether a destructive call may run now. */
  gate: ConfirmationGate;
  audit: AuditLog;
  /** Records calls to write tools that were not registered. */
  inspectWrites: WriteAttemptInspector;
}
