/**
 * Browser-access certificates, PRA portals and PRA credentials over real HTTP: round trips,
 * derived fields, write-only secrets that are never stored or returned, and the references
 * (portals and browser-access apps) that keep a certificate from being deleted.
 */

import assert from "node:assert/strict";
import { api, assertRefused, list, obj, withSim, ZPA, ZPA2 } from "./_helpers.ts";

const BA_HR = "216196257331281958";
const BA_PRA = "216196257331480002";
const BA_SPARE = "216196257331480003";
const PORTAL_MAIN = "216196257331485001";
const PORTAL_VENDOR = "216196257331485002";
const PEM = "-----BEGIN CERTIFICATE-----\nU0lNVUxBVEVE\n-----END CERTIFICATE-----\n" +
  "-----BEGIN PRIVATE KEY-----\nTk9UIEEgS0VZ\n-----END PRIVATE KEY-----\n";
const SECRET = "correct horse battery staple";

Deno.test("zpa certificates: create from a PEM blob, read v1 and v2 issued, delete", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const created = await client.post(`${ZPA}/certificate`, {
      name: "grafana.acme-sim.example",
      description: "Grafana",
      certBlob: PEM,
    });
    assert.equal(created.status, 201, created.text);
    const cert = obj(created);
    const id = cert.id as string;
    assert.equal(cert.cName, "grafana.acme-sim.example");
    assert.deepEqual(cert.san, ["grafana.acme-sim.example"]);
    assert.match(cert.certificate as string, /^-----BEGIN CERTIFICATE-----/);
    assert.match(cert.validToInEpochSec as string, /^\d+$/);
    // The blob (with its private key) is write-only.
    assert.equal(cert.certBlob, undefined);
    assert.ok(!created.text.includes("PRIVATE KEY"));
    assert.equal(sim.tenant.zpa.stored("certificate", id)?.certBlob, undefined);

    const got = await client.get(`${ZPA}/certificate/${id}`);
    assert.equal(obj(got).name, "grafana.acme-sim.example");
    assert.ok(!got.text.includes("PRIVATE KEY"));
    const issued = await client.get(`${ZPA2}/clientlessCertificate/issued`);
    assert.deepEqual(list(issued).map((c) => c.id), [BA_HR, BA_PRA, BA_SPARE, id]);
    const v1 = await client.get(
      `${ZPA}/certificate?search=${encodeURIComponent("name+EQ+grafana.acme-sim.example")}`,
    );
    assert.deepEqual(list(v1).map((c) => c.id), [id]);

    // There is no update of a certificate; delete it.
    assert.equal((await client.put(`${ZPA}/certificate/${id}`, { name: "x" })).status, 405);
    assert.equal((await client.del(`${ZPA}/certificate/${id}`)).status, 204);
    assert.equal((await client.get(`${ZPA}/certificate/${id}`)).status, 404);
  });
});

Deno.test("zpa certificates: refusals — no PEM, duplicate name, still used", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const post = (body: unknown) => client.post(`${ZPA}/certificate`, body);
    assertRefused(await post({ name: "a" }), 400, "api.payload.invalid", /certBlob/);
    assertRefused(await post({ name: "a", certBlob: "not a pem" }), 400, "api.payload.invalid");
    assertRefused(await post({ certBlob: PEM }), 400, "api.payload.invalid", /name/);
    assertRefused(
      await post({ name: "HR.acme-sim.example", certBlob: PEM }),
      400,
      "duplicate.name",
    );
    assert.equal(sim.tenant.zpa.collection("certificate").length, 3);

    // Used by both PRA portals; used by the HR portal's browser-access app.
    assertRefused(
      await client.del(`${ZPA}/certificate/${BA_PRA}`),
      400,
      "resource.in.use",
      /PRA portals/,
    );
    assertRefused(
      await client.del(`${ZPA}/certificate/${BA_HR}`),
      400,
      "resource.in.use",
      /application segments/,
    );
    assert.equal((await client.del(`${ZPA}/praPortal/${PORTAL_MAIN}`)).status, 204);
    assert.equal((await client.del(`${ZPA}/praPortal/${PORTAL_VENDOR}`)).status, 204);
    assert.equal((await client.del(`${ZPA}/certificate/${BA_PRA}`)).status, 204);
    // A browser-access segment must name a certificate that exists.
    const badBa = await client.put(`${ZPA}/application/216196257331450005`, {
      name: "HR Portal",
      domainNames: ["hr.acme-sim.example"],
      segmentGroupId: "216196257331440001",
      serverGroups: [{ id: "216196257331430002" }],
      tcpPortRanges: ["443", "443"],
      clientlessApps: [{ name: "hr", certificateId: BA_PRA, domain: "hr.acme-sim.example" }],
    });
    assertRefused(badBa, 400, "api.payload.invalid", /certificateId/);
  });
});

