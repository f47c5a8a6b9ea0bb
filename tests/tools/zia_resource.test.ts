/**
 * The ZIA resource expander: a resource described once expands into exactly the tools it names,
 * with kinds, annotations, requests, inputs and examples derived from the description; and the
 * expanded tools read (paged or whole, searched here or by ZIA, filtered) and write the way the
 * description says, against the simulated tenant.
 */

import assert from "node:assert/strict";
import { z } from "zod";
import { field } from "../../lib/tools/fields.ts";
import { annotationsFor, needsConfirmation, type ToolSpec } from "../../lib/tools/spec.ts";
import { queryFilter, ZIA_NOT_LIVE_NOTE, ziaResource } from "../../lib/tools/zia/resource.ts";
import { withSim } from "./_sim.ts";

const ZIA = "/zia/api/v1";

/** A resource over the simulated tenant's locations, with every verb and knob set. */
function locationsLike(overrides: Partial<Parameters<typeof ziaResource>[0]> = {}): ToolSpec[] {
  return ziaResource({
    toolset: "zia_test",
    noun: "test location",
    path: "/locations",
    idArg: "location_id",
    tools: {
      list: "t_list",
      lite: "t_lite",
      get: "t_get",
      create: "t_create",
      update: "t_update",
      delete: "t_delete",
    },
    about: " with their addresses",
    paged: 2,
    search: { param: "search" },
    filters: {
      xff_enabled: queryFilter(z.boolean().describe("xff"), "xffEnabled"),
    },
    createFields: {
      country: field(z.string().describe("Country."), "country"),
    },
    fields: {
      name: field(z.string().min(1).describe("Name."), "name", { required: true }),
      description: field(z.string().describe("Description."), "description"),
      secret: field(z.string().describe("A secret."), "preSharedKey"),
    },
    sensitive: ["secret"],
    createDetail: "Required: name.",
    deleteDetail: "Gone for good.",
    examples: {
      create: { name: "x" },
      update: { description: "y" },
      deletable: "items[-1].id",
    },
    ...overrides,
  });
}

function byName(specs: ToolSpec[]): Record<string, ToolSpec> {
  return Object.fromEntries(specs.map((spec) => [spec.name, spec]));
}

/** The API requests the simulator received while `fn` ran (token requests left out). */
async function requests(
  sim: {
    tenant: {
      requests: {
        method: string;
        path: string;
        query: Record<string, string>;
        body: unknown;
        service: string;
      }[];
    };
  },
  fn: () => Promise<unknown>,
) {
  const start = sim.tenant.requests.length;
  await fn();
  return sim.tenant.requests.slice(start).filter((r) => r.service !== "token");
}

Deno.test("a resource expands into exactly the tools it names, with kinds and requests", () => {
  const specs = byName(locationsLike());
  assert.deepEqual(Object.keys(specs), [
    "t_list",
    "t_lite",
    "t_get",
    "t_create",
    "t_update",
    "t_delete",
  ]);
  const kinds = Object.fromEntries(Object.values(specs).map((s) => [s.name, s.kind]));
  assert.deepEqual(kinds, {
    t_list: "read",
    t_lite: "read",
    t_get: "read",
    t_create: "create",
    t_update: "update",
    t_delete: "delete",
  });
  assert.deepEqual(
    Object.values(specs).map((s) => s.request),
    [
      `GET ${ZIA}/locations`,
      `GET ${ZIA}/locations/lite`,
      `GET ${ZIA}/locations/{id}`,
      `POST ${ZIA}/locations`,
      `GET ${ZIA}/locations/{id}, then PUT ${ZIA}/locations/{id}`,
      `GET ${ZIA}/locations/{id}, then DELETE ${ZIA}/locations/{id}`,
    ],
  );
  for (const spec of Object.values(specs)) {
    assert.equal(spec.service, "zia");
    assert.equal(spec.toolset, "zia_test");
    assert.equal(needsConfirmation(spec), spec.kind === "delete", spec.name);
  }
  assert.deepEqual(annotationsFor(specs.t_list), {
    title: "List ZIA test locations",
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  });
  assert.equal(annotationsFor(specs.t_delete).destructiveHint, true);
  assert.match(specs.t_list.description, /^Lists ZIA test locations with their addresses\. t_get/);
  for (const name of ["t_create", "t_update", "t_delete"]) {
    assert.match(specs[name].description, /zia_activate_configuration/, name);
  }
  assert.match(specs.t_delete.description, /Gone for good\. A human must approve/);
});

