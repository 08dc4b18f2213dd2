import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { workflowFileText } from "../generate-actions.js";
import { renderWorkflow } from "../shapes/render-workflow.js";
import { renderWorkflowRun } from "../shapes/render-workflow-run.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { WorkflowRecord } from "../state/workflow.js";
import { pushEventPayload } from "../webhooks/push-event-payload.js";
import { type WorkflowRunAction, workflowRunEventPayload } from "../webhooks/workflow-run-event-payload.js";
import { controlRequest } from "./control-request.js";

const WORKFLOW_FILE = /^[A-Za-z0-9._-]+\.ya?ml$/;

const PutWorkflowBody = z.strictObject({
  name: z.string().min(1).optional(),
  content: z.string().optional(),
});

const CreateRunBody = z.strictObject({
  workflow: z.union([z.number().int(), z.string().min(1)]),
  event: z.string().min(1).optional(),
  head_branch: z.string().min(1).optional(),
});

const UpdateRunBody = z.strictObject({
  status: z.enum(["in_progress", "completed"]),
  conclusion: z
    .enum(["success", "failure", "cancelled", "skipped", "neutral", "timed_out", "action_required", "stale"])
    .optional(),
});

/**
 * Control API for GitHub Actions (`/_simulator/repos/{o}/{r}/…`), each change emitting GitHub's webhook:
 *
 * - `PUT …/actions/workflows/{file}` `{name?, content?}` writes `.github/workflows/{file}` on the default
 *   branch (a new workflow, or a changed one) and emits `push`.
 * - `DELETE …/actions/workflows/{file}` removes the file and emits `push`; a workflow with runs stays
 *   with state `deleted` (as on GitHub), one without runs disappears.
 * - `POST …/actions/runs` `{workflow, event?, head_branch?}` queues a run: `workflow_run` `requested`.
 * - `PATCH …/actions/runs/{id}` `{status, conclusion?}`: `workflow_run` `in_progress` or `completed`.
 */
