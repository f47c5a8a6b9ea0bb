/**
 * The ZPA resource expander: a resource described once expands into exactly its tools (names,
 * kinds, annotations, requests, inputs, confirmations, examples), and those tools send exactly
 * those requests to the simulated tenant — the fixed `search` grammar included — and never
 * return a secret.
 */

import assert from "node:assert/strict";
import { z } from "zod";
import { field } from "../../lib/tools/fields.ts";
import { annotationsFor, needsConfirmation, type ToolSpec } from "../../lib/tools/mod.ts";
import { nameEquals } from "../../lib/tools/zpa/fetch.ts";
import { route, zpaPath } from "../../lib/tools/zpa/paths.ts";
import { createdOr, idNamed, unreferenced, zpaResource } from "../../lib/tools/zpa/resource.ts";
import { WITHHELD, withhold } from "../../lib/tools/zpa/secrets.ts";
import { ZPA_TOOLS } from "../../lib/tools/zpa/mod.ts";
import { applyQuery } from "../../lib/tools/query.ts";
import { ZscalerRequestError } from "../../lib/zscaler/mod.ts";
import { call, describeTarget, record, recording, refusal, tool, withSim } from "./_sim.ts";

const V1 = "/zpa/mgmtconfig/v1/admin/customers/{customerId}";
const V2 = "/zpa/mgmtconfig/v2/admin/customers/{customerId}";

/** A small resource exercising every option of the expander. */
function widgets(overrides: Partial<Parameters<typeof zpaResource>[0]> = {}): ToolSpec[] {
  return zpaResource({
    toolset: "zpa_widgets",
    noun: "widget",
    collection: "widget",
    idArg: "widget_id",
    tools: {
      list: "zpa_list_widgets",
      get: "zpa_get_widget",
      create: "zpa_create_widget",
      update: "zpa_update_widget",
      delete: "zpa_delete_widget",
    },
    api: { update: "v2" },
    fields: {
      name: field(z.string().describe("Name."), "name", { required: true }),
      secret: field(z.string().describe("A secret."), "secretValue"),
    },
    createDetail: "Required: name.",
    sensitive: ["secret"],
    secrets: ["secretValue"],
    examples: { list: {}, delete: { args: { widget_id: "1" } } },
    ...overrides,
  });
}

Deno.test("a resource expands into exactly its verbs, named as declared, in verb order", () => {
  const specs = widgets();
  assert.deepEqual(specs.map((s) => [s.name, s.kind, s.toolset, s.service]), [
    ["zpa_list_widgets", "read", "zpa_widgets", "zpa"],
    ["zpa_get_widget", "read", "zpa_widgets", "zpa"],
    ["zpa_create_widget", "create", "zpa_widgets", "zpa"],
    ["zpa_update_widget", "update", "zpa_widgets", "zpa"],
    ["zpa_delete_widget", "delete", "zpa_widgets", "zpa"],
  ]);
  const partial = widgets({ tools: { list: "zpa_list_widgets", update: "zpa_update_widget" } });
  assert.deepEqual(partial.map((s) => s.name), ["zpa_list_widgets", "zpa_update_widget"]);
  const noFields = widgets({ fields: undefined });
  assert.deepEqual(noFields.map((s) => s.kind), ["read", "read", "delete"], "writes need fields");
});

