/**
 * Adds to repositories what their selector asks for (spec §4.2): `__includedFiles` and the relations
 * (`__collaborators`, `__teams`, `__sbom`, `__pages`, `custom_properties`). Used by resync and by the
 * repository live event alike, so both give the same raw object. The input is not modified.
 */
import type { RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient, RequestScope } from "../client/github-client.js";
import { mapConcurrent } from "../map-concurrent.js";
import { readIncludedFiles, repositoryRef } from "./read-included-files.js";
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

/** Repositories whose relations are read at the same time (Ocean: batches of 10). */
const RELATION_CONCURRENCY = 10;

/**
 * `repositories` enriched, in the same order: their relations read several repositories at a time, their
 * included files in batches across repositories (`read-included-files.ts`), both at once.
 */
export async function enrichRepositories(
  client: GitHubClient,
  repositories: readonly RawObject[],
  enrichment: RepositoryEnrichment,
  scope: RequestScope = {},
): Promise<RawObject[]> {
  const [enriched, files] = await Promise.all([
    mapConcurrent(repositories, RELATION_CONCURRENCY, (repository) =>
      withRelations(client, repository, enrichment.relations, scope),
    ),
    enrichment.includedFiles.length > 0
      ? readIncludedFiles(
          client,
          repositories,
          enrichment.includedFiles,
          scope,
          enrichment.rememberFiles === true,
        )
      : undefined,
  ]);
  if (files) for (const [index, repository] of enriched.entries()) repository.__includedFiles = files[index];
  return enriched;
}

/** One repository enriched (a live event), exactly as a resync enriches it. */
export async function enrichRepository(
  client: GitHubClient,
  repository: RawObject,
  enrichment: RepositoryEnrichment,
  scope: RequestScope = {},
): Promise<RawObject> {
  const [enriched] = await enrichRepositories(client, [repository], enrichment, scope);
  return enriched as RawObject;
}

/** A copy of `repository` with the relations asked for. */
async function withRelations(
  client: GitHubClient,
  repository: RawObject,
  relations: IncludedRelations,
  scope: RequestScope,
): Promise<RawObject> {
  const result: RawObject = { ...repository };
  const ref = repositoryRef(repository);
  const base = `/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.name)}`;
  const full = `${ref.owner}/${ref.name}`;

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
  return result;
}
