/**
 * The permission check at start against the simulator: a classic token issued with fewer scopes, a
 * fine-grained token lacking Contents and Pull requests, and a GitHub App whose installation on one of
 * its organizations lacks Issues are refused before any sync (`require`, as `demo` and `sync` do), each
 * missing permission named with the kinds it blocks and where to grant it; `serve` (`report`) keeps
 * running with `/healthz` naming them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPortolan, startPortolan } from "../../src/cli/start-portolan.js";
import { isPortolanError } from "../../src/engine/errors/portolan-error.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../src/engine/settings/settings-schema.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { controlSimulator } from "../support/simulator-control.js";
import { addOrganization, installApp, issueFineGrainedToken } from "../support/simulator-credentials.js";

/** A mapping with one plain resource per kind (no selector options that need more permissions). */
function mappingOf(kinds: readonly string[]): string {
  return `resources:
${kinds
  .map(
    (kind) => `  - kind: ${kind}
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .name
          blueprint: '"githubRepository"'
`,
  )
  .join("")}`;
}

const MAPPING = mappingOf(["repository", "user", "team", "dependabot-alert"]);
const SECOND = "portolan-narrow";

let simulator: RunningSimulator;
let narrowToken: string;
const running: RunningPortolan[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ seed: 3, port: 0, logger: false });
  const owner = (await (
    await fetch(`${simulator.url}/user`, { headers: { authorization: `Bearer ${simulator.adminToken}` } })
  ).json()) as { login: string };
  const issued = await controlSimulator<{ token: string }>(simulator, "POST", "/tokens", {
    login: owner.login,
    scopes: ["read:user"],
  });
  narrowToken = issued.token;
  await addOrganization(simulator, SECOND, ["narrow-one"]);
  await installApp(simulator, SECOND, { metadata: "read", contents: "read" });
});
afterAll(async () => {
  for (const portolan of running) await portolan.close();
  await simulator?.close();
});

/** Starts Portolan with a token on the seeded organization, or with `config`, and `mapping`. */
function start(
  credential: { token: string } | { config: Record<string, unknown> },
  missingPermissions: "report" | "require",
  mapping: string = MAPPING,
): Promise<RunningPortolan> {
  const config =
    "token" in credential
      ? {
          githubHost: simulator.url,
          githubToken: credential.token,
          githubOrganization: simulator.organization,
        }
      : credential.config;
  const settings = settingsSchema.parse({
    integration: { identifier: "permission-check", type: "github", config },
    port: 0,
    adminPassword: "permission check admin",
  });
  return startPortolan({
    settings,
    logger: silentLogger(),
    mapping: () => mapping,
    inMemory: true,
    missingPermissions,
  }).then((portolan) => {
    running.push(portolan);
    return portolan;
  });
}

describe("permission check at start", { timeout: 120_000 }, () => {
  it("refuses to start, before any sync, naming each missing scope and the kinds it blocks", async () => {
    const error = await start({ token: narrowToken }, "require").then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isPortolanError(error) && error.code).toBe("GITHUB_PERMISSIONS_INSUFFICIENT");
    const message = (error as Error).message;
    expect(message).toContain("classic token lacks the `read:org` scope — needed by kinds user, team");
    expect(message).toContain(
      "classic token lacks one of the scopes `security_events`, `repo`, `public_repo` — needed by kind dependabot-alert",
    );
    expect(message).not.toContain("repository;");
  });

  it("refuses a fine-grained token lacking Contents and Pull requests, before any listing", async () => {
    const token = await issueFineGrainedToken(simulator, { metadata: "read", issues: "read" });
    simulator.requestLog.reset();
    const mapping = mappingOf(["repository", "issue", "pull-request", "release", "tag", "branch"]);
    const error = await start({ token }, "require", mapping).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isPortolanError(error) && error.code).toBe("GITHUB_PERMISSIONS_INSUFFICIENT");
    const message = (error as Error).message;
    expect(message).toContain(
      "fine-grained token lacks Pull requests: Read — needed by kind pull-request; add it to the token at github.com/settings/personal-access-tokens",
    );
    expect(message).toContain(
      "fine-grained token lacks Contents: Read — needed by kinds release, tag, branch;",
    );
    expect(message).not.toContain("Issues");
    // Only the checks ran: one repository to probe on, then one per_page=1 request per permission
    // (and the token's user); no release, tag or branch was listed.
    const endpoints = Object.keys(simulator.requestLog.summary().byEndpoint);
    const probes = [
      "GET /orgs/{org}/repos",
      "GET /repos/{owner}/{repo}/commits",
      "GET /repos/{owner}/{repo}/issues",
      "GET /repos/{owner}/{repo}/pulls",
    ];
    expect(endpoints).toEqual(expect.arrayContaining(probes));
    expect(endpoints.filter((endpoint) => !probes.includes(endpoint) && endpoint !== "GET /user")).toEqual(
      [],
    );
  });

  it("refuses a GitHub App whose installation on one organization lacks a permission, naming that organization", async () => {
    const app = {
      githubHost: simulator.url,
      githubAppId: String(simulator.credentials.appId),
      githubAppPrivateKey: simulator.credentials.appPrivateKey,
    };
    const error = await start({ config: app }, "require", mappingOf(["repository", "issue", "release"])).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isPortolanError(error) && error.code).toBe("GITHUB_PERMISSIONS_INSUFFICIENT");
    const message = (error as Error).message;
    expect(message).toContain(
      `GitHub App installation on ${SECOND} lacks Issues: Read — needed by kind issue; add it in the GitHub App's settings › Permissions & events, then accept the new permissions on the installation`,
    );
    expect(isPortolanError(error) && error.where?.path).toBe("githubAppId");
    // The seeded installation holds the seed's whole list; the narrow one has Contents.
    expect(message).not.toContain(simulator.organization);
    expect(message).not.toContain("Contents");
  });

  it("serve keeps running and /healthz shows the missing scopes", async () => {
    const portolan = await start({ token: narrowToken }, "report");
    const response = await fetch(`${portolan.url}/healthz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { checks: { source: string } };
    expect(body.checks.source).toContain("GITHUB_PERMISSIONS_INSUFFICIENT");
    expect(body.checks.source).toContain("`read:org`");
  });

  it("a token with every needed scope starts and is healthy", async () => {
    const portolan = await start({ token: simulator.adminToken }, "require");
    const response = await fetch(`${portolan.url}/healthz`);
    expect(await response.json()).toMatchObject({ status: "ok", checks: { source: "ok" } });
  });
});
