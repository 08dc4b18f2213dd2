import { Octokit } from "@octokit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlAnswer, controlSimulator } from "../../support/simulator-control.js";
import { call } from "../support/simulator-http.js";

const BAD_CREDENTIALS = {
  message: "Bad credentials",
  documentation_url: "https://docs.github.com/rest",
  status: "401",
};

describe("behaviour shared by every REST response", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 2 });
  });
  afterAll(() => sim.close());

  it("answers 401 Bad credentials without a token or with an unknown one", async () => {
    const missing = await call(sim, "/user", { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual(BAD_CREDENTIALS);
    const unknown = await call(sim, `/orgs/${sim.organization}/repos`, {
      token: "ghp_000000000000000000000000000000000000",
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(BAD_CREDENTIALS);
    const enterprise = await call(sim, "/user", { token: "nope", base: sim.enterpriseUrl });
    expect(enterprise.body).toEqual(BAD_CREDENTIALS);
    expect(missing.headers.get("x-ratelimit-limit")).toBe("60");
  });

  it("accepts both `Bearer` and `token` authorization schemes", async () => {
    for (const scheme of ["Bearer", "token", "bearer"]) {
      const response = await fetch(`${sim.url}/user`, {
        headers: { authorization: `${scheme} ${sim.adminToken}` },
      });
      expect(response.status, scheme).toBe(200);
    }
  });

  it("sends scopes, rate-limit counters, request id and API version on every answer", async () => {
    const first = await call(sim, `/orgs/${sim.organization}/hooks`);
    const second = await call(sim, `/orgs/${sim.organization}`);
    expect(first.headers.get("x-oauth-scopes")).toBe("admin:org_hook, read:org, read:user, repo");
    expect(first.headers.get("x-accepted-oauth-scopes")).toBe("admin:org_hook");
    expect(second.headers.get("x-ratelimit-limit")).toBe("5000");
    expect(second.headers.get("x-ratelimit-resource")).toBe("core");
    const used = Number(second.headers.get("x-ratelimit-used"));
    expect(used).toBe(Number(first.headers.get("x-ratelimit-used")) + 1);
    expect(Number(second.headers.get("x-ratelimit-remaining"))).toBe(5000 - used);
    const reset = Number(second.headers.get("x-ratelimit-reset"));
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Date.now() / 1000 + 3600);
    expect(second.headers.get("x-github-request-id")).toMatch(/^[0-9A-F]{4}(:[0-9A-F]+){4}$/);
    expect(second.headers.get("x-github-request-id")).not.toBe(first.headers.get("x-github-request-id"));
    expect(second.headers.get("x-github-api-version-selected")).toBe("2022-11-28");
  });

  it("answers If-None-Match with 304, which costs no rate limit", async () => {
    const path = `/orgs/${sim.organization}/repos?per_page=3`;
    const first = await call(sim, path);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
    const again = await call(sim, path, { headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("x-ratelimit-used")).toBe(first.headers.get("x-ratelimit-used"));
    expect(again.headers.get("etag")).toBe(etag);
    const other = await call(sim, path, { headers: { "if-none-match": 'W/"something-else"' } });
    expect(other.status).toBe(200);
  });

  it("changes the ETag when the resource changes", async () => {
    const repo = sim.state.repositoriesOwnedBy(sim.state.findAccount(sim.organization)?.id ?? 0)[0];
    const path = `/repos/${sim.organization}/${repo?.name}`;
    const before = await call(sim, path);
    await controlSimulator(sim, "PATCH", path, { description: "changed for the ETag test" });
    const after = await call(sim, path, { headers: { "if-none-match": before.headers.get("etag") ?? "" } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
  });

  it("answers unknown routes with GitHub's 404 body", async () => {
    for (const path of ["/nope", "/api/v3/nope", "/repos/a/b/c/d/e"]) {
      const answer = await call(sim, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body).toEqual({
        message: "Not Found",
        documentation_url: "https://docs.github.com/rest",
        status: "404",
      });
    }
  });

  it("answers malformed JSON with 400 Problems parsing JSON", async () => {
    const response = await fetch(`${sim.url}/orgs/${sim.organization}/hooks`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.adminToken}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: "Problems parsing JSON", status: "400" });
  });

  it("works with @octokit/core against the GitHub Enterprise Server base URL", async () => {
    const octokit = new Octokit({ auth: sim.adminToken, baseUrl: sim.enterpriseUrl });
    const { data, headers } = await octokit.request("GET /orgs/{org}/repos", {
      org: sim.organization,
      per_page: 100,
    });
    expect(data.length).toBe(
      sim.state.repositoriesOwnedBy(sim.state.findAccount(sim.organization)?.id ?? 0).length,
    );
    expect(data[0]?.url.startsWith(`${sim.enterpriseUrl}/repos/`)).toBe(true);
    expect(headers["x-ratelimit-resource"]).toBe("core");
    const error = await octokit
      .request("GET /repos/{owner}/{repo}", { owner: sim.organization, repo: "missing" })
      .catch((e) => e);
    expect(error.status).toBe(404);
  });
});

describe("unknown routes", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 2 });
  });
  afterAll(() => sim.close());

  it("carry the shared headers, check a presented token first, and need none to be not found", async () => {
    const known = await call(sim, "/orgs/x/teams/y/z");
    expect(known.status).toBe(404);
    expect(known.headers.get("x-ratelimit-resource")).toBe("core");
    expect(known.headers.get("x-github-request-id")).toBeTruthy();
    const enterprise = await call(sim, "/api/v3/nothing/here");
    expect(enterprise.status).toBe(404);
    expect(enterprise.headers.get("x-oauth-scopes")).toBe("admin:org_hook, read:org, read:user, repo");
    expect((await call(sim, "/nothing", { token: "bad" })).status).toBe(401);
    const anonymous = await call(sim, "/nothing", { token: null });
    expect(anonymous.status).toBe(404);
    expect(anonymous.body).toEqual({
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest",
      status: "404",
    });
    const control = await controlAnswer(sim, "GET", "/nothing");
    expect(control.status).toBe(404);
    expect(control.body).toEqual({ message: "no control route GET /_simulator/nothing" });
  });
});
