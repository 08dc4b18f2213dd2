import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningPortolan } from "../../src/cli/start-portolan.js";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import {
  BACKGROUND_TIMEOUT_MS,
  openPortalInChromium,
  type PortalInChromium,
  STEP_TIMEOUT_MS,
} from "../support/portal-in-chromium.js";

const ADMIN_PASSWORD = "portal only browser password";

/**
 * Portolan served with no GitHub credentials in its settings, set up in Chromium alone: sign in, the
 * Sync page's empty state, a self-hosted data source added in the portal against the simulator, its
 * webhook registration result, then its resync on the Sync page.
 */
describe("set up in the portal only", () => {
  let portal: PortalInChromium;
  let simulator: RunningSimulator;
  let portolan: RunningPortolan;
  let page: Page;
  const screenshot = (name: string) => portal.screenshot(name);

  beforeAll(async () => {
    portal = await openPortalInChromium({
      seed: 23,
      adminPassword: ADMIN_PASSWORD,
      artifacts: "portal-only",
    });
    ({ simulator, portolan, page } = portal);
  });
  afterAll(() => portal?.close());

  it("signs in to a Portolan without data sources and finds the Sync page empty", async () => {
    await page.goto(`${portolan.url}/sync`);
    const form = page.getByTestId("sign-in");
    await form.waitFor();
    await form.locator('input[name="password"]').fill(ADMIN_PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    const empty = page.getByTestId("sync-empty");
    await empty.waitFor();
    expect(await empty.textContent()).toContain("No data source yet.");
    expect(await page.getByTestId("sync-data-source").count()).toBe(0);
    await screenshot("01-sync-empty");
  });

  it("adds a self-hosted data source and shows its webhook registration", {
    timeout: STEP_TIMEOUT_MS,
  }, async () => {
    await page.getByTestId("sync-empty").getByRole("button", { name: "+ Data source" }).click();
    await page.getByTestId("integration-github").click();
    await page.getByTestId("method-self-hosted").click();
    await page.getByRole("tab", { name: "Personal Access Token" }).click();
    await page.locator("#data-source-name").fill("Acme live");
    await page.locator('input[name="githubHost"]').fill(simulator.url);
    await page.locator('input[name="githubOrganization"]').fill(simulator.organization);
    await page.locator('input[name="githubToken"]').fill(simulator.adminToken);
    await page.locator('input[name="webhookSecret"]').fill("portal-only-browser-webhook-secret");
    await page.getByTestId("save-data-source").click();
    await page.waitForURL(/\/data-sources\/acme-live$/);
    const outcome = page.getByTestId("webhook-outcome");
    await outcome.first().waitFor({ timeout: BACKGROUND_TIMEOUT_MS });
    expect(await outcome.first().getAttribute("data-status")).toBe("registered");
    expect(await outcome.first().textContent()).toContain(simulator.organization);
    const organization = simulator.state.findAccount(simulator.organization);
    expect(JSON.stringify(simulator.state.hooksOf(organization?.id ?? -1))).toContain(
      `${portolan.url}/integration/webhook/acme-live`,
    );
    await screenshot("02-webhook-registration");
  });

  it("shows the new data source's resync on the Sync page and its entities in the catalog", {
    timeout: STEP_TIMEOUT_MS,
  }, async () => {
    await page.getByRole("link", { name: "Sync" }).click();
    const picker = page.getByTestId("sync-data-source");
    await picker.waitFor();
    expect(await picker.inputValue()).toBe("acme-live");
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="resync-row"][data-status="completed"]').length === 1,
      undefined,
      { timeout: BACKGROUND_TIMEOUT_MS },
    );
    await screenshot("03-sync");
    await page.getByRole("link", { name: "Catalog" }).click();
    const repositories = page.getByTestId("blueprint-githubRepository").getByTestId("entity-row");
    await repositories.first().waitFor();
    expect(await portolan.catalog.countEntities("acme-live")).toBeGreaterThan(0);
    await screenshot("04-catalog");
  });
});
