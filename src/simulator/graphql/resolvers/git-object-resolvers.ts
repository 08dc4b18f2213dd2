import { notAccessibleMessage } from "../../http/fine-grained-permission.js";
import { gitBlobSha } from "../../shapes/git-blob-sha.js";
import { nodeId } from "../../shapes/node-id.js";
import type { GitCommitRecord } from "../../state/git-history.js";
import type { GitTree, GitTreeEntry } from "../../state/git-tree.js";
import type { RepositoryRecord } from "../../state/repository.js";
import type { SimulatorState } from "../../state/simulator-state.js";
import { grantCoversRepository, grantHolds } from "../../state/token-grant.js";
import type { GraphQLContext, TypeResolvers } from "../graphql-context.js";
import { GitHubGraphQLError } from "../graphql-error.js";

/**
 * The most UTF-8 bytes of a file `Blob.text` returns; beyond it `isTruncated` is true. GitHub does not
 * document the figure; it is GitHub's observed cut, exactly 512,000 bytes (decimal, not 512 KiB), as
 * reported in sveltia/sveltia-cms#950 (and "after 500kb" in orbiting/backends#116).
 */
export const BLOB_TEXT_LIMIT = 512_000;

/** A file reached through a commit (`<rev>:<path>`); `__typename` lets `GitObject` resolve it. */
export interface BlobSource {
  __typename: "Blob";
  repository: RepositoryRecord;
  commit: GitCommitRecord;
  path: string;
  content: string;
}

/** A directory reached through a commit (`<rev>:` is its root). */
export interface TreeSource {
  __typename: "Tree";
  repository: RepositoryRecord;
  commit: GitCommitRecord;
  tree: GitTree;
}

/** One entry of a `Tree`, with what its `object` needs to resolve. */
export interface TreeEntrySource {
  repository: RepositoryRecord;
  commit: GitCommitRecord;
  entry: GitTreeEntry;
}

/**
 * A file's text as `Blob.text` gives it: whole up to `limit` bytes, otherwise its first `limit` bytes
 * cut back to the last whole UTF-8 character (so the text stays valid).
 */
export function blobText(
  content: string,
  limit: number = BLOB_TEXT_LIMIT,
): { text: string; truncated: boolean } {
  const bytes = Buffer.from(content, "utf8");
  if (bytes.length <= limit) return { text: content, truncated: false };
  let end = limit;
  // Back up over continuation bytes (10xxxxxx) so the cut falls between characters.
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end -= 1;
  return { text: bytes.subarray(0, end).toString("utf8"), truncated: true };
}

const notImplemented = (what: string) =>
  new GitHubGraphQLError("NOT_IMPLEMENTED", `The GitHub simulator does not implement ${what}.`);

/**
 * The commit a revision names, in git's order: a full sha, `HEAD` or `@` (the default branch), `refs/heads/…`
 * / `heads/…`, `refs/tags/…` / `tags/…`, a tag name, a branch name, then an unambiguous sha prefix of 7+
 * characters. Undefined when nothing matches, or when the branch has no files (an empty repository).
 * Revision syntax the simulator does not model (`~`, `^`, `@{…}`, `:/…`, an empty revision) is an error
 * rather than a wrong `null`.
 */
