import { parseDocument } from "yaml";
import { demoKindResources } from "./demo-kind-resources.js";

/**
 * The demo's mapping: the integration's default mapping (its YAML text, comments and all) followed by
 * one resource for every other kind, so a demo resync exercises all 22 kinds. With `kinds`, the
 * resources of other kinds are removed.
 */
export function demoMapping(defaultMapping: string, kinds?: readonly string[]): string {
  const full = `${defaultMapping.trimEnd()}\n  # The demo's resources for the kinds beyond Ocean's default mapping.\n${demoKindResources}`;
  if (!kinds) return full;
  const document = parseDocument(full);
  const resources = document.get("resources", true) as { items: unknown[] } | undefined;
  if (resources && Array.isArray(resources.items)) {
    resources.items = resources.items.filter((item) => {
      const kind = (item as { get?: (key: string) => unknown }).get?.("kind");
      return typeof kind === "string" && kinds.includes(kind);
    });
  }
  return document.toString();
}
