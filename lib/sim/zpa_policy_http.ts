/**
 * Route handlers of the ZPA policy API (API-FACTS §2 "Policies"): policy set lookup by type,
 * paged rule listing by type, v1 rule read/update/delete/reorder, v2 rule create/update.
 *
 * @module
 */

import { zpaError, zpaNotFound } from "./errors.ts";
import { emptyResponse } from "./http.ts";
import { attempt, created, listResponse, objectBody, ok } from "./zpa_http.ts";
import type { ZpaCall } from "./zpa_routes.ts";

/** `GET …/policySet/policyType/{TYPE}`. */
export function getPolicySet({ model, params }: ZpaCall): Response {
  const set = model.policies.policySet(params.policyType);
  return set === undefined
    ? zpaError(400, "bad.request", `Unknown policy type: ${params.policyType}`, [params.policyType])
    : ok(set);
}

/** `GET …/policySet/rules/policyType/{TYPE}` (paged, searchable). */
export function listRules({ model, req, params }: ZpaCall): Response {
  const info = model.policies.policyType(params.policyType);
  if (info === undefined) {
    return zpaError(400, "bad.request", `Unknown policy type: ${params.policyType}`, [
      params.policyType,
    ]);
  }
  return listResponse(model.policies.rules(info.setId), req);
}

function unknownSet({ model, params }: ZpaCall): Response | undefined {
  return model.policies.policyTypeOfSet(params.setId) === undefined
    ? zpaNotFound(params.setId)
    : undefined;
}

/** v1 `…/policySet/{setId}/rule`: creation is documented through v2 only. */
export function v1CreateRule(call: ZpaCall): Response {
  return unknownSet(call) ?? zpaError(
    405,
    "method.not.allowed",
    "Create policy rules with POST /zpa/mgmtconfig/v2/admin/customers/{customerId}/policySet/{setId}/rule",
    [call.req.method],
  );
}

/** v1 `GET …/policySet/{setId}/rule/{ruleId}`. */
export function getRule(call: ZpaCall): Response {
  const missing = unknownSet(call);
  if (missing) return missing;
  const rule = call.model.policies.rule(call.params.setId, call.params.ruleId);
  return rule === undefined ? zpaNotFound(call.params.ruleId) : ok(rule);
}

/** v1 (`version` 1) or v2 `PUT …/policySet/{setId}/rule/{ruleId}`. */
export function putRule(version: 1 | 2): (call: ZpaCall) => Response {
  return (call) => {
    const missing = unknownSet(call);
    if (missing) return missing;
    const body = objectBody(call.req);
    if (body instanceof Response) return body;
    return attempt(() => {
      call.model.policies.replaceRule(call.params.setId, call.params.ruleId, body, version);
      return emptyResponse(204);
    });
  };
}

/** v1 `DELETE …/policySet/{setId}/rule/{ruleId}`. */
export function deleteRule(call: ZpaCall): Response {
  const missing = unknownSet(call);
  if (missing) return missing;
  return attempt(() => {
    call.model.policies.deleteRule(call.params.setId, call.params.ruleId);
    return emptyResponse(204);
  });
}

/** v1 `PUT …/policySet/{setId}/rule/{ruleId}/reorder/{order}`. */
export function reorderRule(call: ZpaCall): Response {
  const missing = unknownSet(call);
  if (missing) return missing;
  const order = call.params.order;
  if (!/^\d{1,6}$/.test(order)) return zpaError(400, "bad.request", `Invalid order: ${order}`);
  return attempt(() => {
    call.model.policies.reorderRule(call.params.setId, call.params.ruleId, Number(order));
    return emptyResponse(204);
  });
}

/** v2 `POST …/policySet/{setId}/rule` (201 with the rule). */
export function createRule(call: ZpaCall): Response {
  const missing = unknownSet(call);
  if (missing) return missing;
  const body = objectBody(call.req);
  if (body instanceof Response) return body;
  return attempt(() => created(call.model.policies.createRule(call.params.setId, body)));
}
