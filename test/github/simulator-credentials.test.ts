/**
 * Portolan's GitHub integration resyncing against the simulator with each kind of credential a user can
 * give it: the seeded fine-grained PAT (the seed's permission list), the seeded GitHub App (installation
 * discovery, installation tokens renewed when they expire), and a fine-grained PAT lacking a permission.
 * The classic PAT's listing is the reference: the other credentials must see the same objects.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPortolanError } from "../../src/engine/errors/portolan-error.js";
import type { RawObject } from "../../src/engine/integration/integration.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { controlAnswer, controlSimulator } from "../support/simulator-control.js";

/**
 * Every kind the seed's permission list covers that lists with its default selector (folder, file and
 * plugin need selector paths; secret-scanning-alerts a permission the list lacks: they are in
 * `simulator-credentials-content-kinds.test.ts`).
 */
const KINDS = [
  "organization",
  "repository",
  "pull-request",
  "issue",
  "release",
  "tag",
  "branch",
  "skill",
  "team",
  "user",
  "collaborator",
  "dependabot-alert",
  "code-scanning-alerts",
  "workflow",
  "workflow-run",
  "environment",
  "deployment",
  "deployment-status",
];

let simulator: RunningSimulator;
let reference: Map<string, string[]>;

async function listKind(integration: GitHubIntegration, name: string): Promise<RawObject[]> {
  const kind = integration.kinds.find((entry) => entry.name === name);
  if (!kind) throw new Error(`no kind ${name}`);
  const items: RawObject[] = [];
  for await (const page of kind.list({ selector: kind.selectorSchema.parse({}), mappingOptions: {} })) {
    items.push(...page);
  }
  return items;
}

/** Every kind's objects, each as sorted JSON, so two credentials' listings compare exactly. */
async function listAll(integration: GitHubIntegration): Promise<Map<string, string[]>> {
  const listed = new Map<string, string[]>();
  for (const name of KINDS) {
    listed.set(name, (await listKind(integration, name)).map((item) => JSON.stringify(item)).sort());
  }
  return listed;
}

beforeAll(async () => {
  simulator = await startSimulator({ seed: 8 });
  reference = await listAll(
    await createGitHubIntegration({
      githubHost: `${simulator.url}/`,
      githubToken: simulator.credentials.classicPat,
      githubOrganization: simulator.organization,
    }),
  );
  for (const name of KINDS) expect(reference.get(name)?.length, name).toBeGreaterThan(0);
}, 240_000);

afterAll(async () => {
  await simulator?.close();
});

describe("the GitHub integration with the simulator's credentials", { timeout: 240_000 }, () => {
  it("resyncs with the seeded fine-grained PAT exactly what the classic PAT sees", async () => {
    const integration = await createGitHubIntegration({
      githubHost: `${simulator.url}/`,
      githubToken: simulator.credentials.fineGrainedPat,
      githubOrganization: simulator.organization,
    });
    const access = await integration.verifyAccess();
    expect(access.tokenKind).toBe("fine-grained");
    expect(await listAll(integration)).toEqual(reference);
    // Organization webhooks: read and write is in the seed's list, so registration works.
    const [registration] = await integration.registerWebhooks("http://127.0.0.1:9/fine-grained/webhook");
    expect(registration).toMatchObject({ organization: simulator.organization, status: "created" });
  });

  it("resyncs as the GitHub App: discovers its installation and renews expiring installation tokens", async () => {
    const mints: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if ((init?.method ?? "GET") === "POST" && url.endsWith("/access_tokens")) mints.push(url);
      return fetch(input, init);
    };
    const lifetime = async (seconds: number) => {
      const answer = await controlAnswer(simulator, "PUT", "/app/installation-token-lifetime", { seconds });
      expect(answer.status).toBe(200);
    };
    const integration = await createGitHubIntegration(
      {
        githubHost: `${simulator.url}/`,
        githubAppId: String(simulator.credentials.appId),
        githubAppPrivateKey: simulator.credentials.appPrivateKey,
      },
      { fetch: recordingFetch },
    );
    expect(integration.authentication).toBe("github-app");
    const app = simulator.state.apps.getApp(simulator.credentials.appId);
    expect((await integration.verifyAccess()).login).toBe(`${app?.slug}[bot]`);
    expect(await listAll(integration)).toEqual(reference);
    const [registration] = await integration.registerWebhooks("http://127.0.0.1:9/app/webhook");
    expect(registration).toMatchObject({ organization: simulator.organization, status: "created" });
    expect(mints).toEqual([
      `${simulator.url}/app/installations/${simulator.credentials.installationId}/access_tokens`,
    ]);

    await lifetime(2);
    try {
      const shortLived = await createGitHubIntegration(
        {
          githubHost: `${simulator.url}/`,
          githubAppId: String(simulator.credentials.appId),
          githubAppPrivateKey: simulator.credentials.appPrivateKey,
          githubOrganization: simulator.organization,
        },
        { fetch: recordingFetch },
      );
      mints.length = 0;
      expect((await listKind(shortLived, "repository")).length).toBe(reference.get("repository")?.length);
      // The first token is expired by now: the simulator answers 401 to it, so a listing that succeeds
      // was made with a renewed token.
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect((await listKind(shortLived, "repository")).length).toBe(reference.get("repository")?.length);
      expect(mints).toHaveLength(2);
    } finally {
      await lifetime(3600);
    }
  });

  it("fails the pull-request kind with GITHUB_MISSING_PERMISSION naming pull_requests for a PAT without it", async () => {
    const owner = simulator.state.getAccount(simulator.state.findToken(simulator.adminToken)?.userId ?? 0);
    const { token } = await controlSimulator<{ token: string }>(simulator, "POST", "/tokens/fine-grained", {
      login: owner.login,
      organization: simulator.organization,
      permissions: { metadata: "read", contents: "read", issues: "read" },
    });
    const integration = await createGitHubIntegration({
      githubHost: `${simulator.url}/`,
      githubToken: token,
      githubOrganization: simulator.organization,
    });
    expect((await listKind(integration, "issue")).map((item) => JSON.stringify(item)).sort()).toEqual(
      reference.get("issue"),
    );
    const failure = await listKind(integration, "pull-request").then(
      () => undefined,
      (error: unknown) => error,
    );
    const errors = failure instanceof AggregateError ? failure.errors : [failure];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(isPortolanError(error) && error.code).toBe("GITHUB_MISSING_PERMISSION");
      expect((error as Error).message).toContain("pull_requests=read");
    }
  });
});
