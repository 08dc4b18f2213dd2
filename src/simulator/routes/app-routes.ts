import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { notAccessibleMessage } from "../http/fine-grained-permission.js";
import { INSTALLATION_SUSPENDED } from "../http/github-api-hooks.js";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { pagedReply } from "../http/paged-reply.js";
import { canSeeRepository, repositoryViewer } from "../http/repository-access.js";
import { requestUrls, requireApp, requireContext } from "../http/request-context.js";
import { renderGitHubApp } from "../shapes/render-github-app.js";
import { renderInstallation } from "../shapes/render-installation.js";
import { renderFullRepository } from "../shapes/render-repository.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { AccessTokenRecord } from "../state/access-token.js";
import type { InstallationRecord } from "../state/github-app.js";
import type { RepositoryRecord } from "../state/repository.js";
import { formatGitHubTime } from "../state/simulator-clock.js";
import {
  grantCoversRepository,
  grantHolds,
  type PermissionAccess,
  type PermissionName,
  type RequiredPermission,
  type TokenGrant,
} from "../state/token-grant.js";
import { createInstallationToken } from "../token-formats.js";

const DOCS = {
  installation: "https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app",
  accessToken: "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app",
  orgInstallation:
    "https://docs.github.com/rest/apps/apps#get-an-organization-installation-for-the-authenticated-app",
  repoInstallation:
    "https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app",
  repositories:
    "https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation",
};
const APP_JWT = { config: { authentication: "app-jwt" as const } };

interface AccessTokenBody {
  repositories?: unknown;
  repository_ids?: unknown;
  permissions?: unknown;
}

/**
 * The GitHub App endpoints: as the App (its JWT) `GET /app`, `GET /app/installations[/{id}]`,
 * `GET /orgs/{org}/installation`, `GET /repos/{o}/{r}/installation`, and
 * `POST /app/installations/{id}/access_tokens`, which mints a `ghs_` token narrowed (optionally) to some
 * repositories and permissions, expiring after `state.apps.installationTokenLifetimeMs`; as an
 * installation (its token) `GET /installation/repositories`.
 */
