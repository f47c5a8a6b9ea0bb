/**
 * The MCP server: factory, transports, banner.
 *
 * @module
 */

export { renderBanner } from "./banner.ts";
export { callTool, createServerFactory } from "./factory.ts";
export { createHttpHandler, MCP_PATH } from "./http.ts";
export { InFlight } from "./inflight.ts";
export type { Runtime } from "./runtime.ts";
export { type Listening, serveHttp, serveStdioTransport } from "./serve.ts";
