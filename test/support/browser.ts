import { type Browser, chromium } from "playwright-core";

/**
 * Flags this machine needs: headless without a sandbox or GPU, and none of Chromium's own background
 * traffic (component updates, sync, QUIC probes) — on a closed network those connections are refused
 * and slow the browser down or make it fail.
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Starts the system Chromium (Debian's `chromium` package, or `CHROMIUM_PATH`) through playwright-core,
 * which ships no browser of its own. The caller closes it.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (error) {
    throw new Error(
      `Could not start Chromium at ${executablePath}. Install it (apt-get install -y chromium) or set ` +
        `CHROMIUM_PATH to a Chromium or Chrome binary. ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
