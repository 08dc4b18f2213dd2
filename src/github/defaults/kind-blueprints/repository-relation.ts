import type { BlueprintRelation } from "../../../engine/catalog/blueprint.js";

/** The `repository` relation every repo-scoped kind's blueprint has (mapped from `.__repository`). */
export const repositoryRelation: BlueprintRelation = {
  title: "Repository",
  target: "githubRepository",
  required: false,
  many: false,
};
