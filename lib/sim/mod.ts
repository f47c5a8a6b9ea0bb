/**
 * The simulated Zscaler tenant: an independent oracle built from the recorded API facts
 * (`zscaler-api/`), used by `--sandbox` and by the tests. Start it with
 * {@link startSimServer}, or call {@link SimTenant.fetch} in process.
 *
 * @module
 */

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
export { ZIA_COLLECTION_NAMES, ZiaModel } from "./zia_model.ts";
export type { ZiaStatus } from "./zia_model.ts";
export { APP_TYPES, ZPA_COLLECTION_NAMES, ZpaModel } from "./zpa_model.ts";
export { ENTRY_VALUE_OBJECT_TYPES, RULE_ACTIONS, ZpaPolicies } from "./zpa_policy.ts";
export type { PolicyResolver } from "./zpa_policy.ts";
export {
  parseZpaSearch,
  ZPA_DEFAULT_PAGE_SIZE,
  ZPA_MAX_PAGE_SIZE,
  ZPA_SEARCH_OPERATORS,
} from "./zpa_query.ts";
export type { ZpaSearch, ZpaSearchOperator } from "./zpa_query.ts";
export { PLANTED_PAYLOADS, POLICY_TYPES, SEED_EPOCH, URL_CLASSIFICATION_DB } from "./seed.ts";
export type {
  PlantedPayload,
  PolicyTypeInfo,
  ZiaCollectionName,
  ZpaCollectionName,
} from "./seed.ts";
