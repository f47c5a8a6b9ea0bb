import assert from "node:assert/strict";
import { z } from "zod";
import {
  type SelectionOptions,
  selectTools,
  type ToolKind,
  type ToolSpec,
} from "../../lib/tools/mod.ts";

function spec(
  name: string,
  service: "zia" | "zpa",
  toolset: string,
  kind: ToolKind = "read",
): ToolSpec {
  return {
    name,
    service,
    toolset,
    kind,
    title: name,
    description: name,
    request: "GET /",
    input: z.strictObject({}),
    run: () => Promise.resolve({ data: null }),
  };
}

const CATALOG = [
  spec("zia_list_locations", "zia", "zia_locations"),
  spec("zia_get_location", "zia", "zia_locations"),
  spec("zia_create_location", "zia", "zia_locations", "create"),
  spec("zia_update_location", "zia", "zia_locations", "update"),
  spec("zia_get_activation_status", "zia", "zia_admin"),
  spec("zia_activate_configuration", "zia", "zia_admin", "action"),
  spec("zpa_list_segment_groups", "zpa", "zpa_segment_groups"),
  spec("zpa_create_segment_group", "zpa", "zpa_segment_groups", "create"),
];

const NONE: SelectionOptions = {
  services: null,
  disabledServices: [],
  toolsets: null,
  disabledToolsets: [],
  disabledTools: [],
  writeEnabled: false,
  writeTools: [],
};

const names = (options: Partial<SelectionOptions>) => {
  const selection = selectTools(CATALOG, { ...NONE, ...options });
  assert.deepEqual(selection.problems, []);
  return selection.tools.map((tool) => tool.name);
};

Deno.test("by default every read tool and no write tool is selected", () => {
  assert.deepEqual(names({}), [
    "zia_list_locations",
    "zia_get_location",
    "zia_get_activation_status",
    "zpa_list_segment_groups",
  ]);
});

Deno.test("services and toolsets narrow; disabled ones win", () => {
  assert.deepEqual(names({ services: ["zpa"] }), ["zpa_list_segment_groups"]);
  assert.deepEqual(names({ disabledServices: ["zia"] }), ["zpa_list_segment_groups"]);
  assert.deepEqual(names({ toolsets: ["zia_admin"] }), ["zia_get_activation_status"]);
  assert.deepEqual(
    names({ toolsets: ["zia_admin", "zia_locations"], disabledToolsets: ["zia_locations"] }),
    [
      "zia_get_activation_status",
    ],
  );
  assert.deepEqual(names({ services: ["zia"], disabledServices: ["zia"] }), []);
});

Deno.test("disabled tools take fnmatch patterns and win over everything", () => {
  assert.deepEqual(names({ disabledTools: ["zia_*"] }), ["zpa_list_segment_groups"]);
  assert.deepEqual(names({ disabledTools: ["zia_get_?ocation", "zpa_list_segment_groups"] }), [
    "zia_list_locations",
    "zia_get_activation_status",
  ]);
  assert.deepEqual(
    names({
      writeEnabled: true,
      writeTools: ["zia_create_*"],
      disabledTools: ["zia_create_location"],
    }),
    [
      "zia_list_locations",
      "zia_get_location",
      "zia_get_activation_status",
      "zpa_list_segment_groups",
    ],
  );
});

Deno.test("write tools need the switch and an allowlist pattern", () => {
  const reads = names({});
  assert.deepEqual(names({ writeEnabled: true, writeTools: ["zia_create_*"] }), [
    "zia_list_locations",
    "zia_get_location",
    "zia_create_location",
    "zia_get_activation_status",
    "zpa_list_segment_groups",
  ]);
  assert.deepEqual(names({ writeEnabled: true, writeTools: ["*_segment_group"] }), [
    ...reads,
    "zpa_create_segment_group",
  ]);
  const onlySwitch = selectTools(CATALOG, { ...NONE, writeEnabled: true });
  assert.deepEqual(onlySwitch.tools.map((t) => t.name), reads);
  assert.match(onlySwitch.warnings[0], /no write tool is registered/);
  const onlyList = selectTools(CATALOG, { ...NONE, writeTools: ["zia_create_location"] });
  assert.deepEqual(onlyList.tools.map((t) => t.name), reads);
  assert.match(onlyList.warnings[0], /not enabled/);
});

Deno.test("every unknown name and dead pattern is a problem", () => {
  const selection = selectTools(CATALOG, {
    ...NONE,
    services: ["zia", "zscaler"],
    disabledServices: ["nope"],
    toolsets: ["zia_dlp"],
    disabledToolsets: ["zpa_nope"],
    disabledTools: ["zia_delete_everything", "bad pattern!"],
    writeEnabled: true,
    writeTools: ["*", "zia_list_locations", "zdx_*"],
  });
  assert.deepEqual(selection.problems, [
    '--services: unknown service "zscaler" (known: zcc, zcell, zdx, zeasm, zia, zid, zins, zms, zpa, ztw)',
    '--disabled-services: unknown service "nope" (known: zcc, zcell, zdx, zeasm, zia, zid, zins, zms, zpa, ztw)',
    '--toolsets: unknown toolset "zia_dlp" (known: zia_admin, zia_locations, zpa_segment_groups)',
    '--disabled-toolsets: unknown toolset "zpa_nope" (known: zia_admin, zia_locations, zpa_segment_groups)',
    '--disabled-tools: "bad pattern!" is not a tool name or fnmatch pattern',
    '--disabled-tools: "zia_delete_everything" matches no tool',
    '--write-tools: "*" would allow every write tool; name the tools or a narrower pattern such as zia_create_*',
    '--write-tools: "zia_list_locations" matches no write tool',
    '--write-tools: "zdx_*" matches no write tool',
  ]);
});
