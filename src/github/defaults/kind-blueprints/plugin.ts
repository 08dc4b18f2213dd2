import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { repositoryRelation } from "./repository-relation.js";

/**
 * `githubPlugin`: a repository's agent plugin, from the plugin kind's `plugin` object — identifier
 * `.__repository.name`, title `.plugin.displayName`.
 */
export const pluginBlueprint: Blueprint = {
  identifier: "githubPlugin",
  title: "Agent Plugin",
  icon: "Github",
  schema: {
    properties: {
      name: { title: "Name", type: "string" },
      description: { title: "Description", type: "string" },
      version: { title: "Version", type: "string" },
      supports: { title: "Supported tools", type: "object" },
      branch: { title: "Branch", type: "string" },
    },
    required: [],
  },
  relations: { repository: repositoryRelation },
};
