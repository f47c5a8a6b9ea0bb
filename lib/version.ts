/** The product name, as shown in banners, logs and the MCP `serverInfo`. */
export const NAME = "zscaler-mcp";

/** The product version; kept in step with `deno.json`. */
export const VERSION = "0.1.0";
