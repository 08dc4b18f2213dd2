import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { renderIssue } from "../shapes/render-issue.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { IssueRecord } from "../state/issue.js";
import type { RepositoryRecord } from "../state/repository.js";
import { type IssuesAction, issuesEventPayload } from "../webhooks/issues-event-payload.js";
import { controlRequest } from "./control-request.js";

const OpenBody = z.strictObject({
  title: z.string().min(1),
  body: z.string().nullable().optional(),
  labels: z.array(z.string()).optional(),
});

const UpdateBody = z.strictObject({
  title: z.string().min(1).optional(),
  body: z.string().nullable().optional(),
  state: z.enum(["open", "closed"]).optional(),
  state_reason: z.enum(["completed", "not_planned"]).optional(),
  labels: z.array(z.string()).optional(),
});

type IssueEvent = { action: IssuesAction; changes?: Record<string, { from: string | null }>; label?: string };

/**
 * `POST /_simulator/repos/{o}/{r}/issues` (→ `opened`), `PATCH …/issues/{n}` (→ `edited`, `closed`,
 * `reopened`, `labeled`, `unlabeled`, one event per change) and `DELETE …/issues/{n}` (→ `deleted`).
 */
export function registerIssueControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;
  const control = controlRequest(context);
  type Params = { owner: string; repo: string; number: string };
  const find = (params: Params, reply: FastifyReply) => {
    const repository = control.repository(params.owner, params.repo, reply);
    if (!repository) return undefined;
    const issue = state.activity.issue(repository.id, Number(params.number));
    if (!issue) {
      control.fail(reply, 404, `no issue #${params.number} in ${params.owner}/${params.repo}`);
      return undefined;
    }
    return { repository, issue };
  };
  const emitAll = (found: { repository: RepositoryRecord; issue: IssueRecord }, events: IssueEvent[]) =>
    events.flatMap((event) =>
      control.emit(
        found.repository,
        issuesEventPayload(state, context.webhookUrls(), {
          ...event,
          label:
            event.label === undefined ? undefined : state.activity.label(found.repository.id, event.label),
          issue: found.issue,
          repository: found.repository,
          sender: context.owner,
        }),
      ),
    );

  app.post<{ Params: { owner: string; repo: string } }>(
    "/repos/:owner/:repo/issues",
    async (request, reply) => {
      const body = control.parse(OpenBody, request.body, reply);
      if (!body) return reply;
      const repository = control.repository(request.params.owner, request.params.repo, reply);
      if (!repository) return reply;
      const now = state.clock.now();
      const issue: IssueRecord = {
        id: state.activity.allocateId("issue", repository.id),
        repositoryId: repository.id,
        number: state.activity.allocateNumber(repository.id),
        title: body.title,
        body: body.body ?? null,
        authorId: context.owner.id,
        assigneeIds: [],
        labels: (body.labels ?? []).filter((name) => state.activity.label(repository.id, name)),
        state: "open",
        stateReason: null,
        locked: false,
        comments: 0,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
        closedById: null,
      };
      state.activity.addIssue(issue);
      const deliveries = emitAll({ repository, issue }, [{ action: "opened" }]);
      return reply
        .code(201)
        .send({ issue: renderIssue(issue, repository, state, context.webhookUrls()), deliveries });
    },
  );

  app.patch<{ Params: Params }>("/repos/:owner/:repo/issues/:number", async (request, reply) => {
    const body = control.parse(UpdateBody, request.body, reply);
    if (!body) return reply;
    const found = find(request.params, reply);
    if (!found) return reply;
    const { issue } = found;
    const events: IssueEvent[] = [];
    const now = state.clock.now();
    const changes: Record<string, { from: string | null }> = {};
    if (body.title !== undefined && body.title !== issue.title) {
      changes.title = { from: issue.title };
      issue.title = body.title;
    }
    if (body.body !== undefined && body.body !== issue.body) {
      changes.body = { from: issue.body };
      issue.body = body.body;
    }
    if (Object.keys(changes).length > 0) events.push({ action: "edited", changes });
    if (body.labels !== undefined) {
      const wanted = body.labels.filter((name) => state.activity.label(found.repository.id, name));
      for (const name of issue.labels.filter((label) => !wanted.includes(label))) {
        events.push({ action: "unlabeled", label: name });
      }
      for (const name of wanted.filter((label) => !issue.labels.includes(label))) {
        events.push({ action: "labeled", label: name });
      }
      issue.labels = wanted;
    }
    if (body.state === "closed" && issue.state === "open") {
      Object.assign(issue, {
        state: "closed",
        stateReason: body.state_reason ?? "completed",
        closedAt: now,
        closedById: context.owner.id,
      });
      events.push({ action: "closed" });
    } else if (body.state === "open" && issue.state === "closed") {
      Object.assign(issue, { state: "open", stateReason: "reopened", closedAt: null, closedById: null });
      events.push({ action: "reopened" });
    }
    if (events.length > 0) issue.updatedAt = now;
    const deliveries = emitAll(found, events);
    return {
      issue: renderIssue(issue, found.repository, state, context.webhookUrls()),
      events: events.map((event) => event.action),
      deliveries,
    };
  });

  app.delete<{ Params: Params }>("/repos/:owner/:repo/issues/:number", async (request, reply) => {
    const found = find(request.params, reply);
    if (!found) return reply;
    const deliveries = emitAll(found, [{ action: "deleted" }]);
    state.activity.deleteIssue(found.issue);
    return { deleted: found.issue.number, deliveries };
  });
}
