/**
 * Event routing for the kinds workflow, workflow-run, environment, deployment and deployment-status:
 * which kinds a delivery may change, and the processor for each.
 */
import type { EventResource, KindChanges, LiveEvent } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import {
  handleDeploymentEvent,
  handleDeploymentStatusEvent,
  handleEnvironmentEvent,
} from "./deployment-event.js";
import { handleWorkflowEvent, pushTouchesWorkflows } from "./workflow-event.js";
import { handleWorkflowRunEvent } from "./workflow-run-event.js";

type Processor = (
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
) => Promise<KindChanges | null>;

const processors: Record<string, Processor> = {
  workflow: handleWorkflowEvent,
  "workflow-run": handleWorkflowRunEvent,
  environment: handleEnvironmentEvent,
  deployment: handleDeploymentEvent,
  "deployment-status": handleDeploymentStatusEvent,
};

export function actionsAndDeploymentsKindsTouchedBy(event: LiveEvent): string[] {
  switch (event.name) {
    case "push":
      return pushTouchesWorkflows(event.payload) ? ["workflow"] : [];
    case "workflow_run":
      return ["workflow-run"];
    case "deployment":
      return ["environment", "deployment"];
    case "deployment_status":
      return ["deployment-status"];
    default:
      return [];
  }
}

/** The processor of `resource.kind`, or undefined when the kind is not one of these. */
export function actionsAndDeploymentsProcessor(kind: string): Processor | undefined {
  return processors[kind];
}
