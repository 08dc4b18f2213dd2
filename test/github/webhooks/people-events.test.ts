/**
 * The people processors on GitHub's real example deliveries (`@octokit/webhooks-examples`), against a
 * scripted GitHub: which requests each action makes and what it upserts or deletes.
 */
import { describe, expect, it } from "vitest";
import type { EventResource, LiveEvent } from "../../../src/engine/integration/integration.js";
import { collaboratorSelectorSchema } from "../../../src/github/kinds/collaborator.js";
import { teamSelectorSchema } from "../../../src/github/kinds/team-selector.js";
import { userSelectorSchema } from "../../../src/github/kinds/user.js";
import { handleCollaboratorEvent } from "../../../src/github/webhooks/collaborator-event.js";
import { handleOrganizationMemberEvent } from "../../../src/github/webhooks/organization-member-event.js";
import { peopleKindsTouchedBy } from "../../../src/github/webhooks/people-events.js";
import { githubTeamSlug, handleTeamEvent } from "../../../src/github/webhooks/team-event.js";
import { FakeGitHub, fakeContext } from "../fake-github.js";
import { webhookExamples } from "../webhook-examples.js";

type Payload = Record<string, unknown> & { action: string };

function example(
  name: string,
  action: string,
  predicate: (payload: Payload) => boolean = () => true,
): Payload {
  const found = (
    webhookExamples.find((entry) => entry.name === name)?.examples as Payload[] | undefined
  )?.find((payload) => payload.action === action && predicate(payload));
  if (!found) throw new Error(`no ${name}.${action} example`);
  return structuredClone(found);
}

const event = (name: string, payload: Record<string, unknown>): LiveEvent => ({
  deliveryId: "d-1",
  name,
  payload,
});
const resource = (
  kind: string,
  selector: unknown,
  mappingOptions: Record<string, unknown> = {},
): EventResource => ({
  kind,
  selector,
  mappingOptions,
});

const graphqlUser = {
  login: "hacktocat",
  id: "MDQ6VXNlcjM5NjUyMzUx",
  databaseId: 39652351,
  email: "",
  name: "Hacktocat",
};

describe("people events: routing", () => {
  it("names the kinds each event may change", () => {
    expect(peopleKindsTouchedBy(event("organization", {}))).toEqual(["user"]);
    expect(peopleKindsTouchedBy(event("team", {}))).toEqual(["team", "collaborator"]);
    expect(peopleKindsTouchedBy(event("membership", {}))).toEqual(["team", "collaborator"]);
    expect(peopleKindsTouchedBy(event("member", {}))).toEqual(["collaborator"]);
    expect(peopleKindsTouchedBy(event("push", {}))).toEqual([]);
  });
});

