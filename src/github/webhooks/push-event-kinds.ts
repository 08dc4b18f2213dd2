/**
 * Which kinds a `push` delivery can change, and the processor of each (spec §5.3): folder, file, skill
 * and plugin re-read what the push changed on the pushed branch.
 */
import type { EventResource, KindChanges, LiveEvent } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { handleFilePushEvent } from "./file-push-event.js";
import { handleFolderPushEvent } from "./folder-push-event.js";
import { handlePluginPushEvent } from "./plugin-push-event.js";
import { handleSkillPushEvent } from "./skill-push-event.js";

type PushProcessor = (
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
) => Promise<KindChanges | null>;

const processors: Record<string, PushProcessor> = {
  folder: handleFolderPushEvent,
  file: handleFilePushEvent,
  skill: handleSkillPushEvent,
  plugin: handlePluginPushEvent,
};

const kinds: readonly string[] = Object.keys(processors);

/** The kinds a delivery may change: every one of them for a push to a branch, none otherwise. */
export function kindsTouchedByPush(event: LiveEvent): readonly string[] {
  const { ref, deleted } = event.payload;
  return event.name === "push" && typeof ref === "string" && ref.startsWith("refs/heads/") && deleted !== true
    ? kinds
    : [];
}

export async function handlePushEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  const processor = processors[resource.kind];
  return processor ? processor(context, event, resource) : null;
}
