import assert from "node:assert/strict";
import { sourceIpProblem } from "../../lib/guard/network.ts";
import {
  addressKey,
  parseClientAddress,
  parseSourceEntry,
  rangeContains,
} from "../../lib/guard/network_ip.ts";

Deno.test("sourceIpProblem accepts addresses and CIDR ranges", () => {
  for (
    const entry of [
      "10.0.0.0/8",
      "192.168.1.7",
      "192.168.1.7/32",
      "0.0.0.0/0",
      "2001:db8::/32",
      "::1",
      "::/0",
      "fd00::/8",
      "2001:DB8::1/128",
    ]
  ) {
    assert.equal(sourceIpProblem(entry), undefined, entry);
  }
});

Deno.test("sourceIpProblem refuses anything else, with a reason", () => {
  for (
    const entry of [
      "",
      " 10.0.0.1",
      "10.0.0.1 ",
      "localhost",
      "127.1",
      "0x7f.0.0.1",
      "256.0.0.1",
      "10.0.0.0/33",
      "10.0.0.0/",
      "10.0.0.0/08",
      "10.0.0.0/-1",
      "10.0.0.0/8/8",
      "10.1.2.3/8",
      "2001:db8::/129",
      "2001:db8::1/32",
      "::ffff:10.0.0.1",
      "::ffff:10.0.0.0/104",
      "fe80::1%eth0",
      "*",
      "10.0.0.*",
    ]
  ) {
    const problem = sourceIpProblem(entry);
    assert.equal(typeof problem, "string", entry);
    assert.ok(problem!.includes(JSON.stringify(entry)), problem);
  }
  assert.match(sourceIpProblem("10.1.2.3/8")!, /did you mean 10\.0\.0\.0\/8\?/);
});

Deno.test("parseClientAddress: plain addresses; mapped IPv6 becomes IPv4; nothing else", () => {
  assert.equal(addressKey(parseClientAddress("10.1.2.3")!), "10.1.2.3");
  assert.equal(addressKey(parseClientAddress("::ffff:10.1.2.3")!), "10.1.2.3");
  assert.equal(addressKey(parseClientAddress("0:0:0:0:0:0:0:1")!), "::1");
  assert.equal(parseClientAddress("::ffff:10.1.2.3")!.kind(), "ipv4");
  for (const bad of ["", "localhost", "127.1", "10.0.0.256", "[::1]", "1::2::3", "10.0.0.1:80"]) {
    assert.equal(parseClientAddress(bad), undefined, bad);
  }
});

Deno.test("rangeContains keeps families apart", () => {
  const any4 = parseSourceEntry("0.0.0.0/0");
  const any6 = parseSourceEntry("::/0");
  assert.ok("range" in any4 && "range" in any6);
  assert.ok(rangeContains(any4.range, parseClientAddress("203.0.113.9")!));
  assert.ok(!rangeContains(any4.range, parseClientAddress("2001:db8::1")!));
  assert.ok(rangeContains(any6.range, parseClientAddress("2001:db8::1")!));
  assert.ok(!rangeContains(any6.range, parseClientAddress("203.0.113.9")!));
});
