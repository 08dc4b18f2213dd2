/**
 * A repository selector's `includedFiles` (spec §4.2) for many repositories at once. Ocean makes one
 * Contents call per file and repository (the N+1 of spec §9.1); here one GraphQL query reads up to
 * `FILES_PER_QUERY` of them across repositories, `repository(owner, name) { object(expression:
 * "<default branch>:<path>") }`, for one rate-limit point. A blob GraphQL gives no text for (binary, or
 * too large and truncated) is read through the Contents API as Ocean reads it, so a file's text is the
 * same either way; anything that is not a blob (absent, a directory, a submodule) is `null`, as there.
 *
 * Reads are remembered until the repository's `pushed_at` moves (`repository-content-version.ts`): an
 * unchanged resync reads nothing.
 */
import type { RawObject } from "../../engine/integration/integration.js";
import { AdaptivePageSize, isHeavyPageFailure } from "../client/adaptive-page-size.js";
import type { GitHubClient, RequestScope } from "../client/github-client.js";
import { graphqlQuery } from "../client/github-graphql.js";
import { repositoryContentVersion } from "./repository-content-version.js";
import { isRepositoryPath } from "./repository-paths.js";

/** Files read by one GraphQL query at most (halved while GitHub times out on them). */
export const FILES_PER_QUERY = 100;

const CONTENTS_PERMISSION_HINT =
  "give the token Repository permissions › Contents: read-only (fine-grained token or GitHub App), or the `repo` scope (classic token) for private repositories";

/** Where a repository's files are read: its owner, name and default branch (`HEAD` when unknown). */
export interface RepositoryRef {
  owner: string;
  name: string;
  defaultBranch: string | undefined;
}

export function repositoryRef(repository: RawObject): RepositoryRef {
  const owner = (repository.owner as { login?: unknown } | undefined)?.login;
  const fullName = typeof repository.full_name === "string" ? repository.full_name : undefined;
  return {
    owner: typeof owner === "string" ? owner : (fullName?.split("/")[0] ?? ""),
    name: String(repository.name ?? ""),
    defaultBranch: typeof repository.default_branch === "string" ? repository.default_branch : undefined,
  };
}

/** One file of one repository still to be read. */
interface FileRead {
  repository: number;
  /** The path as the selector writes it: the key of `__includedFiles`. */
  path: string;
  /** The path inside the repository (no leading `/`). */
  clean: string;
  ref: RepositoryRef;
  key: string;
  version: string | undefined;
}

interface GraphQLBlob {
  __typename?: string;
  text?: string | null;
  isBinary?: boolean;
  isTruncated?: boolean;
}

/**
 * `__includedFiles` of each repository, in the order given: path as written → text, or `null` when the
 * file is absent or not a file. With `remember`, reads are answered from and kept in the store.
 */
export async function readIncludedFiles(
  client: GitHubClient,
  repositories: readonly RawObject[],
  paths: readonly string[],
  scope: RequestScope,
  remember: boolean,
): Promise<Array<Record<string, string | null>>> {
  const files = repositories.map(() => ({}) as Record<string, string | null>);
  const wanted: FileRead[] = [];
  for (const [index, repository] of repositories.entries()) {
    const ref = repositoryRef(repository);
    const version = remember ? repositoryContentVersion(repository) : undefined;
    for (const path of paths) {
      const clean = path.replace(/^\/+/, "");
      // A path that cannot be in the repository is never asked for: it stays `null`.
      if (clean === "" || !isRepositoryPath(clean)) continue;
      const key = `text of ${ref.owner}/${ref.name}@${ref.defaultBranch ?? ""}:${clean}`;
      wanted.push({ repository: index, path, clean, ref, key, version });
    }
  }
  // All recalled at once: the store answers them together.
  const kept = await Promise.all(wanted.map((read) => client.recall<string | null>(read.key, read.version)));
  const toRead = wanted.filter((read, offset) => {
    const answer = kept[offset];
    if (answer) (files[read.repository] as Record<string, string | null>)[read.path] = answer.answer;
    return answer === undefined;
  });
  const size = new AdaptivePageSize(FILES_PER_QUERY);
  for (let start = 0; start < toRead.length; ) {
    const batch = toRead.slice(start, start + size.current);
    let texts: Array<string | null>;
    try {
      texts = await readBatch(client, batch, scope);
    } catch (error) {
      if (!isHeavyPageFailure(error) || !size.shrink()) throw error;
      client.logger.warn(
        { files: size.current },
        "GitHub timed out reading included files: asking again with fewer files per query",
      );
      continue;
    }
    size.passedPage();
    for (const [offset, read] of batch.entries()) {
      const text = texts[offset] ?? null;
      (files[read.repository] as Record<string, string | null>)[read.path] = text;
      await client.keep(read.key, read.version, text);
    }
    start += batch.length;
  }
  // Keys in the selector's order, whatever was remembered and whatever was read.
  return files.map((read) => Object.fromEntries(paths.map((path) => [path, read[path] ?? null])));
}

