/**
 * The `__` fields a repo-scoped kind adds to each raw item (spec §4.0): `__repository` (the repository's
 * name), `__organization` (the account's login) and, for branch and tag, `__repository_object` (the whole
 * repository object). Resync and live events add the same fields, so a mapping computes the same
 * identifiers from both.
 */
import type { RawObject } from "../../engine/integration/integration.js";

export interface ItemRepository {
  repository: RawObject;
  organization: string;
}

export function withRepositoryFields(
  item: RawObject,
  { repository, organization }: ItemRepository,
  options: { repositoryObject?: boolean } = {},
): RawObject {
  return {
    ...item,
    __repository: String(repository.name),
    ...(options.repositoryObject ? { __repository_object: repository } : {}),
    __organization: organization,
  };
}
