/**
 * Live events of the repo-scoped kinds through the integration's `kindsTouchedBy` / `handleEvent`, with
 * GitHub's example payloads (`@octokit/webhooks-examples`) and a scripted GitHub for the re-fetches.
 */
import { describe, expect, it } from "vitest";
import { isPortolanError } from "../../../src/engine/errors/portolan-error.js";
import type { EventResource, LiveEvent } from "../../../src/engine/integration/integration.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { issuesEventActions } from "../../../src/github/webhooks/issues-event.js";
import { pullRequestEventActions } from "../../../src/github/webhooks/pull-request-event.js";
import { FakeGitHub, fastPolicy } from "../fake-github.js";
import { webhookExamples } from "../webhook-examples.js";

type Payload = Record<string, unknown> & { action?: string };

function example(name: string, match: (payload: Payload) => boolean = () => true): Payload {
  const found = webhookExamples
    .find((entry) => entry.name === name)
    ?.examples.find((payload) => match(payload));
  if (!found) throw new Error(`no ${name} example`);
  return structuredClone(found) as Payload;
}

/** An example with this action, or the first one of the event with its action replaced. */
function withAction(name: string, action: string): Payload {
  const exact = webhookExamples
    .find((entry) => entry.name === name)
    ?.examples.find((payload) => payload.action === action);
  return exact ? (structuredClone(exact) as Payload) : { ...example(name), action };
}

const event = (name: string, payload: Payload): LiveEvent => ({ deliveryId: "d-1", name, payload });

let tokens = 0;
async function integrationFor(fake: FakeGitHub, organization = "Codertocat"): Promise<GitHubIntegration> {
  tokens += 1;
  return createGitHubIntegration(
    { githubToken: `ghp_events${tokens}`, githubOrganization: organization },
    { fetch: fake.fetch, rateLimitPolicy: fastPolicy },
  );
}

function resource(
  integration: GitHubIntegration,
  kind: string,
  selector: unknown = {},
  mappingOptions = {},
): EventResource {
  const found = integration.kinds.find((entry) => entry.name === kind);
  if (!found) throw new Error(`no kind ${kind}`);
  return { kind, selector: found.selectorSchema.parse(selector), mappingOptions };
}

const REPO = "/repos/Codertocat/Hello-World";

describe("kindsTouchedBy", () => {
  it("routes each event to its kind (create/delete by ref_type, push only for branches)", async () => {
    const integration = await integrationFor(new FakeGitHub());
    const touched = (name: string, payload: Payload) => integration.kindsTouchedBy(event(name, payload));
    expect(touched("pull_request", example("pull_request"))).toEqual(["pull-request"]);
    expect(touched("issues", example("issues"))).toEqual(["issue"]);
    expect(touched("release", example("release"))).toEqual(["release"]);
    expect(touched("create", example("create"))).toEqual(["tag"]);
    expect(touched("delete", { ...example("delete"), ref_type: "branch" })).toEqual(["branch"]);
    // Pushes also reach the file-based kinds; branch pushes, and only those, reach `branch`.
    const branchPush = example("push", (p) => p.ref === "refs/heads/master");
    const tagPush = example("push", (p) => p.ref === "refs/tags/simple-tag");
    expect(touched("push", branchPush)).toContain("branch");
    expect(touched("push", tagPush)).not.toContain("branch");
  });
});

