/**
 * One blueprint per kind, for users who map a kind Ocean's three default blueprints do not cover. Not
 * part of `defaultBlueprints()`: Ocean creates only its three by default.
 */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { branchBlueprint } from "./branch.js";
import { issueBlueprint } from "./issue.js";
import { pullRequestBlueprint } from "./pull-request.js";
import { releaseBlueprint } from "./release.js";
import { tagBlueprint } from "./tag.js";

export const kindBlueprints: Readonly<Record<string, Blueprint>> = {
  "pull-request": pullRequestBlueprint,
  issue: issueBlueprint,
  release: releaseBlueprint,
  tag: tagBlueprint,
  branch: branchBlueprint,
};
