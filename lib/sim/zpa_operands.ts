/**
 * Validation of policy condition operands against the tenant: an operand that names an
 * object (an application, a segment group, an IdP, a SCIM group, a posture profile, …) must
 * name one that exists, as ZPA refuses rules with dangling operands. Returns the display name
 * stored with the operand.
 *
 * Operand forms (API-FACTS §2 "Policies", [PY] `policies.py`): `APP`/`APP_GROUP`/`IDP`/
 * `CLIENT_TYPE` carry the value in `rhs` (`lhs` is `"id"`); `SCIM_GROUP` has the IdP id in
 * `lhs` and the group id in `rhs`; `SAML`/`SCIM` have the attribute id in `lhs`; `POSTURE`
 * and `TRUSTED_NETWORK` have the profile UDID / network id in `lhs` and `"true"`/`"false"`
 * in `rhs`. Other object types are accepted as given.
 *
 * @module
 */

import { invalidPayload as invalid } from "./zpa_common.ts";
import { LSS_CLIENT_TYPES } from "./zpa_lss.ts";
import type { ZpaContext, ZpaResourceName } from "./zpa_spec.ts";

function find(
  ctx: ZpaContext,
  name: ZpaResourceName,
  predicate: (item: Record<string, unknown>) => boolean,
): Record<string, unknown> | undefined {
  for (const item of ctx.all(name)) if (predicate(item)) return item;
  return undefined;
}

function byId(
  ctx: ZpaContext,
  objectType: string,
  name: ZpaResourceName,
  id: string,
): string {
  const item = ctx.stored(name, id);
  if (item === undefined) throw invalid(`${objectType} ${id} does not exist`, [id]);
  return String(item.name);
}

function flag(objectType: string, rhs: string): void {
  if (rhs !== "true" && rhs !== "false") {
    throw invalid(`${objectType} operands need rhs "true" or "false"`, [rhs]);
  }
}

/**
 * Checks one stored-form operand (`objectType`, `lhs`, `rhs`) and returns the name to store
 * with it. Throws 400 `api.payload.invalid` when it names something that does not exist.
 */
export function describeOperand(
  ctx: ZpaContext,
  objectType: string,
  lhs: string,
  rhs: string,
): string {
  switch (objectType) {
    case "APP":
      return byId(ctx, objectType, "application", rhs);
    case "APP_GROUP":
      return byId(ctx, objectType, "segmentGroup", rhs);
    case "IDP":
      return byId(ctx, objectType, "idp", rhs);
    case "CLIENT_TYPE":
      if (!Object.hasOwn(LSS_CLIENT_TYPES, rhs)) {
        throw invalid(`CLIENT_TYPE ${rhs} is not a client type`, [rhs]);
      }
      return rhs;
    case "SCIM_GROUP": {
      const group = find(ctx, "scimGroup", (g) => g.id === rhs && g.idpId === lhs);
      if (group === undefined) {
        throw invalid(`SCIM_GROUP ${rhs} does not exist for IdP ${lhs}`, [lhs, rhs]);
      }
      return String(group.name);
    }
    case "SAML":
      return byId(ctx, objectType, "samlAttribute", lhs);
    case "SCIM":
      return byId(ctx, objectType, "scimAttribute", lhs);
    case "POSTURE": {
      const profile = find(ctx, "posture", (p) => p.postureUdid === lhs);
      if (profile === undefined) throw invalid(`POSTURE ${lhs} does not exist`, [lhs]);
      flag(objectType, rhs);
      return String(profile.name);
    }
    case "TRUSTED_NETWORK": {
      const network = find(ctx, "network", (n) => n.networkId === lhs);
      if (network === undefined) throw invalid(`TRUSTED_NETWORK ${lhs} does not exist`, [lhs]);
      flag(objectType, rhs);
      return String(network.name);
    }
    default:
      return rhs;
  }
}
