import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { renderPullRequest } from "../shapes/render-pull-request.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { PullRequestRecord } from "../state/pull-request.js";
import { type PullRequestAction, pullRequestEventPayload } from "../webhooks/pull-request-event-payload.js";
import { controlRequest, newCommit } from "./control-request.js";

const OpenBody = z.strictObject({
  title: z.string().min(1),
  body: z.string().nullable().optional(),
  head: z.string().min(1).optional(),
  base: z.string().min(1).optional(),
  draft: z.boolean().optional(),
  labels: z.array(z.string()).optional(),
});

const UpdateBody = z.strictObject({
  title: z.string().min(1).optional(),
  body: z.string().nullable().optional(),
  state: z.enum(["open", "closed"]).optional(),
  /** With `state: closed`: merge rather than just close. */
  merged: z.boolean().optional(),
  draft: z.boolean().optional(),
  labels: z.array(z.string()).optional(),
});

/**
 * `POST /_simulator/repos/{o}/{r}/pulls` (→ `opened`), `PATCH …/pulls/{n}` (→ `edited`, `closed`,
 * `reopened`, `ready_for_review`, `converted_to_draft`, `labeled`, `unlabeled`, one event per change) and
 * `POST …/pulls/{n}/commits` (→ `synchronize`).
 */
