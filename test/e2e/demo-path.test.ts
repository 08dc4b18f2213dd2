import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDemo, startDemo } from "../../src/cli/demo/run-demo.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { launchBrowser } from "../support/browser.js";
import { controlSimulator } from "../support/simulator-control.js";
import { eventually } from "../support/wait-for.js";

const ADMIN_PASSWORD = "demo path admin password";

interface EntitiesResponse {
  entities: Array<{
    identifier: string;
    properties: Record<string, unknown>;
    relations: Record<string, unknown>;
  }>;
  total: number;
}

/**
 * The walking skeleton end to end on loopback: simulator → webhook registration → resync →
 * catalog → portal in Chromium; then live repository events from the simulator's control API
 * reach the catalog through signed webhooks.
 */
describe("demo path", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let session: string;

  beforeAll(async () => {
    demo = await startDemo(
      {
        once: false,
        json: false,
        dataDir: "",
        port: 0,
        githubPort: 0,
        seed: 7,
        workers: 2,
        inMemory: true,
        adminPassword: ADMIN_PASSWORD,
      },
      silentLogger(),
    );
    browser = await launchBrowser();
    const signIn = await fetch(`${demo.portolan.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
    });
    session = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    // The demo resyncs all 22 kinds first: about 12 s of CPU, longer on a shared machine.
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function repositories(): Promise<EntitiesResponse> {
    const response = await fetch(
      `${demo.portolan.url}/api/v1/blueprints/githubRepository/entities?limit=1000`,
      {
        headers: { cookie: session },
      },
    );
    return (await response.json()) as EntitiesResponse;
  }

  const control = (method: string, path: string, body?: unknown) =>
    controlSimulator(demo.simulator, method, path, body);

  function simulatedRepositories() {
    const organization = demo.simulator.state.findAccount(demo.simulator.organization);
    if (!organization) throw new Error("the simulator has no organization");
    return demo.simulator.state.repositoriesOwnedBy(organization.id);
  }

  it("resyncs the organization and every repository with Ocean's default mapping", async () => {
    const simulated = simulatedRepositories();
    expect(demo.summary.resync.status).toBe("completed");
    expect(demo.summary.kinds.organization).toMatchObject({ upserted: 1, failed: 0 });
    expect(demo.summary.kinds.repository).toMatchObject({ upserted: simulated.length, failed: 0 });
    // Folders (`repo/path`) are mapped onto githubRepository too, as in Ocean's folder mapping.
    const entities = (await repositories()).entities.filter(
      (candidate) => !candidate.identifier.includes("/"),
    );
    expect(entities).toHaveLength(simulated.length);
    const first = simulated[0];
    const entity = entities.find((candidate) => candidate.identifier === first?.name);
    expect(entity?.relations.organization).toBe(demo.simulator.organization);
    expect(entity?.properties.visibility).toBe(first?.visibility === "public" ? "public" : "private");
    expect(entity?.properties.defaultBranch).toBe(first?.defaultBranch);
    const withReadme = entities.filter((candidate) => typeof candidate.properties.readme === "string");
    expect(withReadme.length).toBeGreaterThan(0);
  });

  it("shows only the sign-in page until the admin signs in, then the entities per blueprint", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${demo.portolan.url}/`);
      const form = page.getByTestId("sign-in");
      await form.waitFor();
      expect(await page.getByTestId("entity-row").count()).toBe(0);
      await form.locator('input[name="password"]').fill("wrong password");
      await form.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("wrong username or password").waitFor();
      await form.locator('input[name="password"]').fill(ADMIN_PASSWORD);
      await form.getByRole("button", { name: "Sign in" }).click();
      const repositorySection = page.getByTestId("blueprint-githubRepository");
      await repositorySection.getByTestId("entity-row").first().waitFor();
      const rows = await repositorySection.getByTestId("entity-row").count();
      expect(rows).toBe((await repositories()).total);
      const organizationRow = page.getByTestId("blueprint-githubOrganization").getByTestId("entity-row");
      expect(await organizationRow.getAttribute("data-identifier")).toBe(demo.simulator.organization);
    } finally {
      await page.close();
    }
  });

  // Waited for, not timed: event → catalog latency is the events bench's to measure (bench/events-bench.ts);
  // a one-second deadline here fails by chance on a loaded CI machine running the whole suite.
  it("applies created, renamed, archived and deleted repositories from signed webhooks", async () => {
    const org = demo.simulator.organization;
    await control("POST", `/orgs/${org}/repos`, { name: "live-one", description: "made live" });
    await eventually(async () => {
      const entity = (await repositories()).entities.find((candidate) => candidate.identifier === "live-one");
      expect(entity?.properties.description).toBe("made live");
    });

    await control("PATCH", `/repos/${org}/live-one`, { name: "live-renamed" });
    await eventually(async () => {
      const names = (await repositories()).entities.map((candidate) => candidate.identifier);
      expect(names).toContain("live-renamed");
      expect(names).not.toContain("live-one");
    });

    // An archived repository stays in the catalog, as the resync keeps it (Ocean's delete is not copied).
    await control("PATCH", `/repos/${org}/live-renamed`, { archived: true });
    await eventually(async () => {
      const response = await fetch(`${demo.portolan.url}/api/v1/events?limit=50`, {
        headers: { cookie: session },
      });
      const { recent } = (await response.json()) as {
        recent: Array<{ event: string; action: string | null; status: string }>;
      };
      expect(
        recent.find((delivery) => delivery.event === "repository" && delivery.action === "archived")?.status,
      ).toBe("done");
    });
    expect((await repositories()).entities.map((candidate) => candidate.identifier)).toContain(
      "live-renamed",
    );

    const victim = simulatedRepositories().find((repository) => !repository.archived);
    await control("DELETE", `/repos/${org}/${victim?.name}`);
    await eventually(async () => {
      expect((await repositories()).entities.map((candidate) => candidate.identifier)).not.toContain(
        victim?.name,
      );
    });
    const deliveries = (await control("GET", "/deliveries")) as {
      deliveries: Array<{ statusCode?: number }>;
    };
    expect(deliveries.deliveries.length).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it("shows resync history, starts a resync and lists live events on the Sync page", async () => {
    const context = await browser.newContext();
    const [name, value] = session.split("=");
    await context.addCookies([{ name: name ?? "", value: value ?? "", url: demo.portolan.url }]);
    const page = await context.newPage();
    try {
      await page.goto(`${demo.portolan.url}/sync`);
      await page.getByTestId("resync-row").first().waitFor();
      expect(await page.getByTestId("resync-row").count()).toBe(1);
      await page.getByTestId("start-resync").click();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="resync-row"][data-status="completed"]').length === 2,
      );
      const events = page.getByTestId("event-row");
      await events.first().waitFor();
      expect(await page.getByTestId("event-row").filter({ hasText: "repository.created" }).count()).toBe(1);
      expect(await page.getByTestId("event-row").filter({ hasText: "repository.deleted" }).count()).toBe(1);
    } finally {
      await context.close();
    }
    // The resync it starts covers all 22 kinds of the demo.
  }, 120_000);
});
