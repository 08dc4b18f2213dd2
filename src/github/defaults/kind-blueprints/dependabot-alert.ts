/** Blueprint for the `dependabot-alert` kind: one entity per Dependabot alert (`.__repository + (.number|tostring)`), related to its repository. */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";

export const dependabotAlertBlueprint: Blueprint = {
  identifier: "githubDependabotAlert",
  title: "GitHub Dependabot Alert",
  icon: "Github",
  schema: {
    properties: {
      state: { type: "string", title: "State" },
      url: { type: "string", format: "url", title: "URL" },
    },
    required: [],
  },
  relations: {
    repository: { title: "Repository", target: "githubRepository", required: false, many: false },
  },
};