describe("organization → user", () => {
  it("member_added re-reads the user with the resync's GraphQL fields; SAML fills a hidden email", async () => {
    const fake = new FakeGitHub().on("POST", "/graphql", (request) => {
      const { query, variables } = request.body as { query: string; variables: Record<string, unknown> };
      if (query.includes("samlIdentityProvider")) {
        expect(variables).toMatchObject({ login: "Octocoders" });
        const identities = [
          { samlIdentity: { nameId: "hacktocat@corp.example" }, user: { login: "Hacktocat" } },
        ];
        return {
          body: {
            data: {
              organization: {
                samlIdentityProvider: {
                  externalIdentities: { nodes: identities, pageInfo: { hasNextPage: false, endCursor: "c" } },
                },
              },
            },
          },
        };
      }
      expect(variables).toEqual({ login: "hacktocat" });
      expect(query).toContain("databaseId");
      return { body: { data: { user: graphqlUser } } };
    });
    const changes = await handleOrganizationMemberEvent(
      fakeContext(fake),
      event("organization", example("organization", "member_added")),
      resource("user", userSelectorSchema.parse({})),
    );
    expect(changes?.upserted).toEqual([
      { ...graphqlUser, email: "hacktocat@corp.example", __SAMLEmail: "hacktocat@corp.example" },
    ]);
    expect(changes?.deleted).toEqual([]);
    const withEmail = new FakeGitHub().on("POST", "/graphql", {
      body: { data: { user: { ...graphqlUser, email: "h@example.dev" } } },
    });
    const plain = await handleOrganizationMemberEvent(
      fakeContext(withEmail),
      event("organization", example("organization", "member_added")),
      resource("user", userSelectorSchema.parse({})),
    );
    expect(plain?.upserted).toEqual([{ ...graphqlUser, email: "h@example.dev" }]);
    expect(withEmail.log).toHaveLength(1);
  });

  it("member_removed deletes with the identifiers a resync gives (login, node id, databaseId), no request", async () => {
    const payload = example("organization", "member_added");
    payload.action = "member_removed";
    const fake = new FakeGitHub();
    const changes = await handleOrganizationMemberEvent(
      fakeContext(fake),
      event("organization", payload),
      resource("user", userSelectorSchema.parse({})),
    );
    const user = (payload.membership as { user: { login: string; id: number; node_id: string } }).user;
    expect(changes?.deleted).toEqual([{ login: user.login, id: user.node_id, databaseId: user.id }]);
    expect(fake.log).toEqual([]);
  });

  it("ignores other actions and organizations the integration does not sync", async () => {
    const fake = new FakeGitHub();
    const user = resource("user", userSelectorSchema.parse({}));
    expect(
      await handleOrganizationMemberEvent(
        fakeContext(fake),
        event("organization", example("organization", "member_invited")),
        user,
      ),
    ).toBeNull();
    const elsewhere = fakeContext(fake, { githubOrganization: "another-org" });
    expect(
      await handleOrganizationMemberEvent(
        elsewhere,
        event("organization", example("organization", "member_added")),
        user,
      ),
    ).toBeNull();
    expect(fake.log).toEqual([]);
  });
});

