import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { repositoryRelation } from "./repository-relation.js";

/**
 * `githubSkill`: one Agent Skill (`SKILL.md`), from the skill kind's `skill` object — identifier
 * `.__repository.name + "/" + .skill.path`, title `.skill.name`.
 */
export const skillBlueprint: Blueprint = {
  identifier: "githubSkill",
  title: "Agent Skill",
  icon: "Github",
  schema: {
    properties: {
      description: { title: "Description", type: "string" },
      instructions: { title: "Instructions", type: "string", format: "markdown" },
      frontmatter: { title: "Front matter", type: "object" },
      path: { title: "Path", type: "string" },
      skillMdPath: { title: "SKILL.md path", type: "string" },
      root: { title: "Root", type: "string" },
      blobSha: { title: "Blob SHA", type: "string" },
      branch: { title: "Branch", type: "string" },
    },
    required: [],
  },
  relations: { repository: repositoryRelation },
};
