import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { SimulatorContext } from "../simulator-context.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SecurityAlertKind, SecurityAlertRecord } from "../state/security-alert.js";
import { securityAlertEventPayload } from "../webhooks/security-alert-event-payload.js";

/**
 * What each webhook action does to an alert (the actions of the seed's live-event list). `created`
 * opens a new alert; the others change an existing one. `closerId` is the person acting (the dismisser
 * of a `dismissed` alert); GitHub's own closings (`fixed`, `auto_dismissed`) name nobody.
 */
const ACTIONS: Record<
  SecurityAlertKind,
  Record<string, (alert: SecurityAlertRecord, now: string, closerId: number) => void>
> = {
  dependabot: {
    reopened: reopen,
    auto_reopened: reopen,
    reintroduced: reopen,
    dismissed: close("dismissed", "person"),
    auto_dismissed: close("auto_dismissed", "github"),
    fixed: close("fixed", "github"),
  },
  "code-scanning": {
    appeared_in_branch: reopen,
    reopened: reopen,
    fixed: close("fixed", "github"),
    closed_by_user: close("dismissed", "person"),
  },
  "secret-scanning": {
    publicly_leaked: (alert) => {
      if (alert.kind === "secret-scanning") alert.publiclyLeaked = true;
    },
    reopened: reopen,
    validated: (alert) => {
      if (alert.kind === "secret-scanning")
        alert.validity = alert.validity === "active" ? "inactive" : "active";
    },
    resolved: close("resolved", "person"),
  },
};

function reopen(alert: SecurityAlertRecord): void {
  alert.state = "open";
  alert.closedById = null;
  if (alert.kind === "secret-scanning") {
    alert.resolution = null;
    alert.resolvedAt = null;
  } else {
    alert.closedAt = null;
    alert.dismissedReason = null;
  }
}

function close(state: string, closer: "person" | "github") {
  return (alert: SecurityAlertRecord, now: string, closerId: number) => {
    (alert as { state: string }).state = state;
    alert.closedById = closer === "person" ? closerId : null;
    if (alert.kind === "secret-scanning") {
      alert.resolution = "revoked";
      alert.resolvedAt = now;
    } else {
      alert.closedAt = now;
      if (alert.kind === "dependabot" && state === "dismissed") alert.dismissedReason = "tolerable_risk";
      if (alert.kind === "code-scanning" && state === "dismissed") alert.dismissedReason = "won't fix";
    }
  };
}

const KINDS: Record<string, SecurityAlertKind> = {
  dependabot: "dependabot",
  "code-scanning": "code-scanning",
  "secret-scanning": "secret-scanning",
};

const ActionBody = z.strictObject({ action: z.string() });

/**
 * The control API for security alerts: `POST /_simulator/repos/{o}/{r}/{kind}/alerts` opens a new alert
 * like an existing one (action `created`), `POST .../{kind}/alerts/{n}/events {action}` applies one of the
 * kind's webhook actions; each emits its webhook. `{kind}` is `dependabot`, `code-scanning` or
 * `secret-scanning`.
 */
export function registerSecurityAlertControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;
  const fail = (reply: FastifyReply, status: number, message: string) => reply.code(status).send({ message });
  const locate = (params: { owner: string; repo: string; kind: string }, reply: FastifyReply) => {
    const kind = KINDS[params.kind];
    if (!kind) return void fail(reply, 404, `no alert kind ${params.kind}`);
    const found = state.findRepository(params.owner, params.repo);
    if (!found) return void fail(reply, 404, `no repository ${params.owner}/${params.repo}`);
    state.enableAlerts(kind, found.repository.id);
    return { kind, repository: found.repository };
  };
  const emit = (repository: RepositoryRecord, action: string, alert: SecurityAlertRecord) =>
    context.webhooks.emitToRepository(
      repository,
      securityAlertEventPayload(state, context.webhookUrls(), { action, alert, sender: context.owner }),
    );

  app.post<{ Params: { owner: string; repo: string; kind: string } }>(
    "/repos/:owner/:repo/:kind/alerts",
    async (request, reply) => {
      const target = locate(request.params, reply);
      if (!target) return reply;
      // A new alert modelled on the organization's first one of the kind (the seed gives every kind some).
      const template = state
        .repositoriesOwnedBy(context.organization.id)
        .flatMap((repository) => state.alertsOf(target.kind, repository.id))
        .at(0);
      if (!template)
        return fail(reply, 422, `no ${target.kind} alert in the simulator to model a new one on`);
      const now = state.clock.now();
      const alert = {
        ...template,
        repositoryId: target.repository.id,
        number: state.nextAlertNumber(target.kind, target.repository.id),
        createdAt: now,
        updatedAt: now,
      } as SecurityAlertRecord;
      reopen(alert);
      state.addAlert(alert);
      return reply
        .code(201)
        .send({ number: alert.number, deliveries: emit(target.repository, "created", alert) });
    },
  );

  app.post<{ Params: { owner: string; repo: string; kind: string; number: string } }>(
    "/repos/:owner/:repo/:kind/alerts/:number/events",
    async (request, reply) => {
      const body = ActionBody.safeParse(request.body ?? {});
      if (!body.success) return fail(reply, 422, "invalid request body: { action: string } expected");
      const target = locate(request.params, reply);
      if (!target) return reply;
      const alert = state.findAlert(target.kind, target.repository.id, Number(request.params.number));
      if (!alert) return fail(reply, 404, `no ${target.kind} alert ${request.params.number}`);
      const apply = ACTIONS[target.kind][body.data.action];
      if (!apply) {
        return fail(
          reply,
          422,
          `${target.kind} alerts have no action ${body.data.action}; use one of ${Object.keys(ACTIONS[target.kind]).join(", ")}`,
        );
      }
      const now = state.clock.now();
      apply(alert, now, context.owner.id);
      alert.updatedAt = now;
      return {
        number: alert.number,
        state: alert.state,
        deliveries: emit(target.repository, body.data.action, alert),
      };
    },
  );
}
