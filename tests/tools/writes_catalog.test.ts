/**
 * The write tools as data: names and toolsets from the reference server, confirmations where a
 * human must approve, described arguments, and the argument refusals zod makes before any call.
 */

import assert from "node:assert/strict";
import { z } from "zod";
import { CATALOG, isWrite, needsConfirmation } from "../../lib/tools/mod.ts";
import { refusal, tool } from "./_sim.ts";

async function reference(): Promise<Map<string, { toolset: string; kind: string }>> {
  const text = await Deno.readTextFile(
    new URL("../fixtures/reference-tools.tsv", import.meta.url),
  );
  return new Map(
    text.trim().split("\n").slice(1).map((line) => line.split("\t"))
      .map(([name, toolset, kind]) => [name, { toolset, kind }]),
  );
}

Deno.test("every write tool is a reference write, in its toolset, with the kind its verb says", async () => {
  const writes = CATALOG.filter(isWrite);
  assert.equal(new Set(CATALOG.map((spec) => spec.name)).size, CATALOG.length, "unique names");
  const known = await reference();
  const referenceWrites = [...known].filter(([, ref]) => ref.kind === "write")
    .filter(([name]) => /^(get_)?z(ia|pa)_/.test(name)).map(([name]) => name).sort();
  assert.deepEqual(writes.map((spec) => spec.name).sort(), referenceWrites);
  for (const spec of writes) {
    const ref = known.get(spec.name)!;
    assert.equal(spec.toolset, ref.toolset, `${spec.name} toolset`);
    const verb = spec.name.split("_")[1];
    if (verb === "create" || verb === "update") assert.equal(spec.kind, verb, spec.name);
    else if (verb === "delete" || spec.name.includes("_bulk_delete_")) {
      // Removing entries from a list is an action on the list, but still confirmed.
      assert.ok(spec.kind === "delete" || spec.kind === "action", spec.name);
      assert.ok(needsConfirmation(spec), `${spec.name} is confirmed`);
    } else assert.equal(spec.kind, "action", spec.name);
  }
});

Deno.test("every delete and the activation carry a confirmation; creates and updates do not", () => {
  for (const spec of CATALOG) {
    if (spec.kind === "delete") assert.ok(spec.confirmation, `${spec.name} has a confirmation`);
    if (spec.kind === "create" || spec.kind === "update" || spec.kind === "read") {
      assert.equal(spec.confirmation, undefined, `${spec.name} needs no confirmation`);
    }
  }
  const activate = tool("zia_activate_configuration");
  assert.ok(activate.confirmation);
  assert.ok(needsConfirmation(activate));
});

