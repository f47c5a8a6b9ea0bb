/** Unit tests of the pure helpers behind the ZIA catalog: paths, filters and format checks. */

import assert from "node:assert/strict";
import {
  contains,
  equals,
  flag,
  oneOf,
  onlyIf,
  valuesAt,
  type ZiaLookup,
} from "../../lib/sim/zia_spec.ts";
import { checkTimeInterval, isIpv4, isMd5, nextGreRange } from "../../lib/sim/zia_checks.ts";

const none: ZiaLookup = { all: () => [] };
const user = {
  name: "Chen Wei",
  department: { id: 1, name: "Engineering" },
  groups: [{ id: 7, name: "IT-Admins" }, { id: 8, name: "Engineering-All" }],
  tags: ["a", "b"],
};

Deno.test("zia spec: valuesAt walks objects and [] arrays", () => {
  assert.deepEqual(valuesAt(user, "name"), ["Chen Wei"]);
  assert.deepEqual(valuesAt(user, "department.name"), ["Engineering"]);
  assert.deepEqual(valuesAt(user, "groups[].id"), [7, 8]);
  assert.deepEqual(valuesAt(user, "tags[]"), ["a", "b"]);
  assert.deepEqual(valuesAt(user, "missing.name"), []);
  assert.deepEqual(valuesAt(user, "name[]"), [], "a string is not walked as an array");
});

Deno.test("zia spec: filter helpers", () => {
  assert.equal(contains("name")(user, "CHEN", none), true);
  assert.equal(contains("name")(user, "alice", none), false);
  assert.equal(contains("name", "groups[].name")(user, "admins", none), true);
  assert.equal(equals("department.id")(user, "1", none), true);
  assert.equal(equals("department.id")(user, "10", none), false);
  assert.equal(oneOf("groups[].id")(user, "3, 8", none), true);
  assert.equal(oneOf("groups[].id")(user, "3,9", none), false);
  const admin = flag((i) => i.name === "Chen Wei");
  assert.equal(admin(user, "TRUE", none), true);
  assert.equal(admin(user, "false", none), false);
  const only = onlyIf(() => false);
  assert.equal(only(user, "true", none), false);
  assert.equal(only(user, "false", none), true, "false means no filter, not the inverse");
});

Deno.test("zia spec: address, hash and time checks", () => {
  for (const ok of ["0.0.0.0", "203.0.113.10", "255.255.255.255"]) assert.ok(isIpv4(ok), ok);
  for (const bad of ["256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4 ", 7, "::1"]) {
    assert.ok(!isIpv4(bad), String(bad));
  }
  assert.ok(isMd5("44D88612FEA8A8F36DE82E1278ABB02F"));
  assert.ok(!isMd5("44d88612fea8a8f36de82e1278abb02"));
  assert.equal(checkTimeInterval({ startTime: 0, endTime: 1439, daysOfWeek: ["SUN"] }), undefined);
  assert.match(checkTimeInterval({ startTime: -1, endTime: 1, daysOfWeek: ["SUN"] })!, /startTime/);
  assert.match(checkTimeInterval({ startTime: 1.5, endTime: 2, daysOfWeek: ["SUN"] })!, /start/);
  assert.match(checkTimeInterval({ startTime: 1, endTime: 2, daysOfWeek: [] })!, /daysOfWeek/);
  const used: ZiaLookup = {
    all: () => [{ internalIpRange: "172.17.0.0" }, { internalIpRange: "172.17.0.16" }],
  };
  assert.equal(nextGreRange(used), "172.17.0.8");
  assert.equal(nextGreRange(none), "172.17.0.0");
});
