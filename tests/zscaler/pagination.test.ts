import assert from "node:assert/strict";
import {
  apiPath,
  collectPages,
  DEFAULT_MAX_PAGES,
  paginateZdx,
  paginateZia,
  paginateZidentity,
  paginateZpa,
  ZscalerPaginationError,
  ZscalerRequestError,
} from "../../lib/zscaler/mod.ts";
import { harness, rejection } from "./_helpers.ts";
import type { RecordedRequest } from "./scripted_server.ts";

const records = (n: number, prefix = "r") =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}` }));
const num = (req: RecordedRequest, key: string) => Number(req.query.get(key));

async function pages<T>(gen: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of gen) out.push(page);
  return out;
}

// ---------- ZIA ----------

const USERS = "/zia/api/v1/users";

function ziaServer(total: number) {
  const all = records(total);
  return (req: RecordedRequest) => {
    const page = num(req, "page");
    const size = num(req, "pageSize");
    return { json: all.slice((page - 1) * size, page * size) };
  };
}

Deno.test("paginateZia: page/pageSize, stops on a short page", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", USERS, ziaServer(250));
    const got = await pages(
      paginateZia(h.client, apiPath`/zia/api/v1/users`, {
        pageSize: 100,
        query: { dept: "Finance" },
      }),
    );
    assert.deepEqual(got.map((p) => p.length), [100, 100, 50]);
    const reqs = h.server.requestsTo(USERS);
    assert.deepEqual(reqs.map((r) => r.query.get("page")), ["1", "2", "3"]);
    assert.ok(
      reqs.every((r) => r.query.get("pageSize") === "100" && r.query.get("dept") === "Finance"),
    );
  } finally {
    await h.close();
  }
});

Deno.test("paginateZia: an exact multiple ends on the empty page", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", USERS, ziaServer(200));
    const all = await collectPages(paginateZia(h.client, USERS, { pageSize: 100 }));
    assert.equal(all.length, 200);
    assert.equal(h.server.requestsTo(USERS).length, 3);
  } finally {
    await h.close();
  }
});

Deno.test("paginateZia: maxResults cuts the last page and shrinks pageSize when smaller", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", USERS, ziaServer(1000));
    const cut = await pages(paginateZia(h.client, USERS, { pageSize: 100, maxResults: 150 }));
    assert.deepEqual(cut.map((p) => p.length), [100, 50]);
    assert.equal(h.server.requestsTo(USERS).length, 2);

    const small = await collectPages(
      paginateZia(h.client, USERS, { pageSize: 100, maxResults: 30 }),
    );
    assert.equal(small.length, 30);
    assert.equal(h.server.requestsTo(USERS).at(-1)!.query.get("pageSize"), "30");

    const none = await collectPages(paginateZia(h.client, USERS, { maxResults: 0 }));
    assert.deepEqual(none, []);
    assert.equal(h.server.requestsTo(USERS).length, 3);
  } finally {
    await h.close();
  }
});

Deno.test("paginateZia: a server that ignores page does not produce duplicates", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", "/zia/api/v1/urlFilteringRules", { json: records(10) });
    const all = await collectPages(
      paginateZia(h.client, "/zia/api/v1/urlFilteringRules", { pageSize: 10 }),
    );
    assert.equal(all.length, 10);
    assert.equal(h.server.requestsTo("/zia/api/v1/urlFilteringRules").length, 2);
  } finally {
    await h.close();
  }
});

Deno.test("paginateZia: a server that never ends hits the page cap", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", USERS, (req) => ({ json: records(2, `p${req.query.get("page")}-`) }));
    const error = await rejection(
      collectPages(paginateZia(h.client, USERS, { pageSize: 2, maxPages: 5 })),
    );
    assert.ok(error instanceof ZscalerPaginationError, String(error));
    assert.match(error.message, /did not end after 5 pages/);
    assert.match(error.message, /maxResults/);
    assert.equal(h.server.requestsTo(USERS).length, 5);
    assert.equal(DEFAULT_MAX_PAGES, 10_000);
  } finally {
    await h.close();
  }
});

Deno.test("paginateZia: a non-array response and bad options are clear errors", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", USERS, { json: { list: [] } });
    const error = await rejection(collectPages(paginateZia(h.client, USERS)));
    assert.ok(error instanceof ZscalerPaginationError);
    assert.match(error.message, /expected a JSON array/);
    const bad = await rejection(collectPages(paginateZia(h.client, USERS, { pageSize: 0 })));
    assert.ok(bad instanceof ZscalerRequestError);
    const badMax = await rejection(collectPages(paginateZia(h.client, USERS, { maxResults: -1 })));
    assert.ok(badMax instanceof ZscalerRequestError);
  } finally {
    await h.close();
  }
});

// ---------- ZPA ----------

const APPS = "/zpa/mgmtconfig/v1/admin/customers/216196257331281920/application";

Deno.test("paginateZpa: page/pagesize (lower case), string counters, stops at totalPages", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", APPS, (req) => {
      const page = num(req, "page");
      // totalCount is wrong on purpose (recorded "0" with a non-empty list); more data exists
      // after page 3 but totalPages says 3.
      return { json: { totalPages: "3", totalCount: "0", list: records(2, `p${page}-`) } };
    });
    const got = await pages(
      paginateZpa(h.client, APPS, { pageSize: 2, query: { search: "name EQ x" } }),
    );
    assert.deepEqual(got.map((p) => p.length), [2, 2, 2]);
    const reqs = h.server.requestsTo(APPS);
    assert.equal(reqs.length, 3);
    assert.ok(reqs.every((r) => r.query.get("pagesize") === "2" && !r.query.has("pageSize")));
    assert.equal(reqs[0]!.query.get("search"), "name EQ x");
  } finally {
    await h.close();
  }
});

Deno.test("paginateZpa: pagesize is clamped to 500; default is 500", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", APPS, {
      json: { totalPages: "1", totalCount: "1", list: records(1) },
    });
    await collectPages(paginateZpa(h.client, APPS, { pageSize: 1000 }));
    await collectPages(paginateZpa(h.client, APPS));
    assert.deepEqual(h.server.requestsTo(APPS).map((r) => r.query.get("pagesize")), ["500", "500"]);
  } finally {
    await h.close();
  }
});

Deno.test("paginateZpa: empty or absent list stops; numeric SCIM counters work; maxResults cuts", async () => {
  const h = harness();
  const scim = "/zpa/userconfig/v1/customers/1/scimgroup/idpId/2";
  try {
    h.server.script("GET", APPS, { json: { totalPages: "5", list: records(3) } }, {
      json: { totalPages: "5", list: [] },
    });
    assert.equal((await collectPages(paginateZpa(h.client, APPS, { pageSize: 3 }))).length, 3);
    h.server.script("GET", APPS, { json: { totalPages: "0", totalCount: "0" } });
    assert.deepEqual(await collectPages(paginateZpa(h.client, APPS)), []);

    h.server.fallback("GET", scim, (req) => ({
      json: { totalPages: 72, totalCount: 1424, list: records(20, `g${req.query.get("page")}-`) },
    }));
    const got = await pages(paginateZpa(h.client, scim, { pageSize: 20, maxResults: 45 }));
    assert.deepEqual(got.map((p) => p.length), [20, 20, 5]);
    assert.equal(h.server.requestsTo(scim).length, 3);
  } finally {
    await h.close();
  }
});

Deno.test("paginateZpa: without totalPages a short page ends the listing; runaway is capped", async () => {
  const h = harness();
  try {
    h.server.script("GET", APPS, { json: { list: records(2) } }, {
      json: { list: records(1, "x") },
    });
    assert.equal((await collectPages(paginateZpa(h.client, APPS, { pageSize: 2 }))).length, 3);
    h.server.fallback(
      "GET",
      APPS,
      (req) => ({ json: { totalPages: "999999", list: records(1, `p${req.query.get("page")}`) } }),
    );
    const error = await rejection(
      collectPages(paginateZpa(h.client, APPS, { pageSize: 1, maxPages: 4 })),
    );
    assert.ok(error instanceof ZscalerPaginationError);
  } finally {
    await h.close();
  }
});

// ---------- ZDX ----------

const DEVICES = "/zdx/v1/devices";

Deno.test("paginateZdx: limit + offset from the opaque next_offset; stops when it is absent", async () => {
  const h = harness();
  try {
    h.server.script(
      "GET",
      DEVICES,
      { json: { devices: records(2, "a"), next_offset: "opaque-1" } },
      { json: { devices: records(2, "b"), next_offset: "opaque-2" } },
      { json: { devices: records(1, "c") } },
    );
    const got = await pages(
      paginateZdx(h.client, DEVICES, {
        itemsKey: "devices",
        pageSize: 2,
        query: { from: 1, to: 2 },
      }),
    );
    assert.deepEqual(got.map((p) => p.length), [2, 2, 1]);
    const reqs = h.server.requestsTo(DEVICES);
    assert.deepEqual(reqs.map((r) => r.query.get("offset")), [null, "opaque-1", "opaque-2"]);
    assert.ok(reqs.every((r) => r.query.get("limit") === "2" && r.query.get("from") === "1"));
  } finally {
    await h.close();
  }
});

Deno.test("paginateZdx: null or empty next_offset stops; maxResults lowers limit and cuts", async () => {
  const h = harness();
  try {
    h.server.script("GET", DEVICES, { json: { devices: records(3), next_offset: null } });
    assert.equal(
      (await collectPages(paginateZdx(h.client, DEVICES, { itemsKey: "devices" }))).length,
      3,
    );
    h.server.script("GET", DEVICES, { json: { devices: records(3), next_offset: "" } });
    assert.equal(
      (await collectPages(paginateZdx(h.client, DEVICES, { itemsKey: "devices" }))).length,
      3,
    );

    h.server.script(
      "GET",
      DEVICES,
      { json: { devices: records(10, "a"), next_offset: 10 } },
      { json: { devices: records(5, "b"), next_offset: 20 } },
    );
    const got = await pages(
      paginateZdx(h.client, DEVICES, { itemsKey: "devices", pageSize: 10, maxResults: 15 }),
    );
    assert.deepEqual(got.map((p) => p.length), [10, 5]);
    const reqs = h.server.requestsTo(DEVICES).slice(-2);
    assert.deepEqual(reqs.map((r) => [r.query.get("limit"), r.query.get("offset")]), [
      ["10", null],
      ["5", "10"],
    ]);
  } finally {
    await h.close();
  }
});

Deno.test("paginateZdx: repeated next_offset, wrong itemsKey and runaway are clear errors", async () => {
  const h = harness();
  try {
    h.server.script(
      "GET",
      DEVICES,
      { json: { devices: records(1), next_offset: "same" } },
      { json: { devices: records(1, "x"), next_offset: "same" } },
    );
    const same = await rejection(
      collectPages(paginateZdx(h.client, DEVICES, { itemsKey: "devices" })),
    );
    assert.ok(same instanceof ZscalerPaginationError);
    assert.match(same.message, /same next_offset/);

    h.server.script("GET", DEVICES, { json: { devices: "nope" } });
    const shape = await rejection(
      collectPages(paginateZdx(h.client, DEVICES, { itemsKey: "devices" })),
    );
    assert.ok(shape instanceof ZscalerPaginationError);

    let n = 0;
    h.server.fallback(
      "GET",
      DEVICES,
      () => ({ json: { devices: records(1, `n${++n}`), next_offset: `o${n}` } }),
    );
    const runaway = await rejection(
      collectPages(paginateZdx(h.client, DEVICES, { itemsKey: "devices", maxPages: 3 })),
    );
    assert.ok(runaway instanceof ZscalerPaginationError);
    assert.match(runaway.message, /did not end after 3 pages/);
  } finally {
    await h.close();
  }
});

Deno.test("paginateZdx: a bare-array response is the only page", async () => {
  const h = harness();
  try {
    h.server.script("GET", "/zdx/v1/apps", { json: records(4) });
    const got = await pages(paginateZdx(h.client, "/zdx/v1/apps", { itemsKey: "apps" }));
    assert.deepEqual(got.map((p) => p.length), [4]);
  } finally {
    await h.close();
  }
});

// ---------- ZIdentity ----------

const ZID_USERS = "/ziam/admin/api/v1/users";

function zidServer(total: number, withTotals = true) {
  const all = records(total, "u");
  return (req: RecordedRequest) => {
    const offset = num(req, "offset");
    const limit = num(req, "limit");
    const page = all.slice(offset, offset + limit);
    return {
      json: {
        pageOffset: offset,
        pageSize: limit,
        ...(withTotals ? { totalRecord: total, results_total: total } : {}),
        next_link: `https://acme.zslogin.net/admin/api/v1/users?offset=${offset + limit}`,
        records: page,
      },
    };
  };
}

