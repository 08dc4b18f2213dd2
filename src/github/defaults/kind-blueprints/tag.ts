/** Blueprint of the `tag` kind, with the properties the compatibility mapping fills. */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { repositoryRelation } from "./repository-relation.js";

export const tagBlueprint: Blueprint = {
  identifier: "githubTag",
  title: "Tag",
  icon: "Github",
  schema: {
    properties: {
      commitSha: { type: "string", title: "Commit SHA" },
    },
    required: [],
  },
  relations: { repository: repositoryRelation },
};
