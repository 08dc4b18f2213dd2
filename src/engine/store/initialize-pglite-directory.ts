import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";

/** Creates the cluster and exits: run in a child so its memory goes back to the system with it. */
const INITIALIZE_SCRIPT = `const { PGlite } = require(process.argv[1]);
const pglite = new PGlite(process.argv[2]);
pglite.waitReady.then(() => pglite.close()).catch((error) => { console.error(error); process.exitCode = 1; });`;

/**
 * Runs PGlite's `initdb` on a new data directory in a short-lived child process. In-process, `initdb`
 * starts a second PostgreSQL whose WASM memory the process keeps after it is closed (about 450 MiB of
 * RSS for as long as Portolan runs); reopening an initialized directory does not need it. A directory
 * that already holds a cluster is left alone.
 */
export async function initializePgliteDirectory(dataDirectory: string): Promise<void> {
  if (await exists(join(dataDirectory, "PG_VERSION"))) return;
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  await promisify(execFile)(process.execPath, ["-e", INITIALIZE_SCRIPT, entry, dataDirectory], {
    maxBuffer: 1024 * 1024,
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
