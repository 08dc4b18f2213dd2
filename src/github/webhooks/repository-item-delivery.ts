/**
 * What every repo-scoped live-event processor checks first (spec §5.2): the payload names a repository
 * (`name`, `owner.login`) and its account; the account is one this integration syncs; the repository's
 * visibility matches `repositoryType`; a selector `repoSearch` finds it. Passing, the processor gets the
 * client that may act on the account and the repository fields its raw objects carry.
 */
import { z } from "zod";
import { PortolanError } from "../../engine/errors/portolan-error.js";
import type { EventResource, LiveEvent, RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient } from "../client/github-client.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { matchesRepositoryType } from "../kinds/list-repositories.js";
import type { RepoSearch } from "../kinds/repo-search.js";
import type { ItemRepository } from "../kinds/repository-item-fields.js";
import { isSyncedAccount, matchesRepoSearch } from "./repository-event.js";

const payloadSchema = z.looseObject({
  repository: z.looseObject({
    id: z.number(),
    // GitHub's repository name rules; `.` and `..` would walk a request URL elsewhere.
    name: z.string().regex(/^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/, "is not a repository name"),
    owner: z.looseObject({ login: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "is not a GitHub login") }),
  }),
  organization: z.looseObject({ login: z.string() }).nullish(),
});

export interface RepositoryItemDelivery extends ItemRepository {
  repository: RawObject & { name: string };
  client: GitHubClient;
  /** `repository.owner.login`: the account in request paths. */
  owner: string;
  action: string;
}

/** Throws `GITHUB_INVALID_PAYLOAD` naming the first missing field. */
export function parseDeliveryPayload<T>(schema: z.ZodType<T>, event: LiveEvent): T {
  const parsed = schema.safeParse(event.payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  throw new PortolanError(
    "GITHUB_INVALID_PAYLOAD",
    `The ${event.name} delivery lacks \`${path}\` (${issue?.message ?? "invalid"}), so it cannot be applied.`,
    {
      hint: `make sure the webhook sends JSON (content type application/json) from GitHub's ${event.name} events`,
      where: { source: `webhook delivery ${event.deliveryId}`, path },
    },
  );
}

/** The delivery's repository and client, or null when this resource does not take the delivery. */
export async function readRepositoryItemDelivery(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
  repoSearch: RepoSearch,
): Promise<RepositoryItemDelivery | null> {
  const payload = parseDeliveryPayload(payloadSchema, event);
  const options = parseGitHubMappingOptions(resource.mappingOptions);
  const action = typeof event.payload.action === "string" ? event.payload.action : "";
  const logger = context.logger.child({ deliveryId: event.deliveryId, event: event.name, action });
  const organization = payload.organization?.login ?? payload.repository.owner.login;
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
    return null;
  }
  const repository = payload.repository as RepositoryItemDelivery["repository"];
  if (!matchesRepositoryType(repository, options.repositoryType)) {
    logger.debug({ repositoryType: options.repositoryType }, "repository outside repositoryType: ignored");
    return null;
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
    !(await matchesRepoSearch(client, organization, repository as RawObject, { repoSearch }))
  ) {
    logger.debug("repository does not match the selector's repoSearch: ignored");
    return null;
  }
  return { client, owner: payload.repository.owner.login, repository, organization, action };
}
