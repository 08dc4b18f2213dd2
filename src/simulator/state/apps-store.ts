import type { GitHubAppRecord, InstallationRecord } from "./github-app.js";

/** GitHub's lifetime of an installation access token: one hour. */
export const INSTALLATION_TOKEN_LIFETIME_MS = 3_600_000;

/** GitHub Apps and their installations, and how long installation tokens live (shorter in tests). */
export class AppsStore {
  private readonly apps = new Map<number, GitHubAppRecord>();
  private readonly installations = new Map<number, InstallationRecord>();
  private nextInstallationId: number;
  installationTokenLifetimeMs = INSTALLATION_TOKEN_LIFETIME_MS;

  constructor(firstInstallationId = 50_000_000) {
    this.nextInstallationId = firstInstallationId;
  }

  addApp(app: GitHubAppRecord): void {
    this.apps.set(app.id, app);
  }

  listApps(): GitHubAppRecord[] {
    return [...this.apps.values()];
  }

  getApp(id: number): GitHubAppRecord | undefined {
    return this.apps.get(id);
  }

  /** The App a JWT's `iss` names: its id (as GitHub documents) or its client id (also accepted). */
  findByIssuer(issuer: string): GitHubAppRecord | undefined {
    if (/^\d+$/.test(issuer)) return this.apps.get(Number(issuer));
    return [...this.apps.values()].find((app) => app.clientId === issuer);
  }

  /** Installs an App on `installation.grant.ownerId`, answering the new installation (ids count up). */
  install(installation: Omit<InstallationRecord, "id">): InstallationRecord {
    const record = { id: this.nextInstallationId++, ...installation };
    this.installations.set(record.id, record);
    return record;
  }

  getInstallation(id: number): InstallationRecord | undefined {
    return this.installations.get(id);
  }

  installationsOf(appId: number): InstallationRecord[] {
    return [...this.installations.values()].filter((installation) => installation.appId === appId);
  }

  /** The App's installation on an account, if any. */
  installationOn(appId: number, accountId: number): InstallationRecord | undefined {
    return this.installationsOf(appId).find((installation) => installation.grant.ownerId === accountId);
  }
}