function resolveRevision(
  state: SimulatorState,
  repository: RepositoryRecord,
  revision: string,
): GitCommitRecord | undefined {
  if (revision === "" || /[~^]|@\{/.test(revision)) {
    throw notImplemented(`the git revision syntax of \`${revision}\` in \`Repository.object(expression:)\``);
  }
  const branchHead = (name: string) =>
    state.hasRef(repository.id, name) ? state.headCommit(repository.id, name) : undefined;
  const tagCommit = (name: string) => {
    const tag = state.activity.tag(repository.id, name);
    return tag ? state.git.findCommit(repository.id, tag.sha) : undefined;
  };
  if (/^[0-9a-f]{40}$/i.test(revision)) {
    const commit = state.git.findCommit(repository.id, revision);
    if (commit) return commit;
  }
  if (revision === "HEAD" || revision === "@") return branchHead(repository.defaultBranch);
  const heads = /^(?:refs\/)?heads\/(.+)$/.exec(revision);
  if (heads?.[1]) return branchHead(heads[1]);
  const tags = /^(?:refs\/)?tags\/(.+)$/.exec(revision);
  if (tags?.[1]) return tagCommit(tags[1]);
  return tagCommit(revision) ?? branchHead(revision) ?? state.git.findCommit(repository.id, revision);
}

/** The `Blob` or `Tree` at `path` of a commit (`""` is the root tree); null when there is none. */
function objectAt(
  repository: RepositoryRecord,
  commit: GitCommitRecord,
  path: string,
): BlobSource | TreeSource | null {
  const content = commit.files.get(path);
  if (content !== undefined) return { __typename: "Blob", repository, commit, path, content };
  const tree = commit.trees.get(path);
  return tree ? { __typename: "Tree", repository, commit, tree } : null;
}

/**
 * `Repository.object(expression:)`: `<rev>:<path>` as git reads it (the first `:` ends the revision; a
 * trailing `/` of the path is dropped). A file is a `Blob`, a directory (or `<rev>:`) a `Tree`; an unknown
 * revision or path, or an empty repository, is `null` without error, as on GitHub. Access is the REST
 * Contents route's: the repository is visible (checked by `Query.repository`, which also asks a classic
 * token for `repo` on a private repository) and a fine-grained or installation token holds
 * `contents=read` (FORBIDDEN otherwise). Lookups by `oid` and an expression naming a commit (no `:`)
 * answer NOT_IMPLEMENTED.
 */
export function repositoryObject(
  repository: RepositoryRecord,
  args: Record<string, unknown>,
  { state, token }: GraphQLContext,
): BlobSource | TreeSource | null {
  if (
    token.grant &&
    (!grantCoversRepository(token.grant, repository) || !grantHolds(token.grant, "contents=read"))
  ) {
    throw new GitHubGraphQLError("FORBIDDEN", notAccessibleMessage(token));
  }
  const expression = args.expression;
  if (args.oid != null || typeof expression !== "string") {
    throw notImplemented("`Repository.object` by `oid` (or without `expression`): give `expression` alone");
  }
  const colon = expression.indexOf(":");
  const revision = colon < 0 ? expression : expression.slice(0, colon);
  const commit = resolveRevision(state, repository, revision);
  if (!commit) return null;
  if (colon < 0) {
    throw notImplemented("`Repository.object` for a commit (an expression without `:<path>`)");
  }
  const path = expression.slice(colon + 1).replace(/\/+$/, "");
  return objectAt(repository, commit, path);
}

/** `/{owner}/{repo}/commit/{sha}`: the commit the object was reached through. */
const commitResourcePath = (
  { repository, commit }: { repository: RepositoryRecord; commit: GitCommitRecord },
  state: SimulatorState,
) => `/${state.getAccount(repository.ownerId).login}/${repository.name}/commit/${commit.sha}`;

const blobOid = ({ content }: BlobSource) => gitBlobSha(Buffer.from(content, "utf8"));

/**
 * `Blob`: the file's text (simulator files are all text, so never binary), its size and git ids. The
 * node id is GitHub's legacy `04:Blob<repository id>:<oid>`.
 */
export const blobResolvers: TypeResolvers<BlobSource> = {
  id: (blob) => nodeId("Blob", `${blob.repository.id}:${blobOid(blob)}`),
  oid: (blob) => blobOid(blob),
  abbreviatedOid: (blob) => blobOid(blob).slice(0, 7),
  byteSize: ({ content }) => Buffer.byteLength(content, "utf8"),
  text: ({ content }) => blobText(content).text,
  isTruncated: ({ content }) => blobText(content).truncated,
  isBinary: () => false,
  commitResourcePath: (blob, _args, { state }) => commitResourcePath(blob, state),
  commitUrl: (blob, _args, { state, urls }) => `${urls.web}${commitResourcePath(blob, state)}`,
  repository: ({ repository }) => repository,
};

/** `Tree`: a directory's git ids and its direct entries, in git's order. */
export const treeResolvers: TypeResolvers<TreeSource> = {
  id: ({ repository, tree }) => nodeId("Tree", `${repository.id}:${tree.sha}`),
  oid: ({ tree }) => tree.sha,
  abbreviatedOid: ({ tree }) => tree.sha.slice(0, 7),
  entries: ({ repository, commit, tree }): TreeEntrySource[] =>
    tree.entries.map((entry) => ({ repository, commit, entry })),
  commitResourcePath: (source, _args, { state }) => commitResourcePath(source, state),
  commitUrl: (source, _args, { state, urls }) => `${urls.web}${commitResourcePath(source, state)}`,
  repository: ({ repository }) => repository,
};

const entryName = ({ entry }: TreeEntrySource) => entry.path.slice(entry.path.lastIndexOf("/") + 1);

/**
 * `TreeEntry`: `mode` is git's octal mode as a number (33188 for `100644`, 16384 for `040000`), `size`
 * the blob's bytes (0 for a tree); the simulator has no submodules. Linguist's fields (`language`,
 * `isGenerated`, `lineCount`, `extension`) are not modelled.
 */
export const treeEntryResolvers: TypeResolvers<TreeEntrySource> = {
  name: (source) => entryName(source),
  nameRaw: (source) => Buffer.from(entryName(source), "utf8").toString("base64"),
  path: ({ entry }) => entry.path,
  pathRaw: ({ entry }) => Buffer.from(entry.path, "utf8").toString("base64"),
  type: ({ entry }) => entry.type,
  mode: ({ entry }) => Number.parseInt(entry.mode, 8),
  oid: ({ entry }) => entry.sha,
  size: ({ entry }) => entry.size ?? 0,
  object: ({ repository, commit, entry }) => objectAt(repository, commit, entry.path),
  submodule: () => null,
  repository: ({ repository }) => repository,
};
