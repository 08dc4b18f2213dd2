import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findPackageRoot } from "./find-package-root.js";

/** Portolan's own version (package.json), e.g. in the User-Agent it sends Port. */
export const PORTOLAN_VERSION: string = (
  JSON.parse(readFileSync(join(findPackageRoot(fileURLToPath(import.meta.url)), "package.json"), "utf8")) as {
    version: string;
  }
).version;
