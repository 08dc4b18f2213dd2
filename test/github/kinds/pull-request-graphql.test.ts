/**
 * The pull-request kind's `api: graphql` path: against the simulator's GraphQL API it lists the same pull
 * requests as the REST path, in the raw shape of Ocean's GraphQL exporter, which the compat mapping's
 * GraphQL pull-request resource maps; against a scripted GitHub that times out on heavy pages, the page
 * size shrinks and grows back without losing or repeating a node.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntegrationKind, RawObject } from "../../../src/engine/integration/integration.js";
import { compileResourceMapping } from "../../../src/engine/mapping/compile-resource-mapping.js";
import { mapRawItems } from "../../../src/engine/mapping/map-raw-items.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";
import { GitHubClient } from "../../../src/github/client/github-client.js";
import { createTokenContext } from "../../../src/github/github-context.js";
import { parseGitHubSettings } from "../../../src/github/github-settings.js";
import { createPullRequestKind } from "../../../src/github/kinds/pull-request.js";
import {
  pullRequestQuery,
  pullRequestSelection,
} from "../../../src/github/kinds/pull-request-graphql-query.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { collect, FakeGitHub, fastPolicy } from "../fake-github.js";

const logger = pino({ level: "silent" });
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5 });
});
afterAll(async () => sim.close());

function kindFor(baseUrl: string, token: string, fetch?: typeof globalThis.fetch): IntegrationKind {
  const settings = parseGitHubSettings({
    githubHost: baseUrl,
    githubToken: token,
    githubOrganization: "acme",
  });
  const client = GitHubClient.create({
    baseUrl: settings.githubHost,
    credential: { type: "token", token },
    logger,
    policy: fastPolicy,
    ...(fetch ? { fetch } : {}),
  });
  return createPullRequestKind(createTokenContext(settings, client, logger), {
    now: () => sim.state.epochMs,
  }) as IntegrationKind;
}

async function list(kind: IntegrationKind, selector: unknown): Promise<RawObject[]> {
  return (
    await collect(kind.list({ selector: kind.selectorSchema.parse(selector), mappingOptions: {} }))
  ).flat();
}

describe("pull-request kind, api: graphql, against the simulator", () => {
  // The production client (default policy): its GraphQL queries go one at a time, not a second apart.
  const simulatorKind = () => {
    const settings = {
      githubHost: sim.url,
      githubToken: sim.adminToken,
      githubOrganization: sim.organization,
    };
    const parsed = parseGitHubSettings(settings);
    const client = GitHubClient.create({
      baseUrl: parsed.githubHost,
      credential: { type: "token", token: sim.adminToken },
      logger,
    });
    return createPullRequestKind(createTokenContext(parsed, client, logger), {
      now: () => sim.state.epochMs,
    }) as IntegrationKind;
  };

  it("lists the pull requests the REST path lists, in Ocean's GraphQL raw shape, which its mapping maps", async () => {
    const kind = simulatorKind();
    const selector = { states: ["open", "closed"], since: 3650 };
    const graphql = await list(kind, { ...selector, api: "graphql" });
    const rest = await list(kind, selector);
    const keyOf = (pull: RawObject) => `${String(pull.__repository)}#${String(pull.number)}`;
    expect(graphql.length).toBeGreaterThan(0);
    expect(graphql.map(keyOf).sort()).toEqual(rest.map(keyOf).sort());
    expect(new Set(graphql.map((pull) => pull.state))).toEqual(new Set(["open", "closed", "merged"]));
    const byKey = new Map(rest.map((pull) => [keyOf(pull), pull]));
    for (const pull of graphql) {
      const twin = byKey.get(keyOf(pull)) as RawObject;
      expect(pull).toMatchObject({
        url: twin.html_url,
        fullDatabaseId: String(twin.id),
        title: twin.title,
        createdAt: twin.created_at,
        updatedAt: twin.updated_at,
        isDraft: twin.draft,
        headRefName: (twin.head as RawObject).ref,
        __organization: sim.organization,
      });
      expect(typeof pull.id).toBe("string");
      expect(typeof pull.comments).toBe("number");
      expect(typeof pull.commits).toBe("number");
      expect(typeof pull.review_comments).toBe("number");
      expect(typeof pull.mergeable).toBe("boolean");
      expect(pull.mergeable_state).toBe(String(pull.mergeStateStatus).toLowerCase());
      expect((pull.assignees as RawObject[]).map((user) => user.login)).toEqual(
        (twin.assignees as RawObject[]).map((user) => user.login),
      );
      expect(pull.requested_reviewers).toEqual(
        (twin.requested_reviewers as RawObject[]).map((user) => ({ login: user.login, type: "User" })),
      );
      expect((pull.labels as RawObject[]).map((label) => label.name)).toEqual(
        (twin.labels as RawObject[]).map((label) => label.name),
      );
      expect((pull.__repository_object as RawObject).name).toBe(pull.__repository);
    }

    const compat = fileURLToPath(
      new URL("../../../../shared/ocean/mappings/compat-port-app-config.yml", import.meta.url),
    );
    const { config } = parsePortAppConfig(readFileSync(compat, "utf8"), "compat-port-app-config.yml");
    const index = config.resources.findIndex(
      (resource) =>
        resource.kind === "pull-request" && (resource.selector as { api?: string }).api === "graphql",
    );
    const resource = config.resources[index];
    if (!resource) throw new Error("the compat mapping lost its GraphQL pull-request resource");
    const mapped = mapRawItems(compileResourceMapping(resource, index), graphql);
    expect(mapped.itemFailures).toEqual([]);
    expect(mapped.fieldFailures).toEqual([]);
    expect(mapped.entities.map((entity) => entity.identifier)).toEqual(
      graphql.map((pull) => `${String(pull.__repository)}${String(pull.number)}`),
    );
    expect(mapped.entities[0]?.properties).toEqual({ status: graphql[0]?.state, url: graphql[0]?.url });
  }, 120_000);
});

describe("the simulator's repository.pullRequest(number)", () => {
  it("answers one pull request with the listing's fields, and NOT_FOUND for a missing number", async () => {
    const org = sim.state.findAccount(sim.organization);
    const repository = sim.state
      .repositoriesOwnedBy(org?.id ?? -1)
      .find((candidate) => sim.state.activity.pullRequestsOf(candidate.id).length > 0);
    const pull = repository && sim.state.activity.pullRequestsOf(repository.id)[0];
    if (!repository || !pull) throw new Error("no pull request in the simulated organization");
    const selector = createPullRequestKind({} as never).selectorSchema.parse({ api: "graphql" });
    const ask = async (number: number) => {
      const response = await fetch(`${sim.url}/graphql`, {
        method: "POST",
        headers: { authorization: `Bearer ${sim.adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({
          query: pullRequestQuery(selector),
          variables: { owner: sim.organization, name: repository.name, number },
        }),
      });
      return (await response.json()) as {
        data: { repository: { pullRequest: RawObject | null } } | null;
        errors?: Array<{ type: string }>;
      };
    };
    const found = await ask(pull.number);
    expect(found.errors).toBeUndefined();
    expect(found.data?.repository.pullRequest).toMatchObject({
      number: pull.number,
      title: pull.title,
      fullDatabaseId: String(pull.id),
      headRefName: pull.headRef,
    });
    const missing = await ask(999_999);
    expect(missing.errors?.map((error) => error.type)).toEqual(["NOT_FOUND"]);
    expect(missing.data?.repository.pullRequest).toBeNull();
  });
});

describe("GraphQL pull request fields", () => {
  it("leave out what excludeGraphqlFields names; enrichWithFirstCommit asks the first commit", () => {
    const schema = createPullRequestKind({} as never).selectorSchema;
    const all = pullRequestSelection(schema.parse({ api: "graphql" }));
    const some = pullRequestSelection(
      schema.parse({ api: "graphql", excludeGraphqlFields: ["body", "labels", "reviews"] }),
    );
    for (const field of ["url", "id", "fullDatabaseId", "number", "title"]) expect(some).toContain(field);
    expect(all).toContain("labels(first: 10)");
    expect(some).not.toContain("labels(");
    expect(some).not.toContain("reviews(");
    expect(some.split(/\s+/)).not.toContain("body");
    expect(all).toContain("commits { totalCount }");
    expect(pullRequestSelection(schema.parse({ api: "graphql", enrichWithFirstCommit: true }))).toContain(
      "commits(first: 1) { totalCount nodes { commit { oid committedDate } } }",
    );
  });
});

describe("GraphQL page size", () => {
  it("shrinks when GitHub times out on a heavy page and grows back once pages pass", async () => {
    const nodes = Array.from({ length: 200 }, (_, index) => ({
      url: `https://github.com/acme/api/pull/${index + 1}`,
      id: `PR_${index + 1}`,
      fullDatabaseId: String(index + 1),
      number: index + 1,
      title: `change ${index + 1}`,
      state: "OPEN",
    }));
    const served: number[] = [];
    const fake = new FakeGitHub()
      .on("GET", "/orgs/acme", { body: { login: "acme", type: "Organization" } })
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .on("GET", "/orgs/acme/repos", { body: [{ id: 1, name: "api", owner: { login: "acme" } }] })
      .on("POST", "/graphql", (request) => {
        const { first, after } = (request.body as { variables: { first: number; after: string | null } })
          .variables;
        // The first page is heavy: GitHub gives up on it unless it is small.
        if (after === null && first > 25) return { status: 502, body: { message: "Server Error" } };
        const start = after === null ? 0 : Number(after) + 1;
        const page = nodes.slice(start, start + first);
        served.push(first);
        return {
          body: {
            data: {
              repository: {
                pullRequests: {
                  pageInfo: {
                    hasNextPage: start + first < nodes.length,
                    endCursor: String(start + page.length - 1),
                  },
                  nodes: page,
                },
              },
            },
          },
        };
      });
    const kind = kindFor("https://api.github.com", "ghp_adaptive", fake.fetch);
    const pulls = await list(kind, { api: "graphql" });
    expect(pulls.map((pull) => pull.number)).toEqual(nodes.map((node) => node.number));
    expect(served).toEqual([25, 25, 50, 50, 100]);
    const sizes = fake
      .requests("POST", "/graphql")
      .map((request) => (request.body as { variables: { first: number } }).variables.first);
    expect(sizes[0]).toBe(100);
    expect(sizes).toContain(50);
  });
});
