/**
 * ZIA operator scenarios (issue 9), told as an operator would do them and checked against the
 * simulated tenant (the oracle), not only against what the tools say:
 *
 * 1. Onboard a branch office: a static IP, an IPsec VPN credential on it, a location that uses
 *    both; activate (the prompt says what is pending); read the location back; then take it all
 *    down again in dependency order, each delete confirmed by name, and activate.
 * 2. A URL filtering rule on a new custom URL category: saved but not live until activation,
 *    live after it, updated, a declined delete that changes nothing, an approved delete — in
 *    both protocol eras.
 *
 * One simulated tenant and one real server process for the whole file.
 */

import assert from "node:assert/strict";
import { type Era, ERAS } from "../helpers/clients.ts";
import {
  approvedDelete,
  auditOf,
  deletePrompt,
  type ExpectedDelete,
  Operator,
  oracle,
  received,
  type Row,
  type Stage,
  startStage,
  textOf,
  ZIA,
} from "../helpers/scenario.ts";

const NOT_LIVE = /saved but not live.*zia_activate_configuration/;

/** Reads the activation status with the tool and checks the tenant agrees. */
async function statusIs(operator: Operator, stage: Stage, expected: "ACTIVE" | "PENDING") {
  const { data } = await operator.ok("zia_get_activation_status");
  assert.equal(data.status, expected, "the tool reports the status");
  assert.equal(stage.sim.tenant.zia.status, expected, "the tenant holds the status");
}

/** Activates with the human's approval; the prompt must say what was pending. */
async function activate(operator: Operator, stage: Stage) {
  const activations = received(stage.sim, "POST", `${ZIA}/status/activate`).length;
  const { prompt, data } = await operator.approved("zia_activate_configuration");
  assert.match(prompt, /^Activate ZIA configuration\?/);
  assert.match(prompt, /Current status: PENDING\./);
  assert.deepEqual(data, { before: "PENDING", after: "ACTIVE" });
  assert.equal(received(stage.sim, "POST", `${ZIA}/status/activate`).length, activations + 1);
}

/** Deletes with the human's approval; the prompt names the resource; the tenant got one DELETE. */
/** An approved delete: named, one DELETE, and the reminder that ZIA must be activated. */
async function deleteNamed(
  operator: Operator,
  stage: Stage,
  tool: string,
  args: Row,
  expected: ExpectedDelete,
) {
  const { data, text } = await approvedDelete(operator, stage, tool, args, expected);
  assert.equal(data.deleted, true);
  assert.match(text, NOT_LIVE);
}