export function registerPullRequestControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;
  const control = controlRequest(context);
  type Params = { owner: string; repo: string; number: string };
  const find = (params: Params, reply: Parameters<typeof control.fail>[0]) => {
    const repository = control.repository(params.owner, params.repo, reply);
    if (!repository) return undefined;
    const pull = state.activity.pullRequest(repository.id, Number(params.number));
    if (!pull) {
      control.fail(reply, 404, `no pull request #${params.number} in ${params.owner}/${params.repo}`);
      return undefined;
    }
    return { repository, pull };
  };
  const emitAll = (
    found: { repository: Parameters<typeof control.emit>[0]; pull: PullRequestRecord },
    events: Array<{
      action: PullRequestAction;
      changes?: Record<string, { from: string | null }>;
      label?: string;
      before?: string;
    }>,
  ) =>
    events.flatMap((event) =>
      control.emit(
        found.repository,
        pullRequestEventPayload(state, context.webhookUrls(), {
          ...event,
          label:
            event.label === undefined ? undefined : state.activity.label(found.repository.id, event.label),
          pullRequest: found.pull,
          repository: found.repository,
          sender: context.owner,
        }),
      ),
    );

  app.post<{ Params: { owner: string; repo: string } }>(
    "/repos/:owner/:repo/pulls",
    async (request, reply) => {
      const body = control.parse(OpenBody, request.body, reply);
      if (!body) return reply;
      const repository = control.repository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      const base = state.activity.branch(repository.id, body.base ?? repository.defaultBranch);
      if (!base) return control.fail(reply, 422, `no branch ${body.base ?? repository.defaultBranch}`);
      const number = state.activity.allocateNumber(repository.id);
      const headRef = body.head ?? `feature/pull-${number}`;
      const head =
        state.activity.branch(repository.id, headRef) ??
        (() => {
          const commit = newCommit(context, repository.id, {
            ref: headRef,
            message: body.title,
            parentSha: base.sha,
            authorId: context.owner.id,
          });
          const branch = { name: headRef, sha: commit.sha, protection: null };
          state.activity.setBranch(repository.id, branch);
          return branch;
        })();
      const now = state.clock.now();
      const pull: PullRequestRecord = {
        id: state.activity.allocateId("pullRequest", repository.id),
        repositoryId: repository.id,
        number,
        title: body.title,
        body: body.body ?? null,
        authorId: context.owner.id,
        assigneeIds: [],
        requestedReviewerIds: [],
        labels: (body.labels ?? []).filter((name) => state.activity.label(repository.id, name)),
        state: "open",
        draft: body.draft ?? false,
        locked: false,
        headRef,
        headSha: head.sha,
        baseRef: base.name,
        baseSha: base.sha,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
        mergedAt: null,
        mergeCommitSha: null,
        mergedById: null,
        commits: 1,
        additions: 1,
        deletions: 0,
        changedFiles: 1,
        comments: 0,
        reviewComments: 0,
      };
      state.activity.addPullRequest(pull);
      const deliveries = emitAll({ repository, pull }, [{ action: "opened" }]);
      return reply.code(201).send({
        pull_request: renderPullRequest(pull, repository, state, context.webhookUrls()),
        deliveries,
      });
    },
  );

  app.patch<{ Params: Params }>("/repos/:owner/:repo/pulls/:number", async (request, reply) => {
    const body = control.parse(UpdateBody, request.body, reply);
    if (!body) return reply;
    const found = find(request.params, reply);
    if (!found) return reply;
    const { pull } = found;
    const events: Parameters<typeof emitAll>[1] = [];
    const now = state.clock.now();
    const changes: Record<string, { from: string | null }> = {};
    if (body.title !== undefined && body.title !== pull.title) {
      changes.title = { from: pull.title };
      pull.title = body.title;
    }
    if (body.body !== undefined && body.body !== pull.body) {
      changes.body = { from: pull.body };
      pull.body = body.body;
    }
    if (Object.keys(changes).length > 0) events.push({ action: "edited", changes });
    if (body.labels !== undefined) {
      const wanted = body.labels.filter((name) => state.activity.label(found.repository.id, name));
      for (const name of pull.labels.filter((label) => !wanted.includes(label)))
        events.push({ action: "unlabeled", label: name });
      for (const name of wanted.filter((label) => !pull.labels.includes(label)))
        events.push({ action: "labeled", label: name });
      pull.labels = wanted;
    }
    if (body.draft !== undefined && body.draft !== pull.draft && pull.state === "open") {
      pull.draft = body.draft;
      events.push({ action: body.draft ? "converted_to_draft" : "ready_for_review" });
    }
    if (body.state === "closed" && pull.state === "open") {
      pull.state = "closed";
      pull.closedAt = now;
      if (body.merged) {
        pull.mergedAt = now;
        pull.mergedById = context.owner.id;
        pull.mergeCommitSha = newCommit(context, found.repository.id, {
          ref: `pull/${pull.number}/merge`,
          message: `Merge pull request #${pull.number} from ${pull.headRef}`,
          parentSha: pull.headSha,
          authorId: context.owner.id,
        }).sha;
      }
      events.push({ action: "closed" });
    } else if (body.state === "open" && pull.state === "closed" && pull.mergedAt === null) {
      pull.state = "open";
      pull.closedAt = null;
      events.push({ action: "reopened" });
    }
    if (events.length > 0) pull.updatedAt = now;
    const deliveries = emitAll(found, events);
    return {
      pull_request: renderPullRequest(pull, found.repository, state, context.webhookUrls()),
      events: events.map((event) => event.action),
      deliveries,
    };
  });

  app.post<{ Params: Params }>("/repos/:owner/:repo/pulls/:number/commits", async (request, reply) => {
    const found = find(request.params, reply);
    if (!found) return reply;
    const { pull, repository } = found;
    if (pull.state !== "open") return control.fail(reply, 422, `pull request #${pull.number} is closed`);
    const before = pull.headSha;
    const commit = newCommit(context, repository.id, {
      ref: pull.headRef,
      message: `Update ${pull.title}`,
      parentSha: before,
      authorId: context.owner.id,
    });
    state.activity.setBranch(repository.id, {
      name: pull.headRef,
      sha: commit.sha,
      protection: state.activity.branch(repository.id, pull.headRef)?.protection ?? null,
    });
    pull.headSha = commit.sha;
    pull.commits += 1;
    pull.updatedAt = commit.timestamp;
    const deliveries = emitAll(found, [{ action: "synchronize", before }]);
    return { pull_request: renderPullRequest(pull, repository, state, context.webhookUrls()), deliveries };
  });
}
