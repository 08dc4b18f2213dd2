/** Blueprint for the `team` kind: identified by the team's slug, titled by its name. */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";

export const teamBlueprint: Blueprint = {
  identifier: "githubTeam",
  title: "GitHub Team",
  icon: "Github",
  schema: {
    properties: {
      description: { type: "string", title: "Description" },
    },
    required: [],
  },
  relations: {},
};
