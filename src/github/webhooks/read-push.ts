/**
 * A `push` delivery as the folder, file, skill and plugin processors read it (spec §5.3–5.4): the pushed
 * branch (`ref` minus `refs/heads/`, so `feature/x` stays whole, unlike Ocean's last segment), the
 * repository re-read with `GET /repos/{o}/{r}` (the shape the resync gives, not the push payload's), and
 * the changed paths from `GET /repos/{o}/{r}/compare/{before}...{after}` (a new branch compares with
 * the default branch; the first push of a repository, or a comparison GitHub no longer has, uses the
 * payload's `commits[].added/modified/removed`). Tag pushes, branch deletions, `.github-private` (the mapping repository) and
 * accounts this integration does not sync give `null`.
 */
import { z } from "zod";
import { PortolanError } from "../../engine/errors/portolan-error.js";
import type { LiveEvent, RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient } from "../client/github-client.js";
import type { GitHubContext } from "../github-context.js";
import type { GitHubMappingOptions } from "../github-mapping-options.js";
import { repositoryVisibility, visibilityMatches } from "../kinds/list-repositories.js";
import type { TargetedEntry } from "../kinds/repository-targets.js";
import { isSyncedAccount } from "./repository-event.js";

const NULL_SHA = /^0{40}$/;

