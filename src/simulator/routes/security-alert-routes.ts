import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { pagedReply } from "../http/paged-reply.js";
import { requireContext } from "../http/request-context.js";
import { resolveRepository } from "../http/resolve-repository.js";
import { renderCodeScanningAlert } from "../shapes/render-code-scanning-alert.js";
import { renderDependabotAlert } from "../shapes/render-dependabot-alert.js";
import { renderSecretScanningAlert } from "../shapes/render-secret-scanning-alert.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SecurityAlertKind } from "../state/security-alert.js";
import type { RequiredPermission } from "../state/token-grant.js";

const DOCS = {
  dependabot: "https://docs.github.com/rest/dependabot/alerts",
  "code-scanning": "https://docs.github.com/rest/code-scanning/code-scanning",
  "secret-scanning": "https://docs.github.com/rest/secret-scanning/secret-scanning",
} as const;

/** What GitHub answers when the feature is off for the repository. */
const DISABLED: Record<SecurityAlertKind, { status: number; message: string }> = {
  dependabot: { status: 403, message: "Dependabot alerts are disabled for this repository." },
  "code-scanning": {
    status: 403,
    message: "Advanced Security must be enabled for this repository to use code scanning.",
  },
  "secret-scanning": { status: 404, message: "Secret scanning is disabled on this repository." },
};

type Params = { owner: string; repo: string };
type Query = Record<string, string | undefined>;

/** A comma-separated filter (`state=open,fixed`); undefined (no filter) when absent or empty. */
function list(value: string | undefined): string[] | undefined {
  const items =
    value
      ?.split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "") ?? [];
  return items.length > 0 ? items : undefined;
}

/** `sort=created|updated`, `direction=asc|desc` (newest first by default). */
function ordered<T extends { createdAt: string; updatedAt: string; number: number }>(
  alerts: T[],
  query: Query,
): T[] {
  const key = query.sort === "updated" ? "updatedAt" : "createdAt";
  const sign = query.direction === "asc" ? 1 : -1;
  return alerts.sort((a, b) => sign * (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.number - b.number));
}

/**
 * Repository security alerts: Dependabot (`state`, `severity`, `ecosystem` as comma lists), code
 * scanning (`state` incl. `closed`, `severity`) and secret scanning (`state`, `hide_secret`), each list
 * and single alert, with GitHub's answers when the feature is disabled.
 */
