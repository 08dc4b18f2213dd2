import { parseDocument } from "yaml";

/**
 * The integration's default mapping narrowed to the kinds the demo syncs: the same YAML text,
 * comments and all, with the other resources removed.
 */
export function demoMapping(defaultMapping: string, kinds: readonly string[]): string {
  const document = parseDocument(defaultMapping);
  const resources = document.get("resources", true) as { items: unknown[] } | undefined;
  if (resources && Array.isArray(resources.items)) {
    resources.items = resources.items.filter((item) => {
      const kind = (item as { get?: (key: string) => unknown }).get?.("kind");
      return typeof kind === "string" && kinds.includes(kind);
    });
  }
  return document.toString();
}
