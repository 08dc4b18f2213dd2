import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/start-simulator.js";
import { controlAnswer } from "../../support/simulator-control.js";
import { call, forgetDeliveries, type Receiver, startHookedSimulator } from "../support/simulator-http.js";
import { webhookPayloadProblems } from "../support/webhook-schema.js";

type Delivered = { event: string; payload: Record<string, unknown> & { action: string } };

describe("people control API and its webhooks", () => {
  let sim: RunningSimulator;
  let receiver: Receiver;

  async function delivered(): Promise<Delivered[]> {
    await sim.whenIdle();
    const out = receiver.received.map((delivery) => ({
      event: String(delivery.headers["x-github-event"]),
      payload: JSON.parse(delivery.body) as Delivered["payload"],
    }));
    receiver.received.length = 0;
    for (const { event, payload } of out) {
      expect(
        webhookPayloadProblems(`${event}$${payload.action}`, payload),
        `${event}.${payload.action}`,
      ).toEqual([]);
    }
    return out;
  }

  beforeAll(async () => {
    ({ sim, receiver } = await startHookedSimulator({
      seed: 9,
      events: ["organization", "team", "membership", "member"],
    }));
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(() => forgetDeliveries({ sim, receiver }));

  it("adds and removes organization members (organization member_added / member_removed)", async () => {
    expect((await controlAnswer(sim, "POST", "/users", { login: "new-hire", name: "New Hire" })).status).toBe(
      201,
    );
    const added = await controlAnswer(sim, "PUT", `/orgs/${sim.organization}/members/new-hire`, {
      role: "member",
    });
    expect(added.status).toBe(200);
    const [joined] = await delivered();
    expect(joined).toMatchObject({
      event: "organization",
      payload: {
        action: "member_added",
        membership: { role: "member", state: "active", user: { login: "new-hire" } },
      },
    });
    const graphql = await call<{
      data: { organization: { membersWithRole: { nodes: Array<{ login: string }> } } };
    }>(sim, "/graphql", {
      method: "POST",
      body: {
        query: `query($l: String!) { organization(login: $l) { membersWithRole(first: 100) { nodes { login } } } }`,
        variables: { l: sim.organization },
      },
    });
    expect(graphql.body.data.organization.membersWithRole.nodes.map((n) => n.login)).toContain("new-hire");
    await controlAnswer(sim, "DELETE", `/orgs/${sim.organization}/members/new-hire`);
    const [left] = await delivered();
    expect(left?.payload).toMatchObject({
      action: "member_removed",
      membership: { user: { login: "new-hire" } },
    });
  });

  it("creates, edits, grants a repository to and deletes a team (team events)", async () => {
    const created = await controlAnswer<{ team: { slug: string } }>(
      sim,
      "POST",
      `/orgs/${sim.organization}/teams`,
      {
        name: "Release Crew",
        description: "Ships it",
        privacy: "closed",
      },
    );
    expect(created.body.team.slug).toBe("release-crew");
    await controlAnswer(sim, "PATCH", `/orgs/${sim.organization}/teams/release-crew`, {
      description: "Ships it safely",
    });
    const [repository] = sim.state.repositoriesOwnedBy(sim.state.findAccount(sim.organization)?.id ?? 0);
    await controlAnswer(
      sim,
      "PUT",
      `/orgs/${sim.organization}/teams/release-crew/repos/${sim.organization}/${repository?.name}`,
      {
        permission: "maintain",
      },
    );
    await controlAnswer(sim, "DELETE", `/orgs/${sim.organization}/teams/release-crew`);
    const events = await delivered();
    expect(events.map((e) => `${e.event}.${e.payload.action}`)).toEqual([
      "team.created",
      "team.edited",
      "team.added_to_repository",
      "team.deleted",
    ]);
    expect(events[1]?.payload.changes).toEqual({ description: { from: "Ships it" } });
    expect(events[2]?.payload).toMatchObject({
      repository: { name: repository?.name },
      team: { slug: "release-crew" },
    });
  });

  it("adds and removes team members (membership added / removed)", async () => {
    const team = sim.state.teamsOf(sim.state.findAccount(sim.organization)?.id ?? 0)[0];
    const org = sim.state.findAccount(sim.organization);
    const outsider = [...(org?.members.keys() ?? [])].find((id) => !team?.members.has(id));
    const login = sim.state.findAccountById(outsider ?? 0)?.login;
    await controlAnswer(sim, "PUT", `/orgs/${sim.organization}/teams/${team?.slug}/memberships/${login}`, {});
    await controlAnswer(sim, "DELETE", `/orgs/${sim.organization}/teams/${team?.slug}/memberships/${login}`);
    const events = await delivered();
    expect(events.map((e) => `${e.event}.${e.payload.action}`)).toEqual([
      "membership.added",
      "membership.removed",
    ]);
    expect(events[0]?.payload).toMatchObject({
      scope: "team",
      member: { login },
      team: { slug: team?.slug },
    });
  });

  it("adds, edits and removes a collaborator (member added / edited / removed)", async () => {
    const [, repository] = sim.state.repositoriesOwnedBy(sim.state.findAccount(sim.organization)?.id ?? 0);
    await controlAnswer(sim, "POST", "/users", { login: "guest-dev" });
    const path = `/repos/${sim.organization}/${repository?.name}/collaborators/guest-dev`;
    await controlAnswer(sim, "PUT", path, { permission: "push" });
    await controlAnswer(sim, "PUT", path, { permission: "admin" });
    await controlAnswer(sim, "DELETE", path);
    const events = await delivered();
    expect(events.map((e) => `${e.event}.${e.payload.action}`)).toEqual([
      "member.added",
      "member.edited",
      "member.removed",
    ]);
    expect(events[0]?.payload.changes).toEqual({ permission: { to: "write" } });
    expect(events[1]?.payload.changes).toEqual({ old_permission: { from: "write" } });
    expect(events[2]?.payload).toMatchObject({
      member: { login: "guest-dev" },
      repository: { name: repository?.name },
    });
  });
});
