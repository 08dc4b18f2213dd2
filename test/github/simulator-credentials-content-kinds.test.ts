/**
 * The kinds that read repository contents (`folder`, `file`, `skill`, `plugin`: git trees and the
 * Contents API) and `secret-scanning-alerts`, resynced against the simulator with a fine-grained PAT and
 * with the GitHub App, with selector paths that hit the seed's real files and folders. The classic PAT's
 * listing is the reference: each credential holding the permissions must list the same raw objects, and
 * one lacking Contents or Secret scanning alerts must fail that kind naming the permission — never
 * answer an empty list.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPortolanError } from "../../src/engine/errors/portolan-error.js";
import type { RawObject } from "../../src/engine/integration/integration.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../src/github/create-github-integration.js";
import { INTEGRATION_PERMISSIONS } from "../../src/simulator/generate-credentials.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import type { PermissionAccess, PermissionName } from "../../src/simulator/state/token-grant.js";
import { controlAnswer } from "../support/simulator-control.js";
import { issueFineGrainedToken } from "../support/simulator-credentials.js";

type Permissions = Partial<Record<PermissionName, PermissionAccess>>;

const CONTENT_KINDS = ["folder", "file", "skill", "plugin"] as const;
const KINDS = [...CONTENT_KINDS, "secret-scanning-alerts"] as const;
type Kind = (typeof KINDS)[number];

let simulator: RunningSimulator;
let selectors: Record<Kind, unknown>;
let reference: Map<Kind, string[]>;

/** The seeded repository that has a `develop` branch (the generator always makes one). */
function repositoryWithDevelop(): string {
  const organization = simulator.state.findAccount(simulator.organization);
  const found = simulator.state
    .repositoriesOwnedBy(organization?.id ?? 0)
    .find((repository) => simulator.state.hasRef(repository.id, "develop"));
  if (!found) throw new Error("the seed has no repository with a develop branch");
  return found.name;
}

async function listKind(integration: GitHubIntegration, name: Kind): Promise<string[]> {
  const kind = integration.kinds.find((entry) => entry.name === name);
  if (!kind) throw new Error(`no kind ${name}`);
  const items: RawObject[] = [];
  for await (const page of kind.list({
    selector: kind.selectorSchema.parse(selectors[name]),
    mappingOptions: {},
  })) {
    items.push(...page);
  }
  return items.map((item) => JSON.stringify(item)).sort();
}

async function listAll(integration: GitHubIntegration, kinds: readonly Kind[]): Promise<Map<Kind, string[]>> {
  const listed = new Map<Kind, string[]>();
  for (const name of kinds) listed.set(name, await listKind(integration, name));
  return listed;
}

function only(kinds: readonly Kind[]): Map<Kind, string[]> {
  return new Map(kinds.map((name) => [name, reference.get(name) ?? []]));
}

/** Lists `name` expecting it to fail: every error is GITHUB_MISSING_PERMISSION naming `permission`. */
async function expectMissingPermission(
  integration: GitHubIntegration,
  name: Kind,
  permission: string,
): Promise<void> {
  const failure = await listKind(integration, name).then(
    (items) => new Error(`${name} listed ${items.length} objects instead of failing`),
    (error: unknown) => error,
  );
  const errors = failure instanceof AggregateError ? failure.errors : [failure];
  expect(errors.length, name).toBeGreaterThan(0);
  for (const error of errors) {
    expect(isPortolanError(error) && error.code, `${name}: ${(error as Error).message}`).toBe(
      "GITHUB_MISSING_PERMISSION",
    );
    expect((error as Error).message, name).toContain(permission);
  }
}

function fineGrained(token: string): Promise<GitHubIntegration> {
  return createGitHubIntegration({
    githubHost: `${simulator.url}/`,
    githubToken: token,
    githubOrganization: simulator.organization,
  });
}

/** A fresh integration as the App: it mints a new installation token, with the installation's permissions now. */
function asApp(): Promise<GitHubIntegration> {
  return createGitHubIntegration({
    githubHost: `${simulator.url}/`,
    githubAppId: String(simulator.credentials.appId),
    githubAppPrivateKey: simulator.credentials.appPrivateKey,
  });
}

