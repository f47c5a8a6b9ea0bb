import assert from "node:assert/strict";
import {
  allowedHosts,
  isKnownCloud,
  KNOWN_CLOUDS,
  normalizeVanity,
  resolveEndpoints,
  ZscalerConfigError,
} from "../../lib/zscaler/mod.ts";

Deno.test("clouds table: production, beta, gov, govus and the SDK formula", () => {
  assert.deepEqual(resolveEndpoints("production", "acme"), {
    tokenUrl: "https://acme.zslogin.net/oauth2/v1/token",
    apiBaseUrl: "https://api.zsapi.net",
  });
  assert.deepEqual(resolveEndpoints("beta", "acme"), {
    tokenUrl: "https://acme.zsloginbeta.net/oauth2/v1/token",
    apiBaseUrl: "https://api.beta.zsapi.net",
  });
  assert.deepEqual(resolveEndpoints("gov", "acme"), {
    tokenUrl: "https://acme.zidentitygov.net/oauth2/v1/token",
    apiBaseUrl: "https://api.zscalergov.net",
  });
  assert.deepEqual(resolveEndpoints("govus", "acme"), {
    tokenUrl: "https://acme.zidentitygov.us/oauth2/v1/token",
    apiBaseUrl: "https://api.zscalergov.us",
  });
  assert.deepEqual(resolveEndpoints("preview", "acme"), {
    tokenUrl: "https://acme.zsloginpreview.net/oauth2/v1/token",
    apiBaseUrl: "https://api.preview.zsapi.net",
  });
});

Deno.test("cloud and vanity are case-insensitive and trimmed; empty cloud means production", () => {
  assert.deepEqual(resolveEndpoints(" BETA ", "ACME"), resolveEndpoints("beta", "acme"));
  assert.deepEqual(resolveEndpoints("", "acme"), resolveEndpoints("production", "acme"));
  assert.deepEqual(resolveEndpoints("Production", "my-tenant-01"), {
    tokenUrl: "https://my-tenant-01.zslogin.net/oauth2/v1/token",
    apiBaseUrl: "https://api.zsapi.net",
  });
});

Deno.test("allowedHosts lists the token host then the gateway", () => {
  assert.deepEqual(allowedHosts("production", "acme"), ["acme.zslogin.net", "api.zsapi.net"]);
  assert.deepEqual(allowedHosts("govus", "acme"), ["acme.zidentitygov.us", "api.zscalergov.us"]);
  assert.deepEqual(allowedHosts("zscalertwo", "acme"), [
    "acme.zsloginzscalertwo.net",
    "api.zscalertwo.zsapi.net",
  ]);
});

Deno.test("KNOWN_CLOUDS and isKnownCloud", () => {
  assert.deepEqual([...KNOWN_CLOUDS], ["production", "beta", "gov", "govus"]);
  assert.ok(Object.isFrozen(KNOWN_CLOUDS));
  assert.equal(isKnownCloud("GOV"), true);
  assert.equal(isKnownCloud(""), true);
  assert.equal(isKnownCloud("zscalertwo"), false);
});

Deno.test("a host name as vanity is refused with a message to use only the label", () => {
  for (
    const value of ["acme.zsapi.net", "acme.zslogin.net", "https://acme.zslogin.net", "acme:443"]
  ) {
    const error = (() => {
      try {
        resolveEndpoints("production", value);
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof ZscalerConfigError, value);
    assert.match(error.message, /not a vanity label/);
    assert.match(error.message, /Use only the label \(e\.g\. "acme"\)/);
  }
});

Deno.test("invalid vanity labels and cloud names are config errors", () => {
  for (
    const vanity of ["", "   ", "-acme", "acme-", "ac me", "a_b", "x".repeat(64), "ac\nme", "ünï"]
  ) {
    assert.throws(() => normalizeVanity(vanity), ZscalerConfigError, JSON.stringify(vanity));
  }
  for (const cloud of ["zs.net", "a/b", "-x", "x y", "evil.com#", "a".repeat(64), "a".repeat(57)]) {
    assert.throws(() => resolveEndpoints(cloud, "acme"), ZscalerConfigError, cloud);
  }
  const error = (() => {
    try {
      resolveEndpoints("bad.cloud", "acme");
    } catch (e) {
      return e as Error;
    }
  })();
  assert.match(error!.message, /production, beta, gov, govus/);
});
