/**
 * The `__` fields of the pull-request, issue, release, tag and branch raw items (spec §4.0): `withRepository`'s
 * `__repository` (name) and `__organization` (login), and for branch and tag also `__repository_object`
 * (the whole repository object). Resync and live events add them from the same inputs — a listed
 * repository or a delivery's — so a mapping computes the same identifiers from both.
 */
import type { RawObject } from "../../engine/integration/integration.js";
import { withRepository } from "./across-repositories.js";

export interface ItemRepository {
  repository: RawObject;
  organization: string;
}

export function withRepositoryFields(
  item: RawObject,
  { repository, organization }: ItemRepository,
  options: { repositoryObject?: boolean } = {},
): RawObject {
  const fields = withRepository(item, { name: String(repository.name), account: { login: organization } });
  return options.repositoryObject ? { ...fields, __repository_object: repository } : fields;
}
