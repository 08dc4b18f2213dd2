import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from "fastify";
import { registerActionsControlRoutes } from "./control/actions-control-routes.js";
import { registerControlRoutes } from "./control/control-routes.js";
import { registerCredentialControlRoutes } from "./control/credential-control-routes.js";
import { registerDeliveryControlRoutes } from "./control/delivery-control-routes.js";
import { registerDeploymentsControlRoutes } from "./control/deployments-control-routes.js";
import { registerFaultControlRoutes } from "./control/fault-control-routes.js";
import { registerGitRefControlRoutes } from "./control/git-ref-control-routes.js";
import { registerIssueControlRoutes } from "./control/issue-control-routes.js";
import { registerPeopleControlRoutes } from "./control/people-control-routes.js";
import { pinNamedRepository } from "./control/pin-named-repository.js";
import { registerPullRequestControlRoutes } from "./control/pull-request-control-routes.js";
import { registerPushControlRoutes } from "./control/push-routes.js";
import { registerRateLimitControlRoutes } from "./control/rate-limit-control-routes.js";
import { registerReleaseControlRoutes } from "./control/release-control-routes.js";
import { registerRequestLogControlRoutes } from "./control/request-log-control-routes.js";
import { registerSecurityAlertControlRoutes } from "./control/security-alert-control-routes.js";
import { installGitHubApiHooks } from "./http/github-api-hooks.js";
import { githubErrorBody } from "./http/github-error.js";
import { installTrafficHooks } from "./http/traffic-hooks.js";
import { registerActionsRoutes } from "./routes/actions-routes.js";
import { registerAppRoutes } from "./routes/app-routes.js";
import { registerCollaboratorRoutes } from "./routes/collaborator-routes.js";
import { registerCommitRoutes } from "./routes/commit-routes.js";
import { registerCompareRoutes } from "./routes/compare-routes.js";
import { registerContentsRoutes } from "./routes/contents-routes.js";
import { registerDeploymentRoutes } from "./routes/deployment-routes.js";
import { registerEnvironmentRoutes } from "./routes/environment-routes.js";
import { registerGitRefRoutes } from "./routes/git-ref-routes.js";
import { registerGitTreeRoutes } from "./routes/git-tree-routes.js";
import { registerGraphQLRoutes } from "./routes/graphql-routes.js";
import { registerIssueRoutes } from "./routes/issue-routes.js";
import { registerIssueTypeRoutes } from "./routes/issue-type-routes.js";
import { registerOrgHookRoutes } from "./routes/org-hook-routes.js";
import { registerOrganizationRoutes } from "./routes/organization-routes.js";
import { registerPullRequestRoutes } from "./routes/pull-request-routes.js";
import { registerRateLimitRoutes } from "./routes/rate-limit-routes.js";
import { registerRawContentRoutes } from "./routes/raw-content-routes.js";
import { registerReleaseRoutes } from "./routes/release-routes.js";
import { registerRepositoryHookRoutes } from "./routes/repository-hook-routes.js";
import { registerRepositoryRoutes } from "./routes/repository-routes.js";
import { registerSearchRoutes } from "./routes/search-routes.js";
import { registerSecurityAlertRoutes } from "./routes/security-alert-routes.js";
import { registerTeamRoutes } from "./routes/team-routes.js";
import { registerUserEmailRoutes } from "./routes/user-email-routes.js";
import { registerUserRoutes } from "./routes/user-routes.js";
import type { SimulatorContext } from "./simulator-context.js";

/** Where GitHub Enterprise Server serves the REST API. */
export const ENTERPRISE_API_PREFIX = "/api/v3";

/**
 * The simulator's HTTP surface: the REST API twice (github.com-style at the root, GitHub Enterprise
 * Server style under `/api/v3`), the control API under `/_simulator`, raw file downloads on the web root,
 * GitHub's 404 for anything else and
 * GitHub's 400 for unparsable JSON.
 */