export function registerAppRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;
  const installationOfApp = (request: FastifyRequest, reply: FastifyReply, id: string, docs: string) => {
    const found = /^\d+$/.test(id) ? state.apps.getInstallation(Number(id)) : undefined;
    if (!found || found.appId !== requireApp(request.github).id) {
      sendNotFound(reply, docs);
      return undefined;
    }
    return found;
  };
  const render = (request: FastifyRequest, installation: InstallationRecord) =>
    renderInstallation(installation, requireApp(request.github), state, requestUrls(request.github));

  app.get("/app", APP_JWT, async (request) => {
    const self = requireApp(request.github);
    const installation = state.apps.installationsOf(self.id)[0];
    return renderGitHubApp(self, state, requestUrls(request.github), { ...installation?.grant.permissions });
  });

  app.get("/app/installations", APP_JWT, async (request, reply) => {
    const self = requireApp(request.github);
    const urls = requestUrls(request.github);
    const installations = state.apps.installationsOf(self.id).sort((a, b) => a.id - b.id);
    return pagedReply(request, reply, `${urls.api}/app/installations`, installations).map((installation) =>
      render(request, installation),
    );
  });

  app.get<{ Params: { id: string } }>("/app/installations/:id", APP_JWT, async (request, reply) => {
    const installation = installationOfApp(request, reply, request.params.id, DOCS.installation);
    return installation ? render(request, installation) : reply;
  });

  app.get<{ Params: { org: string } }>("/orgs/:org/installation", APP_JWT, async (request, reply) => {
    const org = state.findAccount(request.params.org);
    const installation = org && state.apps.installationOn(requireApp(request.github).id, org.id);
    return installation ? render(request, installation) : sendNotFound(reply, DOCS.orgInstallation);
  });

  app.get<{ Params: { owner: string; repo: string } }>(
    "/repos/:owner/:repo/installation",
    APP_JWT,
    async (request, reply) => {
      const found = state.findRepository(request.params.owner, request.params.repo);
      const installation =
        found && state.apps.installationOn(requireApp(request.github).id, found.repository.ownerId);
      const covered = installation && found && grantCoversRepository(installation.grant, found.repository);
      return covered ? render(request, installation) : sendNotFound(reply, DOCS.repoInstallation);
    },
  );

  app.post<{ Params: { id: string } }>(
    "/app/installations/:id/access_tokens",
    APP_JWT,
    async (request, reply) => {
      const installation = installationOfApp(request, reply, request.params.id, DOCS.accessToken);
      if (!installation) return reply;
      if (installation.suspendedAt !== null)
        return sendGitHubError(reply, 403, INSTALLATION_SUSPENDED, DOCS.accessToken);
      const body = (
        typeof request.body === "object" && request.body !== null ? request.body : {}
      ) as AccessTokenBody;
      const owner = state.getAccount(installation.grant.ownerId).login;
      const grant = narrowGrant(installation, body, (reference) =>
        typeof reference === "number"
          ? state.getRepository(reference)
          : typeof reference === "string"
            ? state.findRepository(owner, reference)?.repository
            : undefined,
      );
      if (typeof grant === "string") return sendGitHubError(reply, 422, grant, DOCS.accessToken);
      const expiresAtMs = Date.now() + state.apps.installationTokenLifetimeMs;
      const token: AccessTokenRecord = {
        token: createInstallationToken(context.random),
        kind: "installation",
        userId: installation.installedById,
        scopes: [],
        grant,
        installationId: installation.id,
        expiresAtMs,
        revoked: false,
        rateLimitKey: `installation:${installation.id}`,
      };
      state.addToken(token);
      const urls = requestUrls(request.github);
      const installer = state.getAccount(installation.installedById);
      return reply.code(201).send({
        token: token.token,
        expires_at: formatGitHubTime(new Date(expiresAtMs)),
        permissions: { ...grant.permissions },
        repository_selection: grant.repositories === "all" ? "all" : "selected",
        ...(grant.repositories === "all"
          ? {}
          : {
              repositories: [...grant.repositories].flatMap((id) => {
                const repository = state.getRepository(id);
                return repository
                  ? [
                      renderFullRepository(
                        repository,
                        state,
                        urls,
                        repositoryViewer(repository, state, installer),
                      ),
                    ]
                  : [];
              }),
            }),
      });
    },
  );

  app.get(
    "/installation/repositories",
    { config: { documentationUrl: DOCS.repositories } },
    async (request, reply) => {
      const { token, viewer, urls } = requireContext(request.github);
      if (token.kind !== "installation" || !token.grant) {
        return sendGitHubError(reply, 403, notAccessibleMessage(token), DOCS.repositories);
      }
      const repositories = state
        .repositoriesOwnedBy(token.grant.ownerId)
        .filter((repository) => canSeeRepository(repository, state, viewer, token))
        .sort((a, b) => a.id - b.id);
      const page = pagedReply(request, reply, `${urls.api}/installation/repositories`, repositories);
      return {
        total_count: repositories.length,
        repository_selection: token.grant.repositories === "all" ? "all" : "selected",
        repositories: page.map((repository) =>
          renderFullRepository(repository, state, urls, repositoryViewer(repository, state, viewer)),
        ),
      };
    },
  );
}

/**
 * The grant of a new installation token: the installation's, or narrower when the body names
 * repositories (by name or id) or permissions. GitHub's 422 message when it asks for more, or for a
 * repository outside the installation.
 */
function narrowGrant(
  installation: InstallationRecord,
  body: AccessTokenBody,
  findRepository: (reference: unknown) => RepositoryRecord | undefined,
): TokenGrant | string {
  const notAccessible =
    "There is at least one repository that does not exist or is not accessible to the parent installation.";
  const base = installation.grant;
  let repositories: TokenGrant["repositories"] = base.repositories;
  const references = [
    ...(Array.isArray(body.repositories) ? body.repositories : []),
    ...(Array.isArray(body.repository_ids) ? body.repository_ids : []),
  ];
  if (references.length > 0) {
    const wanted = new Set<number>();
    for (const reference of references) {
      const repository = findRepository(reference);
      if (!repository || !grantCoversRepository(base, repository)) return notAccessible;
      wanted.add(repository.id);
    }
    repositories = wanted;
  }
  let permissions = base.permissions;
  if (typeof body.permissions === "object" && body.permissions !== null) {
    const asked = Object.entries(body.permissions as Record<string, unknown>);
    if (
      asked.some(([name, access]) => !grantHolds(base, `${name}=${String(access)}` as RequiredPermission))
    ) {
      return "The permissions requested are not granted to this installation.";
    }
    permissions = Object.fromEntries(asked) as Partial<Record<PermissionName, PermissionAccess>>;
  }
  return { ownerId: base.ownerId, repositories, permissions };
}
