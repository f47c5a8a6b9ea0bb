/**
 * The ZPA API bases (API-FACTS §2 "Base paths"; the LSS bases from the Python SDK's `lss.py`) and
 * how tools build paths on them: a request template for documentation and tests
 * (`/zpa/mgmtconfig/v1/admin/customers/{customerId}/…`) and the real, encoded path.
 *
 * @module
 */

import { apiPath, assertSafePath, encodePathValue } from "../../zscaler/mod.ts";
import type { ToolContext } from "../spec.ts";

/**
 * Where a ZPA endpoint lives:
 *
 * | api           | base                                                        |
 * |---------------|-------------------------------------------------------------|
 * | `v1`          | `/zpa/mgmtconfig/v1/admin/customers/{customerId}`           |
 * | `v2`          | `/zpa/mgmtconfig/v2/admin/customers/{customerId}`           |
 * | `userconfig`  | `/zpa/userconfig/v1/customers/{customerId}` (SCIM groups)   |
 * | `cbi`         | `/zpa/cbiconfig/cbi/api/customers/{customerId}` (isolation) |
 * | `lss`         | `/zpa/mgmtconfig/v2/admin/lssConfig` (tenant-independent)   |
 * | `lssCustomer` | `/zpa/mgmtconfig/v2/admin/lssConfig/customers/{customerId}` |
 */
export type ZpaApi = "v1" | "v2" | "userconfig" | "cbi" | "lss" | "lssCustomer";

const TEMPLATES: Readonly<Record<ZpaApi, string>> = {
  v1: "/zpa/mgmtconfig/v1/admin/customers/{customerId}",
  v2: "/zpa/mgmtconfig/v2/admin/customers/{customerId}",
  userconfig: "/zpa/userconfig/v1/customers/{customerId}",
  cbi: "/zpa/cbiconfig/cbi/api/customers/{customerId}",
  lss: "/zpa/mgmtconfig/v2/admin/lssConfig",
  lssCustomer: "/zpa/mgmtconfig/v2/admin/lssConfig/customers/{customerId}",
};

function basePath(ctx: ToolContext, api: ZpaApi): string {
  const cid = ctx.customerId;
  switch (api) {
    case "v1":
      return apiPath`/zpa/mgmtconfig/v1/admin/customers/${cid}`;
    case "v2":
      return apiPath`/zpa/mgmtconfig/v2/admin/customers/${cid}`;
    case "userconfig":
      return apiPath`/zpa/userconfig/v1/customers/${cid}`;
    case "cbi":
      return apiPath`/zpa/cbiconfig/cbi/api/customers/${cid}`;
    case "lss":
      return "/zpa/mgmtconfig/v2/admin/lssConfig";
    case "lssCustomer":
      return apiPath`/zpa/mgmtconfig/v2/admin/lssConfig/customers/${cid}`;
  }
}

/** A collection path written in code, e.g. `serverGroup` or `clientlessCertificate/issued`. */
const COLLECTION = /^[A-Za-z][A-Za-z0-9]*(\/[A-Za-z][A-Za-z0-9]*)*$/;

/**
 * The request template of an endpoint, for a spec's `request`: `route("v1", "serverGroup/{id}")`
 * is `/zpa/mgmtconfig/v1/admin/customers/{customerId}/serverGroup/{id}`.
 */
export function route(api: ZpaApi, rest: string): string {
  return `${TEMPLATES[api]}/${rest}`;
}

/**
 * The real path of an endpoint: the base for the configured customer, the literal `collection`
 * (code, never input) and then each value (ids, types) encoded as exactly one segment.
 *
 * @throws {ZscalerRequestError} when a value is not a safe path segment.
 */
export function zpaPath(
  ctx: ToolContext,
  api: ZpaApi,
  collection: string,
  ...values: string[]
): string {
  if (!COLLECTION.test(collection)) throw new TypeError(`bad ZPA collection: ${collection}`);
  const path = [basePath(ctx, api), collection, ...values.map((v) => encodePathValue(v))].join(
    "/",
  );
  assertSafePath(path);
  return path;
}
