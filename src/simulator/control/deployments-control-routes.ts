import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { renderDeployment, renderDeploymentStatus } from "../shapes/render-deployment.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { DeploymentRecord, DeploymentStatusRecord } from "../state/deployment.js";
import type { RepositoryRecord } from "../state/repository.js";
import {
  deploymentEventPayload,
  deploymentStatusEventPayload,
} from "../webhooks/deployment-event-payloads.js";
import { controlRequest } from "./control-request.js";

const CreateDeploymentBody = z.strictObject({
  environment: z.string().min(1).max(255).default("production"),
  ref: z.string().min(1).optional(),
  sha: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .optional(),
  task: z.string().min(1).default("deploy"),
  description: z.string().nullable().optional(),
  production_environment: z.boolean().optional(),
  transient_environment: z.boolean().optional(),
});

const CreateStatusBody = z.strictObject({
  state: z.enum(["error", "failure", "inactive", "pending", "success", "queued", "in_progress"]),
  description: z.string().max(140).optional(),
  environment_url: z.string().optional(),
  log_url: z.string().optional(),
});

/**
 * Control API for deployments (`/_simulator/repos/{o}/{r}/…`):
 *
 * - `POST …/deployments` `{environment?, ref?, sha?, task?, description?, …}` creates a deployment of
 *   `sha` (default: the newest commit) and, when it is new, its environment (as GitHub does), and emits
 *   `deployment` `created`.
 * - `POST …/deployments/{id}/statuses` `{state, description?, environment_url?, log_url?}` adds a
 *   status and emits `deployment_status` `created`.
 */
export function registerDeploymentsControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;
  const { fail, parse, repository: findRepository, emit: emitFor } = controlRequest(context);

  /** The default branch's head commit; an empty repository gets its first. */
  const headCommit = (repository: RepositoryRecord, now: string): string => {
    const head = state.headCommit(repository.id, repository.defaultBranch);
    if (head) return head.sha;
    return state.recordCommit(repository.id, repository.defaultBranch, {
      parentSha: null,
      message: "Initial commit",
      authorId: context.owner.id,
      date: now,
    }).sha;
  };

  app.post<{ Params: { owner: string; repo: string } }>(
    "/repos/:owner/:repo/deployments",
    async (request, reply) => {
      const body = parse(CreateDeploymentBody, request.body, reply);
      if (!body) return reply;
      const repository = findRepository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      const now = state.clock.now();
      if (!state.deployments.findEnvironment(repository.id, body.environment)) {
        state.deployments.addEnvironment({
          id: state.deployments.allocateId("environment", repository.id),
          repositoryId: repository.id,
          name: body.environment,
          canAdminsBypass: true,
          waitTimer: null,
          variables: [],
          createdAt: now,
          updatedAt: now,
        });
      }
      const deployment: DeploymentRecord = {
        id: state.deployments.allocateId("deployment", repository.id),
        repositoryId: repository.id,
        sha: body.sha ?? headCommit(repository, now),
        ref: body.ref ?? repository.defaultBranch,
        task: body.task,
        environment: body.environment,
        description: body.description ?? null,
        creatorId: context.owner.id,
        productionEnvironment: body.production_environment ?? body.environment === "production",
        transientEnvironment: body.transient_environment ?? false,
        createdAt: now,
        updatedAt: now,
      };
      state.deployments.addDeployment(deployment);
      const deliveries = emitFor(
        repository,
        deploymentEventPayload(state, context.webhookUrls(), { deployment, sender: context.owner }),
      );
      return reply
        .code(201)
        .send({ deployment: renderDeployment(deployment, state, context.webhookUrls()), deliveries });
    },
  );

  app.post<{ Params: { owner: string; repo: string; id: string } }>(
    "/repos/:owner/:repo/deployments/:id/statuses",
    async (request, reply) => {
      const body = parse(CreateStatusBody, request.body, reply);
      if (!body) return reply;
      const repository = findRepository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      const deployment = /^\d+$/.test(request.params.id)
        ? state.deployments.getDeployment(repository.id, Number(request.params.id))
        : undefined;
      if (!deployment) return fail(reply, 404, `no deployment ${request.params.id} in ${repository.name}`);
      const now = state.clock.now();
      const status: DeploymentStatusRecord = {
        id: state.deployments.allocateId("status", repository.id),
        deploymentId: deployment.id,
        state: body.state,
        description: body.description ?? "",
        environment: deployment.environment,
        environmentUrl: body.environment_url ?? "",
        logUrl: body.log_url ?? "",
        creatorId: context.owner.id,
        createdAt: now,
        updatedAt: now,
      };
      state.deployments.addStatus(status);
      deployment.updatedAt = now;
      const deliveries = emitFor(
        repository,
        deploymentStatusEventPayload(state, context.webhookUrls(), {
          status,
          deployment,
          sender: context.owner,
        }),
      );
      return reply.code(201).send({
        deployment_status: renderDeploymentStatus(status, deployment, state, context.webhookUrls()),
        deliveries,
      });
    },
  );
}
