import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { defaultBlueprints } from "../default-blueprints.js";

/**
 * Folders are mapped onto Ocean's `githubRepository` blueprint (the compat mapping, block C: identifier
 * `.__repository.name + "/" + .folder.path`, property `url`): a monorepo folder is a repository-like
 * component, so the kind reuses that default blueprint rather than a new one.
 */
export const folderBlueprint: Blueprint = (() => {
  const repository = defaultBlueprints.find((blueprint) => blueprint.identifier === "githubRepository");
  if (!repository) throw new Error("Ocean's default blueprints lack githubRepository");
  return repository;
})();
