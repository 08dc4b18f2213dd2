/**
 * Blueprint of the `pull-request` kind: Ocean's default `githubPullRequest`, plus `prNumber` (which
 * Ocean's default mapping fills though its blueprint lacks it) and `url` (which the GraphQL pull-request
 * mapping of the compatibility cases fills).
 */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { defaultBlueprints } from "../default-blueprints.js";

const base = defaultBlueprints.find((blueprint) => blueprint.identifier === "githubPullRequest");
if (!base) throw new Error("the default blueprints lost githubPullRequest");

export const pullRequestBlueprint: Blueprint = {
  ...base,
  schema: {
    ...base.schema,
    properties: {
      ...base.schema.properties,
      prNumber: { type: "number", title: "PR number" },
      url: { type: "string", format: "url", title: "URL", description: "The pull request's page" },
    },
  },
};
