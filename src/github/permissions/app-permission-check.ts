/** A GitHub App installation's granted `permissions` against what the mapping's kinds need. */
import { kindRequirements } from "../client/required-permission.js";
import { addMissing, type MissingPermission } from "./missing-permission.js";

export function missingAppPermissions(
  granted: Readonly<Record<string, string>>,
  kinds: readonly string[],
  account: string | undefined,
): MissingPermission[] {
  const missing: MissingPermission[] = [];
  for (const kind of kinds) {
    const needed = kindRequirements[kind]?.permission;
    // `read` or `write` both let a kind list; anything else (absent) does not.
    if (!needed || granted[needed.key] === "read" || granted[needed.key] === "write") continue;
    addMissing(
      missing,
      { credential: "app", permission: `${needed.title}: Read`, ...(account ? { account } : {}) },
      kind,
    );
  }
  return missing;
}
