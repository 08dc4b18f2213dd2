import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { call, type Receiver, startReceiver } from "../support/simulator-http.js";
import { webhookDefinition, webhookPayloadProblems } from "../support/webhook-schema.js";

/** Control routes that emit no webhook, each for its reason. */
const EMIT_NOTHING = new Set([
  // Credentials, App installations and new users are nothing an organization's webhooks hear of
  // (an App's own webhook, which hears of installations, is not simulated).
  "POST /_simulator/tokens",
  "POST /_simulator/tokens/fine-grained",
  "DELETE /_simulator/tokens/:token",
  "POST /_simulator/app/installations",
  "PUT /_simulator/app/installations/:id/suspended",
  "PUT /_simulator/app/installations/:id/permissions",
  "DELETE /_simulator/app/installations/:id/suspended",
  "PUT /_simulator/app/installation-token-lifetime",
  "POST /_simulator/users",
  // A personal account's new repository: the account has no account-wide hooks, and the repository none yet.
  "POST /_simulator/users/:login/repos",
  // Seeds a file without a push (`POST …/push` is the pushing twin).
  "PUT /_simulator/repos/:owner/:repo/contents/*",
  // Branch protection: GitHub's `branch_protection_rule` event is not simulated (the integration does not use it).
  "PUT /_simulator/repos/:owner/:repo/branches/*",
  // The simulator's own machinery (limits, faults, request log), not organization state.
  "PATCH /_simulator/rate-limits",
  "DELETE /_simulator/rate-limits/usage",
  "POST /_simulator/faults",
  "DELETE /_simulator/faults",
  "DELETE /_simulator/faults/:id",
  "DELETE /_simulator/requests",
  // Switches delivery on or off (to simulate downtime); it changes no organization state.
  "POST /_simulator/webhooks/delivery",
]);

const ALERT_ACTIONS = {
  dependabot: ["dismissed", "reopened", "auto_dismissed", "auto_reopened", "fixed", "reintroduced"],
  "code-scanning": ["closed_by_user", "reopened", "fixed", "appeared_in_branch"],
  "secret-scanning": ["resolved", "reopened", "validated", "publicly_leaked"],
} as const;

interface Driven {
  route: string;
  path: string;
  deliveries: string[];
}

