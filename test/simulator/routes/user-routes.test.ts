import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { call } from "../support/simulator-http.js";

const SIMPLE_USER_KEYS = [
  "login",
  "id",
  "node_id",
  "avatar_url",
  "gravatar_id",
  "url",
  "html_url",
  "followers_url",
  "following_url",
  "gists_url",
  "starred_url",
  "subscriptions_url",
  "organizations_url",
  "repos_url",
  "events_url",
  "received_events_url",
  "type",
  "site_admin",
];

describe("user routes", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5 });
  });
  afterAll(() => sim.close());

  it("GET /user answers private-user for the token's owner", async () => {
    const me = await call<Record<string, unknown>>(sim, "/user");
    expect(me.status).toBe(200);
    expect(me.body.type).toBe("User");
    for (const key of [
      ...SIMPLE_USER_KEYS,
      "name",
      "created_at",
      "total_private_repos",
      "two_factor_authentication",
    ]) {
      expect(me.body, key).toHaveProperty(key);
    }
    const org = sim.state.findAccount(sim.organization);
    expect(org?.members.get(me.body.id as number)).toBe("admin");
  });

  it("GET /user/orgs lists organization-simple items", async () => {
    const orgs = await call<Record<string, unknown>[]>(sim, "/user/orgs");
    expect(orgs.body.map((o) => o.login)).toEqual([sim.organization]);
    expect(Object.keys(orgs.body[0] ?? {})).toEqual([
      "login",
      "id",
      "node_id",
      "url",
      "repos_url",
      "events_url",
      "hooks_url",
      "issues_url",
      "members_url",
      "public_members_url",
      "avatar_url",
      "description",
    ]);
  });

  it("GET /users/{login} answers users and organizations, with their type", async () => {
    const org = await call<Record<string, unknown>>(sim, `/users/${sim.organization}`);
    expect(org.body.type).toBe("Organization");
    expect(org.body).not.toHaveProperty("hooks_url");
    expect(org.body).toHaveProperty("public_repos");
    const me = await call<{ login: string }>(sim, "/user");
    const user = await call<Record<string, unknown>>(sim, `/users/${me.body.login}`);
    expect(user.body.type).toBe("User");
    expect(user.body).not.toHaveProperty("two_factor_authentication");
    expect((await call(sim, "/users/nobody-here")).status).toBe(404);
  });
});
