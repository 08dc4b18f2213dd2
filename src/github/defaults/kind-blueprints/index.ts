/**
 * Blueprints for kinds beyond Ocean's three defaults, one file per kind. Not part of
 * `defaultBlueprints()`: Ocean creates only its three; these are offered for mappings that use the kinds.
 */
import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { codeScanningAlertBlueprint } from "./code-scanning-alerts.js";
import { collaboratorBlueprint } from "./collaborator.js";
import { dependabotAlertBlueprint } from "./dependabot-alert.js";
import { secretScanningAlertBlueprint } from "./secret-scanning-alerts.js";
import { teamBlueprint } from "./team.js";
import { userBlueprint } from "./user.js";

export const kindBlueprints: Readonly<Record<string, Blueprint>> = {
  user: userBlueprint,
  team: teamBlueprint,
  collaborator: collaboratorBlueprint,
  "dependabot-alert": dependabotAlertBlueprint,
  "code-scanning-alerts": codeScanningAlertBlueprint,
  "secret-scanning-alerts": secretScanningAlertBlueprint,
};
