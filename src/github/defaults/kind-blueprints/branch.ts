/** Blueprint of the `branch` kind, with the properties the compatibility mapping fills. */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { repositoryRelation } from "./repository-relation.js";

export const branchBlueprint: Blueprint = {
  identifier: "githubBranch",
  title: "Branch",
  icon: "Git",
  schema: {
    properties: {
      protected: { type: "boolean", title: "Protected" },
      requiredCheck: { type: "string", title: "Required status check" },
      commitMessage: { type: "string", title: "Head commit message" },
    },
    required: [],
  },
  relations: { repository: repositoryRelation },
};
