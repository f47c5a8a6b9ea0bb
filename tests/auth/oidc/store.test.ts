import assert from "node:assert/strict";
import { join } from "node:path";
import { OidcSetupError, RegistryFullError } from "../../../lib/auth/oidc/errors.ts";
import {
  type ClientRecord,
  ClientStore,
  EVICTION_GRACE_SECONDS,
  STORE_FILE,
} from "../../../lib/auth/oidc/store.ts";
import { SCRATCH } from "../../helpers/server_process.ts";

function record(id: string, issuedAt = 1_700_000_000, extra: Partial<ClientRecord> = {}) {
  return {
    client_id: id,
    client_id_issued_at: issuedAt,
    redirect_uris: ["http://127.0.0.1:1234/cb"],
    token_endpoint_auth_method: "none" as const,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    ...extra,
  };
}

const freshDir = () => join(Deno.makeTempDirSync({ dir: SCRATCH }), "state", "oauth");

Deno.test("store: registrations persist across a new instance, in a 0700 folder and a 0600 file", async () => {
  const dir = freshDir();
  const first = await ClientStore.open(dir);
  assert.equal(first.size, 0);
  await first.add(record("a", 1_700_000_000, { client_name: "A", secret_hash: "h" }));
  await first.add(record("b"));
  await first.markUsed("b");

  const second = await ClientStore.open(dir);
  assert.equal(second.size, 2);
  assert.equal(second.get("a")?.client_name, "A");
  assert.equal(second.get("a")?.secret_hash, "h");
  assert.equal(second.get("b")?.used, true);
  assert.equal(second.get("c"), undefined);
  if (Deno.build.os !== "windows") {
    assert.equal((await Deno.stat(dir)).mode! & 0o777, 0o700);
    assert.equal((await Deno.stat(join(dir, STORE_FILE))).mode! & 0o777, 0o600);
  }
  const names = [...Deno.readDirSync(dir)].map((entry) => entry.name);
  assert.deepEqual(names, [STORE_FILE], "no temporary file is left behind");
});

Deno.test("store: concurrent writes are serialized and none is lost", async () => {
  const dir = freshDir();
  const store = await ClientStore.open(dir);
  await Promise.all(Array.from({ length: 20 }, (_, i) => store.add(record(`c${i}`))));
  assert.equal((await ClientStore.open(dir)).size, 20);
});

Deno.test("store: a folder others can enter, a file that is not a registry, or a file as folder refuse to start", async () => {
  if (Deno.build.os !== "windows") {
    const open = freshDir();
    Deno.mkdirSync(open, { recursive: true });
    Deno.chmodSync(open, 0o755);
    await assert.rejects(
      ClientStore.open(open),
      (error) =>
        error instanceof OidcSetupError &&
        /^OIDCPROXY_STORE_DIR: .* is open to other users \(mode 755\); run chmod 700/.test(
          error.problems[0],
        ),
    );
  }
  for (const text of ["not json", '{"version":2,"clients":[]}', '{"version":1,"clients":[{}]}']) {
    const dir = freshDir();
    Deno.mkdirSync(dir, { recursive: true, mode: 0o700 });
    Deno.writeTextFileSync(join(dir, STORE_FILE), text);
    await assert.rejects(
      ClientStore.open(dir),
      (error) =>
        error instanceof OidcSetupError && /is not a client registry this server wrote/.test(
          error.problems[0],
        ),
      text,
    );
  }
  const file = join(Deno.makeTempDirSync({ dir: SCRATCH }), "plain-file");
  Deno.writeTextFileSync(file, "");
  await assert.rejects(ClientStore.open(file), OidcSetupError);
});

Deno.test("store: when full, the oldest never-used registration past its grace period makes room", async () => {
  let now = 1_700_000_000_000;
  const store = await ClientStore.open(freshDir(), { maxClients: 3, now: () => now });
  const t0 = now / 1000;
  await store.add(record("used-old", t0 - 5000));
  await store.markUsed("used-old");
  await store.add(record("unused-old", t0 - 4000));
  await store.add(record("unused-new", t0 - 10));
  await store.add(record("d", t0));
  assert.equal(store.get("unused-old"), undefined, "the oldest unused registration went");
  assert.ok(store.get("used-old"), "a client that received a token is kept");
  assert.ok(store.get("unused-new"));
  assert.ok(store.get("d"));
  await assert.rejects(store.add(record("e", t0)), RegistryFullError, "nothing is evictable yet");
  now += (EVICTION_GRACE_SECONDS + 1) * 1000;
  await store.add(record("e", t0));
  assert.equal(store.get("unused-new"), undefined);
  assert.equal(store.size, 3);
});