describe("every webhook the control API causes matches @octokit/webhooks-schemas", () => {
  let sim: RunningSimulator;
  let receiver: Receiver;
  const driven: Driven[] = [];

  /** One control request; `route` is its fastify pattern (checked against the routes served). */
  const drive = async <T = Record<string, unknown>>(route: string, path: string, body?: unknown) => {
    const method = route.split(" ")[0] ?? "";
    const answer = await controlSimulator<T & { deliveries?: string[] }>(sim, method, path, body);
    driven.push({ route, path, deliveries: answer.deliveries ?? [] });
    return answer;
  };

  beforeAll(async () => {
    sim = await startSimulator({ seed: 5 });
    receiver = await startReceiver();
    await call(sim, `/orgs/${sim.organization}/hooks`, {
      method: "POST",
      body: { name: "web", events: ["*"], config: { url: receiver.url, content_type: "json" } },
    });
    const org = sim.organization;
    const repo = `/repos/${org}/webhook-contract`;

    await drive("POST /_simulator/orgs/:org/repos", `/orgs/${org}/repos`, {
      name: "webhook-contract",
      description: "driven by the webhook contract test",
      auto_init: true,
    });
    await drive("PATCH /_simulator/repos/:owner/:repo", repo, {
      description: "edited",
      topics: ["contract"],
    });
    await drive("PUT /_simulator/repos/:owner/:repo/contents/*", `${repo}/contents/docs/guide.md`, {
      content: "# Guide\n",
    });
    await drive("POST /_simulator/repos/:owner/:repo/push", `${repo}/push`, {
      branch: "feature",
      message: "Start a feature",
      files: { "src/feature.ts": "export const feature = 1;\n", "docs/guide.md": null },
    });

    const pull = await drive<{ pull_request: { number: number } }>(
      "POST /_simulator/repos/:owner/:repo/pulls",
      `${repo}/pulls`,
      { title: "Add the feature", body: "Adds it.", head: "feature", draft: true, labels: ["enhancement"] },
    );
    const pullPath = `${repo}/pulls/${pull.pull_request.number}`;
    await drive("PATCH /_simulator/repos/:owner/:repo/pulls/:number", pullPath, {
      title: "Feature",
      draft: false,
    });
    await drive("POST /_simulator/repos/:owner/:repo/pulls/:number/commits", `${pullPath}/commits`);
    await drive("PATCH /_simulator/repos/:owner/:repo/pulls/:number", pullPath, {
      state: "closed",
      merged: true,
    });

    const issue = await drive<{ issue: { number: number } }>(
      "POST /_simulator/repos/:owner/:repo/issues",
      `${repo}/issues`,
      {
        title: "A bug",
        body: "It breaks.",
        labels: ["bug"],
      },
    );
    const issuePath = `${repo}/issues/${issue.issue.number}`;
    // `typed`, then `untyped`.
    await drive("PATCH /_simulator/repos/:owner/:repo/issues/:number", issuePath, { type: "Bug" });
    await drive("PATCH /_simulator/repos/:owner/:repo/issues/:number", issuePath, { type: null });
    await drive("PATCH /_simulator/repos/:owner/:repo/issues/:number", issuePath, {
      state: "closed",
      state_reason: "completed",
    });
    await drive("DELETE /_simulator/repos/:owner/:repo/issues/:number", issuePath);

    const release = await drive<{ release: { id: number } }>(
      "POST /_simulator/repos/:owner/:repo/releases",
      `${repo}/releases`,
      {
        tag_name: "v1.0.0",
        name: "One",
        body: "First release",
      },
    );
    const releasePath = `${repo}/releases/${release.release.id}`;
    await drive("PATCH /_simulator/repos/:owner/:repo/releases/:id", releasePath, {
      name: "One point oh",
      prerelease: true,
    });
    await drive("DELETE /_simulator/repos/:owner/:repo/releases/:id", releasePath);

    await drive("POST /_simulator/repos/:owner/:repo/git/refs", `${repo}/git/refs`, {
      ref: "refs/heads/topic",
    });
    await drive("POST /_simulator/repos/:owner/:repo/branches/*", `${repo}/branches/topic/commits`, {
      message: "On topic",
    });
    await drive("PUT /_simulator/repos/:owner/:repo/branches/*", `${repo}/branches/topic/protection`, {
      required_status_checks: ["ci"],
    });
    await drive("DELETE /_simulator/repos/:owner/:repo/git/refs/*", `${repo}/git/refs/heads/topic`);
    await drive("POST /_simulator/repos/:owner/:repo/git/refs", `${repo}/git/refs`, {
      ref: "refs/tags/v0.9.0",
    });

    await drive(
      "PUT /_simulator/repos/:owner/:repo/actions/workflows/:file",
      `${repo}/actions/workflows/ci.yml`,
      {
        name: "CI",
      },
    );
    const run = await drive<{ run: { id: number } }>(
      "POST /_simulator/repos/:owner/:repo/actions/runs",
      `${repo}/actions/runs`,
      {
        workflow: "ci.yml",
      },
    );
    const runPath = `${repo}/actions/runs/${run.run.id}`;
    await drive("PATCH /_simulator/repos/:owner/:repo/actions/runs/:id", runPath, { status: "in_progress" });
    await drive("PATCH /_simulator/repos/:owner/:repo/actions/runs/:id", runPath, {
      status: "completed",
      conclusion: "success",
    });
    await drive(
      "DELETE /_simulator/repos/:owner/:repo/actions/workflows/:file",
      `${repo}/actions/workflows/ci.yml`,
    );

    const deployment = await drive<{ deployment: { id: number } }>(
      "POST /_simulator/repos/:owner/:repo/deployments",
      `${repo}/deployments`,
      { environment: "staging", description: "Ship it" },
    );
    await drive(
      "POST /_simulator/repos/:owner/:repo/deployments/:id/statuses",
      `${repo}/deployments/${deployment.deployment.id}/statuses`,
      {
        state: "success",
        environment_url: "https://staging.example.dev",
        log_url: "https://ci.example.dev/1",
      },
    );

    await drive("POST /_simulator/users", "/users", { login: "contract-user", name: "Contract User" });
    // A personal account's repository, heard through a repository hook (its ping, then a push).
    await drive("POST /_simulator/users/:login/repos", "/users/contract-user/repos", {
      name: "personal-contract",
      auto_init: true,
    });
    const userToken = await call<{ token: string }>(sim, "/_simulator/tokens", {
      method: "POST",
      body: { login: "contract-user", scopes: ["admin:repo_hook"] },
    });
    await call(sim, "/repos/contract-user/personal-contract/hooks", {
      method: "POST",
      token: userToken.body.token,
      body: { name: "web", events: ["*"], config: { url: receiver.url, content_type: "json" } },
    });
    await drive("POST /_simulator/repos/:owner/:repo/push", "/repos/contract-user/personal-contract/push", {
      files: { "notes.md": "A personal note\n" },
    });
    await drive("PUT /_simulator/orgs/:org/members/:login", `/orgs/${org}/members/contract-user`, {
      role: "member",
    });
    await drive("POST /_simulator/orgs/:org/teams", `/orgs/${org}/teams`, {
      name: "Contract Team",
      privacy: "closed",
    });
    const team = `/orgs/${org}/teams/contract-team`;
    await drive("PATCH /_simulator/orgs/:org/teams/:slug", team, { description: "Edited" });
    await drive(
      "PUT /_simulator/orgs/:org/teams/:slug/repos/:owner/:repo",
      `${team}/repos/${org}/webhook-contract`,
      {
        permission: "push",
      },
    );
    await drive(
      "PUT /_simulator/orgs/:org/teams/:slug/memberships/:login",
      `${team}/memberships/contract-user`,
      {
        role: "maintainer",
      },
    );
    await drive(
      "DELETE /_simulator/orgs/:org/teams/:slug/memberships/:login",
      `${team}/memberships/contract-user`,
    );
    await drive(
      "PUT /_simulator/repos/:owner/:repo/collaborators/:login",
      `${repo}/collaborators/contract-user`,
      {
        permission: "triage",
      },
    );
    await drive(
      "DELETE /_simulator/repos/:owner/:repo/collaborators/:login",
      `${repo}/collaborators/contract-user`,
    );
    await drive("DELETE /_simulator/orgs/:org/teams/:slug", team);
    await drive("DELETE /_simulator/orgs/:org/members/:login", `/orgs/${org}/members/contract-user`);

    for (const [kind, actions] of Object.entries(ALERT_ACTIONS)) {
      const alert = await drive<{ number: number }>(
        "POST /_simulator/repos/:owner/:repo/:kind/alerts",
        `${repo}/${kind}/alerts`,
      );
      for (const action of actions) {
        await drive(
          "POST /_simulator/repos/:owner/:repo/:kind/alerts/:number/events",
          `${repo}/${kind}/alerts/${alert.number}/events`,
          { action },
        );
      }
    }

    await drive("PATCH /_simulator/repos/:owner/:repo", repo, { private: true });
    await drive("PATCH /_simulator/repos/:owner/:repo", repo, { private: false, archived: true });
    await drive("PATCH /_simulator/repos/:owner/:repo", repo, {
      archived: false,
      name: "webhook-contract-renamed",
    });
    await drive("DELETE /_simulator/repos/:owner/:repo", `/repos/${org}/webhook-contract-renamed`);
    await sim.whenIdle();
  });
  afterAll(async () => {
    await sim?.close();
    await receiver?.close();
  });

  it("drives every control route that changes state (and names those that emit nothing)", () => {
    const served = new Set(sim.routes.map((route) => `${route.method} ${route.url}`));
    expect(driven.filter((step) => !served.has(step.route)).map((step) => step.route)).toEqual([]);
    const control = [...served].filter((route) => /^(POST|PUT|PATCH|DELETE) \/_simulator\//.test(route));
    const used = new Set(driven.map((step) => step.route));
    expect(control.filter((route) => !used.has(route) && !EMIT_NOTHING.has(route))).toEqual([]);
    const silent = driven.filter((step) => step.deliveries.length === 0 && !EMIT_NOTHING.has(step.route));
    expect(silent.map((step) => `${step.route} ${step.path}`)).toEqual([]);
  });

  it("validates every delivery payload against the schema of its event and action", () => {
    const causes = new Map(driven.flatMap((step) => step.deliveries.map((id) => [id, step.route] as const)));
    const arrived = new Set(
      receiver.received.map((delivery) => String(delivery.headers["x-github-delivery"])),
    );
    const problems = [...causes]
      .filter(([id]) => !arrived.has(id))
      .map(([id, route]) => `${route}: delivery ${id} never arrived`);
    const definitions = new Set<string>();
    // Every delivery the receiver got, the hook's `ping` included.
    for (const delivery of receiver.received) {
      const payload: unknown = JSON.parse(delivery.body);
      const definition = webhookDefinition(String(delivery.headers["x-github-event"]), payload);
      definitions.add(definition);
      const cause = causes.get(String(delivery.headers["x-github-delivery"])) ?? "hook creation";
      for (const problem of webhookPayloadProblems(definition, payload)) {
        problems.push(`${definition} (${cause}) ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    // The run covers the event families the integration listens to.
    for (const family of [
      "ping$",
      "repository$",
      "push$",
      "pull_request$",
      "issues$",
      "release$",
      "create$",
      "delete$",
      "workflow_run$",
      "deployment$",
      "deployment_status$",
      "member$",
      "membership$",
      "team$",
      "organization$",
      "dependabot_alert$",
      "code_scanning_alert$",
      "secret_scanning_alert$",
    ]) {
      expect(
        [...definitions].some((definition) => definition.startsWith(family)),
        family,
      ).toBe(true);
    }
  });
});
