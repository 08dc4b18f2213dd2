import type { FastifyInstance } from "fastify";
import { sendNotFound } from "../http/github-error.js";
import { requireContext } from "../http/request-context.js";
import { resolveRepository } from "../http/resolve-repository.js";
import { sendPage } from "../http/send-page.js";
import { renderActionsVariable, renderEnvironment } from "../shapes/render-environment.js";
import type { SimulatorContext } from "../simulator-context.js";

const LIST_DOCS = "https://docs.github.com/rest/deployments/environments#list-environments";
const GET_DOCS = "https://docs.github.com/rest/deployments/environments#get-an-environment";
const VARIABLES_DOCS = "https://docs.github.com/rest/actions/variables#list-environment-variables";

interface RepoParams {
  owner: string;
  repo: string;
}

/**
 * Deployment environments: `GET /repos/{o}/{r}/environments` (`{total_count, environments}`),
 * `…/environments/{name}` and `…/environments/{name}/variables` (`{total_count, variables}`).
 */
export function registerEnvironmentRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  app.get<{ Params: RepoParams }>(
    "/repos/:owner/:repo/environments",
    { config: { acceptedScopes: ["repo"], permission: "actions=read" } },
    async (request, reply) => {
      const repo = resolveRepository(state, request, reply, {
        ...request.params,
        rest: "/environments",
        documentationUrl: LIST_DOCS,
      });
      if (!repo) return reply;
      const environments = state.deployments.environmentsOf(repo.id);
      const { urls } = requireContext(request.github);
      const page = sendPage(request, reply, environments);
      return {
        total_count: environments.length,
        environments: page.map((environment) => renderEnvironment(environment, state, urls)),
      };
    },
  );

  app.get<{ Params: RepoParams & { name: string } }>(
    "/repos/:owner/:repo/environments/:name",
    { config: { acceptedScopes: ["repo"], permission: "actions=read" } },
    async (request, reply) => {
      const { name, ...params } = request.params;
      const repo = resolveRepository(state, request, reply, {
        ...params,
        rest: `/environments/${encodeURIComponent(name)}`,
        documentationUrl: GET_DOCS,
      });
      if (!repo) return reply;
      const environment = state.deployments.findEnvironment(repo.id, name);
      if (!environment) return sendNotFound(reply, GET_DOCS);
      return renderEnvironment(environment, state, requireContext(request.github).urls);
    },
  );

  app.get<{ Params: RepoParams & { name: string } }>(
    "/repos/:owner/:repo/environments/:name/variables",
    { config: { acceptedScopes: ["repo"], permission: "actions=read" } },
    async (request, reply) => {
      const { name, ...params } = request.params;
      const repo = resolveRepository(state, request, reply, {
        ...params,
        rest: `/environments/${encodeURIComponent(name)}/variables`,
        documentationUrl: VARIABLES_DOCS,
      });
      if (!repo) return reply;
      const environment = state.deployments.findEnvironment(repo.id, name);
      if (!environment) return sendNotFound(reply, VARIABLES_DOCS);
      const variables = [...environment.variables].sort((a, b) => (a.name < b.name ? -1 : 1));
      const page = sendPage(request, reply, variables);
      return { total_count: variables.length, variables: page.map(renderActionsVariable) };
    },
  );
}
