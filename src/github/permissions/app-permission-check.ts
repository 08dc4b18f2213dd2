/** A GitHub App installation's granted `permissions` against what the mapping's kinds need. */
import { addMissing, type MissingPermission } from "./missing-permission.js";
import type { PermissionNeed } from "./permission-needs.js";

export function missingAppPermissions(
  granted: Readonly<Record<string, string>>,
  needs: readonly PermissionNeed[],
  account: string | undefined,
): MissingPermission[] {
  const missing: MissingPermission[] = [];
  for (const { label, requirement } of needs) {
    const needed = requirement.permission;
    // `read` or `write` both let a kind list; anything else (absent) does not.
    if (!needed || granted[needed.key] === "read" || granted[needed.key] === "write") continue;
    addMissing(
      missing,
      { credential: "app", permission: `${needed.title}: Read`, ...(account ? { account } : {}) },
      label,
    );
  }
  return missing;
}
