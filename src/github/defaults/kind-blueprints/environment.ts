import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { repositoryRelation } from "./repository-relation.js";

/** `githubEnvironment`: identifier `.__repository + .name`, property `url`. */
export const environmentBlueprint: Blueprint = {
  identifier: "githubEnvironment",
  title: "Environment",
  icon: "Github",
  schema: {
    properties: {
      url: { title: "URL", type: "string", format: "url" },
    },
    required: [],
  },
  relations: { repository: repositoryRelation },
};
