/**
 * One repository's agent plugin from its manifests (spec §4.22): a document per provider (`{}` when
 * absent or not selected, `{"detected": true}` for directory-only evidence; a marketplace contributes
 * its first `plugins[]` entry with `name` and `marketplaceName`), `supports` per provider, and `name`,
 * `displayName`, `description`, `version` from the first provider (in precedence order) that has them;
 * the name falls back to the repository's, the display name to the name. No evidence ⇒ `null`.
 */
import { type PluginProvider, pluginProviders, providerPrecedence } from "./plugin-providers.js";

export interface ProviderFindings {
  manifest?: Record<string, unknown> | undefined;
  marketplace?: Record<string, unknown> | undefined;
  directory?: boolean;
}

export function normalizePlugin(
  repositoryName: string,
  findings: Partial<Record<PluginProvider, ProviderFindings>>,
): Record<string, unknown> | null {
  const documents = {} as Record<PluginProvider, Record<string, unknown>>;
  const supports = {} as Record<PluginProvider, boolean>;
  for (const provider of pluginProviders) {
    const found = findings[provider];
    documents[provider] = found ? providerDocument(found) : {};
    supports[provider] = found !== undefined && Object.keys(documents[provider]).length > 0;
  }
  if (!pluginProviders.some((provider) => supports[provider])) return null;
  const first = (field: string): string | undefined => {
    for (const provider of providerPrecedence) {
      const value = documents[provider][field];
      if (typeof value === "string" && value.trim() !== "") return value;
    }
    return undefined;
  };
  const name = first("name") ?? repositoryName;
  return {
    name,
    displayName: first("displayName") ?? name,
    description: first("description") ?? "",
    version: first("version") ?? null,
    supports,
    ...documents,
  };
}

function providerDocument(found: ProviderFindings): Record<string, unknown> {
  if (found.manifest || found.marketplace) {
    const document: Record<string, unknown> = { ...(found.manifest ?? firstListed(found.marketplace)) };
    if (found.marketplace) {
      const entry = firstListed(found.marketplace);
      if (document.name === undefined && entry.name !== undefined) document.name = entry.name;
      if (typeof found.marketplace.name === "string") document.marketplaceName = found.marketplace.name;
    }
    return document;
  }
  return found.directory ? { detected: true } : {};
}

function firstListed(marketplace: Record<string, unknown> | undefined): Record<string, unknown> {
  const plugins = marketplace?.plugins;
  const first = Array.isArray(plugins) ? plugins[0] : undefined;
  if (typeof first !== "object" || first === null || Array.isArray(first)) return {};
  const { source: _source, ...entry } = first as Record<string, unknown>;
  return entry;
}
