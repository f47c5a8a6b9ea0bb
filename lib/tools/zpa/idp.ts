/**
 * Identity attributes from the identity providers ZPA trusts: SAML attributes (v2), SCIM
 * attributes (v1, per IdP) and SCIM groups (the userconfig API, per IdP). Policy rule conditions
 * of object types SAML, SCIM and SCIM_GROUP use their ids. The IdP is named by its display name
 * and resolved to its id first (v2 `/idp`). Their names and values come from the IdP, outside
 * the ZPA admin team, so results are labelled untrusted.
 *
 * @module
 */

import { listTool } from "../builders.ts";
import { searchField, zpaId } from "../inputs.ts";
import type { ToolSpec } from "../spec.ts";
import { getJson, listRecords, nameEquals } from "./fetch.ts";
import { IDP_LOOKUP, idpIdByName } from "./lookups.ts";
import { route, zpaPath } from "./paths.ts";
import { searchArgument } from "./resource.ts";

const idpName = searchField.describe(
  "Display name of the identity provider, exactly as ZPA shows it (resolved to its id).",
);

const searchQuery = (text: string | undefined) => ({
  search: text === undefined ? undefined : nameEquals(text),
});

/** `get_zpa_saml_attribute` */
export const samlAttribute: ToolSpec = {
  ...listTool({
    name: "get_zpa_saml_attribute",
    service: "zpa",
    toolset: "zpa_idp",
    title: "List ZPA SAML attributes",
    description: "Lists the SAML attributes ZPA reads from identity providers (all IdPs, or " +
      `one IdP by idp_name: ${IDP_LOOKUP}, then GET ${
        route("v2", "samlAttribute/idp/{idp_id}")
      }). Policy rule conditions of object type SAML use an attribute's id as lhs.`,
    request: `GET ${route("v2", "samlAttribute")}`,
    untrusted: true,
    filters: {
      idp_name: idpName.optional(),
      search: searchArgument("SAML attributes"),
    },
    async fetch(args, ctx, limit) {
      const query = searchQuery(args.search);
      if (args.idp_name === undefined) {
        return await listRecords(ctx, zpaPath(ctx, "v2", "samlAttribute"), limit, { query });
      }
      const idpId = await idpIdByName(ctx, args.idp_name);
      return await listRecords(ctx, zpaPath(ctx, "v2", "samlAttribute/idp", idpId), limit, {
        query,
      });
    },
  }),
  example: {},
};

/** `get_zpa_scim_attribute` */
export const scimAttribute: ToolSpec = {
  ...listTool({
    name: "get_zpa_scim_attribute",
    service: "zpa",
    toolset: "zpa_idp",
    title: "List ZPA SCIM attributes of an IdP",
    description: "Lists the SCIM attributes an identity provider pushes to ZPA, or reads one " +
      "by attribute_id. Policy rule conditions of object type SCIM use an attribute's id as " +
      "lhs.",
    request: `${IDP_LOOKUP}, then GET ${route("v1", "idp/{idp_id}/scimattribute")}`,
    untrusted: true,
    filters: {
      idp_name: idpName,
      attribute_id: zpaId("SCIM attribute").optional().describe(
        "The SCIM attribute id, to read that one attribute.",
      ),
      search: searchArgument("SCIM attributes"),
    },
    async fetch(args, ctx, limit) {
      const idpId = await idpIdByName(ctx, args.idp_name);
      if (args.attribute_id !== undefined) {
        const path = zpaPath(ctx, "v1", "idp", idpId, "scimattribute", args.attribute_id);
        return [await getJson(ctx, path)];
      }
      return await listRecords(ctx, zpaPath(ctx, "v1", "idp", idpId, "scimattribute"), limit, {
        query: searchQuery(args.search),
      });
    },
  }),
  example: { args: { idp_name: "Acme Okta" } },
};

const scimGroups = listTool({
  name: "get_zpa_scim_group",
  service: "zpa",
  toolset: "zpa_idp",
  title: "List ZPA SCIM groups of an IdP",
  description: "Lists the SCIM groups an identity provider (idp_name) pushes to ZPA, or reads " +
    `one by scim_group_id (GET ${route("userconfig", "scimgroup/{scim_group_id}")}). Policy ` +
    "rule conditions of object type SCIM_GROUP use the IdP id as lhs and a group id as rhs.",
  request: `${IDP_LOOKUP}, then GET ${route("userconfig", "scimgroup/idpId/{idp_id}")}`,
  untrusted: true,
  filters: {
    idp_name: idpName.optional(),
    scim_group_id: zpaId("SCIM group").optional().describe(
      "The SCIM group id, to read that one group (no idp_name needed).",
    ),
    search: searchArgument("SCIM groups"),
  },
  async fetch(args, ctx, limit) {
    if (args.scim_group_id !== undefined) {
      return [await getJson(ctx, zpaPath(ctx, "userconfig", "scimgroup", args.scim_group_id))];
    }
    const idpId = await idpIdByName(ctx, args.idp_name!);
    return await listRecords(ctx, zpaPath(ctx, "userconfig", "scimgroup/idpId", idpId), limit, {
      query: searchQuery(args.search),
    });
  },
});

/** `get_zpa_scim_group` */
export const scimGroup: ToolSpec = {
  ...scimGroups,
  input: scimGroups.input.superRefine((args, issues) => {
    const byId = args.scim_group_id !== undefined;
    const byIdp = args.idp_name !== undefined;
    if (byId === byIdp) {
      issues.addIssue({ code: "custom", message: "Give either scim_group_id or idp_name." });
    }
  }),
  example: { args: { idp_name: "Acme Okta" } },
};

/** The identity tools. */
export const IDP_TOOLS: readonly ToolSpec[] = [samlAttribute, scimAttribute, scimGroup];