async function onboardLocation(operator: Operator, stage: Stage) {
  const { sim } = stage;
  const tenant = sim.tenant.zia;
  const ip = "198.51.100.91";
  const psk = "Scenario-PSK-7f3a9c21";

  // The tenant starts with nothing pending.
  await statusIs(operator, stage, "ACTIVE");

  // 1. Provision the branch's public egress address as a static IP.
  const staticIp = await operator.ok("zia_create_static_ip", {
    ip_address: ip,
    comment: "Lisbon branch egress",
  });
  assert.match(staticIp.text, NOT_LIVE);
  const staticIpId = staticIp.data.id as number;
  assert.equal(tenant.get("staticIP", staticIpId)?.ipAddress, ip);
  assert.equal(tenant.get("staticIP", staticIpId)?.comment, "Lisbon branch egress");

  // 2. An IPsec VPN credential identified by that static IP, with its pre-shared key.
  const credential = await operator.ok("zia_create_vpn_credential", {
    credential_type: "IP",
    ip_address: ip,
    pre_shared_key: psk,
    comments: "Lisbon branch IPsec",
  });
  assert.match(credential.text, NOT_LIVE);
  const credentialId = credential.data.id as number;
  const posted = received(sim, "POST", `${ZIA}/vpnCredentials`);
  assert.equal(posted.length, 1);
  assert.deepEqual(posted[0].body, {
    type: "IP",
    ipAddress: ip,
    preSharedKey: psk,
    comments: "Lisbon branch IPsec",
  });
  assert.ok(!JSON.stringify(credential).includes(psk), "the pre-shared key is never shown");
  const audited = auditOf(stage.server, "zia_create_vpn_credential")
    .find((event) => event.audit === "call");
  assert.equal(
    (audited?.args as Row | undefined)?.pre_shared_key,
    "[redacted]",
    "audited, redacted",
  );
  assert.ok(!stage.server.stderr().includes(psk), "the pre-shared key never reaches a log line");
  const storedCredential = tenant.get("vpnCredentials", credentialId)!;
  assert.equal(storedCredential.type, "IP");
  assert.equal(storedCredential.ipAddress, ip);

  // 3. The location itself, using the static IP and the VPN credential.
  const created = await operator.ok("zia_create_location", {
    name: "Scenario Branch - Lisbon",
    description: "Branch office onboarded by the scenario",
    country: "PORTUGAL",
    tz: "PORTUGAL_EUROPE_LISBON",
    profile: "CORPORATE",
    ip_addresses: [ip],
    vpn_credential_ids: [credentialId],
    auth_required: true,
    ssl_scan_enabled: true,
    ofw_enabled: true,
    up_bandwidth: 50_000,
    dn_bandwidth: 200_000,
  });
  assert.match(created.text, NOT_LIVE);
  const locationId = created.data.id as number;
  const stored = tenant.get("locations", locationId)!;
  assert.ok(stored, "the tenant holds the location");
  assert.equal(stored.name, "Scenario Branch - Lisbon");
  assert.deepEqual(stored.ipAddresses, [ip]);
  assert.deepEqual((stored.vpnCredentials as Row[]).map((c) => c.id), [credentialId]);
  assert.equal(stored.country, "PORTUGAL");
  assert.equal(stored.tz, "PORTUGAL_EUROPE_LISBON");
  assert.equal(stored.authRequired, true);
  assert.equal(stored.upBandwidth, 50_000);
  assert.equal(stored.dnBandwidth, 200_000);

  // 4. Saved, not live: ZIA reports PENDING until someone activates.
  await statusIs(operator, stage, "PENDING");

  // 5. Activate, with the human's approval; the prompt says what was pending.
  await activate(operator, stage);
  await statusIs(operator, stage, "ACTIVE");

  // 6. Read the location back, one and in the list, and compare with the tenant.
  const path = `${ZIA}/locations/${locationId}`;
  const got = await operator.ok("zia_get_location", { location_id: locationId });
  assert.deepEqual(got.data, await oracle(sim, path));
  const listed = await operator.ok("zia_list_locations", { search: "Scenario Branch" });
  assert.equal(listed.data.count, 1);
  assert.deepEqual((listed.data.items as Row[])[0], await oracle(sim, path));

  // 7. Removing the static IP first is refused by ZIA (a VPN credential still uses it): the
  //    human approved, the tenant said no, the agent gets a clear error, nothing is deleted.
  const early = await operator.confirmed("zia_delete_static_ip", { static_ip_id: staticIpId });
  assert.equal(early.prompt.split("\n")[0], deletePrompt("ZIA static IP", ip, staticIpId));
  assert.equal(early.result.isError, true);
  assert.match(
    textOf(early.result),
    /DELETE \/zia\/api\/v1\/staticIP\/\d+ failed: HTTP 400 .*used by a VPN credential/,
  );
  assert.equal(tenant.get("staticIP", staticIpId)?.ipAddress, ip, "the static IP is still there");
  assert.equal(received(sim, "DELETE", `${ZIA}/staticIP/${staticIpId}`)[0].status, 400);
  await statusIs(operator, stage, "ACTIVE");

  // 8. Take the branch down again, dependants first: the location, then the VPN credential
  //    (it names the static IP), then the static IP — each approved by name.
  await deleteNamed(operator, stage, "zia_delete_location", { location_id: locationId }, {
    type: "ZIA location",
    name: "Scenario Branch - Lisbon",
    id: locationId,
    path,
  });
  assert.equal(tenant.get("locations", locationId), undefined);
  await deleteNamed(
    operator,
    stage,
    "zia_delete_vpn_credential",
    { credential_id: credentialId },
    {
      type: "ZIA VPN credential",
      name: ip,
      id: credentialId,
      path: `${ZIA}/vpnCredentials/${credentialId}`,
    },
  );
  assert.equal(tenant.get("vpnCredentials", credentialId), undefined);
  await deleteNamed(operator, stage, "zia_delete_static_ip", { static_ip_id: staticIpId }, {
    type: "ZIA static IP",
    name: ip,
    id: staticIpId,
    path: `${ZIA}/staticIP/${staticIpId}`,
  });
  assert.equal(tenant.get("staticIP", staticIpId), undefined);

  // 9. The removals are pending too; activate them.
  await statusIs(operator, stage, "PENDING");
  await activate(operator, stage);
  await statusIs(operator, stage, "ACTIVE");
  assert.equal(
    (await operator.ok("zia_list_locations", { search: "Scenario Branch" })).data.count,
    0,
  );
}

