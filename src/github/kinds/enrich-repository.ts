/**
 * Adds to one repository what its selector asks for (spec §4.2): `__includedFiles` and the relations
 * (`__collaborators`, `__teams`, `__sbom`, `__pages`, `custom_properties`). Used by resync and by the
 * repository live event alike, so both give the same raw object. The input is not modified.
 */
import type { RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient, RequestScope } from "../client/github-client.js";
import { repositoryContentVersion } from "./repository-content-version.js";
import { isRepositoryPath } from "./repository-paths.js";
import type { IncludedRelations } from "./repository-selector.js";

export interface RepositoryEnrichment {
  includedFiles: readonly string[];
  relations: IncludedRelations;
  /**
   * Keep the included files' reads until the repository's `pushed_at` moves (resyncs). Live events read
   * them afresh: a delivery may come before GitHub's repository object shows the push.
   */
  rememberFiles?: boolean;
}

interface RepositoryRef {
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

export async function enrichRepository(
  client: GitHubClient,
  repository: RawObject,
  enrichment: RepositoryEnrichment,
  scope: RequestScope = {},
): Promise<RawObject> {
  const result: RawObject = { ...repository };
  const ref = repositoryRef(repository);
  const base = `/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.name)}`;
  const full = `${ref.owner}/${ref.name}`;
  const { relations } = enrichment;

  if (relations.collaborators) {
    const collaborators: unknown[] = [];
    for await (const page of client.pages(
      `GET ${base}/collaborators`,
      { affiliation: relations.collaborators.affiliation },
      { purpose: `listing collaborators of ${full}`, ...scope },
    )) {
      collaborators.push(...page);
    }
    result.__collaborators = collaborators;
  }
  if (relations.teams) {
    const teams: unknown[] = [];
    for await (const page of client.pages(
      `GET ${base}/teams`,
      {},
      { purpose: `listing teams of ${full}`, ...scope },
    )) {
      teams.push(...page);
    }
    result.__teams = teams;
  }
  if (relations.sbom) {
    const sbom = await client.getOrNull<{ sbom?: unknown }>(
      `GET ${base}/dependency-graph/sbom`,
      {},
      { purpose: `reading the SBOM of ${full}`, ...scope },
    );
    result.__sbom = sbom?.sbom ?? {};
  }
  if (relations.customProperties && result.custom_properties === undefined) {
    const values = await client.get<Array<{ property_name: string; value: unknown }>>(
      `GET ${base}/properties/values`,
      {},
      { purpose: `reading custom properties of ${full}`, ...scope },
    );
    result.custom_properties = Object.fromEntries(values.map((entry) => [entry.property_name, entry.value]));
  }
  if (relations.pages) {
    result.__pages =
      (await client.getOrNull<RawObject>(
        `GET ${base}/pages`,
        {},
        {
          purpose: `reading the Pages site of ${full}`,
          ...scope,
        },
      )) ?? {};
  }
  if (enrichment.includedFiles.length > 0) {
    const files: Record<string, string | null> = {};
    const version = enrichment.rememberFiles ? repositoryContentVersion(repository) : undefined;
    for (const path of enrichment.includedFiles) {
      files[path] = await readFileText(client, ref, path, scope, version);
    }
    result.__includedFiles = files;
  }
  return result;
}

interface ContentsFile {
  type?: string;
  encoding?: string;
  content?: string;
}

/**
 * Text of one file at the default branch via the Contents API; `null` when absent or not a file. With
 * the repository's content `version`, the read is remembered until it changes.
 */
export async function readFileText(
  client: GitHubClient,
  ref: RepositoryRef,
  path: string,
  scope: RequestScope = {},
  version?: string,
): Promise<string | null> {
  const clean = path.replace(/^\/+/, "");
  if (clean === "" || !isRepositoryPath(clean)) return null;
  return client.remember(
    `text of ${ref.owner}/${ref.name}@${ref.defaultBranch ?? ""}:${clean}`,
    version,
    () => fetchFileText(client, ref, clean, scope),
  );
}

async function fetchFileText(
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
