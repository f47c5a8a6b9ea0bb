/** Every ZPA tool: the 109 of the reference server, with the same names and toolsets. */

import type { ToolSpec } from "../spec.ts";
import { APPLICATION_SEGMENT_TOOLS, appSegmentsByType } from "./app_segments.ts";
import { BA_SEGMENT_TOOLS, PRA_SEGMENT_TOOLS } from "./app_segments_kinds.ts";
import { BA_CERTIFICATE_TOOLS, enrollmentCertificate } from "./certificates.ts";
import {
  APP_CONNECTOR_GROUP_TOOLS,
  APP_CONNECTOR_TOOLS,
  bulkDeleteAppConnectors,
} from "./connectors.ts";
import { IDP_TOOLS } from "./idp.ts";
import { LSS_TOOLS } from "./lss.ts";
import { POLICY_RULE_TOOLS } from "./policy_rules.ts";
import { PRA_CREDENTIAL_TOOLS, PRA_PORTAL_TOOLS } from "./pra.ts";
import {
  appProtectionProfile,
  isolationProfile,
  postureProfile,
  trustedNetwork,
} from "./profiles.ts";
import { PROVISIONING_KEY_TOOLS } from "./provisioning_keys.ts";
import { SEGMENT_GROUP_TOOLS } from "./segment_groups.ts";
import { APPLICATION_SERVER_TOOLS, SERVER_GROUP_TOOLS } from "./server_groups.ts";
import {
  bulkDeleteServiceEdges,
  SERVICE_EDGE_GROUP_TOOLS,
  SERVICE_EDGE_TOOLS,
} from "./service_edges.ts";

/** The ZPA tools, grouped by toolset, in the order `--list-tools` shows them. */
export const ZPA_TOOLS: readonly ToolSpec[] = [
  ...APPLICATION_SEGMENT_TOOLS,
  ...BA_SEGMENT_TOOLS,
  ...PRA_SEGMENT_TOOLS,
  appSegmentsByType,
  ...SEGMENT_GROUP_TOOLS,
  ...SERVER_GROUP_TOOLS,
  ...APPLICATION_SERVER_TOOLS,
  ...APP_CONNECTOR_GROUP_TOOLS,
  ...APP_CONNECTOR_TOOLS,
  bulkDeleteAppConnectors,
  ...SERVICE_EDGE_GROUP_TOOLS,
  ...SERVICE_EDGE_TOOLS,
  bulkDeleteServiceEdges,
  ...PROVISIONING_KEY_TOOLS,
  enrollmentCertificate,
  ...BA_CERTIFICATE_TOOLS,
  ...PRA_PORTAL_TOOLS,
  ...PRA_CREDENTIAL_TOOLS,
  ...POLICY_RULE_TOOLS,
  ...IDP_TOOLS,
  appProtectionProfile,
  isolationProfile,
  postureProfile,
  trustedNetwork,
  ...LSS_TOOLS,
];