async function urlFilteringRule(operator: Operator, stage: Stage, era: Era) {
  const { sim } = stage;
  const tenant = sim.tenant.zia;
  const rules = () => tenant.collection("urlFilteringRules");

  // 1. A custom URL category for the sites to block.
  const category = await operator.ok("zia_create_url_category", {
    configured_name: `Scenario Casino Sites ${era}`,
    description: "Gambling sites the scenario blocks",
    urls: [".casino-scenario.example", "bets-scenario.example"],
  });
  assert.match(category.text, NOT_LIVE);
  const categoryId = category.data.id as string;
  assert.match(categoryId, /^CUSTOM_\d+$/);
  const storedCategory = tenant.get("urlCategories", categoryId)!;
  assert.equal(storedCategory.configuredName, `Scenario Casino Sites ${era}`);
  assert.deepEqual(storedCategory.urls, [".casino-scenario.example", "bets-scenario.example"]);

  // 2. The rule: block that category and ZIA's GAMBLING, first in the policy.
  const name = `Scenario Block Casinos ${era}`;
  const created = await operator.ok("zia_create_url_filtering_rule", {
    name,
    description: "Created by the URL filtering scenario",
    action: "BLOCK",
    url_categories: [categoryId, "GAMBLING"],
    protocols: ["HTTPS_RULE", "HTTP_RULE"],
    state: "ENABLED",
    order: 1,
  });
  const ruleId = created.data.id as number;
  const path = `${ZIA}/urlFilteringRules/${ruleId}`;

  // 3. Saved, not live: the result reminds the agent to activate, and ZIA reports PENDING.
  assert.match(created.text, NOT_LIVE);
  await statusIs(operator, stage, "PENDING");
  assert.ok(rules().some((rule) => rule.id === ruleId), "saved in the tenant");

  // 4. Activate with the human's approval.
  await activate(operator, stage);

  // 5. Live: ACTIVE, and the tenant holds the rule with exactly the fields given.
  await statusIs(operator, stage, "ACTIVE");
  const live = tenant.get("urlFilteringRules", ruleId)!;
  assert.equal(live.name, name);
  assert.equal(live.description, "Created by the URL filtering scenario");
  assert.equal(live.action, "BLOCK");
  assert.deepEqual(live.urlCategories, [categoryId, "GAMBLING"]);
  assert.deepEqual(live.protocols, ["HTTPS_RULE", "HTTP_RULE"]);
  assert.equal(live.state, "ENABLED");
  assert.equal(live.order, 1);
  assert.equal(live.rank, 7, "the default rank");
  const got = await operator.ok("zia_get_url_filtering_rule", { rule_id: ruleId });
  assert.deepEqual(got.data, await oracle(sim, path));

  // 6. Soften it to CAUTION; everything not given keeps its value.
  const updated = await operator.ok("zia_update_url_filtering_rule", {
    rule_id: ruleId,
    action: "CAUTION",
    description: "Warn instead of block",
  });
  assert.match(updated.text, NOT_LIVE);
  const changed = tenant.get("urlFilteringRules", ruleId)!;
  assert.equal(changed.action, "CAUTION");
  assert.equal(changed.description, "Warn instead of block");
  assert.equal(changed.name, name);
  assert.deepEqual(changed.urlCategories, [categoryId, "GAMBLING"]);
  assert.deepEqual(changed.protocols, ["HTTPS_RULE", "HTTP_RULE"]);
  assert.equal(changed.order, 1);
  await statusIs(operator, stage, "PENDING");

  // 7. The agent asks to delete it, the human declines: nothing reaches the tenant.
  operator.answer = "decline";
  const mark = sim.tenant.requests.length;
  const declined = await operator.confirmed("zia_delete_url_filtering_rule", { rule_id: ruleId });
  operator.answer = "accept";
  assert.equal(
    declined.prompt.split("\n")[0],
    deletePrompt("ZIA URL filtering rule", name, ruleId),
  );
  assert.equal(declined.result.isError, true);
  assert.match(textOf(declined.result), /NOT performed: the user declined/);
  assert.equal(received(sim, "DELETE", path, mark).length, 0, "no DELETE reached the tenant");
  assert.deepEqual(
    sim.tenant.requests.slice(mark).filter((r) => r.method !== "GET" && r.service !== "token"),
    [],
    "no write of any kind reached the tenant",
  );
  assert.equal(tenant.get("urlFilteringRules", ruleId)?.action, "CAUTION", "the rule is intact");

  // 8. Asked again, the human approves: deleted once, named in the prompt.
  await deleteNamed(operator, stage, "zia_delete_url_filtering_rule", { rule_id: ruleId }, {
    type: "ZIA URL filtering rule",
    name,
    id: ruleId,
    path,
  });
  assert.equal(tenant.get("urlFilteringRules", ruleId), undefined);

  // 9. The category goes too, then the removals are activated.
  await deleteNamed(operator, stage, "zia_delete_url_category", { category_id: categoryId }, {
    type: "ZIA URL category",
    name: `Scenario Casino Sites ${era}`,
    id: categoryId,
    path: `${ZIA}/urlCategories/${categoryId}`,
  });
  assert.equal(tenant.get("urlCategories", categoryId), undefined);
  await activate(operator, stage);
  await statusIs(operator, stage, "ACTIVE");
}

Deno.test("ZIA operator scenarios against the simulated tenant", async (t) => {
  const stage = await startStage();
  try {
    await t.step("onboard a location end to end (2026-07-28)", async () => {
      const operator = await Operator.connect(stage.server.url, "2026-07-28");
      try {
        await onboardLocation(operator, stage);
      } finally {
        await operator.close();
      }
    });
    for (const era of ERAS) {
      await t.step(`URL filtering rule: create, activate, update, delete (${era})`, async () => {
        const operator = await Operator.connect(stage.server.url, era);
        try {
          await urlFilteringRule(operator, stage, era);
        } finally {
          await operator.close();
        }
      });
    }
  } finally {
    await stage.close();
  }
});
