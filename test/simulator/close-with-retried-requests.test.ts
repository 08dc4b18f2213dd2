/**
 * The simulator closes at once after a client retried a request it never answered (a `timeout` fault):
 * Portolan's client gives up, retries on its kept-alive connections and goes on, and closing the
 * simulator must not wait for those connections (it waited until the client let them go: seconds, or
 * for as long as the client lived).
 */
import { expect, it } from "vitest";
import type { IntegrationKind } from "../../src/engine/integration/integration.js";
import { defaultRateLimitPolicy } from "../../src/github/client/rate-limit-policy.js";
import { createGitHubIntegration } from "../../src/github/create-github-integration.js";
import { startSimulator } from "../../src/simulator/start-simulator.js";

it("closes at once after Portolan gave up on a request it never answered and listed on", async () => {
  const sim = await startSimulator({ seed: 10 });
  const integration = await createGitHubIntegration(
    { githubHost: `${sim.url}/`, githubOrganization: sim.organization, githubToken: sim.adminToken },
    { rateLimitPolicy: { ...defaultRateLimitPolicy, retryAfterBaseMs: 1, requestTimeoutMs: 500 } },
  );
  sim.faults.add({ pathPattern: "/orgs/*/repos", fault: "timeout", count: 1 });
  const kind = integration.kinds.find((entry) => entry.name === "repository") as IntegrationKind;
  let listed = 0;
  for await (const page of kind.list({ selector: kind.selectorSchema.parse({}), mappingOptions: {} }))
    listed += page.length;
  expect(sim.faults.list()[0]?.fired).toBe(1);
  expect(listed).toBe(
    sim.state.repositoriesOwnedBy(sim.state.findAccount(sim.organization)?.id ?? -1).length,
  );
  // Hung for good before (the test's own timeout failed it).
  await sim.close();
  await expect(fetch(`${sim.url}/user`)).rejects.toThrow();
});
