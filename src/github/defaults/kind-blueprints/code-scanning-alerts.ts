/** Blueprint for the `code-scanning-alerts` kind: one entity per code scanning alert, related to its repository. */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";

export const codeScanningAlertBlueprint: Blueprint = {
  identifier: "githubCodeScanningAlert",
  title: "GitHub Code Scanning Alert",
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
