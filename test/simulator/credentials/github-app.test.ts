import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INTEGRATION_PERMISSIONS } from "../../../src/simulator/generate-credentials.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { appJwt } from "../support/app-jwt.js";
import { call } from "../support/simulator-http.js";

interface InstallationToken {
  token: string;
  expires_at: string;
  permissions: Record<string, string>;
  repository_selection: string;
  repositories?: Array<{ name: string }>;
}

describe("GitHub Apps", () => {
  let sim: RunningSimulator;
  let jwt: () => string;
  let repos: string[];
  beforeAll(async () => {
    sim = await startSimulator({ seed: 4 });
    const { appId, appPrivateKey } = sim.credentials;
    jwt = () => appJwt(appPrivateKey, { iss: appId });
    const org = sim.state.findAccount(sim.organization);
    if (!org) throw new Error("no organization");
    repos = sim.state.repositoriesOwnedBy(org.id).map((repo) => repo.name);
  });
  afterAll(() => sim.close());

  const mint = (body?: unknown) =>
    call<InstallationToken>(sim, `/app/installations/${sim.credentials.installationId}/access_tokens`, {
      method: "POST",
      token: jwt(),
      body,
    });

  it("authenticates the App by its RS256 JWT and lists its installation on the organization", async () => {
    const self = await call<{ id: number; slug: string }>(sim, "/app", { token: jwt() });
    expect(self.status).toBe(200);
    expect(self.body.id).toBe(sim.credentials.appId);
    // The App's own requests draw on its own window, not the anonymous one of 60.
    expect(self.headers.get("x-ratelimit-limit")).toBe("5000");
    const installations = await call<Array<Record<string, unknown>>>(sim, "/app/installations", {
      token: jwt(),
    });
    expect(installations.body).toHaveLength(1);
    expect(installations.body[0]).toMatchObject({
      id: sim.credentials.installationId,
      account: { login: sim.organization },
      permissions: INTEGRATION_PERMISSIONS,
      repository_selection: "all",
      suspended_at: null,
    });
    const byId = await call<{ id: number }>(sim, `/app/installations/${sim.credentials.installationId}`, {
      token: jwt(),
    });
    expect(byId.body.id).toBe(sim.credentials.installationId);
    expect((await call(sim, "/app/installations/1", { token: jwt() })).status).toBe(404);
    const byOrg = await call<{ id: number }>(sim, `/orgs/${sim.organization}/installation`, { token: jwt() });
    expect(byOrg.body.id).toBe(sim.credentials.installationId);
    const byRepo = await call<{ id: number }>(sim, `/repos/${sim.organization}/${repos[0]}/installation`, {
      token: jwt(),
    });
    expect(byRepo.body.id).toBe(sim.credentials.installationId);
  });

  it("refuses a JWT with a wrong key, an expired or too long exp, a future iat, or a token", async () => {
    const now = Math.floor(Date.now() / 1000);
    const { appId, appPrivateKey } = sim.credentials;
    const { privateKey: otherKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const cases: Array<[string, string]> = [
      [appJwt(otherKey, { iss: appId }), "A JSON web token could not be decoded"],
      [appJwt(appPrivateKey, { iss: 1 }), "A JSON web token could not be decoded"],
      [
        appJwt(appPrivateKey, { iss: appId, iat: now - 700, exp: now - 100 }),
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
      ],
      [
        appJwt(appPrivateKey, { iss: appId, iat: now, exp: now + 900 }),
        "'Expiration time' claim ('exp') is too far in the future",
      ],
      [
        appJwt(appPrivateKey, { iss: appId, iat: now + 300, exp: now + 500 }),
        "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
      ],
      [sim.adminToken, "A JSON web token could not be decoded"],
    ];
    for (const [token, message] of cases) {
      const answer = await call(sim, "/app/installations", { token });
      expect(answer.status, message).toBe(401);
      expect(answer.body).toEqual({
        message,
        documentation_url: "https://docs.github.com/rest",
        status: "401",
      });
    }
    // Octokit back-dates iat by 30 s within the 60 s GitHub allows for drift.
    const drifted = appJwt(appPrivateKey, { iss: appId, iat: now + 50, exp: now + 590 });
    expect((await call(sim, "/app", { token: drifted })).status).toBe(200);
  });

  it("mints ghs_ tokens that expire in an hour, share the installation's rate limit and list its repositories", async () => {
    const first = await mint();
    expect(first.status).toBe(201);
    expect(first.body.token).toMatch(/^ghs_\w{36}$/);
    expect(first.body.permissions).toEqual(INTEGRATION_PERMISSIONS);
    expect(first.body.repository_selection).toBe("all");
    const lifetime = Date.parse(first.body.expires_at) - Date.now();
    expect(lifetime).toBeGreaterThan(3_590_000);
    expect(lifetime).toBeLessThanOrEqual(3_600_000);
    const listed = await call<{ total_count: number; repositories: Array<{ name: string }> }>(
      sim,
      "/installation/repositories?per_page=100",
      { token: first.body.token },
    );
    expect(listed.body.total_count).toBe(repos.length);
    expect(listed.body.repositories.map((repo) => repo.name).sort()).toEqual([...repos].sort());
    expect(listed.headers.get("x-oauth-scopes")).toBeNull();

    const second = await mint();
    const before = Number(listed.headers.get("x-ratelimit-used"));
    const next = await call(sim, `/orgs/${sim.organization}/repos`, { token: second.body.token });
    expect(Number(next.headers.get("x-ratelimit-used"))).toBe(before + 1);

    // An installation has no user of its own.
    const user = await call(sim, "/user", { token: first.body.token });
    expect(user.status).toBe(403);
    expect(user.body).toMatchObject({ message: "Resource not accessible by integration" });

    const refused = await call(sim, `/repos/${sim.organization}/${repos[0]}/secret-scanning/alerts`, {
      token: first.body.token,
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ message: "Resource not accessible by integration" });
    expect(refused.headers.get("x-accepted-github-permissions")).toBe("secret_scanning_alerts=read");
  });

  it("narrows a token to the repositories and permissions asked for, and refuses more", async () => {
    const [chosen, other] = repos as [string, string];
    const narrowed = await mint({
      repositories: [chosen],
      permissions: { metadata: "read", issues: "read" },
    });
    expect(narrowed.status).toBe(201);
    expect(narrowed.body.repository_selection).toBe("selected");
    expect(narrowed.body.repositories?.map((repo) => repo.name)).toEqual([chosen]);
    const token = narrowed.body.token;
    expect((await call(sim, `/repos/${sim.organization}/${other}`, { token })).status).toBe(404);
    expect((await call(sim, `/repos/${sim.organization}/${chosen}/pulls`, { token })).status).toBe(403);
    const unknown = await mint({ repository_ids: [1] });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({
      message:
        "There is at least one repository that does not exist or is not accessible to the parent installation.",
    });
    const more = await mint({ permissions: { secret_scanning_alerts: "read" } });
    expect(more.status).toBe(422);
    expect(more.body).toMatchObject({
      message: "The permissions requested are not granted to this installation.",
    });
  });

  it("expires installation tokens after the configured lifetime", async () => {
    const set = await call(sim, "/_simulator/app/installation-token-lifetime", {
      method: "PUT",
      token: null,
      body: { seconds: 1 },
    });
    expect(set.status).toBe(200);
    try {
      const short = await mint();
      expect((await call(sim, "/installation/repositories", { token: short.body.token })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const expired = await call(sim, "/installation/repositories", { token: short.body.token });
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ message: "Bad credentials" });
    } finally {
      await call(sim, "/_simulator/app/installation-token-lifetime", {
        method: "PUT",
        token: null,
        body: { seconds: 3600 },
      });
    }
  });

  it("refuses tokens of a suspended installation, and new ones, until it is unsuspended", async () => {
    const before = await mint();
    const path = `/_simulator/app/installations/${sim.credentials.installationId}/suspended`;
    expect((await call(sim, path, { method: "PUT", token: null })).status).toBe(200);
    const suspended = { message: "This installation has been suspended", status: "403" };
    const old = await call(sim, "/installation/repositories", { token: before.body.token });
    expect(old.status).toBe(403);
    expect(old.body).toMatchObject(suspended);
    const fresh = await mint();
    expect(fresh.status).toBe(403);
    expect(fresh.body).toMatchObject(suspended);
    const listed = await call<Array<{ suspended_at: string | null }>>(sim, "/app/installations", {
      token: jwt(),
    });
    expect(listed.body[0]?.suspended_at).not.toBeNull();

    expect((await call(sim, path, { method: "DELETE", token: null })).status).toBe(200);
    expect((await call(sim, "/installation/repositories", { token: before.body.token })).status).toBe(200);
    expect((await mint()).status).toBe(201);
  });

  it("changes an installation's permissions for tokens minted afterwards; tokens minted before keep theirs", async () => {
    const path = `/_simulator/app/installations/${sim.credentials.installationId}/permissions`;
    const scanned = sim.state
      .repositoriesOwnedBy(sim.state.findAccount(sim.organization)?.id ?? 0)
      .find((repo) => sim.state.alertsEnabled("secret-scanning", repo.id));
    const alerts = `/repos/${sim.organization}/${scanned?.name}/secret-scanning/alerts`;
    const before = await mint();
    const changed = await call<{ permissions: Record<string, string> }>(sim, path, {
      method: "PUT",
      token: null,
      body: { permissions: { ...INTEGRATION_PERMISSIONS, secret_scanning_alerts: "read" } },
    });
    try {
      expect(changed.status).toBe(200);
      expect(changed.body.permissions).toEqual({
        ...INTEGRATION_PERMISSIONS,
        secret_scanning_alerts: "read",
      });
      const after = await mint();
      expect(after.body.permissions).toMatchObject({ secret_scanning_alerts: "read" });
      const refused = await call(sim, alerts, { token: before.body.token });
      expect(refused.status).toBe(403);
      expect(refused.headers.get("x-accepted-github-permissions")).toBe("secret_scanning_alerts=read");
      expect((await call(sim, alerts, { token: after.body.token })).status).toBe(200);
      const listed = await call<Array<{ permissions: Record<string, string> }>>(sim, "/app/installations", {
        token: jwt(),
      });
      expect(listed.body[0]?.permissions).toMatchObject({ secret_scanning_alerts: "read" });
      const unknown = await call(sim, "/_simulator/app/installations/1/permissions", {
        method: "PUT",
        token: null,
        body: { permissions: {} },
      });
      expect(unknown.status).toBe(404);
      const invalid = await call(sim, path, {
        method: "PUT",
        token: null,
        body: { permissions: { x: "read" } },
      });
      expect(invalid.status).toBe(422);
    } finally {
      await call(sim, path, { method: "PUT", token: null, body: { permissions: INTEGRATION_PERMISSIONS } });
    }
  });

  it("refuses a second installation on the same organization", async () => {
    const installation = await call(sim, "/_simulator/app/installations", {
      method: "POST",
      token: null,
      body: { organization: sim.organization },
    });
    expect(installation.status).toBe(422);
    expect(installation.body).toEqual({ message: `the App is already installed on ${sim.organization}` });
  });
});