export function buildSimulatorApp(context: SimulatorContext): FastifyInstance {
  // Closing drops every connection, in use or not: a client's kept-alive socket with a request still in
  // progress (a retried one, a late answer) would otherwise hold the close until the client let go.
  const app: FastifyInstance = context.logger
    ? Fastify({ loggerInstance: context.logger as FastifyBaseLogger, forceCloseConnections: true })
    : Fastify({ logger: false, forceCloseConnections: true });
  app.decorateRequest("github", null);
  app.decorateRequest("traffic", null);
  // Requests a `timeout` fault holds would keep the server from closing.
  app.addHook("preClose", async () => {
    for (const socket of context.traffic.held) socket.destroy();
  });

  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const error = new Error("Problems parsing JSON") as FastifyError;
      error.statusCode = 400;
      done(error, undefined);
    }
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) context.logger?.error({ err: error }, "simulator route failed");
    const message = status === 500 ? "Server Error" : error.message;
    return reply.code(status).send(githubErrorBody(status, message));
  });

  for (const apiPrefix of ["", ENTERPRISE_API_PREFIX]) {
    app.register(
      async (scope) => {
        installGitHubApiHooks(scope, { ...context, apiPrefix });
        installTrafficHooks(scope, context.traffic);
        scope.setNotFoundHandler((_request, reply) =>
          reply.code(404).send(githubErrorBody(404, "Not Found")),
        );
        registerUserRoutes(scope, context);
        registerOrganizationRoutes(scope, context);
        registerRepositoryRoutes(scope, context);
        registerContentsRoutes(scope, context);
        registerOrgHookRoutes(scope, context);
        registerRepositoryHookRoutes(scope, context);
        registerRateLimitRoutes(scope, context);
        registerPullRequestRoutes(scope, context);
        registerIssueRoutes(scope, context);
        registerIssueTypeRoutes(scope, context);
        registerReleaseRoutes(scope, context);
        registerGitRefRoutes(scope, context);
        registerActionsRoutes(scope, context);
        registerEnvironmentRoutes(scope, context);
        registerDeploymentRoutes(scope, context);
        registerGitTreeRoutes(scope, context);
        registerCompareRoutes(scope, context);
        registerCommitRoutes(scope, context);
        registerTeamRoutes(scope, context);
        registerCollaboratorRoutes(scope, context);
        registerUserEmailRoutes(scope, context);
        registerSecurityAlertRoutes(scope, context);
        registerAppRoutes(scope, context);
        registerSearchRoutes(scope, context);
        if (apiPrefix === "") registerGraphQLRoutes(scope, context);
      },
      { prefix: apiPrefix },
    );
  }
  // GitHub Enterprise Server serves GraphQL at `/api/graphql`, beside (not under) `/api/v3`.
  app.register(
    async (scope) => {
      installGitHubApiHooks(scope, { ...context, apiPrefix: ENTERPRISE_API_PREFIX });
      installTrafficHooks(scope, context.traffic);
      registerGraphQLRoutes(scope, context);
    },
    { prefix: "/api" },
  );
  app.register(
    async (scope) => {
      scope.addHook("preHandler", pinNamedRepository(context.state));
      registerControlRoutes(scope, context);
      registerPullRequestControlRoutes(scope, context);
      registerIssueControlRoutes(scope, context);
      registerReleaseControlRoutes(scope, context);
      registerGitRefControlRoutes(scope, context);
      registerActionsControlRoutes(scope, context);
      registerDeploymentsControlRoutes(scope, context);
      registerPushControlRoutes(scope, context);
      registerPeopleControlRoutes(scope, context);
      registerSecurityAlertControlRoutes(scope, context);
      registerCredentialControlRoutes(scope, context);
      registerRateLimitControlRoutes(scope, context);
      registerFaultControlRoutes(scope, context);
      registerRequestLogControlRoutes(scope, context);
      registerDeliveryControlRoutes(scope, context);
      scope.setNotFoundHandler((request, reply) =>
        reply.code(404).send({ message: `no control route ${request.method} ${request.url.split("?")[0]}` }),
      );
    },
    { prefix: "/_simulator" },
  );
  app.register(async (scope) => registerRawContentRoutes(scope, context));
  return app;
}