export function registerSecurityAlertRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  const needs = (permission: RequiredPermission) => ({
    config: { acceptedScopes: ["repo", "security_events"], permission },
  });
  const target = (
    kind: SecurityAlertKind,
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    rest: string,
  ): { repository: RepositoryRecord; fullName: string } | undefined => {
    const repository = resolveRepository(state, request, reply, {
      ...request.params,
      rest,
      documentationUrl: DOCS[kind],
    });
    if (!repository) return undefined;
    if (!state.alertsEnabled(kind, repository.id)) {
      sendGitHubError(reply, DISABLED[kind].status, DISABLED[kind].message, DOCS[kind]);
      return undefined;
    }
    return { repository, fullName: `${state.getAccount(repository.ownerId).login}/${repository.name}` };
  };
  const number = (value: string) => (/^\d+$/.test(value) ? Number(value) : Number.NaN);

  app.get<{ Params: Params; Querystring: Query }>(
    "/repos/:owner/:repo/dependabot/alerts",
    needs("vulnerability_alerts=read"),
    async (request, reply) => {
      const found = target("dependabot", request, reply, "/dependabot/alerts");
      if (!found) return reply;
      const { urls } = requireContext(request.github);
      const [states, severities, ecosystems] = [
        list(request.query.state),
        list(request.query.severity),
        list(request.query.ecosystem),
      ];
      const alerts = ordered(
        state
          .alertsOf("dependabot", found.repository.id)
          .filter(
            (alert) =>
              (!states || states.includes(alert.state)) &&
              (!severities || severities.includes(alert.severity)) &&
              (!ecosystems || ecosystems.includes(alert.ecosystem)),
          ),
        request.query,
      );
      return pagedReply(
        request,
        reply,
        `${urls.api}/repositories/${found.repository.id}/dependabot/alerts`,
        alerts,
      ).map((alert) => renderDependabotAlert(alert, found.fullName, state, urls));
    },
  );

  app.get<{ Params: Params & { number: string } }>(
    "/repos/:owner/:repo/dependabot/alerts/:number",
    needs("vulnerability_alerts=read"),
    async (request, reply) => {
      const found = target("dependabot", request, reply, `/dependabot/alerts/${request.params.number}`);
      if (!found) return reply;
      const alert = state.findAlert("dependabot", found.repository.id, number(request.params.number));
      if (!alert) return sendNotFound(reply, DOCS.dependabot);
      return renderDependabotAlert(alert, found.fullName, state, requireContext(request.github).urls);
    },
  );

  app.get<{ Params: Params; Querystring: Query }>(
    "/repos/:owner/:repo/code-scanning/alerts",
    needs("security_events=read"),
    async (request, reply) => {
      const found = target("code-scanning", request, reply, "/code-scanning/alerts");
      if (!found) return reply;
      const { urls } = requireContext(request.github);
      const wanted = request.query.state || undefined;
      const severity = request.query.severity || undefined;
      const alerts = ordered(
        state
          .alertsOf("code-scanning", found.repository.id)
          .filter(
            (alert) =>
              (!wanted || alert.state === wanted || (wanted === "closed" && alert.state !== "open")) &&
              (!severity || alert.securitySeverity === severity || alert.ruleSeverity === severity),
          ),
        request.query,
      );
      return pagedReply(
        request,
        reply,
        `${urls.api}/repositories/${found.repository.id}/code-scanning/alerts`,
        alerts,
      ).map((alert) => renderCodeScanningAlert(alert, found.fullName, state, urls));
    },
  );

  app.get<{ Params: Params & { number: string } }>(
    "/repos/:owner/:repo/code-scanning/alerts/:number",
    needs("security_events=read"),
    async (request, reply) => {
      const found = target("code-scanning", request, reply, `/code-scanning/alerts/${request.params.number}`);
      if (!found) return reply;
      const alert = state.findAlert("code-scanning", found.repository.id, number(request.params.number));
      if (!alert) return sendNotFound(reply, DOCS["code-scanning"]);
      return renderCodeScanningAlert(alert, found.fullName, state, requireContext(request.github).urls);
    },
  );

  app.get<{ Params: Params; Querystring: Query }>(
    "/repos/:owner/:repo/secret-scanning/alerts",
    needs("secret_scanning_alerts=read"),
    async (request, reply) => {
      const found = target("secret-scanning", request, reply, "/secret-scanning/alerts");
      if (!found) return reply;
      const { urls } = requireContext(request.github);
      const states = list(request.query.state);
      const hideSecret = request.query.hide_secret === "true";
      const alerts = ordered(
        state
          .alertsOf("secret-scanning", found.repository.id)
          .filter((alert) => !states || states.includes(alert.state)),
        request.query,
      );
      return pagedReply(
        request,
        reply,
        `${urls.api}/repositories/${found.repository.id}/secret-scanning/alerts`,
        alerts,
      ).map((alert) => renderSecretScanningAlert(alert, found.fullName, state, urls, { hideSecret }));
    },
  );

  app.get<{ Params: Params & { number: string }; Querystring: Query }>(
    "/repos/:owner/:repo/secret-scanning/alerts/:number",
    needs("secret_scanning_alerts=read"),
    async (request, reply) => {
      const found = target(
        "secret-scanning",
        request,
        reply,
        `/secret-scanning/alerts/${request.params.number}`,
      );
      if (!found) return reply;
      const alert = state.findAlert("secret-scanning", found.repository.id, number(request.params.number));
      if (!alert) return sendNotFound(reply, DOCS["secret-scanning"]);
      return renderSecretScanningAlert(alert, found.fullName, state, requireContext(request.github).urls, {
        hideSecret: request.query.hide_secret === "true",
      });
    },
  );
}
