import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { repositoryRelation } from "./repository-relation.js";

/** `githubWorkflow`: identifier `.__repository + (.id|tostring)`, properties `path`, `state`. */
export const workflowBlueprint: Blueprint = {
  identifier: "githubWorkflow",
  title: "Workflow",
  icon: "Github",
  schema: {
    properties: {
      path: { title: "Path", type: "string" },
      state: {
        title: "State",
        type: "string",
        enum: ["active", "deleted", "disabled_fork", "disabled_inactivity", "disabled_manually"],
      },
    },
    required: [],
  },
  relations: { repository: repositoryRelation },
};