Deno.test("expanded tools: requests, annotations, inputs, confirmations, secrets, examples", () => {
  const [list, get, create, update, remove] = widgets();
  assert.equal(list.request, `GET ${V1}/widget`);
  assert.equal(get.request, `GET ${V1}/widget/{widget_id}`);
  assert.equal(create.request, `POST ${V1}/widget`);
  assert.equal(
    update.request,
    `GET ${V1}/widget/{widget_id}, then PUT ${V2}/widget/{widget_id}, then GET ${V1}/widget/{widget_id}`,
  );
  assert.equal(
    remove.request,
    `GET ${V1}/widget/{widget_id}, then DELETE ${V1}/widget/{widget_id}`,
  );

  assert.deepEqual(Object.keys(list.input.shape), ["search", "query", "max_results"]);
  assert.deepEqual(Object.keys(get.input.shape), ["widget_id"]);
  assert.deepEqual(Object.keys(create.input.shape), ["name", "secret"]);
  assert.deepEqual(Object.keys(update.input.shape), ["widget_id", "name", "secret"]);
  assert.deepEqual(Object.keys(remove.input.shape), ["widget_id"]);
  assert.deepEqual(Object.keys(widgets({ search: false })[0].input.shape), [
    "query",
    "max_results",
  ]);

  assert.deepEqual(annotationsFor(list), {
    title: "List ZPA widgets",
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  });
  assert.equal(annotationsFor(remove).destructiveHint, true);
  assert.equal(annotationsFor(create).readOnlyHint, false);
  assert.deepEqual(
    [list, get, create, update, remove].map((s) => needsConfirmation(s)),
    [false, false, false, false, true],
  );
  assert.deepEqual(create.sensitive, ["secret"]);
  assert.deepEqual(update.sensitive, ["secret"]);
  assert.equal(list.sensitive, undefined);
  assert.deepEqual(list.example, {});
  assert.deepEqual(remove.example, { args: { widget_id: "1" } });
  assert.equal(get.example, undefined);
  assert.match(create.description, /Required: name\. ZPA applies it at once/);
  assert.match(remove.description, /A human must approve the call before it runs\./);
  assert.equal(widgets({ untrusted: true })[0].untrusted, true);
});

Deno.test("ids are validated before any request; updates need a field", () => {
  for (const segment_id of ["12a", "1/2", "..", "", "1".repeat(26), 12, "1%2F2"]) {
    assert.ok(
      refusal("zpa_get_application_segment", { segment_id }).length > 0,
      String(segment_id),
    );
  }
  assert.match(
    refusal("zpa_update_server_group", { group_id: "1" })[0],
    /^: Nothing to change: give at least one of name/,
  );
  assert.match(
    refusal("zpa_list_segment_groups", { query: "[?name==" })[0],
    /^query: invalid JMESPath expression/,
  );
  assert.match(refusal("zpa_list_segment_groups", { search: "" })[0], /^search: /);
});

Deno.test("paths: every value is one encoded segment; templates name the base", () => {
  const ctx = { customerId: "216196257331281920" } as Parameters<typeof zpaPath>[0];
  assert.equal(
    zpaPath(ctx, "v1", "idp", "7", "scimattribute"),
    "/zpa/mgmtconfig/v1/admin/customers/216196257331281920/idp/7/scimattribute",
  );
  assert.equal(
    zpaPath(ctx, "lss", "statusCodes"),
    "/zpa/mgmtconfig/v2/admin/lssConfig/statusCodes",
  );
  assert.equal(
    zpaPath(ctx, "lssCustomer", "clientTypes"),
    "/zpa/mgmtconfig/v2/admin/lssConfig/customers/216196257331281920/clientTypes",
  );
  assert.equal(
    zpaPath(ctx, "cbi", "profiles"),
    "/zpa/cbiconfig/cbi/api/customers/216196257331281920/profiles",
  );
  assert.equal(
    zpaPath(ctx, "userconfig", "scimgroup", "5"),
    "/zpa/userconfig/v1/customers/216196257331281920/scimgroup/5",
  );
  assert.equal(
    zpaPath(ctx, "v1", "server", "a b"),
    `/zpa/mgmtconfig/v1/admin/customers/216196257331281920/server/a%20b`,
  );
  assert.throws(() => zpaPath(ctx, "v1", "server", "../x"), ZscalerRequestError);
  assert.throws(() => zpaPath(ctx, "v1", "server", "a/b"), ZscalerRequestError);
  assert.throws(() => zpaPath(ctx, "v1", "../server"), TypeError);
  assert.equal(route("v2", "posture"), `${V2}/posture`);
});

