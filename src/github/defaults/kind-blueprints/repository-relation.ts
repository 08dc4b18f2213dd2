import type { BlueprintRelation } from "../../../engine/catalog/blueprint.js";

/** The `repository` relation every repository-scoped kind's blueprint has (`.__repository` in the mapping). */
export const repositoryRelation: BlueprintRelation = {
  title: "Repository",
  target: "githubRepository",
  required: false,
  many: false,
};