describe("pull_request", () => {
  const fresh = (payload: Payload, state = "open") => ({
    ...(payload.pull_request as Payload),
    state,
    title: "re-read from the API",
  });

  it.each([...pullRequestEventActions].filter((action) => action !== "closed"))(
    "%s: re-fetches GET /pulls/{n} and upserts it with __repository and __organization",
    async (action) => {
      const payload = withAction("pull_request", action);
      const repository = payload.repository as { name: string; owner: { login: string } };
      const account =
        (payload.organization as { login: string } | undefined)?.login ?? repository.owner.login;
      const fake = new FakeGitHub().on("GET", `/repos/${repository.owner.login}/${repository.name}/pulls/2`, {
        body: fresh(payload),
      });
      const integration = await integrationFor(fake, account);
      const changes = await integration.handleEvent(
        event("pull_request", payload),
        resource(integration, "pull-request"),
      );
      expect(changes?.deleted).toEqual([]);
      expect(changes?.upserted).toEqual([
        expect.objectContaining({
          number: 2,
          title: "re-read from the API",
          __repository: repository.name,
          __organization: account,
        }),
      ]);
    },
  );

  it("closed while the selector lists only open ones: deletes the payload's pull request without a request", async () => {
    const payload = withAction("pull_request", "closed");
    const fake = new FakeGitHub();
    const integration = await integrationFor(fake);
    const changes = await integration.handleEvent(
      event("pull_request", payload),
      resource(integration, "pull-request"),
    );
    expect(changes?.upserted).toEqual([]);
    expect(changes?.deleted).toEqual([
      expect.objectContaining({ id: (payload.pull_request as Payload).id, __repository: "Hello-World" }),
    ]);
    expect((changes?.deleted[0]?.head as { repo: { name: string } } | undefined)?.repo.name).toBe(
      "Hello-World",
    );
    expect(fake.log).toEqual([]);
  });

  it("closed with `closed` among the states: re-fetched and upserted; an edit of a closed one with states [open] deletes it", async () => {
    const payload = withAction("pull_request", "closed");
    const fake = new FakeGitHub().on("GET", `${REPO}/pulls/2`, { body: fresh(payload, "closed") });
    const integration = await integrationFor(fake);
    const both = await integration.handleEvent(
      event("pull_request", payload),
      resource(integration, "pull-request", { states: ["open", "closed"] }),
    );
    expect(both?.upserted).toHaveLength(1);
    const edited = await integration.handleEvent(
      event("pull_request", { ...payload, action: "edited" }),
      resource(integration, "pull-request"),
    );
    expect(edited?.upserted).toEqual([]);
    expect(edited?.deleted).toEqual([expect.objectContaining({ number: 2, state: "closed" })]);
  });

  it("ignores actions outside the list, repositories outside repositoryType, and other accounts", async () => {
    const fake = new FakeGitHub();
    const integration = await integrationFor(fake);
    const pr = resource(integration, "pull-request");
    expect(
      await integration.handleEvent(event("pull_request", withAction("pull_request", "locked")), pr),
    ).toBeNull();
    expect(
      await integration.handleEvent(
        event("pull_request", withAction("pull_request", "opened")),
        resource(integration, "pull-request", {}, { repositoryType: "private" }),
      ),
    ).toBeNull();
    const other = await integrationFor(fake, "someone-else");
    expect(
      await other.handleEvent(
        event("pull_request", withAction("pull_request", "opened")),
        resource(other, "pull-request"),
      ),
    ).toBeNull();
    expect(fake.log).toEqual([]);
  });

  it("a resource with `api: graphql` re-reads the pull request over GraphQL, in the resync's raw shape", async () => {
    const queries: string[] = [];
    const node = (state: string) => ({
      url: "https://github.com/Codertocat/Hello-World/pull/2",
      id: "PR_2",
      fullDatabaseId: "279147437",
      number: 2,
      title: "re-read over GraphQL",
      state,
      labels: { nodes: [{ name: "bug" }] },
      comments: { totalCount: 3 },
    });
    let answer = node("OPEN");
    const fake = new FakeGitHub().on("POST", "/graphql", (request) => {
      queries.push(JSON.stringify(request.body));
      return { body: { data: { repository: { pullRequest: answer } } } };
    });
    const integration = await integrationFor(fake);
    const graphqlResource = resource(integration, "pull-request", { api: "graphql", states: ["open"] });
    const opened = await integration.handleEvent(
      event("pull_request", withAction("pull_request", "opened")),
      graphqlResource,
    );
    expect(opened?.upserted).toEqual([
      expect.objectContaining({
        number: 2,
        title: "re-read over GraphQL",
        state: "open",
        labels: [{ name: "bug" }],
        comments: 3,
        __repository: "Hello-World",
        __repository_object: expect.objectContaining({ name: "Hello-World" }),
      }),
    ]);
    expect(queries[0]).toContain('"number":2');
    expect(fake.requests("GET", `${REPO}/pulls/2`)).toEqual([]);
    // Merged is closed for the selector's states: with only open ones listed, it goes.
    answer = node("MERGED");
    const merged = await integration.handleEvent(
      event("pull_request", withAction("pull_request", "edited")),
      graphqlResource,
    );
    expect(merged?.upserted).toEqual([]);
    expect(merged?.deleted).toEqual([expect.objectContaining({ number: 2, state: "merged" })]);
  });

  it("refuses a payload without pull_request.number", async () => {
    const integration = await integrationFor(new FakeGitHub());
    const payload = { ...withAction("pull_request", "opened"), pull_request: { state: "open" } };
    const error = await integration
      .handleEvent(event("pull_request", payload), resource(integration, "pull-request"))
      .catch((caught: unknown) => caught);
    expect(isPortolanError(error) && error.code).toBe("GITHUB_INVALID_PAYLOAD");
    expect(isPortolanError(error) && error.where?.path).toBe("pull_request.number");
  });
});

