/** Blueprint for the `collaborator` kind: one entity per (repository, user), related to its repository. */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";

export const collaboratorBlueprint: Blueprint = {
  identifier: "githubCollaborator",
  title: "GitHub Collaborator",
  icon: "Github",
  schema: {
    properties: {
      url: { type: "string", format: "url", title: "Profile URL" },
    },
    required: [],
  },
  relations: {
    repository: { title: "Repository", target: "githubRepository", required: false, many: false },
  },
};
