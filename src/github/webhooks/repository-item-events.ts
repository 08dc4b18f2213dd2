/**
 * Routing of the repo-scoped kinds' live events: which kinds a delivery may touch, and which processor
 * handles it for a resource of that kind.
 */
import type { EventResource, KindChanges, LiveEvent } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { handleBranchEvent } from "./branch-event.js";
import { handleIssuesEvent } from "./issues-event.js";
import { handlePullRequestEvent } from "./pull-request-event.js";
import { handleReleaseEvent } from "./release-event.js";
import { handleTagEvent } from "./tag-event.js";

type Handler = (
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
) => Promise<KindChanges | null>;

const handlers: Readonly<Record<string, Handler>> = {
  "pull-request": handlePullRequestEvent,
  issue: handleIssuesEvent,
  release: handleReleaseEvent,
  tag: handleTagEvent,
  branch: handleBranchEvent,
};

export function repositoryItemKindsTouchedBy(event: LiveEvent): string[] {
  switch (event.name) {
    case "pull_request":
      return ["pull-request"];
    case "issues":
      return ["issue"];
    case "release":
      return ["release"];
    case "create":
    case "delete": {
      const refType = event.payload.ref_type;
      return refType === "tag" ? ["tag"] : refType === "branch" ? ["branch"] : [];
    }
    case "push":
      return typeof event.payload.ref === "string" && event.payload.ref.startsWith("refs/heads/")
        ? ["branch"]
        : [];
    default:
      return [];
  }
}

/** The processor of a repo-scoped kind; undefined for other kinds. */
export function repositoryItemHandler(kind: string): Handler | undefined {
  return handlers[kind];
}