describe("issues", () => {
  const deleting = new Set(["deleted", "transferred", "closed"]);

  it.each([...issuesEventActions].filter((action) => !deleting.has(action)))(
    "%s: re-fetches GET /issues/{n} and upserts it",
    async (action) => {
      const payload = withAction("issues", action);
      const number = (payload.issue as { number: number }).number;
      const owner = (payload.repository as { owner: { login: string } }).owner.login;
      const name = (payload.repository as { name: string }).name;
      const fake = new FakeGitHub().on("GET", `/repos/${owner}/${name}/issues/${number}`, {
        body: { ...(payload.issue as Payload), state: "open" },
      });
      const integration = await integrationFor(fake, owner);
      const changes = await integration.handleEvent(event("issues", payload), resource(integration, "issue"));
      expect(changes?.upserted).toEqual([
        expect.objectContaining({ number, __repository: name, __organization: owner }),
      ]);
      expect(changes?.deleted).toEqual([]);
    },
  );

  it.each(["deleted", "transferred", "closed"])(
    "%s: deletes the payload's issue (state: open)",
    async (action) => {
      const payload = withAction("issues", action);
      const owner = (payload.repository as { owner: { login: string } }).owner.login;
      const fake = new FakeGitHub();
      const integration = await integrationFor(fake, owner);
      const changes = await integration.handleEvent(event("issues", payload), resource(integration, "issue"));
      expect(changes?.upserted).toEqual([]);
      expect(changes?.deleted).toEqual([
        expect.objectContaining({ number: (payload.issue as Payload).number, __organization: owner }),
      ]);
      expect(fake.log).toEqual([]);
    },
  );

  it("closed with state: all re-fetches; a missing selector label deletes; labels compare case-insensitively", async () => {
    const payload = withAction("issues", "closed");
    const fake = new FakeGitHub().on("GET", `${REPO}/issues/1`, {
      body: { ...(payload.issue as Payload), state: "closed" },
    });
    const integration = await integrationFor(fake);
    const all = await integration.handleEvent(
      event("issues", payload),
      resource(integration, "issue", { state: "all" }),
    );
    expect(all?.upserted).toHaveLength(1);
    const labelled = withAction("issues", "edited");
    fake.on("GET", `${REPO}/issues/${(labelled.issue as { number: number }).number}`, {
      body: { ...(labelled.issue as Payload), state: "open" },
    });
    const matching = await integration.handleEvent(
      event("issues", {
        ...labelled,
        issue: { ...(labelled.issue as Payload), labels: [{ name: "Bug" }], state: "open" },
      }),
      resource(integration, "issue", { labels: ["bug"] }),
    );
    expect(matching?.upserted).toHaveLength(1);
    const missing = await integration.handleEvent(
      event("issues", { ...labelled, issue: { ...(labelled.issue as Payload), labels: [{ name: "bug" }] } }),
      resource(integration, "issue", { labels: ["bug", "enhancement"] }),
    );
    expect(missing?.upserted).toEqual([]);
    expect(missing?.deleted).toHaveLength(1);
  });
});

