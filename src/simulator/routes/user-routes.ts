import type { FastifyInstance } from "fastify";
import { sendNotFound } from "../http/github-error.js";
import { linkHeader, readPageRequest, slicePage } from "../http/pagination.js";
import { requireContext } from "../http/request-context.js";
import { renderOrganizationSimple } from "../shapes/render-organization.js";
import { renderPrivateUser, renderPublicUser } from "../shapes/render-user.js";
import type { SimulatorContext } from "../simulator-context.js";

/** `GET /user`, `GET /user/orgs`, `GET /users/{login}` (users and organizations alike). */
export function registerUserRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  app.get("/user", { config: { acceptedScopes: [], userOnly: true } }, async (request) => {
    const { viewer, urls } = requireContext(request.github);
    return renderPrivateUser(viewer, state, urls);
  });

  app.get(
    "/user/orgs",
    { config: { acceptedScopes: ["admin:org", "read:org", "repo", "user", "write:org"], userOnly: true } },
    async (request, reply) => {
      const { viewer, urls } = requireContext(request.github);
      const query = request.query as Record<string, string>;
      const pageRequest = readPageRequest(query);
      const page = slicePage(state.organizationsOf(viewer.id), pageRequest);
      const link = linkHeader(
        `${urls.api}/user/orgs`,
        new URLSearchParams(query),
        pageRequest.page,
        page.lastPage,
      );
      if (link) reply.header("link", link);
      return page.items.map((org) => renderOrganizationSimple(org, urls));
    },
  );

  app.get<{ Params: { login: string } }>("/users/:login", async (request, reply) => {
    const { urls } = requireContext(request.github);
    const account = state.findAccount(request.params.login);
    if (!account) return sendNotFound(reply, "https://docs.github.com/rest/users/users#get-a-user");
    return renderPublicUser(account, state, urls);
  });
}
