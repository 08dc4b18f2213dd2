import type { RepositoryRecord, RepositoryVisibility } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { RepositoryAction, RepositoryChanges } from "../webhooks/repository-event-payload.js";

/** What `PATCH /_simulator/repos/{owner}/{repo}` may change. */
export interface RepositoryPatch {
  name?: string;
  description?: string | null;
  homepage?: string | null;
  topics?: string[];
  archived?: boolean;
  visibility?: RepositoryVisibility;
  defaultBranch?: string;
}

/** One `repository` event a change produces, in the order GitHub would send them. */
export interface RepositoryChangeEvent {
  action: RepositoryAction;
  changes?: RepositoryChanges;
}

/**
 * Applies a patch to a repository and lists the `repository` events it causes: `unarchived` first (an
 * archived repository cannot change otherwise), then `renamed`, `edited` (one event carrying every
 * edited field's former value), `privatized`/`publicized`, and `archived` last. A patch that changes
 * nothing produces no event. A visibility change between private and internal changes the state only:
 * GitHub's `repository` event has no action for it.
 */
export function applyRepositoryChanges(
  state: SimulatorState,
  repo: RepositoryRecord,
  patch: RepositoryPatch,
): RepositoryChangeEvent[] {
  const events: RepositoryChangeEvent[] = [];
  const touch = () => {
    repo.updatedAt = state.clock.now();
  };
  if (patch.archived === false && repo.archived) {
    repo.archived = false;
    touch();
    events.push({ action: "unarchived" });
  }
  if (patch.name !== undefined && patch.name !== repo.name) {
    const from = repo.name;
    state.renameRepository(repo, patch.name);
    touch();
    events.push({ action: "renamed", changes: { repository: { name: { from } } } });
  }
  const edited: Exclude<RepositoryChanges, { repository: unknown }> = {};
  if (patch.description !== undefined && patch.description !== repo.description) {
    edited.description = { from: repo.description };
    repo.description = patch.description;
  }
  if (patch.homepage !== undefined && patch.homepage !== repo.homepage) {
    edited.homepage = { from: repo.homepage };
    repo.homepage = patch.homepage;
  }
  if (patch.topics !== undefined && patch.topics.join("\n") !== repo.topics.join("\n")) {
    edited.topics = { from: [...repo.topics] };
    repo.topics = [...patch.topics];
  }
  if (patch.defaultBranch !== undefined && patch.defaultBranch !== repo.defaultBranch) {
    edited.default_branch = { from: repo.defaultBranch };
    state.ensureRef(repo.id, patch.defaultBranch, repo.defaultBranch);
    repo.defaultBranch = patch.defaultBranch;
  }
  if (Object.keys(edited).length > 0) {
    touch();
    events.push({ action: "edited", changes: edited });
  }
  if (patch.visibility !== undefined && patch.visibility !== repo.visibility) {
    const wasPublic = repo.visibility === "public";
    repo.visibility = patch.visibility;
    touch();
    if (wasPublic) events.push({ action: "privatized" });
    else if (patch.visibility === "public") events.push({ action: "publicized" });
  }
  if (patch.archived === true && !repo.archived) {
    repo.archived = true;
    touch();
    events.push({ action: "archived" });
  }
  return events;
}