/** One GraphQL query for `batch`; blobs without text read again through the Contents API. */
async function readBatch(
  client: GitHubClient,
  batch: readonly FileRead[],
  scope: RequestScope,
): Promise<Array<string | null>> {
  const { query, variables, aliases } = includedFilesQuery(
    batch.map((read) => ({
      repository: read.repository,
      owner: read.ref.owner,
      name: read.ref.name,
      expression: `${read.ref.defaultBranch ?? "HEAD"}:${read.clean}`,
    })),
  );
  const first = batch[0] as FileRead;
  const data = await graphqlQuery<Record<string, Record<string, GraphQLBlob | null> | null>>(
    client,
    query,
    variables,
    {
      ...scope,
      purpose: `reading included files of ${first.ref.owner}/${first.ref.name} and other repositories`,
      permissionHint: CONTENTS_PERMISSION_HINT,
    },
  );
  return Promise.all(
    batch.map(async (read, offset) => {
      const [repositoryAlias, objectAlias] = aliases[offset] as [string, string];
      // A repository GitHub no longer finds (deleted, renamed since it was listed) has no files to read.
      const blob = data[repositoryAlias]?.[objectAlias];
      if (blob?.__typename !== "Blob") return null;
      if (typeof blob.text === "string" && !blob.isBinary && !blob.isTruncated) return blob.text;
      return fetchFileText(client, read.ref, read.clean, scope);
    }),
  );
}

/** One file to read in an included-files query: which repository (its index), and the git expression. */
export interface IncludedFileObject {
  repository: number;
  owner: string;
  name: string;
  /** `<branch>:<path>` (`HEAD:<path>` for the default branch). */
  expression: string;
}

/**
 * The document for one batch (aliased repositories `r<i>`, each with its aliased file objects `f<j>`),
 * its variables (names and paths never go into the text), and for each file its two aliases.
 */
export function includedFilesQuery(files: readonly IncludedFileObject[]): {
  query: string;
  variables: Record<string, string>;
  aliases: Array<[string, string]>;
} {
  const repositories = new Map<number, number>();
  const variables: Record<string, string> = {};
  const declarations: string[] = [];
  const objects = new Map<number, string[]>();
  const aliases = files.map((file, index): [string, string] => {
    let alias = repositories.get(file.repository);
    if (alias === undefined) {
      alias = repositories.size;
      repositories.set(file.repository, alias);
      variables[`o${alias}`] = file.owner;
      variables[`n${alias}`] = file.name;
      declarations.push(`$o${alias}: String!`, `$n${alias}: String!`);
      objects.set(alias, []);
    }
    variables[`e${index}`] = file.expression;
    declarations.push(`$e${index}: String!`);
    objects.get(alias)?.push(`f${index}: object(expression: $e${index}) { ...IncludedFile }`);
    return [`r${alias}`, `f${index}`];
  });
  const selections = [...objects].map(
    ([alias, fields]) => `r${alias}: repository(owner: $o${alias}, name: $n${alias}) { ${fields.join(" ")} }`,
  );
  const query = `query IncludedFiles(${declarations.join(", ")}) {
  ${selections.join("\n  ")}
}
fragment IncludedFile on GitObject { __typename ... on Blob { text isBinary isTruncated } }`;
  return { query, variables, aliases };
}

interface ContentsFile {
  type?: string;
  encoding?: string;
  content?: string;
}

/** Text of one file at the default branch via the Contents API; `null` when absent or not a file. */
export async function fetchFileText(
  client: GitHubClient,
  ref: RepositoryRef,
  clean: string,
  scope: RequestScope,
): Promise<string | null> {
  const route = `GET /repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.name)}/contents/${clean
    .split("/")
    .map(encodeURIComponent)
    .join("/")}`;
  const params = ref.defaultBranch ? { ref: ref.defaultBranch } : {};
  const purpose = `reading ${clean} of ${ref.owner}/${ref.name}`;
  const file = await client.getOrNull<ContentsFile | ContentsFile[]>(route, params, { purpose, ...scope });
  if (file === null || Array.isArray(file) || file.type !== "file") return null;
  if (file.encoding === "base64" && typeof file.content === "string") {
    return Buffer.from(file.content, "base64").toString("utf8");
  }
  // Files over 1 MB come without content ("encoding": "none"); the raw media type returns the text.
  const raw = await client.getOrNull<unknown>(route, params, {
    purpose,
    ...scope,
    headers: { accept: "application/vnd.github.raw+json" },
  });
  if (typeof raw === "string") return raw;
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString("utf8");
  return null;
}
