import { readFileSync } from "node:fs";

/**
 * Portolan's own version (package.json), e.g. in the User-Agent it sends Port. This module sits
 * at the same depth under `src/` and `dist/`, so the relative path holds in both.
 */
export const PORTOLAN_VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
