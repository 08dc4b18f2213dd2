import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The nearest folder above `start` (a file) holding a package.json: Portolan's own root, whether the
 * module runs from `src/`, `dist/` or a benchmark's `dist/bench/`, which sit at different depths.
 */
export function findPackageRoot(start: string): string {
  let directory = dirname(start);
  while (!existsSync(join(directory, "package.json"))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${start}`);
    directory = parent;
  }
  return directory;
}