describe("release", () => {
  it.each(["created", "edited", "published", "prereleased", "released"])(
    "%s: re-fetches GET /releases/{id}",
    async (action) => {
      const payload = withAction("release", action);
      const id = (payload.release as { id: number }).id;
      const fake = new FakeGitHub().on("GET", `${REPO}/releases/${id}`, {
        body: { ...(payload.release as Payload), name: "fresh" },
      });
      const integration = await integrationFor(fake);
      const changes = await integration.handleEvent(
        event("release", payload),
        resource(integration, "release"),
      );
      expect(changes?.upserted).toEqual([
        expect.objectContaining({ id, name: "fresh", __repository: "Hello-World" }),
      ]);
    },
  );

  it("deleted, or gone (404) when re-read: deletes the payload's release", async () => {
    const fake = new FakeGitHub().on("GET", `${REPO}/releases/17372790`, {
      status: 404,
      body: { message: "Not Found" },
    });
    const integration = await integrationFor(fake);
    for (const action of ["deleted", "edited"]) {
      const changes = await integration.handleEvent(
        event("release", withAction("release", action)),
        resource(integration, "release"),
      );
      expect(changes?.deleted).toEqual([
        expect.objectContaining({ id: 17372790, __organization: "Codertocat" }),
      ]);
    }
    expect(fake.requests("GET", `${REPO}/releases/17372790`)).toHaveLength(1);
  });
});

describe("create / delete of tags", () => {
  it("create: reads the git ref and gives it the listed tag's name and commit", async () => {
    const payload = example("create");
    const ref = String(payload.ref);
    const fake = new FakeGitHub().on("GET", `${REPO}/git/ref/tags/${ref}`, {
      body: {
        ref: `refs/tags/${ref}`,
        node_id: "x",
        url: "u",
        object: { sha: "a".repeat(40), type: "commit", url: "c" },
      },
    });
    const integration = await integrationFor(fake);
    const changes = await integration.handleEvent(event("create", payload), resource(integration, "tag"));
    expect(changes?.upserted).toEqual([
      expect.objectContaining({
        name: ref,
        commit: expect.objectContaining({ sha: "a".repeat(40) }),
        __repository: "Hello-World",
        __repository_object: expect.objectContaining({ name: "Hello-World" }),
        __organization: "Codertocat",
      }),
    ]);
  });

  it("delete: deletes {name} with the repository fields; branch refs are not tags", async () => {
    const fake = new FakeGitHub();
    const integration = await integrationFor(fake);
    const payload = example("delete");
    const changes = await integration.handleEvent(event("delete", payload), resource(integration, "tag"));
    expect(changes?.deleted).toEqual([
      {
        name: payload.ref,
        __repository: "Hello-World",
        __repository_object: payload.repository,
        __organization: "Codertocat",
      },
    ]);
    expect(
      await integration.handleEvent(
        event("delete", { ...payload, ref_type: "branch" }),
        resource(integration, "tag"),
      ),
    ).toBeNull();
    expect(fake.log).toEqual([]);
  });
});

