/**
 * The `collaborator` processors (spec §5.3). Each ends in the same step: for a (repository, user) pair,
 * `GET /repos/{o}/{r}/collaborators/{login}/permission` — its `user` is the collaborator exactly as the
 * resync lists it (with `permissions`, `role_name`), upserted with `__repository` and `__organization`;
 * a user left without access (`none`, or 404) is deleted (`{login, id}` and the same two keys).
 *
 * - `member` `added` / `edited` / `removed`: the payload's member on the payload's repository. Unlike
 *   Ocean, a removal is checked too: a member who still reads the repository through the organization or a
 *   team stays listed under `affiliation: all`, so it is re-read, not deleted.
 * - `membership` `added` / `removed`: the member on every repository of the team (Ocean upserts the bare
 *   payload user, without `permissions`, and ignores removals).
 * - `team` `added_to_repository`: every member of the team on the payload repository.
 *
 * `affiliation: direct` follows `member` events only (teams and organization roles are not direct
 * grants), a removal there deletes outright; `affiliation: outside` is left to the resync (whether a user
 * is an outside collaborator is not in any of these payloads), as in Ocean.
 */
import { z } from "zod";
import { isPortolanError } from "../../engine/errors/portolan-error.js";
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import type { GitHubClient } from "../client/github-client.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { collaboratorSelectorSchema } from "../kinds/collaborator.js";
import { matchesRepositoryType } from "../kinds/list-repositories.js";
import { authenticatorForDelivery } from "./delivery-authenticator.js";
import { matchesRepoSearch } from "./repository-event.js";
import { parsePayload } from "./repository-scoped-event.js";
import { hasTeamSlug } from "./team-event.js";

const memberActions = ["added", "edited", "removed"];
const membershipActions = ["added", "removed"];

const login = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "is not a GitHub login");
const userSchema = z.looseObject({ login, id: z.number() });
const repositorySchema = z.looseObject({
  id: z.number(),
  name: z.string().regex(/^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/, "is not a repository name"),
  owner: z.looseObject({ login }),
});
const organizationSchema = z.looseObject({ login: z.string() });

const memberPayload = z.looseObject({
  action: z.string(),
  member: userSchema,
  repository: repositorySchema,
  organization: organizationSchema.nullish(),
});
const membershipPayload = z.looseObject({
  action: z.string(),
  member: userSchema,
  team: z.looseObject({ slug: z.string().regex(/^[A-Za-z0-9_:.-]+$/, "is not a team slug") }),
  organization: organizationSchema,
});
const teamPayload = z.looseObject({
  action: z.string(),
  team: z.looseObject({ slug: z.string().regex(/^[A-Za-z0-9_:.-]+$/, "is not a team slug") }),
  repository: repositorySchema,
  organization: organizationSchema,
});

interface Pair {
  repository: RawObject & { name: string; owner: { login: string } };
  user: { login: string; id: number };
}

export async function handleCollaboratorEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  const action = String(event.payload.action);
  const relevant =
    (event.name === "member" && memberActions.includes(action)) ||
    (event.name === "membership" && membershipActions.includes(action)) ||
    (event.name === "team" && action === "added_to_repository");
  if (!relevant || (event.name === "membership" && !hasTeamSlug(event))) return null;
  const selector = collaboratorSelectorSchema.parse(resource.selector);
  if (selector.affiliation === "outside" || (selector.affiliation === "direct" && event.name !== "member"))
    return null;
  const options = parseGitHubMappingOptions(resource.mappingOptions);

  const organizationOf = (payload: {
    organization?: { login: string } | null;
    repository?: Pair["repository"];
  }) =>
    payload.organization
      ? { login: payload.organization.login, personal: false }
      : { login: payload.repository?.owner.login ?? "", personal: true };
  let pairs: (client: GitHubClient) => AsyncIterable<Pair>;
  let account: { login: string; personal: boolean };
  if (event.name === "member") {
    const payload = parsePayload(event, memberPayload);
    account = organizationOf(payload);
    pairs = async function* () {
      yield { repository: payload.repository, user: payload.member };
    };
  } else if (event.name === "membership") {
    const payload = parsePayload(event, membershipPayload);
    account = organizationOf(payload);
    pairs = async function* (client) {
      for await (const repositories of teamListing<Pair["repository"]>(
        client,
        "GET /orgs/{org}/teams/{team_slug}/repos",
        payload.organization.login,
        payload.team.slug,
        "repositories",
      )) {
        for (const repository of repositories) yield { repository, user: payload.member };
      }
    };
  } else {
    const payload = parsePayload(event, teamPayload);
    account = organizationOf(payload);
    pairs = async function* (client) {
      for await (const members of teamListing<Pair["user"]>(
        client,
        "GET /orgs/{org}/teams/{team_slug}/members",
        payload.organization.login,
        payload.team.slug,
        "members",
      )) {
        for (const user of members) yield { repository: payload.repository, user };
      }
    };
  }

  const authenticator = await authenticatorForDelivery(context, event, account, resource.mappingOptions);
  if (authenticator === undefined) return null;
  const { client } = authenticator;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  for await (const { repository, user } of pairs(client)) {
    // Repository-scoped processors honour `repositoryType` and `repoSearch` like the resync's listing.
    if (
      typeof repository.visibility === "string" &&
      !matchesRepositoryType(repository, options.repositoryType)
    )
      continue;
    if (
      selector.repoSearch !== null &&
      !(await matchesRepoSearch(client, account.login, repository, selector))
    )
      continue;
    const tags = { __repository: repository.name, __organization: account.login };
    const stub = { login: user.login, id: user.id, ...tags };
    if (selector.affiliation === "direct" && action === "removed") {
      changes.deleted.push(stub);
      continue;
    }
    const answer = await client.getOrNull<{ permission: string; user: RawObject | null }>(
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
      { owner: repository.owner.login, repo: repository.name, username: user.login },
      {
        purpose: `reading ${user.login}'s permission on ${repository.owner.login}/${repository.name} for webhook delivery ${event.deliveryId}`,
      },
    );
    if (answer === null || answer.permission === "none" || answer.user === null) changes.deleted.push(stub);
    else changes.upserted.push({ ...answer.user, ...tags });
  }
  return changes;
}

/**
 * A team's repositories or members; none when the team is gone (404): deliveries can be applied after the
 * team was deleted or renamed, and its own `team` delivery says what became of it.
 */
async function* teamListing<T>(
  client: GitHubClient,
  route: string,
  organization: string,
  slug: string,
  what: string,
): AsyncIterable<T[]> {
  try {
    yield* client.pages<T>(
      route,
      { org: organization, team_slug: slug },
      {
        purpose: `listing ${what} of team ${organization}/${slug}`,
      },
    );
  } catch (error) {
    if (isPortolanError(error) && error.code === "GITHUB_NOT_FOUND") return;
    throw error;
  }
}
