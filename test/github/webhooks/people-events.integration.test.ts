/**
 * People deliveries from the simulator through `handleEvent`: a change made with the control API, the
 * webhook GitHub would send for it, and what the integration upserts or deletes for each touched kind.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { KindChanges, LiveEvent } from "../../../src/engine/integration/integration.js";
import type { GitHubIntegration } from "../../../src/github/create-github-integration.js";
import type { RunningSimulator } from "../../../src/simulator/start-simulator.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { receiveSimulatorDeliveries, type SimulatorDeliveries } from "./receive-simulator-deliveries.js";

let simulator: RunningSimulator;
let integration: GitHubIntegration;
let deliveries: SimulatorDeliveries;
const received: LiveEvent[] = [];

const control = (method: string, path: string, body?: unknown) =>
  controlSimulator(simulator, method, path, body);

/** Every delivery since the last call, applied to one resource per touched kind (default selectors). */
async function applyDeliveries(
  selectors: Record<string, unknown> = {},
): Promise<Array<KindChanges & { event: string }>> {
  await simulator.whenIdle();
  const events = received.splice(0);
  const results: Array<KindChanges & { event: string }> = [];
  for (const event of events) {
    for (const kindName of integration.kindsTouchedBy(event)) {
      const kind = integration.kinds.find((entry) => entry.name === kindName);
      if (!kind) continue;
      const selector = kind.selectorSchema.parse(selectors[kindName] ?? {});
      const changes = await integration.handleEvent(event, { kind: kindName, selector, mappingOptions: {} });
      if (changes) results.push({ ...changes, event: `${event.name}.${String(event.payload.action)}` });
    }
  }
  return results;
}

beforeAll(async () => {
  deliveries = await receiveSimulatorDeliveries(13, received);
  ({ simulator, integration } = deliveries);
  expect(deliveries.registrations[0]?.status).not.toBe("failed");
});
afterAll(() => deliveries?.close());
beforeEach(() => {
  received.length = 0;
});

const org = () => simulator.organization;

describe("people live events from the simulator", () => {
  it("organization member_added upserts the user as the resync lists it; member_removed deletes it", async () => {
    await control("POST", "/users", {
      login: "live-joiner",
      name: "Live Joiner",
      email: "joiner@example.dev",
    });
    await control("PUT", `/orgs/${org()}/members/live-joiner`, { role: "member" });
    const [added] = await applyDeliveries();
    expect(added).toMatchObject({ event: "organization.member_added", kind: "user", deleted: [] });
    const id = simulator.state.findAccount("live-joiner")?.id;
    expect(added?.upserted).toEqual([
      {
        login: "live-joiner",
        id: Buffer.from(`04:User${id}`).toString("base64"),
        databaseId: id,
        email: "joiner@example.dev",
        name: "Live Joiner",
      },
    ]);
    await control("DELETE", `/orgs/${org()}/members/live-joiner`);
    const [removed] = await applyDeliveries();
    expect(removed?.deleted).toEqual([{ login: "live-joiner", id: added?.upserted[0]?.id, databaseId: id }]);
  });

  // Each delivery is applied before the next change, as a live integration would: processors re-read
  // the current state.
  it("team created / edited / deleted, and membership added, keep the team entity in step", async () => {
    const teamChanges = async () => (await applyDeliveries()).filter((result) => result.kind === "team");
    await control("POST", `/orgs/${org()}/teams`, { name: "Live Ops", privacy: "closed" });
    const [created] = await teamChanges();
    const member = simulator.state.findAccountById(
      [...(simulator.state.findAccount(org())?.members.keys() ?? [])][1] ?? 0,
    );
    await control("PUT", `/orgs/${org()}/teams/live-ops/memberships/${member?.login}`, {});
    const [joined] = await teamChanges();
    await control("PATCH", `/orgs/${org()}/teams/live-ops`, { name: "Live Operations" });
    const [renamed] = await teamChanges();
    await control("DELETE", `/orgs/${org()}/teams/live-operations`);
    const [deleted] = await teamChanges();
    expect([created?.event, joined?.event, renamed?.event, deleted?.event]).toEqual([
      "team.created",
      "membership.added",
      "team.edited",
      "team.deleted",
    ]);
    expect(created?.upserted[0]).toMatchObject({
      slug: "live-ops",
      members: { nodes: [] },
      __organization: org(),
    });
    expect(joined?.upserted[0]?.members).toMatchObject({ nodes: [{ login: member?.login }] });
    expect(renamed?.deleted.map((team) => team.slug)).toEqual(["live-ops"]);
    expect(renamed?.upserted.map((team) => team.slug)).toEqual(["live-operations"]);
    expect(deleted?.deleted.map((team) => team.slug)).toEqual(["live-operations"]);
  });

  it("member added / edited / removed and team added_to_repository keep collaborators in step", async () => {
    const collaboratorChanges = async () =>
      (await applyDeliveries()).filter((result) => result.kind === "collaborator");
    const repository = simulator.state.repositoriesOwnedBy(simulator.state.findAccount(org())?.id ?? 0)[2];
    await control("POST", "/users", { login: "live-guest" });
    const path = `/repos/${org()}/${repository?.name}/collaborators/live-guest`;
    await control("PUT", path, { permission: "push" });
    const [added] = await collaboratorChanges();
    await control("PUT", path, { permission: "admin" });
    const [edited] = await collaboratorChanges();
    await control("DELETE", path);
    const [removed] = await collaboratorChanges();
    expect([added?.event, edited?.event, removed?.event]).toEqual([
      "member.added",
      "member.edited",
      "member.removed",
    ]);
    expect(added?.upserted[0]).toMatchObject({
      login: "live-guest",
      role_name: "write",
      __repository: repository?.name,
      __organization: org(),
    });
    expect(edited?.upserted[0]).toMatchObject({ role_name: "admin" });
    expect(removed?.deleted).toEqual([
      {
        login: "live-guest",
        id: simulator.state.findAccount("live-guest")?.id,
        __repository: repository?.name,
        __organization: org(),
      },
    ]);

    const team = simulator.state
      .teamsOf(simulator.state.findAccount(org())?.id ?? 0)
      .find((candidate) => candidate.members.size > 0 && !candidate.repositories.has(repository?.id ?? 0));
    await control("PUT", `/orgs/${org()}/teams/${team?.slug}/repos/${org()}/${repository?.name}`, {
      permission: "maintain",
    });
    const [granted] = await collaboratorChanges();
    expect(granted?.event).toBe("team.added_to_repository");
    expect(granted?.upserted.map((collaborator) => collaborator.login).sort()).toEqual(
      [...(team?.members.keys() ?? [])].map((id) => simulator.state.findAccountById(id)?.login).sort(),
    );
    for (const collaborator of granted?.upserted ?? []) {
      expect(["maintain", "admin"]).toContain(collaborator.role_name);
    }
  });
});
