import type { FastifyInstance } from "fastify";
import { sendNotFound } from "../http/github-error.js";
import { roleIn } from "../http/repository-access.js";
import { requireContext } from "../http/request-context.js";
import { renderOrganizationFull } from "../shapes/render-organization.js";
import type { SimulatorContext } from "../simulator-context.js";

/** `GET /orgs/{org}`: `organization-full`, with the owner-only part for organization admins. */
export function registerOrganizationRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  app.get<{ Params: { org: string } }>("/orgs/:org", async (request, reply) => {
    const { viewer, urls } = requireContext(request.github);
    const org = state.findAccount(request.params.org);
    if (org?.type !== "Organization") {
      return sendNotFound(reply, "https://docs.github.com/rest/orgs/orgs#get-an-organization");
    }
    return renderOrganizationFull(org, state, urls, roleIn(org, viewer) === "admin");
  });
}
