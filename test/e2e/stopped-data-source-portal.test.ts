import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import {
  MAPPING_OF_AN_OLDER_VERSION,
  STARTING_MAPPING,
  storeDataSourceStoppedByItsMapping,
} from "../support/data-source-stopped-by-its-mapping.js";
import {
  BACKGROUND_TIMEOUT_MS,
  openPortalInChromium,
  type PortalInChromium,
  STEP_TIMEOUT_MS,
} from "../support/portal-in-chromium.js";

const ADMIN_PASSWORD = "stopped data source portal password";
const MAPPING = STARTING_MAPPING;
const BROKEN = MAPPING_OF_AN_OLDER_VERSION;
const ID = "stopped-in-the-portal";

/**
 * A stored data source that does not start because of its mapping, in Chromium: its page says it is not
 * running and why, shows its mapping in the editor with the error at its line, and saving the fixed
 * mapping starts it again, whose first resync then completes.
 */
describe("portal: the mapping of a data source that did not start", () => {
  let github: RunningSimulator;
  let dataDir: string;
  let portal: PortalInChromium;
  let page: Page;
  const settings = () => ({ dataDir, secretKey: Buffer.alloc(32, 9).toString("base64") });

  beforeAll(async () => {
    // The data source's GitHub: the portal's helper starts a simulator of its own, which it does not use.
    github = await startSimulator({ seed: 43, port: 0, logger: false });
    dataDir = mkdtempSync(join(tmpdir(), "portolan-stopped-portal-"));
    const stored = await storeDataSourceStoppedByItsMapping({
      simulator: github,
      name: "Stopped in the portal",
      settings: { adminPassword: ADMIN_PASSWORD, ...settings() },
    });
    expect(stored).toBe(ID);
    portal = await openPortalInChromium({
      seed: 44,
      adminPassword: ADMIN_PASSWORD,
      artifacts: "stopped-data-source",
      settings: settings(),
    });
    ({ page } = portal);
  });
  afterAll(async () => {
    await portal?.close();
    await github?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows it failed, with its mapping in the editor and the error at its line", async () => {
    await page.goto(`${portal.portolan.url}/data-sources/${ID}`);
    const form = page.getByTestId("sign-in");
    await form.locator('input[name="password"]').fill(ADMIN_PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("mapping-restarts").waitFor();
    expect(await page.getByTestId("data-source-status").textContent()).toBe("failed");
    expect(await page.getByTestId("data-source-status").getAttribute("title")).toMatch(
      /^MAPPING_UNKNOWN_KIND: /,
    );
    const editor = page.getByTestId("mapping-text");
    expect(await editor.inputValue()).toBe(BROKEN);
    const problem = page.getByTestId("problem");
    await problem.waitFor();
    expect(await problem.getAttribute("data-code")).toBe("MAPPING_UNKNOWN_KIND");
    expect(await problem.getAttribute("data-line")).toBe(
      String(BROKEN.split("\n").indexOf("  - kind: repositories") + 1),
    );
    expect(await page.getByTestId("save-mapping").isDisabled()).toBe(true);
    await portal.screenshot("1-failed-data-source-mapping");
  });

  it("starts it again once the fixed mapping is saved", { timeout: STEP_TIMEOUT_MS }, async () => {
    await page.getByTestId("mapping-text").fill(MAPPING);
    await page.getByTestId("check-status").getByText("Valid").waitFor();
    await page.getByTestId("save-mapping").click();
    await page.getByTestId("mapping-saved-restarted").waitFor();
    await page.getByTestId("data-source-status").getByText("running").waitFor();
    expect(await page.getByTestId("mapping-restarts").count()).toBe(0);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="resync-row"][data-status="completed"]').length === 2,
      undefined,
      { timeout: BACKGROUND_TIMEOUT_MS },
    );
    expect(portal.portolan.dataSources.dataSource(ID)?.currentMappingText).toBe(MAPPING);
    await portal.screenshot("2-started-again");
  });
});
