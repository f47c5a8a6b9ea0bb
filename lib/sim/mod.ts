/**
 * The simulated Zscaler tenant: an independent oracle built from the recorded API facts
 * (`zscaler-api/`), used by `--sandbox` and by the tests. Start it with
 * {@link startSimServer}, or call {@link SimTenant.fetch} in process.
 *
 * @module
 */

import { PLANTED_PAYLOADS as SEED_PAYLOADS, type PlantedPayload } from "./seed.ts";
import { ZPA_CATALOG_PAYLOADS } from "./zpa_catalog.ts";
import { ZIA_EXTRA_PAYLOADS } from "./zia_payloads.ts";

export { SimTenant } from "./tenant.ts";
export type { RecordedRequest } from "./tenant.ts";
export { CLIENT_CLOSED_STATUS } from "./tenant.ts";
export { isLoopbackHostname, MAX_REQUEST_BODY_BYTES, startSimServer } from "./server.ts";
export type { SimServer, SimServerOptions } from "./server.ts";
export {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEFAULT_CUSTOMER_ID,
  DEFAULT_SERVICES,
  DEFAULT_TOKEN_TTL_SECONDS,
  DEFAULT_VANITY,
  resolveSimOptions,
} from "./options.ts";
export type { ResolvedSimClient, ResolvedSimOptions, SimClient, SimOptions } from "./options.ts";
export { FAULT_KINDS, FaultInjector, SimConnectionDropped } from "./faults.ts";
export type { FaultKind, FaultSpec, FaultTarget, ServiceName } from "./faults.ts";
export type { JsonObject } from "./http.ts";
export type { SimId } from "./store.ts";
export { JWT_BEARER_ASSERTION_TYPE, ONEAPI_AUDIENCE, TOKEN_PATH, TokenIssuer } from "./token.ts";
export type { ServiceInfo, VerifiedToken } from "./token.ts";
export { PRODUCT_ENTITLEMENTS } from "./gateway.ts";
export { ZIA_BASE } from "./zia.ts";
export { SANDBOX_DAILY_QUOTA, ZIA_COLLECTION_NAMES, ZiaModel } from "./zia_model.ts";
export type { ZiaStatus } from "./zia_model.ts";
export { collectionPath, ZIA_COLLECTIONS } from "./zia_catalog.ts";
export type { ZiaCollectionName, ZiaCollectionSpec } from "./zia_spec.ts";
export { ZIA_SETTINGS } from "./zia_settings.ts";
export { ZIA_SPECIAL_PATHS } from "./zia_special.ts";
export { APP_TYPES, ZPA_COLLECTION_NAMES, ZpaModel } from "./zpa_model.ts";
export type { ZpaRemoveOptions, ZpaWriteOptions } from "./zpa_model.ts";
export { ZPA_CATALOG } from "./zpa_catalog.ts";
export type { ZpaCollectionSpec, ZpaResourceName } from "./zpa_spec.ts";
export { matchZpaRoute, ZPA_ROUTES } from "./zpa_routes.ts";
export type { ZpaApi, ZpaRoute } from "./zpa_routes.ts";
export { ENTRY_VALUE_OBJECT_TYPES, RULE_ACTIONS, ZpaPolicies } from "./zpa_policy.ts";
export type { PolicyResolver } from "./zpa_policy.ts";
export {
  parseZpaSearch,
  ZPA_DEFAULT_PAGE_SIZE,
  ZPA_MAX_PAGE_SIZE,
  ZPA_SEARCH_OPERATORS,
} from "./zpa_query.ts";
export type { ZpaSearch, ZpaSearchOperator } from "./zpa_query.ts";
export { POLICY_TYPES, SEED_EPOCH, URL_CLASSIFICATION_DB } from "./seed.ts";
/** Every planted prompt-injection payload: the core seed's, the ZIA and ZPA catalogs'. */
export const PLANTED_PAYLOADS: readonly PlantedPayload[] = Object.freeze([
  ...SEED_PAYLOADS,
  ...ZIA_EXTRA_PAYLOADS,
  ...ZPA_CATALOG_PAYLOADS,
]);
export type { PlantedPayload, PolicyTypeInfo, ZpaCollectionName } from "./seed.ts";
