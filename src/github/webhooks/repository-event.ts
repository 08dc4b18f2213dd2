/**
 * The repository processor (spec §5.3/§5.4): what a `repository` (or `member`, `team`) delivery means for
 * one `repository` resource of the mapping.
 *
 * - `deleted`, or a visibility that no longer matches `repositoryType` ⇒ delete the payload's
 *   repository. `archived` is re-fetched like the other actions: the resync lists archived repositories,
 *   so deleting them here (as Ocean does, spec §9.2) would only last until the next resync.
 * - other actions ⇒ re-fetch `GET /repos/{o}/{r}` and enrich it exactly as the resync does
 *   (`includedFiles`, relations); a 404 on that re-fetch means the integration can no longer see the
 *   repository (deleted or moved since the delivery), so it is deleted, as the next resync would do.
 * - `renamed` ⇒ additionally delete the entity of the old name. The payload only holds the new name and
 *   `changes.repository.name.from`, so the old raw object is the payload repository with `name`,
 *   `full_name` and every top-level URL rewritten to the old name; the mapping then computes the old
 *   identifier from it the same way it computed it at resync. `id` and `node_id` are left out of it: they
 *   did not change, and an identifier made from them would name the renamed entity itself, which the
 *   engine would then delete right after upserting it.
 * - `member` and `team` (`added_to_repository`, `removed_from_repository`) re-fetch the repository only
 *   when the selector includes collaborators or teams; otherwise they change nothing the mapping reads.
 */
import { z } from "zod";
import { PortolanError } from "../../engine/errors/portolan-error.js";
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import type { GitHubClient } from "../client/github-client.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { enrichRepository } from "../kinds/enrich-repository.js";
import {
  matchesRepositoryType,
  repositoryVisibility,
  visibilityMatches,
} from "../kinds/list-repositories.js";
import { effectiveRelations, repositorySelectorSchema } from "../kinds/repository-selector.js";

/** The `repository` actions Ocean processes (the seed's "Supported live event triggers"). */
export const repositoryEventActions = [
  "created",
  "edited",
  "renamed",
  "transferred",
  "unarchived",
  "publicized",
  "privatized",
  "archived",
  "deleted",
] as const;

const deletingActions = new Set(["deleted"]);
const memberActions = new Set(["added", "created", "edited", "removed", "deleted"]);
const teamActions = new Set(["added_to_repository", "removed_from_repository"]);

/** Event names the repository processor reads. */
export const repositoryEventNames = ["repository", "member", "team"] as const;

const payloadSchema = z.looseObject({
  action: z.string(),
  repository: z.looseObject({
    id: z.number(),
    // GitHub's repository name rules; `.` and `..` would walk the re-fetch URL elsewhere.
    name: z.string().regex(/^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/, "is not a repository name"),
    full_name: z.string().optional(),
    owner: z.looseObject({ login: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "is not a GitHub login") }),
    visibility: z.string().optional(),
    private: z.boolean().optional(),
  }),
  organization: z.looseObject({ login: z.string() }).nullish(),
  changes: z
    .looseObject({
      repository: z.looseObject({ name: z.looseObject({ from: z.string() }).optional() }).optional(),
    })
    .nullish(),
});