Deno.test("search uses ZPA's recorded grammar name+EQ+<text> (not LIKE)", async () => {
  assert.equal(nameEquals("  Jira "), "name+EQ+Jira");
  await withSim(async ({ sim, ctx, zpaBase }) => {
    const { result, sent } = await recording(
      sim,
      () => call("zpa_list_application_segments", { search: "Jira" }, ctx),
    );
    assert.deepEqual(sent.map((r) => r.line), [`GET ${zpaBase}/application`]);
    const request = sim.tenant.requests.filter((r) => r.service === "zpa").at(-1)!;
    assert.equal(request.query.search, "name+EQ+Jira", "decoded: literal plus signs");
    assert.deepEqual((result.data as { name: string }[]).map((s) => s.name), ["Jira"]);

    const spaced = await call("zpa_list_server_groups", { search: "SJC Server Group" }, ctx);
    assert.deepEqual((spaced.data as { name: string }[]).map((s) => s.name), [
      "SJC Server Group",
    ]);
    const partial = await call("zpa_list_server_groups", { search: "SJC" }, ctx);
    assert.deepEqual(partial.data, [], "EQ is an exact match, as the description says");
  });
});

Deno.test("lists page with pagesize ≤ 500, report progress per page and say when cut short", async () => {
  await withSim(async ({ sim, ctx }) => {
    const progress: number[] = [];
    const since = sim.tenant.requests.length;
    const out = await call("zpa_list_app_connectors", { max_results: 2 }, {
      ...ctx,
      progress: (done) => progress.push(done),
    });
    const pages = sim.tenant.requests.slice(since).filter((r) => r.service === "zpa");
    assert.deepEqual(pages.map((r) => [r.query.page, r.query.pagesize]), [["1", "3"]]);
    assert.equal((out.data as unknown[]).length, 2);
    assert.equal(out.truncated, true);
    assert.equal(out.list, true);
    assert.deepEqual(progress, [3]);
  });
});

Deno.test("a filtered list (BA segments) reads full pages and keeps only its kind", async () => {
  await withSim(async ({ sim, ctx }) => {
    const since = sim.tenant.requests.length;
    const out = await call("zpa_list_application_segments_ba", {}, ctx);
    const pages = sim.tenant.requests.slice(since).filter((r) => r.service === "zpa");
    assert.deepEqual(pages.map((r) => r.query.pagesize), ["500"]);
    assert.deepEqual((out.data as { name: string }[]).map((s) => s.name), ["HR Portal"]);
    const pra = await call("zpa_list_application_segments_pra", {}, ctx);
    assert.deepEqual((pra.data as { name: string }[]).map((s) => s.name), [
      "Windows Jump Hosts",
    ]);
  });
});

Deno.test("secrets are withheld from lists, reads and writes; secret arguments are declared", async () => {
  assert.deepEqual(withhold({ a: 1, password: "x", privateKey: "" }, ["password", "privateKey"]), {
    a: 1,
    password: WITHHELD,
    privateKey: "",
  });
  assert.deepEqual(withhold([{ k: "v" }, null], ["k"]), [{ k: WITHHELD }, null]);
  assert.deepEqual(tool("zpa_create_pra_credential").sensitive, [
    "password",
    "private_key",
    "passphrase",
  ]);
  assert.deepEqual(tool("zpa_create_ba_certificate").sensitive, ["cert_blob"]);
  await withSim(async ({ sim, ctx }) => {
    const { result: created, sent } = await recording(sim, () =>
      call("zpa_create_pra_credential", {
        name: "svc-test",
        credential_type: "USERNAME_PASSWORD",
        username: "svc-test",
        password: "hunter2-not-real",
      }, ctx));
    assert.equal((sent[0].body as Record<string, unknown>).password, "hunter2-not-real");
    assert.ok(!JSON.stringify(created.data).includes("hunter2-not-real"));
    const keys = await call("zpa_list_provisioning_keys", { key_type: "connector" }, ctx);
    assert.ok((keys.data as unknown[]).length > 0);
    for (const key of keys.data as Record<string, unknown>[]) {
      assert.equal(key.provisioningKey, WITHHELD, "the enrollment secret never leaves");
    }
    const one = await call("zpa_get_provisioning_key", {
      key_type: "connector",
      key_id: String((keys.data as { id: string }[])[0].id),
    }, ctx);
    assert.equal(record(one).provisioningKey, WITHHELD);
  });
});

