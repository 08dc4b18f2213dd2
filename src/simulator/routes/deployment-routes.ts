import type { FastifyInstance } from "fastify";
import { sendNotFound } from "../http/github-error.js";
import { requireContext } from "../http/request-context.js";
import { resolveRepository } from "../http/resolve-repository.js";
import { sendPage } from "../http/send-page.js";
import { renderDeployment, renderDeploymentStatus } from "../shapes/render-deployment.js";
import type { SimulatorContext } from "../simulator-context.js";

const LIST_DOCS = "https://docs.github.com/rest/deployments/deployments#list-deployments";
const GET_DOCS = "https://docs.github.com/rest/deployments/deployments#get-a-deployment";
const STATUSES_DOCS = "https://docs.github.com/rest/deployments/statuses#list-deployment-statuses";
const STATUS_DOCS = "https://docs.github.com/rest/deployments/statuses#get-a-deployment-status";

interface RepoParams {
  owner: string;
  repo: string;
}

const numeric = (text: string): number | undefined => (/^\d+$/.test(text) ? Number(text) : undefined);

/**
 * Deployments, newest first: `GET /repos/{o}/{r}/deployments` (`sha`, `ref`, `task`, `environment`
 * filters, exact match), `…/deployments/{id}`, `…/deployments/{id}/statuses` and
 * `…/deployments/{id}/statuses/{status_id}`.
 */
export function registerDeploymentRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  app.get<{ Params: RepoParams }>(
    "/repos/:owner/:repo/deployments",
    { config: { acceptedScopes: ["repo"], permission: "deployments=read" } },
    async (request, reply) => {
      const repo = resolveRepository(state, request, reply, {
        ...request.params,
        rest: "/deployments",
        documentationUrl: LIST_DOCS,
      });
      if (!repo) return reply;
      const query = request.query as Record<string, string | undefined>;
      const deployments = state.deployments
        .deploymentsOf(repo.id)
        .filter(
          (deployment) =>
            (query.sha === undefined || deployment.sha === query.sha) &&
            (query.ref === undefined || deployment.ref === query.ref) &&
            (query.task === undefined || deployment.task === query.task) &&
            (query.environment === undefined || deployment.environment === query.environment),
        );
      const { urls } = requireContext(request.github);
      return sendPage(request, reply, deployments).map((deployment) =>
        renderDeployment(deployment, state, urls),
      );
    },
  );

  app.get<{ Params: RepoParams & { id: string } }>(
    "/repos/:owner/:repo/deployments/:id",
    { config: { acceptedScopes: ["repo"], permission: "deployments=read" } },
    async (request, reply) => {
      const { id, ...params } = request.params;
      const repo = resolveRepository(state, request, reply, {
        ...params,
        rest: `/deployments/${id}`,
        documentationUrl: GET_DOCS,
      });
      if (!repo) return reply;
      const deploymentId = numeric(id);
      const deployment =
        deploymentId === undefined ? undefined : state.deployments.getDeployment(repo.id, deploymentId);
      if (!deployment) return sendNotFound(reply, GET_DOCS);
      return renderDeployment(deployment, state, requireContext(request.github).urls);
    },
  );

  app.get<{ Params: RepoParams & { id: string } }>(
    "/repos/:owner/:repo/deployments/:id/statuses",
    { config: { acceptedScopes: ["repo"], permission: "deployments=read" } },
    async (request, reply) => {
      const { id, ...params } = request.params;
      const repo = resolveRepository(state, request, reply, {
        ...params,
        rest: `/deployments/${id}/statuses`,
        documentationUrl: STATUSES_DOCS,
      });
      if (!repo) return reply;
      const deploymentId = numeric(id);
      const deployment =
        deploymentId === undefined ? undefined : state.deployments.getDeployment(repo.id, deploymentId);
      if (!deployment) return sendNotFound(reply, STATUSES_DOCS);
      const { urls } = requireContext(request.github);
      return sendPage(request, reply, state.deployments.statusesOf(deployment.id)).map((status) =>
        renderDeploymentStatus(status, deployment, state, urls),
      );
    },
  );

  app.get<{ Params: RepoParams & { id: string; status: string } }>(
    "/repos/:owner/:repo/deployments/:id/statuses/:status",
    { config: { acceptedScopes: ["repo"], permission: "deployments=read" } },
    async (request, reply) => {
      const { id, status: statusId, ...params } = request.params;
      const repo = resolveRepository(state, request, reply, {
        ...params,
        rest: `/deployments/${id}/statuses/${statusId}`,
        documentationUrl: STATUS_DOCS,
      });
      if (!repo) return reply;
      const deploymentId = numeric(id);
      const deployment =
        deploymentId === undefined ? undefined : state.deployments.getDeployment(repo.id, deploymentId);
      const wanted = numeric(statusId);
      const status =
        deployment && wanted !== undefined ? state.deployments.getStatus(deployment.id, wanted) : undefined;
      if (!deployment || !status) return sendNotFound(reply, STATUS_DOCS);
      return renderDeploymentStatus(status, deployment, state, requireContext(request.github).urls);
    },
  );
}
