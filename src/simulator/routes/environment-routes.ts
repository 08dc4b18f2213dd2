import type { FastifyInstance } from "fastify";
import { sendNotFound } from "../http/github-error.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import { sendPage } from "../http/send-page.js";
import { renderActionsVariable, renderEnvironment } from "../shapes/render-environment.js";
import type { SimulatorContext } from "../simulator-context.js";

const LIST_DOCS = "https://docs.github.com/rest/deployments/environments#list-environments";
const GET_DOCS = "https://docs.github.com/rest/deployments/environments#get-an-environment";
const VARIABLES_DOCS = "https://docs.github.com/rest/actions/variables#list-environment-variables";

/**
 * Deployment environments: `GET /repos/{o}/{r}/environments` (`{total_count, environments}`),
 * `…/environments/{name}` and `…/environments/{name}/variables` (`{total_count, variables}`); each at
 * `/repositories/{id}/…` too.
 */
export function registerEnvironmentRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  const permission = "actions=read";
  registerRepositoryGet(
    app,
    state,
    { path: "/environments", documentationUrl: LIST_DOCS, permission },
    (repo, request, reply) => {
      const environments = state.deployments.environmentsOf(repo.id);
      const { urls } = requireContext(request.github);
      const page = sendPage(request, reply, environments);
      return {
        total_count: environments.length,
        environments: page.map((environment) => renderEnvironment(environment, state, urls)),
      };
    },
  );

  registerRepositoryGet(
    app,
    state,
    { path: "/environments/:name", documentationUrl: GET_DOCS, permission },
    (repo, request, reply) => {
      const environment = state.deployments.findEnvironment(repo.id, request.params.name ?? "");
      if (!environment) return sendNotFound(reply, GET_DOCS);
      return renderEnvironment(environment, state, requireContext(request.github).urls);
    },
  );

  registerRepositoryGet(
    app,
    state,
    { path: "/environments/:name/variables", documentationUrl: VARIABLES_DOCS, permission },
    (repo, request, reply) => {
      const environment = state.deployments.findEnvironment(repo.id, request.params.name ?? "");
      if (!environment) return sendNotFound(reply, VARIABLES_DOCS);
      const variables = [...environment.variables].sort((a, b) => (a.name < b.name ? -1 : 1));
      const page = sendPage(request, reply, variables);
      return { total_count: variables.length, variables: page.map(renderActionsVariable) };
    },
  );
}
