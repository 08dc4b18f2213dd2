/** A classic token's scopes (`X-OAuth-Scopes`) against what the mapping's kinds need. */
import { grantedClassicScopes, kindRequirements } from "../client/required-permission.js";
import { addMissing, type MissingPermission } from "./missing-permission.js";

export function missingClassicScopes(
  scopes: readonly string[],
  kinds: readonly string[],
): MissingPermission[] {
  const granted = grantedClassicScopes(scopes);
  const missing: MissingPermission[] = [];
  for (const kind of kinds) {
    for (const group of kindRequirements[kind]?.classicScopes ?? []) {
      if (group.some((scope) => granted.has(scope))) continue;
      const permission =
        group.length === 1
          ? `the \`${group[0]}\` scope`
          : `one of the scopes ${group.map((s) => `\`${s}\``).join(", ")}`;
      addMissing(missing, { credential: "classic", permission }, kind);
    }
  }
  return missing;
}
