/** Blueprint for the `secret-scanning-alerts` kind: one entity per secret scanning alert, related to its repository. */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";

export const secretScanningAlertBlueprint: Blueprint = {
  identifier: "githubSecretScanningAlert",
  title: "GitHub Secret Scanning Alert",
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
