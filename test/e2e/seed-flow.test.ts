import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningPortolan } from "../../src/cli/start-portolan.js";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import {
  BACKGROUND_TIMEOUT_MS,
  openPortalInChromium,
  type PortalInChromium,
  STEP_TIMEOUT_MS,
} from "../support/portal-in-chromium.js";
import {
  followOrganizationRelationBothWays,
  searchCatalogFor,
  testMappingOnExampleOf,
} from "../support/portal-steps.js";

const ADMIN_PASSWORD = "seed flow browser password";
const DATA_SOURCE_NAME = "Acme GitHub";
const DATA_SOURCE_ID = "acme-github";
/** Long enough for the Sync page (it polls every 2 s) to show the resync running, far below the 60 s request timeout. */
const HELD_LISTING_MS = 8_000;

/**
 * The seed's whole installation flow (shared/seed/github-integration-installation.txt), in order, in
 * Chromium, on a Portolan with no data source in its settings, against the simulator: sign in,
 * "+ Data source", GitHub, the installation method, the integration settings with a token that is then
 * only ever shown as ••••••••, the application settings, save; a resync watched per kind to its end and
 * the sync history; the mapping tested on the stored raw examples, a failing jq expression shown at its
 * field; the catalog browsed and searched; an entity's properties, its relations both ways and the data
 * source that wrote it. Each page is saved as a numbered screenshot.
 */
