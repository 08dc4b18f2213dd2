/** Blueprint of the `issue` kind, with the properties the compatibility mapping fills. */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { repositoryRelation } from "./repository-relation.js";

export const issueBlueprint: Blueprint = {
  identifier: "githubIssue",
  title: "Issue",
  icon: "Github",
  schema: {
    properties: {
      status: { type: "string", title: "Status", enum: ["open", "closed"] },
      url: { type: "string", format: "url", title: "URL" },
    },
    required: [],
  },
  relations: { repository: repositoryRelation },
};
