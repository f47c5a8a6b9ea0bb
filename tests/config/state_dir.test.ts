import assert from "node:assert/strict";
import { defaultStateDir, StateDirError } from "../../lib/config/state_dir.ts";

Deno.test("state dir: the explicit override wins over everything", () => {
  const env = { ZSCALER_MCP_STATE_DIR: "/srv/zmcp", STATE_DIRECTORY: "/var/lib/x", HOME: "/h" };
  assert.equal(defaultStateDir(env, "linux"), "/srv/zmcp");
});

Deno.test("state dir: systemd's STATE_DIRECTORY comes next (first entry)", () => {
  assert.equal(
    defaultStateDir(
      { STATE_DIRECTORY: "/var/lib/zscaler-mcp:/var/lib/other", HOME: "/h" },
      "linux",
    ),
    "/var/lib/zscaler-mcp",
  );
});

Deno.test("state dir: per-OS defaults under the user's home, never /tmp", () => {
  assert.equal(
    defaultStateDir({ HOME: "/home/ann" }, "linux"),
    "/home/ann/.local/state/zscaler-mcp",
  );
  assert.equal(
    defaultStateDir({ HOME: "/home/ann", XDG_STATE_HOME: "/home/ann/st" }, "linux"),
    "/home/ann/st/zscaler-mcp",
  );
  // A relative XDG_STATE_HOME is invalid per the spec and ignored.
  assert.equal(
    defaultStateDir({ HOME: "/home/ann", XDG_STATE_HOME: "st" }, "linux"),
    "/home/ann/.local/state/zscaler-mcp",
  );
  assert.equal(
    defaultStateDir({ HOME: "/Users/ann" }, "darwin"),
    "/Users/ann/Library/Application Support/zscaler-mcp",
  );
});

Deno.test("state dir: refuses when nothing can be derived", () => {
  assert.throws(
    () => defaultStateDir({}, "linux"),
    (e) => e instanceof StateDirError && /ZSCALER_MCP_STATE_DIR/.test(e.message),
  );
  assert.throws(
    () => defaultStateDir({ HOME: "/h" }, "windows"),
    (e) => e instanceof StateDirError && /LOCALAPPDATA/.test(e.message),
  );
});