Deno.test("paginateZidentity: offset/limit on the gateway, stops at the total, never follows next_link", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", ZID_USERS, zidServer(250));
    const got = await pages(
      paginateZidentity(h.client, ZID_USERS, { pageSize: 100, query: { "login_name[like]": "a" } }),
    );
    assert.deepEqual(got.map((p) => p.length), [100, 100, 50]);
    const reqs = h.server.requests.filter((r) => r.path !== "/oauth2/v1/token");
    assert.ok(reqs.every((r) => r.path === ZID_USERS), "only the gateway path was requested");
    assert.deepEqual(reqs.map((r) => r.query.get("offset")), ["0", "100", "200"]);
    assert.ok(
      reqs.every((r) => r.query.get("limit") === "100" && r.query.get("login_name[like]") === "a"),
    );
  } finally {
    await h.close();
  }
});

Deno.test("paginateZidentity: an exact multiple stops by total without an extra request", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", ZID_USERS, zidServer(200));
    assert.equal(
      (await collectPages(paginateZidentity(h.client, ZID_USERS, { pageSize: 100 }))).length,
      200,
    );
    assert.equal(h.server.requestsTo(ZID_USERS).length, 2);
  } finally {
    await h.close();
  }
});

Deno.test("paginateZidentity: without totals a short page stops; limit is clamped to 1000", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", ZID_USERS, zidServer(1500, false));
    const all = await collectPages(paginateZidentity(h.client, ZID_USERS, { pageSize: 5000 }));
    assert.equal(all.length, 1500);
    assert.deepEqual(h.server.requestsTo(ZID_USERS).map((r) => r.query.get("limit")), [
      "1000",
      "1000",
    ]);
  } finally {
    await h.close();
  }
});

