/**
 * The deployment and deployment-status selectors (spec §4.13, §4.14): `task` and `environment` are sent
 * as the listing's query parameters (exact match on GitHub) and filter live events the same way;
 * `enrichWithFirstCommit` (deployment only) adds the first commit since the environment's previous
 * deployment.
 */
import { z } from "zod";
import { repositoryScopedSelectorSchema } from "./repository-scoped-selector.js";

const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value === undefined || value === null || value === "" ? null : value));

export const deploymentStatusSelectorSchema = repositoryScopedSelectorSchema.extend({
  task: optionalText,
  environment: optionalText,
});

export const deploymentSelectorSchema = deploymentStatusSelectorSchema.extend({
  enrichWithFirstCommit: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
});

export type DeploymentStatusSelector = z.output<typeof deploymentStatusSelectorSchema>;
export type DeploymentSelector = z.output<typeof deploymentSelectorSchema>;

/** Whether a deployment object passes the selector's `task` / `environment` (as the listing would). */
export function matchesDeploymentFilters(
  selector: Pick<DeploymentStatusSelector, "task" | "environment">,
  deployment: { task?: unknown; environment?: unknown },
): boolean {
  return (
    (selector.task === null || deployment.task === selector.task) &&
    (selector.environment === null || deployment.environment === selector.environment)
  );
}