export function registerActionsControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;
  const random = context.random.fork("actions-control");

  const { fail, parse, repository: findRepository, emit: emitFor } = controlRequest(context);
  const push = (
    repository: RepositoryRecord,
    change: { added?: string[]; modified?: string[]; removed?: string[] },
    message: string,
  ) => {
    const now = state.clock.now();
    repository.pushedAt = now;
    repository.updatedAt = now;
    return emitFor(
      repository,
      pushEventPayload(state, context.webhookUrls(), {
        repository,
        branch: repository.defaultBranch,
        before: random.hex(40),
        commits: [
          {
            id: random.hex(40),
            message,
            timestamp: now,
            added: change.added ?? [],
            modified: change.modified ?? [],
            removed: change.removed ?? [],
          },
        ],
        pusher: context.owner,
      }),
    );
  };

  app.put<{ Params: { owner: string; repo: string; file: string } }>(
    "/repos/:owner/:repo/actions/workflows/:file",
    async (request, reply) => {
      const body = parse(PutWorkflowBody, request.body, reply);
      if (!body) return reply;
      const repository = findRepository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      if (!WORKFLOW_FILE.test(request.params.file))
        return fail(reply, 422, "a workflow file ends in .yml or .yaml");
      const path = `.github/workflows/${request.params.file}`;
      const now = state.clock.now();
      let workflow: WorkflowRecord | undefined = state.actions.findWorkflowByPath(repository.id, path);
      const existed = workflow !== undefined && workflow.state !== "deleted";
      if (workflow) {
        Object.assign(workflow, { name: body.name ?? workflow.name, state: "active", updatedAt: now });
      } else {
        workflow = {
          id: state.actions.allocateId("workflow", repository.id),
          repositoryId: repository.id,
          name: body.name ?? request.params.file.replace(/\.ya?ml$/, ""),
          path,
          state: "active",
          createdAt: now,
          updatedAt: now,
        };
        state.actions.addWorkflow(workflow);
      }
      state.writeFile(
        repository.id,
        repository.defaultBranch,
        path,
        body.content ?? workflowFileText(workflow.name),
      );
      const deliveries = push(
        repository,
        existed ? { modified: [path] } : { added: [path] },
        `Update ${path}`,
      );
      return { workflow: renderWorkflow(workflow, state, context.webhookUrls()), deliveries };
    },
  );

  app.delete<{ Params: { owner: string; repo: string; file: string } }>(
    "/repos/:owner/:repo/actions/workflows/:file",
    async (request, reply) => {
      const repository = findRepository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      const path = `.github/workflows/${request.params.file}`;
      const workflow = state.actions.findWorkflowByPath(repository.id, path);
      if (!workflow || workflow.state === "deleted")
        return fail(reply, 404, `no workflow ${path} in ${repository.name}`);
      state.deleteFile(repository.id, repository.defaultBranch, path);
      if (state.actions.runsOf(workflow.id).length > 0) {
        workflow.state = "deleted";
        workflow.updatedAt = state.clock.now();
      } else {
        state.actions.removeWorkflow(workflow.id);
      }
      const deliveries = push(repository, { removed: [path] }, `Remove ${path}`);
      return { deleted: path, state: workflow.state, deliveries };
    },
  );

  app.post<{ Params: { owner: string; repo: string } }>(
    "/repos/:owner/:repo/actions/runs",
    async (request, reply) => {
      const body = parse(CreateRunBody, request.body, reply);
      if (!body) return reply;
      const repository = findRepository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      const workflow = state.actions.findWorkflow(repository.id, String(body.workflow));
      if (!workflow || workflow.state === "deleted") {
        return fail(reply, 404, `no workflow ${body.workflow} in ${repository.name}`);
      }
      const now = state.clock.now();
      const headBranch = body.head_branch ?? repository.defaultBranch;
      // The run builds the branch's head commit (the default branch's when the branch has no files).
      const head =
        (state.hasRef(repository.id, headBranch) ? state.headCommit(repository.id, headBranch) : undefined) ??
        state.headCommit(repository.id, repository.defaultBranch);
      const run = {
        id: state.actions.allocateId("run", repository.id),
        workflowId: workflow.id,
        repositoryId: repository.id,
        runNumber: state.actions.nextRunNumber(workflow.id),
        runAttempt: 1,
        event: body.event ?? "workflow_dispatch",
        status: "queued" as const,
        conclusion: null,
        headBranch,
        headSha: head?.sha ?? random.hex(40),
        headMessage: head?.message ?? `Run ${workflow.name}`,
        actorId: context.owner.id,
        checkSuiteId: state.actions.allocateId("checkSuite", repository.id),
        createdAt: now,
        updatedAt: now,
        runStartedAt: now,
      };
      state.actions.addRun(run);
      const deliveries = emitFor(
        repository,
        workflowRunEventPayload(state, context.webhookUrls(), {
          action: "requested",
          run,
          sender: context.owner,
        }),
      );
      return reply.code(201).send({ run: renderWorkflowRun(run, state, context.webhookUrls()), deliveries });
    },
  );

  app.patch<{ Params: { owner: string; repo: string; id: string } }>(
    "/repos/:owner/:repo/actions/runs/:id",
    async (request, reply) => {
      const body = parse(UpdateRunBody, request.body, reply);
      if (!body) return reply;
      const repository = findRepository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      const run = /^\d+$/.test(request.params.id)
        ? state.actions.getRun(repository.id, Number(request.params.id))
        : undefined;
      if (!run) return fail(reply, 404, `no run ${request.params.id} in ${repository.name}`);
      run.status = body.status;
      run.conclusion = body.status === "completed" ? (body.conclusion ?? "success") : null;
      run.updatedAt = state.clock.now();
      const action: WorkflowRunAction = body.status;
      const deliveries = emitFor(
        repository,
        workflowRunEventPayload(state, context.webhookUrls(), { action, run, sender: context.owner }),
      );
      return { run: renderWorkflowRun(run, state, context.webhookUrls()), deliveries };
    },
  );
}