Deno.test("zpa PRA portals: create with derived CNAME and certificate name, merge PUT, delete", async () => {
  await withSim({ customerId: "216196257331290000" }, async (sim) => {
    const client = await api(sim);
    const base = "/zpa/mgmtconfig/v1/admin/customers/216196257331290000";
    const created = await client.post(`${base}/praPortal`, {
      name: "Ops Portal",
      description: "Operations",
      domain: "ops.pra.acme-sim.example",
      certificateId: BA_SPARE,
      userNotificationEnabled: true,
      userNotification: "Sessions are recorded",
      cName: "attacker.example",
    });
    assert.equal(created.status, 201, created.text);
    const portal = obj(created);
    const id = portal.id as string;
    assert.equal(portal.cName, `${id}.216196257331290000.pra.p.zpa-app.net`);
    assert.equal(portal.certificateName, "wildcard.acme-sim.example");
    assert.equal(portal.enabled, true);

    assert.equal((await client.put(`${base}/praPortal/${id}`, { enabled: false })).status, 204);
    const after = obj(await client.get(`${base}/praPortal/${id}`));
    assert.equal(after.enabled, false);
    assert.equal(after.domain, "ops.pra.acme-sim.example");
    assert.equal(after.cName, portal.cName);

    const post = (body: Record<string, unknown>) =>
      client.post(`${base}/praPortal`, {
        name: "P2",
        domain: "p2.example",
        certificateId: BA_SPARE,
        ...body,
      });
    assertRefused(
      await post({ certificateId: "999" }),
      400,
      "api.payload.invalid",
      /certificateId/,
    );
    assertRefused(await post({ certificateId: undefined }), 400, "api.payload.invalid");
    assertRefused(await post({ domain: "" }), 400, "api.payload.invalid", /domain/);
    assertRefused(await post({ name: "ops portal" }), 400, "duplicate.name");
    assertRefused(
      await client.put(`${base}/praPortal/${id}`, { certificateId: "1" }),
      400,
      "api.payload.invalid",
    );
    assert.equal((await client.del(`${base}/praPortal/${id}`)).status, 204);
    assert.equal((await client.del(`${base}/praPortal/${id}`)).status, 404);
  });
});

Deno.test("zpa PRA credentials: secrets are write-only and rotation is tracked", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const created = await client.post(`${ZPA}/credential`, {
      name: "svc-backup",
      description: "Backup operator",
      credentialType: "USERNAME_PASSWORD",
      userName: "svc-backup",
      userDomain: "corp.acme-sim.example",
      password: SECRET,
    });
    assert.equal(created.status, 201, created.text);
    const credential = obj(created);
    const id = credential.id as string;
    assert.ok(!created.text.includes(SECRET));
    assert.equal(credential.password, undefined);
    assert.match(credential.lastCredentialResetTime as string, /^\d+$/);
    assert.ok(!JSON.stringify(sim.tenant.zpa.stored("credential", id)).includes(SECRET));
    const listed = await client.get(`${ZPA}/credential`);
    assert.ok(!listed.text.includes(SECRET));
    assert.ok(list(listed).some((c) => c.id === id));

    // A metadata-only PUT keeps the reset time; a new secret moves it.
    const seeded = obj(await client.get(`${ZPA}/credential/18101`));
    assert.equal(
      (await client.put(`${ZPA}/credential/18101`, { description: "Jump admin" })).status,
      204,
    );
    const same = obj(await client.get(`${ZPA}/credential/18101`));
    assert.equal(same.description, "Jump admin");
    assert.equal(same.lastCredentialResetTime, seeded.lastCredentialResetTime);
    assert.equal((await client.put(`${ZPA}/credential/18101`, { password: SECRET })).status, 204);
    const rotated = obj(await client.get(`${ZPA}/credential/18101`));
    assert.notEqual(rotated.lastCredentialResetTime, seeded.lastCredentialResetTime);
    assert.ok(!JSON.stringify(rotated).includes(SECRET));

    assert.equal((await client.del(`${ZPA}/credential/${id}`)).status, 204);
    assert.equal((await client.get(`${ZPA}/credential/${id}`)).status, 404);
  });
});

Deno.test("zpa PRA credentials: refusals per credential type", async () => {
  await withSim({}, async (sim) => {
    const client = await api(sim);
    const post = (body: Record<string, unknown>) =>
      client.post(`${ZPA}/credential`, { name: "c", ...body });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /credentialType/],
      [{ credentialType: "TOKEN", password: SECRET }, /credentialType/],
      [{ credentialType: "USERNAME_PASSWORD", password: SECRET }, /userName/],
      [{ credentialType: "USERNAME_PASSWORD", userName: "u" }, /password/],
      [{ credentialType: "SSH_KEY", userName: "u", password: SECRET }, /privateKey/],
      [{ credentialType: "PASSWORD" }, /password/],
      [{ credentialType: "PASSWORD", password: "" }, /password/],
      [{ credentialType: "PASSWORD", password: 12345 }, /password/],
    ];
    for (const [body, reason] of cases) {
      assertRefused(await post(body), 400, "api.payload.invalid", reason);
    }
    assert.equal(sim.tenant.zpa.collection("credential").length, 3);
    // Changing the type needs the new type's secret.
    assertRefused(
      await client.put(`${ZPA}/credential/18103`, { credentialType: "SSH_KEY", userName: "u" }),
      400,
      "api.payload.invalid",
      /privateKey/,
    );
    const ssh = await client.put(`${ZPA}/credential/18103`, {
      credentialType: "SSH_KEY",
      userName: "root",
      privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nU0lN\n-----END OPENSSH PRIVATE KEY-----",
    });
    assert.equal(ssh.status, 204, ssh.text);
    const stored = JSON.stringify(sim.tenant.zpa.stored("credential", "18103"));
    assert.ok(!stored.includes("PRIVATE KEY"));
    assert.equal(obj(await client.get(`${ZPA}/credential/18103`)).credentialType, "SSH_KEY");
  });
});
