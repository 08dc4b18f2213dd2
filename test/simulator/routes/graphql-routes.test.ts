import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { call } from "../support/simulator-http.js";

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ type?: string; message: string; path?: unknown[] }>;
}

describe("GraphQL endpoint", () => {
  let sim: RunningSimulator;
  const graphql = (
    query: string,
    variables: Record<string, unknown> = {},
    init: { base?: string; token?: string | null } = {},
  ) =>
    call<GraphQLAnswer>(sim, init.base ?? "/graphql", {
      method: "POST",
      body: { query, variables },
      ...(init.token !== undefined ? { token: init.token } : {}),
    });

  beforeAll(async () => {
    sim = await startSimulator({ seed: 3 });
  });
  afterAll(() => sim.close());

  it("lists organization members with roles, page by page with cursors", async () => {
    const org = sim.state.findAccount(sim.organization);
    const total = org?.members.size ?? 0;
    const query = `query($login: String!, $after: String) {
      organization(login: $login) {
        membersWithRole(first: 2, after: $after) {
          totalCount
          pageInfo { endCursor hasNextPage }
          edges { role node { login id databaseId email name } }
        }
      }
    }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const answer = await graphql(query, { login: sim.organization, after });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      const members = (
        answer.body.data?.organization as { membersWithRole: Record<string, unknown> } | undefined
      )?.membersWithRole as {
        totalCount: number;
        pageInfo: { endCursor: string; hasNextPage: boolean };
        edges: Array<{
          role: string;
          node: { login: string; id: string; databaseId: number; email: string };
        }>;
      };
      expect(members.totalCount).toBe(total);
      expect(members.edges.length).toBeLessThanOrEqual(2);
      for (const edge of members.edges) {
        expect(["ADMIN", "MEMBER"]).toContain(edge.role);
        expect(typeof edge.node.email).toBe("string");
        expect(Buffer.from(edge.node.id, "base64").toString()).toBe(`04:User${edge.node.databaseId}`);
        seen.push(edge.node.login);
      }
      if (!members.pageInfo.hasNextPage) break;
      after = members.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(total);
  });

  it("answers a team with its members, and null for an unknown slug", async () => {
    const [team] = sim.state.teamsOf(sim.state.findAccount(sim.organization)?.id ?? 0);
    const answer = await graphql(
      `query($login: String!, $slug: String!) {
        organization(login: $login) {
          team(slug: $slug) { slug databaseId name privacy notificationSetting url members(first: 30) { nodes { login isSiteAdmin } pageInfo { hasNextPage } } }
          missing: team(slug: "no-such-team") { slug }
        }
      }`,
      { login: sim.organization, slug: team?.slug },
    );
    expect(answer.body.errors).toBeUndefined();
    const organization = answer.body.data?.organization as Record<string, Record<string, unknown> | null>;
    expect(organization.missing).toBeNull();
    expect(organization.team).toMatchObject({
      slug: team?.slug,
      databaseId: team?.id,
      privacy: team?.privacy === "secret" ? "SECRET" : "VISIBLE",
      url: `${sim.url}/orgs/${sim.organization}/teams/${team?.slug}`,
    });
    expect((organization.team?.members as { nodes: unknown[] } | undefined)?.nodes).toHaveLength(
      team?.members.size ?? -1,
    );
  });

  it("serves GitHub Enterprise Server's /api/graphql and answers NOT_FOUND with GitHub's error shape", async () => {
    const answer = await graphql(
      `{ viewer { login } organization(login: "no-such-org") { login } }`,
      {},
      {
        base: "/api/graphql",
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-ratelimit-resource")).toBe("graphql");
    expect(answer.headers.get("x-ratelimit-limit")).toBe("5000");
    expect(answer.body.data).toEqual({
      viewer: {
        login: sim.state.findAccountById(
          sim.state.findAccount(sim.organization)?.members.keys().next().value ?? 0,
        )?.login,
      },
      organization: null,
    });
    expect(answer.body.errors).toEqual([
      {
        type: "NOT_FOUND",
        path: ["organization"],
        locations: [{ line: 1, column: 20 }],
        message: "Could not resolve to an Organization with the login of 'no-such-org'.",
      },
    ]);
  });

  it("enforces GitHub's paging rules: first or last required, at most 100", async () => {
    const tooMany = await graphql(
      `query($l: String!) { organization(login: $l) { membersWithRole(first: 101) { totalCount } } }`,
      {
        l: sim.organization,
      },
    );
    expect(tooMany.body.data).toBeUndefined();
    expect(tooMany.body.errors?.[0]).toMatchObject({
      type: "EXCESSIVE_PAGINATION",
      message:
        "Requesting 101 records on the `membersWithRole` connection exceeds the `first` limit of 100 records.",
    });
    const unbounded = await graphql(
      `query($l: String!) { organization(login: $l) { membersWithRole { totalCount } } }`,
      {
        l: sim.organization,
      },
    );
    expect(unbounded.body.errors?.[0]?.type).toBe("MISSING_PAGINATION_BOUNDARIES");
  });

  it("needs read:org for members and teams, and a valid token at all", async () => {
    const { token } = await controlSimulator<{ token: string }>(sim, "POST", "/tokens", {
      login: sim.state.findAccountById(
        [...(sim.state.findAccount(sim.organization)?.members.keys() ?? [])][0] ?? 0,
      )?.login,
      scopes: ["repo"],
    });
    const answer = await graphql(
      `query($l: String!) { organization(login: $l) { login teams(first: 5) { totalCount } } }`,
      { l: sim.organization },
      { token },
    );
    expect(answer.body.data).toEqual({ organization: null });
    expect(answer.body.errors?.[0]).toMatchObject({
      type: "INSUFFICIENT_SCOPES",
      path: ["organization", "teams"],
    });
    expect(answer.body.errors?.[0]?.message).toContain("['read:org', 'write:org', 'admin:org']");
    const anonymous = await graphql(`{ viewer { login } }`, {}, { token: "ghp_not-a-token" });
    expect(anonymous.status).toBe(401);
  });

  it("rejects fields the schema lacks (validation) and says which fields the simulator does not implement", async () => {
    const invalid = await graphql(`{ viewer { noSuchField } }`);
    expect(invalid.body.data).toBeUndefined();
    expect(invalid.body.errors?.[0]?.message).toContain("noSuchField");
    const unimplemented = await graphql(`{ viewer { login isHireable } }`);
    expect(unimplemented.body.errors?.[0]).toMatchObject({
      type: "NOT_IMPLEMENTED",
      path: ["viewer", "isHireable"],
    });
  });
});
