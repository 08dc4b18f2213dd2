import { access } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

/** Creates the cluster and closes it; the thread's WASM memory goes back to the system when it ends. */
const INITIALIZE_SCRIPT = `const { workerData } = require("node:worker_threads");
const { PGlite } = require(workerData.entry);
const pglite = new PGlite(workerData.dataDirectory);
pglite.waitReady.then(() => pglite.close());`;

/**
 * Runs PGlite's `initdb` on a new data directory in a worker thread. In the main thread, `initdb` starts
 * a second PostgreSQL whose WASM memory the process keeps after it is closed (about 450 MiB of RSS for
 * as long as Portolan runs); a worker's memory is released when the thread ends, and reopening an
 * initialized directory does not need `initdb`. A directory that already holds a cluster is left alone.
 */
export async function initializePgliteDirectory(dataDirectory: string): Promise<void> {
  if (await exists(join(dataDirectory, "PG_VERSION"))) return;
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  await new Promise<void>((resolve, reject) => {
    const worker = new Worker(INITIALIZE_SCRIPT, { eval: true, workerData: { entry, dataDirectory } });
    worker.once("error", reject);
    worker.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`PGlite initdb thread exited with code ${code}`)),
    );
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
