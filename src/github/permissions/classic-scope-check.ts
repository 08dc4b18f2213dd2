/** A classic token's scopes (`X-OAuth-Scopes`) against what the mapping's kinds need. */
import { grantedClassicScopes } from "../client/required-permission.js";
import { addMissing, type MissingPermission } from "./missing-permission.js";
import type { PermissionNeed } from "./permission-needs.js";

export function missingClassicScopes(
  scopes: readonly string[],
  needs: readonly PermissionNeed[],
): MissingPermission[] {
  const granted = grantedClassicScopes(scopes);
  const missing: MissingPermission[] = [];
  for (const { label, requirement } of needs) {
    for (const group of requirement.classicScopes) {
      if (group.some((scope) => granted.has(scope))) continue;
      const permission =
        group.length === 1
          ? `the \`${group[0]}\` scope`
          : `one of the scopes ${group.map((s) => `\`${s}\``).join(", ")}`;
      addMissing(missing, { credential: "classic", permission }, label);
    }
  }
  return missing;
}
