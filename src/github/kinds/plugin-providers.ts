/**
 * Where each agent tool keeps a plugin's manifest (spec §4.22): JSON manifests at fixed repository
 * paths (a marketplace lists plugins instead of being one), or a directory whose presence is the
 * only evidence. `providerPrecedence` is the order in which providers' fields win.
 */
export const pluginProviders = [
  "claude",
  "cursor",
  "codex",
  "agents",
  "kimi",
  "opencode",
  "pi",
  "antigravity",
] as const;

export type PluginProvider = (typeof pluginProviders)[number];

export interface ProviderEvidence {
  manifest?: string;
  marketplace?: string;
  /** A directory (with a trailing `/`) whose files mark the provider. */
  directory?: string;
}

export const providerEvidence: Readonly<Record<PluginProvider, ProviderEvidence>> = {
  claude: { manifest: ".claude-plugin/plugin.json", marketplace: ".claude-plugin/marketplace.json" },
  cursor: { manifest: ".cursor-plugin/plugin.json" },
  codex: { manifest: ".codex-plugin/plugin.json" },
  agents: { marketplace: ".agents/plugins/marketplace.json" },
  kimi: { manifest: ".kimi-plugin/plugin.json" },
  opencode: { directory: ".opencode/plugins/" },
  pi: { directory: ".pi/extensions/" },
  antigravity: { manifest: "gemini-extension.json" },
};

export const providerPrecedence: readonly PluginProvider[] = [
  "cursor",
  "claude",
  "codex",
  "kimi",
  "antigravity",
  "agents",
  "opencode",
  "pi",
];

/** Whether a repository path is evidence for one of `providers` (a manifest, or inside a marker directory). */
export function isPluginEvidence(path: string, providers: readonly PluginProvider[]): boolean {
  return providers.some((provider) => {
    const evidence = providerEvidence[provider];
    return (
      path === evidence.manifest ||
      path === evidence.marketplace ||
      (evidence.directory !== undefined && path.startsWith(evidence.directory))
    );
  });
}
