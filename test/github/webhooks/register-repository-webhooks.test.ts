import { describe, expect, it } from "vitest";
import { createGitHubIntegration } from "../../../src/github/create-github-integration.js";
import { repositoryWebhookEvents } from "../../../src/github/webhooks/register-repository-webhooks.js";
import { FakeGitHub, fastPolicy } from "../fake-github.js";

const url = "http://127.0.0.1:3000/integration/webhook";

describe("webhooks of a personal account", () => {
  it("repository hooks subscribe to the organization events minus organization, team, membership, member", () => {
    expect(repositoryWebhookEvents).toHaveLength(13);
    for (const event of ["organization", "team", "membership", "member"]) {
      expect(repositoryWebhookEvents).not.toContain(event);
    }
  });

  it("the token owner's personal account gets one hook per owned repository", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/me", { body: { login: "me", type: "User" } })
      .on("GET", "/user", { body: { login: "me", type: "User" } })
      .onPages("/user/repos", [
        [
          { name: "one", owner: { login: "me" } },
          { name: "theirs", owner: { login: "someone" } },
        ],
        [{ name: "two", owner: { login: "me" } }],
      ])
      .on("GET", "/repos/me/one/hooks", { body: [] })
      .on("POST", "/repos/me/one/hooks", { status: 201, body: { id: 1 } })
      .on("GET", "/repos/me/two/hooks", {
        body: [{ id: 2, active: true, events: repositoryWebhookEvents, config: { url } }],
      });
    const integration = await createGitHubIntegration(
      { githubToken: "ghp_personal", githubOrganization: "me" },
      { fetch: fake.fetch, rateLimitPolicy: fastPolicy },
    );
    const results = await integration.registerWebhooks(url);
    expect(results).toEqual([
      {
        organization: "me",
        status: "repository-hooks",
        repositories: [
          { repository: "me/one", status: "created", hookId: 1 },
          { repository: "me/two", status: "unchanged", hookId: 2 },
        ],
      },
    ]);
    expect(fake.requests("GET", "/user/repos")[0]?.query.affiliation).toBe("owner");
    expect(
      (fake.requests("POST", "/repos/me/one/hooks")[0]?.body as { events?: unknown } | undefined)?.events,
    ).toEqual(repositoryWebhookEvents);
    expect(fake.requests("GET", "/repos/someone/theirs/hooks")).toEqual([]);
  });

  it("another user's account is skipped with the reason", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/friend", { body: { login: "friend", type: "User" } })
      .on("GET", "/user", { body: { login: "me", type: "User" } });
    const integration = await createGitHubIntegration(
      { githubToken: "ghp_other", githubOrganization: "friend" },
      { fetch: fake.fetch, rateLimitPolicy: fastPolicy },
    );
    const [result] = await integration.registerWebhooks(url);
    expect(result).toMatchObject({ organization: "friend", status: "skipped" });
    expect(result && "reason" in result ? result.reason : "").toContain("belongs to me");
  });
});