describe("team / membership → team", () => {
  const restTeam = {
    id: 2723476,
    node_id: "MDQ6VGVhbTI3MjM0NzY=",
    slug: "github",
    name: "github",
    privacy: "closed",
    url: "https://api.github.com/organizations/38302899/team/2723476",
  };
  const graphqlTeam = {
    slug: "github",
    id: "MDQ6VGVhbTI3MjM0NzY=",
    databaseId: 2723476,
    name: "github",
    description: null,
    privacy: "VISIBLE",
    notificationSetting: "NOTIFICATIONS_ENABLED",
    url: "https://github.com/orgs/Octocoders/teams/github",
    members: {
      nodes: [{ id: "U1", login: "Codertocat", name: null, isSiteAdmin: false, email: "c@example.dev" }],
      pageInfo: { hasNextPage: false, endCursor: "x" },
    },
  };
  const scripted = () =>
    new FakeGitHub()
      .on("GET", "/orgs/Octocoders/teams/github", { body: restTeam })
      .on("POST", "/graphql", { body: { data: { organization: { t0: graphqlTeam } } } });

  it.each(["created", "edited"])(
    "%s re-reads the team (REST + GraphQL members) as the resync does",
    async (action) => {
      const fake = scripted();
      const changes = await handleTeamEvent(
        fakeContext(fake),
        event("team", example("team", action)),
        resource("team", teamSelectorSchema.parse({})),
      );
      expect(changes?.upserted).toEqual([
        {
          ...restTeam,
          __organization: "Octocoders",
          databaseId: 2723476,
          description: null,
          notificationSetting: "NOTIFICATIONS_ENABLED",
          members: { nodes: graphqlTeam.members.nodes },
          __graphql_privacy: "VISIBLE",
        },
      ]);
      expect(changes?.deleted).toEqual([]);
    },
  );

  it("edited with a new name also deletes the entity of the old slug", async () => {
    const payload = example("team", "edited");
    payload.changes = { name: { from: "Old Name" } };
    const changes = await handleTeamEvent(
      fakeContext(scripted()),
      event("team", payload),
      resource("team", teamSelectorSchema.parse({ members: false })),
    );
    expect(changes?.deleted).toHaveLength(1);
    expect(changes?.deleted[0]).toMatchObject({
      slug: "old-name",
      name: "Old Name",
      __organization: "Octocoders",
    });
    expect(changes?.deleted[0]).not.toHaveProperty("id");
    expect(githubTeamSlug("Data & ML")).toBe("data-ml");
  });

  it("deleted deletes the payload team with its REST id (no request)", async () => {
    const fake = new FakeGitHub();
    const payload = example("team", "deleted");
    const changes = await handleTeamEvent(
      fakeContext(fake),
      event("team", payload),
      resource("team", teamSelectorSchema.parse({ members: true })),
    );
    expect(changes?.deleted).toEqual([{ ...(payload.team as object), __organization: "Octocoders" }]);
    expect(changes?.deleted[0]?.id).toBe((payload.team as { id: number }).id);
    expect(fake.log).toEqual([]);
  });

  it("a team gone since the delivery (404 on the re-read) is deleted", async () => {
    const changes = await handleTeamEvent(
      fakeContext(new FakeGitHub()),
      event("team", example("team", "created")),
      resource("team", teamSelectorSchema.parse({})),
    );
    expect(changes?.upserted).toEqual([]);
    expect(changes?.deleted.map((team) => team.slug)).toEqual(["github"]);
  });

  it.each(["added", "removed"])(
    "membership %s re-reads the team; nothing with members: false or without a slug",
    async (action) => {
      const payload = example(
        "membership",
        action,
        (p) => typeof (p.team as { slug?: unknown }).slug === "string",
      );
      const changes = await handleTeamEvent(
        fakeContext(scripted()),
        event("membership", payload),
        resource("team", teamSelectorSchema.parse({})),
      );
      expect(changes?.upserted.map((team) => team.slug)).toEqual(["github"]);
      expect(changes?.deleted).toEqual([]);
      const fake = new FakeGitHub();
      expect(
        await handleTeamEvent(
          fakeContext(fake),
          event("membership", payload),
          resource("team", teamSelectorSchema.parse({ members: false })),
        ),
      ).toBeNull();
      const deletedTeam = example(
        "membership",
        "removed",
        (p) => (p.team as { slug?: unknown }).slug === undefined,
      );
      expect(
        await handleTeamEvent(
          fakeContext(fake),
          event("membership", deletedTeam),
          resource("team", teamSelectorSchema.parse({})),
        ),
      ).toBeNull();
      expect(fake.log).toEqual([]);
    },
  );

  it("added_to_repository does not change the team object", async () => {
    const fake = new FakeGitHub();
    expect(
      await handleTeamEvent(
        fakeContext(fake),
        event("team", example("team", "added_to_repository")),
        resource("team", teamSelectorSchema.parse({})),
      ),
    ).toBeNull();
  });
});

