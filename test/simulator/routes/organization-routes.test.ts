import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { call } from "../support/simulator-http.js";

describe("organization routes", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5 });
  });
  afterAll(() => sim.close());

  it("GET /orgs/{org} answers organization-full, with owner-only fields for the owner", async () => {
    const org = await call<Record<string, unknown>>(sim, `/orgs/${sim.organization}`);
    expect(org.status).toBe(200);
    expect(org.body).toMatchObject({
      login: sim.organization,
      type: "Organization",
      html_url: `${sim.url}/${sim.organization}`,
    });
    for (const key of [
      "has_organization_projects",
      "public_repos",
      "created_at",
      "archived_at",
      "total_private_repos",
      "plan",
    ]) {
      expect(org.body, key).toHaveProperty(key);
    }
    const member = [...(sim.state.findAccount(sim.organization)?.members ?? [])].find(
      ([, role]) => role === "member",
    );
    const login = sim.state.findAccountById(member?.[0] ?? 0)?.login;
    const { token } = await controlSimulator<{ token: string }>(sim, "POST", "/tokens", {
      login,
      scopes: ["read:org", "repo"],
    });
    const asMember = await call<Record<string, unknown>>(sim, `/orgs/${sim.organization}`, { token });
    expect(asMember.body.login).toBe(sim.organization);
    expect(asMember.body).not.toHaveProperty("total_private_repos");
    expect(asMember.body).not.toHaveProperty("billing_email");
    const asUser = await call(sim, `/orgs/${login}`);
    expect(asUser.status).toBe(404);
  });
});
