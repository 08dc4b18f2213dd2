/**
 * What every repository-scoped processor checks before it reads anything (spec §5.2): the payload names
 * a repository and its account; the account is one this integration syncs; the repository's visibility
 * matches the mapping's `repositoryType`; an authenticator may read it; and, when the selector has
 * `repoSearch`, the repository is among the search's results. Undefined means "not for this resource".
 */
import { z } from "zod";
import { PortolanError } from "../../engine/errors/portolan-error.js";
import type { EventResource, LiveEvent, RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient } from "../client/github-client.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { matchesRepositoryType } from "../kinds/list-repositories.js";
import type { RepoSearch } from "../kinds/repo-search.js";
import { isSyncedAccount, matchesRepoSearch } from "./repository-event.js";

const repositoryPayloadSchema = z.looseObject({
  repository: z.looseObject({
    id: z.number(),
    // GitHub's repository name rules; `.` and `..` would walk request URLs elsewhere.
    name: z.string().regex(/^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/, "is not a repository name"),
    owner: z.looseObject({ login: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "is not a GitHub login") }),
    visibility: z.string().optional(),
    private: z.boolean().optional(),
  }),
  organization: z.looseObject({ login: z.string() }).nullish(),
});

export interface RepositoryScopedEvent {
  client: GitHubClient;
  /** `repository.owner.login`. */
  owner: string;
  /** `repository.name`, the `__repository` of the raw objects. */
  name: string;
  /** The event's organization (or the owner of a personal repository), the `__organization`. */
  organization: string;
  logger: GitHubContext["logger"];
}

/** A delivery field the processor needs is missing: `GITHUB_INVALID_PAYLOAD`, naming it. */
export function invalidPayload(event: LiveEvent, error: z.ZodError): PortolanError {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  return new PortolanError(
    "GITHUB_INVALID_PAYLOAD",
    `The ${event.name} delivery lacks \`${path}\` (${issue?.message ?? "invalid"}), so it cannot be applied.`,
    {
      hint: "make sure the webhook sends JSON (content type application/json) from GitHub's events",
      where: { source: `webhook delivery ${event.deliveryId}`, path },
    },
  );
}

/** Parses `payload` with `schema`, or throws `GITHUB_INVALID_PAYLOAD`. */
export function parsePayload<T>(event: LiveEvent, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(event.payload);
  if (!parsed.success) throw invalidPayload(event, parsed.error);
  return parsed.data;
}

export async function openRepositoryScopedEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
  repoSearch: RepoSearch,
): Promise<RepositoryScopedEvent | undefined> {
  const payload = parsePayload(event, repositoryPayloadSchema);
  const options = parseGitHubMappingOptions(resource.mappingOptions);
  const action = typeof event.payload.action === "string" ? event.payload.action : undefined;
  const logger = context.logger.child({
    deliveryId: event.deliveryId,
    event: event.name,
    action,
    kind: resource.kind,
  });
  const owner = payload.repository.owner.login;
  const organization = payload.organization?.login ?? owner;
  const personal = !payload.organization;
  if (
    !isSyncedAccount(
      context,
      organization,
      options.organizations,
      personal && options.includeAuthenticatedUser,
    )
  ) {
    logger.debug({ organization }, "delivery from an account this integration does not sync: ignored");
    return undefined;
  }
  if (!matchesRepositoryType(payload.repository as RawObject, options.repositoryType)) {
    logger.debug(
      { repositoryType: options.repositoryType },
      "repository outside the mapping's repositoryType: ignored",
    );
    return undefined;
  }
  const authenticator = await context.authenticatorFor(organization);
  if (authenticator === undefined) {
    throw new PortolanError(
      "GITHUB_APP_NOT_INSTALLED",
      `A ${event.name} delivery came from ${organization}, where the GitHub App has no active installation.`,
      {
        hint: `install the App on ${organization}, or remove the webhook that sends ${organization}'s events here`,
        where: { source: `webhook delivery ${event.deliveryId}`, path: "repository.owner.login" },
      },
    );
  }
  const { client } = authenticator;
  if (
    repoSearch !== null &&
    !(await matchesRepoSearch(client, organization, payload.repository as RawObject, { repoSearch }))
  ) {
    logger.debug("repository does not match the selector's repoSearch: ignored");
    return undefined;
  }
  return { client, owner, name: payload.repository.name, organization, logger };
}

/** `__repository` / `__organization` as the resync adds them. */
export function withEventRepository(
  item: RawObject,
  scoped: Pick<RepositoryScopedEvent, "name" | "organization">,
): RawObject {
  return { ...item, __repository: scoped.name, __organization: scoped.organization };
}
