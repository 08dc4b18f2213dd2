import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { repositoryRelation } from "./repository-relation.js";

/**
 * `githubCodeowners`: what the compat mapping (block C) makes of `CODEOWNERS` files with `itemsToParse`
 * — identifier `.item.repoName + "_" + .item.identifier + "_codeowners"`, properties `scope`,
 * `location`, `users`, `teams`, relation `repository`.
 */
export const fileBlueprint: Blueprint = {
  identifier: "githubCodeowners",
  title: "Codeowners",
  icon: "Github",
  schema: {
    properties: {
      scope: { title: "Scope", type: "string", description: "The path pattern the rule covers" },
      location: { title: "Location", type: "string", description: "Path of the CODEOWNERS file" },
      users: { title: "Users", type: "array", items: { type: "string" } },
      teams: { title: "Teams", type: "array", items: { type: "string" } },
    },
    required: [],
  },
  relations: { repository: repositoryRelation },
};
