/**
 * The installation-token cache handed to @octokit/auth-app. Its own cache keeps a token 59 minutes
 * whatever the token's `expires_at` says, so a token GitHub issued for less time (GitHub Enterprise
 * Server settings, a clock ahead of GitHub's, the simulator's short lifetimes) would be sent after it
 * expired and fail with 401. This one forgets a token once less than a margin of its life is left: five
 * minutes, or half its lifetime when that is shorter.
 */
const RENEW_MARGIN_MS = 5 * 60_000;

/** auth-app's cache contract: values are `token|createdAt|expiresAt|selection|permissions|file`. */
export interface InstallationTokenCache {
  get(key: string): string;
  set(key: string, value: string): void;
}

export function createInstallationTokenCache(now: () => number = Date.now): InstallationTokenCache {
  const entries = new Map<string, { value: string; renewAtMs: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined || now() >= entry.renewAtMs) {
        entries.delete(key);
        // auth-app treats a missing entry (undefined) as "mint a new token".
        return undefined as unknown as string;
      }
      return entry.value;
    },
    set(key, value) {
      const [, createdAt = "", expiresAt = ""] = value.split("|");
      const created = Date.parse(createdAt);
      const expires = Date.parse(expiresAt);
      const lifetime = Number.isFinite(created) && Number.isFinite(expires) ? expires - created : 3_600_000;
      const renewAtMs =
        (Number.isFinite(expires) ? expires : now() + lifetime) - Math.min(RENEW_MARGIN_MS, lifetime / 2);
      entries.set(key, { value, renewAtMs });
    },
  };
}
