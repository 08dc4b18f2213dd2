import type { Blueprint } from "../../../engine/catalog/blueprint.js";
import { repositoryRelation } from "./repository-relation.js";

/** `githubWorkflowRun`: identifier `.__repository + (.id|tostring)`, properties `status`, `conclusion`, `url`. */
export const workflowRunBlueprint: Blueprint = {
  identifier: "githubWorkflowRun",
  title: "Workflow Run",
  icon: "Github",
  schema: {
    properties: {
      status: {
        title: "Status",
        type: "string",
        enum: [
          "completed",
          "action_required",
          "cancelled",
          "startup_failure",
          "failure",
          "neutral",
          "skipped",
          "stale",
          "success",
          "timed_out",
          "in_progress",
          "queued",
          "requested",
          "waiting",
          "pending",
        ],
      },
      conclusion: {
        title: "Conclusion",
        type: "string",
        enum: [
          "success",
          "failure",
          "cancelled",
          "skipped",
          "neutral",
          "timed_out",
          "action_required",
          "stale",
          "startup_failure",
        ],
      },
      url: { title: "Run link", type: "string", format: "url" },
    },
    required: [],
  },
  relations: { repository: repositoryRelation },
};