Deno.test("write tools describe themselves and every argument", () => {
  for (const spec of CATALOG.filter(isWrite)) {
    assert.ok(spec.description.length > 40, `${spec.name} description`);
    assert.match(spec.request, /^(GET|POST|PUT|DELETE) \//, `${spec.name} request`);
    if (spec.kind === "delete") assert.match(spec.description, /human must approve/);
    if (spec.kind === "create") assert.match(spec.description, /Required: /, spec.name);
    if (spec.service === "zia" && spec.kind !== "action") {
      assert.match(spec.description, /zia_activate_configuration/, spec.name);
    }
    const schema = z.toJSONSchema(spec.input, { io: "input" }) as {
      properties: Record<string, { description?: string }>;
      additionalProperties?: boolean;
    };
    assert.equal(schema.additionalProperties, false, `${spec.name} is strict`);
    for (const [name, property] of Object.entries(schema.properties)) {
      assert.ok(property.description, `${spec.name}.${name} is described`);
      assert.match(name, /^[a-z][a-z0-9_]*$/, `${spec.name}.${name} is snake_case`);
    }
  }
});

Deno.test("read tools keep their inputs (no write argument leaked into them)", () => {
  for (const spec of CATALOG.filter((spec) => !isWrite(spec))) {
    assert.equal(spec.kind, "read", spec.name);
    assert.equal(spec.confirmation, undefined, spec.name);
  }
  assert.deepEqual(Object.keys(tool("zia_get_url_category").input.shape), ["category_id"]);
  assert.deepEqual(Object.keys(tool("zpa_get_segment_group").input.shape), ["group_id"]);
});

Deno.test("zod refuses bad ids before anything is sent", () => {
  for (const rule_id of ["1690001", -1, 0, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
    assert.ok(refusal("zia_delete_url_filtering_rule", { rule_id }).length > 0);
  }
  assert.deepEqual(refusal("zia_update_location", { location_id: "abc", name: "x" }), [
    "location_id: Invalid input: expected number, received string",
  ]);
  for (const category_id of ["../CUSTOM_01", "CUSTOM-01", "", "a".repeat(65)]) {
    assert.match(
      refusal("zia_delete_url_category", { category_id })[0],
      /^category_id: must be a URL category id/,
    );
  }
  for (const segment_id of ["12a", "1/2", "", "1".repeat(26), 12]) {
    assert.ok(refusal("zpa_delete_application_segment", { segment_id }).length > 0);
  }
  assert.match(
    refusal("zpa_update_segment_group", { group_id: "..", name: "x" })[0],
    /^group_id: must be a ZPA id/,
  );
  assert.match(
    refusal("zpa_create_application_segment", {
      name: "x",
      domain_names: ["x.example"],
      segment_group_id: "1",
      server_group_ids: ["2", "two"],
      tcp_port_ranges: [{ from: 1, to: 2 }],
    })[0],
    /^server_group_ids\.1: must be a ZPA id/,
  );
});

Deno.test("an update with nothing to change is refused", () => {
  for (
    const [name, args] of [
      ["zia_update_url_filtering_rule", { rule_id: 1 }],
      ["zia_update_cloud_firewall_rule", { rule_id: 1 }],
      ["zia_update_location", { location_id: 1 }],
      ["zia_update_url_category", { category_id: "CUSTOM_01" }],
      ["zpa_update_application_segment", { segment_id: "1" }],
      ["zpa_update_segment_group", { group_id: "1" }],
    ] as const
  ) {
    assert.match(refusal(name, args)[0], /^: Nothing to change: give at least one of \w+/, name);
  }
});

Deno.test("unknown arguments are refused (no free-form body)", () => {
  const issues = refusal("zia_update_url_filtering_rule", {
    rule_id: 1,
    name: "x",
    body: { action: "ALLOW" },
  });
  assert.equal(issues.length, 1);
  assert.match(issues[0], /Unrecognized key: "body"/);
  assert.match(
    refusal("zpa_create_segment_group", { name: "x", microtenantId: "1" })[0],
    /Unrecognized key: "microtenantId"/,
  );
  assert.match(
    refusal("zia_activate_configuration", { force: true })[0],
    /Unrecognized key: "force"/,
  );
});

Deno.test("required fields, enums and ranges are enforced", () => {
  assert.deepEqual(refusal("zia_create_url_filtering_rule", { name: "x" }), [
    'action: Invalid option: expected one of "ALLOW"|"BLOCK"|"CAUTION"|"ISOLATE"',
  ]);
  assert.ok(refusal("zia_create_cloud_firewall_rule", { name: "x", action: "BLOCK" }).length > 0);
  assert.match(
    refusal("zia_create_url_filtering_rule", { name: "x", action: "BLOCK", rank: 8 })[0],
    /^rank: /,
  );
  assert.match(
    refusal("zia_update_url_filtering_rule", { rule_id: 1, order: 0 })[0],
    /^order: /,
  );
  assert.match(
    refusal("zia_create_cloud_firewall_rule", {
      name: "x",
      action: "ALLOW",
      dest_countries: ["US"],
    })[0],
    /^dest_countries\.0: must look like COUNTRY_US/,
  );
  assert.match(refusal("zia_create_location", { description: "x" })[0], /^name: /);
  assert.match(refusal("zia_create_url_category", { urls: ["a.com"] })[0], /^configured_name: /);
  assert.match(refusal("zpa_create_segment_group", {})[0], /^name: /);
});

Deno.test("port ranges: integers 1-65535, from <= to, at least one on create", () => {
  const segment = {
    name: "x",
    domain_names: ["x.example"],
    segment_group_id: "1",
    server_group_ids: ["2"],
  };
  assert.deepEqual(
    refusal("zpa_create_application_segment", {
      ...segment,
      tcp_port_ranges: [{ from: 443, to: 80 }],
    }),
    ["tcp_port_ranges.0.to: from must not be greater than to"],
  );
  assert.deepEqual(
    refusal("zpa_update_application_segment", {
      segment_id: "1",
      udp_port_ranges: [{ from: 600, to: 500 }],
    }),
    ["udp_port_ranges.0.to: from must not be greater than to"],
  );
  for (const range of [{ from: 0, to: 1 }, { from: 1, to: 65536 }, { from: "80", to: "80" }]) {
    assert.ok(
      refusal("zpa_create_application_segment", { ...segment, tcp_port_ranges: [range] }).length,
    );
  }
  assert.deepEqual(refusal("zpa_create_application_segment", segment), [
    ": Give at least one port range in tcp_port_ranges or udp_port_ranges.",
  ]);
  assert.deepEqual(
    refusal("zpa_create_application_segment", { ...segment, tcp_port_ranges: [] }),
    [": Give at least one port range in tcp_port_ranges or udp_port_ranges."],
  );
  const parsed = tool("zpa_create_application_segment").input.parse({
    ...segment,
    udp_port_ranges: [{ from: 53, to: 53 }],
  });
  assert.deepEqual(parsed.udp_port_ranges, [{ from: 53, to: 53 }]);
});

Deno.test("create defaults: rank 7 for rules, USER_DEFINED for categories; updates get none", () => {
  const rule = tool("zia_create_url_filtering_rule").input.parse({ name: "x", action: "ALLOW" });
  assert.equal(rule.rank, 7);
  const category = tool("zia_create_url_category").input.parse({ configured_name: "x" });
  assert.equal(category.super_category, "USER_DEFINED");
  const update = tool("zia_update_url_filtering_rule").input.parse({ rule_id: 1, name: "y" });
  assert.deepEqual(update, { rule_id: 1, name: "y" });
});