describe("member / membership / team → collaborator", () => {
  const collaborator = (login: string, role: string) => ({
    login,
    id: login.length,
    type: "User",
    permissions: { pull: true },
    role_name: role,
  });

  it.each(["added", "edited"])(
    "member %s upserts the collaborator from the permission endpoint",
    async (action) => {
      const payload = example(
        "member",
        action,
        (p) => (p.repository as { visibility?: string }).visibility === "public",
      );
      const login = (payload.member as { login: string }).login;
      const fake = new FakeGitHub().on(
        "GET",
        `/repos/Codertocat/Hello-World/collaborators/${login}/permission`,
        {
          body: { permission: "write", role_name: "write", user: collaborator(login, "write") },
        },
      );
      const changes = await handleCollaboratorEvent(
        fakeContext(fake),
        event("member", payload),
        resource("collaborator", collaboratorSelectorSchema.parse({})),
      );
      expect(changes?.upserted).toEqual([
        { ...collaborator(login, "write"), __repository: "Hello-World", __organization: "Codertocat" },
      ]);
    },
  );

  it("member removed deletes a user left without access, and re-upserts one who still reads through the organization", async () => {
    const payload = example(
      "member",
      "added",
      (p) => (p.repository as { visibility?: string }).visibility === "public",
    );
    payload.action = "removed";
    const member = payload.member as { login: string; id: number };
    const route = `/repos/Codertocat/Hello-World/collaborators/${member.login}/permission`;
    const gone = new FakeGitHub().on("GET", route, {
      body: { permission: "none", role_name: "none", user: collaborator(member.login, "none") },
    });
    const removed = await handleCollaboratorEvent(
      fakeContext(gone),
      event("member", payload),
      resource("collaborator", collaboratorSelectorSchema.parse({})),
    );
    expect(removed?.deleted).toEqual([
      { login: member.login, id: member.id, __repository: "Hello-World", __organization: "Codertocat" },
    ]);
    const stays = new FakeGitHub().on("GET", route, {
      body: { permission: "read", role_name: "read", user: collaborator(member.login, "read") },
    });
    const kept = await handleCollaboratorEvent(
      fakeContext(stays),
      event("member", payload),
      resource("collaborator", collaboratorSelectorSchema.parse({})),
    );
    expect(kept?.upserted.map((c) => c.role_name)).toEqual(["read"]);
    const direct = new FakeGitHub();
    const directOnly = await handleCollaboratorEvent(
      fakeContext(direct),
      event("member", payload),
      resource("collaborator", collaboratorSelectorSchema.parse({ affiliation: "direct" })),
    );
    expect(directOnly?.deleted).toHaveLength(1);
    expect(direct.log).toEqual([]);
  });

  it("membership added re-reads the member on every repository of the team; skipped unless affiliation is all", async () => {
    const payload = example("membership", "added");
    const fake = new FakeGitHub()
      .onPages("/orgs/Octocoders/teams/github/repos", [
        [
          { id: 1, name: "one", owner: { login: "Octocoders" }, visibility: "private" },
          { id: 2, name: "two", owner: { login: "Octocoders" }, visibility: "public" },
        ],
      ])
      .on("GET", "/repos/Octocoders/one/collaborators/Codertocat/permission", {
        body: { permission: "write", user: collaborator("Codertocat", "write") },
      })
      .on("GET", "/repos/Octocoders/two/collaborators/Codertocat/permission", {
        body: { permission: "admin", user: collaborator("Codertocat", "admin") },
      });
    const changes = await handleCollaboratorEvent(
      fakeContext(fake),
      event("membership", payload),
      resource("collaborator", collaboratorSelectorSchema.parse({}), { repositoryType: "public" }),
    );
    expect(changes?.upserted.map((c) => `${c.__repository}:${c.role_name}`)).toEqual(["two:admin"]);
    const untouched = new FakeGitHub();
    expect(
      await handleCollaboratorEvent(
        fakeContext(untouched),
        event("membership", payload),
        resource("collaborator", collaboratorSelectorSchema.parse({ affiliation: "direct" })),
      ),
    ).toBeNull();
    expect(untouched.log).toEqual([]);
  });

  it("team added_to_repository re-reads every member of the team on the payload repository", async () => {
    const payload = example(
      "team",
      "added_to_repository",
      (p) => (p.repository as { visibility?: string }).visibility === "public",
    );
    const fake = new FakeGitHub()
      .onPages("/orgs/Octocoders/teams/github/members", [
        [
          { login: "Codertocat", id: 21031067 },
          { login: "hubot", id: 1 },
        ],
      ])
      .on("GET", "/repos/Octocoders/Hello-World/collaborators/Codertocat/permission", {
        body: { permission: "write", user: collaborator("Codertocat", "write") },
      })
      .on("GET", "/repos/Octocoders/Hello-World/collaborators/hubot/permission", {
        body: { permission: "read", user: collaborator("hubot", "read") },
      });
    const changes = await handleCollaboratorEvent(
      fakeContext(fake),
      event("team", payload),
      resource("collaborator", collaboratorSelectorSchema.parse({})),
    );
    expect(changes?.upserted.map((c) => c.login)).toEqual(["Codertocat", "hubot"]);
    expect(changes?.upserted[0]).toMatchObject({ __repository: "Hello-World", __organization: "Octocoders" });
  });

  it("a delivery lacking the member is GITHUB_INVALID_PAYLOAD", async () => {
    const payload = example("member", "added");
    delete payload.member;
    await expect(
      handleCollaboratorEvent(
        fakeContext(new FakeGitHub()),
        event("member", payload),
        resource("collaborator", collaboratorSelectorSchema.parse({})),
      ),
    ).rejects.toMatchObject({ code: "GITHUB_INVALID_PAYLOAD" });
  });
});