Deno.test("delete confirmations name the target as the tenant has it, or the id alone", async () => {
  await withSim(async ({ ctx }) => {
    const servers = await call("zpa_list_application_servers", {}, ctx);
    const jira = (servers.data as { id: string; name: string }[]).find((s) =>
      s.name === "jira-app-01"
    )!;
    assert.deepEqual(
      await describeTarget("zpa_delete_application_server", { server_id: jira.id }, ctx),
      {
        operation: "Delete",
        resourceType: "ZPA application server",
        name: "jira-app-01",
        id: jira.id,
      },
    );
    assert.deepEqual(
      await describeTarget("zpa_delete_pra_portal", { portal_id: "999" }, ctx),
      { operation: "Delete", resourceType: "ZPA PRA portal", id: "999" },
    );
  });
});

Deno.test("updates read, merge only the given fields, write (v1 or v2) and read back", async () => {
  await withSim(async ({ sim, ctx, zpaBase }) => {
    const connectors = await call("zpa_list_app_connectors", {}, ctx);
    const id = (connectors.data as { id: string; name: string }[])[0].id;
    const before = sim.tenant.zpa.get("connector", id)!;
    const { result, sent } = await recording(
      sim,
      () => call("zpa_update_app_connector", { connector_id: id, enabled: false }, ctx),
    );
    assert.deepEqual(sent.map((r) => r.line), [
      `GET ${zpaBase}/connector/${id}`,
      `PUT ${zpaBase}/connector/${id}`,
      `GET ${zpaBase}/connector/${id}`,
    ]);
    const body = sent[1].body as Record<string, unknown>;
    assert.equal(body.enabled, false);
    assert.equal(body.name, before.name, "the other fields are sent as they were");
    assert.equal(record(result).enabled, false);
  });
});

Deno.test("example lookups: the created record when there is one, else the fallback", () => {
  const data = { items: [{ id: "1", name: "Seeded" }, { id: "2", name: "Made (example)" }] };
  const lookup = createdOr("t", "Made (example)", "items[?name=='Seeded'].id | [0]");
  assert.equal(applyQuery(data, lookup.query), "2");
  assert.equal(applyQuery({ items: [data.items[0]] }, lookup.query), "1");
  assert.equal(applyQuery(data, idNamed("t", "Seeded").query), "1");
  const free = unreferenced("servers", "connectors");
  const groups = [
    { id: "1", servers: [{ id: "9" }] },
    { id: "2", servers: [], connectors: [{ id: "8" }] },
    { id: "3", servers: [] },
  ];
  assert.equal(applyQuery({ items: groups }, free), "3", "missing and empty lists are free");
  assert.equal(applyQuery({ items: groups.slice(0, 2) }, free), null);
});

Deno.test("the ZPA catalog: 109 tools, unique names, every write described and strict", () => {
  assert.equal(ZPA_TOOLS.length, 109);
  assert.equal(new Set(ZPA_TOOLS.map((s) => s.name)).size, 109);
  for (const spec of ZPA_TOOLS) {
    assert.equal(spec.service, "zpa");
    assert.ok(spec.example, `${spec.name} has an example`);
    assert.match(spec.request, /^(GET|POST|PUT|DELETE) \/zpa\//, spec.name);
    const schema = z.toJSONSchema(spec.input, { io: "input" }) as {
      properties?: Record<string, { description?: string }>;
      additionalProperties?: boolean;
    };
    assert.equal(schema.additionalProperties, false, `${spec.name} is strict`);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      assert.ok(property.description, `${spec.name}.${name} is described`);
    }
    if (spec.kind === "create") assert.match(spec.description, /Required: /, spec.name);
    if (spec.kind === "delete") assert.match(spec.description, /human must approve/, spec.name);
  }
});