/** The organization accepting new permissions for the App (`PUT /_simulator/app/installations/{id}/permissions`). */
async function setInstallationPermissions(permissions: Permissions): Promise<void> {
  const answer = await controlAnswer(
    simulator,
    "PUT",
    `/app/installations/${simulator.credentials.installationId}/permissions`,
    { permissions },
  );
  expect(answer.status).toBe(200);
}

const withSecretScanning: Permissions = { ...INTEGRATION_PERMISSIONS, secret_scanning_alerts: "read" };
const { contents: _contents, ...withoutContents } = withSecretScanning;

beforeAll(async () => {
  simulator = await startSimulator({ seed: 8 });
  selectors = {
    folder: {
      folders: [
        { path: "services/*", includedFiles: ["port.json"] },
        { path: "docs/**" },
        { path: "services/*", repos: [{ name: repositoryWithDevelop(), branch: "develop" }] },
      ],
      includedFiles: ["catalog-info.yaml"],
    },
    file: {
      files: [
        { path: "**/port.json" },
        { path: ".port/entities.yml" },
        { path: "config/*" },
        { path: "catalog-info.yaml", skipParsing: true },
      ],
      includedFiles: ["README.md"],
    },
    skill: {},
    plugin: {},
    "secret-scanning-alerts": { state: "all" },
  };
  reference = await listAll(
    await createGitHubIntegration({
      githubHost: `${simulator.url}/`,
      githubToken: simulator.credentials.classicPat,
      githubOrganization: simulator.organization,
    }),
    KINDS,
  );
  for (const name of KINDS) expect(reference.get(name)?.length, name).toBeGreaterThan(0);
}, 240_000);

afterAll(async () => {
  await simulator?.close();
});

describe("contents and secret scanning kinds with each credential", { timeout: 240_000 }, () => {
  it("a fine-grained PAT with Contents and Secret scanning alerts lists what the classic PAT lists", async () => {
    const integration = await fineGrained(await issueFineGrainedToken(simulator, withSecretScanning));
    expect((await integration.verifyAccess()).tokenKind).toBe("fine-grained");
    expect(await listAll(integration, KINDS)).toEqual(reference);
  });

  it("the seeded fine-grained PAT lists the content kinds, and fails secret-scanning-alerts naming its permission", async () => {
    const integration = await fineGrained(simulator.credentials.fineGrainedPat);
    expect(await listAll(integration, CONTENT_KINDS)).toEqual(only(CONTENT_KINDS));
    await expectMissingPermission(integration, "secret-scanning-alerts", "secret_scanning_alerts=read");
  });

  it("a fine-grained PAT without Contents fails folder, file, skill and plugin naming contents, and lists the alerts", async () => {
    const integration = await fineGrained(await issueFineGrainedToken(simulator, withoutContents));
    for (const name of CONTENT_KINDS) await expectMissingPermission(integration, name, "contents=read");
    expect(await listAll(integration, ["secret-scanning-alerts"])).toEqual(only(["secret-scanning-alerts"]));
  });

  it("the GitHub App lists what the classic PAT lists, and fails each kind whose permission the installation lacks", async () => {
    try {
      // The seeded installation: the integration's documented permissions, no Secret scanning alerts.
      const seeded = await asApp();
      expect(seeded.authentication).toBe("github-app");
      expect(await listAll(seeded, CONTENT_KINDS)).toEqual(only(CONTENT_KINDS));
      await expectMissingPermission(seeded, "secret-scanning-alerts", "secret_scanning_alerts=read");

      await setInstallationPermissions(withSecretScanning);
      expect(await listAll(await asApp(), KINDS)).toEqual(reference);

      await setInstallationPermissions(withoutContents);
      const withoutContentsApp = await asApp();
      for (const name of CONTENT_KINDS)
        await expectMissingPermission(withoutContentsApp, name, "contents=read");
      expect(await listAll(withoutContentsApp, ["secret-scanning-alerts"])).toEqual(
        only(["secret-scanning-alerts"]),
      );
    } finally {
      await setInstallationPermissions(INTEGRATION_PERMISSIONS);
    }
  });
});
