import type { FastifyInstance, FastifyReply } from "fastify";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { pagedReply } from "../http/paged-reply.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
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
 * and single alert, with GitHub's answers when the feature is disabled; each at `/repositories/{id}/…`
 * too.
 */
export function registerSecurityAlertRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  const route = (kind: SecurityAlertKind, path: string, permission: RequiredPermission) => ({
    path,
    documentationUrl: DOCS[kind],
    permission,
    acceptedScopes: ["repo", "security_events"],
  });
  /** The repository and its full name, or undefined once GitHub's answer for a disabled feature is sent. */
  const target = (
    kind: SecurityAlertKind,
    repository: RepositoryRecord,
    reply: FastifyReply,
  ): { repository: RepositoryRecord; fullName: string } | undefined => {
    if (!state.alertsEnabled(kind, repository.id)) {
      sendGitHubError(reply, DISABLED[kind].status, DISABLED[kind].message, DOCS[kind]);
      return undefined;
    }
    return { repository, fullName: `${state.getAccount(repository.ownerId).login}/${repository.name}` };
  };
  const number = (value: string) => (/^\d+$/.test(value) ? Number(value) : Number.NaN);

  registerRepositoryGet(
    app,
    state,
    route("dependabot", "/dependabot/alerts", "vulnerability_alerts=read"),
    (repository, request, reply) => {
      const query = request.query as Query;
      const found = target("dependabot", repository, reply);
      if (!found) return reply;
      const { urls } = requireContext(request.github);
      const [states, severities, ecosystems] = [
        list(query.state),
        list(query.severity),
        list(query.ecosystem),
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
        query,
      );
      return pagedReply(
        request,
        reply,
        `${urls.api}/repositories/${found.repository.id}/dependabot/alerts`,
        alerts,
      ).map((alert) => renderDependabotAlert(alert, found.fullName, state, urls));
    },
  );

  registerRepositoryGet(
    app,
    state,
    route("dependabot", "/dependabot/alerts/:number", "vulnerability_alerts=read"),
    (repository, request, reply) => {
      const found = target("dependabot", repository, reply);
      if (!found) return reply;
      const alert = state.findAlert("dependabot", found.repository.id, number(request.params.number ?? ""));
      if (!alert) return sendNotFound(reply, DOCS.dependabot);
      return renderDependabotAlert(alert, found.fullName, state, requireContext(request.github).urls);
    },
  );

  registerRepositoryGet(
    app,
    state,
    route("code-scanning", "/code-scanning/alerts", "security_events=read"),
    (repository, request, reply) => {
      const query = request.query as Query;
      const found = target("code-scanning", repository, reply);
      if (!found) return reply;
      const { urls } = requireContext(request.github);
      const wanted = query.state || undefined;
      const severity = query.severity || undefined;
      const alerts = ordered(
        state
          .alertsOf("code-scanning", found.repository.id)
          .filter(
            (alert) =>
              (!wanted || alert.state === wanted || (wanted === "closed" && alert.state !== "open")) &&
              (!severity || alert.securitySeverity === severity || alert.ruleSeverity === severity),
          ),
        query,
      );
      return pagedReply(
        request,
        reply,
        `${urls.api}/repositories/${found.repository.id}/code-scanning/alerts`,
        alerts,
      ).map((alert) => renderCodeScanningAlert(alert, found.fullName, state, urls));
    },
  );

  registerRepositoryGet(
    app,
    state,
    route("code-scanning", "/code-scanning/alerts/:number", "security_events=read"),
    (repository, request, reply) => {
      const found = target("code-scanning", repository, reply);
      if (!found) return reply;
      const alert = state.findAlert(
        "code-scanning",
        found.repository.id,
        number(request.params.number ?? ""),
      );
      if (!alert) return sendNotFound(reply, DOCS["code-scanning"]);
      return renderCodeScanningAlert(alert, found.fullName, state, requireContext(request.github).urls);
    },
  );

  registerRepositoryGet(
    app,
    state,
    route("secret-scanning", "/secret-scanning/alerts", "secret_scanning_alerts=read"),
    (repository, request, reply) => {
      const query = request.query as Query;
      const found = target("secret-scanning", repository, reply);
      if (!found) return reply;
      const { urls } = requireContext(request.github);
      const states = list(query.state);
      const hideSecret = query.hide_secret === "true";
      const alerts = ordered(
        state
          .alertsOf("secret-scanning", found.repository.id)
          .filter((alert) => !states || states.includes(alert.state)),
        query,
      );
      return pagedReply(
        request,
        reply,
        `${urls.api}/repositories/${found.repository.id}/secret-scanning/alerts`,
        alerts,
      ).map((alert) => renderSecretScanningAlert(alert, found.fullName, state, urls, { hideSecret }));
    },
  );

  registerRepositoryGet(
    app,
    state,
    route("secret-scanning", "/secret-scanning/alerts/:number", "secret_scanning_alerts=read"),
    (repository, request, reply) => {
      const query = request.query as Query;
      const found = target("secret-scanning", repository, reply);
      if (!found) return reply;
      const alert = state.findAlert(
        "secret-scanning",
        found.repository.id,
        number(request.params.number ?? ""),
      );
      if (!alert) return sendNotFound(reply, DOCS["secret-scanning"]);
      return renderSecretScanningAlert(alert, found.fullName, state, requireContext(request.github).urls, {
        hideSecret: query.hide_secret === "true",
      });
    },
  );
}
