import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import {
  type RunningPortolan,
  type StartPortolanOptions,
  startPortolan,
} from "../../src/cli/start-portolan.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../src/engine/settings/settings-schema.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { launchBrowser } from "./browser.js";

/**
 * How long a page may wait for content that comes from background work against the simulator (a resync,
 * a webhook registration): generous, as CI runs the whole suite on one worker beside other busy
 * processes. Tests wait for content, never for time.
 */
export const BACKGROUND_TIMEOUT_MS = 90_000;
/** A browser test step that waits for up to two such background actions. */
export const STEP_TIMEOUT_MS = 240_000;

export interface PortalInChromiumOptions {
  /** The simulator's seed: each test's own organization. */
  seed: number;
  adminPassword: string;
  /** The folder below test-artifacts/ that keeps this run's screenshots (gitignored), emptied first. */
  artifacts: string;
  /** The settings' integration, made for the running simulator; none starts Portolan without a data source. */
  integration?: (simulator: RunningSimulator) => unknown;
  mapping?: StartPortolanOptions["mapping"];
  /** Further settings; with a `dataDir`, Portolan opens the store there instead of in memory. */
  settings?: Record<string, unknown>;
}

/** A Portolan (in memory unless given a `dataDir`) against the simulator, and one Chromium page to drive its portal. */
export interface PortalInChromium {
  simulator: RunningSimulator;
  portolan: RunningPortolan;
  page: Page;
  /** Where the screenshots go. */
  artifacts: string;
  /** The whole page, saved as `<name>.png` among the artifacts. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * What the portal's browser tests start from. On a failure half-way, what did start is closed before the
 * error is thrown on, so no server or browser outlives the test file.
 */
export async function openPortalInChromium(options: PortalInChromiumOptions): Promise<PortalInChromium> {
  const artifacts = join(import.meta.dirname, "../../test-artifacts", options.artifacts);
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  let simulator: RunningSimulator | undefined;
  let portolan: RunningPortolan | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await portolan?.close();
    await simulator?.close();
  };
  try {
    simulator = await startSimulator({ seed: options.seed, port: 0, logger: false });
    portolan = await startPortolan({
      settings: settingsSchema.parse({
        ...(options.integration && { integration: options.integration(simulator) }),
        port: 0,
        adminPassword: options.adminPassword,
        ...options.settings,
      }),
      logger: silentLogger(),
      ...(options.mapping && { mapping: options.mapping }),
      inMemory: options.settings?.dataDir === undefined,
    });
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    return {
      simulator,
      portolan,
      page,
      artifacts,
      async screenshot(name) {
        const before = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
        await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
        // Chromium's full-page capture puts the scroll position back only at the next layout: if that
        // layout is a click's (its focus change), the page moves between press and release and the click
        // is lost. Put it back now, and wait until it is.
        await page.evaluate(({ x, y }) => window.scrollTo(x, y), before);
        await page.waitForFunction(({ x, y }) => window.scrollX === x && window.scrollY === y, before);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