const payloadSchema = z.looseObject({
  ref: z.string(),
  before: z.string().regex(/^[0-9a-f]{40}$/, "is not a commit sha"),
  after: z.string().regex(/^[0-9a-f]{40}$/, "is not a commit sha"),
  deleted: z.boolean().optional(),
  commits: z
    .array(
      z.looseObject({
        added: z.array(z.string()).optional(),
        removed: z.array(z.string()).optional(),
        modified: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  repository: z.looseObject({
    name: z.string().regex(/^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/, "is not a repository name"),
    owner: z.looseObject({ login: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "is not a GitHub login") }),
    default_branch: z.string().min(1),
  }),
  organization: z.looseObject({ login: z.string() }).nullish(),
});

export interface ChangedFile {
  path: string;
  /** GitHub's diff status: added, modified, removed, renamed, copied, changed. */
  status: string;
  /** The old path of a rename. */
  previousPath: string | undefined;
  /** The blob after the change (before it, for a removal), when the comparison gives it. */
  sha: string | undefined;
}

export interface PushedChanges {
  deliveryId: string;
  client: GitHubClient;
  /** The account the push belongs to (`__organization`). */
  organization: string;
  owner: string;
  name: string;
  branch: string;
  isDefaultBranch: boolean;
  /** `GET /repos/{o}/{r}`, as the resync lists it. */
  repository: RawObject;
  changed: ChangedFile[];
}

interface Comparison {
  files?: Array<{ filename: string; status: string; previous_filename?: string; sha?: string }>;
}

/**
 * One read per delivery: the engine asks every folder, file, skill and plugin resource about the same
 * event object in turn, and they all need the same repository and comparison.
 */
const reads = new WeakMap<GitHubContext, WeakMap<LiveEvent, Map<string, Promise<PushedChanges | null>>>>();

export function readPush(
  context: GitHubContext,
  event: LiveEvent,
  options: GitHubMappingOptions,
): Promise<PushedChanges | null> {
  const key = JSON.stringify([options.organizations, options.includeAuthenticatedUser]);
  let byEvent = reads.get(context);
  if (!byEvent) {
    byEvent = new WeakMap();
    reads.set(context, byEvent);
  }
  let byOptions = byEvent.get(event);
  if (!byOptions) {
    byOptions = new Map();
    byEvent.set(event, byOptions);
  }
  let pending = byOptions.get(key);
  if (!pending) {
    pending = readPushOnce(context, event, options);
    byOptions.set(key, pending);
  }
  return pending;
}

async function readPushOnce(
  context: GitHubContext,
  event: LiveEvent,
  options: GitHubMappingOptions,
): Promise<PushedChanges | null> {
  if (event.name !== "push") return null;
  const parsed = payloadSchema.safeParse(event.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join(".") ?? "";
    throw new PortolanError(
      "GITHUB_INVALID_PAYLOAD",
      `The push delivery lacks \`${path}\` (${issue?.message ?? "invalid"}), so it cannot be applied.`,
      {
        hint: "make sure the webhook sends JSON (content type application/json) from GitHub's push events",
        where: { source: `webhook delivery ${event.deliveryId}`, path },
      },
    );
  }
  const payload = parsed.data;
  if (!payload.ref.startsWith("refs/heads/") || payload.deleted || NULL_SHA.test(payload.after)) return null;
  if (payload.repository.name === ".github-private") return null;
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
    return null;
  }
  const authenticator = await context.authenticatorFor(organization);
  if (authenticator === undefined) {
    throw new PortolanError(
      "GITHUB_APP_NOT_INSTALLED",
      `A push delivery came from ${organization}, where the GitHub App has no active installation.`,
      {
        hint: `install the App on ${organization}, or remove the webhook that sends ${organization}'s events here`,
        where: { source: `webhook delivery ${event.deliveryId}`, path: "repository.owner.login" },
      },
    );
  }
  const { client } = authenticator;
  const owner = payload.repository.owner.login;
  const name = payload.repository.name;
  const branch = payload.ref.slice("refs/heads/".length);
  const purpose = `for push delivery ${event.deliveryId}`;
  const repository = await client.getOrNull<RawObject>(
    "GET /repos/{owner}/{repo}",
    { owner, repo: name },
    { purpose: `re-reading repository ${owner}/${name} ${purpose}` },
  );
  if (repository === null) return null;
  const defaultBranch = String(repository.default_branch ?? payload.repository.default_branch);
  const created = NULL_SHA.test(payload.before);
  // The first push of a repository creates its default branch: there is nothing to compare with.
  const base = created ? (branch === defaultBranch ? null : defaultBranch) : payload.before;
  const comparison =
    base === null
      ? null
      : await client.getOrNull<Comparison>(
          `GET /repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/compare/${encodeURIComponent(base)}...${payload.after}`,
          {},
          {
            purpose: `comparing ${base.slice(0, 12)}...${payload.after.slice(0, 12)} of ${owner}/${name} ${purpose}`,
          },
        );
  const changed: ChangedFile[] = comparison?.files
    ? comparison.files.map((file) => ({
        path: file.filename,
        status: file.status,
        previousPath: file.previous_filename,
        sha: file.sha,
      }))
    : changedInCommits(payload.commits ?? []);
  return {
    deliveryId: event.deliveryId,
    client,
    organization,
    owner,
    name,
    branch,
    isDefaultBranch: branch === defaultBranch,
    repository,
    changed,
  };
}

/** The payload's own lists, when the comparison is gone (a force push that dropped `before`). */
function changedInCommits(
  commits: Array<{ added?: string[]; removed?: string[]; modified?: string[] }>,
): ChangedFile[] {
  const status = new Map<string, string>();
  for (const commit of commits) {
    for (const path of commit.added ?? []) status.set(path, "added");
    for (const path of commit.modified ?? [])
      status.set(path, status.get(path) === "added" ? "added" : "modified");
    for (const path of commit.removed ?? []) status.set(path, "removed");
  }
  return [...status].map(([path, value]) => ({
    path,
    status: value,
    previousPath: undefined,
    sha: undefined,
  }));
}

/**
 * The selector entries a push applies to, with the resync's rules: the entry's `organization` (if any)
 * is the push's account; an entry with `repos` names this repository and the pushed branch (its own
 * `branch`, or the default branch when it has none); an entry without `repos` covers the default branch
 * of repositories of the mapping's `repositoryType`.
 */
export function entriesForPush<Entry extends TargetedEntry>(
  entries: readonly Entry[],
  push: PushedChanges,
  options: GitHubMappingOptions,
): Entry[] {
  return entries.filter((entry) => {
    if (entry.organization && entry.organization.toLowerCase() !== push.organization.toLowerCase())
      return false;
    if (!entry.repos) {
      return (
        push.isDefaultBranch &&
        visibilityMatches(repositoryVisibility(push.repository), options.repositoryType)
      );
    }
    return entry.repos.some(
      (repo) =>
        repo.name.toLowerCase() === push.name.toLowerCase() &&
        (repo.branch ? repo.branch === push.branch : push.isDefaultBranch),
    );
  });
}