describe("branches: create / delete / push", () => {
  const branchBody = (name: string) => ({
    name,
    commit: { sha: "b".repeat(40), commit: { message: "m" } },
    _links: {},
    protected: true,
  });

  it("push to refs/heads/master: re-reads the branch in full with its protection rules", async () => {
    const payload = example("push", (p) => p.ref === "refs/heads/master");
    const fake = new FakeGitHub()
      .on("GET", `${REPO}/branches/master`, { body: branchBody("master") })
      .on("GET", `${REPO}/branches/master/protection`, {
        body: { required_status_checks: { contexts: ["ci"] } },
      });
    const integration = await integrationFor(fake);
    const changes = await integration.handleEvent(
      event("push", payload),
      resource(integration, "branch", { protectionRules: true }),
    );
    expect(changes?.upserted).toEqual([
      expect.objectContaining({
        name: "master",
        __is_default_branch: true,
        __protection_rules: { required_status_checks: { contexts: ["ci"] } },
        __repository: "Hello-World",
        __organization: "Codertocat",
      }),
    ]);
  });

  it("create of a branch named with `/`: the path keeps the `/`; without protectionRules no protection call", async () => {
    const payload = { ...example("create"), ref: "feature/50%-off#1", ref_type: "branch" };
    const fake = new FakeGitHub().on("GET", `${REPO}/branches/feature/50%25-off%231`, {
      body: branchBody("feature/50%-off#1"),
    });
    const integration = await integrationFor(fake);
    const changes = await integration.handleEvent(event("create", payload), resource(integration, "branch"));
    expect(changes?.upserted).toEqual([
      expect.objectContaining({ name: "feature/50%-off#1", __is_default_branch: false }),
    ]);
    expect(fake.log).toHaveLength(1);
  });

  it("delete, and a push with deleted: true, delete {name}", async () => {
    const fake = new FakeGitHub();
    const integration = await integrationFor(fake);
    const deleted = await integration.handleEvent(
      event("delete", { ...example("delete"), ref: "old", ref_type: "branch" }),
      resource(integration, "branch"),
    );
    expect(deleted?.deleted).toEqual([expect.objectContaining({ name: "old", __repository: "Hello-World" })]);
    const push = {
      ...example("push", (p) => p.ref === "refs/heads/master"),
      ref: "refs/heads/gone",
      deleted: true,
    };
    const pushed = await integration.handleEvent(event("push", push), resource(integration, "branch"));
    expect(pushed?.deleted).toEqual([expect.objectContaining({ name: "gone" })]);
    expect(fake.log).toEqual([]);
  });

  it("defaultBranchOnly and branchNames filter which branches an event touches", async () => {
    const fake = new FakeGitHub().on("GET", `${REPO}/branches/release`, { body: branchBody("release") });
    const integration = await integrationFor(fake);
    const push = (ref: string) =>
      event("push", { ...example("push", (p) => p.ref === "refs/heads/master"), ref });
    expect(
      await integration.handleEvent(
        push("refs/heads/feature"),
        resource(integration, "branch", { defaultBranchOnly: true }),
      ),
    ).toBeNull();
    expect(
      await integration.handleEvent(
        push("refs/heads/feature"),
        resource(integration, "branch", { branchNames: ["release"] }),
      ),
    ).toBeNull();
    const kept = await integration.handleEvent(
      push("refs/heads/release"),
      resource(integration, "branch", { branchNames: ["release"] }),
    );
    expect(kept?.upserted).toHaveLength(1);
  });
});

describe("the selector's repoSearch gates live events", () => {
  it("proceeds only when the search finds the delivery's repository by id", async () => {
    const payload = withAction("release", "created");
    const repositoryId = (payload.repository as { id: number }).id;
    const id = (payload.release as { id: number }).id;
    for (const [found, expected] of [
      [[{ id: repositoryId, name: "Hello-World" }], 1],
      [[{ id: repositoryId + 1, name: "Hello-World" }], 0],
    ] as const) {
      const fake = new FakeGitHub()
        .onPages("/search/repositories", [[...found]])
        .on("GET", `${REPO}/releases/${id}`, { body: payload.release });
      const integration = await integrationFor(fake);
      const changes = await integration.handleEvent(
        event("release", payload),
        resource(integration, "release", { repoSearch: { query: "topic:docs" } }),
      );
      expect(changes?.upserted.length ?? 0).toBe(expected);
      expect(fake.requests("GET", "/search/repositories")[0]?.query.q).toBe(
        "org:Codertocat topic:docs Hello-World in:name",
      );
    }
  });
});

describe("ref names from deliveries and selectors", () => {
  it("refuses branch and tag names git does not allow (they could walk the request URL elsewhere)", async () => {
    const fake = new FakeGitHub();
    const integration = await integrationFor(fake);
    for (const [name, payload, kind] of [
      ["create", { ...example("create"), ref: "../../hooks", ref_type: "branch" }, "branch"],
      [
        "push",
        { ...example("push", (p) => p.ref === "refs/heads/master"), ref: "refs/heads/a/./b" },
        "branch",
      ],
      ["create", { ...example("create"), ref: "v1/../../x" }, "tag"],
    ] as const) {
      const error = await integration
        .handleEvent(event(name, payload as Payload), resource(integration, kind))
        .catch((caught: unknown) => caught);
      expect(isPortolanError(error) && error.code, `${name} ${String(payload.ref)}`).toBe(
        "GITHUB_INVALID_PAYLOAD",
      );
    }
    expect(fake.log).toEqual([]);
    const branch = integration.kinds.find((kind) => kind.name === "branch");
    expect(branch?.selectorSchema.safeParse({ branchNames: ["a/../b"] }).success).toBe(false);
    expect(branch?.selectorSchema.safeParse({ branchNames: ["release/2.0", "50%-off#1"] }).success).toBe(
      true,
    );
  });
});
