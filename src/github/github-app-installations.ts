/**
 * The installations of a GitHub App (spec §2.3): `GET /app/installations` with the App's JWT, without
 * suspended installations and those lacking an account; only the one of `githubOrganization` when it is
 * set. The list is kept 15 minutes; each installation keeps its client (and so its cached token) across
 * refreshes.
 */
import type { Logger } from "pino";
import { PortolanError } from "../engine/errors/portolan-error.js";
import { GitHubClient, type GitHubClientOptions, type RequestScope } from "./client/github-client.js";
import type { GitHubAuthenticator } from "./github-authenticator.js";

interface Installation {
  id: number;
  account?: { login?: string } | null;
  suspended_at?: string | null;
  permissions?: Record<string, string>;
}

export interface GitHubAppInstallationsOptions {
  appId: string;
  privateKey: string;
  organization: string | undefined;
  logger: Logger;
  /** Everything but the credential of the clients to create. */
  client: Omit<GitHubClientOptions, "credential">;
  ttlMs?: number;
  now?: () => number;
}

export class GitHubAppInstallations {
  /** Signs as the App itself: `/app`, `/app/installations`. */
  readonly appClient: GitHubClient;
  private readonly byId = new Map<number, GitHubAuthenticator>();
  /** Installation id → its granted permissions, as of the last discovery. */
  private readonly grants = new Map<number, Readonly<Record<string, string>>>();
  private current: { at: number; list: Promise<GitHubAuthenticator[]> } | undefined;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: GitHubAppInstallationsOptions) {
    this.appClient = GitHubClient.create({
      ...options.client,
      credential: { type: "app", appId: options.appId, privateKey: options.privateKey },
    });
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  list(scope: RequestScope = {}): Promise<GitHubAuthenticator[]> {
    const now = this.now();
    if (this.current === undefined || now - this.current.at >= this.ttlMs) {
      const list = this.discover(scope);
      this.current = { at: now, list };
      list.catch(() => {
        if (this.current?.list === list) this.current = undefined;
      });
    }
    return this.current.list;
  }

  async forOrganization(login: string, scope: RequestScope = {}): Promise<GitHubAuthenticator | undefined> {
    const wanted = login.toLowerCase();
    return (await this.list(scope)).find(
      (authenticator) => authenticator.organization?.toLowerCase() === wanted,
    );
  }

  private async discover(scope: RequestScope): Promise<GitHubAuthenticator[]> {
    const { organization, logger } = this.options;
    const found: GitHubAuthenticator[] = [];
    for await (const page of this.appClient.pages<Installation>(
      "GET /app/installations",
      {},
      {
        purpose: "listing the GitHub App's installations",
        ...scope,
      },
    )) {
      for (const installation of page) {
        const login = installation.account?.login;
        if (!login) {
          logger.warn(
            { installationId: installation.id },
            "GitHub App installation without an account: skipped",
          );
          continue;
        }
        if (installation.suspended_at) {
          logger.warn(
            { installationId: installation.id, login },
            "GitHub App installation is suspended: skipped",
          );
          continue;
        }
        if (organization !== undefined && login.toLowerCase() !== organization.toLowerCase()) continue;
        found.push(this.authenticatorFor(installation.id, login, installation.permissions ?? {}));
      }
    }
    if (found.length === 0) {
      throw new PortolanError(
        "GITHUB_APP_NOT_INSTALLED",
        organization !== undefined
          ? `The GitHub App ${this.options.appId} has no active installation on ${organization}.`
          : `The GitHub App ${this.options.appId} has no active installation.`,
        {
          hint:
            organization !== undefined
              ? `install the App on ${organization} (App settings › Install App), or correct githubOrganization`
              : "install the App on an organization (App settings › Install App)",
          where: {
            source: "integration settings",
            path: organization !== undefined ? "githubOrganization" : "githubAppId",
          },
        },
      );
    }
    return found;
  }

  private authenticatorFor(
    installationId: number,
    login: string,
    permissions: Readonly<Record<string, string>>,
  ): GitHubAuthenticator {
    const existing = this.byId.get(installationId);
    // The grant can change between refreshes; the authenticator (whose client caches the token) stays.
    this.grants.set(installationId, permissions);
    if (existing && existing.organization === login) return existing;
    const grants = this.grants;
    const client = GitHubClient.create({
      ...this.options.client,
      credential: {
        type: "app",
        appId: this.options.appId,
        privateKey: this.options.privateKey,
        installationId,
      },
    });
    const authenticator: GitHubAuthenticator = {
      id: `installation:${installationId}`,
      client,
      organization: login,
      get installationPermissions() {
        return grants.get(installationId);
      },
      authenticatedUser: () =>
        Promise.reject(
          new PortolanError(
            "GITHUB_NOT_A_USER",
            "A GitHub App installation has no user account (GET /user is for tokens).",
            { hint: "this is a bug in Portolan: an App installation asked for its user" },
          ),
        ),
    };
    this.byId.set(installationId, authenticator);
    return authenticator;
  }
}
