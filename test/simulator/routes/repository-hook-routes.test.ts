/**
 * Repository webhooks in the simulator: a personal account's repository made through the control API,
 * hooked by its owner; who may use the hooks; which events reach them (with the repository as the
 * delivery's target), next to the organization's hooks; deliveries, redelivery and the delivery switch.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlAnswer } from "../../support/simulator-control.js";
import { ownerLogin } from "../../support/simulator-credentials.js";
import { call, type Receiver, startReceiver } from "../support/simulator-http.js";

interface Hook {
  id: number;
  type: string;
  events: string[];
  config: { url: string; secret?: string };
  last_response: { code: number | null; status: string | null };
}

const USER = "hook-owner";

describe("repository webhooks", () => {
  let sim: RunningSimulator;
  let receiver: Receiver;
  /** A classic PAT of the personal account with `repo`. */
  let userToken: string;
  const personalHooks = `/repos/${USER}/notes/hooks`;

  const tokenOf = async (login: string, scopes: string[]) =>
    (await controlAnswer<{ token: string }>(sim, "POST", "/tokens", { login, scopes })).body.token;
  const received = (event: string) =>
    receiver.received.filter((delivery) => delivery.headers["x-github-event"] === event);

  beforeAll(async () => {
    sim = await startSimulator({ seed: 6 });
    receiver = await startReceiver();
    expect((await controlAnswer(sim, "POST", "/users", { login: USER })).status).toBe(201);
    const created = await controlAnswer<{ repository: { full_name: string; owner: { type: string } } }>(
      sim,
      "POST",
      `/users/${USER}/repos`,
      { name: "notes", private: true, auto_init: true },
    );
    expect(created.status).toBe(201);
    expect(created.body.repository).toMatchObject({ full_name: `${USER}/notes`, owner: { type: "User" } });
    userToken = await tokenOf(USER, ["repo"]);
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await controlAnswer(sim, "POST", "/webhooks/delivery", { enabled: true });
    for (const hook of (await call<Hook[]>(sim, personalHooks, { token: userToken })).body) {
      await call(sim, `${personalHooks}/${hook.id}`, { method: "DELETE", token: userToken });
    }
    await sim.whenIdle();
    receiver.received.length = 0;
  });

  const createPersonalHook = async (events: string[]) => {
    const created = await call<Hook>(sim, personalHooks, {
      method: "POST",
      token: userToken,
      body: { name: "web", events, config: { url: receiver.url, content_type: "json", secret: "s" } },
    });
    expect(created.status).toBe(201);
    await sim.whenIdle();
    return created.body;
  };

  it("the owner of a personal repository creates a hook (201, secret masked) and it is pinged as a repository hook", async () => {
    const hook = await createPersonalHook(["push", "repository"]);
    expect(hook).toMatchObject({
      type: "Repository",
      events: ["push", "repository"],
      config: { url: receiver.url, secret: "********" },
      last_response: { code: null, status: "unused" },
    });
    const [ping] = received("ping");
    expect(ping?.headers).toMatchObject({
      "x-github-hook-id": String(hook.id),
      "x-github-hook-installation-target-type": "repository",
      "x-github-hook-installation-target-id": String(sim.state.findRepository(USER, "notes")?.repository.id),
    });
    const payload = JSON.parse(ping?.body ?? "{}") as Record<string, { full_name?: string }>;
    expect(payload.repository?.full_name).toBe(`${USER}/notes`);
    expect(payload.organization).toBeUndefined();
    // The ping is now the hook's last response.
    const again = await call<Hook>(sim, `${personalHooks}/${hook.id}`, { token: userToken });
    expect(again.body.last_response).toEqual({ code: 202, status: "active", message: "OK" });
    // A second hook with the same URL is refused, as GitHub does.
    const twice = await call(sim, personalHooks, {
      method: "POST",
      token: userToken,
      body: { config: { url: receiver.url } },
    });
    expect(twice.status).toBe(422);
  });

  it("a repository event reaches the repository's hooks and, for an organization's repository, the organization's too", async () => {
    const hook = await createPersonalHook(["push"]);
    const push = await controlAnswer<{ deliveries: string[] }>(sim, "POST", `/repos/${USER}/notes/push`, {
      files: { "a.md": "a\n" },
    });
    expect(push.body.deliveries).toHaveLength(1);
    // An event the hook is not subscribed to goes nowhere.
    const renamed = await controlAnswer<{ deliveries: string[] }>(sim, "PATCH", `/repos/${USER}/notes`, {
      description: "edited",
    });
    expect(renamed.body.deliveries).toEqual([]);
    await sim.whenIdle();
    expect(received("push").map((delivery) => delivery.headers["x-github-hook-id"])).toEqual([
      String(hook.id),
    ]);

    // An organization's repository with a hook of its own and the organization's hook: one delivery each.
    const org = sim.organization;
    const orgHook = await call<Hook>(sim, `/orgs/${org}/hooks`, {
      method: "POST",
      body: { events: ["issues"], config: { url: `${receiver.url}?org`, content_type: "json" } },
    });
    const repository = (await call<Array<{ name: string }>>(sim, `/orgs/${org}/repos?per_page=1`)).body[0]
      ?.name;
    const repoHook = await call<Hook>(sim, `/repos/${org}/${repository}/hooks`, {
      method: "POST",
      body: { events: ["issues"], config: { url: `${receiver.url}?repo`, content_type: "json" } },
    });
    expect(repoHook.status).toBe(201);
    await sim.whenIdle();
    receiver.received.length = 0;
    const issue = await controlAnswer<{ deliveries: string[] }>(
      sim,
      "POST",
      `/repos/${org}/${repository}/issues`,
      {
        title: "Heard twice",
      },
    );
    expect(issue.body.deliveries).toHaveLength(2);
    await sim.whenIdle();
    const targets = received("issues")
      .map((delivery) => [
        delivery.headers["x-github-hook-id"],
        delivery.headers["x-github-hook-installation-target-type"],
      ])
      .sort();
    expect(targets).toEqual(
      [
        [String(orgHook.body.id), "organization"],
        [String(repoHook.body.id), "repository"],
      ].sort(),
    );
    await call(sim, `/orgs/${org}/hooks/${orgHook.body.id}`, { method: "DELETE" });
    await call(sim, `/repos/${org}/${repository}/hooks/${repoHook.body.id}`, { method: "DELETE" });
  });

  it("answers 404 to whoever may not administer the repository's hooks, and names the scopes and permission", async () => {
    const hook = await createPersonalHook(["push"]);
    // Another user (the organization's owner, with `repo`).
    expect((await call(sim, personalHooks)).status).toBe(404);
    // The owner without a hook scope; with `read:repo_hook` it reads (a private repository too) but cannot change.
    expect((await call(sim, personalHooks, { token: await tokenOf(USER, ["read:user"]) })).status).toBe(404);
    const reader = await tokenOf(USER, ["read:repo_hook"]);
    const read = await call(sim, personalHooks, { token: reader });
    expect(read.status).toBe(200);
    expect(read.headers.get("x-accepted-oauth-scopes")).toBe(
      "read:repo_hook, write:repo_hook, admin:repo_hook, repo",
    );
    const patch = { method: "PATCH", body: { active: false } };
    expect((await call(sim, `${personalHooks}/${hook.id}`, { ...patch, token: reader })).status).toBe(404);
    // `write:repo_hook` changes a hook but does not delete it.
    const writer = await tokenOf(USER, ["write:repo_hook"]);
    expect((await call(sim, `${personalHooks}/${hook.id}`, { ...patch, token: writer })).status).toBe(200);
    const remove = { method: "DELETE", token: writer };
    expect((await call(sim, `${personalHooks}/${hook.id}`, remove)).status).toBe(404);
    // A fine-grained token of the organization without `repository_hooks`: GitHub's 403 naming it.
    const org = sim.organization;
    const repository = (await call<Array<{ name: string }>>(sim, `/orgs/${org}/repos?per_page=1`)).body[0]
      ?.name;
    const fineGrained = await controlAnswer<{ token: string }>(sim, "POST", "/tokens/fine-grained", {
      login: ownerLogin(sim),
      organization: org,
      permissions: { contents: "read" },
    });
    const refused = await call(sim, `/repos/${org}/${repository}/hooks`, { token: fineGrained.body.token });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-accepted-github-permissions")).toBe("repository_hooks=read");
  });

  it("lists a hook's deliveries and redelivers one missed while deliveries were switched off", async () => {
    const hook = await createPersonalHook(["push"]);
    const switched = await controlAnswer(sim, "POST", "/webhooks/delivery", {
      enabled: false,
      hook_id: hook.id,
    });
    expect(switched.status).toBe(200);
    await controlAnswer(sim, "POST", `/repos/${USER}/notes/push`, { files: { "missed.md": "missed\n" } });
    await sim.whenIdle();
    await controlAnswer(sim, "POST", "/webhooks/delivery", { enabled: true, hook_id: hook.id });
    expect(received("push")).toEqual([]);
    const deliveries = `${personalHooks}/${hook.id}/deliveries`;
    const listed = await call<Array<{ id: number; event: string; status_code: number }>>(sim, deliveries, {
      token: userToken,
    });
    const [missed] = listed.body;
    expect(missed).toMatchObject({ event: "push", status_code: 0 });
    const one = await call<{ request: { headers: Record<string, string> } }>(
      sim,
      `${deliveries}/${missed?.id}`,
      {
        token: userToken,
      },
    );
    expect(one.body.request.headers["X-GitHub-Hook-Installation-Target-Type"]).toBe("repository");
    const redelivered = await call(sim, `${deliveries}/${missed?.id}/attempts`, {
      method: "POST",
      token: userToken,
    });
    expect(redelivered.status).toBe(202);
    await sim.whenIdle();
    expect(received("push")).toHaveLength(1);
    // Another repository's hook path does not reach this hook's deliveries.
    expect(
      (await call(sim, `/repos/${USER}/other/hooks/${hook.id}/deliveries`, { token: userToken })).status,
    ).toBe(404);
  });

  it("a renamed repository's hooks answer at /repositories/{id}/hooks, where its former name redirects (301 to reads, 307 to changes)", async () => {
    await controlAnswer(sim, "POST", `/users/${USER}/repos`, { name: "before-rename" });
    const created = await call<Hook>(sim, `/repos/${USER}/before-rename/hooks`, {
      method: "POST",
      token: userToken,
      body: { events: ["push"], config: { url: receiver.url, content_type: "json" } },
    });
    expect(created.status).toBe(201);
    const hook = created.body;
    await sim.whenIdle();
    const renamed = await controlAnswer(sim, "PATCH", `/repos/${USER}/before-rename`, {
      name: "after-rename",
    });
    expect(renamed.status).toBe(200);
    const id = sim.state.findRepository(USER, "after-rename")?.repository.id;
    const byId = `/repositories/${id}/hooks`;

    /** A request to the former name, its redirect, and the same request where it points. */
    const viaFormerName = async <T>(rest: string, init: { method?: string; body?: unknown } = {}) => {
      const moved = await call(sim, `/repos/${USER}/before-rename/hooks${rest}`, {
        ...init,
        token: userToken,
      });
      expect(moved.headers.get("location")).toBe(`${sim.url}${byId}${rest}`);
      const answer = await call<T>(sim, `${byId}${rest}`, { ...init, token: userToken });
      return { redirect: moved.status, status: answer.status, body: answer.body };
    };

    expect(await viaFormerName<Hook>(`/${hook.id}`)).toMatchObject({
      redirect: 301,
      status: 200,
      body: { id: hook.id, events: ["push"] },
    });
    expect(
      await viaFormerName<Hook>(`/${hook.id}`, { method: "PATCH", body: { events: ["push", "issues"] } }),
    ).toMatchObject({ redirect: 307, status: 200, body: { id: hook.id, events: ["push", "issues"] } });
    const deliveries = await viaFormerName<Array<{ id: number; event: string }>>(`/${hook.id}/deliveries`);
    expect(deliveries).toMatchObject({ redirect: 301, status: 200 });
    const [ping] = deliveries.body;
    expect(ping?.event).toBe("ping");
    expect(await viaFormerName(`/${hook.id}/deliveries/${ping?.id}`)).toMatchObject({
      redirect: 301,
      status: 200,
    });
    expect(
      await viaFormerName(`/${hook.id}/deliveries/${ping?.id}/attempts`, { method: "POST" }),
    ).toMatchObject({ redirect: 307, status: 202 });
    expect(await viaFormerName(`/${hook.id}/pings`, { method: "POST" })).toMatchObject({
      redirect: 307,
      status: 204,
    });

    // At `/repositories/{id}/hooks`, the same hooks with the same checks.
    const listed = await call<Hook[]>(sim, byId, { token: userToken });
    expect(listed.body.map((listedHook) => listedHook.id)).toEqual([hook.id]);
    expect((await call(sim, byId)).status).toBe(404);
    expect((await call(sim, byId, { token: await tokenOf(USER, ["read:user"]) })).status).toBe(404);
    expect(
      (await call(sim, `/repositories/${id}/hooks/${hook.id + 1000}`, { token: userToken })).status,
    ).toBe(404);

    expect(await viaFormerName(`/${hook.id}`, { method: "DELETE" })).toMatchObject({
      redirect: 307,
      status: 204,
    });
    expect((await call(sim, byId, { token: userToken })).body).toEqual([]);
  });

  it("the control API makes repositories of users only at /users/{login}/repos, of organizations only at /orgs/{org}/repos", async () => {
    const asUser = await controlAnswer(sim, "POST", `/users/${sim.organization}/repos`, {
      name: "misplaced",
    });
    expect(asUser).toEqual({
      status: 404,
      body: { message: `no user ${sim.organization} in the simulator` },
    });
    const asOrg = await controlAnswer(sim, "POST", `/orgs/${USER}/repos`, { name: "misplaced" });
    expect(asOrg).toEqual({ status: 404, body: { message: `no organization ${USER} in the simulator` } });
    const taken = await controlAnswer(sim, "POST", `/users/${USER}/repos`, { name: "notes" });
    expect(taken.status).toBe(422);
  });

  it("a deleted repository's hooks go with it", async () => {
    await controlAnswer(sim, "POST", `/users/${USER}/repos`, { name: "short-lived" });
    const created = await call<Hook>(sim, `/repos/${USER}/short-lived/hooks`, {
      method: "POST",
      token: userToken,
      body: { config: { url: receiver.url, content_type: "json" } },
    });
    expect(sim.state.findAnyHook(created.body.id)).toBeDefined();
    await controlAnswer(sim, "DELETE", `/repos/${USER}/short-lived`);
    expect(sim.state.findAnyHook(created.body.id)).toBeUndefined();
  });
});