describe("the seed's flow in the portal", () => {
  let portal: PortalInChromium;
  let simulator: RunningSimulator;
  let portolan: RunningPortolan;
  let page: Page;
  let shot = 0;
  let watched = 0;

  /** The next numbered screenshot, so the files read in the order of the flow. */
  function numbered(name: string): string {
    shot += 1;
    return `${String(shot).padStart(2, "0")}-${name}`;
  }

  async function screenshot(name: string): Promise<void> {
    await portal.screenshot(numbered(name));
  }

  /** The part of a long page that the step is about (a full page of it would be too small to read). */
  async function screenshotOf(locator: Locator, name: string): Promise<void> {
    await locator.screenshot({ path: join(portal.artifacts, `${numbered(name)}.png`) });
  }

  /**
   * Records from now on every element added to or removed from inside a `selector` element (one drawn
   * later included). Read after a click, it tells whether the page held still under the pointer: pressed
   * on one element and released on another (a re-rendered row, a link moved), a click is lost — for a
   * person as for the test.
   */
  async function watchForChanges(selector: string): Promise<() => Promise<string[]>> {
    watched += 1;
    const key = `portolanChanges${watched}`;
    await page.evaluate(
      ({ selector, key }) => {
        const changes: string[] = [];
        (window as unknown as Record<string, string[]>)[key] = changes;
        const describe = (node: Node) => (node instanceof Element ? node.outerHTML.slice(0, 160) : "");
        new MutationObserver((records) => {
          for (const record of records) {
            if (!(record.target instanceof Element) || !record.target.closest(selector)) continue;
            for (const node of record.addedNodes)
              if (node instanceof Element) changes.push(`added ${describe(node)}`);
            for (const node of record.removedNodes) {
              if (node instanceof Element) changes.push(`removed ${describe(node)}`);
            }
          }
        }).observe(document.body, { childList: true, subtree: true });
      },
      { selector, key },
    );
    return () => page.evaluate((key) => (window as unknown as Record<string, string[]>)[key] ?? [], key);
  }

  function completedResyncs(): Locator {
    return page.locator('[data-testid="resync-row"][data-status="completed"]');
  }

  beforeAll(async () => {
    portal = await openPortalInChromium({ seed: 41, adminPassword: ADMIN_PASSWORD, artifacts: "seed-flow" });
    ({ simulator, portolan, page } = portal);
    page.setDefaultTimeout(BACKGROUND_TIMEOUT_MS);
  });
  afterAll(() => portal?.close());

  it(
    "signs in to a Portolan without a data source from settings",
    async () => {
      expect(portolan.dataSources.mappingTargets()).toEqual([]);
      await page.goto(`${portolan.url}/data-sources`);
      const form = page.getByTestId("sign-in");
      await form.waitFor();
      await screenshot("sign-in");
      await form.locator('input[name="password"]').fill(ADMIN_PASSWORD);
      await form.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("No data source yet.").waitFor();
      expect(await page.getByTestId("data-source-row").count()).toBe(0);
      await screenshot("data-sources-empty");
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "adds a GitHub data source: integration, installation method, settings with an obscured token, application settings",
    async () => {
      await page.getByTestId("add-data-source").click();
      await page.waitForURL(/\/data-sources\/new$/);
      await page.getByTestId("integration-github").waitFor();
      await screenshot("choose-integration");

      await page.getByTestId("integration-github").click();
      await page.getByTestId("method-scheduled").waitFor();
      await screenshot("installation-method");

      await page.getByTestId("method-scheduled").click();
      await page.getByRole("tab", { name: "Personal Access Token" }).click();
      await page.locator("#data-source-name").fill(DATA_SOURCE_NAME);
      await page.locator('input[name="githubHost"]').fill(simulator.url);
      await page.locator('input[name="githubOrganization"]').fill(simulator.organization);
      const token = page.locator('input[name="githubToken"]');
      await token.fill(simulator.adminToken);
      // Typed, the token is obscured by the browser (a password field), never shown as text.
      expect(await token.getAttribute("type")).toBe("password");
      await screenshot("integration-settings");

      await page.locator("#resync-interval").selectOption("120");
      expect(await page.locator('input[name="sendRawDataExamples"]').isChecked()).toBe(true);
      await screenshot("application-settings");

      await page.getByTestId("save-data-source").click();
      await page.waitForURL(new RegExp(`/data-sources/${DATA_SOURCE_ID}$`));
      const stored = page.getByTestId("secret-githubToken");
      await stored.waitFor();
      expect(await stored.textContent()).toBe("••••••••");
      expect(await page.content()).not.toContain(simulator.adminToken);
      const answer = await page.evaluate(async (id) => {
        const response = await fetch(`/api/v1/data-sources/${id}`);
        return response.text();
      }, DATA_SOURCE_ID);
      expect(JSON.parse(answer)).toMatchObject({ secrets: { githubToken: "set" } });
      expect(answer).not.toContain(simulator.adminToken);
      await screenshot("data-source-saved");
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "runs a resync, watches it per kind to completion, and shows the sync history",
    async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sync" }).click();
      expect(await page.getByTestId("sync-data-source").inputValue()).toBe(DATA_SOURCE_ID);
      // Saving started the first resync; a second is refused while it runs.
      await completedResyncs().first().waitFor();

      // GitHub answers the repository listing slowly once, so the run can be watched kind by kind.
      simulator.faults.add({
        pathPattern: "/orgs/*/repos",
        method: "GET",
        fault: "timeout",
        delayMs: HELD_LISTING_MS,
        count: 1,
      });
      await page.getByTestId("start-resync").click();
      const running = page.getByTestId("running-resync");
      await running.getByText("Resync running since").waitFor();
      await running.locator('[data-testid="kind-counts"][data-kind="organization"]').waitFor();
      await screenshot("resync-running");

      await expect.poll(() => completedResyncs().count(), { timeout: BACKGROUND_TIMEOUT_MS }).toBe(2);
      await running.getByTestId("last-resync").waitFor();
      const repositories = running.locator('[data-testid="kind-counts"][data-kind="repository"]');
      const count = async (column: string) =>
        Number(await repositories.locator(`[data-column="${column}"]`).textContent());
      expect(await count("seen")).toBeGreaterThan(0);
      expect(await count("failed")).toBe(0);
      expect(await portolan.catalog.countEntities(DATA_SOURCE_ID)).toBeGreaterThan(0);
      await screenshot("sync-history");
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "tests the mapping on the stored raw examples, raw beside entity, and shows a failing field at its place",
    async () => {
      await page
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Data sources" })
        .click();
      await page.getByRole("link", { name: DATA_SOURCE_NAME }).click();
      const mapping = page.getByTestId("data-source-mapping");
      await mapping.getByTestId("check-status").getByText("Valid").waitFor();
      await screenshotOf(mapping, "mapping-editor");

      const testPanel = mapping.getByTestId("mapping-test");
      await testMappingOnExampleOf(testPanel, "repository");
      const firstResult = testPanel.getByTestId("test-result").first();
      await firstResult.waitFor();
      const examples = await portolan.dataSources.dataSource(DATA_SOURCE_ID)?.rawExamples.list("repository");
      expect(examples?.length).toBeGreaterThan(0);
      const example = examples?.[0] as { name: string; html_url: string };
      expect(await firstResult.locator("pre").first().textContent()).toContain(`"name": "${example.name}"`);
      const field = (name: string) =>
        firstResult.locator(`[data-testid="tested-field"][data-field="${name}"]`);
      expect(await field("identifier").locator("code.field-value").textContent()).toBe(example.name);
      expect(await field("properties.url").locator("code.field-value").textContent()).toBe(example.html_url);
      expect(await field("properties.url").getByTestId("field-error").count()).toBe(0);
      await screenshotOf(testPanel, "test-mapping");

      // A jq expression that compiles but fails on every repository: a URL is not a number.
      const editor = mapping.getByTestId("mapping-text");
      const text = await editor.inputValue();
      expect(text).toContain("url: .html_url\n");
      await editor.fill(text.replace("url: .html_url\n", "url: .html_url | tonumber\n"));
      await mapping.getByTestId("check-status").getByText("Valid").waitFor();
      await testPanel.getByTestId("run-test").click();
      const failed = field("properties.url").getByTestId("field-error");
      await failed.waitFor();
      expect(await failed.textContent()).toContain("cannot be parsed as a number");
      expect(await field("properties.url").getAttribute("class")).toContain("field-failed");
      // The other fields still show their values.
      expect(await field("identifier").locator("code.field-value").textContent()).toBe(example.name);
      await screenshotOf(testPanel, "test-mapping-field-error");
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "browses and searches the catalog, opens an entity and follows its relations both ways",
    async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" }).click();
      const repositories = page.getByTestId("blueprint-githubRepository");
      await repositories.getByTestId("entity-row").first().waitFor();
      await screenshot("catalog");
      // Reading one entity: the page holds still (no refetch re-rendering the rows under the pointer).
      await page.getByRole("checkbox", { name: "Auto-refresh" }).uncheck();

      const organizationAccount = simulator.state.findAccount(simulator.organization);
      const target = simulator.state.repositoriesOwnedBy(organizationAccount?.id ?? -1)[0]?.name ?? "";
      expect(target).not.toBe("");
      await searchCatalogFor(repositories, target, BACKGROUND_TIMEOUT_MS);
      // From the moment the results are in, the catalog holds still: the one click below lands.
      const catalogChanges = await watchForChanges(".catalog-page");
      // And each entity page is drawn once, with its blueprint's definition: its links do not move after.
      const entityPageChanges = await watchForChanges('[data-testid="entity-page"]');
      // The section, not the full page: Chromium's full-page capture puts the scroll position back only
      // at the next layout, which the click's own focus change forces — between press and release, so
      // the release landed 141 px off the link and the click was lost (CI, and 2 runs in 3 here).
      await screenshotOf(repositories, "catalog-search");

      await repositories.getByRole("link", { name: target, exact: true }).click();
      expect(await catalogChanges()).toEqual([]);
      await page.waitForURL(new RegExp(`/entities/githubRepository/${encodeURIComponent(target)}$`));
      await page.getByTestId("entity-page").waitFor();
      expect(await page.getByTestId("entity-identifier").textContent()).toBe(target);
      expect(await page.getByTestId("entity-data-source").textContent()).toBe(DATA_SOURCE_ID);
      const url = page.locator('[data-testid="property-row"][data-key="url"]');
      expect(await url.textContent()).toContain(`/${simulator.organization}/${target}`);
      await screenshot("entity");

      expect(await entityPageChanges()).toEqual([]);
      await followOrganizationRelationBothWays(page, simulator.organization, target, {
        atOrganization: () => screenshot("entity-related"),
        afterEachClick: async () => expect(await entityPageChanges()).toEqual([]),
      });
    },
    STEP_TIMEOUT_MS,
  );
});
