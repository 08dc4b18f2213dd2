import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { repositoryRelation } from "./repository-relation.js";

/** `githubDeployment`: identifier `.__repository + (.id|tostring)`, title `.task`, properties `environment`, `ref`. */
export const deploymentBlueprint: Blueprint = {
  identifier: "githubDeployment",
  title: "Deployment",
  icon: "Github",
  schema: {
    properties: {
      environment: { title: "Environment", type: "string" },
      ref: { title: "Ref", type: "string" },
    },
    required: [],
  },
  relations: { repository: repositoryRelation },
};
