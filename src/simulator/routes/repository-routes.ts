import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendNotFound } from "../http/github-error.js";
import { linkHeader, readPageRequest, slicePage } from "../http/pagination.js";
import { canSeeRepository, repositoryViewer, roleIn } from "../http/repository-access.js";
import { requireContext } from "../http/request-context.js";
import { resolveRepository, resolveRepositoryById } from "../http/resolve-repository.js";
import { renderFullRepository, renderMinimalRepository } from "../shapes/render-repository.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { AccountRecord } from "../state/account.js";
import type { RepositoryRecord } from "../state/repository.js";

const LIST_DOCS = "https://docs.github.com/rest/repos/repos#list-organization-repositories";
const AFFILIATIONS = ["owner", "collaborator", "organization_member"] as const;
type Affiliation = (typeof AFFILIATIONS)[number];
const GET_DOCS = "https://docs.github.com/rest/repos/repos#get-a-repository";
const METADATA_READ = { config: { acceptedScopes: ["repo"], permission: "metadata=read" as const } };

const TYPE_FILTERS: Record<string, (repo: RepositoryRecord) => boolean> = {
  all: () => true,
  public: (repo) => repo.visibility === "public",
  private: (repo) => repo.visibility !== "public",
  forks: (repo) => repo.parentId !== null,
  sources: (repo) => repo.parentId === null,
  member: () => true,
};

const SORT_KEYS: Record<string, (repo: RepositoryRecord, owner: AccountRecord) => string> = {
  created: (repo) => repo.createdAt,
  updated: (repo) => repo.updatedAt,
  pushed: (repo) => repo.pushedAt,
  full_name: (repo, owner) => `${owner.login}/${repo.name}`.toLowerCase(),
};

/**
 * `GET /orgs/{org}/repos` (and `/organizations/{id}/repos`, where GitHub's `Link` URLs point),
 * `GET /user/repos`, `GET /repos/{owner}/{repo}` and `GET /repositories/{id}`.
 */
export function registerRepositoryRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  const listOrganizationRepositories = (
    org: AccountRecord | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ) => {
    const { viewer, token, urls } = requireContext(request.github);
    if (org?.type !== "Organization") return sendNotFound(reply, LIST_DOCS);
    const query = request.query as Record<string, string>;
    const type = query.type && query.type in TYPE_FILTERS ? query.type : "all";
    const sort = query.sort && query.sort in SORT_KEYS ? query.sort : "created";
    const direction =
      query.direction === "asc" || query.direction === "desc"
        ? query.direction
        : sort === "full_name"
          ? "asc"
          : "desc";
    const key = SORT_KEYS[sort] as (repo: RepositoryRecord, owner: AccountRecord) => string;
    const filter = TYPE_FILTERS[type] as (repo: RepositoryRecord) => boolean;
    const member = type !== "member" || roleIn(org, viewer) !== null;
    const repos = state
      .repositoriesOwnedBy(org.id)
      .filter((repo) => member && filter(repo) && canSeeRepository(repo, state, viewer, token))
      .sort((a, b) => {
        const order = key(a, org) < key(b, org) ? -1 : key(a, org) > key(b, org) ? 1 : a.id - b.id;
        return direction === "asc" ? order : -order;
      });
    const pageRequest = readPageRequest(query);
    const page = slicePage(repos, pageRequest);
    const link = linkHeader(
      `${urls.api}/organizations/${org.id}/repos`,
      new URLSearchParams(query),
      pageRequest.page,
      page.lastPage,
    );
    if (link) reply.header("link", link);
    return page.items.map((repo) =>
      renderMinimalRepository(repo, state, urls, repositoryViewer(repo, state, viewer)),
    );
  };

  app.get<{ Params: { org: string } }>("/orgs/:org/repos", METADATA_READ, async (request, reply) =>
    listOrganizationRepositories(state.findAccount(request.params.org), request, reply),
  );

  app.get<{ Params: { id: string } }>("/organizations/:id/repos", METADATA_READ, async (request, reply) => {
    const id = /^\d+$/.test(request.params.id) ? Number(request.params.id) : Number.NaN;
    const org = Number.isNaN(id) ? undefined : state.findAccountById(id);
    return listOrganizationRepositories(org, request, reply);
  });

  // The token user's repositories: `affiliation` (owner, collaborator, organization_member; all three by
  // default) and `visibility` (all, public, private), sorted by full name as GitHub does by default.
  app.get("/user/repos", { config: { ...METADATA_READ.config, userOnly: true } }, async (request, reply) => {
    const { viewer, token, urls } = requireContext(request.github);
    const query = request.query as Record<string, string>;
    const asked = (query.affiliation ?? AFFILIATIONS.join(",")).split(",").map((name) => name.trim());
    const affiliations = new Set(AFFILIATIONS.filter((name) => asked.includes(name)));
    const visibility =
      query.visibility === "public" || query.visibility === "private" ? query.visibility : "all";
    const filter = TYPE_FILTERS[visibility] as (repo: RepositoryRecord) => boolean;
    const affiliated = (repo: RepositoryRecord): boolean => {
      const owner = state.getAccount(repo.ownerId);
      const by: Record<Affiliation, boolean> = {
        owner: owner.id === viewer.id,
        organization_member: owner.type === "Organization" && roleIn(owner, viewer) !== null,
        collaborator: state.directCollaborators(repo.id).has(viewer.id),
      };
      return [...affiliations].some((name) => by[name]);
    };
    const fullName = SORT_KEYS.full_name as (repo: RepositoryRecord, owner: AccountRecord) => string;
    const key = (repo: RepositoryRecord) => fullName(repo, state.getAccount(repo.ownerId));
    const repos = state
      .allRepositories()
      .filter((repo) => filter(repo) && affiliated(repo) && canSeeRepository(repo, state, viewer, token))
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
    const pageRequest = readPageRequest(query);
    const page = slicePage(repos, pageRequest);
    const link = linkHeader(
      `${urls.api}/user/repos`,
      new URLSearchParams(query),
      pageRequest.page,
      page.lastPage,
    );
    if (link) reply.header("link", link);
    return page.items.map((repo) =>
      renderMinimalRepository(repo, state, urls, repositoryViewer(repo, state, viewer)),
    );
  });

  app.get<{ Params: { owner: string; repo: string } }>(
    "/repos/:owner/:repo",
    METADATA_READ,
    async (request, reply) => {
      const repo = resolveRepository(state, request, reply, {
        ...request.params,
        rest: "",
        documentationUrl: GET_DOCS,
      });
      if (!repo) return reply;
      const { viewer, urls } = requireContext(request.github);
      return renderFullRepository(repo, state, urls, repositoryViewer(repo, state, viewer));
    },
  );

  app.get<{ Params: { id: string } }>("/repositories/:id", METADATA_READ, async (request, reply) => {
    const repo = resolveRepositoryById(state, request, reply, {
      id: request.params.id,
      documentationUrl: GET_DOCS,
    });
    if (!repo) return reply;
    const { viewer, urls } = requireContext(request.github);
    return renderFullRepository(repo, state, urls, repositoryViewer(repo, state, viewer));
  });
}
