import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import type { RunningPortolan } from "../../src/cli/start-portolan.js";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import {
  BACKGROUND_TIMEOUT_MS,
  openPortalInChromium,
  type PortalInChromium,
  STEP_TIMEOUT_MS,
} from "../support/portal-in-chromium.js";

const ADMIN_PASSWORD = "data sources portal password";

/**
 * The seed's installation flow in Chromium: sign in, "+ Data source", GitHub, the installation method,
 * the integration settings (ⓘ from Ocean's spec), a token that is then shown only as ••••••••, the
 * application settings, save; resync and see the entities; the secrets page.
 */
describe("data sources in the portal", () => {
  let portal: PortalInChromium;
  let simulator: RunningSimulator;
  let portolan: RunningPortolan;
  let page: Page;
  const screenshot = (name: string) => portal.screenshot(name);

  beforeAll(async () => {
    portal = await openPortalInChromium({
      seed: 5,
      adminPassword: ADMIN_PASSWORD,
      artifacts: "data-sources",
      integration: (simulator) => ({
        identifier: "github",
        type: "github",
        config: { githubHost: simulator.url, githubToken: simulator.adminToken },
      }),
      mapping: (defaultMapping) => demoMapping(defaultMapping, ["organization"]),
    });
    ({ simulator, portolan, page } = portal);
  });
  afterAll(() => portal?.close());

  it("signs in and lists the data source from settings", async () => {
    await page.goto(`${portolan.url}/data-sources`);
    const form = page.getByTestId("sign-in");
    await form.waitFor();
    await screenshot("01-sign-in");
    await form.locator('input[name="password"]').fill(ADMIN_PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    const row = page.getByTestId("data-source-row");
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().textContent()).toContain("from settings");
    await screenshot("02-data-sources-list");
  });

  it("shows the data source from settings read-only, its token obscured", async () => {
    await page.getByRole("link", { name: "github", exact: true }).click();
    const settings = page.locator(".settings-table");
    await settings.waitFor();
    const token = settings.getByTestId("setting-row-githubToken");
    expect(await token.locator("td").textContent()).toBe("••••••••");
    expect(await page.getByTestId("data-source-form").count()).toBe(0);
    expect(await page.content()).not.toContain(simulator.adminToken);
    await screenshot("03-settings-data-source");
    await page.getByRole("link", { name: "Data sources" }).first().click();
    await page.getByTestId("data-source-row").first().waitFor();
  });

  it("adds a GitHub data source against the simulator, refusing a bad setting at its field first", async () => {
    await page.getByTestId("add-data-source").click();
    await page.getByTestId("integration-github").click();
    await page.getByTestId("method-scheduled").click();
    await page.getByRole("tab", { name: "Personal Access Token" }).click();

    const info = page.getByTestId("info-githubToken");
    await info.hover();
    const tooltip = info.getByRole("tooltip");
    await tooltip.waitFor({ state: "visible" });
    expect(await tooltip.textContent()).toBe(
      "GitHub personal access token with necessary permissions. This is only necessary if the integration is not functioning as an app.",
    );
    await screenshot("04-new-data-source-info");

    await page.locator("#data-source-name").fill("Acme from the portal");
    await page.locator('input[name="githubHost"]').fill(simulator.url);
    await page
      .locator('input[name="githubOrganization"]')
      .fill(`https://github.com/${simulator.organization}`);
    await page.locator('input[name="githubToken"]').fill(simulator.adminToken);
    await page.locator("#resync-interval").selectOption("120");
    await page.getByTestId("save-data-source").click();
    const fieldError = page.getByTestId("field-githubOrganization").getByTestId("field-error");
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/one organization or user login/);
    await screenshot("05-new-data-source-field-error");

    await page.locator('input[name="githubOrganization"]').fill(simulator.organization);
    await page.getByTestId("save-data-source").click();
    await page.waitForURL(/\/data-sources\/acme-from-the-portal$/);
    await page.getByTestId("secret-githubToken").waitFor();
    expect(await page.getByTestId("secret-githubToken").textContent()).toBe("••••••••");
    expect(await page.content()).not.toContain(simulator.adminToken);
    expect(await page.getByTestId("webhook-path").textContent()).toBe(
      "/integration/webhook/acme-from-the-portal",
    );
  });

  it("resyncs it and shows its entities in the catalog", { timeout: STEP_TIMEOUT_MS }, async () => {
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="resync-row"][data-status="completed"]').length === 1,
      undefined,
      { timeout: BACKGROUND_TIMEOUT_MS },
    );
    await page.getByTestId("resync-now").click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="resync-row"][data-status="completed"]').length === 2,
      undefined,
      { timeout: BACKGROUND_TIMEOUT_MS },
    );
    expect(await page.getByTestId("data-source-status").first().textContent()).toBe("running");
    await screenshot("06-data-source-detail");

    await page.getByRole("link", { name: "Catalog" }).click();
    const repositories = page.getByTestId("blueprint-githubRepository").getByTestId("entity-row");
    await repositories.first().waitFor();
    const organization = simulator.state.findAccount(simulator.organization);
    expect(await repositories.count()).toBe(
      simulator.state.repositoriesOwnedBy(organization?.id ?? -1).length,
    );
    expect(await portolan.catalog.countEntities("acme-from-the-portal")).toBeGreaterThan(0);
    await screenshot("07-catalog");
  });

  it("shows each data source's resyncs on the Sync page, chosen with the picker", {
    timeout: STEP_TIMEOUT_MS,
  }, async () => {
    await page.getByRole("link", { name: "Sync" }).click();
    const picker = page.getByTestId("sync-data-source");
    await picker.waitFor();
    expect(await picker.inputValue()).toBe("github");
    await page.getByText("No resync yet.").waitFor();
    await picker.selectOption("acme-from-the-portal");
    await page.waitForURL(/\/sync\/acme-from-the-portal$/);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="resync-row"][data-status="completed"]').length === 2,
      undefined,
      { timeout: BACKGROUND_TIMEOUT_MS },
    );
    expect(await page.getByTestId("event-counts").textContent()).toBe("No delivery received yet.");
    await screenshot("08-sync-picker");
  });

  it("lists the token on the secrets page with the data source that uses it, obscured", async () => {
    await page.getByRole("link", { name: "Secrets" }).click();
    const row = page.locator('[data-testid="secret-row"][data-data-source="acme-from-the-portal"]');
    await row.waitFor();
    expect(await row.getAttribute("data-setting")).toBe("githubToken");
    expect(await row.textContent()).toContain("Acme from the portal");
    expect(await row.textContent()).toContain("••••••••");
    expect(await page.content()).not.toContain(simulator.adminToken);
    await screenshot("09-secrets");
  });
  it("edits the stored data source's mapping on its page: a line error, save applied at once, restore", async () => {
    const id = "acme-from-the-portal";
    await page.getByRole("link", { name: "Data sources" }).first().click();
    await page.getByRole("link", { name: "Acme from the portal" }).click();
    const mapping = page.getByTestId("data-source-mapping");
    await mapping.getByTestId("check-status").getByText("Valid").waitFor();
    const editor = mapping.getByTestId("mapping-text");
    const original = await editor.inputValue();
    expect(original).toBe(portolan.dataSources.dataSource(id)?.currentMappingText);

    const broken = original.replace("- kind: repository", "- kind: repositorie");
    await editor.fill(broken);
    const kindLine = broken.split("\n").findIndex((line) => line.includes("repositorie")) + 1;
    const marked = mapping.getByTestId("marked-line");
    await marked.waitFor();
    expect(await marked.getAttribute("data-line")).toBe(String(kindLine));
    expect(await mapping.getByTestId("problem").first().getAttribute("data-code")).toBe(
      "MAPPING_UNKNOWN_KIND",
    );
    expect(await mapping.getByTestId("save-mapping").isDisabled()).toBe(true);
    await screenshot("10-data-source-mapping-error");

    const changed = original.replace("title: .name\n", "title: .full_name\n");
    expect(changed).not.toBe(original);
    await editor.fill(changed);
    await mapping.getByTestId("check-status").getByText("Valid").waitFor();
    await mapping.getByTestId("save-mapping").click();
    await mapping.getByTestId("notice").getByText("Saved as version 2").waitFor();
    // Applied without a restart, and kept in the stored data source.
    expect(portolan.dataSources.dataSource(id)?.currentMappingText).toBe(changed);
    expect((await portolan.dataSources.get(id)).mapping).toBe(changed);

    const versions = mapping.getByTestId("versions");
    await versions.getByRole("button", { name: "Restore" }).click();
    await mapping.getByTestId("notice").getByText("Version 1 is in the editor").waitFor();
    expect(await editor.inputValue()).toBe(original);
    await mapping.getByTestId("check-status").getByText("Valid").waitFor();
    await mapping.getByTestId("save-mapping").click();
    await mapping.getByTestId("notice").getByText("Saved as version 3").waitFor();
    expect(portolan.dataSources.dataSource(id)?.currentMappingText).toBe(original);
    await versions.locator("tbody tr").nth(2).waitFor();
    await mapping.screenshot({ path: join(portal.artifacts, "11-data-source-mapping-versions.png") });
  });
});
