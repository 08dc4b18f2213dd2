/**
 * A permission the credential lacks for some kinds of the mapping, found before any sync, and the one
 * error that names them all with how to fix each.
 */
import { PortolanError } from "../../engine/errors/portolan-error.js";

export type CredentialType = "classic" | "fine-grained" | "app";

export interface MissingPermission {
  credential: CredentialType;
  /** What to grant, as GitHub's settings page names it: `Pull requests: Read`, or a scope. */
  permission: string;
  /** The mapping's kinds that cannot be listed without it. */
  kinds: string[];
  /** A GitHub App installation's account; the other credentials cover one token. */
  account?: string;
}

const whereToFix: Readonly<Record<CredentialType, string>> = {
  classic: "add the scope to the token at github.com/settings/tokens (or your GitHub Enterprise Server's)",
  "fine-grained":
    "add it to the token at github.com/settings/personal-access-tokens (or your GitHub Enterprise Server's)",
  app: "add it in the GitHub App's settings › Permissions & events, then accept the new permissions on the installation",
};

const credentialName: Readonly<Record<CredentialType, string>> = {
  classic: "classic token",
  "fine-grained": "fine-grained token",
  app: "GitHub App installation",
};

/** One line per missing permission: who lacks what, which kinds it blocks, how to fix it. */
export function describeMissingPermission(missing: MissingPermission): string {
  const who = `${credentialName[missing.credential]}${missing.account ? ` on ${missing.account}` : ""}`;
  const kinds = missing.kinds.join(", ");
  return `${who} lacks ${missing.permission} — needed by kind${missing.kinds.length === 1 ? "" : "s"} ${kinds}; ${whereToFix[missing.credential]}`;
}

export function missingPermissionsError(missing: readonly MissingPermission[]): PortolanError {
  return new PortolanError(
    "GITHUB_PERMISSIONS_INSUFFICIENT",
    `The GitHub credentials cannot list every kind of the mapping: ${missing.map(describeMissingPermission).join("; ")}.`,
    {
      hint: "grant what is named above, or remove the kinds it blocks from the mapping",
      // The setting naming the credential that lacks them: the token, or the GitHub App.
      where: {
        source: "integration settings",
        path: missing.some((entry) => entry.credential === "app") ? "githubAppId" : "githubToken",
      },
    },
  );
}

/** Adds a kind to the entry for the same permission (and account), or starts one. */
export function addMissing(list: MissingPermission[], entry: Omit<MissingPermission, "kinds">, kind: string) {
  const existing = list.find(
    (item) =>
      item.credential === entry.credential &&
      item.permission === entry.permission &&
      item.account === entry.account,
  );
  if (existing) {
    if (!existing.kinds.includes(kind)) existing.kinds.push(kind);
  } else list.push({ ...entry, kinds: [kind] });
}
