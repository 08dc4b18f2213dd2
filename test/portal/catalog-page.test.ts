import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.js";
import { createFixtureApi, type FixtureApi, repositoryEntity } from "./fixture-api.js";
import { type ServedPortal, servePortal } from "./serve-portal.js";

/**
 * The built portal (dist/portal) in a real Chromium against an in-memory catalog API. Needs the
 * build first: `npm test` runs it; alone, `npx vite build --config src/portal/vite.config.ts`.
 */
describe("portal: Catalog page", () => {
  let browser: Browser;
  let api: FixtureApi;
  let portal: ServedPortal;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    api = createFixtureApi();
    portal = await servePortal(api);
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });

  afterEach(async () => {
    if (process.env.PORTAL_SCREENSHOTS === "1") {
      const dir = mkdtempSync(join(tmpdir(), "portolan-portal-"));
      const file = join(dir, `${expect.getState().currentTestName ?? "page"}.png`.replace(/[^\w.-]+/g, "_"));
      await page.screenshot({ path: file, fullPage: true });
      console.log(`screenshot: ${file}`);
    }
    await page?.close();
    await portal?.close();
  });

  const section = (blueprint: string) => page.getByTestId(`blueprint-${blueprint}`);
  const row = (identifier: string) =>
    page.locator(`[data-testid="entity-row"][data-identifier="${identifier}"]`);
  const cell = (identifier: string, column: string) => row(identifier).locator(`td[data-column="${column}"]`);

  it("shows one section per blueprint, in the API's order, with title, identifier and count", async () => {
    await page.goto(portal.url);
    await expect.poll(() => page.getByTestId("entity-row").count()).toBe(3);

    const order = await page
      .locator('section[data-testid^="blueprint-"]')
      .evaluateAll((sections) => sections.map((element) => element.getAttribute("data-testid")));
    expect(order).toEqual([
      "blueprint-githubRepository",
      "blueprint-githubOrganization",
      "blueprint-githubTeam",
    ]);

    const repositories = section("githubRepository");
    await expect.poll(() => repositories.locator("h2").textContent()).toBe("Repository");
    expect(await repositories.locator(".blueprint-identifier").textContent()).toBe("githubRepository");
    expect(await repositories.getByTestId("entity-count").textContent()).toBe("2 entities");
    expect(await section("githubOrganization").getByTestId("entity-count").textContent()).toBe("1 entity");
    expect(await section("githubTeam").getByTestId("entity-count").textContent()).toBe("0 entities");
    expect(await page.title()).toBe("Portolan");
  });

  it("has identifier, title, one column per property and one per relation", async () => {
    await page.goto(portal.url);
    const headers = section("githubRepository").locator("thead th");
    await expect.poll(() => headers.count()).toBe(11);
    expect(await headers.allTextContents()).toEqual([
      "Identifier",
      "Title",
      "URL",
      "README",
      "Language",
      "Topics",
      "Visibility",
      "Last push",
      "settings",
      "Description",
      "Organization",
    ]);
    expect(await section("githubRepository").getByTestId("entity-row").count()).toBe(2);
  });

  it("renders each cell by its type", async () => {
    await page.goto(portal.url);
    await row("repo-a").waitFor();

    expect(await cell("repo-a", "identifier").textContent()).toBe("repo-a");
    expect(await cell("repo-a", "title").textContent()).toBe("repo-a");

    const link = cell("repo-a", "property:url").locator("a");
    expect(await link.getAttribute("href")).toBe("https://github.com/portolan-demo/repo-a");
    expect(await link.textContent()).toBe("https://github.com/portolan-demo/repo-a");

    const readme = cell("repo-a", "property:readme").locator("span");
    expect(await readme.textContent()).toBe("repo-a A demo repository with docs.");
    expect(await readme.getAttribute("title")).toBe(repositoryEntity("repo-a").properties.readme);

    expect(await cell("repo-a", "property:topics").textContent()).toBe("catalog, demo");
    expect(await cell("repo-a", "property:visibility").textContent()).toBe("public");
    expect(await cell("repo-a", "property:lastPush").textContent()).toBe("2026-01-15 09:30 UTC");
    expect(await cell("repo-a", "property:settings").textContent()).toBe('{"archived":false,"forks":3}');
    expect(await cell("repo-a", "property:description").textContent()).toBe("—");
    expect(await cell("repo-a", "relation:organization").textContent()).toBe("portolan-demo");

    // repo-b: a null url, an empty list and absent properties all show the em dash, never a link.
    expect(await cell("repo-b", "property:url").textContent()).toBe("—");
    expect(await cell("repo-b", "property:url").locator("a").count()).toBe(0);
    expect(await cell("repo-b", "property:topics").textContent()).toBe("—");
    expect(await cell("repo-b", "property:readme").textContent()).toBe("—");
    expect(await cell("repo-b", "property:language").textContent()).toBe("Go");
  });

  it("shows the empty state for a blueprint without entities", async () => {
    await page.goto(portal.url);
    const empty = section("githubTeam").getByTestId("empty-state");
    await empty.waitFor();
    expect(await empty.textContent()).toBe("No entities yet — run a resync");
    expect(await section("githubTeam").locator("table").count()).toBe(0);
    expect(await section("githubRepository").getByTestId("empty-state").count()).toBe(0);
  });

  it("shows the API's error for one blueprint and still lists the others", async () => {
    api.failures.set("entities:githubOrganization", {
      status: 503,
      code: "CATALOG_UNAVAILABLE",
      message: "The catalog database is not reachable.",
    });
    await page.goto(portal.url);
    const error = section("githubOrganization").getByTestId("error-message");
    await error.waitFor();
    expect(await error.getAttribute("role")).toBe("alert");
    expect(await error.locator(".error-text").textContent()).toBe("The catalog database is not reachable.");
    expect(await error.locator(".error-code").textContent()).toBe("CATALOG_UNAVAILABLE");
    await row("repo-a").waitFor();
    expect(await section("githubRepository").getByTestId("error-message").count()).toBe(0);
  });

  it("shows the API's error when the blueprints cannot be listed, and recovers on refresh", async () => {
    api.failures.set("blueprints", {
      status: 500,
      code: "STORE_FAILED",
      message: "Reading blueprints failed.",
    });
    await page.goto(portal.url);
    const error = page.getByTestId("error-message");
    await error.waitFor();
    expect(await error.locator(".error-text").textContent()).toBe("Reading blueprints failed.");
    expect(await error.locator(".error-code").textContent()).toBe("STORE_FAILED");
    expect(await page.getByTestId("entity-row").count()).toBe(0);

    api.failures.clear();
    await page.getByTestId("refresh").click();
    await row("repo-a").waitFor();
    expect(await page.getByTestId("error-message").count()).toBe(0);
  });

  it("shows a new entity after Refresh, and by itself within the auto-refresh period", async () => {
    await page.goto(portal.url);
    await row("repo-a").waitFor();

    api.entities.push(repositoryEntity("repo-c"));
    await page.getByTestId("refresh").click();
    await row("repo-c").waitFor();
    expect(await section("githubRepository").getByTestId("entity-count").textContent()).toBe("3 entities");

    api.entities.push(repositoryEntity("repo-d"));
    await row("repo-d").waitFor({ timeout: 8_000 });
    expect(await section("githubRepository").getByTestId("entity-count").textContent()).toBe("4 entities");
  });

  it("answers any non-API path with the app (SPA fallback) and knows its routes", async () => {
    await page.goto(`${portal.url}/catalog`);
    await row("repo-a").waitFor();

    await page.goto(`${portal.url}/no/such/page`);
    await page.getByTestId("not-found").waitFor();
    await page.getByRole("link", { name: "Go to the catalog" }).click();
    await row("repo-a").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
  });

  it("pages through a blueprint with more entities than one page", async () => {
    for (let n = 0; n < 148; n++) api.entities.push(repositoryEntity(`bulk-${String(n).padStart(3, "0")}`));
    await page.goto(portal.url);
    const repositories = section("githubRepository");
    await row("repo-a").waitFor();
    expect(await repositories.getByTestId("entity-count").textContent()).toBe("150 entities");
    expect(await repositories.getByTestId("entity-row").count()).toBe(100);
    const pager = repositories.getByRole("navigation", { name: "Pages" });
    expect(await pager.locator("span").textContent()).toBe("Showing 1–100 of 150");
    expect(await pager.getByRole("button", { name: "Previous" }).isDisabled()).toBe(true);

    await pager.getByRole("button", { name: "Next" }).click();
    await row("bulk-147").waitFor();
    expect(await repositories.getByTestId("entity-row").count()).toBe(50);
    expect(await pager.locator("span").textContent()).toBe("Showing 101–150 of 150");
    expect(await pager.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);
    expect(api.requests).toContain("/api/v1/blueprints/githubRepository/entities?limit=100&offset=100");
    expect(await section("githubOrganization").getByRole("navigation", { name: "Pages" }).count()).toBe(0);
  });

  it("keeps the last data on screen and says so when the server goes away", async () => {
    await page.goto(portal.url);
    await row("repo-a").waitFor();
    await portal.close();
    await page.getByTestId("refresh").click();
    const error = page.locator('[data-testid="error-message"][data-code="PORTAL_UNREACHABLE"]').first();
    await error.waitFor();
    expect(await error.locator(".error-text").textContent()).toContain("Could not reach the Portolan server");
    expect(await row("repo-a").count()).toBe(1);
  });

  it("shows a loading state until the API answers", async () => {
    api.delayMs = 800;
    await page.goto(portal.url);
    await page.getByTestId("loading").first().waitFor();
    expect(await page.getByTestId("loading").first().textContent()).toBe("Loading catalog…");
    await row("repo-a").waitFor();
    expect(await page.getByTestId("loading").count()).toBe(0);
  });

  it("requests entities with limit and offset", async () => {
    await page.goto(portal.url);
    await row("repo-a").waitFor();
    expect(api.requests).toContain("/api/v1/blueprints/githubRepository/entities?limit=100&offset=0");
  });
});
