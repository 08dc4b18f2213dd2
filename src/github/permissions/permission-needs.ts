/**
 * What the mapping's resources need from the credential: each kind's own requirement, plus what a
 * selector option adds — a `repository` resource with `includedFiles` reads them with the Contents API,
 * so it needs Contents as the `file` kind does. Each need is labelled as the messages name it.
 */
import { type KindRequirement, kindRequirements } from "../client/required-permission.js";

export interface PermissionNeed {
  /** The kind, or the kind and the selector option that needs more (`repository (includedFiles)`). */
  label: string;
  requirement: KindRequirement;
}

/** The needs of plain kinds, without selector options. */
export function kindNeeds(kinds: readonly string[]): PermissionNeed[] {
  return kinds.flatMap((kind) => {
    const requirement = kindRequirements[kind];
    return requirement ? [{ label: kind, requirement }] : [];
  });
}

/** The needs of the mapping's resources, each label once. */
export function resourceNeeds(
  resources: ReadonlyArray<{ kind: { name: string }; selector: unknown }>,
): PermissionNeed[] {
  const needs = new Map<string, PermissionNeed>();
  for (const resource of resources) {
    for (const need of kindNeeds([resource.kind.name])) needs.set(need.label, need);
    const includedFiles = (resource.selector as { includedFiles?: unknown } | null)?.includedFiles;
    const fileNeed = kindRequirements.file;
    if (
      resource.kind.name === "repository" &&
      Array.isArray(includedFiles) &&
      includedFiles.length > 0 &&
      fileNeed
    ) {
      needs.set("repository (includedFiles)", { label: "repository (includedFiles)", requirement: fileNeed });
    }
  }
  return [...needs.values()];
}
