import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { appJwt } from "../support/app-jwt.js";
import { type ApiDescriptionName, OpenApiContract } from "../support/openapi-contract.js";
import { call, type Receiver, startReceiver } from "../support/simulator-http.js";
import { contractExchange } from "./contract-exchange.js";
import {
  addressedById,
  buildContractFixture,
  type ContractFixture,
  repositoryFixtures,
} from "./contract-fixture.js";
import { type ExampleRequest, REST_EXAMPLES, type RouteExamples } from "./rest-examples.js";

/** Routes that are not GitHub's REST API: the control API, raw file downloads, GraphQL (its own test). */
const NOT_REST = [/^\/_simulator(\/|$)/, /^\/:owner\/:repo\/raw\//, /^(\/api)?\/graphql$/];
const ENTERPRISE = "/api/v3";
const REPOSITORY_BY_ID = /^(\w+) \/repositories\/:id(.*)$/;

/** One route to check: its examples, and whether it addresses repositories by id. */
interface CoveredRoute {
  route: string;
  method: string;
  entry: RouteExamples;
  byId: boolean;
}

function restRoutes(sim: RunningSimulator): string[] {
  const keys = sim.routes
    .filter((route) => route.method !== "HEAD")
    .filter((route) => !route.url.startsWith(ENTERPRISE) && !route.url.startsWith("/api/graphql"))
    .filter((route) => !NOT_REST.some((pattern) => pattern.test(route.url)))
    .map((route) => `${route.method} ${route.url}`);
  return [...new Set(keys)].sort();
}

/** The example entry of a route: its own, or for `/repositories/{id}/…` its `/repos/{owner}/{repo}/…` twin's. */
function coverage(route: string): CoveredRoute | undefined {
  const method = route.split(" ")[0] ?? "";
  const own = REST_EXAMPLES[route];
  if (own) return { route, method, entry: own, byId: false };
  const twin = REPOSITORY_BY_ID.exec(route);
  const twinEntry = twin ? REST_EXAMPLES[`${twin[1]} /repos/:owner/:repo${twin[2]}`] : undefined;
  return twinEntry ? { route, method, entry: twinEntry, byId: true } : undefined;
}

describe("REST answers match GitHub's OpenAPI descriptions", () => {
  let sim: RunningSimulator;
  let receiver: Receiver;
  const tokens = new Map<string, string>();
  /** The token an example asks for, made once: a classic PAT (`login`, `scopes`), the App's JWT or an installation token. */
  const tokenFor = async (example: ExampleRequest): Promise<string | undefined> => {
    const { appId, appPrivateKey, installationId } = sim.credentials;
    if (example.credential === "app-jwt") return appJwt(appPrivateKey, { iss: appId });
    if (!example.credential && !example.scopes && !example.login) return undefined;
    const user = example.login ?? fixtures.get("")?.viewer ?? "";
    const scopes = example.scopes ?? ["repo", "read:org"];
    const key = example.credential ?? `${user} ${scopes.join(" ")}`;
    const existing = tokens.get(key);
    if (existing) return existing;
    const made =
      example.credential === "installation"
        ? await call<{ token: string }>(sim, `/app/installations/${installationId}/access_tokens`, {
            method: "POST",
            token: appJwt(appPrivateKey, { iss: appId }),
          })
        : await call<{ token: string }>(sim, "/_simulator/tokens", {
            method: "POST",
            body: { login: user, scopes },
          });
    tokens.set(key, made.body.token);
    return made.body.token;
  };
  const fixtures = new Map<string, ContractFixture>();
  const contracts: Array<{ base: string; contract: OpenApiContract }> = [];

  beforeAll(async () => {
    sim = await startSimulator({ seed: 3 });
    receiver = await startReceiver();
    for (const [base, name] of [
      ["", "api.github.com"],
      [ENTERPRISE, "ghes-3.19"],
    ] as Array<[string, ApiDescriptionName]>) {
      contracts.push({ base, contract: new OpenApiContract(name) });
      const hookUrl = `${receiver.url}?root=${base || "github.com"}`;
      fixtures.set(base, await buildContractFixture(sim, { base: `${sim.url}${base}`, hookUrl }));
    }
  });
  afterAll(async () => {
    await sim?.close();
    await receiver?.close();
  });

  it("has example requests for every REST route the simulator serves, each a documented operation", () => {
    const routes = restRoutes(sim);
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((route) => !coverage(route))).toEqual([]);
    const enterpriseRoutes = new Set(sim.routes.map((route) => `${route.method} ${route.url}`));
    expect(routes.filter((route) => !enterpriseRoutes.has(route.replace(" ", ` ${ENTERPRISE}`)))).toEqual([]);
    // Each operation is in GitHub's descriptions (the public one lacks a few enterprise-only ones).
    const undocumented = Object.values(REST_EXAMPLES)
      .map((entry) => entry.operation)
      .filter((operation) => contracts.every(({ contract }) => !contract.operation(operation)));
    expect(undocumented).toEqual([]);
    expect(Object.keys(REST_EXAMPLES).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it("answers every example, at both roots, with a documented status and a body the schema accepts", async () => {
    const mismatches: string[] = [];
    const routes = restRoutes(sim)
      .map(coverage)
      .filter((covered): covered is CoveredRoute => covered !== undefined);
    for (const { base, contract } of contracts) {
      const plain = fixtures.get(base) as ContractFixture;
      const exchange = contractExchange({ sim, base, contract, mismatches, tokenFor });
      for (const { route, method, entry, byId } of routes) {
        const fixture = byId ? addressedById(plain) : plain;
        const examples = entry.examples(fixture);
        // The ETag and authentication hooks are shared by all routes: one 304 and one 401 per route do.
        let conditionalChecked = false;
        for (const example of examples) {
          const answer = await exchange(entry.operation, method, example);
          const etag = answer.headers.get("etag");
          if (!conditionalChecked && method === "GET" && answer.status === 200 && etag) {
            conditionalChecked = true;
            await exchange(entry.operation, method, { ...example, status: 304 }, { "if-none-match": etag });
          }
        }
        const first = examples[0];
        if (!first) {
          mismatches.push(`${route} has no example`);
          continue;
        }
        if (!byId) {
          const refused = await exchange(entry.operation, method, { ...first, status: 401 }, {}, "ghp_bad");
          const message = (refused.body as { message?: unknown } | undefined)?.message;
          // Endpoints for an App's JWT say why the bearer is no JWT; all others say Bad credentials.
          const expected =
            first.credential === "app-jwt" ? "A JSON web token could not be decoded" : "Bad credentials";
          if (message !== expected) mismatches.push(`${method} ${base}${first.path}: 401 says ${message}`);
        }
        const repositoryRoot = repositoryFixtures(fixture)
          .map((repo) => repo.root)
          .find((root) => first.path.startsWith(`${root}/`) || first.path === root);
        if (repositoryRoot) {
          const missing = byId ? "/repositories/1" : `/repos/${fixture.org}/no-such-repository`;
          await exchange(entry.operation, method, {
            ...first,
            path: first.path.replace(repositoryRoot, missing),
            status: 404,
          });
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("renders every seeded object, in every state, as the description documents", async () => {
    const mismatches: string[] = [];
    const { base, contract } = contracts[0] as { base: string; contract: OpenApiContract };
    const exchange = contractExchange({ sim, base, contract, mismatches, tokenFor });
    const get = (operation: string, path: string) =>
      exchange(`GET ${operation}`, "GET", { path, status: 200 });
    const { state } = sim;
    const org = state.findAccount(sim.organization);
    const R = "/repos/{owner}/{repo}";
    for (const repo of state.repositoriesOwnedBy(org?.id ?? -1)) {
      const root = `/repos/${sim.organization}/${repo.name}`;
      await get(R, root);
      await get(`${R}/collaborators`, `${root}/collaborators?per_page=100`);
      await get(`${R}/teams`, `${root}/teams?per_page=100`);
      await get(`${R}/pulls`, `${root}/pulls?state=all&per_page=100`);
      await get(`${R}/issues`, `${root}/issues?state=all&per_page=100`);
      await get(`${R}/releases`, `${root}/releases?per_page=100`);
      await get(`${R}/tags`, `${root}/tags?per_page=100`);
      await get(`${R}/branches`, `${root}/branches?per_page=100`);
      await get(`${R}/actions/workflows`, `${root}/actions/workflows?per_page=100`);
      await get(`${R}/deployments`, `${root}/deployments?per_page=100`);
      await get(`${R}/environments`, `${root}/environments`);
      if (state.activity.branchesOf(repo.id).length > 0)
        await get(`${R}/commits`, `${root}/commits?per_page=100`);
      for (const pull of state.activity.pullRequestsOf(repo.id)) {
        await get(`${R}/pulls/{pull_number}`, `${root}/pulls/${pull.number}`);
      }
      for (const issue of state.activity.issuesOf(repo.id)) {
        await get(`${R}/issues/{issue_number}`, `${root}/issues/${issue.number}`);
      }
      for (const release of state.activity.releasesOf(repo.id)) {
        await get(`${R}/releases/{release_id}`, `${root}/releases/${release.id}`);
      }
      for (const workflow of state.actions.workflowsOf(repo.id)) {
        await get(
          `${R}/actions/workflows/{workflow_id}/runs`,
          `${root}/actions/workflows/${workflow.id}/runs?per_page=100`,
        );
      }
      for (const deployment of state.deployments.deploymentsOf(repo.id)) {
        await get(
          `${R}/deployments/{deployment_id}/statuses`,
          `${root}/deployments/${deployment.id}/statuses?per_page=100`,
        );
      }
      for (const environment of state.deployments.environmentsOf(repo.id)) {
        const name = encodeURIComponent(environment.name);
        await get(
          `${R}/environments/{environment_name}/variables`,
          `${root}/environments/${name}/variables?per_page=30`,
        );
      }
      const alerts = [
        ["dependabot", "dependabot/alerts", "?state=auto_dismissed,dismissed,fixed,open&per_page=100"],
        ["code-scanning", "code-scanning/alerts", "?per_page=100"],
        ["secret-scanning", "secret-scanning/alerts", "?state=open,resolved&per_page=100"],
      ] as const;
      for (const [kind, path, query] of alerts) {
        if (!state.alertsEnabled(kind, repo.id)) continue;
        await get(`${R}/${path}`, `${root}/${path}${query}`);
        for (const alert of state.alertsOf(kind, repo.id)) {
          await get(`${R}/${path}/{alert_number}`, `${root}/${path}/${alert.number}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("pages with GitHub's Link header and caps per_page at 100, at both roots", async () => {
    const org = sim.state.findAccount(sim.organization);
    const busiest = sim.state
      .repositoriesOwnedBy(org?.id ?? -1)
      .find((repo) => sim.state.activity.pullRequestsOf(repo.id).length > 100);
    if (!busiest) throw new Error("seed 3 has no repository with more than 100 pull requests");
    const total = sim.state.activity.pullRequestsOf(busiest.id).length;
    for (const base of ["", ENTERPRISE]) {
      const api = `${sim.url}${base}`;
      const first = await call<unknown[]>(
        sim,
        `/repos/${sim.organization}/${busiest.name}/pulls?state=all&per_page=250`,
        {
          base: api,
        },
      );
      expect(first.body).toHaveLength(100);
      const next = `${api}/repositories/${busiest.id}/pulls?state=all&per_page=250&page=2`;
      expect(first.headers.get("link")).toBe(`<${next}>; rel="next", <${next}>; rel="last"`);
      const second = await call<unknown[]>(sim, next.slice(api.length), { base: api });
      expect(second.body).toHaveLength(total - 100);
      expect(second.headers.get("link")).toBe(
        `<${api}/repositories/${busiest.id}/pulls?state=all&per_page=250&page=1>; rel="prev", ` +
          `<${api}/repositories/${busiest.id}/pulls?state=all&per_page=250&page=1>; rel="first"`,
      );
    }
  });
});
