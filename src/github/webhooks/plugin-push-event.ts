/**
 * The plugin processor (spec §5.3–5.4): a push to a branch an applicable `paths[]` entry covers that
 * changes a selected provider's manifest or marker directory rebuilds the repository's plugin at that
 * branch. With no evidence left (and a complete tree) the plugin is deleted; its delete object names the
 * repository (`plugin.name` is the repository's name, as in Ocean: the old manifest name is gone).
 */
import type { EventResource, KindChanges, LiveEvent } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { buildPlugin } from "../kinds/plugin.js";
import { isPluginEvidence } from "../kinds/plugin-providers.js";
import { pluginSelectorSchema } from "../kinds/plugin-selector.js";
import { entriesForPush, readPush } from "./read-push.js";

export async function handlePluginPushEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  const selector = pluginSelectorSchema.parse(resource.selector);
  const options = parseGitHubMappingOptions(resource.mappingOptions);
  const push = await readPush(context, event, options);
  if (push === null || entriesForPush(selector.paths, push, options).length === 0) return null;
  const touched = push.changed.some((file) =>
    [file.path, file.previousPath].some(
      (path) => path !== undefined && isPluginEvidence(path, selector.providers),
    ),
  );
  if (!touched) return null;
  const { plugin, tree } = await buildPlugin(push, selector.providers, { traffic: "live" });
  if (plugin) return { kind: resource.kind, upserted: [plugin], deleted: [] };
  if (tree?.truncated) return null;
  return {
    kind: resource.kind,
    upserted: [],
    deleted: [
      {
        plugin: { name: push.name },
        __repository: push.repository,
        __branch: push.branch,
        __organization: push.organization,
      },
    ],
  };
}