export async function handleRepositoryEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  if (!(repositoryEventNames as readonly string[]).includes(event.name)) return null;
  const action = typeof event.payload.action === "string" ? event.payload.action : "";
  if (event.name === "repository" && !(repositoryEventActions as readonly string[]).includes(action))
    return null;
  // `team` deliveries without a repository (created, edited, deleted) are not this processor's.
  if (event.name === "team" && !teamActions.has(action)) return null;

  const parsed = payloadSchema.safeParse(event.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join(".") ?? "";
    throw new PortolanError(
      "GITHUB_INVALID_PAYLOAD",
      `The ${event.name} delivery lacks \`${path}\` (${issue?.message ?? "invalid"}), so it cannot be applied.`,
      {
        hint: "make sure the webhook sends JSON (content type application/json) from GitHub's repository events",
        where: { source: `webhook delivery ${event.deliveryId}`, path },
      },
    );
  }
  const payload = parsed.data;
  const selector = repositorySelectorSchema.parse(resource.selector);
  const options = parseGitHubMappingOptions(resource.mappingOptions);
  const relations = effectiveRelations(selector);
  const logger = context.logger.child({ deliveryId: event.deliveryId, event: event.name, action });

  if (event.name === "member" && !(memberActions.has(action) && relations.collaborators)) return null;
  if (event.name === "team" && !(teamActions.has(action) && relations.teams)) return null;

  const owner = payload.organization?.login ?? payload.repository.owner.login;
  const personal = !payload.organization;
  if (!isSyncedAccount(context, owner, options.organizations, personal && options.includeAuthenticatedUser)) {
    logger.debug({ owner }, "delivery from an account this integration does not sync: ignored");
    return null;
  }

  const authenticator = await context.authenticatorFor(owner);
  if (authenticator === undefined) {
    throw new PortolanError(
      "GITHUB_APP_NOT_INSTALLED",
      `A ${event.name} delivery came from ${owner}, where the GitHub App has no active installation.`,
      {
        hint: `install the App on ${owner}, or remove the webhook that sends ${owner}'s events here`,
        where: { source: `webhook delivery ${event.deliveryId}`, path: "repository.owner.login" },
      },
    );
  }
  const { client } = authenticator;
  const payloadRepository = payload.repository as RawObject;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };

  if (
    selector.repoSearch !== null &&
    !(await matchesRepoSearch(client, owner, payloadRepository, selector))
  ) {
    logger.debug("repository does not match the selector's repoSearch: ignored");
    return null;
  }

  if (event.name === "repository") {
    if (action === "renamed" && payload.changes?.repository?.name?.from) {
      changes.deleted.push(withOldName(payloadRepository, payload.changes.repository.name.from));
    }
    const visibility = visibilityAfter(action, payloadRepository);
    if (deletingActions.has(action) || !visibilityMatches(visibility, options.repositoryType)) {
      changes.deleted.push(payloadRepository);
      return changes;
    }
  }

  const { owner: repoOwner, name } = { owner: payload.repository.owner.login, name: payload.repository.name };
  const fresh = await client.getOrNull<RawObject>(
    "GET /repos/{owner}/{repo}",
    { owner: repoOwner, repo: name },
    { purpose: `re-reading repository ${repoOwner}/${name} for webhook delivery ${event.deliveryId}` },
  );
  if (fresh === null) {
    logger.info({ repository: `${repoOwner}/${name}` }, "repository no longer visible (404): deleting it");
    changes.deleted.push(payloadRepository);
    return changes;
  }
  if (!matchesRepositoryType(fresh, options.repositoryType)) {
    changes.deleted.push(fresh);
    return changes;
  }
  changes.upserted.push(
    await enrichRepository(client, fresh, { includedFiles: selector.includedFiles, relations }),
  );
  return changes;
}

/**
 * The visibility the repository has after the event. `privatized` and `publicized` say it outright; some
 * payloads (GitHub's own examples among them) carry a stale `visibility` next to the new `private` flag.
 */
function visibilityAfter(action: string, repository: RawObject): string {
  if (action === "privatized") return "private";
  if (action === "publicized") return "public";
  return repositoryVisibility(repository);
}

/** `githubOrganization` scopes deliveries too; so does the mapping's `organizations` for a classic token. */
export function isSyncedAccount(
  context: GitHubContext,
  owner: string,
  organizations: readonly string[],
  personalAccountsIncluded: boolean,
): boolean {
  const scoped = context.settings.githubOrganization;
  if (scoped !== undefined) return scoped.toLowerCase() === owner.toLowerCase();
  if (organizations.length === 0 || personalAccountsIncluded) return true;
  return organizations.some((login) => login.toLowerCase() === owner.toLowerCase());
}

export async function matchesRepoSearch(
  client: GitHubClient,
  owner: string,
  repository: RawObject,
  selector: { repoSearch: { query: string } | null },
): Promise<boolean> {
  const query = `org:${owner} ${selector.repoSearch?.query ?? ""} ${String(repository.name)} in:name`;
  for await (const page of client.pages<RawObject>(
    "GET /search/repositories",
    { q: query },
    {
      purpose: `checking ${String(repository.full_name ?? repository.name)} against the selector's repoSearch`,
    },
  )) {
    if (page.some((item) => item.id === repository.id)) return true;
  }
  return false;
}

/**
 * The payload repository as it was before a rename: `name`, `full_name` and top-level URLs carry the old
 * name (a URL segment `owner/new` becomes `owner/old`; `owner/new-other` is left alone); without `id` and
 * `node_id`, which old and new share.
 */
export function withOldName(repository: RawObject, oldName: string): RawObject {
  const newName = String(repository.name);
  const owner = String((repository.owner as { login?: unknown } | undefined)?.login ?? "");
  const before = `${owner}/${newName}`;
  const after = `${owner}/${oldName}`;
  const segment = new RegExp(`${escapeRegExp(before)}(?=$|[/.?#{])`, "g");
  const result: RawObject = {};
  for (const [key, value] of Object.entries(repository)) {
    result[key] = typeof value === "string" && key.endsWith("url") ? value.replace(segment, after) : value;
  }
  result.name = oldName;
  result.full_name = after;
  delete result.id;
  delete result.node_id;
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
