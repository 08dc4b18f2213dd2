import { describe, expect, it } from "vitest";
import { createTeamKind } from "../../../src/github/kinds/team.js";
import { collect, FakeGitHub, fakeContext } from "../fake-github.js";

const restTeam = (slug: string, id: number) => ({
  id,
  slug,
  name: slug,
  privacy: "closed",
  url: `https://api.github.com/organizations/1/team/${id}`,
});
const member = (login: string) => ({
  id: `U_${login}`,
  login,
  name: null,
  isSiteAdmin: false,
  email: `${login}@example.dev`,
});
const graphqlTeam = (slug: string, id: number, logins: string[], next: string | null) => ({
  slug,
  id: `T_${id}`,
  databaseId: id,
  name: slug,
  description: null,
  privacy: "VISIBLE",
  notificationSetting: "NOTIFICATIONS_ENABLED",
  url: `https://github.com/orgs/acme/teams/${slug}`,
  members: { nodes: logins.map(member), pageInfo: { hasNextPage: next !== null, endCursor: next } },
});

describe("team kind", () => {
  it("reads the GraphQL members of a whole page of teams in one query, then further member pages per team", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .onPages("/orgs/acme/teams", [[restTeam("core", 1), restTeam("web", 2), restTeam("ent:platform", 3)]])
      .on("GET", "/orgs/acme/teams/ent%3Aplatform/members", { body: [{ login: "eve", id: 9 }] })
      .on("POST", "/graphql", (request) => {
        const { query, variables } = request.body as { query: string; variables: Record<string, unknown> };
        if (query.includes("samlIdentityProvider")) {
          // eve (an enterprise team member from REST) shows no email: SAML is asked, and is off.
          return { body: { data: { organization: { samlIdentityProvider: null } } } };
        }
        if (variables.slug === "core") {
          expect(variables.after).toBe("c1");
          return { body: { data: { organization: { team: graphqlTeam("core", 1, ["carol"], null) } } } };
        }
        expect(query).toContain("t1: team(slug: $s1)");
        expect(variables).toMatchObject({ login: "acme", s0: "core", s1: "web", first: 100 });
        expect(variables).not.toHaveProperty("s2");
        return {
          body: {
            data: {
              organization: {
                t0: graphqlTeam("core", 1, ["alice", "bob"], "c1"),
                t1: graphqlTeam("web", 2, ["dan"], null),
              },
            },
          },
        };
      });
    const kind = createTeamKind(fakeContext(fake, { githubOrganization: "acme" }));
    const [page] = await collect(kind.list({ selector: kind.selectorSchema.parse({}), mappingOptions: {} }));
    const teamQueries = fake
      .requests("POST", "/graphql")
      .filter((request) => !(request.body as { query: string }).query.includes("samlIdentityProvider"));
    expect(teamQueries).toHaveLength(2);
    expect(
      page?.map((team) => (team.members as { nodes: Array<{ login: string }> }).nodes.map((n) => n.login)),
    ).toEqual([["alice", "bob", "carol"], ["dan"], ["eve"]]);
    expect(page?.[0]).toMatchObject({
      id: 1,
      privacy: "closed",
      databaseId: 1,
      __graphql_privacy: "VISIBLE",
      __organization: "acme",
    });
    expect(page?.[0]?.members).not.toHaveProperty("pageInfo");
    expect(page?.[2]).not.toHaveProperty("__graphql_privacy");
  });
});
