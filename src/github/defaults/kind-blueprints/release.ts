/** Blueprint of the `release` kind, with the properties the compatibility mapping fills. */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { repositoryRelation } from "./repository-relation.js";

export const releaseBlueprint: Blueprint = {
  identifier: "githubRelease",
  title: "Release",
  icon: "Github",
  schema: {
    properties: {
      tag: { type: "string", title: "Tag" },
      url: { type: "string", format: "url", title: "URL" },
    },
    required: [],
  },
  relations: { repository: repositoryRelation },
};
