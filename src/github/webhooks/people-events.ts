/**
 * Live events of the people kinds: which kinds an `organization`, `team`, `membership` or `member`
 * delivery may change, and the processor of each kind.
 */
import type { EventResource, KindChanges, LiveEvent } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { handleCollaboratorEvent } from "./collaborator-event.js";
import { handleOrganizationMemberEvent } from "./organization-member-event.js";
import { handleTeamEvent } from "./team-event.js";

const kindsByEvent: Record<string, readonly string[]> = {
  organization: ["user"],
  team: ["team", "collaborator"],
  membership: ["team", "collaborator"],
  member: ["collaborator"],
};

const processors: Record<
  string,
  (context: GitHubContext, event: LiveEvent, resource: EventResource) => Promise<KindChanges | null>
> = {
  user: handleOrganizationMemberEvent,
  team: handleTeamEvent,
  collaborator: handleCollaboratorEvent,
};

export function peopleKindsTouchedBy(event: LiveEvent): readonly string[] {
  return kindsByEvent[event.name] ?? [];
}

/** The changes for a `user`, `team` or `collaborator` resource; undefined for other kinds. */
export function handlePeopleEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> | undefined {
  return processors[resource.kind]?.(context, event, resource);
}
