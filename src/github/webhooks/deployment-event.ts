/**
 * The environment, deployment and deployment-status processors (spec §5.3/§5.4). None of them deletes:
 * GitHub sends no event when an environment or deployment is removed.
 *
 * - `deployment` → environment: re-read `GET …/environments/{name}` (+ `__variables` when the selector
 *   asks); no task/environment filter.
 * - `deployment` → deployment: the selector's `task` / `environment` must equal the payload deployment's,
 *   then re-read `GET …/deployments/{id}` (no first-commit enrichment on live events, as in Ocean).
 * - `deployment_status` → deployment-status: the same filter on the payload's deployment, then re-read
 *   `GET …/deployments/{id}/statuses/{status_id}`, with `__deployment_id`.
 *
 * The filters run before the repository checks, so a filtered-out delivery costs no request. A 404 on
 * the re-read (removed since the delivery) changes nothing; the next resync drops it.
 */
import { z } from "zod";
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import {
  deploymentSelectorSchema,
  deploymentStatusSelectorSchema,
  matchesDeploymentFilters,
} from "../kinds/deployment-selector.js";
import { enrichEnvironment } from "../kinds/enrich-environment.js";
import { environmentSelectorSchema } from "../kinds/environment-selector.js";
import { openRepositoryScopedEvent, parsePayload, withEventRepository } from "./repository-scoped-event.js";

const deploymentSchema = z.looseObject({
  id: z.number(),
  environment: z.string().min(1),
  task: z.string().nullish(),
});

const deploymentPayloadSchema = z.looseObject({ deployment: deploymentSchema });
const statusPayloadSchema = z.looseObject({
  deployment: deploymentSchema,
  deployment_status: z.looseObject({ id: z.number() }),
});

export async function handleEnvironmentEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  if (event.name !== "deployment") return null;
  const { deployment } = parsePayload(event, deploymentPayloadSchema);
  const selector = environmentSelectorSchema.parse(resource.selector);
  const scoped = await openRepositoryScopedEvent(context, event, resource, selector.repoSearch);
  if (!scoped) return null;
  const environment = await scoped.client.getOrNull<RawObject>(
    "GET /repos/{owner}/{repo}/environments/{environment_name}",
    { owner: scoped.owner, repo: scoped.name, environment_name: deployment.environment },
    {
      purpose: `re-reading environment ${deployment.environment} of ${scoped.owner}/${scoped.name} for webhook delivery ${event.deliveryId}`,
    },
  );
  const upserted =
    environment === null
      ? []
      : [
          withEventRepository(
            await enrichEnvironment(scoped.client, scoped, environment, selector.includeVariables),
            scoped,
          ),
        ];
  return { kind: resource.kind, upserted, deleted: [] };
}

export async function handleDeploymentEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  if (event.name !== "deployment") return null;
  const { deployment } = parsePayload(event, deploymentPayloadSchema);
  const selector = deploymentSelectorSchema.parse(resource.selector);
  if (!matchesDeploymentFilters(selector, deployment)) return null;
  const scoped = await openRepositoryScopedEvent(context, event, resource, selector.repoSearch);
  if (!scoped) return null;
  const fresh = await scoped.client.getOrNull<RawObject>(
    "GET /repos/{owner}/{repo}/deployments/{deployment_id}",
    { owner: scoped.owner, repo: scoped.name, deployment_id: deployment.id },
    {
      purpose: `re-reading deployment ${deployment.id} of ${scoped.owner}/${scoped.name} for webhook delivery ${event.deliveryId}`,
    },
  );
  return {
    kind: resource.kind,
    upserted: fresh === null ? [] : [withEventRepository(fresh, scoped)],
    deleted: [],
  };
}

export async function handleDeploymentStatusEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  if (event.name !== "deployment_status") return null;
  const payload = parsePayload(event, statusPayloadSchema);
  const selector = deploymentStatusSelectorSchema.parse(resource.selector);
  if (!matchesDeploymentFilters(selector, payload.deployment)) return null;
  const scoped = await openRepositoryScopedEvent(context, event, resource, selector.repoSearch);
  if (!scoped) return null;
  const { deployment, deployment_status: status } = payload;
  const fresh = await scoped.client.getOrNull<RawObject>(
    "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}",
    { owner: scoped.owner, repo: scoped.name, deployment_id: deployment.id, status_id: status.id },
    {
      purpose: `re-reading status ${status.id} of deployment ${deployment.id} in ${scoped.owner}/${scoped.name} for webhook delivery ${event.deliveryId}`,
    },
  );
  const upserted =
    fresh === null ? [] : [{ ...withEventRepository(fresh, scoped), __deployment_id: String(deployment.id) }];
  return { kind: resource.kind, upserted, deleted: [] };
}