Deno.test("paginateZidentity: maxResults, empty records, bad shape, runaway", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", ZID_USERS, zidServer(250));
    const got = await pages(
      paginateZidentity(h.client, ZID_USERS, { pageSize: 100, maxResults: 120 }),
    );
    assert.deepEqual(got.map((p) => p.length), [100, 20]);

    h.server.script("GET", "/ziam/admin/api/v1/groups", { json: { records: [], totalRecord: 0 } });
    assert.deepEqual(
      await collectPages(paginateZidentity(h.client, "/ziam/admin/api/v1/groups")),
      [],
    );

    h.server.script("GET", "/ziam/admin/api/v1/groups", { json: [] });
    const shape = await rejection(
      collectPages(paginateZidentity(h.client, "/ziam/admin/api/v1/groups")),
    );
    assert.ok(shape instanceof ZscalerPaginationError);

    h.server.fallback("GET", "/ziam/admin/api/v1/groups", (req) => ({
      json: { records: records(1, `o${req.query.get("offset")}`), totalRecord: 1e9 },
    }));
    const runaway = await rejection(
      collectPages(
        paginateZidentity(h.client, "/ziam/admin/api/v1/groups", { pageSize: 1, maxPages: 3 }),
      ),
    );
    assert.ok(runaway instanceof ZscalerPaginationError);
  } finally {
    await h.close();
  }
});

Deno.test("paginators pass the caller's signal to every request", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", USERS, ziaServer(10));
    const controller = new AbortController();
    controller.abort(new Error("cancelled by caller"));
    const error = await rejection(
      collectPages(paginateZia(h.client, USERS, { signal: controller.signal })),
    );
    assert.equal((error as Error).message, "cancelled by caller");
    assert.equal(h.server.requestsTo(USERS).length, 0);
  } finally {
    await h.close();
  }
});

Deno.test("collectPages flattens", async () => {
  async function* gen() {
    yield [1, 2];
    yield [];
    yield [3];
  }
  assert.deepEqual(await collectPages(gen()), [1, 2, 3]);
});

Deno.test("collectPages: reports the running total once per page", async () => {
  const h = harness();
  try {
    h.server.fallback("GET", USERS, ziaServer(250));
    const totals: number[] = [];
    const all = await collectPages(
      paginateZia(h.client, USERS, { pageSize: 100 }),
      (fetched) => totals.push(fetched),
    );
    assert.equal(all.length, 250);
    assert.deepEqual(totals, [100, 200, 250]);
  } finally {
    await h.close();
  }
});