Deno.test("only the verbs named exist; the id type and argument follow the description", () => {
  const specs = ziaResource({
    toolset: "zia_test",
    noun: "app",
    path: "/networkApplications",
    idArg: "app_id",
    id: z.string().regex(/^[A-Z_]+$/).describe("App id."),
    tools: { list: "t_list", get: "t_get" },
  });
  assert.deepEqual(specs.map((s) => s.name), ["t_list", "t_get"]);
  assert.deepEqual(Object.keys(specs[1].input.shape), ["app_id"]);
  assert.equal(specs[1].input.safeParse({ app_id: "SKYPE" }).success, true);
  assert.equal(specs[1].input.safeParse({ app_id: "../x" }).success, false);
  const numeric = byName(locationsLike());
  for (const location_id of ["1", 0, -4, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
    assert.equal(
      numeric.t_get.input.safeParse({ location_id }).success,
      false,
      String(location_id),
    );
  }
});

Deno.test("inputs: list filters, create-only fields, optional update fields, strict objects", () => {
  const specs = byName(locationsLike());
  assert.deepEqual(Object.keys(specs.t_list.input.shape), [
    "search",
    "xff_enabled",
    "query",
    "max_results",
  ]);
  assert.deepEqual(Object.keys(specs.t_create.input.shape), [
    "country",
    "name",
    "description",
    "secret",
  ]);
  assert.deepEqual(Object.keys(specs.t_update.input.shape), [
    "location_id",
    "name",
    "description",
    "secret",
  ]);
  assert.equal(specs.t_create.input.safeParse({}).success, false, "name is required on create");
  assert.equal(specs.t_update.input.safeParse({ location_id: 1 }).success, false, "nothing to do");
  assert.equal(specs.t_update.input.safeParse({ location_id: 1, country: "X" }).success, false);
  assert.equal(specs.t_list.input.safeParse({ page: 2 }).success, false, "strict");
  assert.deepEqual(specs.t_create.sensitive, ["secret"]);
  assert.deepEqual(specs.t_update.sensitive, ["secret"]);
  assert.equal(specs.t_get.sensitive, undefined);
  assert.equal(specs.t_list.input.safeParse({ query: "[?" }).success, false, "bad JMESPath");
});

Deno.test("examples: ids come from the list tool; create and update take the given arguments", () => {
  const specs = byName(locationsLike());
  assert.deepEqual(specs.t_list.example, {});
  assert.deepEqual(specs.t_get.example, {
    lookups: { location_id: { tool: "t_list", query: "items[0].id" } },
  });
  assert.deepEqual(specs.t_create.example, { args: { name: "x" }, lookups: undefined });
  assert.deepEqual(specs.t_update.example, {
    args: { description: "y" },
    lookups: { location_id: { tool: "t_list", query: "items[0].id" } },
  });
  assert.deepEqual(specs.t_delete.example, {
    lookups: { location_id: { tool: "t_list", query: "items[-1].id" } },
  });
});

Deno.test("a paged list asks page by page, passes ZIA's search and filters, reports progress", async () => {
  await withSim(async ({ sim, ctx }) => {
    const specs = byName(locationsLike());
    const progress: number[] = [];
    const run = { ...ctx, progress: (done: number) => progress.push(done) };
    let out: Awaited<ReturnType<ToolSpec["run"]>> | undefined;
    const sent = await requests(sim, async () => {
      out = await specs.t_list.run(specs.t_list.input.parse({}), run);
    });
    const all = sim.tenant.zia.collection("locations");
    assert.equal((out!.data as unknown[]).length, all.length);
    assert.ok(all.length > 2, "the seed spans several pages of 2");
    // Pages of 2 until a short page (or an empty one when the count is even).
    const pages = all.length % 2 === 0 ? all.length / 2 + 1 : Math.ceil(all.length / 2);
    assert.deepEqual(
      sent.map((r) => [r.path, r.query.page, r.query.pageSize]),
      Array.from({ length: pages }, (_, i) => [`${ZIA}/locations`, String(i + 1), "2"]),
    );
    assert.equal(progress.at(-1), all.length);
    assert.ok(progress.length >= 2, "one progress report per page");

    const searched = await requests(sim, async () => {
      out = await specs.t_list.run(
        specs.t_list.input.parse({ search: "london", xff_enabled: false }),
        ctx,
      );
    });
    assert.equal(searched[0].query.search, "london");
    assert.equal(searched[0].query.xffEnabled, "false");
    assert.ok((out!.data as { name: string }[]).every((l) => /london/i.test(l.name)));
    assert.equal(out!.list, true);
  });
});

Deno.test("max_results bounds the work and says the list was cut short", async () => {
  await withSim(async ({ sim, ctx }) => {
    const specs = byName(locationsLike());
    let out: Awaited<ReturnType<ToolSpec["run"]>> | undefined;
    const sent = await requests(sim, async () => {
      out = await specs.t_list.run(specs.t_list.input.parse({ max_results: 1 }), ctx);
    });
    assert.equal((out!.data as unknown[]).length, 1);
    assert.equal(out!.truncated, true);
    assert.equal(sent.length, 1, "one page of two was enough");
  });
});

Deno.test("a search filtered here reads every page first, then keeps the matches", async () => {
  await withSim(async ({ sim, ctx }) => {
    const specs = byName(locationsLike({ search: { fields: ["name", "description"] } }));
    let out: Awaited<ReturnType<ToolSpec["run"]>> | undefined;
    const sent = await requests(sim, async () => {
      out = await specs.t_list.run(
        specs.t_list.input.parse({ search: "LONDON", max_results: 1 }),
        ctx,
      );
    });
    assert.equal(sent[0].query.search, undefined, "not sent to ZIA");
    const pages = Math.ceil(sim.tenant.zia.collection("locations").length / 2);
    assert.ok(sent.length >= pages, "every page was read before filtering");
    const names = (out!.data as { name: string }[]).map((l) => l.name);
    assert.equal(names.length, 1);
    assert.match(names[0], /london/i);
  });
});

Deno.test("a bare-array list is one GET; lite reads /lite", async () => {
  await withSim(async ({ sim, ctx }) => {
    const specs = byName(ziaResource({
      toolset: "zia_test",
      noun: "web DLP rule",
      path: "/webDlpRules",
      idArg: "rule_id",
      tools: { list: "t_list", lite: "t_lite" },
    }));
    const sent = await requests(sim, () => specs.t_list.run(specs.t_list.input.parse({}), ctx));
    assert.deepEqual(sent.map((r) => [r.method, r.path, r.query]), [[
      "GET",
      `${ZIA}/webDlpRules`,
      {},
    ]]);
    const lite = await requests(sim, () => specs.t_lite.run(specs.t_lite.input.parse({}), ctx));
    assert.deepEqual(lite.map((r) => r.path), [`${ZIA}/webDlpRules/lite`]);
  });
});

Deno.test("create, update and delete send what the description says and note activation", async () => {
  await withSim(async ({ sim, ctx }) => {
    const specs = byName(ziaResource({
      toolset: "zia_test",
      noun: "label",
      path: "/ruleLabels",
      idArg: "label_id",
      tools: { create: "t_create", update: "t_update", delete: "t_delete" },
      fields: {
        name: field(z.string().describe("Name."), "name", { required: true }),
        description: field(z.string().describe("Description."), "description"),
      },
      refuse: (record) => record.name === "PCI-Scope" ? "PCI-Scope is protected" : undefined,
    }));
    const created = await specs.t_create.run({ name: "Lab" }, ctx);
    assert.equal(created.note, ZIA_NOT_LIVE_NOTE);
    const id = (created.data as { id: number }).id;
    const updated = await requests(
      sim,
      () => specs.t_update.run({ label_id: id, description: "d" }, ctx),
    );
    assert.deepEqual(updated.map((r) => `${r.method} ${r.path}`), [
      `GET ${ZIA}/ruleLabels/${id}`,
      `PUT ${ZIA}/ruleLabels/${id}`,
    ]);
    assert.equal((updated[1].body as { name: string }).name, "Lab", "kept by the merge");
    const target = await specs.t_delete.confirmation!.describe({ label_id: id }, ctx);
    assert.deepEqual(target, {
      operation: "Delete",
      resourceType: "ZIA label",
      name: "Lab",
      id: String(id),
    });
    const removed = await specs.t_delete.run({ label_id: id }, ctx);
    assert.deepEqual(removed.data, { deleted: true, id, name: "Lab" });
    const refused = await requests(
      sim,
      () =>
        assert.rejects(specs.t_delete.run({ label_id: 4338001 }, ctx), /PCI-Scope is protected/),
    );
    assert.deepEqual(refused.map((r) => r.method), ["GET"], "refused before the DELETE");
  });
});

Deno.test("a name lookup matches here: the whole name, or a part of it", async () => {
  await withSim(async ({ sim, ctx }) => {
    const resource = (nameArg: "exact" | "contains") =>
      byName(ziaResource({
        toolset: "zia_test",
        noun: "rule label",
        path: "/ruleLabels",
        idArg: "label_id",
        tools: { list: "t_list" },
        paged: 100,
        search: false,
        nameArg,
      })).t_list;
    const exact = resource("exact");
    assert.deepEqual(Object.keys(exact.input.shape), ["name", "query", "max_results"]);
    let sent = await requests(sim, async () => {
      const out = await exact.run(exact.input.parse({ name: "pci-scope" }), ctx);
      assert.deepEqual((out.data as { id: number }[]).map((l) => l.id), [4338001]);
    });
    assert.equal(sent[0].query.name, undefined, "matched here, not sent");
    const none = await exact.run(exact.input.parse({ name: "PCI" }), ctx);
    assert.deepEqual(none.data, [], "a part of a name is not the name");
    const contains = resource("contains");
    sent = await requests(sim, async () => {
      const out = await contains.run(contains.input.parse({ name: "PCI" }), ctx);
      assert.deepEqual((out.data as { id: number }[]).map((l) => l.id), [4338001]);
    });
    assert.equal(sent.length, 1);
  });
});
