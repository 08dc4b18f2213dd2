import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { githubGraphQLSchema } from "../../../src/simulator/graphql/github-graphql-schema.js";
import { graphqlCost } from "../../../src/simulator/graphql/graphql-cost.js";

async function costOf(query: string, variables?: Record<string, unknown>, operationName?: string) {
  return graphqlCost(await githubGraphQLSchema(), parse(query), variables, operationName);
}

describe("graphqlCost (GitHub's documented calculation)", () => {
  it("counts the nodes of GitHub's simple example: 50 + 50 × 10 = 550", async () => {
    const cost = await costOf(`query { viewer { repositories(first: 50) { edges { repository: node { name
      issues(first: 10) { totalCount edges { node { title bodyHTML } } } } } } } }`);
    expect(cost.nodeCount).toBe(550);
    expect(cost.cost).toBe(1);
  });

  it("counts the nodes of GitHub's complex example: 22,060", async () => {
    const cost = await costOf(`query { viewer {
      repositories(first: 50) { edges { repository: node { name
        pullRequests(first: 20) { edges { pullRequest: node { title
          comments(first: 10) { edges { comment: node { bodyHTML } } } } } }
        issues(first: 20) { totalCount edges { issue: node { title bodyHTML
          comments(first: 10) { edges { comment: node { bodyHTML } } } } } } } } }
      followers(first: 10) { edges { follower: node { login } } } } }`);
    expect(cost.nodeCount).toBe(22_060);
  });

  it("prices GitHub's rate-limit example at 51 points: (1 + 100 + 100 × 50) / 100, rounded", async () => {
    const cost = await costOf(`query { viewer { login repositories(first: 100) { edges { node { id
      issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } } } }`);
    expect(cost.cost).toBe(51);
    expect(cost.nodeCount).toBe(100 + 100 * 50 + 100 * 50 * 60);
  });

  it("reads page sizes from variables, defaults and fragments, and costs at least one point", async () => {
    const query = `
      query Members($org: String!, $first: Int = 100) {
        organization(login: $org) { ...Teams }
      }
      fragment Teams on Organization {
        teams(first: $first) { nodes { ... on Team { members(last: 100) { nodes { login } } } } }
      }
      query Other { viewer { login } }`;
    const byDefault = await costOf(query, { org: "acme" }, "Members");
    expect(byDefault.nodeCount).toBe(100 + 100 * 100);
    expect(byDefault.cost).toBe(1);
    const smaller = await costOf(query, { org: "acme", first: 10 }, "Members");
    expect(smaller.nodeCount).toBe(10 + 10 * 100);
    expect(await costOf(query, {}, "Other")).toEqual({ cost: 1, nodeCount: 0, isMutation: false });
  });

  it("tells mutations apart", async () => {
    const cost = await costOf(`mutation { addStar(input: { starrableId: "x" }) { clientMutationId } }`);
    expect(cost).toEqual({ cost: 1, nodeCount: 0, isMutation: true });
  });
});
