import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { repositoryRelation } from "./repository-relation.js";

/** `githubDeploymentStatus`: identifier `.__deployment_id + (.id|tostring)`, title `.state`, properties `description`, `environment`. */
export const deploymentStatusBlueprint: Blueprint = {
  identifier: "githubDeploymentStatus",
  title: "Deployment Status",
  icon: "Github",
  schema: {
    properties: {
      description: { title: "Description", type: "string" },
      environment: { title: "Environment", type: "string" },
    },
    required: [],
  },
  relations: { repository: repositoryRelation },
};
