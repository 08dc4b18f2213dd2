import type { FastifyInstance } from "fastify";
import { sendNotFound } from "../http/github-error.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import { sendPage } from "../http/send-page.js";
import { renderDeployment, renderDeploymentStatus } from "../shapes/render-deployment.js";
import type { SimulatorContext } from "../simulator-context.js";

const LIST_DOCS = "https://docs.github.com/rest/deployments/deployments#list-deployments";
const GET_DOCS = "https://docs.github.com/rest/deployments/deployments#get-a-deployment";
const STATUSES_DOCS = "https://docs.github.com/rest/deployments/statuses#list-deployment-statuses";
const STATUS_DOCS = "https://docs.github.com/rest/deployments/statuses#get-a-deployment-status";

const numeric = (text: string | undefined): number | undefined =>
  text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;

/**
 * Deployments, newest first: `GET /repos/{o}/{r}/deployments` (`sha`, `ref`, `task`, `environment`
 * filters, exact match), `…/deployments/{id}`, `…/deployments/{id}/statuses` and
 * `…/deployments/{id}/statuses/{status_id}`; each at `/repositories/{id}/…` too.
 */
export function registerDeploymentRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  const permission = "deployments=read";
  registerRepositoryGet(
    app,
    state,
    { path: "/deployments", documentationUrl: LIST_DOCS, permission },
    (repo, request, reply) => {
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

  /** The deployment a `…/deployments/:deployment_id…` request names, if the repository has it. */
  const deploymentOf = (repoId: number, id: string | undefined) => {
    const deploymentId = numeric(id);
    return deploymentId === undefined ? undefined : state.deployments.getDeployment(repoId, deploymentId);
  };

  registerRepositoryGet(
    app,
    state,
    { path: "/deployments/:deployment_id", documentationUrl: GET_DOCS, permission },
    (repo, request, reply) => {
      const deployment = deploymentOf(repo.id, request.params.deployment_id);
      if (!deployment) return sendNotFound(reply, GET_DOCS);
      return renderDeployment(deployment, state, requireContext(request.github).urls);
    },
  );

  registerRepositoryGet(
    app,
    state,
    { path: "/deployments/:deployment_id/statuses", documentationUrl: STATUSES_DOCS, permission },
    (repo, request, reply) => {
      const deployment = deploymentOf(repo.id, request.params.deployment_id);
      if (!deployment) return sendNotFound(reply, STATUSES_DOCS);
      const { urls } = requireContext(request.github);
      return sendPage(request, reply, state.deployments.statusesOf(deployment.id)).map((status) =>
        renderDeploymentStatus(status, deployment, state, urls),
      );
    },
  );

  registerRepositoryGet(
    app,
    state,
    { path: "/deployments/:deployment_id/statuses/:status_id", documentationUrl: STATUS_DOCS, permission },
    (repo, request, reply) => {
      const deployment = deploymentOf(repo.id, request.params.deployment_id);
      const wanted = numeric(request.params.status_id);
      const status =
        deployment && wanted !== undefined ? state.deployments.getStatus(deployment.id, wanted) : undefined;
      if (!deployment || !status) return sendNotFound(reply, STATUS_DOCS);
      return renderDeploymentStatus(status, deployment, state, requireContext(request.github).urls);
    },
  );
}
