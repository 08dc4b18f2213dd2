import type { FastifyInstance } from "fastify";
import { READ_ORG_SCOPES, resolveOrganizationForMembers } from "../http/organization-access.js";
import { renderIssueType } from "../shapes/render-issue-type.js";
import type { SimulatorContext } from "../simulator-context.js";
import { issueTypesOf } from "../state/issue-type.js";

const DOCS = "https://docs.github.com/rest/orgs/issue-types#list-issue-types-for-an-organization";

/** `GET /orgs/{org}/issue-types`: the organization's issue types, for its members (`read:org`). */
export function registerIssueTypeRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  app.get<{ Params: { org: string } }>(
    "/orgs/:org/issue-types",
    { config: { acceptedScopes: READ_ORG_SCOPES, permission: "issue_types=read", documentationUrl: DOCS } },
    async (request, reply) => {
      const org = resolveOrganizationForMembers(state, request, reply, {
        org: request.params.org,
        documentationUrl: DOCS,
      });
      if (!org) return reply;
      return issueTypesOf(org).map(renderIssueType);
    },
  );
}
