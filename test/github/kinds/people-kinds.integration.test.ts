/**
 * The `user`, `team` and `collaborator` kinds listed from the GitHub simulator, at github.com paths
 * (GraphQL at `/graphql`) and GitHub Enterprise Server paths (`/api/v3`, GraphQL at `/api/graphql`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntegrationKind, RawObject } from "../../../src/engine/integration/integration.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { repositoryGrants } from "../../../src/simulator/state/repository-permissions.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { SIMULATOR_HOSTS, simulatorGitHubSettings } from "../../support/simulator-github-settings.js";
import { listKindPages } from "../list-kind-pages.js";

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ seed: 11 });
});
afterAll(() => simulator.close());

const orgRecord = () => {
  const org = simulator.state.findAccount(simulator.organization);
  if (!org) throw new Error("no organization");
  return org;
};

describe.each(SIMULATOR_HOSTS)("people kinds against the simulator at %s", (_label, host) => {
  let integration: GitHubIntegration;
  beforeAll(async () => {
    integration = await createGitHubIntegration(simulatorGitHubSettings(simulator, host(simulator)));
  });

  it("user: every member from GraphQL membersWithRole, in Ocean's shape", async () => {
    const users = (await listKindPages(integration, "user", { query: "true" })).flat();
    const members = [...orgRecord().members.keys()].map((id) => simulator.state.findAccountById(id));
    expect(users.map((user) => user.login).sort()).toEqual(members.map((member) => member?.login).sort());
    for (const user of users) {
      expect(Object.keys(user).sort()).toEqual(["databaseId", "email", "id", "login", "name"]);
      const record = simulator.state.findAccount(String(user.login));
      expect(user.databaseId).toBe(record?.id);
      expect(user.email).toBe(record?.email ?? "");
    }
  });

  it("user: includeSAMLEmail adds __SAMLEmail (null: the simulated organization has no SAML provider)", async () => {
    const users = (await listKindPages(integration, "user", { includeSAMLEmail: true })).flat();
    expect(users.length).toBe(orgRecord().members.size);
    for (const user of users) expect(user).toHaveProperty("__SAMLEmail", null);
  });

  it("team: REST teams with GraphQL members merged where REST has no key, and __organization", async () => {
    const teams = (await listKindPages(integration, "team", {})).flat();
    const records = simulator.state.teamsOf(orgRecord().id);
    expect(teams.map((team) => team.slug)).toEqual(records.map((team) => team.slug));
    for (const team of teams) {
      const record = records.find((entry) => entry.slug === team.slug);
      expect(team).toMatchObject({
        id: record?.id,
        privacy: record?.privacy,
        notification_setting: record?.notificationSetting,
        databaseId: record?.id,
        notificationSetting: record?.notificationSetting.toUpperCase(),
        __graphql_privacy: record?.privacy === "secret" ? "SECRET" : "VISIBLE",
        __organization: simulator.organization,
      });
      expect(String(team.url)).toContain(`/organizations/${orgRecord().id}/team/${record?.id}`);
      const nodes = (team.members as { nodes: Array<Record<string, unknown>> }).nodes;
      expect(nodes.map((node) => node.login).sort()).toEqual(
        [...(record?.members.keys() ?? [])].map((id) => simulator.state.findAccountById(id)?.login).sort(),
      );
      for (const node of nodes)
        expect(Object.keys(node).sort()).toEqual(["email", "id", "isSiteAdmin", "login", "name"]);
      expect(team.members).not.toHaveProperty("pageInfo");
    }
  });

  it("team: members false keeps the REST object; include_external_group answers null for non-EMU orgs", async () => {
    const teams = (
      await listKindPages(integration, "team", { members: false, include_external_group: true })
    ).flat();
    expect(teams.length).toBeGreaterThan(0);
    for (const team of teams) {
      expect(team).not.toHaveProperty("members");
      expect(team).not.toHaveProperty("databaseId");
      expect(team.__external_group).toBeNull();
    }
  });

  it("collaborator: every repository's collaborators with __repository / __organization, by affiliation", async () => {
    const all = (await listKindPages(integration, "collaborator", { query: "true" })).flat();
    const repositories = simulator.state.repositoriesOwnedBy(orgRecord().id);
    const expected = repositories.reduce(
      (sum, repo) => sum + repositoryGrants(simulator.state, repo).length,
      0,
    );
    expect(all.length).toBe(expected);
    for (const collaborator of all) {
      expect(collaborator).toMatchObject({ __organization: simulator.organization, type: "User" });
      expect(typeof collaborator.__repository).toBe("string");
      expect(collaborator).toHaveProperty("role_name");
      expect(collaborator).toHaveProperty("permissions");
    }
    const outside = (await listKindPages(integration, "collaborator", { affiliation: "outside" })).flat();
    const outsideExpected = repositories.flatMap((repo) =>
      repositoryGrants(simulator.state, repo)
        .filter((grant) => grant.outside)
        .map((grant) => `${repo.name}/${simulator.state.findAccountById(grant.userId)?.login}`),
    );
    expect(outside.map((c) => `${c.__repository}/${c.login}`).sort()).toEqual(outsideExpected.sort());
  });

  it("collaborator: repoSearch narrows the repositories; unknown selector keys are rejected as in Ocean", async () => {
    const kind = integration.kinds.find((entry) => entry.name === "collaborator");
    expect(() => kind?.selectorSchema.parse({ affiliation: "all", typo: true })).toThrow();
    expect(() => kind?.selectorSchema.parse({ affiliation: "everyone" })).toThrow();
    const userKind = integration.kinds.find((entry) => entry.name === "user");
    expect(userKind?.selectorSchema.parse({ includeSamlEmail: false, other: 1 })).toEqual({
      includeSAMLEmail: false,
    });
  });
});

describe("people kinds: permissions", () => {
  it("user and team fail with GITHUB_MISSING_PERMISSION (never an empty list) without read:org", async () => {
    const owner = simulator.state.findAccountById([...orgRecord().members.keys()][0] ?? 0);
    const { token } = await controlSimulator<{ token: string }>(simulator, "POST", "/tokens", {
      login: owner?.login,
      scopes: ["repo"],
    });
    const integration = await createGitHubIntegration({
      githubHost: simulator.url,
      githubToken: token,
      githubOrganization: simulator.organization,
    });
    await expect(listKindPages(integration, "user", {})).rejects.toMatchObject({
      code: "GITHUB_MISSING_PERMISSION",
    });
    await expect(listKindPages(integration, "team", {})).rejects.toMatchObject({ code: "GITHUB_NOT_FOUND" });
  });

  it("collaborator: a repository refusing the listing (403, no push access) fails the kind after the others", async () => {
    const member = [...orgRecord().members.entries()].find(([, role]) => role === "member");
    const { token } = await controlSimulator<{ token: string }>(simulator, "POST", "/tokens", {
      login: simulator.state.findAccountById(member?.[0] ?? 0)?.login,
      scopes: ["repo", "read:org"],
    });
    const integration = await createGitHubIntegration({
      githubHost: simulator.url,
      githubToken: token,
      githubOrganization: simulator.organization,
    });
    const kind = integration.kinds.find((entry) => entry.name === "collaborator") as IntegrationKind;
    const seen: RawObject[] = [];
    let failure: unknown;
    try {
      for await (const page of kind.list({ selector: kind.selectorSchema.parse({}), mappingOptions: {} }))
        seen.push(...page);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeDefined();
    const errors = failure instanceof AggregateError ? failure.errors : [failure];
    for (const error of errors) expect(error).toMatchObject({ code: "GITHUB_MISSING_PERMISSION" });
    // The repositories this member may push to were still listed.
    const pushable = simulator.state
      .repositoriesOwnedBy(orgRecord().id)
      .filter((repo) =>
        repositoryGrants(simulator.state, repo).some(
          (grant) => grant.userId === member?.[0] && ["push", "maintain", "admin"].includes(grant.permission),
        ),
      );
    expect(new Set(seen.map((c) => c.__repository))).toEqual(new Set(pushable.map((repo) => repo.name)));
  });

  it("user: with includeAuthenticatedUser the token owner's account comes first, its hidden email from /user/emails", async () => {
    const hidden = [...orgRecord().members.keys()]
      .map((id) => simulator.state.findAccountById(id))
      .find((account) => account?.email === null);
    if (!hidden) throw new Error("the seed has a member without a public email");
    const { token } = await controlSimulator<{ token: string }>(simulator, "POST", "/tokens", {
      login: hidden.login,
      scopes: ["read:org", "repo", "user:email"],
    });
    const integration = await createGitHubIntegration({ githubHost: simulator.url, githubToken: token });
    const kind = integration.kinds.find((entry) => entry.name === "user") as IntegrationKind;
    const users: RawObject[] = [];
    for await (const page of kind.list({
      selector: kind.selectorSchema.parse({}),
      mappingOptions: { includeAuthenticatedUser: true },
    })) {
      users.push(...page);
    }
    expect(users[0]).toMatchObject({ login: hidden.login, email: `${hidden.login}@private.example.dev` });
    expect(users.slice(1).map((user) => user.login)).toContain(hidden.login);
  });
});
