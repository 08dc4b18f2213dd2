/**
 * Kind `plugin` (spec §4.22): per repository target, one recursive tree read finds the selected
 * providers' manifests and marker directories; present manifests are read (Contents API) and parsed as
 * JSON, and the repository's plugin is normalised into `{plugin, __repository, __branch,
 * __organization}`. A repository without evidence gives nothing.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { RequestScope } from "../client/github-client.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { mapRepositoryTargets } from "./map-repository-targets.js";
import { normalizePlugin, type ProviderFindings } from "./normalize-plugin.js";
import { type PluginProvider, providerEvidence } from "./plugin-providers.js";
import { type PluginSelector, pluginSelectorSchema } from "./plugin-selector.js";
import { type RepositoryTree, readRepositoryTree } from "./read-repository-tree.js";
import { readTargetFile } from "./read-target-file.js";
import { listRepositoryTargets, type RepositoryTarget } from "./repository-targets.js";

export function createPluginKind(context: GitHubContext): IntegrationKind<PluginSelector> {
  return {
    name: "plugin",
    selectorSchema: pluginSelectorSchema,
    list(request: KindListRequest<PluginSelector>): AsyncIterable<RawObject[]> {
      const options = parseGitHubMappingOptions(request.mappingOptions);
      const scope = { signal: request.signal, traffic: "resync" } as const;
      const targets = listRepositoryTargets(context, request.selector.paths, options, scope);
      return mapRepositoryTargets(context, "plugin", targets, async (target) => {
        const built = await buildPlugin(target, request.selector.providers, scope);
        return built.plugin ? [built.plugin] : [];
      });
    },
  };
}

/**
 * The plugin object of a repository at the target's branch, or `null` without evidence; `tree` tells
 * the push processor whether the answer is complete (a truncated tree may hide evidence).
 */
export async function buildPlugin(
  target: Pick<
    RepositoryTarget<unknown>,
    "client" | "owner" | "name" | "branch" | "repository" | "organization" | "contentVersion"
  >,
  providers: readonly PluginProvider[],
  scope: RequestScope,
): Promise<{ plugin: RawObject | null; tree: RepositoryTree | null }> {
  const tree = await readRepositoryTree(
    target.client,
    { owner: target.owner, repo: target.name, branch: target.branch, recursive: true },
    scope,
  );
  if (tree === null) return { plugin: null, tree };
  const blobs = new Set(tree.tree.filter((entry) => entry.type === "blob").map((entry) => entry.path));
  const readJson = async (path: string | undefined): Promise<Record<string, unknown> | undefined> => {
    if (path === undefined || !blobs.has(path)) return undefined;
    const file = await readTargetFile(target, path, scope);
    if (file?.text == null) return undefined;
    try {
      const parsed: unknown = JSON.parse(file.text);
      return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch {
      return {};
    }
  };
  const findings: Partial<Record<PluginProvider, ProviderFindings>> = {};
  for (const provider of providers) {
    const evidence = providerEvidence[provider];
    const manifest = await readJson(evidence.manifest);
    const marketplace = await readJson(evidence.marketplace);
    const directory =
      evidence.directory !== undefined &&
      [...blobs].some((path) => path.startsWith(evidence.directory ?? ""));
    if (manifest || marketplace || directory) findings[provider] = { manifest, marketplace, directory };
  }
  const plugin = normalizePlugin(target.name, findings);
  return {
    plugin: plugin && {
      plugin,
      __repository: target.repository,
      __branch: target.branch,
      __organization: target.organization,
    },
    tree,
  };
}
