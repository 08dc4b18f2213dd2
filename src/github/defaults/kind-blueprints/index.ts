/**
 * One blueprint per kind beyond Ocean's three defaults, with the identifiers and properties the
 * per-kind mappings use (`shared/ocean/mappings/compat-port-app-config.yml`, block B). They are offered
 * to users who map those kinds; `defaultBlueprints` stays Ocean's three.
 */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { branchBlueprint } from "./branch.js";
import { codeScanningAlertBlueprint } from "./code-scanning-alerts.js";
import { collaboratorBlueprint } from "./collaborator.js";
import { dependabotAlertBlueprint } from "./dependabot-alert.js";
import { deploymentBlueprint } from "./deployment.js";
import { deploymentStatusBlueprint } from "./deployment-status.js";
import { environmentBlueprint } from "./environment.js";
import { fileBlueprint } from "./file.js";
import { folderBlueprint } from "./folder.js";
import { issueBlueprint } from "./issue.js";
import { pluginBlueprint } from "./plugin.js";
import { pullRequestBlueprint } from "./pull-request.js";
import { releaseBlueprint } from "./release.js";
import { secretScanningAlertBlueprint } from "./secret-scanning-alerts.js";
import { skillBlueprint } from "./skill.js";
import { tagBlueprint } from "./tag.js";
import { teamBlueprint } from "./team.js";
import { userBlueprint } from "./user.js";
import { workflowBlueprint } from "./workflow.js";
import { workflowRunBlueprint } from "./workflow-run.js";

/** Kind name → its blueprint. */
export const kindBlueprints: Readonly<Record<string, Blueprint>> = {
  workflow: workflowBlueprint,
  "workflow-run": workflowRunBlueprint,
  environment: environmentBlueprint,
  deployment: deploymentBlueprint,
  "deployment-status": deploymentStatusBlueprint,
  "pull-request": pullRequestBlueprint,
  issue: issueBlueprint,
  release: releaseBlueprint,
  tag: tagBlueprint,
  branch: branchBlueprint,
  folder: folderBlueprint,
  file: fileBlueprint,
  skill: skillBlueprint,
  plugin: pluginBlueprint,
  user: userBlueprint,
  team: teamBlueprint,
  collaborator: collaboratorBlueprint,
  "dependabot-alert": dependabotAlertBlueprint,
  "code-scanning-alerts": codeScanningAlertBlueprint,
  "secret-scanning-alerts": secretScanningAlertBlueprint,
};
